package ner

import (
	"slices"
	"testing"
)

func TestNames(t *testing.T) {
	per := func(s string) Entity { return Entity{Type: "PER", Text: s} }
	org := func(s string) Entity { return Entity{Type: "ORG", Text: s} }
	tests := []struct {
		name string
		ents []Entity
		max  int
		want []string
	}{
		{"part after the full name", []Entity{per("Novel Baswedan"), org("KPK"), per("Novel")}, 0,
			[]string{"PER:Novel Baswedan", "ORG:KPK"}},
		{"part first, as in a title", []Entity{per("Novel"), org("KPK"), per("Novel  Baswedan")}, 0,
			[]string{"PER:Novel Baswedan", "ORG:KPK"}},
		{"a part several people hold", []Entity{per("Joko Widodo"), per("Budi Widodo"), per("Widodo"), per("Budi")}, 0,
			[]string{"PER:Joko Widodo", "PER:Budi Widodo", "PER:Widodo"}},
		{"nested names", []Entity{per("Susilo Bambang Yudhoyono"), per("Bambang Yudhoyono"), per("Yudhoyono"), per("SBY")}, 0,
			[]string{"PER:Susilo Bambang Yudhoyono", "PER:SBY"}},
		{"two people sharing a surname", []Entity{per("Ani Yudhoyono"), per("Susilo Bambang Yudhoyono"), per("Yudhoyono"), per("Ani")}, 0,
			[]string{"PER:Ani Yudhoyono", "PER:Susilo Bambang Yudhoyono", "PER:Yudhoyono"}},
		{"case aside, as first written", []Entity{org("KPK"), org("Kpk"), per("NOVEL BASWEDAN"), per("novel")}, 0,
			[]string{"ORG:KPK", "PER:NOVEL BASWEDAN"}},
		{"only people's names join", []Entity{per("Jambi Raya"), {Type: "LOC", Text: "Jambi"}}, 0,
			[]string{"PER:Jambi Raya", "LOC:Jambi"}},
		{"a word inside a word is no part", []Entity{per("Ani Yudhoyono"), per("An")}, 0,
			[]string{"PER:Ani Yudhoyono", "PER:An"}},
		{"at most max", []Entity{per("Novel Baswedan"), per("Novel"), org("KPK"), org("Polri")}, 2,
			[]string{"PER:Novel Baswedan", "ORG:KPK"}},
		{"none", nil, 0, nil},
	}
	for _, tt := range tests {
		if got := Names(tt.ents, tt.max); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Names = %q, want %q", tt.name, got, tt.want)
		}
	}
}
