package sqlite

import (
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
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
			`{title_folded text_folded} : NEAR("banjir" "bandang", 4)`},
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

// TestNEARMeansWithin checks the rendering of proximity against the
// matcher's own rule (query.Within) on random texts: FTS5 must find a
// text exactly when the distinct words lie within Slop positions.
func TestNEARMeansWithin(t *testing.T) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "near.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE f USING fts5(title_folded, text_folded, content='',
		tokenize="unicode61 remove_diacritics 0 tokenchars '_'")`); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"a", "b", "c", "d", "x", "y"}
	texts := make([][]string, 300)
	for i := range texts {
		texts[i] = make([]string, 2+r.IntN(12))
		for j := range texts[i] {
			texts[i][j] = vocab[r.IntN(len(vocab))]
		}
		if _, err := db.Exec(`INSERT INTO f (rowid, title_folded, text_folded) VALUES (?, '', ?)`, i, strings.Join(texts[i], " ")); err != nil {
			t.Fatal(err)
		}
	}
	for range 200 {
		words := slices.Clone(vocab[:4])
		r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		words = words[:2+r.IntN(3)]
		m := &archive.Match{Op: archive.MatchNear, Form: archive.Folded, Words: words, Slop: 1 + r.IntN(6)}
		rows, err := db.Query(`SELECT rowid FROM f WHERE f MATCH ?`, ftsExpr(m))
		if err != nil {
			t.Fatal(err)
		}
		found := map[int]bool{}
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			found[id] = true
		}
		rows.Close()
		for i, text := range texts {
			lists := make([][]int, len(words))
			need := make([]int, len(words))
			for w, word := range words {
				need[w] = 1
				for pos, tok := range text {
					if tok == word {
						lists[w] = append(lists[w], pos)
					}
				}
			}
			if want := query.Within(lists, need, m.Slop); found[i] != want {
				t.Fatalf("%s on %q: FTS5 %v, query.Within %v", ftsExpr(m), text, found[i], want)
			}
		}
	}
}
