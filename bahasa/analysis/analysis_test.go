package analysis

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/classify/sentiment"
	"github.com/sinergi-id/sinergi/region"
)

var loadAnalyzer = sync.OnceValues(func() (*Analyzer, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return New(g)
})

func analyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := loadAnalyzer()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return a
}

func TestAnalyze(t *testing.T) {
	a := analyzer(t)
	text := "Warga Kabupaten Muaro Jambi kebanjiran lagi, Gubernur Jambi Al Haris meninjau pengungsi pada Senin. " +
		"Pemerintah provinsi menyiapkan bantuan yang sangat membantu warga."
	d := a.Analyze(text)
	if d.Language != "id" {
		t.Errorf("Analyze: language %q (%.2f), want id", d.Language, d.LanguageConfidence)
	}
	roots := map[string]string{}
	for _, term := range d.Terms {
		if text[term.Start:term.End] == "" {
			t.Errorf("term %+v has an empty span", term)
		}
		roots[term.Text] = term.Root
	}
	for word, want := range map[string]string{"kebanjiran": "banjir", "meninjau": "tinjau", "menyiapkan": "siap", "bantuan": "bantu"} {
		if roots[word] != want {
			t.Errorf("Analyze: root of %q = %q, want %q", word, roots[word], want)
		}
	}
	var codes []string
	for _, p := range d.Places {
		codes = append(codes, string(p.Code))
	}
	if !strings.Contains(strings.Join(codes, " "), "15.05") {
		t.Errorf("Analyze: places %v, want 15.05 (Kabupaten Muaro Jambi)", codes)
	}
	var persons []string
	for _, n := range d.Names {
		if n.Type == "PER" {
			persons = append(persons, n.Text)
		}
	}
	if !strings.Contains(strings.Join(persons, "|"), "Al Haris") {
		t.Errorf("Analyze: persons %q, want Al Haris among them", persons)
	}
	if d.Sentiment == sentiment.NotRated {
		t.Errorf("Analyze: sentiment not rated for a full sentence")
	}
	if got := a.Analyze(""); got.Language != "und" || got.Sentiment != sentiment.NotRated || len(got.Terms) != 0 {
		t.Errorf("Analyze(\"\") = %+v, want unknown language, not rated, no terms", got)
	}
}

// BenchmarkAnalyze runs the whole analysis over real news text (50 IndoSum
// articles, CC BY-SA 4.0; see ../testdata/SOURCE.md), one paragraph per op.
func BenchmarkAnalyze(b *testing.B) {
	a := analyzer(b)
	data, err := os.ReadFile("../testdata/indosum-50.txt")
	if err != nil {
		b.Fatal(err)
	}
	paragraphs := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	b.SetBytes(int64(len(data)) / int64(len(paragraphs)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a.Analyze(paragraphs[i%len(paragraphs)])
	}
}
