// Package match finds the known hoaxes a text resembles: Tangkal's
// matcher, run on every monitored item, every citizen's check and every
// new registry entry.
//
// A text is reduced to its content words (bahasa roots, so "vaksinnya",
// "divaksin" and "vaksin" are one word; slang, elongation and styled
// letters are normalised before stemming; "dua puluh lima" is "25";
// "Prabowo-Gibran" and "Rp20 triliun" are their words, as written apart,
// "19jt" is "19 juta" and "12.000" is "12000"; a form the registry does
// not hold is looked up without its affixes, with its digits read as
// letters ("rus4k" as "rusak") and, when it is one slip from exactly one
// registry word, as that word ("rohingnya" as "rohingya")), its names of
// several words, and its shingles: the unordered pairs of
// neighbouring content words, which keep some of the word order while
// surviving reordering. Words weigh their inverse document frequency in
// the registry, so a claim's rare words ("rohingya", "sidoarjo") count
// more than the words many hoaxes share ("presiden", "viral"); a name
// counts once however many words it has.
//
// The similarity of a text T and a registry entry E mixes three parts:
//
//   - how much of E's weight T covers and how much of T's weight E covers,
//     combined as a geometric mean (the cosine of binary vectors). An
//     entry's title is also compared alone, so that a post repeating a
//     claim's headline matches it as well as one repeating its narrative;
//   - the shingles they share, over the smaller of the two shingle sets;
//   - a recency factor (an entry seen recently is likelier to be back
//     than one unseen for years) and a region factor (same province or
//     not), each a few per cent, enough to order near-equal entries.
//
// Words weigh less when the monitored stream holds them often (Observe,
// background.go): a topic of the day is not a claim.
//
// Two thresholds turn a score into a decision: Suggested (shown to an
// analyst as "mirip") and Confirmed (recorded as an appearance and, for an
// active hoax, alerted). A text of fewer than ShortText distinct content
// words is never confirmed, whatever its score: a short message ("vaksin itu
// haram") resembles too many things.
//
// An Index is safe for concurrent use; adding or removing an entry
// updates the postings and the weights without rebuilding.
package match

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/query"
)

// Decision is what a score means.
type Decision string

// The decisions.
const (
	Confirmed Decision = "confirmed"
	Suggested Decision = "suggested"
	None      Decision = "none"
)

// Defaults of Options.
const (
	DefaultConfirm = 0.6
	DefaultSuggest = 0.3
	// ShortText is the fewest distinct content words a text needs to be
	// confirmed (a headline repeated as the lead is as short as it was).
	ShortText = 8
	// minShared is the fewest content words a confirmed match shares.
	minShared = 4
)

// Options tune an Index.
type Options struct {
	// Confirm and Suggest are the score thresholds of the decisions.
	Confirm, Suggest float64
}

// Entry is a registry entry as the matcher sees it.
type Entry struct {
	ID   int64
	Text Text
	// Title, when the entry has one beside a longer text, is also
	// compared alone: a post that repeats a claim's headline matches it
	// as well as one that repeats its narrative. Its words must be among
	// Text's.
	Title []query.AnalyzedTerm
	// Seen is when the entry was last seen circulating (its newest
	// appearance, else its first appearance or review); zero when unknown.
	Seen time.Time
}

// Result is one entry a text resembles.
type Result struct {
	ID       int64
	Score    float64
	Decision Decision
	// Words are the shared content words, as the text wrote them, the
	// rarest first (at most 8): what the alert shows as having matched.
	Words []string
	// Shared counts the content words and entities the two share.
	Shared int
}

// Index holds the registry's entries.
type Index struct {
	opts Options
	stop bahasa.StopSet

	mu        sync.RWMutex
	bg        *background
	bgFactor  []float64 // by word: the background's factor
	words     []string  // by word ID
	vocab     map[string]uint32
	spellings spellings // the vocabulary by spelling, for misspelt words
	df        []int32   // live entries holding each word
	idf       []float64 // by word, for the current live count
	postings  [][]int32 // slots of the entries holding each word
	shingles  map[string]uint32
	// shinglePostings are the slots of the entries holding each shingle.
	shinglePostings [][]int32
	entries         []*entry // by slot; nil when removed
	slots           map[int64]int32
	free            []int32
	live            int
	pool            sync.Pool // *scratch
}

