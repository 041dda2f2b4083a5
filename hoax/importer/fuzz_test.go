package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// FuzzRead feeds every format (and detection) arbitrary input: no panic,
// and either claims that passed Clean or an error, never both.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"tbh2019.jsonl", "tbh2024.csv", "tbh2025.csv", "tempo.xml", "tempo.jsonl", "pratiwi.csv", "pratiwi.jsonl", "claimreview.html"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	formats := Formats()
	vs := hoax.DefaultVocabularies()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		if len(data) > 1<<16 {
			return
		}
		format := formats[int(which)%len(formats)]
		res, err := Read(bytes.NewReader(data), format, vs)
		if err != nil {
			if res != nil {
				t.Errorf("Read(%s) returned a result with error %v", format, err)
			}
			return
		}
		for _, c := range res.Claims {
			if c.Key == "" || c.Title == "" {
				t.Errorf("Read(%s) gave a claim without key or title: %+v", format, c)
			}
		}
	})
}

// FuzzSplitArticle: the section parser never panics and keeps every
// section within the text.
func FuzzSplitArticle(f *testing.F) {
	f.Add("Ringkasan. ===== [KATEGORI]: Konten Palsu ===== SUMBER: (1) WhatsApp —— (2) https://a.id/x ===== Narasi : “x” = = = = = PENJELASAN: y REFERENSI:https://b.id/yhttps://c.id/z")
	f.Add("Akun X membagikan. Pemeriksaan Fakta Tim menelusuri. Kesimpulan Konten palsu (fabricated content). (Ditulis oleh A)")
	f.Add("PENJELASANSETELAH [ = = = NARASI")
	vs := hoax.DefaultVocabularies()
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		a := splitArticle(text)
		for _, s := range []string{a.Summary, a.Category, a.Sources, a.Claim, a.Explanation, a.References} {
			if len(s) > len(text)+8*len(separatorRE.FindAllStringIndex(text, -1))+16 {
				t.Errorf("a section of %d bytes from a %d-byte text", len(s), len(text))
			}
		}
		_, _ = splitReport(text)
		_, _, _ = category(a.Category, vs)
		if n := len(sources(a.Sources)); n > hoax.MaxList {
			t.Errorf("sources gave %d entries", n)
		}
		_ = links(text)
		_ = trimByline(text)
		_ = slugTitle(text, "salah")
	})
}

// BenchmarkRead reads the shared 2019 and 2025 TurnBackHoax files, the
// formats with the most parsing.
func BenchmarkRead(b *testing.B) {
	for _, bm := range []struct{ set, file string }{
		{"hoax-turnbackhoax-2019", "turnbackhoax_2016_2019.jsonl"},
		{"hoax-turnbackhoax-2025", "articles.csv"},
		{"rss-tempo", "items.jsonl"},
	} {
		data, err := os.ReadFile(filepath.Join(testenv.SharedData(b, bm.set), bm.file))
		if err != nil {
			b.Fatal(err)
		}
		vs := hoax.DefaultVocabularies()
		b.Run(bm.file, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(bytes.NewReader(data), FormatAuto, vs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
