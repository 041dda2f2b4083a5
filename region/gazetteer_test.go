package region

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// loadOnce shares one Gazetteer between the tests of this package; the
// package itself keeps none.
var loadOnce = sync.OnceValues(Load)

// gazetteer returns the shared Gazetteer or stops the test.
func gazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := loadOnce()
	if err != nil {
		tb.Fatalf("Load() error: %v", err)
	}
	return g
}

func TestCounts(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		l    Level
		want int
	}{
		{Province, 38},
		{Regency, 514},
		{District, 7285},
		{Village, 83762},
		{0, 0},
		{Village + 1, 0},
	}
	for _, tt := range tests {
		if got := g.Count(tt.l); got != tt.want {
			t.Errorf("Count(%v) = %d, want %d", tt.l, got, tt.want)
		}
	}
	if got := g.Len(); got != 91599 {
		t.Errorf("Len() = %d, want 91599", got)
	}
	n, cities := 0, 0
	for r := range g.All() {
		n++
		if r.IsCity() {
			cities++
		}
	}
	if n != 91599 || cities != 98 {
		t.Errorf("All() yields %d regions, %d kota; want 91599, 98", n, cities)
	}
}

func TestLookup(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		c    Code
		want Region
		ok   bool
	}{
		{"15", Region{"15", "Jambi", Province, ""}, true},
		{"15.05", Region{"15.05", "Kabupaten Muaro Jambi", Regency, "15"}, true},
		{"15.71", Region{"15.71", "Kota Jambi", Regency, "15"}, true},
		{"31", Region{"31", "Daerah Khusus Ibukota Jakarta", Province, ""}, true},
		// The source has a trailing space here; Load trims it.
		{"31.72", Region{"31.72", "Kota Administrasi Jakarta Utara", Regency, "31"}, true},
		{"31.71.01", Region{"31.71.01", "Gambir", District, "31.71"}, true},
		{"31.71.01.1001", Region{"31.71.01.1001", "Gambir", Village, "31.71.01"}, true},
		{"96", Region{"96", "Papua Barat Daya", Province, ""}, true},
		{"99", Region{}, false},
		{"15.99", Region{}, false},
		{"1571", Region{}, false}, // Lookup takes a Code; ParseCode adds the dots
		{"", Region{}, false},
	}
	for _, tt := range tests {
		got, ok := g.Lookup(tt.c)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q) = %+v, %v, want %+v, %v", tt.c, got, ok, tt.want, tt.ok)
		}
	}
}

func codes(rs []Region) []Code {
	out := make([]Code, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

func TestChildren(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		c    Code
		want []Code
	}{
		{"31", []Code{"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}},
		{"34", []Code{"34.01", "34.02", "34.03", "34.04", "34.71"}},
		{"31.01", []Code{"31.01.01", "31.01.02"}},
		{"31.71.01", []Code{"31.71.01.1001", "31.71.01.1002", "31.71.01.1003", "31.71.01.1004", "31.71.01.1005", "31.71.01.1006"}},
		{"31.71.01.1001", nil},
		{"99", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := codes(g.Children(tt.c)); !slices.Equal(got, tt.want) {
			t.Errorf("Children(%q) = %v, want %v", tt.c, got, tt.want)
		}
	}
	// Every region is the child of its parent, and children are counted once.
	total := len(g.Provinces())
	for r := range g.All() {
		kids := g.Children(r.Code)
		total += len(kids)
		for _, k := range kids {
			if k.Parent != r.Code || k.Level != r.Level+1 {
				t.Fatalf("Children(%q) holds %+v", r.Code, k)
			}
		}
	}
	if total != g.Len() {
		t.Errorf("provinces plus all children = %d, want Len() = %d", total, g.Len())
	}
}

func TestAncestors(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		c    Code
		want []Code
	}{
		{"31.71.01.1001", []Code{"31", "31.71", "31.71.01"}},
		{"15.05.01", []Code{"15", "15.05"}},
		{"15.71", []Code{"15"}},
		{"15", nil},
		{"15.71.99", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := codes(g.Ancestors(tt.c)); !slices.Equal(got, tt.want) {
			t.Errorf("Ancestors(%q) = %v, want %v", tt.c, got, tt.want)
		}
	}
}

func TestProvinces(t *testing.T) {
	g := gazetteer(t)
	ps := g.Provinces()
	if len(ps) != 38 {
		t.Fatalf("Provinces() has %d regions, want 38", len(ps))
	}
	if ps[0].Name != "Aceh" || ps[37].Name != "Papua Barat Daya" {
		t.Errorf("Provinces() runs from %q to %q, want Aceh to Papua Barat Daya", ps[0].Name, ps[37].Name)
	}
	for _, p := range ps {
		if p.Level != Province || p.Parent != "" {
			t.Errorf("Provinces() holds %+v", p)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	const h = "kode\tnama\n"
	tests := []struct {
		name, in, want string
	}{
		{"no header", "11\tAceh\n", "header"},
		{"no tab", h + "11 Aceh\n", "malformed"},
		{"bad code", h + "1\tAceh\n", "malformed"},
		{"empty name", h + "11\t \n", "malformed"},
		{"out of order", h + "12\tSumatera Utara\n11\tAceh\n", "not after"},
		{"duplicate", h + "11\tAceh\n11\tAceh\n", "not after"},
		{"orphan", h + "11\tAceh\n12.01\tKabupaten Nias\n", "parent 12 missing"},
		{"skipped level", h + "11\tAceh\n11.01.01\tBakongan\n", "parent 11.01 missing"},
	}
	for _, tt := range tests {
		_, err := decode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: decode(%q) error = %v, want one containing %q", tt.name, tt.in, err, tt.want)
		}
	}
	g, err := decode(h + "11\tAceh\n11.01\tKabupaten Aceh Selatan \n12\tSumatera Utara\n")
	if err != nil || g.Len() != 3 || len(g.Children("11")) != 1 || g.regions[1].Name != "Kabupaten Aceh Selatan" {
		t.Errorf("decode(three rows) = %+v, %v", g, err)
	}
}
