package region

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Kab. Muaro Jambi", "kab muaro jambi"},
		{"  KOTA   Jambi ", "kota jambi"},
		{"Kab.Muaro-Jambi", "kab muaro jambi"},
		{"Kota Administrasi Jakarta Utara ", "kota administrasi jakarta utara"},
		{"D.I. Yogyakarta", "di yogyakarta"},
		{"D.I.Y.", "diy"},
		{"D K I Jakarta", "dki jakarta"},
		{"Ma'rang", "marang"},
		{"Regapu’u", "regapuu"},
		{"Lalai I/II", "lalai i ii"},
		{"Pasar IV.Namo Terasi", "pasar iv namo terasi"},
		{"Lambang Sari I, II, III", "lambang sari i ii iii"},
		{"Kota B", "kota b"},
		{"Ciamis 2", "ciamis 2"},
		{"ÉCOLE", "école"},
		{"", ""},
		{" .,-/ ", ""},
		{"\xff\xfeA", "a"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSearch checks the first results of queries as people write them.
func TestSearch(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		query string
		want  []Code // the first results, in order
	}{
		{"Kab. Muaro Jambi", []Code{"15.05"}},
		{"Kabupaten Muaro Jambi", []Code{"15.05"}},
		{"kab muaro jambi", []Code{"15.05"}},
		{"Muaro Jambi", []Code{"15.05"}},
		{"kota jambi", []Code{"15.71"}},
		{"Kota Jambi", []Code{"15.71"}},
		// Province, kota, the villages called Jambi, then the kecamatan
		// whose names begin with Jambi.
		{"Jambi", []Code{"15", "15.71", "35.18.10.2011", "61.04.03.2013", "15.05.01", "15.71.02", "15.71.03"}},
		{"JAMBI", []Code{"15", "15.71"}},
		{"Prov. Jawa Barat", []Code{"32"}},
		{"Provinsi Jawa Barat", []Code{"32"}},
		{"Propinsi Jabar", []Code{"32"}},
		{"Jawa Barat", []Code{"32"}},
		{"Jakarta", []Code{"31"}},
		{"DKI Jakarta", []Code{"31"}},
		{"Daerah Khusus Ibukota Jakarta", []Code{"31"}},
		{"Jakarta Pusat", []Code{"31.71"}},
		{"Jakarta Utara", []Code{"31.72"}},
		{"Kota Administrasi Jakarta Pusat", []Code{"31.71"}},
		{"Kota Adm. Jakarta Selatan", []Code{"31.74"}},
		{"Kepulauan Seribu", []Code{"31.01", "31.01.01", "31.01.02"}},
		{"Kab. Adm. Kep. Seribu", []Code{"31.01"}},
		{"Kabupaten Administrasi Kepulauan Seribu", []Code{"31.01"}},
		{"Yogyakarta", []Code{"34", "34.71"}},
		{"Daerah Istimewa Yogyakarta", []Code{"34"}},
		{"D.I. Yogyakarta", []Code{"34"}},
		{"Kota Yogyakarta", []Code{"34.71"}},
		{"Kota Bandung", []Code{"32.73"}},
		{"Kab. Bandung", []Code{"32.04"}},
		{"Bandung", []Code{"32.04", "32.73"}},
		{"Kec. Gambir", []Code{"31.71.01"}},
		{"Kecamatan Gambir", []Code{"31.71.01"}},
		{"Kel. Gambir", []Code{"31.71.01.1001"}},
		{"Kelurahan Gambir", []Code{"31.71.01.1001"}},
		{"Desa Gambir", []Code{"31.71.01.1001"}},
		{"Gambir", []Code{"31.71.01", "31.71.01.1001"}},
		{"Kep. Riau", []Code{"21"}},
		{"Kepulauan Bangka Belitung", []Code{"19"}},
		{"Sumatra Utara", []Code{"12"}},
		// "Tiro/Truseb": the query matches a later word.
		{"Truseb", []Code{"11.07.21"}},
		// Kecamatan called Kota Baru; there is no kota of that name.
		{"Kota Baru", []Code{"15.71.07", "32.15.25", "53.08.13"}},
	}
	for _, tt := range tests {
		got := codes(regionsOf(g.Search(tt.query, len(tt.want))))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, %d) = %v, want %v", tt.query, len(tt.want), got, tt.want)
		}
	}
}

func regionsOf(cs []Candidate) []Region {
	out := make([]Region, len(cs))
	for i, c := range cs {
		out[i] = c.Region
	}
	return out
}