type entry struct {
	id    int64
	words []uint32 // sorted
	group []uint8  // by word: the name it belongs to (features.group)
	// The title's words (sorted) and their names, when the text is
	// longer than the title, and their weight.
	titleWords []uint32
	titleGroup []uint8
	titleNorm  float64
	shingles   []uint32 // sorted
	regions    []string // provinces (two-digit codes)
	seen       time.Time
	norm       float64 // sum of the words' idf
}

// scratch is one match's accumulator, reused.
type scratch struct {
	acc     []float64
	shared  []int32 // words shared, by slot
	sh      []int32 // shingles shared, by slot
	touched []int32
}

// New returns an empty index.
func New(opts Options) *Index {
	opts.Confirm = cmp.Or(opts.Confirm, DefaultConfirm)
	opts.Suggest = cmp.Or(opts.Suggest, DefaultSuggest)
	return &Index{
		opts: opts, stop: bahasa.StopWords(false),
		vocab: map[string]uint32{}, spellings: spellings{}, shingles: map[string]uint32{}, slots: map[int64]int32{}, bg: newBackground(),
	}
}

// Options returns the index's thresholds.
func (ix *Index) Options() Options { return ix.opts }

// Len returns the number of entries.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Replace replaces every entry with es, keeping what the index has
// observed of the stream (Observe).
func (ix *Index) Replace(es ...Entry) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.vocab, ix.words, ix.bgFactor, ix.df, ix.idf, ix.postings = map[string]uint32{}, nil, nil, nil, nil, nil
	ix.spellings = spellings{}
	ix.shingles, ix.shinglePostings = map[string]uint32{}, nil
	ix.entries, ix.slots, ix.free, ix.live = nil, map[int64]int32{}, nil, 0
	ix.add(es)
}

// Add adds entries, replacing those of the same IDs.
func (ix *Index) Add(es ...Entry) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.add(es)
}

func (ix *Index) add(es []Entry) {
	for _, e := range es {
		ix.remove(e.ID)
		f := extract(e.Text, ix.stop)
		en := &entry{id: e.ID, seen: e.Seen, regions: provinces(e.Text.Regions)}
		ws := make([]grouped, len(f.words))
		for i, w := range f.words {
			id, ok := ix.vocab[w]
			if !ok {
				id = uint32(len(ix.df))
				ix.vocab[w] = id
				ix.words = append(ix.words, w)
				ix.spellings.add(w, id)
				ix.bgFactor = append(ix.bgFactor, ix.bg.factors([]string{w})[0])
				ix.df = append(ix.df, 0)
				ix.postings = append(ix.postings, nil)
			}
			ws[i] = grouped{id, f.group[i]}
		}
		slices.SortFunc(ws, func(a, b grouped) int { return cmp.Compare(a.id, b.id) })
		for _, w := range ws {
			en.words = append(en.words, w.id)
			en.group = append(en.group, w.group)
		}
		for _, s := range f.shingles {
			id, ok := ix.shingles[s]
			if !ok {
				id = uint32(len(ix.shingles))
				ix.shingles[s] = id
				ix.shinglePostings = append(ix.shinglePostings, nil)
			}
			en.shingles = append(en.shingles, id)
		}
		en.shingles = sortedUnique(en.shingles)
		if len(e.Title) > 0 {
			tf := extract(Text{Terms: e.Title, Entities: e.Text.Entities}, ix.stop)
			var title []grouped
			for i, w := range tf.words {
				if id, ok := ix.vocab[w]; ok {
					title = append(title, grouped{id, tf.group[i]})
				}
			}
			slices.SortFunc(title, func(a, b grouped) int { return cmp.Compare(a.id, b.id) })
			if len(title) < len(en.words) { // else the whole text is the title
				for _, w := range title {
					en.titleWords = append(en.titleWords, w.id)
					en.titleGroup = append(en.titleGroup, w.group)
				}
			}
		}
		var slot int32
		if n := len(ix.free); n > 0 {
			slot, ix.free = ix.free[n-1], ix.free[:n-1]
			ix.entries[slot] = en
		} else {
			slot = int32(len(ix.entries))
			ix.entries = append(ix.entries, en)
		}
		ix.slots[e.ID] = slot
		for _, w := range en.words {
			ix.df[w]++
			ix.postings[w] = append(ix.postings[w], slot)
		}
		for _, sh := range en.shingles {
			ix.shinglePostings[sh] = append(ix.shinglePostings[sh], slot)
		}
		ix.live++
	}
	ix.reweigh()
}

