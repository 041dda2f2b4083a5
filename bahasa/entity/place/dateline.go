package place

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDateline is the longest dateline read, in bytes.
const maxDateline = 60

// Dateline returns the length in bytes of the dateline that opens a news
// text ("JAKARTA, KOMPAS.com -", "TEMPO.CO, Jakarta -", "Jakarta (ANTARA)
// -", "Jakarta, CNN Indonesia --", "Jakarta -"), the dash excluded, or 0
// when the text opens with none. A dateline is what comes before the first
// dash of the first line when that dash stands apart (a space on one side
// at least, or after an outlet's domain: "KOMPAS.com-"), within 60 bytes,
// and what comes before it holds no full stop ending a sentence and is
// either one to three capitalised words or holds a comma or parentheses.
func Dateline(text string) int {
	line, _, _ := strings.Cut(text[:min(len(text), maxDateline+8)], "\n")
	for i, r := range line {
		if i > maxDateline {
			return 0
		}
		if r != '-' && r != '–' && r != '—' {
			continue
		}
		before := line[:i]
		after := line[i+utf8.RuneLen(r):]
		head := strings.TrimSpace(before)
		apart := strings.HasSuffix(before, " ") || strings.HasPrefix(after, " ") || strings.HasPrefix(after, "-") ||
			strings.HasSuffix(strings.ToLower(head), ".com") || strings.HasSuffix(strings.ToLower(head), ".co")
		if !apart || head == "" || strings.Contains(head, ". ") {
			return 0
		}
		if strings.ContainsAny(head, ",(") || capitalisedWords(head, 3) {
			return len(strings.TrimRightFunc(before, unicode.IsSpace))
		}
		return 0
	}
	return 0
}

// capitalisedWords reports whether s is one to most words, each beginning
// with an upper-case letter.
func capitalisedWords(s string, most int) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > most {
		return false
	}
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// capital is the code of DKI Jakarta, where national newsrooms file from.
const capital = "31"

// FindStory returns the places of a news item, its title and its text, as
// Find does over both, less a place in Jakarta named only in the text's
// dateline: "JAKARTA, KOMPAS.com –" and "TEMPO.CO, Jakarta –" open
// national news of every region and none. The dateline of a story filed
// elsewhere ("Magelang (ANTARA) –") counts, as that reporter went there.
func (f *Finder) FindStory(title, text string) []Mention {
	whole := title + "\n" + text
	ms := f.Find(whole)
	start := len(title) + 1
	end := start + Dateline(text)
	if end == start {
		return ms
	}
	inDateline := func(m Mention) bool { return m.Start >= start && m.End <= end }
	out := ms[:0]
	for _, m := range ms {
		if inDateline(m) && strings.HasPrefix(string(m.Code), capital) && !slices.ContainsFunc(ms, func(o Mention) bool {
			return o.Code == m.Code && !inDateline(o)
		}) {
			continue
		}
		out = append(out, m)
	}
	return out
}
