package match_test

import (
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// registryOf returns n entries made of every claim the shared fact-check
// sets give, repeated under new IDs until there are n: a registry of
// 10,000 hoaxes with the real sets' words (a repeat doubles the postings
// of its words, which makes matching slower, not faster).
func registryOf(b *testing.B, n int) []match.Entry {
	b.Helper()
	var claims []*hoax.Claim
	for _, f := range []struct {
		set, file string
		format    importer.Format
	}{
		{"hoax-turnbackhoax-2019", "turnbackhoax_2016_2019.jsonl", importer.FormatTurnBackHoax2019},
		{"hoax-turnbackhoax-2024", "politics_hoax_text.csv", importer.FormatTurnBackHoax2024},
		{"hoax-turnbackhoax-2024", "others_hoax_text.csv", importer.FormatTurnBackHoax2024},
		{"hoax-turnbackhoax-2024", "scam_hoax_text.csv", importer.FormatTurnBackHoax2024},
		{"hoax-turnbackhoax-2025", "articles.csv", importer.FormatTurnBackHoax2025},
		{"rss-tempo", "items.jsonl", importer.FormatTempo},
		{"hoax-pratiwi-2017", "news_600.utf8.jsonl", importer.FormatPratiwi},
	} {
		claims = append(claims, importFile(b, filepath.Join(testenv.SharedData(b, f.set), f.file), f.format)...)
	}
	distinct := make([]match.Entry, len(claims))
	for i, c := range claims {
		distinct[i] = entry(b, int64(i+1), c)
	}
	out := make([]match.Entry, n)
	for i := range out {
		out[i] = distinct[i%len(distinct)]
		out[i].ID = int64(i + 1)
	}
	return out
}

// news returns the texts of the shared news sets: Tempo's other feeds
// (title and summary) and detik 2025 (title and article).
func news(b *testing.B) []string {
	b.Helper()
	var out []string
	jsonLines(b, filepath.Join(testenv.SharedData(b, "rss-tempo"), "items.jsonl"), func(m map[string]string) {
		if m["feed"] != "cekfakta" {
			out = append(out, m["title"]+"\n"+m["description"])
		}
	})
	csvRows(b, filepath.Join(testenv.SharedData(b, "news-detik-2025-summaries"), "data_berita.csv"), func(m map[string]string) {
		out = append(out, m["judul"]+"\n"+m["isi_berita"])
	})
	return out
}

// BenchmarkMatch measures matching one monitored item against a registry
// of 10,000 hoaxes: "analysed" as the pipeline does it (the item's words
// and names come analysed from the archive), "with analysis" as the
// citizen's check and `sinergi hoax match` do it (the text is analysed
// first: normalising, stemming, names). One core (-cpu 1).
func BenchmarkMatch(b *testing.B) {
	entries := registryOf(b, 10_000)
	texts := news(b)
	ix := match.New(match.Options{})
	ix.Add(entries...)
	analysed := make([]match.Text, len(texts))
	for i, s := range texts {
		analysed[i] = text(b, s)
	}
	b.Logf("registry %d entries, %d news items", ix.Len(), len(texts))
	b.Run("analysed", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ix.Match(analysed[i%len(analysed)], 3)
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
	})
	b.Run("with analysis", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ix.Match(text(b, texts[i%len(texts)]), 3)
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
	})
	b.Run("observe", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ix.Observe(analysed[i%len(analysed)])
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
	})
}

// BenchmarkAdd measures adding one hoax to a registry of 10,000: the cost
// of an import or an analyst's new claim (the weights are recomputed).
func BenchmarkAdd(b *testing.B) {
	entries := registryOf(b, 10_001)
	ix := match.New(match.Options{})
	ix.Add(entries[:10_000]...)
	last := entries[10_000]
	for b.Loop() {
		ix.Add(last)
	}
	b.ReportMetric(float64(ix.Len()), "entries")
}
