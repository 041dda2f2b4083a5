// Package i18n holds Sinergi's message catalogs and formats dates, times and
// numbers the way Indonesian and English readers expect them.
//
// Indonesian is the default and the reference language: catalog/id.json
// defines every key, catalog/en.json translates them, and a message missing
// from en.json falls back to Indonesian. A Translator binds one language so
// a request handler formats everything consistently; it is read-only and
// safe for concurrent use.
package i18n

import (
	"strconv"
	"strings"
)

// Lang is a language Sinergi speaks, named by its ISO 639-1 code.
type Lang string

// The supported languages.
const (
	ID Lang = "id" // Bahasa Indonesia
	EN Lang = "en" // English

	// Default is the language used when a visitor states no usable
	// preference: Sinergi serves Indonesian government offices.
	Default = ID
)

// Langs lists the supported languages, the default first, in the order a
// language switcher shows them. Callers must not modify it.
var Langs = []Lang{ID, EN}

// ParseLang maps a language tag to a supported language. It ignores case
// and surrounding space and looks only at the primary subtag, so "id",
// "id-ID", "ID_id", "en", "en-US" and "en-GB" are all accepted; "in" is the
// code ISO 639 used for Indonesian before 1989 and still sent by old Java
// and Android clients. The result is false for anything else.
func ParseLang(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch {
	case strings.EqualFold(s, "id"), strings.EqualFold(s, "in"):
		return ID, true
	case strings.EqualFold(s, "en"):
		return EN, true
	}
	return "", false
}

// quality returns the q parameter of one Accept-Language entry's parameter
// list ("q=0.8"), 1 when there is none, and false when it is malformed.
func quality(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		name, value, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		// The comparison also rejects NaN, which ParseFloat accepts.
		if err != nil || !(q >= 0 && q <= 1) {
			return 0, false
		}
		return q, true
	}
	return 1, true
}
