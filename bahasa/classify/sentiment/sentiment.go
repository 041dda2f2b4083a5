// Package sentiment rates Indonesian text as positive, neutral or negative,
// with a confidence, or "not rated" when there is too little text.
//
// The model averages the probabilities of two multinomial logistic
// regressions: one over hashed word 1–3-grams, negation-marked words and
// character 2–5-grams of words, one over the word features alone. The two
// rate the whole text and, apart, its last clause (clause.go); a small
// stacker weighs the two ratings into the answer. All three are trained
// on the SmSA train split (IndoNLU, Apache-2.0), with the negated one-word
// texts it implies (see withNegations), and tuned on its valid split only.
// Informal spelling is folded first by a small normaliser of this package
// (elongation, a few dozen common abbreviations), so the model works on
// social-media text as well as on news sentences.
package sentiment

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
)

// Label is a sentiment class.
type Label string

// The labels a Model answers.
const (
	Positive Label = "positive"
	Neutral  Label = "neutral"
	Negative Label = "negative"
	// NotRated is the answer for text with fewer than MinLetters letters or
	// with no word or character n-gram the model has seen.
	NotRated Label = "not_rated"
)

// MinLetters is the fewest letters a text needs to be rated. SmSA rates
// single words ("marah", "bersyukur"), so the bar is low: it only turns
// away empty text, emoji-only text and stray letters.
const MinLetters = 3

// labels returns the classes in score order.
func labels() []string { return []string{string(Positive), string(Neutral), string(Negative)} }

// The shipped weights: the full member, the word-only member and the
// stacker.
var (
	//go:embed model.bin.gz
	shippedFull []byte
	//go:embed words.bin.gz
	shippedWords []byte
	//go:embed stack.bin
	shippedStack []byte
)

// Weights are the encoded members of the ensemble and its stacker, as
// Train returns them and Decode reads them.
type Weights struct {
	Full  []byte // word and character features (model.bin.gz)
	Words []byte // word features only (words.bin.gz)
	Stack []byte // the stacker over both ratings (stack.bin)
}

// Model rates sentiment. It is immutable and safe for concurrent use.
type Model struct {
	full, words *linear.Model
	stack       *linear.Dense
	pool        sync.Pool // of *work
}

type work struct {
	bag         linear.Bag
	scratch     linear.Scratch
	whole, last []float64
	p, x        []float64
	words       []string
}

// Load returns the shipped model.
func Load() (*Model, error) {
	return Decode(Weights{Full: shippedFull, Words: shippedWords, Stack: shippedStack})
}

// Decode returns the model encoded in w (as written by Train).
func Decode(w Weights) (*Model, error) {
	m, err := decodeMembers(w.Full, w.Words)
	if err != nil {
		return nil, err
	}
	stack, err := linear.UnmarshalDense(w.Stack)
	if err != nil {
		return nil, fmt.Errorf("sentiment: stacker: %w", err)
	}
	if len(stack.W) != len(labels()) || stack.Features() != stackFeatures {
		return nil, fmt.Errorf("sentiment: stacker of %d classes and %d features, want %d and %d",
			len(stack.W), stack.Features(), len(labels()), stackFeatures)
	}
	m.stack = stack
	return m, nil
}

// decodeMembers returns a model of the two members without a stacker:
// enough for ratings, not for Classify.
func decodeMembers(fullModel, wordModel []byte) (*Model, error) {
	full, err := linear.Unmarshal(fullModel)
	if err != nil {
		return nil, fmt.Errorf("sentiment: full model: %w", err)
	}
	words, err := linear.Unmarshal(wordModel)
	if err != nil {
		return nil, fmt.Errorf("sentiment: word model: %w", err)
	}
	if !slices.Equal(full.Classes, labels()) || !slices.Equal(words.Classes, labels()) {
		return nil, fmt.Errorf("sentiment: classes %q and %q, want %q", full.Classes, words.Classes, labels())
	}
	m := &Model{full: full, words: words}
	K := len(full.Classes)
	m.pool.New = func() any {
		return &work{whole: make([]float64, K), last: make([]float64, K), p: make([]float64, K), x: make([]float64, stackFeatures)}
	}
	return m, nil
}

// Classify returns the sentiment of text and the stacker's probability
// for it, or NotRated with confidence 0.
func (m *Model) Classify(text string) (Label, float64) {
	w := m.pool.Get().(*work)
	defer m.pool.Put(w)
	if !m.ratings(w, text) {
		return NotRated, 0
	}
	m.stack.Predict(w.x, w.p)
	best := linear.Argmax(w.p)
	return Label(m.full.Classes[best]), w.p[best]
}

// ratings rates the whole text and its last clause the members can rate
// (equal odds when there is none) and writes the stacker's input into
// w.x. It reports false when the whole text cannot be rated.
func (m *Model) ratings(w *work, text string) bool {
	if !m.rate(w, text, w.whole) {
		return false
	}
	rated := false
	for end := len(text); end > 0 && !rated; {
		start, rest := lastClause(text[:end])
		if !hasWordChar(text[:start]) && !hasWordChar(text[end:]) {
			// The clause holds every word of the text, and features
			// read nothing else: its rating is the text's.
			copy(w.last, w.whole)
			rated = true
			break
		}
		rated = m.rate(w, text[start:end], w.last)
		end = rest
	}
	if !rated {
		for k := range w.last {
			w.last[k] = 1 / float64(len(w.last))
		}
	}
	stackInput(w.x, w.whole, w.last)
	return true
}

// rate writes into probs the mean of both members' probabilities for
// text, and reports false when the text is too short or holds no feature
// the model knows.
func (m *Model) rate(w *work, text string, probs []float64) bool {
	w.bag.Reset()
	letters, nWord := features(&w.bag, text, &w.words)
	if letters < MinLetters {
		return false
	}
	// The full member sees every feature the word member sees: when it
	// knows none, neither does the other.
	if m.full.Predict(w.bag.Keys, &w.scratch, probs) == 0 {
		return false
	}
	m.words.Predict(w.bag.Keys[:nWord], &w.scratch, w.p)
	for k := range probs {
		probs[k] = (probs[k] + w.p[k]) / 2
	}
	return true
}

// stackFeatures is the length of the stacker's input: the log
// probabilities of the whole text, then the probabilities of its last
// clause.
const stackFeatures = 6

// stackInput writes the stacker's input for the ratings of the whole text
// and of its last clause into x.
func stackInput(x, whole, last []float64) {
	n := len(whole)
	for k, p := range whole {
		x[k] = math.Log(max(p, 1e-4))
		x[n+k] = last[k]
	}
}
