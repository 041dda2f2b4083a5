package match_test

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// The evaluation set, from the shared fact-check sets, read by the
// importers as `sinergi hoax import` reads them. The same hoax appears in
// different words (the rules):
//
//   - "2024 narrative → 2025 record": a 2024 TurnBackHoax record whose
//     normalised title (bahasa.Fold, verdict tags removed, all but letters
//     and digits a space) equals a 2025 record's; the registry holds the
//     2025 record (title and narrative as imported), the query is the 2024
//     narrative (HOAX_TEXT up to its PENJELASAN), written and cut
//     independently.
//   - "2024 narrative → its title": every other 2024 record; the registry
//     holds its title only (categorized_hoaxes.csv), the query is its
//     narrative, the post as it circulated.
//   - "Tempo description → title": a Tempo Cek Fakta item; the registry
//     holds its title (verdict prefix removed), the query is its
//     description, the checker's own summary of the claim.
//
// Unrelated news are the shared news corpora (Tempo's other feeds,
// IndoSum, news-scrape-2025, detik 2025): every confirmed match on them is
// a false alarm. A match counts as right when it names the wanted record
// or a record of the same hoax: the registry holds many hoaxes checked
// more than once under other titles, so a record whose title shares at
// least half its content words with the wanted one (Jaccard of content
// roots ≥ 0.5) is the same hoax.

type evalQuery struct {
	rule, text, want string // want: the key of the record it restates; "" for unrelated news
}

type evalSet struct {
	registry []*hoax.Claim // as indexed: Title and Claim
	queries  []evalQuery
}

var (
	terms   = sync.OnceValues(analysis.NewTerms)
	names   = sync.OnceValues(ner.Load)
	nonWord = regexp.MustCompile(`[^\pL\pN]+`)
)

// text analyses a text as hoax.Service does.
func text(tb testing.TB, s string) match.Text {
	tb.Helper()
	ts, err := terms()
	if err != nil {
		tb.Fatal(err)
	}
	m, err := names()
	if err != nil {
		tb.Fatal(err)
	}
	t := match.Text{Terms: ts.Terms(s)}
	for _, e := range m.Entities(s) {
		t.Entities = append(t.Entities, e.Type+":"+strings.Join(strings.Fields(e.Text), " "))
	}
	return t
}

// entry is a claim as hoax.Service indexes it (names found by the model).
func entry(tb testing.TB, id int64, c *hoax.Claim) match.Entry {
	e := match.Entry{ID: id, Text: text(tb, c.MatchText())}
	if c.Claim != "" {
		ts, err := terms()
		if err != nil {
			tb.Fatal(err)
		}
		e.Title = ts.Terms(c.Title)
	}
	return e
}

func normTitle(s string) string {
	return strings.TrimSpace(nonWord.ReplaceAllString(bahasa.Fold(s), " "))
}

func importFile(tb testing.TB, path string, f importer.Format) []*hoax.Claim {
	tb.Helper()
	in, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	res, err := importer.Read(in, f, hoax.DefaultVocabularies())
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return res.Claims
}

// loadEval builds the evaluation set from the shared data.
func loadEval(tb testing.TB) *evalSet {
	tb.Helper()
	set := &evalSet{}
	d25 := testenv.SharedData(tb, "hoax-turnbackhoax-2025")
	by25 := map[string]string{}
	for _, c := range importFile(tb, filepath.Join(d25, "articles.csv"), importer.FormatTurnBackHoax2025) {
		set.registry = append(set.registry, c)
		by25[normTitle(c.Title)] = c.Key
	}
	d24 := testenv.SharedData(tb, "hoax-turnbackhoax-2024")
	titles := map[string]*hoax.Claim{}
	for _, c := range importFile(tb, filepath.Join(d24, "categorized_hoaxes.csv"), importer.FormatTurnBackHoax2024) {
		titles[c.Key] = c
	}
	for _, name := range []string{"politics_hoax_text.csv", "others_hoax_text.csv", "scam_hoax_text.csv"} {
		for _, c := range importFile(tb, filepath.Join(d24, name), importer.FormatTurnBackHoax2024) {
			if k, ok := by25[normTitle(c.Title)]; ok {
				set.queries = append(set.queries, evalQuery{"2024 narrative → 2025 record", c.Claim, k})
				continue
			}
			t := titles[c.Key]
			if t == nil || c.Claim == "" {
				continue
			}
			set.registry = append(set.registry, &hoax.Claim{Key: t.Key, Title: t.Title})
			set.queries = append(set.queries, evalQuery{"2024 narrative → its title", c.Claim, c.Key})
		}
	}
	dt := testenv.SharedData(tb, "rss-tempo")
	for _, c := range importFile(tb, filepath.Join(dt, "items.jsonl"), importer.FormatTempo) {
		set.registry = append(set.registry, &hoax.Claim{Key: c.Key, Title: c.Title})
		set.queries = append(set.queries, evalQuery{"Tempo description → title", c.Claim, c.Key})
	}
	jsonLines(tb, filepath.Join(dt, "items.jsonl"), func(m map[string]string) {
		if m["feed"] != "cekfakta" {
			set.queries = append(set.queries, evalQuery{"news: Tempo", m["title"] + "\n" + m["description"], ""})
		}
	})
	jsonLines(tb, filepath.Join(testenv.SharedData(tb, "news-indosum"), "articles.text.jsonl"), func(m map[string]string) {
		set.queries = append(set.queries, evalQuery{"news: IndoSum", m["text"], ""})
	})
	csvRows(tb, filepath.Join(testenv.SharedData(tb, "news-scrape-2025"), "articles.csv"), func(m map[string]string) {
		set.queries = append(set.queries, evalQuery{"news: scrape 2025", m["Title"] + "\n" + m["FullText"], ""})
	})
	csvRows(tb, filepath.Join(testenv.SharedData(tb, "news-detik-2025-summaries"), "data_berita.csv"), func(m map[string]string) {
		set.queries = append(set.queries, evalQuery{"news: detik 2025", m["judul"] + "\n" + m["isi_berita"], ""})
	})
	return set
}

func jsonLines(tb testing.TB, path string, fn func(map[string]string)) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var raw map[string]any
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		m := map[string]string{}
		for k, v := range raw {
			if s, ok := v.(string); ok {
				m[k] = s
			}
		}
		fn(m)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}

func csvRows(tb testing.TB, path string, fn func(map[string]string)) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		fn(m)
	}
}
