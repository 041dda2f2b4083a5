package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CasingCounter learns how cased text writes each word, for
// TrainOptions.Casing: words at the start of a sentence, where capitals say
// nothing, are not counted.
type CasingCounter struct {
	counts  map[string]*[4]int // by lower-cased word: lower, capitalised, all capitals, mixed
	phrases map[string]int     // runs of 2 to 4 capitalised words, lower-cased
}

// NewCasingCounter returns an empty counter.
func NewCasingCounter() *CasingCounter {
	return &CasingCounter{counts: map[string]*[4]int{}, phrases: map[string]int{}}
}

// Add counts the words of one paragraph of cased text.
func (c *CasingCounter) Add(text string) {
	start := true
	var run []string // the capitalised words just seen, not sentence-initial
	flush := func() {
		if len(run) >= 2 && len(run) <= 4 {
			c.phrases[strings.ToLower(strings.Join(run, " "))]++
		}
		run = run[:0]
	}
	defer flush()
	for _, tok := range Tokenize(text) {
		r, _ := utf8.DecodeRuneInString(tok.Text)
		if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
			flush()
		}
		if !unicode.IsLetter(r) {
			switch tok.Text {
			case ".", "!", "?", ":", "\"", "“", "”", "-", "—", "(", ")":
				start = true
			}
			continue
		}
		if start {
			start = false
			continue
		}
		if unicode.IsUpper(r) {
			run = append(run, tok.Text)
		}
		lower := strings.ToLower(tok.Text)
		k := c.counts[lower]
		if k == nil {
			k = new([4]int)
			c.counts[lower] = k
		}
		k[casingClass(tok.Text)]++
	}
}

// casingClass returns 0 for a lower-case word, 1 for a capitalised one, 2
// for one in capitals (two letters or more), 3 for anything else.
func casingClass(w string) int {
	upper, lower := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case upper == 0:
		return 0
	case lower == 0 && upper > 1:
		return 2
	case unicode.IsUpper(first) && upper == 1:
		return 1
	}
	return 3
}

// Table returns, for each word seen at least minCount times, its usual
// casing: "U" mostly capitals, "C" mostly capitalised, "l" mostly lower
// case, "m" mixed.
func (c *CasingCounter) Table(minCount int) map[string]string {
	out := map[string]string{}
	for w, k := range c.counts {
		n := k[0] + k[1] + k[2] + k[3]
		if n < minCount {
			continue
		}
		switch {
		case 10*k[2] >= 8*n:
			out[w] = "U"
		case 10*(k[1]+k[2]) >= 8*n:
			out[w] = "C"
		case 10*k[0] >= 8*n:
			out[w] = "l"
		default:
			out[w] = "m"
		}
	}
	return out
}

// Phrases returns the runs of two to four capitalised words (not at the
// start of a sentence) seen at least minCount times, lower-cased and
// sorted: mostly names of people, organisations and places.
func (c *CasingCounter) Phrases(minCount int) []string {
	var out []string
	for p, n := range c.phrases {
		if n >= minCount {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
