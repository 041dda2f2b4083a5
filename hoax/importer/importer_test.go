package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

func readFile(t *testing.T, name string, format Format) (*Result, error) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return Read(bytes.NewReader(b), format, hoax.DefaultVocabularies())
}

// want is what a test expects of one claim; empty fields are not checked.
type want struct {
	Key, Title, Claim, Summary, Explanation, Category, Verdict, Vocab, Lang string
	Sources, References                                                     []string
	Reviewed                                                                string // 2006-01-02 in WIB
}

func check(t *testing.T, name string, c *hoax.Claim, w want) {
	t.Helper()
	got := map[string]string{"Key": c.Key, "Title": c.Title, "Claim": c.Claim, "Summary": c.Summary, "Explanation": c.Explanation,
		"Category": c.Category, "Verdict": c.Verdict.Label, "Vocab": c.Verdict.Vocabulary, "Lang": c.Lang}
	exp := map[string]string{"Key": w.Key, "Title": w.Title, "Claim": w.Claim, "Summary": w.Summary, "Explanation": w.Explanation,
		"Category": w.Category, "Verdict": w.Verdict, "Vocab": w.Vocab, "Lang": w.Lang}
	for _, f := range slices.Sorted(maps.Keys(exp)) {
		if exp[f] != "" && got[f] != exp[f] {
			t.Errorf("%s: claim %s: %s = %q, want %q", name, c.Key, f, got[f], exp[f])
		}
	}
	if w.Sources != nil && !slices.Equal(c.Sources, w.Sources) {
		t.Errorf("%s: claim %s: Sources = %q, want %q", name, c.Key, c.Sources, w.Sources)
	}
	if w.References != nil && !slices.Equal(c.References, w.References) {
		t.Errorf("%s: claim %s: References = %q, want %q", name, c.Key, c.References, w.References)
	}
	if w.Reviewed != "" && c.Reviewed.In(wib).Format(time.DateOnly) != w.Reviewed {
		t.Errorf("%s: claim %s: Reviewed = %v, want %s", name, c.Key, c.Reviewed, w.Reviewed)
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		file    string
		format  Format
		skipped map[Skip]int
		want    []want
	}{
		{"tbh2019.jsonl", FormatTurnBackHoax2019, map[Skip]int{SkipNews: 1, SkipNoVerdict: 1}, []want{{
			Key:   "https://turnbackhoax.example/2019/03/04/salah-air-garam-hangat-usir-virus-dari-tenggorokan/",
			Title: "Air Garam Hangat Usir Virus dari Tenggorokan", Verdict: "SALAH", Vocab: hoax.VocabTurnBackHoax,
			Summary:     "Air garam tidak membunuh virus di tenggorokan. Selengkapnya di bagian PENJELASAN dan REFERENSI.",
			Claim:       "“Kumur air garam hangat tiap pagi, virus langsung mati.”",
			Explanation: "Dokter menyatakan air garam hanya melegakan tenggorokan.",
			Category:    "Konten yang Menyesatkan",
			Sources:     []string{"Pesan berantai WhatsApp", "post oleh akun Sehat Selalu", "https://fb.example/p/1"},
			References:  []string{"https://kesehatan.example/air-garam", "https://who.example/mitos"},
			Reviewed:    "2019-03-04",
		}, {
			Title: "Klarifikasi Dinas Soal Jadwal Vaksin", Verdict: "BENAR", Category: "Klarifikasi",
			Explanation: "Kepala dinas menyampaikan jadwal tetap.", References: []string{"https://dinkes.example/jadwal"},
		}, {
			Title: "Jembatan Runtuh Akibat Gempa", Verdict: "Koneksi yang Salah", Vocab: hoax.VocabFirstDraft, Category: "Koneksi yang Salah",
			Claim: "Beredar foto jembatan runtuh.\n\n“Jembatan Kali Contoh runtuh pagi ini akibat gempa.”", Explanation: "Foto diambil tahun 2010.",
		}, {
			Title: "Awas penculik anak berkeliaran di pasar Contoh memakai mobil putih", Verdict: "SALAH", Category: "Hoaks",
			Claim: "Awas penculik anak berkeliaran di pasar Contoh memakai mobil putih.", Sources: []string{"Media sosial Facebook"},
		}}},
		{"tbh2024.csv", FormatTurnBackHoax2024, map[Skip]int{}, []want{{
			Key: "turnbackhoax-2024:101", Title: "Kotak Suara Dibakar di Kecamatan Contoh", Verdict: "SALAH", Category: "politik",
			Claim:       "“Kotak suara dibakar massa di Kecamatan Contoh, pemilu diulang!”",
			Explanation: "Berdasarkan 7 Jenis Mis- dan Disinformasi oleh First Draft News, termasuk “Konten yang Menyesatkan”",
			Reviewed:    "2024-02-03",
		}, {
			Key: "turnbackhoax-2024:102", Verdict: "PENIPUAN", Category: "penipuan", Claim: "“Selamat, Anda memenangkan Rp50 juta.\nKlik tautan untuk klaim hadiah.”",
		}, {
			Key: "turnbackhoax-2024:103", Verdict: "SALAH", Claim: "“Hujan es sebesar bola tenis di Kota Contoh”", Explanation: "Foto berasal dari negara lain.",
		}}},
		{"tbh2024_titles.csv", FormatTurnBackHoax2024, map[Skip]int{}, []want{
			{Key: "turnbackhoax-2024:101", Title: "Kotak Suara Dibakar di Kecamatan Contoh", Verdict: "SALAH"},
			{Key: "turnbackhoax-2024:102", Title: "Undian Berhadiah Bank Contoh", Verdict: "PENIPUAN"},
		}},
		{"tbh2025.csv", FormatTurnBackHoax2025, map[Skip]int{}, []want{{
			Key: "https://turnbackhoax.example/2024/10/02/salah-pemadaman-listrik-total/", Title: "Pemadaman Listrik Total Tiga Hari di Pulau Contoh",
			Verdict: "SALAH", Category: "Konten Palsu", Summary: "Faktanya, PLN tidak menjadwalkan pemadaman total.",
			Claim: "“Pemadaman listrik total tiga hari mulai Senin, siapkan lilin.”", Explanation: "PLN membantah pesan itu.",
			Sources: []string{"WhatsApp"}, References: []string{"https://pln.example/bantahan"}, Reviewed: "2024-10-02",
		}, {
			Title: "Tautan Bantuan Sosial Rp3 Juta", Verdict: "PENIPUAN", Category: "Konten Tiruan",
			Claim:       "Akun Facebook “Bansos Cair” pada Senin (3/3/2025) membagikan tautan pendaftaran bantuan sosial Rp3 juta.",
			Explanation: "Tim pemeriksa fakta menelusuri tautan itu; alamatnya bukan situs pemerintah.",
			Summary:     "Tautan itu merupakan konten tiruan (imposter content).",
		}, {
			Title: "Harga Beras Naik Dua Kali Lipat Bulan Depan", Verdict: "BELUM TERBUKTI", Category: "Konten yang Menyesatkan",
		}}},
		{"tempo.xml", FormatTempo, map[Skip]int{SkipNoVerdict: 1}, []want{{
			Key: "https://tempo.example/cekfakta/keliru-video-banjir-bandang-1", Title: "Video Banjir Bandang di Kota Contoh Pekan Ini",
			Verdict: "Keliru", Vocab: hoax.VocabTempo, Claim: "Sebuah video banjir bandang beredar dengan klaim terjadi pekan ini di Kota Contoh.", Reviewed: "2025-06-30",
		}, {Title: "Harga Cabai Naik Jelang Lebaran", Verdict: "Sebagian Benar"}}},
		{"tempo.jsonl", FormatTempo, map[Skip]int{SkipOtherFeed: 1}, []want{
			{Key: "https://tempo.example/cekfakta/keliru-video-banjir-bandang-1", Title: "Video Banjir Bandang di Kota Contoh Pekan Ini", Verdict: "Keliru"},
			{Title: "Klaim Vaksin Mengubah DNA", Verdict: "Menyesatkan", Reviewed: "2025-06-11"},
		}},
		{"pratiwi.csv", FormatPratiwi, map[Skip]int{SkipValid: 1}, []want{
			{Verdict: "Hoax", Vocab: hoax.VocabPratiwi, Title: "Informasi bagi anda khususnya umat Muslim agar lebih teliti dan berhati-hati dalam memilih sikat gigi, karena ada produk pembersih gigi yang menggunakan bahan dari yang tidak halal"},
			{Verdict: "Hoax"},
		}},
		{"pratiwi.jsonl", FormatPratiwi, map[Skip]int{SkipValid: 1}, []want{{Verdict: "Hoax"}, {Verdict: "Hoax"}}},
		{"claimreview.html", FormatClaimReview, map[Skip]int{}, []want{
			{Key: "https://cek.example.id/minyak-plastik", Claim: "Minyak goreng dari plastik beredar di pasar", Verdict: "Salah", Vocab: hoax.VocabClaimReview, Reviewed: "2025-02-01"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, format := range []Format{tt.format, FormatAuto} {
				res, err := readFile(t, tt.file, format)
				if err != nil {
					t.Fatalf("Read(%s, %s): %v", tt.file, format, err)
				}
				if res.Format != tt.format {
					t.Errorf("Read(%s, %s).Format = %s, want %s", tt.file, format, res.Format, tt.format)
				}
				if len(res.Claims) != len(tt.want) {
					t.Fatalf("Read(%s, %s) gave %d claims, want %d", tt.file, format, len(res.Claims), len(tt.want))
				}
				if !maps.Equal(res.Skipped, tt.skipped) {
					t.Errorf("Read(%s, %s) skipped %v, want %v", tt.file, format, res.Skipped, tt.skipped)
				}
				for i, c := range res.Claims {
					check(t, tt.file, c, tt.want[i])
				}
			}
		})
	}
}

// TestReadSameKeys: the same records read again, or in the set's other
// form, give the same keys, so a re-import updates instead of adding.
func TestReadSameKeys(t *testing.T) {
	keys := func(file string, f Format) []string {
		res, err := readFile(t, file, f)
		if err != nil {
			t.Fatalf("Read(%s): %v", file, err)
		}
		var out []string
		for _, c := range res.Claims {
			out = append(out, c.Key)
		}
		return out
	}
	for _, pair := range [][2]string{{"pratiwi.csv", "pratiwi.jsonl"}, {"tempo.xml", "tempo.jsonl"}} {
		a, b := keys(pair[0], FormatAuto), keys(pair[1], FormatAuto)
		if !slices.Equal(a, b) && !(pair[0] == "tempo.xml" && a[0] == b[0]) {
			t.Errorf("keys of %s %q differ from those of %s %q", pair[0], a, pair[1], b)
		}
	}
	if a, b := keys("tbh2019.jsonl", FormatAuto), keys("tbh2019.jsonl", FormatAuto); !slices.Equal(a, b) {
		t.Errorf("two reads of one file gave keys %q and %q", a, b)
	}
	for _, k := range keys("pratiwi.csv", FormatAuto) {
		if !strings.HasPrefix(k, "pratiwi:") {
			t.Errorf("Pratiwi key %q lacks its prefix", k)
		}
	}
}

func TestReadErrors(t *testing.T) {
	many := strings.Repeat("{\"text\": \"x\", \"label\": \"Ragu\"}\n", 25)
	tests := []struct {
		name, input string
		format      Format
		key         string
		lines       []int
		more        int
	}{
		{"bad json line", `{"url": "https://a.example/salah-x/", "url_slug_prefix": "salah", "text": "a"}` + "\n\n{broken\n", FormatTurnBackHoax2019, "hoax.import.error.json", []int{3}, 0},
		{"bad date", `{"url": "https://a.example/salah-x/", "url_date": "kemarin", "url_slug_prefix": "salah", "text": "a"}`, FormatTurnBackHoax2019, "hoax.import.error.date", []int{1}, 0},
		{"bad url", `{"url": "ftp://a.example/salah-x/", "url_slug_prefix": "salah", "text": "a"}`, FormatTurnBackHoax2019, "hoax.error.url", []int{1}, 0},
		{"no tag 2025", "Title,FullText,Author,Url,Date\n\"[SALAH] A\",\"line one\nline two\",x,https://a.example/1,\"May 1, 2025\"\nB tanpa tag,teks,x,https://a.example/2,\"May 2, 2025\"\n", FormatTurnBackHoax2025, "hoax.import.error.no_verdict", []int{4}, 0},
		{"missing column", "ID,TITLE\n1,x\n", FormatTurnBackHoax2024, "hoax.import.error.header", []int{0}, 0},
		{"wrong field count", "ID,TITLE,LLM_CATEGORY\n1,x,politics\n2,y\n", FormatTurnBackHoax2024, "hoax.import.error.columns", []int{3}, 0},
		{"unknown category", "ID,TITLE,LLM_CATEGORY\n1,x,sport\n", FormatTurnBackHoax2024, "hoax.import.error.field", []int{2}, 0},
		{"unknown label", many, FormatPratiwi, "hoax.import.error.label", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 5},
		{"claimreview without rating", "{\"@type\": \"ClaimReview\",\n \"claimReviewed\": \"x\"}", FormatClaimReview, "hoax.import.error.no_rating", []int{1}, 0},
		{"empty feed", " ", FormatTempo, "hoax.import.error.feed", []int{0}, 0},
		{"unknown format", "hello", FormatAuto, "hoax.import.error.unknown_format", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(tt.input), tt.format, hoax.DefaultVocabularies())
			if err == nil {
				t.Fatalf("Read(%q) = %d claims, want an error", tt.input, len(res.Claims))
			}
			if !errors.Is(err, sinergi.ErrInvalid) {
				t.Errorf("Read(%q) error %v is not invalid input", tt.input, err)
			}
			var e *Error
			if !errors.As(err, &e) {
				if key, _, _ := sinergi.MessageOf(err); key != tt.key || tt.lines != nil {
					t.Errorf("Read(%q) error %v, want key %s", tt.input, err, tt.key)
				}
				return
			}
			var lines []int
			for _, p := range e.Problems {
				lines = append(lines, p.Line)
				if key, _, _ := sinergi.MessageOf(p.Err); key != tt.key {
					t.Errorf("Read(%q) problem %v, want key %s", tt.input, p, tt.key)
				}
			}
			if !slices.Equal(lines, tt.lines) || e.More != tt.more {
				t.Errorf("Read(%q) problems at lines %v and %d more, want %v and %d more", tt.input, lines, e.More, tt.lines, tt.more)
			}
		})
	}
}

