package i18n

import (
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
