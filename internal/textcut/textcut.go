// Package textcut shortens strings to a limit without splitting a
// character: the one place the limits on titles, texts, user agents and
// the like cut their input.
package textcut

import "unicode/utf8"

// Bytes returns s cut to at most n bytes, on a character boundary.
func Bytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Runes returns s cut to at most n characters.
func Runes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