// TestLimited: past its limit the reader fails instead of ending the
// input early, so a cut file is never taken for a whole one.
func TestLimited(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int64
		fail bool
	}{{"abcdef", 6, false}, {"abcdef", 10, false}, {"abcdefg", 6, true}, {"", 0, false}} {
		b, err := io.ReadAll(&limited{r: strings.NewReader(tt.in), n: tt.n})
		var tl *tooLarge
		if errors.As(err, &tl) != tt.fail || (!tt.fail && string(b) != tt.in) {
			t.Errorf("read %q limited to %d = %q, %v; want failure %v", tt.in, tt.n, b, err, tt.fail)
		}
	}
	_, err := Read(&limited{r: strings.NewReader("{\"text\": \"x\", \"label\": \"Hoax\"}\n"), n: 10}, FormatPratiwi, hoax.DefaultVocabularies())
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != 1 {
		t.Fatalf("Read(cut input) error = %v", err)
	}
	if key, _, _ := sinergi.MessageOf(e.Problems[0].Err); key != "hoax.import.error.too_large" {
		t.Errorf("Read(cut input) problem %v, want hoax.import.error.too_large", e.Problems)
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		if g, err := ParseFormat(strings.ToUpper(string(f))); err != nil || g != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, g, err)
		}
	}
	if _, err := ParseFormat("excel"); sinergi.KindOf(err) != sinergi.KindInvalid {
		t.Errorf("ParseFormat(excel) error = %v", err)
	}
}

func ExampleRead() {
	res, err := Read(strings.NewReader(`{"feed": "cekfakta", "title": "Keliru: Contoh", "link": "https://tempo.example/1", "description": "Klaim contoh."}`),
		FormatTempo, hoax.DefaultVocabularies())
	if err != nil {
		fmt.Println(err)
		return
	}
	c := res.Claims[0]
	fmt.Println(c.Key, c.Title, c.Verdict.Label, c.Verdict.Score)
	// Output: https://tempo.example/1 Contoh Keliru 0
}
