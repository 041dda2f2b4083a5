package claimreview

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parseClean parses data and cleans every claim as an importer does.
func parseClean(t *testing.T, data []byte) []Review {
	t.Helper()
	vs := hoax.DefaultVocabularies()
	rs, err := Parse(data, vs)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	for _, r := range rs {
		if err := r.Claim.Clean(vs); err != nil {
			t.Fatalf("Clean(claim of line %d): %v", r.Line, err)
		}
	}
	return rs
}

func TestParse(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib).UTC() }
	tests := []struct {
		file string
		want []hoax.Claim // the fields checked
		line []int
	}{
		{"single.json", []hoax.Claim{{
			Key: "https://cekfakta.example.id/2025/03/02/keliru-air-kelapa-sembuhkan-demam-berdarah", URL: "https://cekfakta.example.id/2025/03/02/keliru-air-kelapa-sembuhkan-demam-berdarah",
			Title:       "Air Kelapa Menyembuhkan Demam Berdarah dalam Sehari",
			Claim:       "Minum air kelapa hijau tiga kali sehari menyembuhkan demam berdarah dalam satu hari.",
			Summary:     "Tidak ada bukti air kelapa menyembuhkan demam berdarah.",
			Verdict:     hoax.Verdict{Vocabulary: hoax.VocabTempo, Label: "Keliru", Score: 0},
			FactChecker: "Tempo Cek Fakta", Lang: "id",
			Sources:    []string{"https://facebook.example/posts/123", "https://tiktok.example/@sehat/video/9", "Grup WhatsApp keluarga"},
			References: []string{"https://kemkes.example.go.id/dbd", "Pedoman WHO"},
			People:     []string{"Akun Sehat Alami"},
			FirstSeen:  day(2025, 2, 25), Reviewed: day(2025, 3, 2),
		}}, []int{1}},
		{"graph.json", []hoax.Claim{{
			Key: "https://hoaks.example.org/cek/123#review", Title: "Jembatan Merah di Kota Contoh runtuh pagi ini",
			Claim:       "Jembatan Merah di Kota Contoh runtuh pagi ini",
			Verdict:     hoax.Verdict{Vocabulary: hoax.VocabClaimReview, Label: "Sebagian Besar Salah", Score: 0.25},
			FactChecker: "Hoaks Watch Kota Contoh", Lang: "id",
			Sources:   []string{"https://x.example/status/77"},
			FirstSeen: time.Date(2025, 5, 9, 14, 0, 0, 0, time.UTC), Reviewed: time.Date(2025, 5, 10, 1, 15, 0, 0, time.UTC),
		}}, []int{6}},
		{"array.json", []hoax.Claim{{
			Key: "https://cek.example.id/a", URL: "https://cek.example.id/a", Title: "Uang kertas baru ditarik bulan depan", Claim: "Uang kertas baru ditarik bulan depan",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH", Score: 0}, FactChecker: "TurnBackHoax", Lang: "id",
		}, {
			Key: "https://cek.example.id/b", URL: "https://cek.example.id/b", Title: "Gempa besar diramalkan terjadi besok", Claim: "Gempa besar diramalkan terjadi besok",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabClaimReview, Label: "Benar", Score: 1}, FactChecker: "Cek Contoh", Lang: "id",
		}}, []int{2, 4}},
		{"api.json", []hoax.Claim{{
			Key: "https://cekfakta.example.id/bantuan-tunai", URL: "https://cekfakta.example.id/bantuan-tunai", Title: "Tautan Bantuan Tunai Rp5 Juta",
			Claim:   "Bantuan tunai Rp5 juta dibagikan lewat tautan pendaftaran",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "PENIPUAN", Score: 0}, FactChecker: "Cek Fakta Contoh", Lang: "id",
			People: []string{"Pesan berantai"}, FirstSeen: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Reviewed: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC),
		}}, []int{8}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rs := parseClean(t, read(t, tt.file))
			if len(rs) != len(tt.want) {
				t.Fatalf("Parse(%s) gave %d reviews, want %d", tt.file, len(rs), len(tt.want))
			}
			for i, r := range rs {
				got, want := *r.Claim, tt.want[i]
				want.Classification = got.Classification
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Parse(%s)[%d] =\n%+v\nwant\n%+v", tt.file, i, got, want)
				}
				if r.Line != tt.line[i] {
					t.Errorf("Parse(%s)[%d].Line = %d, want %d", tt.file, i, r.Line, tt.line[i])
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		key       string
		lines     []int
	}{
		{"syntax", "{\"@type\": \"ClaimReview\",\n\"url\": }", "hoax.import.error.json", []int{2}},
		{"truncated", "[{\"@type\": \"ClaimReview\",\n", "hoax.import.error.json", []int{2}},
		{"unknown label", `{"@type":"ClaimReview","claimReviewed":"x","reviewRating":{"alternateName":"Ngawur total"}}`, "hoax.import.error.rating_unknown", []int{1}},
		{"no rating", "[\n{\"@type\":\"ClaimReview\",\"claimReviewed\":\"x\"},\n{\"@type\":\"ClaimReview\",\"claimReviewed\":\"y\",\"reviewRating\":{}}]", "hoax.import.error.no_rating", []int{2, 3}},
		{"flat scale", `{"@type":"ClaimReview","claimReviewed":"x","reviewRating":{"ratingValue":3,"bestRating":3,"worstRating":3}}`, "hoax.import.error.rating_scale", []int{1}},
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), "hoax.import.error.json", []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc), hoax.DefaultVocabularies())
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want an error", tt.doc)
			}
			var lines []int
			for _, e := range unjoin(err) {
				var le *LineError
				if !errors.As(e, &le) {
					t.Fatalf("Parse(%q) error %v is not a *LineError", tt.doc, e)
				}
				if key, _, _ := sinergi.MessageOf(le); key != tt.key {
					t.Errorf("Parse(%q) error key %q, want %q", tt.doc, key, tt.key)
				}
				lines = append(lines, le.Line)
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("Parse(%q) error lines %v, want %v", tt.doc, lines, tt.lines)
			}
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestRoundTrip: what Marshal writes, Parse reads back.
func TestRoundTrip(t *testing.T) {
	c := publicClaim()
	vs := hoax.DefaultVocabularies()
	if err := c.Clean(vs); err != nil {
		t.Fatal(err)
	}
	page := "https://sinergi.example/tangkal/7"
	b, err := Marshal(c, page)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	rs := parseClean(t, b)
	if len(rs) != 1 {
		t.Fatalf("Parse(Marshal(c)) gave %d reviews", len(rs))
	}
	got := rs[0].Claim
	want := hoax.Claim{
		Key: page, URL: page, Title: c.Title, Claim: c.Claim, Summary: c.Summary, Verdict: c.Verdict,
		FactChecker: c.FactChecker, Lang: c.Lang, FirstSeen: c.FirstSeen, Reviewed: c.Reviewed,
		Sources:    []string{"https://facebook.com/post/1", "https://x.com/a/status/2"}, // the links among the sources
		References: []string{"https://who.int/vaksin"},
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("Parse(Marshal(c)) =\n%+v\nwant\n%+v\n%s", *got, want, b)
	}

	// Every verdict of every vocabulary comes back with its score, and as
	// itself in the fact-checker's own vocabulary: ClaimReview does not
	// name the vocabulary, the checker's decides.
	for _, name := range vs.Names() {
		for _, l := range vs[name].Labels {
			c.Verdict = hoax.Verdict{Vocabulary: name, Label: l.Label, Score: l.Score}
			b, _ := Marshal(c, page)
			rs, err := Parse(b, vs)
			if err != nil || len(rs) != 1 {
				t.Fatalf("Parse(Marshal(verdict %s/%s)): %v", name, l.Label, err)
			}
			if v := rs[0].Claim.Verdict; v.Score != l.Score || (name == hoax.VocabTurnBackHoax && v.Label != l.Label) {
				t.Errorf("verdict %s/%s came back as %+v", name, l.Label, v)
			}
		}
	}
}

