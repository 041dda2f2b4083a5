package ner

import "slices"

// Counts are entity-level results: an entity is correct when its span and
// type both equal a gold entity's.
type Counts struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 when there is nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TypeCounts are the Counts of one entity type.
type TypeCounts struct {
	Type string
	Counts
}

// Report is an entity-level evaluation: per type, in type order, and
// micro-averaged over all types.
type Report struct {
	Types []TypeCounts
	Micro Counts
}

// Evaluate tags the words of each gold sentence with m and compares the
// entities, CoNLL style.
func Evaluate(m *Model, gold []Sentence) Report {
	pred := make([][]string, len(gold))
	for i, s := range gold {
		pred[i] = m.Tag(s.Words)
	}
	return Compare(gold, pred)
}

// Compare scores predicted tags against the gold sentences' tags.
func Compare(gold []Sentence, pred [][]string) Report {
	per := map[string]*Counts{}
	var micro Counts
	for i, s := range gold {
		g, p := tagSpans(s.Tags), tagSpans(pred[i])
		count := func(sp span) *Counts {
			c := per[sp.typ]
			if c == nil {
				c = &Counts{}
				per[sp.typ] = c
			}
			return c
		}
		for _, sp := range p {
			if slices.Contains(g, sp) {
				count(sp).TP++
				micro.TP++
			} else {
				count(sp).FP++
				micro.FP++
			}
		}
		for _, sp := range g {
			if !slices.Contains(p, sp) {
				count(sp).FN++
				micro.FN++
			}
		}
	}
	r := Report{Micro: micro}
	for t, c := range per {
		r.Types = append(r.Types, TypeCounts{t, *c})
	}
	slices.SortFunc(r.Types, func(a, b TypeCounts) int {
		if a.Type < b.Type {
			return -1
		}
		if a.Type > b.Type {
			return 1
		}
		return 0
	})
	return r
}

// tagSpans reads the entities off tags spelled as strings.
func tagSpans(tags []string) []span {
	ids := make([]int, len(tags))
	types := make([]string, 0, len(tags))
	inside := make([]bool, 0, len(tags))
	for i, t := range tags {
		ids[i] = i
		types = append(types, TypeOf(t))
		inside = append(inside, len(t) > 1 && t[0] == 'I')
	}
	return spans(ids, inside, types)
}
