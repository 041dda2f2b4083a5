package ner

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word or punctuation mark of the input with its byte offsets.
type Token struct {
	Start, End int // byte offsets in the input: Text == input[Start:End]
	Text       string
}

// Tokenize splits text the way the IndoNLU NER data is tokenised: a run of
// letters, digits and marks is one token, and so is each other character
// that is not a space. A '.' or ',' between two digits ("1.500", "2,5")
// and an apostrophe between two letters ("Ma'ruf") stay inside the token.
// Invalid UTF-8 bytes are tokens of their own.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/6+1)
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && joins(text, start, i, r, size):
			// stays inside the current word
		default:
			if start >= 0 {
				toks = append(toks, Token{start, i, text[start:i]})
				start = -1
			}
			if !unicode.IsSpace(r) {
				toks = append(toks, Token{i, i + size, text[i : i+size]})
			}
		}
		i += size
	}
	if start >= 0 {
		toks = append(toks, Token{start, len(text), text[start:]})
	}
	return toks
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// joins reports whether the separator r at text[i:i+size], inside a word
// that began at start, belongs to the word: a decimal or thousands mark
// between digits, an apostrophe between letters.
func joins(text string, start, i int, r rune, size int) bool {
	if i+size >= len(text) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(text[start:i])
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	switch r {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	}
	return false
}