func TestMarshalRefusesHidden(t *testing.T) {
	c := publicClaim()
	c.Published = false
	if _, err := Marshal(c, "https://x.example/1"); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Marshal(unpublished claim) error = %v, want ErrNotFound", err)
	}
	c = publicClaim()
	c.Claim = "</script><script>alert(1)</script>"
	b, err := Marshal(c, "https://x.example/1")
	if err != nil || bytes.Contains(b, []byte("</script>")) {
		t.Errorf("Marshal left a closing script tag in %s (err %v)", b, err)
	}
}

func TestFromHTML(t *testing.T) {
	blocks, err := FromHTML(bytes.NewReader(read(t, "page.html")), 1<<20)
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	if len(blocks) != 2 {
		t.Fatalf("FromHTML found %d blocks, want 2: %q", len(blocks), blocks)
	}
	rs := parseClean(t, blocks[1])
	if len(rs) != 1 || rs[0].Claim.Claim != "Minyak goreng palsu dari plastik beredar di pasar </p>" || rs[0].Claim.Verdict.Label != "Salah" {
		t.Errorf("Parse(block 2) = %+v", rs)
	}
	if _, err := FromHTML(bytes.NewReader(read(t, "page.html")), 100); sinergi.KindOf(err) != sinergi.KindInvalid {
		t.Errorf("FromHTML over the limit: error %v, want an invalid-input error", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"single.json", "graph.json", "array.json", "api.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"@type":"ClaimReview","reviewRating":{"alternateName":"..."}}`))
	vs := hoax.DefaultVocabularies()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		rs, err := Parse(data, vs)
		if err != nil && len(rs) > 0 {
			t.Errorf("Parse returned reviews with an error")
		}
		for _, r := range rs {
			_ = r.Claim.Clean(vs)
			if r.Line < 1 || r.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Errorf("review at line %d of a %d-line document", r.Line, bytes.Count(data, []byte("\n"))+1)
			}
		}
	})
}

func FuzzFromHTML(f *testing.F) {
	b, err := os.ReadFile("testdata/page.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`<script type="application/ld+json">`))
	f.Fuzz(func(t *testing.T, page []byte) {
		blocks, err := FromHTML(bytes.NewReader(page), 1<<16)
		if err != nil {
			return
		}
		n := 0
		for _, bl := range blocks {
			n += len(bl)
		}
		if n > len(page) {
			t.Errorf("FromHTML returned %d bytes from a %d-byte page", n, len(page))
		}
	})
}
