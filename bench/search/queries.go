package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
)

// The kinds of generated query.
const (
	kindTerm   = "term"
	kindAnd    = "and"
	kindOr     = "or"
	kindNot    = "not"
	kindPhrase = "phrase"
	kindNear   = "proximity"
	kindPrefix = "prefix"
)

var kinds = []string{kindTerm, kindAnd, kindOr, kindNot, kindPhrase, kindNear, kindPrefix}

// sameSemantics are the kinds where Sinergi and the Bleve query mean the
// same, so their totals must agree.
var sameSemantics = map[string]bool{kindTerm: true, kindAnd: true, kindOr: true, kindNot: true, kindPhrase: true, kindPrefix: true}

// genQuery is one generated query in both forms.
type genQuery struct {
	Kind   string
	Text   string   // Sinergi's query language
	Roots  []string // index tokens of the roots (term, and, or, not)
	Folded []string // index tokens of the words (phrase, proximity)
	Prefix string
	// From and To bound the publication time, [From, To), in WIB.
	From, To time.Time
}

// benchNow is the benchmark's clock, for relative dates.
var benchNow = time.Date(2026, 1, 1, 0, 0, 0, 0, wib)

// maxPrefixTokens keeps generated prefixes well below the archive's limit
// on expansions (archive.DefaultMaxExpansions).
const maxPrefixTokens = 1_500

type generator struct {
	rng    *rand.Rand
	c      *corpus
	an     query.Analyzer
	words  []string          // term candidates: folded words
	isWord map[string]bool   // the same, as a set
	root   map[string]string // folded word → root token
	vocab  []string          // every index token, sorted
}

func isOperator(w string) bool {
	switch w {
	case "and", "or", "not", "dan", "atau", "bukan":
		return true
	}
	return false
}

func letters(w string, min int) bool {
	if len(w) < min {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func newGenerator(c *corpus, an query.Analyzer, seed uint64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x5e1e)), c: c, an: an, root: map[string]string{}}
	df := map[string]int{}
	tokens := map[string]bool{}
	for _, a := range c.Analyses {
		seen := map[string]bool{}
		for _, ts := range [][]query.AnalyzedTerm{a.Title, a.Text} {
			for _, t := range ts {
				r, f := archive.Token(t.Root), archive.Token(t.Folded)
				tokens[r], tokens[f] = true, true
				if !seen[r] {
					seen[r] = true
					df[r]++
				}
				if _, ok := g.root[f]; !ok && letters(f, 4) && len(f) <= 15 && !isOperator(f) {
					g.root[f] = r
				}
			}
		}
	}
	lo, hi := max(len(c.Docs)/2000, 3), len(c.Docs)/30
	for f, r := range g.root {
		if n := df[r]; n >= lo && n <= hi {
			g.words = append(g.words, f)
		}
	}
	sort.Strings(g.words) // map order is random; the seed must decide
	g.isWord = map[string]bool{}
	for _, w := range g.words {
		g.isWord[w] = true
	}
	for t := range tokens {
		g.vocab = append(g.vocab, t)
	}
	sort.Strings(g.vocab)
	return g
}

// checkWord reports whether w analyses to the one term the index holds.
func (g *generator) checkWord(w string) (root string, ok bool) {
	ts := g.an.Terms(w)
	if len(ts) != 1 || archive.Token(ts[0].Folded) != w {
		return "", false
	}
	return archive.Token(ts[0].Root), true
}

func (g *generator) word() (string, string) {
	for {
		w := g.words[g.rng.IntN(len(g.words))]
		if r, ok := g.checkWord(w); ok {
			return w, r
		}
	}
}

// docWords returns candidate words of one random document's text.
func (g *generator) docWords() []string {
	for {
		a := g.c.Analyses[g.rng.IntN(len(g.c.Analyses))]
		var out []string
		for _, t := range a.Text {
			if f := archive.Token(t.Folded); g.isWord[f] {
				out = append(out, f)
			}
		}
		if len(out) >= 3 {
			return out
		}
	}
}

// generate returns n queries, the kinds in turn.
func (g *generator) generate(n int) ([]*genQuery, error) {
	out := make([]*genQuery, 0, n)
	for i := 0; len(out) < n; i++ {
		q := g.one(kinds[len(out)%len(kinds)])
		if q == nil {
			continue
		}
		date := g.date()
		q.Text += " " + date
		if err := q.dates(date); err != nil {
			return nil, err
		}
		if _, err := query.Parse(q.Text); err != nil {
			return nil, fmt.Errorf("generated %q: %w", q.Text, err)
		}
		out = append(out, q)
	}
	return out, nil
}

