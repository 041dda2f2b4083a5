package presearch_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
)

var loadAnalyzer = sync.OnceValues(analysis.NewTerms)

// newAnalyzer returns the analysis the application uses: the bahasa
// normaliser and stemmer.
func newAnalyzer(tb testing.TB) *analysis.Terms {
	tb.Helper()
	a, err := loadAnalyzer()
	if err != nil {
		tb.Fatalf("analysis.NewTerms() = %v", err)
	}
	return a
}

var wib = time.FixedZone("WIB", 7*3600)

// testNow is when the table queries run: 31 January 2026, noon WIB.
var testNow = time.Date(2026, 1, 31, 12, 0, 0, 0, wib)

// smallDocs are the documents of the table tests, by name.
func smallDocs() map[string]query.Document {
	return map[string]query.Document{
		"d1": {
			Title:  "Air meluap di Kota Jambi",
			Text:   "Warga Kota Jambi kebanjiran sejak Senin. Ribuan rumah terendam, pemerintah menyalurkan bantuan.",
			Source: "https://www.Kompas.com/", Regions: []string{"15.71.01.1001"},
			Lang: "id", Sentiment: "negative", Type: "news", AgencyID: 7,
			Published: time.Date(2026, 1, 28, 9, 0, 0, 0, wib),
		},
		"d2": {
			Title:  "Persija menang dalam laga sepakbola",
			Text:   "Pertandingan sepakbola di Jambi berlangsung meriah walau hujan deras.",
			Source: "sport.detik.com", Regions: []string{"15.05"},
			Lang: "id", Sentiment: "positive", Type: "news", AgencyID: 7,
			Published: time.Date(2026, 1, 10, 17, 30, 0, 0, wib),
		},
		"d3": {
			Title:  "Kebakaran hutan di Riau",
			Text:   "Karhutla meluas; asap tebal menyelimuti Pekanbaru. Harga beras naik karena distribusi terganggu.",
			Source: "Antara News", Regions: []string{"14.71"},
			Lang: "id", Sentiment: "negative", Type: "social", AgencyID: 9,
			Published: time.Date(2026, 1, 30, 8, 0, 0, 0, wib),
		},
	}
}

// prepareSmall prepares smallDocs.
func prepareSmall(t *testing.T, a query.Analyzer) map[string]*query.Prepared {
	ps := map[string]*query.Prepared{}
	for name, d := range smallDocs() {
		ps[name] = query.Prepare(a, d)
	}
	return ps
}

func mustParse(t testing.TB, q string) query.Node {
	t.Helper()
	n, err := query.Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q) = %v", q, err)
	}
	return n
}

// TestMatchConstructs stores one query of each construct, all in one
// index, and checks which documents each one fires on.
func TestMatchConstructs(t *testing.T) {
	a := newAnalyzer(t)
	tests := []struct {
		q    string
		want []string // documents it matches
	}{
		{`banjir`, []string{"d1"}}, // the stem: kebanjiran
		{`"banjir"`, nil},          // the exact word only
		{`jambi`, []string{"d1", "d2"}},
		{`"kota jambi"`, []string{"d1"}},
		{`"jambi warga"~2`, []string{"d1"}},
		{`"jambi warga"~1`, nil},
		{`kebakar*`, []string{"d3"}},
		{`sepak*`, []string{"d2"}},
		{`title:jambi`, []string{"d1"}},
		{`title:sepak* OR title:hutan`, []string{"d2", "d3"}},
		{`jambi -sepakbola`, []string{"d1"}},
		{`jambi BUKAN "hujan deras"`, []string{"d1"}},
		{`jambi date:>now-7d`, []string{"d1"}},
		{`date:>now-7d`, []string{"d1", "d3"}},
		{`source:kompas.com OR type:social`, []string{"d1", "d3"}},
		{`banjir OR source:detik.com`, []string{"d1", "d2"}}, // sport.detik.com is under detik.com
		{`source:sport.detik.com`, []string{"d2"}},
		{`source:com`, []string{"d1", "d2"}},
		{`source:t.detik.com OR source:detik`, nil},
		{`(banjir OR kebakaran) region:15`, []string{"d1"}},
		{`hutan harga sentiment:negative`, []string{"d3"}},
		{`"..." OR jambi`, []string{"d1", "d2"}}, // a leaf with no word
		{`"..." jambi`, nil},
		{`gpp`, nil}, // an informal word the analysis splits in two
	}
	x := presearch.New(a)
	for i, tt := range tests {
		if err := x.Add(int64(i), mustParse(t, tt.q)); err != nil {
			t.Fatalf("Add(%d, %s) = %v", i, tt.q, err)
		}
	}
	if x.Len() != len(tests) {
		t.Errorf("Len() = %d, want %d", x.Len(), len(tests))
	}
	for name, p := range prepareSmall(t, a) {
		got := x.Match(p, testNow, wib)
		for i, tt := range tests {
			if want := slices.Contains(tt.want, name); slices.Contains(got, int64(i)) != want {
				t.Errorf("Match(%s) has query %d %s: %v, want %v", name, i, tt.q, !want, want)
			}
		}
		if !slices.IsSorted(got) {
			t.Errorf("Match(%s) = %v, not sorted", name, got)
		}
	}
}

