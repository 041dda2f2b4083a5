package match

import (
	"slices"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa"
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

// TestSpelledOutGroup: the words of one abbreviation the analysis wrote
// out ("BPJS": badan, penyelenggara, jaminan, sosial, each with the
// abbreviation's offsets) weigh as one word, like a name's; a name keeps
// its own group and other words have none.
func TestSpelledOutGroup(t *testing.T) {
	var terms []query.AnalyzedTerm
	for i, root := range []string{"badan", "selenggara", "jamin", "sosial"} {
		terms = append(terms, query.AnalyzedTerm{Folded: "bpjs", Root: root, Pos: i, Start: 0, End: 4})
	}
	for i, w := range []string{"iuran", "kesehatan", "budi", "gunadi"} {
		terms = append(terms, query.AnalyzedTerm{Folded: w, Root: w, Pos: 4 + i, Start: 5 + 7*i, End: 10 + 7*i})
	}
	f := extract(Text{Terms: terms, Entities: []string{"PER:Budi Gunadi"}}, bahasa.StopWords(false))
	// "sosial" is a stop word of the matcher.
	want := map[string]uint8{"badan": 2, "selenggara": 2, "jamin": 2, "iuran": 0, "kesehatan": 0, "budi": 1, "gunadi": 1}
	if len(f.words) != len(want) {
		t.Fatalf("words %q, want those of %v", f.words, want)
	}
	for i, w := range f.words {
		if g, ok := want[w]; !ok || f.group[i] != g {
			t.Errorf("word %q in group %d, want %d", w, f.group[i], want[w])
		}
	}
}
