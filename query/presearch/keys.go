package presearch

import (
	"math"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi/query"
)

// keyKind says which words of a document a key is compared with.
type keyKind uint8

const (
	rootKey   keyKind = iota // a root, from a plain term
	foldedKey                // a folded form, from a phrase
	prefixKey                // the beginning of a root or a folded form
)

// key is one entry of the index.
type key struct {
	kind keyKind
	text string
}

// fact returns the fact a document holds when it holds the key.
func (k key) fact() fact {
	switch k.kind {
	case rootKey:
		return fact{factRoot, k.text}
	case foldedKey:
		return fact{factFolded, k.text}
	}
	return fact{factPrefix, k.text}
}

// chooseKeys returns the keys to index q under: those of the clause of
// query.RequiredTerms with the least total weight, among the clauses whose
// every leaf has a key. Nil means no clause qualifies and q must be
// verified against every document.
//
// A leaf whose analysis yields no word never matches, so a clause made of
// such leaves would make q unmatchable; the index does not lean on that
// and simply leaves the clause out, so a stored query is never lost
// through a subtlety of analysis.
func chooseKeys(q query.Node, a query.Analyzer, weight func(string, bool) float64) []key {
	var best []key
	bestW := math.Inf(1)
	for _, clause := range query.RequiredTerms(q) {
		keys, w, ok := clauseKeys(clause, a, weight)
		if ok && (best == nil || w < bestW) {
			best, bestW = keys, w
		}
	}
	return best
}

// clauseKeys returns the distinct keys of a clause's leaves and their total
// weight; ok is false when a leaf has no key.
func clauseKeys(clause []query.Node, a query.Analyzer, weight func(string, bool) float64) ([]key, float64, bool) {
	var keys []key
	total := 0.0
	for _, leaf := range clause {
		k, ok := leafKey(leaf, a, weight)
		if !ok {
			return nil, 0, false
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
			total += weight(k.text, k.kind == prefixKey)
		}
	}
	return keys, total, len(keys) > 0
}

// leafKey returns the rarest key that every document the leaf matches
// contains, analysing the leaf as the matcher does (query.Compile): a plain
// term needs all its roots (a word the analysis splits in two needs both),
// a phrase all its folded words, a prefix a root or folded form that
// begins with its folded text. A field (title:) changes nothing: the title
// is part of the body whose keys a document exposes.
func leafKey(n query.Node, a query.Analyzer, weight func(string, bool) float64) (key, bool) {
	switch n := n.(type) {
	case *query.Term:
		ts := a.Terms(n.Text)
		if n.Prefix {
			if len(ts) != 1 {
				return key{}, false
			}
			return key{prefixKey, ts[0].Folded}, true
		}
		return rarest(ts, rootKey, weight)
	case *query.Phrase:
		return rarest(a.Terms(strings.Join(n.Words, " ")), foldedKey, weight)
	}
	return key{}, false
}

// rarest returns the key of least weight among the roots (rootKey) or
// folded forms (foldedKey) of ts.
func rarest(ts []query.AnalyzedTerm, kind keyKind, weight func(string, bool) float64) (key, bool) {
	if len(ts) == 0 {
		return key{}, false
	}
	var best key
	bestW := math.Inf(1)
	for i, t := range ts {
		k := key{kind, t.Root}
		if kind == foldedKey {
			k.text = t.Folded
		}
		if w := weight(k.text, false); i == 0 || w < bestW {
			best, bestW = k, w
		}
	}
	return best, true
}

// keyIsQuery reports whether a document holding one of q's keys matches q
// for that alone: q is an unfielded word (a plain term or a quoted word
// that the analysis keeps as one term, so its key is that term's root or
// folded form) or an OR of such words. Every clause of such a query is
// the whole query, so whichever clause chooseKeys took, its keys are the
// words themselves.
func keyIsQuery(q query.Node, a query.Analyzer) bool {
	leaves := []query.Node{q}
	if or, ok := q.(*query.Or); ok {
		leaves = or.Nodes
	}
	for _, n := range leaves {
		switch n := n.(type) {
		case *query.Term:
			if n.Field != "" || n.Prefix || len(a.Terms(n.Text)) != 1 {
				return false
			}
		case *query.Phrase:
			if n.Field != "" || n.Slop != 0 || len(a.Terms(strings.Join(n.Words, " "))) != 1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}
