package place

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of the text: a run of letters and digits, with the
// apostrophes inside names ("Ma'rang") kept in the span but dropped from
// the key.
type word struct {
	start, end int
	key        string // lower case, apostrophes dropped, as region.Normalize would
	capital    bool   // begins with an upper-case letter or a digit
	joined     bool   // only spaces or one hyphen separate it from the previous word
	dotted     bool   // a '.' follows it directly ("Kab.")
}

// splitWords splits text into words.
func splitWords(text string) []word {
	var out []word
	sep := 0    // where the gap before the next word begins
	start := -1 // where the current word begins
	for i := 0; i <= len(text); {
		r, size := rune(-1), 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(start >= 0 && isApostrophe(r) && i+size < len(text) && isLetterAt(text, i+size))) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			out = append(out, newWord(text, start, i, sep))
			start, sep = -1, i
		}
		if r == '.' && len(out) > 0 && out[len(out)-1].end == i {
			out[len(out)-1].dotted = true
		}
		i += size
	}
	return out
}

func newWord(text string, start, end, sep int) word {
	s := text[start:end]
	first, _ := utf8.DecodeRuneInString(s)
	w := word{start: start, end: end, capital: unicode.IsUpper(first) || unicode.IsDigit(first)}
	gap := text[sep:start]
	w.joined = sep > 0 && strings.Trim(gap, " \t") == "" || strings.TrimSpace(gap) == "-"
	key := strings.ToLower(s)
	if strings.ContainsAny(key, "'`´‘’ʼ") {
		key = strings.Map(func(r rune) rune {
			if isApostrophe(r) {
				return -1
			}
			return r
		}, key)
	}
	w.key = key
	return w
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', 'ʼ':
		return true
	}
	return false
}
