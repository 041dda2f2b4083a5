package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a query the parser refuses. Offset and Rune locate the spot
// (0-based, in bytes and in runes; both at most the length of the query).
// Key is an i18n message key present in Messages; Args fill its
// placeholders {0}, {1}, ..., and Args[0] is always the 1-based character
// position shown to the user (Rune+1).
type Error struct {
	Offset int
	Rune   int
	Key    string
	Args   []any
}

// newError builds the error for key at byte offset off of src; extra are
// the arguments after the position.
func newError(src string, off int, key string, extra ...any) *Error {
	if off > len(src) {
		off = len(src)
	}
	r := utf8.RuneCountInString(src[:off])
	args := append([]any{r + 1}, extra...)
	return &Error{Offset: off, Rune: r, Key: key, Args: args}
}

// ErrorAt returns the error key (one of Messages) at byte offset off of
// the query q, for checks made after parsing; extra are the arguments after
// the position.
func ErrorAt(q string, off int, key string, extra ...any) *Error {
	return newError(q, off, key, extra...)
}

// Error returns the English message.
func (e *Error) Error() string { return "query: " + e.Message("en") }

// Message returns the message in lang ("id" or "en"; anything else gives
// Indonesian, the reference language) with its placeholders filled.
func (e *Error) Message(lang string) string {
	m, ok := Messages[e.Key]
	if !ok {
		return e.Key
	}
	msg := m.ID
	if lang == "en" {
		msg = m.EN
	}
	return fill(msg, e.Args, lang == "en")
}

// fill replaces {0}, {1}, ... in msg with args, in one pass, so an argument
// that contains a placeholder (a value the user typed) stays as it is.
// Whole numbers are written as the language writes them: 4.096 in
// Indonesian, 4,096 in English.
func fill(msg string, args []any, english bool) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(msg, '{')
		if open < 0 || open+2 >= len(msg) || msg[open+2] != '}' || msg[open+1] < '0' || msg[open+1] > '9' ||
			int(msg[open+1]-'0') >= len(args) {
			if open < 0 {
				b.WriteString(msg)
				return b.String()
			}
			b.WriteString(msg[:open+1])
			msg = msg[open+1:]
			continue
		}
		b.WriteString(msg[:open])
		if n, ok := args[msg[open+1]-'0'].(int); ok {
			b.WriteString(groupDigits(n, english))
		} else {
			fmt.Fprint(&b, args[msg[open+1]-'0'])
		}
		msg = msg[open+3:]
	}
}

// Mark returns the line of q that holds the error's spot with a caret
// line under it, for a monospaced display:
//
//	banjir "kota jambi
//	       ^
//
// Tabs are kept in the caret line so it lines up; other characters count as
// one column each.
func Mark(q string, err *Error) string {
	off := min(max(err.Offset, 0), len(q))
	start := strings.LastIndexByte(q[:off], '\n') + 1
	end := len(q)
	if i := strings.IndexByte(q[off:], '\n'); i >= 0 {
		end = off + i
	}
	line := strings.ToValidUTF8(q[start:end], "\uFFFD")
	var caret strings.Builder
	for _, r := range strings.ToValidUTF8(q[start:off], "\uFFFD") {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	return strings.TrimRight(line, "\r") + "\n" + caret.String()
}

// groupDigits writes n with a thousands separator: '.' in Indonesian, ','
// in English.
func groupDigits(n int, english bool) string {
	s := strconv.Itoa(n)
	sep := "."
	if english {
		sep = ","
	}
	start := 0
	if n < 0 {
		start = 1
	}
	var b strings.Builder
	b.WriteString(s[:start])
	digits := s[start:]
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return b.String()
}
