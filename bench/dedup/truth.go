package main

import (
	"strings"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/dedup"
)

type pair struct{ a, b int32 } // a < b

func mkPair(i, j int) pair {
	if i > j {
		i, j = j, i
	}
	return pair{int32(i), int32(j)}
}

// exactPairs returns every pair of documents whose exact similarity is at
// least floor, with the similarity: shared features counted through
// posting lists, so all pairs are seen, none sampled.
func exactPairs(as []analysed, floor float64) map[pair]float64 {
	out := map[pair]float64{}
	for _, kind := range []bool{false, true} {
		post := map[uint64][]int32{}
		for i := range as {
			for _, h := range feats(&as[i], kind) {
				post[h] = append(post[h], int32(i))
			}
		}
		count := make([]int32, len(as))
		var touched []int32
		for i := range as {
			for _, h := range feats(&as[i], kind) {
				for _, j := range post[h] {
					if int(j) <= i {
						continue
					}
					if count[j] == 0 {
						touched = append(touched, j)
					}
					count[j]++
				}
			}
			for _, j := range touched {
				a, b := feats(&as[i], kind), feats(&as[j], kind)
				inter := float64(count[j])
				s := inter / (float64(len(a)+len(b)) - inter)
				if s >= floor {
					p := mkPair(i, int(j))
					out[p] = max(out[p], s)
				}
				count[j] = 0
			}
			touched = touched[:0]
		}
	}
	return out
}

func feats(a *analysed, short bool) []uint64 {
	if short {
		return a.short
	}
	return a.shingle
}

// labels is the labelling rule:
//
//   - positive: a synthetic copy and the document it was made from; two
//     documents of the corpus with the same canonical URL; two documents
//     of the corpus whose exact similarity is ≥ 0.8 (the same text, found
//     in two sets or twice in one); and, transitively, every pair in a
//     cluster those pairs join;
//   - not scored ("grey"): other pairs of corpus documents with exact
//     similarity in [0.3, 0.8), and pairs with the same normalised title
//     (one fact-check scraped twice, with different extracts): real
//     partial overlaps whose label would be a guess;
//   - negative: every other pair, among them the hard negatives: pairs on
//     the same topic (detik's search keyword, IndoSum's day and category,
//     the same Tempo feed).
type labels struct {
	cluster []int // union-find parent
	grey    map[pair]bool
	origin  []int // a copy's original; a corpus document itself
}

func label(docs []doc, exact map[pair]float64) *labels {
	l := &labels{cluster: make([]int, len(docs)), grey: map[pair]bool{}, origin: make([]int, len(docs))}
	for i, d := range docs {
		l.cluster[i] = i
		l.origin[i] = i
		if d.Origin >= 0 {
			l.origin[i] = d.Origin
		}
	}
	for i, d := range docs {
		if d.Origin >= 0 {
			l.union(i, d.Origin)
		}
	}
	byURL := map[string]int{}
	byTitle := map[string]int{}
	for i, d := range docs {
		if d.Origin >= 0 {
			continue
		}
		if c, err := dedup.CanonicalURL(d.URL); err == nil {
			if j, ok := byURL[c]; ok {
				l.union(i, j)
			} else {
				byURL[c] = i
			}
		}
		if t := normTitle(d.Title); len(strings.Fields(t)) >= 4 {
			if j, ok := byTitle[t]; ok {
				l.grey[mkPair(i, j)] = true
			} else {
				byTitle[t] = i
			}
		}
	}
	for p, s := range exact {
		if docs[p.a].Origin >= 0 || docs[p.b].Origin >= 0 {
			continue
		}
		switch {
		case s >= 0.8:
			l.union(int(p.a), int(p.b))
		case s >= 0.3:
			l.grey[p] = true
		}
	}
	return l
}

func normTitle(t string) string {
	t = strings.ToLower(t)
	if i := strings.Index(t, "]"); strings.HasPrefix(t, "[") && i > 0 {
		t = t[i+1:]
	}
	return strings.Join(strings.Fields(bahasa.Normalize(t)), " ")
}

func (l *labels) find(i int) int {
	for l.cluster[i] != i {
		l.cluster[i] = l.cluster[l.cluster[i]]
		i = l.cluster[i]
	}
	return i
}

func (l *labels) union(i, j int) { l.cluster[l.find(i)] = l.find(j) }

// same reports the label of a pair: positive, and whether it is scored. A
// copy inherits the grey pairs of its original.
func (l *labels) same(p pair) (positive, scored bool) {
	if l.find(int(p.a)) == l.find(int(p.b)) {
		return true, true
	}
	return false, !l.grey[mkPair(l.origin[p.a], l.origin[p.b])]
}
