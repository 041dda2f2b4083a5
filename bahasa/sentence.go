package bahasa

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a range [Start, End) of byte offsets into a text.
type Span struct {
	Start, End int
}

// In returns the part of text the span covers.
func (s Span) In(text string) string { return text[s.Start:s.End] }

// closingAbbrevs are abbreviations that may end a sentence ("... dan
// lain-lain."); every other abbreviation (titles, "Kab.", "No.", initials)
// is followed by the word it belongs to and never ends one.
var closingAbbrevs = map[string]bool{"dll.": true, "dsb.": true, "dst.": true, "dkk.": true,
	"tbk.": true, "s.h.": true, "m.h.": true, "m.si.": true, "s.sos.": true, "s.e.": true,
	"m.m.": true, "s.t.": true, "m.t.": true, "s.pd.": true, "m.pd.": true, "s.kom.": true,
	"s.ip.": true, "s.ag.": true, "m.ag.": true, "s.ked.": true, "ph.d.": true, "m.a.": true,
	"m.sc.": true, "a.md.": true, "s.i.kom.": true, "m.ap.": true, "s.ap.": true, "s.stp.": true}

// Sentences splits text into sentences and returns their spans, which start
// at the first token and end after the last (closing quotes and brackets
// included). A sentence ends at '.', '!', '?', '…' (or a run of them) when
// the next word does not start in lower case, and at a blank line. It does
// not end at an abbreviation such as "Kab.", "No.", "Dr." or an initial, nor
// inside a number ("12.5", "1.234.567"), a date or a time; "dll." ends one
// only when a capitalised word follows.
func Sentences(text string) []Span {
	var out []Span
	start, prevEnd := -1, 0
	for t, ok := nextToken(text, 0); ok; t, ok = nextToken(text, t.End) {
		if start >= 0 && blankLine(text[prevEnd:t.Start]) {
			out = append(out, Span{start, prevEnd})
			start = -1
		}
		if start < 0 {
			start = t.Start
		}
		prevEnd = t.End
		if !endsSentence(t) {
			continue
		}
		last := t
		next, more := nextToken(text, last.End)
		for more && next.Start == last.End && isCloser(next.Text) {
			last = next
			next, more = nextToken(text, last.End)
		}
		prevEnd = last.End
		if !more || !(startsLower(next.Text) || (t.Kind == Abbrev && !startsSentence(next))) {
			out = append(out, Span{start, last.End})
			start = -1
		}
		t = last
	}
	if start >= 0 {
		out = append(out, Span{start, prevEnd})
	}
	return out
}

func endsSentence(t Token) bool {
	switch t.Kind {
	case Punct:
		return strings.ContainsAny(t.Text, ".!?…。")
	case Abbrev:
		var arr [maxAbbrev]byte
		low, ok := lowerASCII(arr[:0], t.Text)
		return ok && closingAbbrevs[string(low)]
	}
	return false
}

// startsSentence reports whether t can begin a new sentence after an
// abbreviation that may close one: a capitalised word, not another
// abbreviation or degree.
func startsSentence(t Token) bool {
	if t.Kind == Abbrev {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func isCloser(s string) bool {
	switch s {
	case `"`, "'", "”", "’", ")", "]", "}", "»", "›":
		return true
	}
	return false
}

// blankLine reports whether the gap between two tokens holds an empty line.
func blankLine(gap string) bool {
	i := strings.IndexByte(gap, '\n')
	return i >= 0 && strings.IndexByte(gap[i+1:], '\n') >= 0
}
