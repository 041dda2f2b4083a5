// Package query is Sinergi's one query language for archive search and
// alerts: a lexer and recursive-descent parser that turn an analyst's query
// (`banjir AND (jambi OR "kota jambi") -sepakbola`) into an AST, a canonical
// printer with Parse(q.String()) equal to q, and errors that carry a byte
// position, a rune position and an i18n key with Indonesian and English text.
//
// The AST keeps the raw text of terms and phrases; what a term matches
// (stemming through package bahasa, case and accent folding for phrases) is
// decided by the matcher, not here. The language is described for analysts in
// docs/query.md.
package query

// Node is a node of a parsed query: *And, *Or, *Not, *Term, *Phrase,
// *Filter or *DateFilter. The parser flattens nested And and nested Or (a
// chain is one node with all operands) and never builds one with fewer than
// two operands, so two equal queries give equal trees.
type Node interface {
	// String prints the node in canonical form: Parse(n.String()) yields a
	// tree Equal to n.
	String() string
	node()
}

// And matches a document that every operand matches.
type And struct{ Nodes []Node }

// Or matches a document that at least one operand matches.
type Or struct{ Nodes []Node }

// Not matches a document that X does not match. A query is refused when it
// has no positive part (see Parse).
type Not struct{ X Node }

// Term is a plain word. The matcher compares it through normalisation and
// stemming, so `banjir` also finds `kebanjiran`. Field is "" (anywhere in
// the document) or a text field ("title").
type Term struct {
	Field  string
	Text   string // as written, without the trailing '*' of a prefix
	Prefix bool   // written `Text*`: any word beginning with Text
}

// Phrase is quoted text: exact words in order after case and accent folding
// only. With Slop > 0 (written `"a b"~N`) the words must all occur within N
// words of each other, in any order.
type Phrase struct {
	Field string
	Words []string // as written, split at white space
	Slop  int
}

// Filter restricts a document attribute: source, region, lang, sentiment,
// type or agency. Value is canonical: sentiment, type and lang in lower
// case and in English (`sentimen:negatif` gives "negative"); a region is a
// kode wilayah ("15", "15.71") or a gazetteer name as written, resolved
// later, and it includes every area below it.
type Filter struct {
	Field string
	Value string
}

// DateOp is the comparison of a DateFilter.
type DateOp string

// The date comparisons. DateOn and DateRange include whole days.
const (
	DateOn     DateOp = ""   // date:2026-01-01 (that day)
	DateRange  DateOp = ".." // date:A..B (A to B inclusive)
	DateAfter  DateOp = ">"  // date:>A
	DateFrom   DateOp = ">=" // date:>=A
	DateBefore DateOp = "<"  // date:<A
	DateUntil  DateOp = "<=" // date:<=A
)

// DateFilter restricts the publication date. From is the operand of every
// Op; To is set only for DateRange.
type DateFilter struct {
	Op       DateOp
	From, To DateBound
}

// DateBound is a calendar day (Day "2026-01-31"), a moment of a day to the
// minute (Day and Clock "14:00", written 2026-01-31T14:00), or a time
// relative to the moment the query runs (Day "" and "now" minus Ago Units;
// Ago 0 is now). Units are h (hours), d (days), w (weeks), m (months) and
// y (years). Days and moments are in the agency's time zone.
type DateBound struct {
	Day   string
	Clock string
	Ago   int
	Unit  byte
}

func (*And) node()        {}
func (*Or) node()         {}
func (*Not) node()        {}
func (*Term) node()       {}
func (*Phrase) node()     {}
func (*Filter) node()     {}
func (*DateFilter) node() {}

// Equal reports whether a and b are the same query tree.
func Equal(a, b Node) bool {
	switch a := a.(type) {
	case *And:
		b, ok := b.(*And)
		return ok && equalNodes(a.Nodes, b.Nodes)
	case *Or:
		b, ok := b.(*Or)
		return ok && equalNodes(a.Nodes, b.Nodes)
	case *Not:
		b, ok := b.(*Not)
		return ok && Equal(a.X, b.X)
	case *Term:
		b, ok := b.(*Term)
		return ok && *a == *b
	case *Phrase:
		b, ok := b.(*Phrase)
		if !ok || a.Field != b.Field || a.Slop != b.Slop || len(a.Words) != len(b.Words) {
			return false
		}
		for i := range a.Words {
			if a.Words[i] != b.Words[i] {
				return false
			}
		}
		return true
	case *Filter:
		b, ok := b.(*Filter)
		return ok && *a == *b
	case *DateFilter:
		b, ok := b.(*DateFilter)
		return ok && *a == *b
	}
	return a == nil && b == nil
}

func equalNodes(a, b []Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// Walk calls fn for n and then, if fn returns true, for each of its
// operands, depth first.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *And:
		for _, c := range n.Nodes {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range n.Nodes {
			Walk(c, fn)
		}
	case *Not:
		Walk(n.X, fn)
	}
}
