package main

import (
	"hash/fnv"
	"slices"

	"github.com/sinergi-id/sinergi/bahasa"
)

// analysed is a document's normalised words (as dedup makes them: bahasa
// terms, folded) and, for the exact truth, its feature sets.
type analysed struct {
	words   []string
	shingle []uint64 // sorted set of 3-word shingle hashes
	short   []uint64 // sorted set of word and word-pair hashes; nil for 40 words or more
}

const (
	shingleWords = 3
	shortWords   = 40
)

func analyse(n *bahasa.Normalizer, text string) analysed {
	terms := n.AppendTerms(nil, text)
	ws := make([]string, len(terms))
	for i, t := range terms {
		ws[i] = bahasa.Fold(t.Text)
	}
	a := analysed{words: ws}
	for _, s := range shingleStrings(ws) {
		a.shingle = append(a.shingle, h64(s))
	}
	a.shingle = setOf(a.shingle)
	if len(ws) < shortWords && len(ws) > 0 {
		for _, s := range shortStrings(ws) {
			a.short = append(a.short, h64(s))
		}
		a.short = setOf(a.short)
	}
	return a
}

// shingleStrings are the 3-word shingles of ws (one of all words when
// fewer), the feature strings the peer hashes.
func shingleStrings(ws []string) []string {
	if len(ws) == 0 {
		return nil
	}
	w := min(shingleWords, len(ws))
	out := make([]string, 0, len(ws)-w+1)
	for i := 0; i+w <= len(ws); i++ {
		s := ws[i]
		for _, x := range ws[i+1 : i+w] {
			s += " " + x
		}
		out = append(out, s)
	}
	return out
}

// shortStrings are the words and word pairs of a short text.
func shortStrings(ws []string) []string {
	out := make([]string, 0, 2*len(ws))
	for i, w := range ws {
		out = append(out, "u\x00"+w)
		if i > 0 {
			out = append(out, "b\x00"+ws[i-1]+" "+w)
		}
	}
	return out
}

func h64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func setOf(hs []uint64) []uint64 {
	slices.Sort(hs)
	return slices.Compact(hs)
}

func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// similarity is the exact similarity both indexes estimate: the Jaccard
// similarity of the shingle sets or, when both texts are short, of their
// word-and-pair sets, whichever is higher.
func similarity(a, b *analysed) float64 {
	s := jaccard(a.shingle, b.shingle)
	if a.short != nil && b.short != nil {
		s = max(s, jaccard(a.short, b.short))
	}
	return s
}
