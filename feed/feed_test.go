package feed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// diffEntry lists the fields in which got differs from want.
func diffEntry(got, want Entry) []string {
	var d []string
	str := func(name, g, w string) {
		if g != w {
			d = append(d, fmt.Sprintf("%s = %q, want %q", name, g, w))
		}
	}
	tm := func(name string, g, w time.Time) {
		if !g.Equal(w) || g.Location() != time.UTC {
			d = append(d, fmt.Sprintf("%s = %v, want %v", name, g, w))
		}
	}
	str("GUID", got.GUID, want.GUID)
	str("URL", got.URL, want.URL)
	str("Title", got.Title, want.Title)
	str("Summary", got.Summary, want.Summary)
	str("Content", got.Content, want.Content)
	str("Author", got.Author, want.Author)
	tm("Published", got.Published, want.Published)
	tm("Updated", got.Updated, want.Updated)
	str("Lang", got.Lang, want.Lang)
	str("Image", got.Image, want.Image)
	return d
}

func TestParse(t *testing.T) {
	tests := []struct {
		file, url string
		want      Document // Entries: the first ones, checked field by field
		n         int      // len(Entries)
	}{{
		file: "rss2.xml", url: "https://warta.example.id/feed/", n: 3,
		want: Document{
			Format: RSS, Title: "Warta Daerah – Berita Terkini", Link: "https://warta.example.id/",
			Hub: "https://pubsubhubbub.appspot.com/", Self: "https://warta.example.id/feed/",
			Updated: utc("2026-11-23T03:05:00Z"),
			Entries: []Entry{{
				GUID:    "1",
				URL:     "https://warta.example.id/2026/11/23/benda-diduga-bom-ditemukan-di-kantor-wali-kota-kendari/",
				Title:   "Benda diduga bom ditemukan di Kantor Wali Kota Kendari & diperiksa",
				Summary: "Polisi Pamong Praja Kantor Wali Kota Kendari menemukan benda mencurigakan yang diduga berisi bom sekitar pukul 10.30 WITA .",
				Content: "Benda tersebut adalah dua paket kardus .\n\n" +
					"Dikutip dari Antara , kardus tersebut dibungkus kantong plastik berwarna hitam . Benda tersebut ditemukan di atas meja piket dekat ruangan Wali Kota Kendari .\n\n" +
					"Satuan dan pihak kepolisian hingga kini masih memeriksa benda tersebut untuk memastikan isi dua paket kardus tersebut .",
				Author:    "Wisnu Prasetyo",
				Published: utc("2026-11-23T03:00:00Z"), // 10:00 WIB
				Lang:      "id",
				Image:     "https://warta.example.id/wp-content/uploads/2026/11/kendari.jpg",
			}, {
				GUID:      "2",
				URL:       "https://warta.example.id/2026/11/22/120-kios-di-pasar-rawakalong-ludes-terbakar/",
				Title:     "Pasar Rawakalong di Tambun Selatan ludes terbakar",
				Summary:   "Sebanyak 120 kios atau lapak habis dilahap si jago merah pada pukul 21.30 WIB Jumat ( 12 / 1 ) .",
				Published: utc("2026-11-22T13:45:00Z"), // 21:45 WITA
				Lang:      "id",
				Image:     "https://cdn.warta.example.id/2026/11/rawakalong.jpg",
			}, {
				GUID:      "3",
				URL:       "https://warta.example.id/2026/11/21/kpk-tahan-bupati-halmahera-timur/",
				Title:     "KPK tahan Bupati Halmahera Timur",
				Summary:   "Komisi Pemberantasan Korupsi ( KPK ) menahan Bupati Halmahera Timur Rudi Erawan yang telah ditetapkan tersangka tindak pidana korupsi .",
				Published: utc("2026-11-21T09:30:00Z"),
				Lang:      "id",
			}},
		},
	}, {
		file: "rss1.rdf", url: "https://arsip.example.id/index.rdf", n: 1,
		want: Document{
			Format: RSS, Title: "Arsip Berita", Link: "https://arsip.example.id/",
			Entries: []Entry{{
				URL:       "https://arsip.example.id/veteran",
				Title:     "Gatot menyambut baik pertemuan Megawati Soekarnoputri dengan Susilo Bambang Yudhoyono",
				Author:    "cob",
				Published: utc("2026-11-17T03:00:00Z"), // no zone: WIB
				Updated:   utc("2026-11-17T03:00:00Z"),
				Lang:      "id",
			}},
		},
	}, {
		file: "atom.xml", url: "https://humas.example.go.id/berita/atom.xml", n: 2,
		want: Document{
			Format: Atom, Title: "Humas Kabupaten Pasuruan", Link: "https://humas.example.go.id/",
			Hub: "https://websub.example.net/hub", Self: "https://humas.example.go.id/berita/atom.xml",
			Updated: utc("2026-11-23T02:00:00Z"),
			Entries: []Entry{{
				GUID:    "tag:humas.example.go.id,2026:berita/101",
				URL:     "https://humas.example.go.id/berita/2026/11/tape-asli-sukorejo", // xml:base
				Title:   "Tape asli Sukorejo , legit dan matang luar dalam",
				Summary: "Tape made in Sukorejo , Kabupaten Pasuruan , tak kalah nikmat dengan tape lainnya .",
				Content: "Karena itu pula , tape Candirobo dipesan hingga ke Gresik , Sidoarjo , Surabaya hingga Bali .\n\n" +
					"Menurut Solehudin , salah seorang pembuat tape di Desa Candirobo , Kecamatan Sukorejo , tapi khas Kabupaten Pasuruan tidak kalah nikmat dengan tape Bondowoso . Soleh mengaku , bahkan lebih enak .",
				Author:    "Warta Bromo",
				Published: utc("2026-11-23T01:15:00Z"),
				Updated:   utc("2026-11-23T02:00:00Z"),
				Lang:      "id",
			}, {
				GUID:      "tag:humas.example.go.id,2026:berita/100",
				URL:       "https://humas.example.go.id/berita/2026/11/veteran",
				Title:     "Panglima TNI : kalau ada veteran terlantarkan , informasikan",
				Summary:   "Tentara Nasional Indonesia ( TNI ) sedang membuat program bagi para veteran , salah satunya adalah bedah rumah .",
				Published: utc("2026-11-22T17:00:00Z"), // only <updated>
				Updated:   utc("2026-11-22T17:00:00Z"),
				Lang:      "id",
			}},
		},
	}, {
		file: "feed.json", url: "https://olahraga.example.id/feed.json", n: 2,
		want: Document{
			Format: JSONFeed, Title: "Pos Kota Olahraga", Link: "https://olahraga.example.id/",
			Hub: "https://websub.example.net/hub", Self: "https://olahraga.example.id/feed.json",
			Updated: utc("2026-11-23T08:37:00Z"),
			Entries: []Entry{{
				GUID:  "2017-12-17-tevez",
				URL:   "https://olahraga.example.id/2026/11/23/tevez-kemungkinan-balik-ke-boca-juniors/",
				Title: "Carlos Tevez ternyata tak lama merumput di Liga Super China",
				// JSON Feed's summary is plain text: "<" and "&" are kept.
				Summary: "Tevez diklaim akan segera pulang ke Argentina & bergabung lagi dengan Boca Juniors <Boca>.",
				Content: "Tevez meninggalkan Boca untuk membela Shanghai Shenhua pada Desember 2016 .\n\n" +
					"Penyerang berusia 33 tahun itu cuma menyumbangkan empat gol dalam 20 pertandingan bersama Shenhua .",
				Author:    "John",
				Published: utc("2026-11-23T08:37:00Z"),
				Lang:      "id",
				Image:     "https://olahraga.example.id/img/tevez.jpg",
			}, {
				GUID:  "2",
				URL:   "https://olahraga.example.id/2026/11/22/tevez-angkat-kaki/",
				Title: "Tevez akan angkat kaki dari Shenhua",
				Content: "Kondisi itu memunculkan spekulasi Tevez akan angkat kaki dari Shenhua .\n\n" +
					"Boca , klub yang membesarkan nama Tevez di Argentina , mengklaim si pemain akan segera jadi milik mereka lagi .",
				Author:    "Redaksi Olahraga", // the feed's
				Published: utc("2026-11-22T03:00:00Z"),
				Updated:   utc("2026-11-22T03:00:00Z"),
				Lang:      "en",
			}},
		},
	}, {
		file: "sitemap-news.xml", url: "https://warta.example.id/sitemap-news.xml", n: 3,
		want: Document{
			Format: Sitemap, Link: "https://warta.example.id/", Updated: utc("2026-11-23T03:15:00Z"),
			Entries: []Entry{{
				URL:       "https://warta.example.id/2026/11/23/kpk-tahan-bupati-halmahera-timur/",
				Title:     "KPK tahan Bupati Halmahera Timur & Rudi Erawan irit bicara",
				Published: utc("2026-11-23T02:30:00Z"),
				Updated:   utc("2026-11-23T03:15:00Z"),
				Lang:      "id",
				Image:     "https://warta.example.id/img/kpk.jpg",
			}, {
				URL:       "https://warta.example.id/2026/11/22/panglima-tni-veteran/",
				Title:     "Panglima TNI : kalau ada veteran terlantarkan , informasikan ke kami",
				Published: utc("2026-11-21T17:00:00Z"), // a date alone: its midnight WIB
				Lang:      "id",
			}, {
				URL:       "https://warta.example.id/tentang-kami/",
				Published: utc("2026-01-04T17:00:00Z"), // lastmod stands in
				Updated:   utc("2026-01-04T17:00:00Z"),
			}},
		},
	}, {
		file: "sitemap-index.xml", url: "https://warta.example.id/sitemap.xml",
		want: Document{
			Format: SitemapIndex, Link: "https://warta.example.id/", Updated: utc("2026-11-23T03:15:00Z"),
			Sitemaps: []string{
				"https://warta.example.id/sitemap-news.xml",
				"https://warta.example.id/sitemap-2026-11.xml",
				// javascript:alert(1) dropped
			},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(readFixture(t, tt.file), tt.url)
			if err != nil {
				t.Fatalf("Parse(%s) error: %v", tt.file, err)
			}
			w := tt.want
			if got.Format != w.Format || got.Title != w.Title || got.Link != w.Link || got.Hub != w.Hub ||
				got.Self != w.Self || !got.Updated.Equal(w.Updated) {
				t.Errorf("Parse(%s) = {%v %q link %q hub %q self %q updated %v}, want {%v %q link %q hub %q self %q updated %v}",
					tt.file, got.Format, got.Title, got.Link, got.Hub, got.Self, got.Updated,
					w.Format, w.Title, w.Link, w.Hub, w.Self, w.Updated)
			}
			if len(got.Entries) != tt.n {
				t.Fatalf("Parse(%s): %d entries, want %d", tt.file, len(got.Entries), tt.n)
			}
			for i, we := range w.Entries {
				for _, d := range diffEntry(got.Entries[i], we) {
					t.Errorf("Parse(%s).Entries[%d].%s", tt.file, i, d)
				}
			}
			if strings.Join(got.Sitemaps, " ") != strings.Join(w.Sitemaps, " ") {
				t.Errorf("Parse(%s).Sitemaps = %q, want %q", tt.file, got.Sitemaps, w.Sitemaps)
			}
		})
	}
}