// Seen returns when the entry of id was last seen (Entry.Seen), and false
// when the index holds no such entry.
func (ix *Index) Seen(id int64) (time.Time, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	slot, ok := ix.slots[id]
	if !ok {
		return time.Time{}, false
	}
	return ix.entries[slot].seen, true
}

// Remove removes the entries of the IDs; unknown IDs are ignored.
func (ix *Index) Remove(ids ...int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range ids {
		ix.remove(id)
	}
	ix.reweigh()
}

func (ix *Index) remove(id int64) {
	slot, ok := ix.slots[id]
	if !ok {
		return
	}
	en := ix.entries[slot]
	for _, w := range en.words {
		ix.df[w]--
		p := ix.postings[w]
		if i := slices.Index(p, slot); i >= 0 {
			ix.postings[w] = slices.Delete(p, i, i+1)
		}
	}
	for _, sh := range en.shingles {
		p := ix.shinglePostings[sh]
		if i := slices.Index(p, slot); i >= 0 {
			ix.shinglePostings[sh] = slices.Delete(p, i, i+1)
		}
	}
	ix.entries[slot] = nil
	ix.free = append(ix.free, slot)
	delete(ix.slots, id)
	ix.live--
}

// reweigh recomputes the words' IDF and the entries' norms after a
// change: linear in the postings, a few milliseconds at 10,000 entries.
func (ix *Index) reweigh() {
	if cap(ix.idf) < len(ix.df) {
		ix.idf = make([]float64, len(ix.df), len(ix.df)*5/4+16)
	}
	ix.idf = ix.idf[:len(ix.df)]
	for w, df := range ix.df {
		ix.idf[w] = ix.weight(int(df)) * ix.bgFactor[w]
	}
	for _, en := range ix.entries {
		if en == nil {
			continue
		}
		en.norm = ix.norm(en.words, en.group)
		en.titleNorm = ix.norm(en.titleWords, en.titleGroup)
	}
}

// grouped is a word with the name it belongs to.
type grouped struct {
	id    uint32
	group uint8
}

// norm is the weight of words: each word's IDF, a name's words counting
// once, at the weight of the rarest.
func (ix *Index) norm(words []uint32, group []uint8) float64 {
	var sum float64
	var names [256]float64
	for i, w := range words {
		if g := group[i]; g > 0 {
			names[g] = max(names[g], ix.idf[w])
			continue
		}
		sum += ix.idf[w]
	}
	for _, v := range names {
		sum += v
	}
	return sum
}

// weight is the smoothed IDF of a word in df of the live entries.
func (ix *Index) weight(df int) float64 {
	return math.Log(float64(ix.live+1)/float64(df+1)) + 1
}

// Match returns up to limit entries t resembles at least as much as the
// Suggest threshold, best first.
func (ix *Index) Match(t Text, limit int) []Result {
	return ix.search(t, limit, ix.opts.Suggest)
}

// Nearest returns the entry t resembles most, however little, with its
// decision (None under the Suggest threshold); false when t shares no
// content word with any entry.
func (ix *Index) Nearest(t Text) (Result, bool) {
	rs := ix.search(t, 1, 0)
	if len(rs) == 0 {
		return Result{}, false
	}
	return rs[0], true
}