func TestSearchProvinceAbbreviations(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		query string
		want  Code
	}{
		{"NAD", "11"}, {"Sumut", "12"}, {"Sumbar", "13"}, {"Riau", "14"}, {"Jambi", "15"},
		{"Sumsel", "16"}, {"Bengkulu", "17"}, {"Lampung", "18"}, {"Babel", "19"},
		{"Bangka Belitung", "19"}, {"Kepri", "21"}, {"DKI", "31"}, {"Jakarta", "31"},
		{"Jabar", "32"}, {"Jateng", "33"}, {"DIY", "34"}, {"D.I.Y.", "34"}, {"DI Yogyakarta", "34"},
		{"Jogja", "34"}, {"Yogyakarta", "34"}, {"Jatim", "35"}, {"Banten", "36"}, {"Bali", "51"},
		{"NTB", "52"}, {"NTT", "53"}, {"Kalbar", "61"}, {"Kalteng", "62"}, {"Kalsel", "63"},
		{"Kaltim", "64"}, {"Kaltara", "65"}, {"Sulut", "71"}, {"Sulteng", "72"}, {"Sulsel", "73"},
		{"Sultra", "74"}, {"Gorontalo", "75"}, {"Sulbar", "76"}, {"Maluku", "81"}, {"Malut", "82"},
		{"Papua", "91"}, {"Pabar", "92"}, {"Papsel", "93"}, {"Papteng", "94"}, {"Papeg", "95"},
		{"PBD", "96"}, {"Prov. Sulsel", "73"}, {"Provinsi NTT", "53"},
	}
	for _, tt := range tests {
		cs := g.Search(tt.query, 1)
		if len(cs) == 0 || cs[0].Code != tt.want || cs[0].Match != MatchExact || cs[0].Score != 1 {
			t.Errorf("Search(%q, 1) = %+v, want exact province %s with score 1", tt.query, cs, tt.want)
		}
	}
}

// TestSearchRestricts checks that a qualifier keeps other levels out.
func TestSearchRestricts(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		query string
		level Level
		city  int // 1: only kota, -1: only kabupaten
	}{
		{"Kec. Gambir", District, 0},
		{"Kecamatan Jambi", District, 0},
		{"Distrik Wamena", District, 0},
		{"Kel. Gambir", Village, 0},
		{"Desa Jambi", Village, 0},
		{"Prov. Jambi", Province, 0},
		{"Kab. Jambi", Regency, -1},
		{"Kabupaten Bandung", Regency, -1},
		{"Kota Bandung", Regency, 1},
		{"Kota Jambi", Regency, 1},
	}
	for _, tt := range tests {
		cs := g.Search(tt.query, 0)
		if len(cs) == 0 {
			t.Errorf("Search(%q, 0) found nothing", tt.query)
		}
		for _, c := range cs {
			if c.Level != tt.level || (tt.city != 0 && c.IsCity() != (tt.city > 0)) {
				t.Errorf("Search(%q, 0) holds %s %q (%s)", tt.query, c.Code, c.Name, c.Level)
			}
		}
	}
}

// TestSearchOrder checks the documented ranking on whole result lists.
func TestSearchOrder(t *testing.T) {
	g := gazetteer(t)
	for _, q := range []string{"Jambi", "Kota", "Sukamaju", "Kota Baru", "ba", "Kab. B", "Jakarta"} {
		cs := g.Search(q, 0)
		if len(cs) == 0 {
			t.Errorf("Search(%q, 0) found nothing", q)
			continue
		}
		seen := make(map[Code]bool)
		for i, c := range cs {
			if seen[c.Code] {
				t.Errorf("Search(%q, 0) lists %s twice", q, c.Code)
			}
			seen[c.Code] = true
			if c.Score <= 0 || c.Score > 1 {
				t.Errorf("Search(%q, 0)[%d].Score = %v, want (0, 1]", q, i, c.Score)
			}
			if i == 0 {
				continue
			}
			p := cs[i-1]
			ordered := p.Match > c.Match ||
				p.Match == c.Match && p.Level < c.Level ||
				p.Match == c.Match && p.Level == c.Level && p.Code < c.Code
			if !ordered || p.Score < c.Score {
				t.Errorf("Search(%q, 0): %s (%s, %s, %v) before %s (%s, %s, %v)",
					q, p.Code, p.Match, p.Level, p.Score, c.Code, c.Match, c.Level, c.Score)
			}
		}
		if top := g.Search(q, 3); len(top) > 3 || !slices.Equal(regionsOf(top), regionsOf(cs[:len(top)])) {
			t.Errorf("Search(%q, 3) = %v, not the first of Search(%q, 0)", q, top, q)
		}
	}
}

