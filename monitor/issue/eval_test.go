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

// exact is the baseline: the same vectors and threshold as a Clusterer,
// but each item is compared with every earlier item (with window > 0,
// every earlier item within window of the newest) and joins the issue of
// the most similar one if that similarity reaches the threshold.
type exact struct {
	opts   Options
	stop   stopSet
	window time.Duration
	df     *docFreq
	counts []counted
	vecs   []vector
	at     []time.Time
	issue  []int
	from   int // the first item within the window
	clock  time.Time

	// The inverted form (addInverted): each feature's postings over all
	// earlier items, and an accumulator per item.
	post    map[uint64][]posting
	acc     []float64
	touched []int32
}

type posting struct {
	item int32
	w    float32
}

func newExact(opts Options, window time.Duration) *exact {
	o, err := opts.withDefaults()
	if err != nil {
		panic(err)
	}
	return &exact{opts: o, stop: newStopSet(), window: window, df: newDocFreq(o.Slots, float64(o.HalfLife)), post: map[uint64][]posting{}}
}

func (e *exact) vector(d doc) vector {
	e.counts = features(e.counts, d.an, d.item.Entities, float32(e.opts.TitleWeight), e.stop)
	e.df.count(e.counts)
	return weigh(e.counts, e.df, float32(e.opts.EntityWeight), e.opts.ItemTerms)
}

// join records v and joins the issue of item best if bestSim reaches the
// threshold.
func (e *exact) join(v vector, at time.Time, best int, bestSim float64) int {
	id := len(e.vecs)
	if best >= 0 && bestSim >= e.opts.Threshold {
		id = e.issue[best]
	}
	e.vecs = append(e.vecs, v)
	e.at = append(e.at, at)
	e.issue = append(e.issue, id)
	return id
}

// add compares the doc with every earlier item, one dot product each.
func (e *exact) add(d doc) int {
	v := e.vector(d)
	at := itemTime(d.item, e.clock)
	if at.After(e.clock) {
		e.clock = at
	}
	if e.window > 0 {
		for e.from < len(e.at) && e.at[e.from].Before(e.clock.Add(-e.window)) {
			e.from++
		}
	}
	best, bestSim := -1, 0.0
	for j := e.from; j < len(e.vecs); j++ {
		if s := dot(v, e.vecs[j]); s > bestSim {
			best, bestSim = j, s
		}
	}
	return e.join(v, at, best, bestSim)
}

// addInverted gives the same answer as add without a window, faster: it
// adds up the products of shared features through posting lists, in the
// same order as dot, so the sums are equal to the last bit.
func (e *exact) addInverted(d doc) int {
	v := e.vector(d)
	for _, f := range v {
		for _, p := range e.post[f.h] {
			if e.acc[p.item] == 0 {
				e.touched = append(e.touched, p.item)
			}
			e.acc[p.item] += float64(f.w) * float64(p.w)
		}
	}
	slices.Sort(e.touched)
	best, bestSim := -1, 0.0
	for _, j := range e.touched {
		if s := e.acc[j]; s > bestSim {
			best, bestSim = int(j), s
		}
		e.acc[j] = 0
	}
	e.touched = e.touched[:0]
	item := int32(len(e.vecs))
	for _, f := range v {
		e.post[f.h] = append(e.post[f.h], posting{item, f.w})
	}
	e.acc = append(e.acc, 0)
	return e.join(v, time.Time{}, best, bestSim)
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

// runExact runs the baseline: by brute force, or inverted (same answer,
// without a window only).
func runExact(docs []doc, opts Options, window time.Duration, inverted bool) []int {
	e := newExact(opts, window)
	out := make([]int, len(docs))
	for i, d := range docs {
		if inverted {
			out[i] = e.addInverted(d)
		} else {
			out[i] = e.add(d)
		}
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

// BenchmarkQuality is the long evaluation for docs/benchmarks.md: B-cubed
// figures of every method at thresholds around the default (about ten
// minutes).
func BenchmarkQuality(b *testing.B) {
	docs := loadCorpus(b)
	gold, rules := goldStories(docs)
	b.Logf("corpus: %d docs (%s); gold: %s", len(docs), countBy(docs), describeGold(gold, rules))
	for b.Loop() {
		for _, th := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.5} {
			for _, m := range methods(docs, Options{Threshold: th}) {
				pred := m.run()
				p, r, f := bcubed(pred, gold)
				b.Logf("| %.2f | %s | %.4f | %.4f | %.4f | %d |", th, m.name, p, r, f, distinct(pred))
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
