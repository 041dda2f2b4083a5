// Package langid tells which of 12 languages of Indonesia a text is written
// in: Indonesian, English and ten regional languages (Javanese, Sundanese,
// Minangkabau, Balinese, Banjarese, Buginese, Madurese, Acehnese, Ngaju,
// Toba Batak), answering ISO 639 codes and "und" when it cannot tell.
//
// The model is a multinomial logistic regression over hashed character
// 1–5-grams of words and word 1–2-grams, trained on NusaX-MT. Its weights
// (model.bin.gz) are derived from NusaX-MT and are therefore licensed
// CC BY-SA 4.0; see MODEL_LICENSE.md beside them.
package langid

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

// Unknown is the answer for a text too short or too ambiguous to label.
const Unknown = "und"

// MinLetters is the fewest letters a text needs to be identified; shorter
// texts are Unknown with confidence 0. Two or three short words cannot tell
// Indonesian from Banjarese or Minangkabau.
const MinLetters = 10

// MinConfidence is the lowest probability of the best language that is
// still reported; below it the answer is Unknown with that probability.
const MinConfidence = 0.3

// MaxBytes is how much of a text Identify reads: its beginning, cut
// before the word that crosses this length. A paragraph is plenty to tell
// the languages apart, and a long article then costs no more than its
// first paragraph.
const MaxBytes = 1024

// languages returns the codes the model knows, in NusaX-MT column order.
func languages() []string {
	return []string{"id", "ace", "bjn", "en", "mad", "nij", "su", "ban", "bug", "jv", "min", "bbc"}
}

//go:embed model.bin.gz
var shipped []byte

// Model identifies languages. It is immutable and safe for concurrent use.
type Model struct {
	lin  *linear.Model
	pool sync.Pool // of *work
}

type work struct {
	bag     linear.Bag
	scratch linear.Scratch
	probs   []float64
	lower   []byte
}

// Load returns the shipped model.
func Load() (*Model, error) { return Decode(shipped) }

// Decode returns the model encoded in data (a file written by Train).
func Decode(data []byte) (*Model, error) {
	lin, err := linear.Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("langid: %w", err)
	}
	m := &Model{lin: lin}
	m.pool.New = func() any { return &work{probs: make([]float64, len(lin.Classes))} }
	return m, nil
}

// Languages returns the codes the model can answer, besides Unknown.
func (m *Model) Languages() []string { return append([]string(nil), m.lin.Classes...) }

// Identify returns the language of text (its first MaxBytes bytes) and
// the model's probability for it. Texts with fewer than MinLetters
// letters, or whose best language has probability below MinConfidence,
// are Unknown.
func (m *Model) Identify(text string) (lang string, confidence float64) {
	w := m.pool.Get().(*work)
	defer m.pool.Put(w)
	w.bag.Reset()
	text = beginning(text, MaxBytes)
	if features(&w.bag, text, &w.lower) < MinLetters {
		return Unknown, 0
	}
	if m.lin.Predict(w.bag.Keys, &w.scratch, w.probs) == 0 {
		return Unknown, 0
	}
	best := linear.Argmax(w.probs)
	if w.probs[best] < MinConfidence {
		return Unknown, w.probs[best]
	}
	return m.lin.Classes[best], w.probs[best]
}

// features adds the features of text to bag and returns its number of
// letters. Words are runs of letters (with inner apostrophes, as in
// Buginese tike'), lower-cased; digits and punctuation are ignored.
func features(bag *linear.Bag, text string, buf *[]byte) int {
	lower := (*buf)[:0]
	letters := 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
			lower = utf8.AppendRune(lower, unicode.ToLower(r))
		case r == '\'' || r == '’':
			lower = append(lower, '\'')
		default:
			lower = append(lower, ' ')
		}
	}
	*buf = lower
	prev := ""
	for word := range strings.FieldsSeq(string(lower)) {
		word = strings.Trim(word, "'")
		if word == "" {
			continue
		}
		bag.AddWord(word)
		bag.AddCharGrams(word, 1, 5)
		if prev != "" {
			bag.AddBigram(prev, word)
		}
		prev = word
	}
	return letters
}

// beginning returns text cut to at most n bytes before a space, so that
// no word is cut in two (a text of one long word is cut at a rune).
func beginning(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if i := strings.LastIndexAny(text[:n+1], " \t\n"); i > 0 {
		return text[:i]
	}
	return textcut.Bytes(text, n)
}
