package match

import (
	"slices"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/query"
)

func TestPlainTerms(t *testing.T) {
	for _, tc := range []struct {
		in   []string // each a term's folded form, also its root
		want string
	}{
		{[]string{"prabowo-gibran", "menang"}, "prabowo gibran menang"},
		{[]string{"rp 20 triliun"}, "20 triliun"},
		{[]string{"rp20 triliun"}, "20 triliun"},
		{[]string{"rp500", "triliun"}, "500 triliun"},
		{[]string{"19jt", "orang"}, "19 juta orang"},
		{[]string{"600rb"}, "600 ribu"},
		{[]string{"12.000", "triliun"}, "12000 triliun"},
		{[]string{"rp1.500.000"}, "1500000"},
		{[]string{"rp 1,5 juta"}, "1,5 juta"},
		{[]string{"226,9", "milyar"}, "226,9 milyar"}, // a unit apart is a word of its own
		{[]string{"5g", "10kg", "2024", "1.5"}, "5g 10kg 2024 1.5"},
		{[]string{"rp"}, "rp"},
		{[]string{"rpjmd-2024"}, "rpjmd 2024"}, // not an amount
		{[]string{"vaksin", "covid-19"}, "vaksin covid 19"},
	} {
		terms := make([]query.AnalyzedTerm, len(tc.in))
		for i, w := range tc.in {
			terms[i] = query.AnalyzedTerm{Folded: w, Root: w, Pos: i}
		}
		var got []string
		for _, term := range plainTerms(terms) {
			got = append(got, term.Root)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("plainTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	plain := []query.AnalyzedTerm{{Folded: "vaksin", Root: "vaksin"}, {Folded: "haram", Root: "haram"}}
	if got := plainTerms(plain); !slices.Equal(got, plain) || &got[0] != &plain[0] {
		t.Error("terms that need no change were copied")
	}
}
