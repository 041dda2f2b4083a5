package sqlite

import (
	"testing"

	"github.com/sinergi-id/sinergi/archive"
)

func TestFTSExpr(t *testing.T) {
	banjir := &archive.Match{Op: archive.MatchWords, Form: archive.Roots, Words: []string{"banjir"}}
	tests := []struct {
		m    *archive.Match
		want string
	}{
		{banjir, `{title_roots text_roots} : "banjir"`},
		{&archive.Match{Op: archive.MatchWords, Form: archive.Folded, TitleOnly: true, Words: []string{"kota", "jambi"}},
			`title_folded : "kota jambi"`},
		{&archive.Match{Op: archive.MatchPrefix, Form: archive.Both, Words: []string{"kebakar"}},
			`{title_roots text_roots title_folded text_folded} : "kebakar" *`},
		{&archive.Match{Op: archive.MatchNear, Form: archive.Folded, Words: []string{"banjir", "bandang"}, Slop: 5},
			`{title_folded text_folded} : NEAR("banjir" "bandang", 5)`},
		{&archive.Match{Op: archive.MatchAndNot, Sub: []*archive.Match{
			{Op: archive.MatchOr, Sub: []*archive.Match{banjir, banjir}}, banjir}},
			`(({title_roots text_roots} : "banjir") OR ({title_roots text_roots} : "banjir")) NOT ({title_roots text_roots} : "banjir")`},
	}
	for _, tt := range tests {
		if got := ftsExpr(tt.m); got != tt.want {
			t.Errorf("ftsExpr = %s\n          want %s", got, tt.want)
		}
	}
}