// The caller converts charsets before Parse; a declaration still naming
// windows-1252 over bytes already UTF-8 must not decode them again.
func TestParseDeclaredWindows1252(t *testing.T) {
	doc, err := Parse(readFixture(t, "rss-windows1252.xml"), "https://daerah.example.id/rss")
	if err != nil {
		t.Fatalf("Parse(rss-windows1252.xml) error: %v", err)
	}
	if len(doc.Entries) != 1 {
		t.Fatalf("Parse(rss-windows1252.xml): %d entries, want 1", len(doc.Entries))
	}
	want := Entry{
		URL:       "https://daerah.example.id/tevez-optimistis",
		Title:     "“Saya optimistis” , kata Paolini – café dekat Boca",
		Summary:   "“ Ini seharusnya bisa diselesaikan dalam beberapa hari ini , ” ungkap Wakil Presiden Boca .",
		Published: utc("2026-11-20T09:23:50Z"),
	}
	for _, d := range diffEntry(doc.Entries[0], want) {
		t.Errorf("Parse(rss-windows1252.xml).Entries[0].%s", d)
	}
	// Without a declaration the same bytes read the same.
	plain := strings.Replace(string(readFixture(t, "rss-windows1252.xml")), `encoding="windows-1252"`, "", 1)
	doc2, err := Parse([]byte(plain), "https://daerah.example.id/rss")
	if err != nil || len(doc2.Entries) != 1 || doc2.Entries[0].Title != want.Title {
		t.Errorf("Parse(no encoding) = %+v, %v", doc2, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty", ""},
		{"one newline (a real Tempo snapshot)", "\n"},
		{"white space", " \t\r\n "},
		{"invalid.xml", string(readFixture(t, "invalid.xml"))},
		{"truncated RSS", `<rss version="2.0"><channel><title>x</title><item><title>a`},
		{"truncated sitemap", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.id/</loc></url><url><loc>https://a`},
		{"HTML page", `<!doctype html><html><head><title>Berita</title></head><body><p>Halo</p></body></html>`},
		{"text", "Berita hari ini"},
		{"JSON, not a JSON Feed", `{"title": "x", "items": []}`},
		{"JSON Feed with a null item", `{"version":"https://jsonfeed.org/version/1.1","items":[null]}`},
		{"JSON Feed with a null author", `{"version":"https://jsonfeed.org/version/1.1","authors":[null],"items":[]}`},
		{"truncated JSON Feed", `{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"https://a.id/1"}`},
		{"binary", "\x00\x01\x02\xff\xfe<\x00"},
	}
	for _, tt := range tests {
		doc, err := Parse([]byte(tt.body), "https://warta.example.id/feed")
		if !errors.Is(err, ErrFormat) {
			t.Errorf("Parse(%s) = %v, %v; want an error wrapping ErrFormat", tt.name, doc, err)
			continue
		}
		if doc != nil {
			t.Errorf("Parse(%s) returned a document with its error", tt.name)
		}
		if !strings.HasPrefix(err.Error(), "feed: parse") {
			t.Errorf("Parse(%s) error %q: want it to start with \"feed: parse\"", tt.name, err)
		}
	}
}

func TestMaxEntries(t *testing.T) {
	var rss, sm strings.Builder
	rss.WriteString(`<rss version="2.0"><channel><title>t</title>`)
	sm.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range MaxEntries + 5 {
		fmt.Fprintf(&rss, "<item><title>%d</title><link>/%d</link></item>", i, i)
		fmt.Fprintf(&sm, "<url><loc>/%d</loc></url>", i)
	}
	rss.WriteString(`</channel></rss>`)
	sm.WriteString(`</urlset>`)
	for name, body := range map[string]string{"RSS": rss.String(), "sitemap": sm.String()} {
		doc, err := Parse([]byte(body), "https://a.example.id/")
		if err != nil {
			t.Fatalf("Parse(%s of %d) error: %v", name, MaxEntries+5, err)
		}
		if len(doc.Entries) != MaxEntries {
			t.Errorf("Parse(%s of %d): %d entries, want %d", name, MaxEntries+5, len(doc.Entries), MaxEntries)
		}
		if last := doc.Entries[len(doc.Entries)-1].URL; last != fmt.Sprintf("https://a.example.id/%d", MaxEntries-1) {
			t.Errorf("Parse(%s): last entry %q, want the first %d kept", name, last, MaxEntries)
		}
	}
}

// TestParseTempoSnapshots reads a year of real Tempo.co RSS snapshots (©
// Tempo, so read from ../shared/data, never copied in). The snapshots number
// their items 1..9 and write "+0700" dates and a plain <thumbnail>. They
// keep 9 items, except on the first day (2025-06-26), when the scraper still
// kept 20 or 100: hence 1..100, not 1..10.
func TestParseTempoSnapshots(t *testing.T) {
	dir := testenv.SharedData(t, "rss-tempo")
	files, err := filepath.Glob(filepath.Join(dir, "snapshots", "*", "*.xml"))
	if err != nil || len(files) == 0 {
		testenv.Missing(t, "snapshots in "+dir)
		return
	}
	parsed, entries, images := 0, 0, 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(body, "https://www.tempo.co/api/gateway/rss/free/"+filepath.Base(filepath.Dir(f)))
		if len(strings.TrimSpace(string(body))) == 0 {
			if !errors.Is(err, ErrFormat) {
				t.Errorf("Parse(%s) of an empty snapshot: %v, want ErrFormat", f, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%s) error: %v", f, err)
			continue
		}
		parsed++
		if n := len(doc.Entries); n < 1 || n > 100 || (n > 10 && !strings.Contains(f, "20250626T")) {
			t.Errorf("Parse(%s): %d entries, want 1..10 (1..100 on the first day)", f, n)
		}
		for i, e := range doc.Entries {
			entries++
			if e.Image != "" {
				images++
			}
			if e.URL == "" || e.Title == "" || e.Published.IsZero() {
				t.Errorf("Parse(%s).Entries[%d] = URL %q, Title %q, Published %v: want all three", f, i, e.URL, e.Title, e.Published)
			}
		}
	}
	t.Logf("%d snapshots, %d parsed: %d entries, %d with an image (<thumbnail>)", len(files), parsed, entries, images)
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if strings.HasSuffix(name, ".md") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><item><title>&lt;b&gt;x</title><pubDate>Jum'at, 7 Agu 2026 10.00 WITA</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := Parse(body, "https://warta.example.id/feed/")
		if err != nil {
			if !errors.Is(err, ErrFormat) || doc != nil {
				t.Fatalf("Parse error %v (doc %v): want ErrFormat and no document", err, doc)
			}
			return
		}
		if len(doc.Entries) > MaxEntries || len(doc.Sitemaps) > MaxEntries {
			t.Fatalf("Parse: %d entries, %d sitemaps: over MaxEntries", len(doc.Entries), len(doc.Sitemaps))
		}
		for _, e := range doc.Entries {
			if utf8.RuneCountInString(e.Title) > MaxTitleRunes || len(e.Content) > MaxContentBytes ||
				!utf8.ValidString(e.Title) || !utf8.ValidString(e.Content) || !utf8.ValidString(e.Summary) {
				t.Fatalf("Parse: entry over its limits or not UTF-8: %+v", e)
			}
			if e.URL != "" && !strings.HasPrefix(e.URL, "http") {
				t.Fatalf("Parse: entry URL %q is not http(s)", e.URL)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	var bodies [][]byte
	size := 0
	for _, name := range files {
		if strings.HasSuffix(name, ".md") || strings.Contains(name, "invalid") || strings.Contains(name, "empty") {
			continue
		}
		body := readFixture(b, filepath.Base(name))
		bodies = append(bodies, body)
		size += len(body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, err := Parse(body, "https://warta.example.id/feed/"); err != nil {
				b.Fatal(err)
			}
		}
	}
}
