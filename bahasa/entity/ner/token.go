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

// Tokenize splits text the way the IndoNLU NER data is tokenised (as
// NERGrit writes it): a run of letters, digits and marks is one token, and
// so is each other character that is not a space. A '.' or ',' between two
// digits ("1.500", "2,5") and an apostrophe between two letters ("Ma'ruf")
// stay inside the token. Invalid UTF-8 bytes are tokens of their own.
func Tokenize(text string) []Token { return tokenize(text, false) }

// tokenize is Tokenize; with joined it also keeps in the word what NERP
// writes as one token: a hyphen between two letters or digits ("ke-69",
// "u-17", "al-assad"), a full stop between two letters ("kompas.com") and
// the full stop after a single letter (the initial of "M. Nasir").
func tokenize(text string, joined bool) []Token {
	toks := make([]Token, 0, len(text)/6+1)
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && joins(text, start, i, r, size, joined):
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
// between digits, an apostrophe between letters and, when joined, the
// hyphens and full stops tokenize describes.
func joins(text string, start, i int, r rune, size int, joined bool) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[start:i])
	next := utf8.RuneError // none: the text ends
	if i+size < len(text) {
		next, _ = utf8.DecodeRuneInString(text[i+size:])
	}
	switch r {
	case '.':
		if joined && unicode.IsLetter(prev) && (unicode.IsLetter(next) || utf8.RuneCountInString(text[start:i]) == 1) {
			return true
		}
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '-':
		return joined && isWordRune(prev) && isWordRune(next)
	case '\'', '’':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	}
	return false
}
