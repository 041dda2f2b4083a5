package bahasa

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

// The kinds of token. Word covers every run of letters (and digits mixed
// with letters, like "G20" or "covid-19"), including hyphenated words and
// reduplications.
const (
	Word    Kind = iota + 1 // a word: "banjir", "anak-anak", "Jum'at"
	Number                  // "1.234.567", "12,5", "2026"
	Percent                 // "50%"
	Money                   // "Rp 1,2 miliar", "Rp500.000"
	Date                    // "23/11/2026", "2026-11-23", "23 November 2026"
	Time                    // "09.30", "09:30 WIB"
	URL                     // "https://jambiprov.go.id/berita", "www.x.id", "kominfo.go.id"
	Email                   // "humas@jambiprov.go.id"
	Mention                 // "@humasjambi"
	Hashtag                 // "#BanjirJambi"
	Emoji                   // "👍", "🇮🇩", "👨‍👩‍👧"
	Abbrev                  // "Kab.", "S.H.", "dll.", "Pemprov", "DPRD", an initial "B."
	Punct                   // ".", "?!", "...", ",", "“"
	Symbol                  // anything else: "+", "=", "©"
)

var kindNames = [...]string{"", "word", "number", "percent", "money", "date", "time", "url",
	"email", "mention", "hashtag", "emoji", "abbrev", "punct", "symbol"}

// String returns the kind's lower-case name, as the CLI prints it.
func (k Kind) String() string {
	if int(k) < len(kindNames) && k != 0 {
		return kindNames[k]
	}
	return "invalid"
}

// Token is one token of a text. Start and End are byte offsets into the
// text that was tokenised, and Text == text[Start:End] always.
type Token struct {
	Text       string
	Kind       Kind
	Start, End int
	// Base is set for a reduplicated word only: the repeated base, a
	// substring of Text ("anak" for "anak-anak", "anak2" and "anak-anaknya",
	// "hari" for "sehari-hari", "sayur" for "sayur-mayur").
	Base string
}

// Redup reports whether the token is a reduplicated word.
func (t Token) Redup() bool { return t.Base != "" }

// Tokenize splits text into tokens. White space and invalid UTF-8 bytes
// separate tokens and are not tokens themselves.
func Tokenize(text string) []Token {
	return AppendTokens(make([]Token, 0, len(text)/5+1), text)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice; with a reused dst it does not allocate.
func AppendTokens(dst []Token, text string) []Token {
	for t, ok := nextToken(text, 0); ok; t, ok = nextToken(text, t.End) {
		dst = append(dst, t)
	}
	return dst
}

// Tokens returns an iterator over the tokens of text (the same as
// Tokenize's) that does not allocate.
func Tokens(text string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		for t, ok := nextToken(text, 0); ok; t, ok = nextToken(text, t.End) {
			if !yield(t) {
				return
			}
		}
	}
}

// nextToken returns the first token that starts at or after byte i, or
// false when there is none.
func nextToken(text string, i int) (Token, bool) {
	for i < len(text) {
		c := text[i]
		var kind Kind
		var end int
		var base string
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				i++
				continue
			case isASCIIDigit(c):
				kind, end, base = scanNumeric(text, i)
			case isASCIILetter(c):
				kind, end, base = scanWordish(text, i)
			case c == '#':
				kind, end = scanTag(text, i, Hashtag)
			case c == '@':
				kind, end = scanTag(text, i, Mention)
			case c == '.' || c == '!' || c == '?':
				kind, end = Punct, i+1
				for end < len(text) && (text[end] == '.' || text[end] == '!' || text[end] == '?') {
					end++
				}
			case c == '-':
				kind, end = Punct, i+1
				for end < len(text) && text[end] == '-' {
					end++
				}
			case isASCIIPunct(c):
				kind, end = Punct, i+1
			default:
				kind, end = Symbol, i+1
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				i++ // invalid byte: a separator, never inside a token
				continue
			case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
				i += size
				continue
			case unicode.IsLetter(r):
				kind, end, base = scanWordish(text, i)
			case unicode.IsDigit(r):
				kind, end = Number, i+size
				for end < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[end:])
					if !unicode.IsDigit(r2) {
						break
					}
					end += s2
				}
			case isEmoji(r):
				kind, end = Emoji, scanEmoji(text, i)
			case unicode.IsPunct(r):
				kind, end = Punct, i+size
			default:
				kind, end = Symbol, i+size
			}
		}
		return Token{Text: text[i:end], Kind: kind, Start: i, End: end, Base: base}, true
	}
	return Token{}, false
}

