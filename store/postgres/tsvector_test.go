package postgres

import (
	"testing"

	"github.com/sinergi-id/sinergi/archive"
)

func TestTSVector(t *testing.T) {
	ix := archive.IndexText{
		TitleRoots: []string{"banjir", "jambi"}, TitleFolded: []string{"kebanjiran", "jambi"},
		TextRoots: []string{"banjir", archive.Gap, "warga"}, TextFolded: []string{"banjir", archive.Gap, "warga"},
	}
	want := `'fbanjir':4 'fjambi':2A 'fkebanjiran':1A 'fwarga':6 'rbanjir':1A,4 'rjambi':2A 'rwarga':6`
	if got := tsvector(ix); got != want {
		t.Errorf("tsvector = %s\n       want %s", got, want)
	}
}

func TestTSQuery(t *testing.T) {
	banjir := &archive.Match{Op: archive.MatchWords, Form: archive.Roots, Words: []string{"banjir"}}
	tests := []struct {
		m    *archive.Match
		want string
	}{
		{banjir, `'rbanjir'`},
		{&archive.Match{Op: archive.MatchWords, Form: archive.Folded, TitleOnly: true, Words: []string{"kota", "jambi"}},
			`'fkota':A & 'fjambi':A`},
		{&archive.Match{Op: archive.MatchPrefix, Form: archive.Both, TitleOnly: true, Words: []string{"kebakar"}},
			`('fkebakar':*A | 'rkebakar':*A)`},
		{&archive.Match{Op: archive.MatchAndNot, Sub: []*archive.Match{
			{Op: archive.MatchOr, Sub: []*archive.Match{banjir, banjir}}, banjir}},
			`(('rbanjir') | ('rbanjir')) & !('rbanjir')`},
	}
	for _, tt := range tests {
		if got := tsquery(tt.m); got != tt.want {
			t.Errorf("tsquery = %s\n        want %s", got, tt.want)
		}
	}
}
