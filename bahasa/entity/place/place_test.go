package place

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/sinergi-id/sinergi/region"
)

// finder loads the gazetteer once for all tests of the package.
var finder = sync.OnceValues(func() (*Finder, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return NewFinder(g), nil
})

func newTestFinder(t testing.TB) *Finder {
	t.Helper()
	f, err := finder()
	if err != nil {
		t.Fatalf("region.Load() = %v", err)
	}
	return f
}

// render writes mentions as "text=code" joined by "; ".
func render(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s=%s", m.Text, m.Code))
	}
	return strings.Join(parts, "; ")
}

func TestFind(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name, text, want string
	}{
		{"full kabupaten", "Banjir melanda Kabupaten Muaro Jambi sejak Senin.", "Kabupaten Muaro Jambi=15.05"},
		{"abbreviated kabupaten", "Warga Kab. Muaro Jambi mengungsi.", "Kab. Muaro Jambi=15.05"},
		{"kota over province", "Pemerintah Kota Jambi membuka posko.", "Kota Jambi=15.71"},
		{"bare province and kota: province", "Hujan deras turun di Jambi pagi ini.", "Jambi=15"},
		{"bare Bengkulu", "Gempa terasa di Bengkulu.", "Bengkulu=17"},
		{"Gorontalo after Kota", "Wali Kota Gorontalo meninjau pasar.", "Gorontalo=75.71"},
		{"pemkab", "Pemkab Bogor menyalurkan bantuan.", "Bogor=32.01"},
		{"pemkot", "Pemkot Bogor menutup jalan.", "Bogor=32.71"},
		{"bupati", "Bupati Malang meresmikan jembatan.", "Malang=35.07"},
		{"wali kota", "Wali Kota Malang hadir.", "Malang=35.73"},
		{"pemprov", "Pemprov Jawa Barat menggelar rapat.", "Jawa Barat=32"},
		{"pemkot Surabaya", "Pemkot Surabaya memperbaiki drainase.", "Surabaya=35.78"},
		{"province alias", "Gubernur Jabar dan Pemprov DKI Jakarta bertemu.", "Jabar=32; DKI Jakarta=31"},
		{"longest name wins", "Petani di Lampung Selatan panen raya.", "Lampung Selatan=18.01"},
		{"bare kab/kota named elsewhere", "Pemkot Bogor menutup jalan. Warga Bogor mengeluh.", "Bogor=32.71; Bogor=32.71"},
		{"bare kab/kota default kota", "Warga Bekasi mengeluh macet.", "Bekasi=32.75"},
		{"bare kab/kota by its kecamatan", "Warga Kecamatan Cibadak, Sukabumi, mengungsi.", "Kecamatan Cibadak=32.02.11; Sukabumi=32.02"},
		// Kabupaten Bogor has several desa Sukamaju (none is taken), Kota Bogor none.
		{"bare kab/kota by its desa", "Warga Desa Sukamaju di Bogor mengungsi.", "Bogor=32.01"},
		// Desa Tangkil lies in Kabupaten Bogor and in Kabupaten Sukabumi: the
		// one the text names settles it, and Bogor stays the kota.
		{"desa held by a named kabupaten", "Warga Bogor ke Desa Tangkil, Kabupaten Sukabumi.", "Bogor=32.71; Desa Tangkil=32.02.17.2005; Kabupaten Sukabumi=32.02"},
		{"banjar by province", "Di Kalimantan Selatan, warga Banjar... Kota Banjar tidak.", "Kalimantan Selatan=63; Kota Banjar=32.79"},
		{"desa placed by kabupaten", "Warga Desa Sukamaju, Kecamatan Cibungbulang, Kabupaten Bogor, mengungsi.",
			"Desa Sukamaju=32.01.16.2013; Kecamatan Cibungbulang=32.01.16; Kabupaten Bogor=32.01"},
		{"desa without parent dropped", "Warga Desa Sukamaju mengungsi.", ""},
		{"desa needs its level word", "Sukamaju adalah nama yang umum.", ""},
		{"common word after Desa", "Program Desa Wisata dan Desa Maju diluncurkan.", ""},
		{"lower case is not a name", "jambi dan bogor ditulis kecil.", ""},
		{"lower case after a level word", "warga kab. muaro jambi mengeluh jalan rusak", "kab. muaro jambi=15.05"},
		{"lower case after a title", "bupati bogor dan wali kota malang bertemu di provinsi jawa timur",
			"bogor=32.01; malang=35.73; provinsi jawa timur=35"},
		{"lower case words after a level word that name nothing", "di kota itu dan kabupaten lain, kota besar", ""},
		{"lower-case desa needs its capital", "dana desa sukamaju di kabupaten bogor", "kabupaten bogor=32.01"},
		{"common word bare", "Batu besar menutup jalan.", ""},
		{"common word with level word", "Kota Batu ramai wisatawan.", "Kota Batu=35.79"},
		{"kecamatan in Jakarta", "Kantor Kecamatan Gambir, Jakarta Pusat, tutup.", "Kecamatan Gambir=31.71.01; Jakarta Pusat=31.71"},
		{"no crossing punctuation", "Jawa. Barat", ""},
		{"headline capitals", "BANJIR RENDAM JAMBI", "JAMBI=15"},
		{"kota aliases", "Banjir di Solo dan Jaksel, macet di Tangsel.", "Solo=33.72; Jaksel=31.74; Tangsel=36.74"},
		{"alias in lower case is a word", "Penyanyi itu merilis album solo.", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := render(f.Find(tt.text)); got != tt.want {
			t.Errorf("%s: Find(%q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestFindOffsets checks that every mention's span is its text and lies
// inside the input, on the sample news text.
func TestFindOffsets(t *testing.T) {
	f := newTestFinder(t)
	text := readSample(t)
	ms := f.Find(text)
	if len(ms) < 30 {
		t.Errorf("Find(testdata/berita.txt) found %d mentions, want at least 30: %s", len(ms), render(ms))
	}
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Errorf("Find(testdata/berita.txt): mention %+v does not match the input", m)
		}
		if m.Level != m.Code.Level() || m.Name == "" || m.Score <= 0 || m.Score > 1 {
			t.Errorf("Find(testdata/berita.txt): mention %+v is inconsistent", m)
		}
	}
}

func readSample(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/berita.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func FuzzFind(f *testing.F) {
	for _, s := range strings.Split(readSample(f), "\n") {
		f.Add(s)
	}
	f.Add("Kab.")
	f.Add("Desa ")
	f.Add("Wali Kota")
	fd := newTestFinder(f)
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range fd.Find(text) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("Find(%q): mention %+v outside the input", text, m)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	f := newTestFinder(b)
	text := readSample(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Find(text)
	}
}

func BenchmarkNewFinder(b *testing.B) {
	g, err := region.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		NewFinder(g)
	}
}
