package issue

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/dedup"
)

func itoa(n int) string { return strconv.Itoa(n) }

// goldSpan is how far apart in time two items of one gold story may be.
const goldSpan = 7 * 24 * time.Hour

// goldStories labels the corpus: two docs within goldSpan of each other
// are one story when
//
//	(a) their normalised titles are equal and have at least 4 words
//	    (bahasa.Fold, verdict tags such as "[SALAH]" or "Keliru:" removed,
//	    everything but letters and digits a space);
//	(b) their canonical URLs are equal (dedup.CanonicalURL);
//	(c) their texts are near duplicates: the Jaccard similarity of their
//	    3-word shingle sets (folded words) is at least 0.5; or
//	(d) their ledes, the first 50 words of the texts, are near duplicates
//	    by the same measure (a syndicated story rewritten after its lede);
//	    or
//	(e) their titles are rewordings: each has at least 4 content words
//	    (folded words of the title that are not stop words) and the
//	    Jaccard similarity of the two sets is at least 0.6;
//
// and stories are closed transitively. It returns the story of each doc
// (the index of its first doc) and how many pairs each rule found.
func goldStories(docs []doc) ([]int, map[string]int) {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	rules := map[string]int{}
	link := func(rule string, i, j int) {
		d := docs[i].item.Published.Sub(docs[j].item.Published)
		if d < -goldSpan || d > goldSpan || i == j {
			return
		}
		rules[rule]++
		a, b := find(i), find(j)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	byKey := func(rule string, key func(doc) string) {
		seen := map[string][]int{}
		for i, d := range docs {
			k := key(d)
			if k == "" {
				continue
			}
			for _, j := range seen[k] {
				link(rule, i, j)
			}
			seen[k] = append(seen[k], i)
		}
	}
	byKey("title", func(d doc) string { return normTitle(d.item.Title) })
	byKey("url", func(d doc) string {
		u, err := dedup.CanonicalURL(d.item.URL)
		if err != nil {
			return ""
		}
		return u
	})
	words := make([][]string, len(docs))
	for i, d := range docs {
		for _, t := range d.an.Text {
			words[i] = append(words[i], t.Folded)
		}
	}
	nearDup("text", words, link)
	for i := range words {
		words[i] = words[i][:min(len(words[i]), 50)]
	}
	nearDup("lede", words, link)
	titleWords(docs, link)
	out := make([]int, len(docs))
	for i := range docs {
		out[i] = find(i)
	}
	return out, rules
}

// titleWords links docs by rule (e), comparing each title with the
// earlier titles within goldSpan that share a content word.
func titleWords(docs []doc, link func(string, int, int)) {
	sets := make([]map[string]bool, len(docs))
	post := map[string][]int{}
	for i, d := range docs {
		set := map[string]bool{}
		for _, w := range strings.Fields(nonWord.ReplaceAllString(bahasa.Fold(d.item.Title), " ")) {
			if len(w) > 1 && !bahasa.IsStopWord(w) {
				set[w] = true
			}
		}
		if len(set) < 4 {
			continue
		}
		sets[i] = set
		cands := map[int]bool{}
		for w := range set {
			for _, j := range post[w] {
				cands[j] = true
			}
			post[w] = append(post[w], i)
		}
		for j := range cands {
			if jaccard(set, sets[j]) >= 0.6 {
				link("words", i, j)
			}
		}
	}
}

var (
	verdictTag    = regexp.MustCompile(`^\s*\[[^\]]*\]\s*`)
	verdictPrefix = regexp.MustCompile(`^(keliru|menyesatkan|sebagian benar|benar|belum ada bukti|hoaks|hoax|salah|disinformasi|misinformasi|penipuan|satire|parodi)\s*:\s*`)
	nonWord       = regexp.MustCompile(`[^\p{L}\p{N}]+`)
)

func normTitle(t string) string {
	t = bahasa.Fold(t)
	t = verdictTag.ReplaceAllString(t, "")
	t = verdictPrefix.ReplaceAllString(t, "")
	t = strings.TrimSpace(nonWord.ReplaceAllString(t, " "))
	if len(strings.Fields(t)) < 4 {
		return ""
	}
	return t
}

// nearDup links the docs whose word sequences have 3-word-shingle Jaccard
// similarity ≥ 0.5: candidates from a dedup.Index at 0.4, verified
// exactly.
func nearDup(rule string, words [][]string, link func(string, int, int)) {
	x, err := dedup.NewIndex(dedup.Options{Threshold: 0.4})
	if err != nil {
		panic(err)
	}
	shingles := make([]map[string]bool, len(words))
	for i, ws := range words {
		if len(ws) < 3 {
			continue
		}
		sk := x.SketchWords(ws)
		for _, m := range x.NearSketch(sk) {
			j, _ := strconv.Atoi(m.ID)
			if shingles[j] == nil {
				shingles[j] = shingleSet(words[j])
			}
			if shingles[i] == nil {
				shingles[i] = shingleSet(ws)
			}
			if jaccard(shingles[i], shingles[j]) >= 0.5 {
				link(rule, i, j)
			}
		}
		x.AddSketch(strconv.Itoa(i), sk)
	}
}

func shingleSet(ws []string) map[string]bool {
	s := map[string]bool{}
	for i := 0; i+3 <= len(ws); i++ {
		s[ws[i]+" "+ws[i+1]+" "+ws[i+2]] = true
	}
	return s
}

func jaccard(a, b map[string]bool) float64 {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// bcubed returns the B-cubed precision, recall and F1 of a clustering
// against gold labels, averaged over the items: an item's precision is the
// share of its predicted cluster in its gold story, its recall the share
// of its gold story in its predicted cluster.
func bcubed[P, G comparable](pred []P, gold []G) (p, r, f float64) {
	type pair struct {
		p P
		g G
	}
	both, np, ng := map[pair]int{}, map[P]int{}, map[G]int{}
	for i := range pred {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	for i := range pred {
		n := float64(both[pair{pred[i], gold[i]}])
		p += n / float64(np[pred[i]])
		r += n / float64(ng[gold[i]])
	}
	p /= float64(len(pred))
	r /= float64(len(pred))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// runOnline clusters docs with a Clusterer and returns each doc's issue;
// exhaustive compares each item with every open issue instead of the
// index's candidates. The docs come from the corpus: an error is a bug.
func runOnline(docs []doc, opts Options, exhaustive bool) []ID {
	c, err := New(opts)
	if err != nil {
		panic(err)
	}
	c.exhaustive = exhaustive
	out := make([]ID, len(docs))
	for i, d := range docs {
		a, err := c.Add(d.item, d.an)
		if err != nil {
			panic(err)
		}
		out[i] = a.Issue
	}
	return out
}

// TestQuality checks the clusterer against the exact baselines on the
// labelled set: its B-cubed F1 must be at least 0.95 times theirs.
func TestQuality(t *testing.T) {
	start := time.Now()
	docs := loadCorpus(t)
	t.Logf("corpus: %d docs (%s), loaded and analysed in %v", len(docs), countBy(docs), time.Since(start).Round(time.Millisecond))
	gold, rules := goldStories(docs)
	t.Logf("gold: %s", describeGold(gold, rules))

	// The inverted baseline is the brute-force one, faster.
	prefix := docs[:min(len(docs), 2000)]
	if a, b := runExact(prefix, Options{}, 0, false), runExact(prefix, Options{}, 0, true); !slices.Equal(a, b) {
		t.Fatalf("inverted exact baseline differs from brute force on the first %d docs", len(prefix))
	}
	runs := methods(docs, Options{})
	runs = slices.DeleteFunc(runs, func(m method) bool { return m.name == "online, every open issue" })
	f1 := make([]float64, len(runs))
	for i, r := range runs {
		t0 := time.Now()
		pred := r.run()
		p, rc, f := bcubed(pred, gold)
		f1[i] = f
		t.Logf("%-32s B-cubed P %.4f R %.4f F1 %.4f, %d issues, %v", r.name, p, rc, f, distinct(pred), time.Since(t0).Round(time.Millisecond))
	}
	for i := 1; i < len(runs); i++ {
		if f1[0] < 0.95*f1[i] {
			t.Errorf("online F1 %.4f < 0.95 × F1 %.4f of %s", f1[0], f1[i], runs[i].name)
		}
	}
}

// method is a way to cluster the corpus, for comparison.
type method struct {
	name string
	run  func() []int
}

// methods are the clusterer, the clusterer comparing every open issue
// (what the index may miss), and the exact baselines.
func methods(docs []doc, opts Options) []method {
	o, _ := opts.withDefaults()
	return []method{
		{"online (index)", func() []int { return ints(runOnline(docs, opts, false)) }},
		{"online, every open issue", func() []int { return ints(runOnline(docs, opts, true)) }},
		{"exact, all earlier items", func() []int { return runExact(docs, opts, 0, true) }},
		{"exact, earlier items in window", func() []int { return runExact(docs, opts, o.Window, false) }},
	}
}

// probe is one event chosen by hand, to see how a threshold groups the
// reports of one event, which the gold stories (copies) cannot show: the
// docs whose title matches pattern, published within [from, to] (WIB
// dates), are its reports.
type probe struct {
	name, pattern, from, to string
}

var probes = []probe{
	{"ministers to ride Maung cars (detik)", `\bmaung\b`, "2025-10-20", "2025-10-22"},
	{"death of a Unud student (detik)", `\bunud\b`, "2025-10-20", "2025-10-21"},
	{"death of Prada Lucky (Tempo)", `prada lucky`, "2025-08-08", "2025-08-12"},
	{"diplomat Arya Daru found dead (Tempo)", `arya daru`, "2025-07-10", "2025-07-12"},
	{"diplomat Arya Daru, police findings (Tempo)", `arya daru`, "2025-07-25", "2025-07-30"},
	{"nickel mining in Raja Ampat (Tempo, CNN, Kompas, Detik)", `raja ampat|pulau gag`, "2025-06-11", "2025-06-12"},
	{"KPK arrests the regent of Kolaka Timur (detik, Tempo)", `kolaka timur`, "2025-08-07", "2025-08-12"},
	{"Elon Musk leaves the Trump administration (CNN, Kompas, Detik)", `elon musk`, "2025-05-29", "2025-05-30"},
	{"Zohran Mamdani and Trump (CNN, Kompas, Detik)", `mamdani`, "2025-07-02", "2025-07-03"},
	{"head of Agrinas Pangan resigns (Tempo)", `agrinas`, "2025-08-12", "2025-08-12"},
	{"judge Khamozaro's house burnt (Tempo)", `khamozaro|rumah hakim`, "2025-11-07", "2025-11-08"},
}

// probeFigures returns, over all probes, the reports, the issues they
// fall into beyond one per probe (fragments), and the other items those
// issues hold (which may be further reports whose titles lack the words,
// or other stories).
func probeFigures(docs []doc, pred []int) (reports, fragments, others int) {
	size := map[int]int{}
	for _, p := range pred {
		size[p]++
	}
	for _, pr := range probes {
		re := regexp.MustCompile(pr.pattern)
		from, _ := time.ParseInLocation("2006-01-02", pr.from, wib)
		to, _ := time.ParseInLocation("2006-01-02", pr.to, wib)
		to = to.Add(24 * time.Hour)
		issues := map[int]int{}
		for i, d := range docs {
			at := d.item.Published
			if !at.Before(from) && at.Before(to) && re.MatchString(strings.ToLower(d.item.Title)) {
				issues[pred[i]]++
				reports++
			}
		}
		fragments += len(issues) - 1
		for id, n := range issues {
			others += size[id] - n
		}
	}
	return reports, fragments, others
}

// BenchmarkQuality is the long evaluation for docs/benchmarks.md: B-cubed
// figures of every method at thresholds around the default, and for the
// hand-picked event probes the reports, the extra issues they fall into
// and the other items of those issues (a few minutes).
func BenchmarkQuality(b *testing.B) {
	docs := loadCorpus(b)
	gold, rules := goldStories(docs)
	b.Logf("corpus: %d docs (%s); gold: %s", len(docs), countBy(docs), describeGold(gold, rules))
	for b.Loop() {
		for _, th := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.5} {
			for _, m := range methods(docs, Options{Threshold: th}) {
				pred := m.run()
				p, r, f := bcubed(pred, gold)
				n, frag, others := probeFigures(docs, pred)
				b.Logf("| %.2f | %s | %.4f | %.4f | %.4f | %d | %d: %d, %d |", th, m.name, p, r, f, distinct(pred), n, frag, others)
			}
		}
	}
}

func ints[T ~int64](xs []T) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x)
	}
	return out
}

func distinct[T comparable](xs []T) int {
	m := map[T]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return len(m)
}

func describeGold(gold []int, rules map[string]int) string {
	size := map[int]int{}
	for _, g := range gold {
		size[g]++
	}
	multi, inMulti := 0, 0
	for _, n := range size {
		if n > 1 {
			multi++
			inMulti += n
		}
	}
	return fmt.Sprintf("%d stories, %d with 2 or more items holding %d items; pairs by rule: (a) title %d, (b) url %d, (c) text %d, (d) lede %d, (e) title words %d",
		len(size), multi, inMulti, rules["title"], rules["url"], rules["text"], rules["lede"], rules["words"])
}
