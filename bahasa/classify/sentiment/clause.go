package sentiment

import (
	"unicode"
	"unicode/utf8"
)

// A review's verdict is often in its last clause ("tempatnya bagus,
// makanannya enak, tapi pelayanannya lama sekali"), where a bag of
// n-grams over the whole text weighs every clause alike. The model rates
// the last clause on its own as well, and a small stacker (see Train)
// weighs the two ratings.

// opensClause reports whether a lower-cased word starts a new clause: the
// conjunctions of contrast and concession (and "tp", which normalise reads
// as "tapi").
func opensClause(w string) bool {
	switch w {
	case "tapi", "tp", "tetapi", "namun", "sayang", "sayangnya", "cuma", "hanya", "walau", "walaupun",
		"meski", "meskipun", "padahal", "kecuali", "sedangkan":
		return true
	}
	return false
}

// isClauseMark reports whether r can end a clause: sentence punctuation,
// the comma, the semicolon and line breaks (lastClause skips a full stop
// or comma between two digits: "2.500", "24,5").
func isClauseMark(r rune) bool {
	switch r {
	case '.', ',', '!', '?', ';', '\n', '…':
		return true
	}
	return false
}

// lastClause splits text before its last clause: the clause is
// text[start:], and the text before it is text[:rest]. A clause begins
// after a clause mark (which belongs to no clause: rest is the mark's
// offset) or with a word that opens a clause (rest = start). It scans
// from the end, so finding the last clause of a long text is cheap; a text
// without either is one clause (start = rest = 0).
func lastClause(text string) (start, rest int) {
	wordEnd := -1 // end of the word being read backwards, or -1
	for i := len(text); i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
		letter := unicode.IsLetter(r)
		switch {
		case letter && wordEnd < 0:
			wordEnd = i + size
		case !letter && wordEnd >= 0:
			if opensClauseFolded(text[i+size : wordEnd]) {
				return i + size, i + size
			}
			wordEnd = -1
		}
		if isClauseMark(r) && !((r == '.' || r == ',') && betweenDigits(text, i)) {
			return i + size, i
		}
	}
	return 0, 0
}

// hasWordChar reports whether s holds a letter or a digit, looking from
// its end (where the callers' texts usually have one).
func hasWordChar(s string) bool {
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		i -= size
	}
	return false
}

// betweenDigits reports whether the byte at i has an ASCII digit on both
// sides.
func betweenDigits(text string, i int) bool {
	return i > 0 && i+1 < len(text) && isDigit(text[i-1]) && isDigit(text[i+1])
}

// opensClauseFolded is opensClause of w lower-cased, without allocating:
// a word longer than every clause opener, or not ASCII, never opens one.
func opensClauseFolded(w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return opensClause(string(buf[:len(w)]))
}
