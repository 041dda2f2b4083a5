package ner

import (
	"slices"
	"strings"
)

// Names returns the distinct entities of one text as "TYPE:Name" ("PER:Joko
// Widodo", spaces collapsed), in order of first mention, each as it was
// first written (case aside, "KPK" and "Kpk" are one), at most max of them
// (0: all).
//
// News names a person in full once and then by a part of the name ("Novel
// Baswedan … kata Novel"). A person's name that is a run of words of
// exactly one longer person's name in the text, one that no name holds in
// turn, is counted as that name: "Novel" and "Novel Baswedan" are one
// person. A part that several people's names hold ("Widodo" beside "Joko
// Widodo" and "Budi Widodo") stays as it is.
func Names(ents []Entity, max int) []string {
	type name struct {
		typ, text string
		words     []string // lower-cased
	}
	var names []name // distinct, in order of first mention
	index := make(map[string]int, len(ents))
	for _, e := range ents {
		n := name{typ: e.Type, text: strings.Join(strings.Fields(e.Text), " ")}
		n.words = strings.Fields(strings.ToLower(n.text))
		key := n.typ + ":" + strings.Join(n.words, " ")
		if _, ok := index[key]; !ok {
			index[key] = len(names)
			names = append(names, n)
		}
	}
	// The full names: people's names that no longer person's name holds.
	var full []int
	for i, n := range names {
		if n.typ != "PER" {
			continue
		}
		held := slices.ContainsFunc(names, func(m name) bool {
			return m.typ == "PER" && len(m.words) > len(n.words) && holds(m.words, n.words)
		})
		if !held {
			full = append(full, i)
		}
	}
	var out []string
	seen := make(map[int]bool, len(names))
	for i, n := range names {
		if n.typ == "PER" {
			i = fullName(i, names[i].words, full, func(j int) []string { return names[j].words })
		}
		if seen[i] {
			continue
		}
		seen[i] = true
		out = append(out, names[i].typ+":"+names[i].text)
		if len(out) == max {
			break
		}
	}
	return out
}

// fullName returns the one full name (an index of full) whose words hold
// part, or i when none or several do.
func fullName(i int, part []string, full []int, words func(int) []string) int {
	found := -1
	for _, j := range full {
		if j == i || holds(words(j), part) {
			if found >= 0 {
				return i
			}
			found = j
		}
	}
	if found < 0 {
		return i
	}
	return found
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