// search returns up to limit entries scoring at least floor, best first.
func (ix *Index) search(t Text, limit int, floor float64) []Result {
	f := extract(t, ix.stop)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.live == 0 || len(f.words) == 0 {
		return nil
	}
	sc, _ := ix.pool.Get().(*scratch)
	if sc == nil || len(sc.acc) < len(ix.entries) {
		n := len(ix.entries) + 64
		sc = &scratch{acc: make([]float64, n), shared: make([]int32, n), sh: make([]int32, n)}
	}
	defer func() {
		for _, s := range sc.touched {
			sc.acc[s], sc.shared[s], sc.sh[s] = 0, 0, 0
		}
		sc.touched = sc.touched[:0]
		ix.pool.Put(sc)
	}()

	unseen := ix.weight(0)
	normT := 0.0
	var names [256]float64
	known := make([]grouped, 0, len(f.words))
	taken := make(map[uint32]bool, len(f.words))
	for i, w := range f.words {
		weight := unseen
		id, ok := ix.lookup(w)
		if ok && taken[id] {
			continue // another form of a word already counted
		}
		taken[id] = ok
		if ok && ix.df[id] > 0 {
			weight = ix.idf[id]
			known = append(known, grouped{id, f.group[i]})
		}
		if g := f.group[i]; g > 0 {
			names[g] = max(names[g], weight)
		} else {
			normT += weight
		}
		if !ok || ix.df[id] == 0 {
			continue
		}
		for _, slot := range ix.postings[id] {
			if sc.shared[slot] == 0 {
				sc.touched = append(sc.touched, slot)
			}
			sc.acc[slot] += ix.idf[id]
			sc.shared[slot]++
		}
	}
	for _, v := range names {
		normT += v
	}
	for _, s := range f.shingles {
		id, ok := ix.shingles[s]
		if !ok {
			continue
		}
		for _, slot := range ix.shinglePostings[id] {
			if sc.shared[slot] == 0 { // shares a shingle, so a word too
				continue
			}
			sc.sh[slot]++
		}
	}
	provs := provinces(t.Regions)

	// Bound each candidate from above with what the postings counted
	// (the shared words' summed weights, names not yet counted once, and
	// the exact shingles), then score exactly, best bound first, until no
	// bound can beat the limit-th score.
	type candidate struct {
		slot  int32
		bound float64
	}
	cands := make([]candidate, 0, len(sc.touched))
	for _, slot := range sc.touched {
		en := ix.entries[slot]
		term := similarity(sc.acc[slot], en.norm, normT)
		if len(en.titleWords) > 0 {
			term = max(term, similarity(min(sc.acc[slot], en.titleNorm), en.titleNorm, normT))
		}
		bound := min((termWeight*term+shingleWeight*shingleShare(int(sc.sh[slot]), len(f.shingles), len(en.shingles)))*maxBoost, 1)
		if bound >= floor && bound > 0 {
			cands = append(cands, candidate{slot, bound})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(b.bound, a.bound) })
	query := make(map[uint32]uint8, len(known))
	for _, w := range known {
		query[w.id] = w.group
	}
	var out []Result
	for _, c := range cands {
		if limit > 0 && len(out) >= limit && c.bound < out[limit-1].Score {
			break
		}
		en := ix.entries[c.slot]
		overlap, shared := ix.overlap(query, en.words, en.group)
		sh := shingleShare(int(sc.sh[c.slot]), len(f.shingles), len(en.shingles))
		factor := recency(en.seen, t.At) * region(en.regions, provs)
		score := min((termWeight*similarity(overlap, en.norm, normT)+shingleWeight*sh)*factor, 1)
		if len(en.titleWords) > 0 {
			// The headline alone confirms only when the text repeats all
			// of it: a report that shares its topic but not its point
			// ("rekrutmen pegawai koperasi" without the fake "tautan")
			// is at most suggested by it.
			o, _ := ix.overlap(query, en.titleWords, en.titleGroup)
			title := min((termWeight*similarity(o, en.titleNorm, normT)+shingleWeight*sh)*factor, 1)
			if o < en.titleNorm*(1-1e-9) {
				title = min(title, math.Nextafter(ix.opts.Confirm, 0))
			}
			score = max(score, title)
		}
		if score < floor || score == 0 {
			continue
		}
		r := Result{ID: en.id, Score: score, Shared: shared, Decision: None}
		switch {
		case score >= ix.opts.Confirm && !f.short && r.Shared >= minShared:
			r.Decision = Confirmed
		case score >= ix.opts.Suggest:
			r.Decision = Suggested
		}
		i, _ := slices.BinarySearchFunc(out, r, func(a, b Result) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
		})
		out = slices.Insert(out, i, r)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i].Words = ix.sharedWords(t, known, ix.entries[ix.slots[out[i].ID]])
	}
	return out
}

