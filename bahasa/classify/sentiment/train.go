package sentiment

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
)

// Example is one labelled text.
type Example struct {
	Text  string
	Label Label
}

// ReadSmSA reads an SmSA TSV file (text, TAB, label; no header).
func ReadSmSA(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text, label, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("sentiment: read SmSA: line %d: no TAB", line)
		}
		out = append(out, Example{Text: text, Label: Label(strings.TrimSpace(label))})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sentiment: read SmSA: %w", err)
	}
	return out, nil
}

// Hyper-parameters; RESULTS.md reports the few values tried on valid.
const (
	bucketBits = 20 // 1 Mi buckets
	minDF      = 1  // keep every feature
	inverseL2  = 30 // C of the logistic regression
	balanced   = true
	maxIter    = 300
)

// Stacker: the cross-validation that gives it its training data, and its
// L2 strength (RESULTS.md).
const (
	stackFolds  = 5
	stackLambda = 1e-4
)

// Train fits both members of the ensemble on examples and the texts
// withNegations derives from them (same hyper-parameters, different
// features), then the stacker on the members' out-of-fold ratings: text i
// is rated, whole and by its last clause, by members fitted without the
// texts of its fold (i mod stackFolds). It returns the three encoded,
// ready for Decode. The same examples and seed give the same bytes.
func Train(examples []Example, seed uint64) (Weights, error) {
	var w Weights
	var err error
	if w.Full, w.Words, err = fitMembers(examples, seed); err != nil {
		return Weights{}, err
	}
	var X [][]float64
	var y []int
	for fold := range stackFolds {
		full, words, err := fitMembers(outOfFold(examples, fold), seed)
		if err != nil {
			return Weights{}, fmt.Errorf("sentiment: train fold %d: %w", fold, err)
		}
		m, err := decodeMembers(full, words)
		if err != nil {
			return Weights{}, err
		}
		wk := m.pool.Get().(*work)
		for i, e := range examples {
			if i%stackFolds == fold && m.ratings(wk, e.Text) {
				X = append(X, slices.Clone(wk.x))
				y = append(y, classIndex(e.Label))
			}
		}
	}
	stack, err := linear.FitDense(X, y, len(labels()), stackLambda)
	if err != nil {
		return Weights{}, fmt.Errorf("sentiment: train stacker: %w", err)
	}
	if w.Stack, err = stack.MarshalBinary(); err != nil {
		return Weights{}, fmt.Errorf("sentiment: train stacker: %w", err)
	}
	return w, nil
}

// outOfFold returns the examples outside fold: those whose index i has
// i mod stackFolds != fold.
func outOfFold(examples []Example, fold int) []Example {
	var part []Example
	for i, e := range examples {
		if i%stackFolds != fold {
			part = append(part, e)
		}
	}
	return part
}

// fitMembers fits the full and the word-only member on examples and the
// texts withNegations derives from them, and returns them encoded.
func fitMembers(examples []Example, seed uint64) (fullModel, wordModel []byte, err error) {
	examples = withNegations(examples)
	o := linear.Options{
		Bits: bucketBits, Salt: seed, MinDF: minDF, C: inverseL2, Balanced: balanced, MaxIter: maxIter,
	}
	full := make([]linear.Example, len(examples))
	words := make([]linear.Example, len(examples))
	var buf []string
	for i, e := range examples {
		k := classIndex(e.Label)
		if k < 0 {
			return nil, nil, fmt.Errorf("sentiment: train: unknown label %q", e.Label)
		}
		var bag linear.Bag
		_, nWord := features(&bag, e.Text, &buf)
		full[i] = linear.Example{Keys: bag.Keys, Class: k}
		words[i] = linear.Example{Keys: bag.Keys[:nWord], Class: k}
	}
	if fullModel, err = linear.Fit(labels(), full, o); err != nil {
		return nil, nil, fmt.Errorf("sentiment: train full model: %w", err)
	}
	if wordModel, err = linear.Fit(labels(), words, o); err != nil {
		return nil, nil, fmt.Errorf("sentiment: train word model: %w", err)
	}
	return fullModel, wordModel, nil
}

// withNegations returns examples followed by the texts the negation rule
// implies for the shortest ones: a one-word text rated positive or
// negative ("jahat", negative) gives "tidak" + word with the other label
// ("tidak jahat", positive), and a negator and one word ("tidak sabar",
// negative) gives the word alone with the other label ("sabar",
// positive); a text already in the data is not added again. SmSA holds a
// few hundred such lexicon-like texts; without the pairs a linear model
// cannot learn the flip for a word it has seen negated only rarely
// (NEG_ features are separate weights). The order is that of examples,
// so training stays deterministic.
func withNegations(examples []Example) []Example {
	out := slices.Clip(examples)
	seen := make(map[string]bool, len(examples))
	for _, e := range examples {
		seen[e.Text] = true
	}
	var buf []string
	for _, e := range examples {
		var flip Label
		switch e.Label {
		case Positive:
			flip = Negative
		case Negative:
			flip = Positive
		default:
			continue
		}
		words, _ := split(e.Text, buf[:0])
		buf = words
		var text string
		switch {
		case len(words) == 1:
			text = "tidak " + words[0]
		case len(words) == 2 && isNegator(normalise(words[0])):
			text = words[1]
		default:
			continue
		}
		if !seen[text] {
			seen[text] = true
			out = append(out, Example{Text: text, Label: flip})
		}
	}
	return out
}

func classIndex(l Label) int {
	switch l {
	case Positive:
		return 0
	case Neutral:
		return 1
	case Negative:
		return 2
	}
	return -1
}

// Evaluate rates every example and returns the confusion matrix; NotRated
// answers count as declined.
func (m *Model) Evaluate(examples []Example) *linear.Confusion {
	c := linear.NewConfusion(m.full.Classes)
	for _, e := range examples {
		l, _ := m.Classify(e.Text)
		c.Add(classIndex(e.Label), classIndex(l))
	}
	return c
}
