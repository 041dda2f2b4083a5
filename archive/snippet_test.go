package archive

import (
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
)

func TestHighlight(t *testing.T) {
	a, err := analysis.NewTerms()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Harga gabah naik, beras mahal. Pemerintah menjaga harga beras di pasar."
	for _, tt := range []struct{ q, text, want string }{
		// A plain term marks every form of its root.
		{`beras`, "", "Harga gabah naik, «beras» mahal. Pemerintah menjaga harga «beras» di pasar."},
		// An exact phrase marks where it stands whole, not its words elsewhere.
		{`"harga beras"`, "", "Harga gabah naik, beras mahal. Pemerintah menjaga «harga» «beras» di pasar."},
		// Proximity marks its words.
		{`"harga beras"~3`, "", "«Harga» gabah naik, «beras» mahal. Pemerintah menjaga «harga» «beras» di pasar."},
		// Nothing under NOT.
		{`pasar -gabah`, "", "Harga gabah naik, beras mahal. Pemerintah menjaga harga beras di «pasar»."},
		// An abbreviation the analysis writes out, in a phrase and as a term.
		{`"pemkab bogor"`, "Pemkab Bogor dan pemerintah kabupaten lain", "«Pemkab» «Bogor» dan pemerintah kabupaten lain"},
		{`pemkab`, "Pemkab Bogor dan pemerintah kabupaten lain", "«Pemkab» Bogor dan «pemerintah» «kabupaten» lain"},
		// A term written out as several words marks them only together, as
		// it matches.
		{`pilkada`, "Pemilihan presiden dan pilkada, lalu pemilihan kepala daerah dan kepala desa",
			"Pemilihan presiden dan «pilkada», lalu «pemilihan» «kepala» «daerah» dan kepala desa"},
		{`bansos`, "Bantuan untuk dinas sosial, bukan bansos", "Bantuan untuk dinas sosial, bukan «bansos»"},
	} {
		q, err := query.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		in := tt.text
		if in == "" {
			in = text
		}
		if got := Marked(Highlight(q, a, in, a.Terms(in))); got != tt.want {
			t.Errorf("Highlight(%s)\n got %s\nwant %s", tt.q, got, tt.want)
		}
	}
}

// TestSnippetCentred: the snippet's window is centred on the marked words,
// so words after them show too.
func TestSnippetCentred(t *testing.T) {
	a, err := analysis.NewTerms()
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 100)
	for i := range words {
		words[i] = "kata"
	}
	words[50] = "banjir"
	text := strings.Join(words, " ")
	q, err := query.Parse(`banjir`)
	if err != nil {
		t.Fatal(err)
	}
	got := Marked(newHighlighter(q, a).fragments(text, a.Terms(text), snippetWords, false))
	before, after, ok := strings.Cut(got, "«banjir»")
	if !ok {
		t.Fatalf("snippet %q lacks the hit", got)
	}
	if nb, na := strings.Count(before, "kata"), strings.Count(after, "kata"); nb < 12 || na < 12 {
		t.Errorf("snippet shows %d words before the hit and %d after, want the hit in the middle: %q", nb, na, got)
	}
}