// shingleShare is the shingle part of the score: the shared shingles over
// the smaller of the two sets.
func shingleShare(shared, text, entry int) float64 {
	if n := min(text, entry); n > 0 {
		return float64(shared) / float64(n)
	}
	return 0
}

// similarity is the term part of the score: the shares of the entry's
// and of the text's weight that the shared words cover, combined as a
// geometric mean: a text resembles an entry as much as it covers it and
// is covered by it.
func similarity(overlap, normE, normT float64) float64 {
	if overlap <= 0 {
		return 0
	}
	return overlap / math.Sqrt(normE*normT)
}

// overlap returns the weight of the words the text (known, its words in
// the vocabulary) shares with an entry, a name counting once on either
// side, and how many distinct words and names are shared.
func (ix *Index) overlap(query map[uint32]uint8, words []uint32, group []uint8) (float64, int) {
	var sum float64
	n := 0
	type pair struct{ e, t uint8 }
	var names map[pair]float64
	for i, w := range words {
		gt, ok := query[w]
		if !ok {
			continue
		}
		ge := group[i]
		if ge == 0 && gt == 0 {
			sum += ix.idf[w]
			n++
			continue
		}
		if names == nil {
			names = map[pair]float64{}
		}
		k := pair{ge, gt}
		names[k] = max(names[k], ix.idf[w])
	}
	for _, v := range names {
		sum += v
		n++
	}
	return sum, n
}

// The parts of the score.
const (
	termWeight    = 0.75
	shingleWeight = 0.25
	maxBoost      = 1.1 * 1.05 // the largest recency × region factor
)

// recency weighs an entry by how long before the text it was last seen:
// 1.1 within a month, falling to 1 at a year, 0.95 beyond two years.
func recency(seen, at time.Time) float64 {
	if seen.IsZero() || at.IsZero() {
		return 1
	}
	days := at.Sub(seen).Hours() / 24
	switch {
	case days < 30:
		return 1.1
	case days < 365:
		return 1.1 - 0.1*(days-30)/335
	case days < 730:
		return 1
	}
	return 0.95
}

// region weighs an entry by its provinces against the text's: 1.05 when
// they share one, 0.97 when both name provinces and share none, else 1.
func region(entry, text []string) float64 {
	if len(entry) == 0 || len(text) == 0 {
		return 1
	}
	for _, p := range text {
		if slices.Contains(entry, p) {
			return 1.05
		}
	}
	return 0.97
}

// provinces returns the distinct provinces (the first two digits) of
// region codes.
func provinces(codes []string) []string {
	var out []string
	for _, c := range codes {
		if len(c) >= 2 && !slices.Contains(out, c[:2]) {
			out = append(out, c[:2])
		}
	}
	return out
}

