package workload

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/query"
)

// Corpus is a set of analysed documents and their vocabulary.
type Corpus struct {
	Docs     []query.Document
	Prepared []*query.Prepared
	// terms holds each document's words, title then text, for phrases.
	terms [][]query.AnalyzedTerm
	// df counts the documents holding a key (a root or a folded form);
	// keys are its keys, sorted, for prefixes.
	df   map[string]int
	keys []string
	// words are the distinct folded words, sorted, for drawing words
	// uniformly from the vocabulary.
	words []string
}

// NewCorpus analyses docs with a.
func NewCorpus(a query.Analyzer, docs []query.Document) *Corpus {
	c := &Corpus{Docs: docs, df: map[string]int{}}
	for _, d := range docs {
		title, text := a.Terms(d.Title), a.Terms(d.Text)
		p := query.PrepareTerms(d, title, text)
		c.Prepared = append(c.Prepared, p)
		c.terms = append(c.terms, append(title, text...))
		seen := map[string]bool{}
		for _, k := range append(slices.Clone(p.Roots()), p.FoldedForms()...) {
			if !seen[k] {
				seen[k] = true
				c.df[k]++
			}
		}
	}
	for k := range c.df {
		c.keys = append(c.keys, k)
	}
	slices.Sort(c.keys)
	seen := map[string]bool{}
	for _, p := range c.Prepared {
		for _, f := range p.FoldedForms() {
			if !seen[f] {
				seen[f] = true
				c.words = append(c.words, f)
			}
		}
	}
	slices.Sort(c.words)
	return c
}

// DF returns the number of documents holding key as a root or folded form.
func (c *Corpus) DF(key string) int { return c.df[key] }

// Weight is a presearch Config.Weight from the corpus: the number of
// documents holding the key, or for a prefix the sum over the keys it
// begins (an overestimate), plus one so that an unseen key is rare, not
// free.
func (c *Corpus) Weight(key string, prefix bool) float64 {
	if !prefix {
		return float64(c.df[key] + 1)
	}
	n := 1
	i, _ := slices.BinarySearch(c.keys, key)
	for ; i < len(c.keys) && strings.HasPrefix(c.keys[i], key); i++ {
		n += c.df[c.keys[i]]
	}
	return float64(n)
}

// Generator draws stored queries from the grammar over a corpus's words.
// A word is drawn as it occurs in the news (a random word of a random
// document, so in proportion to its frequency), skipping words found in
// more than MaxDF of the documents: the stop-word band no analyst sets an
// alert on.
type Generator struct {
	R      *rand.Rand
	C      *Corpus
	MaxDF  float64 // 0 means 1: every word
	Absent float64 // the share of words replaced by one in no document
	// TermsOnly restricts Query to plain unfielded terms under AND, OR
	// and NOT: what a PostgreSQL tsquery over roots expresses exactly.
	TermsOnly bool
	// Uniform draws words uniformly from the vocabulary (every distinct
	// word held by at least two documents, below MaxDF) instead of in
	// proportion to their frequency: the long tail of names and issues
	// rather than the words news repeats most.
	Uniform bool
}

// Query returns a query shaped as analysts write them: a topic (terms,
// phrases, prefixes and title: terms under AND and OR, two levels at
// most), sometimes an excluded word, sometimes filters (source, type,
// language, date:>now-Nd) ANDed on; one query in 200 is filters only. The
// tree is what Parse returns for its canonical form.
func (g *Generator) Query() query.Node {
	for {
		var parts []query.Node
		if !g.TermsOnly && g.R.IntN(200) == 0 {
			parts = []query.Node{g.filter(), g.filter()}
		} else {
			parts = append(parts, g.topic(2))
			if g.R.IntN(5) == 0 {
				parts = append(parts, &query.Not{X: g.textLeaf()})
			}
			for !g.TermsOnly && len(parts) < 4 && g.R.IntN(3) == 0 {
				parts = append(parts, g.filter())
			}
		}
		var n query.Node = &query.And{Nodes: parts}
		if len(parts) == 1 {
			n = parts[0]
		}
		if p, err := query.Parse(n.String()); err == nil {
			return p
		}
	}
}

func (g *Generator) topic(depth int) query.Node {
	if depth == 0 || g.R.IntN(2) == 0 {
		return g.textLeaf()
	}
	ns := make([]query.Node, 2+g.R.IntN(2))
	for i := range ns {
		ns[i] = g.topic(depth - 1)
	}
	if g.R.IntN(2) == 0 {
		return &query.And{Nodes: ns}
	}
	return &query.Or{Nodes: ns}
}

// Tree returns a random tree of the whole grammar, depth levels at most:
// every kind of leaf under AND, OR and NOT anywhere, including ORs of
// filters, as built (Parse might refuse some, the matcher takes them all).
func (g *Generator) Tree(depth int) query.Node {
	if depth <= 0 || g.R.IntN(3) == 0 {
		if g.R.IntN(3) == 0 {
			return g.filter()
		}
		return g.textLeaf()
	}
	ns := make([]query.Node, 2+g.R.IntN(2))
	for i := range ns {
		ns[i] = g.Tree(depth - 1)
	}
	switch g.R.IntN(5) {
	case 0, 1:
		return &query.And{Nodes: ns}
	case 2, 3:
		return &query.Or{Nodes: ns}
	}
	return &query.Not{X: ns[0]}
}

