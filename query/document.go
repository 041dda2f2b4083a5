package query

import (
	"slices"
	"time"
)

// Analyzer turns text into analysed terms. It is declared here, by its
// consumer, so that package query stays on the standard library: the
// application passes an adapter over package bahasa (normaliser and
// stemmer). Documents and query terms must go through the same Analyzer,
// or a stemmed term will not find its own word forms.
type Analyzer interface {
	Terms(text string) []AnalyzedTerm
}

// AnalyzedTerm is one word of an analysed text.
type AnalyzedTerm struct {
	// Folded is the surface form with case and accents folded only: what
	// quoted phrases and prefixes compare.
	Folded string
	// Root is the normalised and stemmed form: what plain terms compare.
	Root string
	// Pos is the word position (0, 1, 2, ...); Start and End are byte
	// offsets into the analysed text, for highlighting.
	Pos        int
	Start, End int
}

// SameWord reports whether t and u come from one written word that the
// analysis wrote out as several terms, as it does an abbreviation
// ("Pemkab": pemerintah, kabupaten) or an informal spelling ("gpp": tidak,
// apa-apa): both have its offsets and its folded form.
func (t AnalyzedTerm) SameWord(u AnalyzedTerm) bool {
	return t.Start == u.Start && t.End == u.End && t.Folded == u.Folded
}

// Document is what the matcher sees of a monitored item.
type Document struct {
	Title, Text string
	Source      string   // a host ("kompas.com") or a name ("Antara News")
	Regions     []string // kode wilayah, at any level ("15.71.01")
	Lang        string   // language code ("id")
	Sentiment   string   // "positive", "neutral" or "negative"
	Type        string   // "news", "social", ...
	AgencyID    int64
	Published   time.Time
}

// Prepared is a Document analysed once, ready to be matched against any
// number of queries. It is read-only and safe for concurrent use.
type Prepared struct {
	Doc   Document
	body  fieldIndex // title and text, for unfielded terms
	title fieldIndex
}

// bodyGap separates the title from the text in the body's positions, wider
// than the largest proximity, so that no phrase spans both.
const bodyGap = 1 + MaxSlop

// fieldIndex holds the terms of one field with their positions.
type fieldIndex struct {
	terms  []AnalyzedTerm
	roots  map[string][]int // root → ascending positions
	folded map[string][]int // folded form → ascending positions
	// rootKeys and foldedKeys are the sorted keys of roots and folded, for
	// prefix lookups by binary search; rootPos and foldedPos their
	// positions, in the same order.
	rootKeys, foldedKeys []string
	rootPos, foldedPos   [][]int
}

// Prepare analyses d with a. The body lists the title's terms, then the
// text's, their positions shifted past the title by a gap; Start and End of
// a body term are offsets into the field it came from.
func Prepare(a Analyzer, d Document) *Prepared {
	return PrepareTerms(d, a.Terms(d.Title), a.Terms(d.Text))
}

// PrepareTerms is Prepare for a document whose title and text were analysed
// before (the archive analyses a document once, at import, and keeps the
// terms): title and text must be what the Analyzer gave for d.Title and
// d.Text.
func PrepareTerms(d Document, title, text []AnalyzedTerm) *Prepared {
	shift := 0
	if n := len(title); n > 0 {
		shift = title[n-1].Pos + bodyGap
	}
	body := make([]AnalyzedTerm, 0, len(title)+len(text))
	body = append(body, title...)
	for _, t := range text {
		t.Pos += shift
		body = append(body, t)
	}
	return &Prepared{Doc: d, body: newFieldIndex(body), title: newFieldIndex(title)}
}

func newFieldIndex(terms []AnalyzedTerm) fieldIndex {
	f := fieldIndex{terms: terms, roots: map[string][]int{}, folded: map[string][]int{}}
	for _, t := range terms {
		f.roots[t.Root] = appendPos(f.roots[t.Root], t.Pos)
		f.folded[t.Folded] = appendPos(f.folded[t.Folded], t.Pos)
	}
	f.rootKeys, f.rootPos = sortedKeys(f.roots)
	f.foldedKeys, f.foldedPos = sortedKeys(f.folded)
	return f
}

// appendPos appends p unless it is already the last position (an informal
// word standing for several gives the same form twice at most once per
// position).
func appendPos(ps []int, p int) []int {
	if n := len(ps); n > 0 && ps[n-1] == p {
		return ps
	}
	return append(ps, p)
}

// sortedKeys returns the keys of m, sorted, and their values in that
// order.
func sortedKeys(m map[string][]int) ([]string, [][]int) {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	vs := make([][]int, len(ks))
	for i, k := range ks {
		vs[i] = m[k]
	}
	return ks, vs
}

// Roots returns the distinct roots of the title and text, sorted: the keys
// under which the stored-query matcher looks up candidate queries.
func (p *Prepared) Roots() []string { return p.body.rootKeys }

// FoldedForms returns the distinct folded forms of the title and text,
// sorted.
func (p *Prepared) FoldedForms() []string { return p.body.foldedKeys }

// TitleRoots returns the distinct roots of the title, sorted.
func (p *Prepared) TitleRoots() []string { return p.title.rootKeys }

// TitleFoldedForms returns the distinct folded forms of the title, sorted.
func (p *Prepared) TitleFoldedForms() []string { return p.title.foldedKeys }

// RootPositions returns the ascending positions of each of Roots (title
// true: of TitleRoots), in the same order: the input of Consecutive.
func (p *Prepared) RootPositions(title bool) [][]int { return p.field(fieldName(title)).rootPos }

// FoldedPositions returns the ascending positions of each of FoldedForms
// (title true: of TitleFoldedForms), in the same order: the input of
// Consecutive and Within.
func (p *Prepared) FoldedPositions(title bool) [][]int { return p.field(fieldName(title)).foldedPos }

func fieldName(title bool) string {
	if title {
		return "title"
	}
	return ""
}

// hasPrefix reports whether a key of the sorted keys begins with p.
func hasPrefix(keys []string, p string) bool {
	i, _ := slices.BinarySearch(keys, p)
	return i < len(keys) && len(keys[i]) >= len(p) && keys[i][:len(p)] == p
}
