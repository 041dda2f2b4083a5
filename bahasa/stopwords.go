package bahasa

import "slices"

// negations are the words a sentiment model must see even though they are
// stop words.
var negations = [...]string{"tidak", "bukan", "belum", "jangan", "tanpa", "tak", "enggak"}

// StopSet is a set of stop words. The zero value is empty.
type StopSet struct {
	words         map[string]bool
	keepNegations bool
}

// StopWords returns the stop words of the stopwords-iso Indonesian list
// (758 words, MIT licence; see data/SOURCE.md). With keepNegations the
// negations (tidak, bukan, belum, jangan, tanpa, tak, enggak) are not stop
// words, so that sentiment analysis keeps them.
func StopWords(keepNegations bool) StopSet {
	return StopSet{words: builtinLexicon().stop, keepNegations: keepNegations}
}

// Has reports whether w, a lower-case normalised word, is a stop word.
func (s StopSet) Has(w string) bool {
	if !s.words[w] {
		return false
	}
	return !s.keepNegations || !isNegation(w)
}

// Len returns the number of stop words in the set.
func (s StopSet) Len() int {
	n := len(s.words)
	if s.keepNegations {
		for _, w := range negations {
			if s.words[w] {
				n--
			}
		}
	}
	return n
}

// Words returns the stop words in sorted order.
func (s StopSet) Words() []string {
	out := make([]string, 0, len(s.words))
	for w := range s.words {
		if s.Has(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

func isNegation(w string) bool {
	for _, n := range negations {
		if w == n {
			return true
		}
	}
	return false
}

// IsStopWord reports whether w, a lower-case normalised word, is in the
// full stop-word list (negations included).
func IsStopWord(w string) bool { return builtinLexicon().stop[w] }
