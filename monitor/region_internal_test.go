package monitor

import (
	"slices"
	"testing"
)

func TestVolumeRegions(t *testing.T) {
	tests := []struct {
		codes, want []string
	}{
		{nil, nil},
		{[]string{"15"}, []string{"15"}},
		{[]string{"15.71.01.1001"}, []string{"15", "15.71"}},
		{[]string{"15", "15.71", "15.71.01", "31.74"}, []string{"15", "15.71", "31", "31.74"}},
	}
	for _, tt := range tests {
		if got := volumeRegions(tt.codes); !slices.Equal(got, tt.want) {
			t.Errorf("volumeRegions(%v) = %v, want %v", tt.codes, got, tt.want)
		}
	}
}

func TestTopWords(t *testing.T) {
	titles := []string{
		"Banjir rendam ratusan rumah di Kota Jambi",
		"Ratusan rumah terendam banjir, warga Jambi mengungsi",
		"Warga mengungsi setelah banjir 2 meter",
		"Harga cabai naik di pasar",
	}
	tests := []struct {
		known string
		k     int
		want  string
	}{
		{"banjir", 3, "jambi (2), mengungsi (2), ratusan (2)"},
		{"banjir jambi", 5, "mengungsi (2), ratusan (2), rumah (2), warga (2)"},
		{"", 1, "banjir (3)"},
	}
	for _, tt := range tests {
		if got := topWords(titles, tt.known, tt.k); got != tt.want {
			t.Errorf("topWords(known %q, %d) = %q, want %q", tt.known, tt.k, got, tt.want)
		}
	}
	if got := topWords(titles[3:], "", 3); got != "" {
		t.Errorf("topWords of one title = %q, want nothing (no word is shared)", got)
	}
}