// lookup finds a word in the vocabulary, or else the word the stemmer
// should have made of it: a form it did not know ("membombardir",
// "mikronya") stripped of the affixes Indonesian adds, when what remains
// is a word of the registry ("bombardir", "mikro"); or else the one
// registry word it is a slip of the keyboard away from (spelling.go). The
// caller holds ix.mu.
func (ix *Index) lookup(w string) (uint32, bool) {
	if id, ok := ix.vocab[w]; ok {
		return id, true
	}
	if strings.ContainsAny(w, "0123456789") {
		plain, ok := unleet(w)
		if !ok {
			return 0, false
		}
		if id, ok := ix.vocab[plain]; ok {
			return id, true
		}
		w = plain
	}
	if len(w) < 6 {
		return 0, false
	}
	for _, c := range looseRoots(w) {
		if id, ok := ix.vocab[c]; ok && len(c) >= 4 {
			return id, true
		}
	}
	return ix.spellings.find(w, ix.words, ix.df)
}

// unleet reads a word whose letters are partly written as digits to slip
// past filters ("rus4k", "ng4muk", "m3ningg4l") as letters; false for a
// word of another shape ("5g", "covid19", "2024").
func unleet(w string) (string, bool) {
	letters := 0
	b := []byte(w)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c >= '0' && c <= '9':
			l := leet[c-'0']
			if l == 0 || i == 0 || i == len(b)-1 { // a digit inside the word only
				return "", false
			}
			b[i] = l
		default:
			return "", false
		}
	}
	return string(b), letters >= 3
}

// leet are the letters digits stand for in such words (0 for none).
var leet = [10]byte{'o', 'i', 0, 'e', 'a', 's', 0, 't', 0, 'g'}

// looseRoots are the candidate roots of a word the stemmer left whole,
// most likely first: without a suffix, without a prefix (a nasal prefix
// giving back the consonant it replaced: menulis → tulis), without both.
func looseRoots(w string) []string {
	var stems []string
	for _, suf := range []string{"nya", "kan", "lah", "kah", "an", "i"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			stems = append(stems, s)
		}
	}
	out := slices.Clone(stems)
	for _, s := range append([]string{w}, stems...) {
		for _, p := range prefixes {
			rest, ok := strings.CutPrefix(s, p.prefix)
			if !ok || len(rest) < 3 {
				continue
			}
			for _, first := range p.restore {
				out = append(out, first+rest)
			}
		}
	}
	return out
}

// prefixes are Indonesian's verbal and nominal prefixes, longest first,
// each with the initial letters its nasal may have replaced ("" for
// none).
var prefixes = []struct {
	prefix  string
	restore []string
}{
	{"meng", []string{"", "k"}}, {"peng", []string{"", "k"}}, {"meny", []string{"s"}}, {"peny", []string{"s"}},
	{"mem", []string{"", "p"}}, {"pem", []string{"", "p"}}, {"men", []string{"", "t"}}, {"pen", []string{"", "t"}},
	{"ber", []string{""}}, {"ter", []string{""}}, {"per", []string{""}}, {"me", []string{""}}, {"pe", []string{""}},
	{"di", []string{""}}, {"ke", []string{""}}, {"se", []string{""}},
}

// sharedWords returns the text's words the entry shares, as the text
// wrote them, rarest first, at most 8.
func (ix *Index) sharedWords(t Text, known []grouped, en *entry) []string {
	type word struct {
		id  uint32
		idf float64
	}
	var ws []word
	for _, w := range known {
		if _, ok := slices.BinarySearch(en.words, w.id); ok {
			ws = append(ws, word{w.id, ix.idf[w.id]})
		}
	}
	slices.SortStableFunc(ws, func(a, b word) int { return cmp.Compare(b.idf, a.idf) })
	roots := map[uint32]bool{}
	for _, w := range ws[:min(len(ws), 8)] {
		roots[w.id] = true
	}
	var out []string
	for _, term := range plainTerms(t.Terms) {
		id, ok := ix.lookup(term.Root)
		if !ok || !roots[id] {
			continue
		}
		delete(roots, id)
		// A word the analysis wrote out ("cawapres": calon, wakil,
		// presiden) is shown once.
		if !slices.Contains(out, term.Folded) {
			out = append(out, term.Folded)
		}
	}
	return out
}
