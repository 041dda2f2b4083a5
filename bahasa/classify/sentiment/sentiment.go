// Package sentiment rates Indonesian text as positive, neutral or negative,
// with a confidence, or "not rated" when there is too little text.
//
// The model averages the probabilities of two multinomial logistic
// regressions: one over hashed word 1–3-grams, negation-marked words and
// character 2–5-grams of words, one over the word features alone. Both are
// trained on the SmSA train split (IndoNLU, Apache-2.0), with the
// negated one-word texts it implies (see withNegations), and tuned on its
// valid split only.
// Informal spelling is folded first by a small normaliser of this package
// (elongation, a few dozen common abbreviations), so the model works on
// social-media text as well as on news sentences.
package sentiment

import (
	_ "embed"
	"fmt"
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

// The shipped weights: the full member and the word-only member.
var (
	//go:embed model.bin.gz
	shippedFull []byte
	//go:embed words.bin.gz
	shippedWords []byte
)

// Weights are the encoded members of the ensemble, as Train returns them
// and Decode reads them.
type Weights struct {
	Full  []byte // word and character features (model.bin.gz)
	Words []byte // word features only (words.bin.gz)
}

// Model rates sentiment. It is immutable and safe for concurrent use.
type Model struct {
	full, words *linear.Model
	pool        sync.Pool // of *work
}

type work struct {
	bag      linear.Bag
	scratch  linear.Scratch
	probs, p []float64
	words    []string
}

// Load returns the shipped model.
func Load() (*Model, error) { return Decode(Weights{Full: shippedFull, Words: shippedWords}) }

// Decode returns the model encoded in w (as written by Train).
func Decode(w Weights) (*Model, error) {
	full, err := linear.Unmarshal(w.Full)
	if err != nil {
		return nil, fmt.Errorf("sentiment: full model: %w", err)
	}
	words, err := linear.Unmarshal(w.Words)
	if err != nil {
		return nil, fmt.Errorf("sentiment: word model: %w", err)
	}
	if !slices.Equal(full.Classes, labels()) || !slices.Equal(words.Classes, labels()) {
		return nil, fmt.Errorf("sentiment: classes %q and %q, want %q", full.Classes, words.Classes, labels())
	}
	m := &Model{full: full, words: words}
	K := len(full.Classes)
	m.pool.New = func() any { return &work{probs: make([]float64, K), p: make([]float64, K)} }
	return m, nil
}

// Classify returns the sentiment of text and the ensemble's probability
// for it (the mean of its members'), or NotRated with confidence 0.
func (m *Model) Classify(text string) (Label, float64) {
	w := m.pool.Get().(*work)
	defer m.pool.Put(w)
	w.bag.Reset()
	letters, nWord := features(&w.bag, text, &w.words)
	if letters < MinLetters {
		return NotRated, 0
	}
	// The full member sees every feature the word member sees: when it
	// knows none, neither does the other.
	if m.full.Predict(w.bag.Keys, &w.scratch, w.probs) == 0 {
		return NotRated, 0
	}
	m.words.Predict(w.bag.Keys[:nWord], &w.scratch, w.p)
	for k := range w.probs {
		w.probs[k] = (w.probs[k] + w.p[k]) / 2
	}
	best := linear.Argmax(w.probs)
	return Label(m.full.Classes[best]), w.probs[best]
}
