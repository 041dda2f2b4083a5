package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// boilerplate is what the fixtures hold around the story and must not
// reach the text: menus, "Baca juga", ads, share buttons, tags, related
// and popular links, comments, footer, scripts.
var boilerplate = []string{
	"Beranda", "Masuk", "Indeks Berita", "Cari berita", "Baca juga", "BACA JUGA", "Banjir Rendam",
	"Gudang Kasur", "ADVERTISEMENT", "Iklan", "Bagikan", "Tweet", "WhatsApp", "Tag:", "Berita Terkait",
	"Pedagang Pasar Sentral", "Komentar", "andi_kdi", "usut tuntas", "Terpopuler", "TERPOPULER",
	"Harga Cabai", "Pengedar Sabu", "Hak cipta", "Pedoman Media Siber", "Pasang Iklan", "lalu lintas",
	"alert(", "gtag", "adsbygoogle", "addEventListener", "Reporter:", "Lihat foto",
}

func TestFromHTML(t *testing.T) {
	tests := []struct {
		file, url string
		want      Article // Text and HTML are checked apart
		paras     []string
	}{{
		// Trafilatura finds it; the date is the one the page shows.
		file: "kendari.html",
		url:  "https://warta.example.id/sultra/2026/11/23/benda-diduga-bom-ditemukan-di-kantor-wali-kota-kendari?utm_source=wa",
		want: Article{
			Title:     "Benda Diduga Bom Ditemukan di Kantor Wali Kota Kendari",
			Author:    "Wisnu Prasetyo",
			Published: utc("2026-11-23T02:45:00Z"), // Senin, 23 Nov 2026 10:45 WITA
			Lang:      "id",
			Canonical: "https://warta.example.id/sultra/2026/11/23/benda-diduga-bom-ditemukan-di-kantor-wali-kota-kendari",
			Image:     "https://warta.example.id/foto/2026/11/23/kendari-bom.jpg",
		},
		paras: []string{
			"KENDARI – Polisi Pamong Praja Kantor Wali Kota Kendari menemukan benda mencurigakan yang diduga berisi bom sekitar pukul 10.30 WITA . Benda tersebut adalah dua paket kardus .",
			"Dikutip dari Antara , kardus tersebut dibungkus kantong plastik berwarna hitam . Benda tersebut ditemukan di atas meja piket dekat ruangan Wali Kota Kendari .",
			"Satuan dan pihak kepolisian hingga kini masih memeriksa benda tersebut untuk memastikan isi dua paket kardus tersebut .",
			"Tim Penjinak Bahan Peledak ( Jihandak ) dari Gegana Brimob Polda Sultra berada di lokasi kejadian untuk mengevakuasi benda tersebut . Ada sekitar 13 anggota Jihandak dengan mengenakan seragam lengkap dan senjata laras panjang yang turun dalam proses evakuasi .",
		},
	}, {
		// Paragraphs by <br><br> in a <div>: readability's turn. Author
		// from JSON-LD, date from article:published_time, canonical from
		// og:url.
		file: "bekasi.html",
		url:  "https://bekasi.example.id/read/2026/11/22/120-kios-di-pasar-rawakalong-ludes-terbakar",
		want: Article{
			Title:     "120 Kios di Pasar Rawakalong Ludes Terbakar",
			Author:    "Lina Marlina",
			Published: utc("2026-11-22T14:45:00Z"),
			Lang:      "id",
			Canonical: "https://bekasi.example.id/read/2026/11/22/120-kios-di-pasar-rawakalong-ludes-terbakar",
			Image:     "https://cdn.bekasi.example.id/2026/11/rawakalong.jpg",
		},
		paras: []string{
			"BEKASI ( Pos Kota ) Pasar Rawakalong di RT 03 / 021 Desa Setiamekar Kecamatam Tambun Selatan , Bekasi , Jawa Barat ludes terbakar . Sebanyak 120 kios atau lapak habis dilahap si jago merah pada pukul 21.30 WIB Jumat ( 12 / 1 ) . Api dapat dipadamkan pukul 03.00 Sabtu ( 13 / 1 ) dinihari .",
			"Kasie Humas Polsek Tambun Selatan Itu Tri Mulyono mengatakan Ketua RW , Saman menginformasi bahwa telah terjadi kebakaran di pasar tersebut .",
			"Tidak ada korban jiwa dalam kejadian tersebut . “ Upaya pemadaman api menggunakan 10 unit dari Damkar Bekasi Kabupaten dan Kota . Penyebab kebakaran masih belum diketahui .",
			"Yongki salah satu pedagang sembako hanya pasrah mengetahui salah satu tokonya habis terbakar . “ Saya dengar kebakaran di pasar saya langsung lemas . Sama warga saya coba membantu tapi tak bisa . Api terlalu besar , ” ujarnya sedih . ( lina )",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := FromHTML(tt.url, readFixture(t, tt.file))
			if err != nil {
				t.Fatalf("FromHTML(%s) error: %v", tt.file, err)
			}
			w := tt.want
			if got.Title != w.Title || got.Author != w.Author || !got.Published.Equal(w.Published) ||
				got.Published.Location() != time.UTC || got.Lang != w.Lang || got.Canonical != w.Canonical || got.Image != w.Image {
				t.Errorf("FromHTML(%s) =\n{%q %q %v %q %q %q}, want\n{%q %q %v %q %q %q}", tt.file,
					got.Title, got.Author, got.Published, got.Lang, got.Canonical, got.Image,
					w.Title, w.Author, w.Published, w.Lang, w.Canonical, w.Image)
			}
			paras := strings.Split(got.Text, "\n\n")
			for _, p := range tt.paras {
				if !contains(paras, p) {
					t.Errorf("FromHTML(%s).Text lacks the paragraph %q; got paragraphs:\n%s", tt.file, p, strings.Join(paras, "\n---\n"))
				}
			}
			if len(paras) != len(tt.paras)+1 && len(paras) != len(tt.paras) {
				t.Errorf("FromHTML(%s).Text has %d paragraphs, want %d or so", tt.file, len(paras), len(tt.paras))
			}
			if strings.HasPrefix(got.Text, w.Title) {
				t.Errorf("FromHTML(%s).Text starts with the headline", tt.file)
			}
			for _, b := range boilerplate {
				if strings.Contains(got.Text, b) {
					t.Errorf("FromHTML(%s).Text holds boilerplate %q", tt.file, b)
				}
				if strings.Contains(got.HTML, b) {
					t.Errorf("FromHTML(%s).HTML holds boilerplate %q", tt.file, b)
				}
			}
			for _, bad := range []string{"<script", "alert(", "onclick", "javascript:", "<iframe", "trackRead"} {
				if strings.Contains(strings.ToLower(got.HTML), strings.ToLower(bad)) {
					t.Errorf("FromHTML(%s).HTML holds %q: %s", tt.file, bad, got.HTML)
				}
			}
			if !strings.Contains(got.HTML, "<p>") || !strings.Contains(got.HTML, "Jawa Barat ludes terbakar") && tt.file == "bekasi.html" {
				t.Errorf("FromHTML(%s).HTML = %s: want the story in paragraphs", tt.file, got.HTML)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The HTML keeps the story's links and images, absolute and harmless.
func TestFromHTMLLinks(t *testing.T) {
	page := `<html lang="id"><head><title>Banjir Jambi</title></head><body><article><h1>Banjir Jambi</h1>
<p>` + strings.Repeat("Banjir merendam ratusan rumah warga di Kota Jambi sejak Senin pagi . ", 4) + `</p>
<p>Data lengkap ada di <a href="/data/banjir" onclick="steal()">laman BPBD</a> dan <a href="javascript:alert(1)">di sini</a> .</p>
<p><img src="foto/banjir.jpg" srcset="foto/banjir-2x.jpg 2x" onerror="alert(1)" alt="Banjir"></p>
<p>` + strings.Repeat("Petugas BPBD mengevakuasi warga dengan perahu karet ke tempat pengungsian . ", 4) + `</p>
</article></body></html>`
	a, err := FromHTML("https://jambi.example.id/berita/banjir", []byte(page))
	if err != nil {
		t.Fatalf("FromHTML error: %v", err)
	}
	for _, want := range []string{`href="https://jambi.example.id/data/banjir"`, `rel="nofollow`} {
		if !strings.Contains(a.HTML, want) {
			t.Errorf("FromHTML.HTML lacks %s: %s", want, a.HTML)
		}
	}
	for _, bad := range []string{"onclick", "onerror", "javascript", "alert", "srcset", `href="/data`} {
		if strings.Contains(a.HTML, bad) {
			t.Errorf("FromHTML.HTML holds %q: %s", bad, a.HTML)
		}
	}
	if strings.Contains(a.HTML, "<img") && !strings.Contains(a.HTML, `src="https://jambi.example.id/berita/foto/banjir.jpg"`) {
		t.Errorf("FromHTML.HTML has a relative image: %s", a.HTML)
	}
}

func TestFromHTMLNoContent(t *testing.T) {
	tests := []struct{ name, page string }{
		{"empty.html", string(readFixture(t, "empty.html"))},
		{"empty", ""},
		{"no body", "<html><head><title>Kosong</title></head></html>"},
		{"script only", "<html><body><script>document.write('Berita hari ini '.repeat(100))</script></body></html>"},
		{"menu only", `<html><body><nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a> <a href="/daerah">Daerah</a></nav></body></html>`},
		{"binary", "\x00\x01\xff\xfe<\x00p>\x00"},
	}
	for _, tt := range tests {
		a, err := FromHTML("https://warta.example.id/x", []byte(tt.page))
		if !errors.Is(err, ErrNoContent) {
			t.Errorf("FromHTML(%s) = %+v, %v; want ErrNoContent", tt.name, a, err)
		}
	}
}

func TestFromHTMLTooLarge(t *testing.T) {
	big := make([]byte, MaxPage+1)
	if _, err := FromHTML("https://warta.example.id/x", big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("FromHTML(%d bytes) error %v, want ErrTooLarge", len(big), err)
	}
	deep := strings.Repeat("<div>", 1000) + "teks" + strings.Repeat("</div>", 1000)
	if _, err := FromHTML("https://warta.example.id/x", []byte(deep)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("FromHTML(1000 nested divs) error %v, want ErrTooLarge", err)
	}
}

func FuzzFromHTML(f *testing.F) {
	for _, name := range []string{"kendari.html", "bekasi.html", "empty.html"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`<div class="tanggal">Jum'at, 7 Agu 2026 10.00 WITA</div><p>Baca juga: <a href="x">y</a></p><table><tr><td>a<td>b</table>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := FromHTML("https://warta.example.id/berita/1", page)
		if err != nil {
			if !errors.Is(err, ErrNoContent) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("FromHTML error %v: want ErrNoContent or ErrTooLarge", err)
			}
			return
		}
		if a.Text == "" {
			t.Fatalf("FromHTML: no error and no text")
		}
		if strings.Contains(strings.ToLower(a.HTML), "<script") {
			t.Fatalf("FromHTML.HTML holds a script: %s", a.HTML)
		}
	})
}

func BenchmarkFromHTML(b *testing.B) {
	var pages [][]byte
	size := 0
	for _, name := range []string{"kendari.html", "bekasi.html"} {
		p := readFixture(b, name)
		pages = append(pages, p)
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := FromHTML("https://warta.example.id/berita/1", p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