func (g *generator) one(kind string) *genQuery {
	q := &genQuery{Kind: kind}
	switch kind {
	case kindTerm:
		w, r := g.word()
		q.Text, q.Roots = w, []string{r}
	case kindAnd, kindOr:
		ws := g.docWords()
		n := 2 + g.rng.IntN(2)
		var parts []string
		for range n {
			w := ws[g.rng.IntN(len(ws))]
			r, ok := g.checkWord(w)
			if !ok || slices.Contains(q.Roots, r) {
				continue
			}
			parts, q.Roots = append(parts, w), append(q.Roots, r)
		}
		if len(parts) < 2 {
			return nil
		}
		if kind == kindAnd {
			q.Text = strings.Join(parts, " AND ")
		} else {
			q.Text = "(" + strings.Join(parts, " OR ") + ")"
		}
	case kindNot:
		w1, r1 := g.word()
		w2, r2 := g.word()
		if r1 == r2 {
			return nil
		}
		q.Text, q.Roots = w1+" -"+w2, []string{r1, r2}
	case kindPhrase, kindNear:
		return g.phrase(q)
	case kindPrefix:
		return g.prefix(q)
	}
	return q
}

// phrase takes two or three consecutive words of a document (a phrase)
// or two words two to four positions apart (proximity, ~5).
func (g *generator) phrase(q *genQuery) *genQuery {
	a := g.c.Analyses[g.rng.IntN(len(g.c.Analyses))]
	if len(a.Text) < 10 {
		return nil
	}
	p := g.rng.IntN(len(a.Text) - 5)
	var words []string
	if q.Kind == kindPhrase {
		for _, t := range a.Text[p : p+2+g.rng.IntN(2)] {
			words = append(words, archive.Token(t.Folded))
		}
	} else {
		words = []string{archive.Token(a.Text[p].Folded), archive.Token(a.Text[p+2+g.rng.IntN(3)].Folded)}
	}
	long := false
	for _, w := range words {
		if !letters(w, 2) {
			return nil
		}
		long = long || len(w) >= 4 && !isOperator(w)
	}
	ts := g.an.Terms(strings.Join(words, " "))
	if !long || len(ts) != len(words) {
		return nil
	}
	for i, t := range ts {
		if archive.Token(t.Folded) != words[i] {
			return nil
		}
	}
	q.Folded = words
	q.Text = `"` + strings.Join(words, " ") + `"`
	if q.Kind == kindNear {
		q.Text += "~5"
	}
	return q
}

// prefix takes the first 4–6 letters of a long word, longer while the
// prefix stands for more than maxPrefixTokens index tokens.
func (g *generator) prefix(q *genQuery) *genQuery {
	ws := g.docWords()
	w := ws[g.rng.IntN(len(ws))]
	if len(w) < 6 {
		return nil
	}
	for l := 4 + g.rng.IntN(3); l < len(w); l++ {
		p := w[:l]
		if g.countPrefix(p) > maxPrefixTokens {
			continue
		}
		if ts := g.an.Terms(p); len(ts) != 1 || archive.Token(ts[0].Folded) != p {
			return nil
		}
		q.Prefix, q.Text = p, p+"*"
		return q
	}
	return nil
}

func (g *generator) countPrefix(p string) int {
	i := sort.SearchStrings(g.vocab, p)
	j := sort.SearchStrings(g.vocab, p+"\x7f")
	return j - i
}

// date returns a date filter: a range of one month to two years, an open
// start or end, or a relative window before benchNow.
func (g *generator) date() string {
	day := func(from, to time.Time) time.Time {
		span := int(to.Sub(from).Hours() / 24)
		return from.AddDate(0, 0, g.rng.IntN(span))
	}
	lo, hi := time.Date(2012, 1, 1, 0, 0, 0, 0, wib), time.Date(2025, 7, 1, 0, 0, 0, 0, wib)
	const d = time.DateOnly
	switch x := g.rng.IntN(20); {
	case x < 7:
		months := []int{1, 3, 6, 12, 24}[g.rng.IntN(5)]
		s := day(lo, hi)
		return "date:" + s.Format(d) + ".." + s.AddDate(0, months, -1).Format(d)
	case x < 11:
		return "date:>=" + day(time.Date(2015, 1, 1, 0, 0, 0, 0, wib), hi).Format(d)
	case x < 15:
		return "date:<" + day(lo, hi).Format(d)
	default:
		return fmt.Sprintf("date:>now-%dd", []int{30, 90, 180, 365, 730}[g.rng.IntN(5)])
	}
}

// dates fills From and To from the date filter, as Sinergi reads it.
func (q *genQuery) dates(src string) error {
	n, err := query.Parse(src)
	if err != nil {
		return err
	}
	df, ok := n.(*query.DateFilter)
	if !ok {
		return fmt.Errorf("date filter %q parsed as %T", src, n)
	}
	q.From, q.To = df.Interval(benchNow, wib)
	return nil
}
