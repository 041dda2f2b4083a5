package region

import (
	"errors"
	"testing"

	"github.com/sinergi-id/sinergi"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in    string
		want  Code
		level Level
	}{
		{"15", "15", Province},
		{"15.71", "15.71", Regency},
		{"31.71.01", "31.71.01", District},
		{"31.71.01.1001", "31.71.01.1001", Village},
		{" 15.05 ", "15.05", Regency},
		{"1571", "15.71", Regency},
		{"317101", "31.71.01", District},
		{"3171011001", "31.71.01.1001", Village},
		{"99.99.99.9999", "99.99.99.9999", Village}, // shape only, need not exist
	}
	for _, tt := range tests {
		got, err := ParseCode(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseCode(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			continue
		}
		if l := got.Level(); l != tt.level {
			t.Errorf("Code(%q).Level() = %v, want %v", got, l, tt.level)
		}
	}
}

func TestParseCodeErrors(t *testing.T) {
	for _, in := range []string{
		"", "1", "123", "12345", "1.5", "15.", "15.7", "15.711", "15.71.1", "15.71.01.101",
		"15.71.01.10011", "15-71", "15.71.01.1001.01", "1a", "15.7x", "00", "15.00",
		"15.71.00", "15.71.01.0000", "15..71", ".15.7", "１５", "15.71.01.1001 x",
	} {
		c, err := ParseCode(in)
		if err == nil {
			t.Errorf("ParseCode(%q) = %q, nil, want an error", in, c)
			continue
		}
		if !errors.Is(err, sinergi.ErrInvalid) {
			t.Errorf("ParseCode(%q) error %v is not sinergi.ErrInvalid", in, err)
		}
		if key, _, ok := sinergi.MessageOf(err); !ok || key != "region.code.invalid" {
			t.Errorf("ParseCode(%q) error key = %q, %v, want region.code.invalid", in, key, ok)
		}
	}
}

func TestCodeHierarchy(t *testing.T) {
	tests := []struct {
		c        Code
		level    Level
		province Code
		parent   Code
		city     bool
	}{
		{"15", Province, "15", "", false},
		{"15.05", Regency, "15", "15", false},
		{"15.71", Regency, "15", "15", true},
		{"15.70", Regency, "15", "15", false},
		{"31.71.01", District, "31", "31.71", false},
		{"31.71.01.1001", Village, "31", "31.71.01", false},
		{"", 0, "", "", false},
		{"15.7", 0, "", "", false},
		{"kota", 0, "", "", false},
	}
	for _, tt := range tests {
		if got := tt.c.Level(); got != tt.level {
			t.Errorf("Code(%q).Level() = %v, want %v", tt.c, got, tt.level)
		}
		if got := tt.c.Province(); got != tt.province {
			t.Errorf("Code(%q).Province() = %q, want %q", tt.c, got, tt.province)
		}
		if got := tt.c.Parent(); got != tt.parent {
			t.Errorf("Code(%q).Parent() = %q, want %q", tt.c, got, tt.parent)
		}
		if got := (Region{Code: tt.c}).IsCity(); got != tt.city {
			t.Errorf("Region{Code: %q}.IsCity() = %v, want %v", tt.c, got, tt.city)
		}
	}
}

func TestLevelString(t *testing.T) {
	tests := []struct {
		l    Level
		want string
	}{
		{Province, "provinsi"},
		{Regency, "kabupaten_kota"},
		{District, "kecamatan"},
		{Village, "desa_kelurahan"},
		{0, "Level(0)"},
		{5, "Level(5)"},
	}
	for _, tt := range tests {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("Level(%d).String() = %q, want %q", int(tt.l), got, tt.want)
		}
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"15", "15.71", "31.71.01", "31.71.01.1001", "3171011001", "15.7", "00", "", "١٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			return
		}
		if c.Level() == 0 {
			t.Fatalf("ParseCode(%q) = %q with Level 0", s, c)
		}
		if again, err := ParseCode(string(c)); err != nil || again != c {
			t.Fatalf("ParseCode(%q) = %q, %v, want it unchanged", c, again, err)
		}
		if p := c.Parent(); p != "" && p.Level() != c.Level()-1 {
			t.Fatalf("Code(%q).Parent() = %q at level %v", c, p, p.Level())
		}
	})
}
