package lexicon

import (
	"cmp"
	"slices"
)

// Score is the accuracy of a stemmer against UD lemmas.
type Score struct {
	Total, Correct int
	ByUPOS         map[string][2]int // UPOS → {correct, total}
	Errors         map[[2]string]int // {form→got, lemma} → count
}

// Evaluate stems the Form of every token and compares it with the Lemma.
func Evaluate(toks []Token, stem func(string) string) Score {
	s := Score{ByUPOS: map[string][2]int{}, Errors: map[[2]string]int{}}
	for _, t := range toks {
		got := stem(t.Form)
		u := s.ByUPOS[t.UPOS]
		u[1]++
		s.Total++
		if got == t.Lemma {
			u[0]++
			s.Correct++
		} else {
			s.Errors[[2]string{t.Form + "→" + got, t.Lemma}]++
		}
		s.ByUPOS[t.UPOS] = u
	}
	return s
}

// Accuracy is Correct/Total as a percentage.
func (s Score) Accuracy() float64 { return pct(s.Correct, s.Total) }

// UPOSAccuracy returns the accuracy on one UPOS.
func (s Score) UPOSAccuracy(upos string) float64 {
	u := s.ByUPOS[upos]
	return pct(u[0], u[1])
}

// Add accumulates o into s.
func (s *Score) Add(o Score) {
	if s.ByUPOS == nil {
		s.ByUPOS, s.Errors = map[string][2]int{}, map[[2]string]int{}
	}
	s.Total += o.Total
	s.Correct += o.Correct
	for k, v := range o.ByUPOS {
		u := s.ByUPOS[k]
		s.ByUPOS[k] = [2]int{u[0] + v[0], u[1] + v[1]}
	}
	for k, v := range o.Errors {
		s.Errors[k] += v
	}
}

// ErrorCount is one frequent error: form→got where the gold is Lemma.
type ErrorCount struct {
	Pair  [2]string
	Count int
}

// TopErrors returns the n most frequent errors.
func (s Score) TopErrors(n int) []ErrorCount {
	var out []ErrorCount
	for k, v := range s.Errors {
		out = append(out, ErrorCount{k, v})
	}
	slices.SortFunc(out, func(a, b ErrorCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Pair[0], b.Pair[0])
	})
	return out[:min(n, len(out))]
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
