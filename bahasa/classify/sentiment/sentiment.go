// Package sentiment rates Indonesian text as positive, neutral or negative,
// with a confidence, or "not rated" when there is too little text.
//
// The model is a multinomial logistic regression over hashed word 1–3-grams,
// negation-marked words and character 2–5-grams of words, trained on the
// SmSA train split (IndoNLU, Apache-2.0) and tuned on its valid split only.
// Informal spelling is folded first by a small normaliser of this package
// (elongation, a few dozen common abbreviations), so the model works on
// social-media text as well as on news sentences.
package sentiment

import (
	_ "embed"
	"fmt"
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

//go:embed model.bin.gz
var shipped []byte

// Model rates sentiment. It is immutable and safe for concurrent use.
type Model struct {
	lin  *linear.Model
	pool sync.Pool // of *work
}

type work struct {
	bag     linear.Bag
	scratch linear.Scratch
	probs   []float64
	words   []string
}

// Load returns the shipped model.
func Load() (*Model, error) { return Decode(shipped) }

// Decode returns the model encoded in data (a file written by Train).
func Decode(data []byte) (*Model, error) {
	lin, err := linear.Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("sentiment: %w", err)
	}
	m := &Model{lin: lin}
	m.pool.New = func() any { return &work{probs: make([]float64, len(lin.Classes))} }
	return m, nil
}

// Classify returns the sentiment of text and the model's probability for
// it, or NotRated with confidence 0.
func (m *Model) Classify(text string) (Label, float64) {
	w := m.pool.Get().(*work)
	defer m.pool.Put(w)
	w.bag.Reset()
	if features(&w.bag, text, &w.words) < MinLetters {
		return NotRated, 0
	}
	if m.lin.Predict(w.bag.Keys, &w.scratch, w.probs) == 0 {
		return NotRated, 0
	}
	best := linear.Argmax(w.probs)
	return Label(m.lin.Classes[best]), w.probs[best]
}
