package ner

import (
	"slices"
	"strings"
)

// Names returns the distinct entities of one text as "TYPE:Name" ("PER:Joko
// Widodo", spaces collapsed), in order of first mention, each as it was
// first written (case aside, "KPK" and "Kpk" are one), at most limit of
// them (0: all).
//
// News names a person in full once and then by a part of the name ("Novel
// Baswedan … kata Novel"). A person's name that is a run of words of
// exactly one full name in the text (a person's name no longer one holds)
// is counted as that name: "Novel" and "Novel Baswedan" are one person. A
// part that several full names hold ("Widodo" beside "Joko Widodo" and
// "Budi Widodo") stays as it is.
func Names(ents []Entity, limit int) []string {
	type name struct {
		typ, text string
		words     []string // lower-cased
	}
	var names []name // distinct, in order of first mention
	seen := make(map[string]bool, len(ents))
	for _, e := range ents {
		n := name{typ: e.Type, text: strings.Join(strings.Fields(e.Text), " ")}
		n.words = strings.Fields(strings.ToLower(n.text))
		if key := n.typ + ":" + strings.Join(n.words, " "); !seen[key] {
			seen[key] = true
			names = append(names, n)
		}
	}
	// full marks the full names: people's names no longer one holds.
	full := make([]bool, len(names))
	for j, n := range names {
		full[j] = n.typ == "PER" && !slices.ContainsFunc(names, func(m name) bool {
			return m.typ == "PER" && len(m.words) > len(n.words) && holds(m.words, n.words)
		})
	}
	// holder returns the index of the one full name holding names[i] (i
	// itself when it is full), or -1 when none or several do.
	holder := func(i int) int {
		found := -1
		for j, n := range names {
			if !full[j] || !holds(n.words, names[i].words) {
				continue
			}
			if found >= 0 {
				return -1
			}
			found = j
		}
		return found
	}
	var out []string
	written := make(map[int]bool, len(names))
	for i, n := range names {
		if n.typ == "PER" {
			if j := holder(i); j >= 0 {
				i = j
			}
		}
		if written[i] {
			continue
		}
		written[i] = true
		out = append(out, names[i].typ+":"+names[i].text)
		if len(out) == limit {
			break
		}
	}
	return out
}

// holds reports whether part is a run of consecutive words of words.
func holds(words, part []string) bool {
	for i := 0; i+len(part) <= len(words); i++ {
		if slices.Equal(words[i:i+len(part)], part) {
			return true
		}
	}
	return false
}