func TestSearchNothing(t *testing.T) {
	g := gazetteer(t)
	for _, q := range []string{"", "   ", "...", "xyzzyqwerty", "Kec. Xyzzyqwerty"} {
		if cs := g.Search(q, 10); len(cs) != 0 {
			t.Errorf("Search(%q, 10) = %v, want nothing", q, cs)
		}
	}
}

func TestResolve(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		in   string
		want Code
		ok   bool
	}{
		{"15.71", "15.71", true},
		{"1571", "15.71", true},
		{"3171011001", "31.71.01.1001", true},
		{"15.99", "", false},
		{"Kota Jambi", "15.71", true},
		{"Kab. Muaro Jambi", "15.05", true},
		{"Jambi", "15", true},
		{"Jakarta Utara", "31.72", true},
		{"Jabar", "32", true},
		{"Kec. Gambir", "31.71.01", true},
		{"Solo", "33.72", true}, // Kota Surakarta
		{"Kota Solo", "33.72", true},
		{"Jaksel", "31.74", true},
		{"Tangsel", "36.74", true},
		{"Jamb", "", false}, // a prefix is not enough
		{"Truseb", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := g.Resolve(tt.in)
		if got.Code != tt.want || ok != tt.ok {
			t.Errorf("Resolve(%q) = %s %q, %v, want %s, %v", tt.in, got.Code, got.Name, ok, tt.want, tt.ok)
		}
	}
}

func TestResolveAll(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		in   string
		want []Code
	}{
		{"Bandung", []Code{"32.04", "32.73"}}, // a kabupaten and a kota
		{"Kota Bandung", []Code{"32.73"}},
		{"Kabupaten Bandung", []Code{"32.04"}},
		{"Jambi", []Code{"15"}}, // the province; Kota Jambi is inside it
		{"Sukajadi", []Code{"14.71.01", "32.73.07"}},
		{"32.73", []Code{"32.73"}},
		{"15.99", nil},
		{"Jamb", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []Code
		for _, r := range g.ResolveAll(tt.in) {
			got = append(got, r.Code)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ResolveAll(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if r, ok := g.Resolve(tt.in); ok != (len(got) > 0) || ok && r.Code != got[0] {
			t.Errorf("Resolve(%q) = %s, %v: not the first of ResolveAll's %v", tt.in, r.Code, ok, got)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Jambi", "Kab. Muaro Jambi", "kota", "Kota ", "D.I.Y.", "kep", "a", "", "\xff", "Kec. Kec. Kec.", "’’"} {
		f.Add(s, 5)
	}
	g := gazetteer(f)
	f.Fuzz(func(t *testing.T, q string, limit int) {
		limit %= 50
		cs := g.Search(q, limit)
		if limit > 0 && len(cs) > limit {
			t.Fatalf("Search(%q, %d) returned %d candidates", q, limit, len(cs))
		}
		for _, c := range cs {
			if c.Score <= 0 || c.Score > 1 || c.Match < MatchWord || c.Match > MatchExact {
				t.Fatalf("Search(%q, %d) holds %+v", q, limit, c)
			}
		}
		g.Resolve(q)
	})
}

func BenchmarkSearch(b *testing.B) {
	g := gazetteer(b)
	for _, q := range []string{"Jambi", "Kab. Muaro Jambi", "Kota Administrasi Jakarta Pusat", "Sukamaju", "Jabar", "ba"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.Search(q, 10)
			}
		})
	}
}

func TestShortName(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		c    Code
		want string
	}{
		{"15.05", "Muaro Jambi"},
		{"15.71", "Jambi"},
		{"31.01", "Kepulauan Seribu"}, // Kabupaten Administrasi
		{"31.72", "Jakarta Utara"},    // Kota Administrasi
		{"31", "Jakarta"},             // Daerah Khusus Ibukota
		{"34", "Yogyakarta"},          // Daerah Istimewa
		{"15", "Jambi"},
		{"32", "Jawa Barat"},
		// A kecamatan's name is its name, "Kota" included.
		{"11.01.17", "Kota Bahagia"},
		{"15.05.01", "Jambi Luar Kota"},
	}
	for _, tt := range tests {
		r, ok := g.Lookup(tt.c)
		if !ok {
			t.Fatalf("Lookup(%s) found nothing", tt.c)
		}
		if got := r.ShortName(); got != tt.want {
			t.Errorf("%s (%s).ShortName() = %q, want %q", tt.c, r.Name, got, tt.want)
		}
	}
}
