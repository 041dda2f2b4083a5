package i18n

import (
	"slices"
	"testing"
)

func TestParseLang(t *testing.T) {
	tests := []struct {
		in     string
		want   Lang
		wantOK bool
	}{
		{"id", ID, true},
		{"ID", ID, true},
		{"id-ID", ID, true},
		{"id_ID", ID, true},
		{"in", ID, true},
		{"IN", ID, true},
		{"in-ID", ID, true},
		{" id ", ID, true},
		{"en", EN, true},
		{"EN", EN, true},
		{"en-US", EN, true},
		{"en-us", EN, true},
		{"en-GB", EN, true},
		{"", "", false},
		{"-", "", false},
		{"*", "", false},
		{"fr", "", false},
		{"ms-MY", "", false},
		{"ind", "", false},
		{"eng", "", false},
		{"idx", "", false},
		{"english", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseLang(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseLang(%q) = %q, %t; want %q, %t", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		header string
		want   Lang
	}{
		{"", ID},
		{"id", ID},
		{"en", EN},
		{"en-US,en;q=0.9", EN},
		{"id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", ID},
		{"en-US,en;q=0.9,id;q=0.8", EN},
		{"fr-FR,fr;q=0.9,en;q=0.8", EN},
		{"fr-FR,fr;q=0.9", ID},
		{"en;q=0.5,id;q=0.8", ID},
		{"id;q=0.5,en;q=0.8", EN},
		{"en;q=0.5,id;q=0.5", EN}, // a tie goes to the earlier entry
		{"en;q=0,fr", ID},         // q=0 means "not this one"
		{"id;q=0,en;q=0.1", EN},
		{"en;q=abc,id;q=0.2", ID},
		{"en;q=2", ID},
		{"en;q=NaN", ID},
		{"en;q=-1", ID},
		{"en ; Q = 0.7 ", EN},
		{"*", ID},
		{"*;q=0.9,en", EN},
		{"en;q=0.5,*;q=0.9", ID},
		{"in", ID},
		{" , ,;;,=", ID},
		{"en;level=1;q=0.4,fr", EN},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.header); got != tt.want {
			t.Errorf("Negotiate(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{
		"", "id", "en-US,en;q=0.9,id;q=0.8", "*;q=0.1", "en;q=", "en;q=1e400",
		";;;", "id;q=0.5;q=abc", ",,,", "en-\x00;q=0.\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if got := Negotiate(header); !slices.Contains(Langs, got) {
			t.Errorf("Negotiate(%q) = %q, not one of %q", header, got, Langs)
		}
	})
}

func BenchmarkNegotiate(b *testing.B) {
	const header = "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7,id;q=0.6,*;q=0.1"
	for b.Loop() {
		Negotiate(header)
	}
}