// TestAddRemoveReplace checks the life of a stored query, keyed or always
// verified, and that an Add that fails changes nothing.
func TestAddRemoveReplace(t *testing.T) {
	a := newAnalyzer(t)
	ps := prepareSmall(t, a)
	x := presearch.New(a)
	steps := []struct {
		do      string // "add <query>", "remove", "bad"
		q       string
		wantLen int
		want    map[string][]int64 // document → ids
	}{
		{"add", `banjir`, 1, map[string][]int64{"d1": {1}, "d2": nil}},
		{"add", `sepakbola`, 1, map[string][]int64{"d1": nil, "d2": {1}}},
		{"add", `type:social`, 1, map[string][]int64{"d2": nil, "d3": {1}}},
		{"add", `kebakar*`, 1, map[string][]int64{"d1": nil, "d3": {1}}},
		{"bad", ``, 1, map[string][]int64{"d3": {1}}},
		{"remove", ``, 0, map[string][]int64{"d1": nil, "d2": nil, "d3": nil}},
		{"remove", ``, 0, map[string][]int64{"d3": nil}},
		{"add", `jambi`, 1, map[string][]int64{"d1": {1}, "d2": {1}}},
	}
	for i, s := range steps {
		switch s.do {
		case "add":
			if err := x.Add(1, mustParse(t, s.q)); err != nil {
				t.Fatalf("step %d: Add(1, %s) = %v", i, s.q, err)
			}
		case "bad":
			if err := x.Add(1, &query.Filter{Field: "colour", Value: "red"}); err == nil {
				t.Fatalf("step %d: Add(1, colour:red) = nil, want an error", i)
			}
		case "remove":
			x.Remove(1)
		}
		if x.Len() != s.wantLen {
			t.Errorf("step %d (%s %s): Len() = %d, want %d", i, s.do, s.q, x.Len(), s.wantLen)
		}
		for name, want := range s.want {
			if got := x.Match(ps[name], testNow, wib); !slices.Equal(got, want) {
				t.Errorf("step %d (%s %s): Match(%s) = %v, want %v", i, s.do, s.q, name, got, want)
			}
		}
	}
}

// TestCandidates checks that the index prunes: a document is verified
// against the queries keyed by its words and the always-verified ones.
func TestCandidates(t *testing.T) {
	a := newAnalyzer(t)
	ps := prepareSmall(t, a)
	x := presearch.New(a)
	for i, q := range []string{`banjir`, `sepakbola`, `kebakar* hutan`, `"harga beras"`, `jambi warga`, `lang:id`, `karhutla OR banjir`} {
		if err := x.Add(int64(i), mustParse(t, q)); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]int{"d1": 4, "d2": 3, "d3": 4} {
		if _, st := x.MatchStats(ps[name], testNow, wib); st.Candidates != want {
			t.Errorf("MatchStats(%s) verified %d candidates, want %d", name, st.Candidates, want)
		}
	}
}
