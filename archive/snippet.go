package archive

import (
	"strings"

	"github.com/sinergi-id/sinergi/query"
)

// snippetWords is how many words of the text a snippet shows.
const snippetWords = 32

// highlighter marks the words of a text that a query's positive parts
// (not those under NOT) look for: roots of plain terms, folded words of
// phrases, folded prefixes.
type highlighter struct {
	roots, folded map[string]bool
	prefixes      []string
}

func newHighlighter(q query.Node, a query.Analyzer) *highlighter {
	h := &highlighter{roots: map[string]bool{}, folded: map[string]bool{}}
	query.Walk(q, func(n query.Node) bool {
		switch n := n.(type) {
		case *query.Not:
			return false
		case *query.Term:
			for _, t := range a.Terms(n.Text) {
				if n.Prefix {
					h.prefixes = append(h.prefixes, t.Folded)
				} else {
					h.roots[t.Root] = true
				}
			}
		case *query.Phrase:
			for _, t := range a.Terms(strings.Join(n.Words, " ")) {
				h.folded[t.Folded] = true
			}
		}
		return true
	})
	return h
}

// Highlight returns text, analysed as terms, in fragments with the words
// q looks for marked, the whole text kept: an alert's title, in an e-mail.
func Highlight(q query.Node, a query.Analyzer, text string, terms []query.AnalyzedTerm) []Fragment {
	return newHighlighter(q, a).fragments(text, terms, 0, true)
}

func (h *highlighter) marks(t query.AnalyzedTerm) bool {
	if h.roots[t.Root] || h.folded[t.Folded] {
		return true
	}
	for _, p := range h.prefixes {
		if strings.HasPrefix(t.Folded, p) || strings.HasPrefix(t.Root, p) {
			return true
		}
	}
	return false
}

// fragments cuts text into fragments with the marked words as hits. With
// window > 0 only the window of that many words holding the most marked
// words is kept (the first words when none is marked), with "…" where
// text was left out; whole keeps the text entire.
func (h *highlighter) fragments(text string, terms []query.AnalyzedTerm, window int, whole bool) []Fragment {
	if text == "" {
		return nil
	}
	lo, hi := 0, len(terms) // the words shown: terms[lo:hi]
	if !whole && window > 0 && len(terms) > window {
		best, n := 0, 0
		for i := range terms {
			if h.marks(terms[i]) {
				n++
			}
			if i >= window && h.marks(terms[i-window]) {
				n--
			}
			if i >= window-1 && n > best {
				best, lo = n, i-window+1
			}
		}
		hi = lo + window
	}
	start, end := 0, len(text)
	if !whole && len(terms) > 0 {
		if lo > 0 {
			start = terms[lo].Start
		}
		if hi < len(terms) {
			end = terms[hi-1].End
		}
	}
	var out []Fragment
	add := func(s string, hit bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Hit == hit {
			out[n-1].Text += s
			return
		}
		out = append(out, Fragment{Text: s, Hit: hit})
	}
	if start > 0 {
		add("… ", false)
	}
	at := start
	for _, t := range terms[lo:hi] {
		if !h.marks(t) || t.Start < at || t.End > end {
			continue
		}
		add(text[at:t.Start], false)
		add(text[t.Start:t.End], true)
		at = t.End
	}
	add(text[at:end], false)
	if end < len(text) {
		add(" …", false)
	}
	return out
}