func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isASCIIAlnum(c byte) bool  { return isASCIIDigit(c) || isASCIILetter(c) }
func isASCIIUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isASCIIPunct(c byte) bool {
	switch c {
	case '!', '"', '\'', '(', ')', ',', '-', '.', '/', ':', ';', '?', '[', ']', '{', '}', '_', '&', '*', '\\', '%', '#', '@':
		return true
	}
	return false
}

// wordRuneAt reports whether a letter, digit or combining mark starts at
// text[i], and its size.
func wordRuneAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return isASCIIAlnum(c), 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && size == 1 {
		return false, 1
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r), size
}

// markAt reports whether a combining mark begins at text[i].
func markAt(text string, i int) bool {
	if i >= len(text) || text[i] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsMark(r)
}

// alnumEnd returns the end of the run of letters, digits and marks from i.
func alnumEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				return i
			}
			i++
			continue
		}
		ok, size := wordRuneAt(text, i)
		if !ok {
			return i
		}
		i += size
	}
	return i
}

// scanTag scans "#tag" or "@name" from i (text[i] is '#' or '@'). A lone
// sign is punctuation.
func scanTag(text string, i int, kind Kind) (Kind, int) {
	j := i + 1
	for j < len(text) {
		if text[j] == '_' || (kind == Mention && text[j] == '.' && j+1 < len(text) && isASCIIAlnum(text[j+1])) {
			j++
			continue
		}
		if kind == Mention {
			if !isASCIIAlnum(text[j]) {
				break
			}
			j++
			continue
		}
		ok, size := wordRuneAt(text, j)
		if !ok {
			break
		}
		j += size
	}
	if j == i+1 || (kind == Hashtag && onlyDigits(text[i+1:j])) {
		return Punct, i + 1
	}
	return kind, j
}

func onlyDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// isEmoji reports whether r starts an emoji (pictographs, dingbats,
// regional indicators for flags, a few symbols drawn as emoji).
func isEmoji(r rune) bool {
	switch {
	case 0x1F000 <= r && r <= 0x1FAFF, 0x2600 <= r && r <= 0x27BF, 0x2B00 <= r && r <= 0x2BFF,
		0x2300 <= r && r <= 0x23FF, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}

// scanEmoji returns the end of the emoji sequence starting at i: modifiers,
// variation selectors, keycaps, tags, joiners and flag pairs stay in one
// token.
func scanEmoji(text string, i int) int {
	r, size := utf8.DecodeRuneInString(text[i:])
	j := i + size
	if 0x1F1E6 <= r && r <= 0x1F1FF { // a flag is two regional indicators
		r2, s2 := utf8.DecodeRuneInString(text[j:])
		if 0x1F1E6 <= r2 && r2 <= 0x1F1FF {
			return j + s2
		}
		return j
	}
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == 0xFE0F || r == 0xFE0E || r == 0x20E3 || (0x1F3FB <= r && r <= 0x1F3FF) || (0xE0020 <= r && r <= 0xE007F):
			j += size
		case r == 0x200D:
			r2, s2 := utf8.DecodeRuneInString(text[j+size:])
			if !isEmoji(r2) {
				return j
			}
			j += size + s2
		default:
			return j
		}
	}
	return j
}