// textLeaf returns a term, a title: term, a prefix or a phrase (exact or
// within a few words), its words drawn from the corpus.
func (g *Generator) textLeaf() query.Node {
	if g.TermsOnly {
		return &query.Term{Text: g.word()}
	}
	field := ""
	if g.R.IntN(6) == 0 {
		field = "title"
	}
	switch g.R.IntN(10) {
	case 0:
		w := []rune(g.word())
		for len(w) < 4 {
			w = []rune(g.word())
		}
		return &query.Term{Field: field, Text: string(w[:3+g.R.IntN(len(w)-3)]), Prefix: true}
	case 1, 2:
		return g.phrase(field)
	}
	return &query.Term{Field: field, Text: g.word()}
}

// phrase takes two or three consecutive words of a document; one in three
// is shuffled and given a slop.
func (g *Generator) phrase(field string) query.Node {
	ts := g.C.terms[g.R.IntN(len(g.C.terms))]
	for len(ts) < 3 {
		ts = g.C.terms[g.R.IntN(len(g.C.terms))]
	}
	n := 2 + g.R.IntN(2)
	i := g.R.IntN(len(ts) - n + 1)
	ws := make([]string, n)
	for j := range ws {
		ws[j] = ts[i+j].Folded
	}
	ph := &query.Phrase{Field: field, Words: ws}
	if g.R.IntN(3) == 0 {
		g.R.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		ph.Slop = 1 + g.R.IntN(5)
	}
	return ph
}

// word draws a word in proportion to its frequency, below MaxDF.
func (g *Generator) word() string {
	if g.Absent > 0 && g.R.Float64() < g.Absent {
		return "zq" + string(rune('a'+g.R.IntN(26))) + "x"
	}
	limit := int(g.MaxDF * float64(len(g.C.terms)))
	for g.Uniform {
		w := g.C.words[g.R.IntN(len(g.C.words))]
		if df := g.C.df[w]; df >= 2 && (g.MaxDF == 0 || df <= limit) && utf8.ValidString(w) {
			return w
		}
	}
	for {
		ts := g.C.terms[g.R.IntN(len(g.C.terms))]
		if len(ts) == 0 {
			continue
		}
		w := ts[g.R.IntN(len(ts))].Folded
		if g.MaxDF > 0 && g.C.df[w] > limit || !utf8.ValidString(w) {
			continue
		}
		return w
	}
}

// filter returns a filter or a date filter, its value from a random
// document or from a small set of others.
func (g *Generator) filter() query.Node {
	d := g.C.Docs[g.R.IntN(len(g.C.Docs))]
	pick := func(s ...string) string { return s[g.R.IntN(len(s))] }
	switch g.R.IntN(7) {
	case 0:
		return &query.Filter{Field: "source", Value: pick(d.Source, "kompas.com", "detik.com")}
	case 1:
		return &query.Filter{Field: "type", Value: pick("news", "social")}
	case 2:
		return &query.Filter{Field: "lang", Value: pick("id", "en")}
	case 3:
		return &query.Filter{Field: "sentiment", Value: pick("negative", "neutral", "positive")}
	case 4:
		r := pick("15", "15.71", "31", "14.71")
		if len(d.Regions) > 0 {
			r = d.Regions[0]
		}
		return &query.Filter{Field: "region", Value: r}
	case 5:
		return &query.DateFilter{Op: query.DateAfter, From: query.DateBound{Ago: []int{1, 7, 30, 365}[g.R.IntN(4)], Unit: 'd'}}
	}
	return g.date(d)
}

// date returns a date filter of any comparison around d's day.
func (g *Generator) date(d query.Document) query.Node {
	ops := []query.DateOp{query.DateOn, query.DateRange, query.DateAfter, query.DateFrom, query.DateBefore, query.DateUntil}
	bound := func() query.DateBound {
		if g.R.IntN(3) == 0 || d.Published.IsZero() {
			return query.DateBound{Ago: 1 + g.R.IntN(30), Unit: "hdwm"[g.R.IntN(4)]}
		}
		day := d.Published.In(wib).AddDate(0, 0, g.R.IntN(5)-2)
		return query.DateBound{Day: day.Format(time.DateOnly)}
	}
	f := &query.DateFilter{Op: ops[g.R.IntN(len(ops))], From: bound()}
	if f.Op == query.DateOn && f.From.Day == "" {
		f.Op = query.DateFrom
	}
	if f.Op == query.DateRange {
		f.To = bound()
	}
	return f
}

// wib is the time zone generated calendar days are read in.
var wib = time.FixedZone("WIB", 7*3600)
