package archive

import (
	"strings"

	"github.com/sinergi-id/sinergi/query"
)

// snippetWords is how many words of the text a snippet shows.
const snippetWords = 32

// highlighter marks the words of a text that a query's positive parts
// (not those under NOT) look for: roots of plain terms, exact phrases and
// terms the analysis writes as several words where they occur whole, the
// folded words of proximity phrases, folded prefixes.
type highlighter struct {
	roots, folded map[string]bool
	sequences     []sequence // exact phrases and terms of several words
	prefixes      []string
}

// sequence is words that match only at consecutive positions: the folded
// words of an exact phrase, or the roots of a plain term the analysis
// writes out ("pilkada": pemilihan, kepala, daerah).
type sequence struct {
	words  []string
	byRoot bool
}

func newHighlighter(q query.Node, a query.Analyzer) *highlighter {
	h := &highlighter{roots: map[string]bool{}, folded: map[string]bool{}}
	query.Walk(q, func(n query.Node) bool {
		switch n := n.(type) {
		case *query.Not:
			return false
		case *query.Term:
			ts := a.Terms(n.Text)
			switch {
			case n.Prefix:
				for _, t := range ts {
					h.prefixes = append(h.prefixes, t.Folded)
				}
			case len(ts) == 1:
				h.roots[ts[0].Root] = true
			case len(ts) > 1:
				roots := make([]string, len(ts))
				for i, t := range ts {
					roots[i] = t.Root
				}
				h.sequences = append(h.sequences, sequence{words: roots, byRoot: true})
			}
		case *query.Phrase:
			ts := a.Terms(strings.Join(n.Words, " "))
			if n.Slop == 0 && len(ts) > 1 {
				words := make([]string, len(ts))
				for i, t := range ts {
					words[i] = t.Folded
				}
				h.sequences = append(h.sequences, sequence{words: words})
				break
			}
			for _, t := range ts {
				h.folded[t.Folded] = true
			}
		}
		return true
	})
	return h
}

// Marked joins fragments into one string with the hits between « and »,
// as plain text shows them.
func Marked(fs []Fragment) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Hit {
			b.WriteString("«" + f.Text + "»")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

// Highlight returns text, analysed as terms, in fragments with the words
// q looks for marked, the whole text kept: an alert's title, in an e-mail.
func Highlight(q query.Node, a query.Analyzer, text string, terms []query.AnalyzedTerm) []Fragment {
	return newHighlighter(q, a).fragments(text, terms, 0, true)
}

// marked reports, for each of terms, whether it is marked: a word the
// query looks for, or a word of an occurrence of one of its sequences
// ("harga beras" marks both words where they stand together, neither
// elsewhere).
func (h *highlighter) marked(terms []query.AnalyzedTerm) []bool {
	m := make([]bool, len(terms))
	for i, t := range terms {
		m[i] = h.marks(t)
	}
	for _, seq := range h.sequences {
		for i := 0; i+len(seq.words) <= len(terms); i++ {
			if seq.at(terms, i) {
				for j := range seq.words {
					m[i+j] = true
				}
			}
		}
	}
	return m
}

// at reports whether the sequence's words stand at consecutive positions
// from terms[i].
func (seq sequence) at(terms []query.AnalyzedTerm, i int) bool {
	for j, w := range seq.words {
		t := terms[i+j]
		word := t.Folded
		if seq.byRoot {
			word = t.Root
		}
		if word != w || t.Pos != terms[i].Pos+j {
			return false
		}
	}
	return true
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
// words, centred on them, is kept (the first words when none is marked),
// with "…" where text was left out; whole keeps the text entire.
func (h *highlighter) fragments(text string, terms []query.AnalyzedTerm, window int, whole bool) []Fragment {
	if text == "" {
		return nil
	}
	marked := h.marked(terms)
	lo, hi := 0, len(terms) // the words shown: terms[lo:hi]
	if !whole && window > 0 && len(terms) > window {
		best, n := 0, 0
		for i := range terms {
			if marked[i] {
				n++
			}
			if i >= window && marked[i-window] {
				n--
			}
			if i >= window-1 && n > best {
				best, lo = n, i-window+1
			}
		}
		if best > 0 {
			// The first window of the most marks ends at one: centre
			// the marks, so that the words after them show too.
			first, last := lo, lo+window-1
			for !marked[first] {
				first++
			}
			for !marked[last] {
				last--
			}
			lo = min(max((first+last+1)/2-window/2, 0), len(terms)-window)
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
	for i, t := range terms[lo:hi] {
		if !marked[lo+i] || t.Start < at || t.End > end {
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
