package query_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
)

var (
	analyzerOnce sync.Once
	testAnalyzer *analysis.Terms
	analyzerErr  error
)

// newAnalyzer returns the analysis the application uses: the bahasa
// normaliser and stemmer.
func newAnalyzer(tb testing.TB) *analysis.Terms {
	tb.Helper()
	analyzerOnce.Do(func() { testAnalyzer, analyzerErr = analysis.NewTerms() })
	if analyzerErr != nil {
		tb.Fatalf("analysis.NewTerms() = %v", analyzerErr)
	}
	return testAnalyzer
}

var wib = time.FixedZone("WIB", 7*3600)

// testDocs are the documents of the table tests, by name.
func testDocs() map[string]query.Document {
	return map[string]query.Document{
		"d1": {
			Title:  "Air meluap di Kota Jambi",
			Text:   "Warga Kota Jambi kebanjiran sejak Senin. Ribuan rumah terendam, pemerintah menyalurkan bantuan.",
			Source: "https://www.Kompas.com/", Regions: []string{"15.71.01.1001"},
			Lang: "id", Sentiment: "negative", Type: "news", AgencyID: 7,
			Published: time.Date(2026, 1, 15, 23, 30, 0, 0, wib),
		},
		"d2": {
			Title:  "Persija menang dalam laga sepakbola",
			Text:   "Pertandingan sepakbola di Jambi berlangsung meriah walau hujan deras.",
			Source: "sport.detik.com", Regions: []string{"15.05"},
			Lang: "id", Sentiment: "positive", Type: "news", AgencyID: 7,
			// 15 January in UTC, 16 January in WIB.
			Published: time.Date(2026, 1, 15, 17, 30, 0, 0, time.UTC),
		},
		"d3": {
			Title:  "Kebakaran hutan di Riau",
			Text:   "Karhutla meluas; asap tebal menyelimuti Pekanbaru. Harga di pasar untuk beras naik karena distribusi terganggu.",
			Source: "Antara News", Regions: []string{"14.71"},
			Lang: "id", Sentiment: "negative", Type: "social", AgencyID: 9,
			Published: time.Date(2026, 1, 30, 8, 0, 0, 0, wib),
		},
		"d4": {
			Title:  "Café baru di Jambi",
			Text:   "Sebuah café dibuka. Gubernur memberikan bansos kepada warga; kabar itu bukan hoaks. Warga senang, warga bangga.",
			Source: "jambiprov.go.id", Regions: []string{"15.71"},
			Lang: "id", Sentiment: "neutral", Type: "blog", AgencyID: 9,
			Published: time.Date(2026, 1, 28, 9, 0, 0, 0, wib),
		},
		"d5": {
			Title:  "Banjir bandang di Kerinci",
			Text:   "Jalan utama tertutup lumpur setelah banjir datang malam hari. Bandang itu merusak jembatan.",
			Source: "kompas.com", Regions: []string{"15.01"},
			Lang: "id", Sentiment: "negative", Type: "news", AgencyID: 3,
			Published: time.Date(2026, 1, 20, 10, 0, 0, 0, wib),
		},
	}
}

// testNow is when the table queries run: 31 January 2026, noon WIB.
var testNow = time.Date(2026, 1, 31, 12, 0, 0, 0, wib)

var testOptions = query.Options{
	Regions: func(name string) []string {
		if strings.EqualFold(name, "jambi") {
			return []string{"15"}
		}
		return nil
	},
	Agencies: func(name string) []int64 {
		if strings.EqualFold(name, "Diskominfo Jambi") {
			return []int64{9}
		}
		return nil
	},
}

func prepareAll(tb testing.TB, a query.Analyzer) (names []string, ps []*query.Prepared) {
	docs := testDocs()
	for name := range docs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		ps = append(ps, query.Prepare(a, docs[name]))
	}
	return names, ps
}

func TestMatch(t *testing.T) {
	a := newAnalyzer(t)
	names, ps := prepareAll(t, a)
	tests := []struct {
		q    string
		want string // matching documents, space separated
	}{
		// Plain terms go through stemming, phrases do not.
		{`banjir`, "d1 d5"},
		{`kebanjiran`, "d1 d5"},
		{`"banjir"`, "d5"},
		{`"Banjir"`, "d5"},
		{`"kebanjiran"`, "d1"},
		{`salur`, "d1"},
		{`"salur"`, ""},
		// The examples of docs/query.md.
		{`banjir AND (jambi OR "kota jambi") NOT sepakbola`, "d1"},
		{`banjir jambi`, "d1"},
		{`banjir DAN jambi`, "d1"},
		{`banjir OR sepakbola`, "d1 d2 d5"},
		{`banjir ATAU sepakbola`, "d1 d2 d5"},
		{`jambi -sepakbola`, "d1 d4"},
		{`jambi BUKAN sepakbola`, "d1 d4"},
		{`"karhutla" OR (kebakaran hutan) region:15 date:>now-7d`, "d3"},
		{`title:(banjir OR longsor) wilayah:"jambi" -sepakbola`, "d5"},
		{`gubernur DAN (bantuan ATAU bansos) BUKAN hoaks`, ""},
		{`gubernur DAN (bantuan ATAU bansos)`, "d4"},
		// An abbreviation of more than three letters is written out, in
		// documents and in queries; quoted, it is the word as written.
		{`bansos`, "d4"},
		{`bantuan sosial`, "d4"},
		{`"bansos"`, "d4"},
		{`"bantuan sosial"`, ""},
		// So is a compound written as one word that standard spelling
		// writes as two (sepakbola, walikota).
		{`sepak bola`, "d2"},
		{`sepakbola`, "d2"},
		{`"sepak bola"`, ""},
		{`"harga beras"~5 type:(news OR social) lang:id`, "d3"},
		{`"harga beras"`, ""},
		// Phrases: folded words in order, never across title and text.
		{`"kota jambi"`, "d1"},
		{`"jambi kota"`, ""},
		{`"jambi warga"`, ""},
		{`"cafe"`, "d4"},
		{`cafe`, "d4"},
		{`"CAFÉ BARU"`, "d4"},
		// Proximity: any order, first to last at most N words apart.
		{`"banjir bandang"~1`, "d5"},
		{`"bandang banjir"~1`, "d5"},
		{`"kota warga"~1`, "d1"},
		{`"banjir jembatan"~7`, "d5"},
		{`"banjir jembatan"~6`, ""},
		{`"jambi jambi"~3`, ""}, // one in the title, one in the text
		{`"warga warga"~2`, "d4"},
		{`"warga warga"~1`, ""},
		// Prefixes: folded or root forms.
		{`kebakar*`, "d3"},
		{`sepak*`, "d2"},
		{`meny*`, "d1 d3"},
		{`salu*`, "d1"},
		{`kerinc*`, "d5"},
		// title: searches the title only.
		{`title:jambi`, "d1 d4"},
		{`title:banjir`, "d5"},
		{`title:"kota jambi"`, "d1"},
		{`title:kebakar*`, "d3"},
		{`judul:warga`, ""},
		// Filters.
		{`source:kompas.com`, "d1 d5"},
		{`source:KOMPAS.COM`, "d1 d5"},
		{`source:"antara news"`, "d3"},
		{`source:kompas`, ""},
		{`source:(kompas.com OR detik.com)`, "d1 d2 d5"}, // sport.detik.com is under detik.com
		{`source:sport.detik.com`, "d2"},
		{`source:com`, "d1 d2 d5"},
		{`source:t.detik.com`, ""}, // a domain is whole labels
		{`source:detik`, ""},
		{`region:15`, "d1 d2 d4 d5"},
		{`region:15.71`, "d1 d4"},
		{`region:15.71.01`, "d1"},
		{`region:15.71.01.1001`, "d1"},
		{`region:15.71.02`, ""},
		{`region:14`, "d3"},
		{`region:jambi`, "d1 d2 d4 d5"},
		{`region:"kota jambi"`, ""},
		{`lang:id`, "d1 d2 d3 d4 d5"},
		{`lang:en`, ""},
		{`sentiment:negative`, "d1 d3 d5"},
		{`sentimen:netral`, "d4"},
		{`type:social`, "d3"},
		{`jenis:(berita OR sosial)`, "d1 d2 d3 d5"},
		{`agency:7`, "d1 d2"},
		{`agency:"Diskominfo Jambi"`, "d3 d4"},
		{`agency:"Dinas Lain"`, ""},
		// Dates, in days of WIB.
		{`date:2026-01-15`, "d1"},
		{`date:2026-01-16`, "d2"},
		{`date:2026-01-01..2026-01-15`, "d1"},
		{`date:2026-01-16..2026-01-20`, "d2 d5"},
		{`date:<=2026-01-15`, "d1"},
		{`date:<2026-01-16`, "d1"},
		{`date:>2026-01-15`, "d2 d3 d4 d5"},
		{`date:>=2026-01-16`, "d2 d3 d4 d5"},
		{`date:>=2026-01-28`, "d3 d4"},
		{`date:>now-7d`, "d3 d4"},
		{`date:>now-2d`, "d3"},
		{`date:now-2w..now-1w`, "d5"},
		{`date:>now-1y`, "d1 d2 d3 d4 d5"},
		// Moments, to the minute, in WIB: instants, like now-12h.
		{`date:>=2026-01-15T23:30 date:<2026-01-16T00:30`, "d1"},
		{`date:2026-01-15T23:00..2026-01-16T00:30`, "d1 d2"},
		{`date:>2026-01-15T23:30`, "d2 d3 d4 d5"},
		{`date:<=2026-01-20T10.00`, "d1 d2 d5"},
		{`date:2026-01-15..2026-01-15T23:30`, "d1"},
	}
	for _, tt := range tests {
		n, err := query.Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q) = %v", tt.q, err)
			continue
		}
		c, err := query.Compile(n, a, testOptions)
		if err != nil {
			t.Errorf("Compile(%q) = %v", tt.q, err)
			continue
		}
		var got []string
		for i, p := range ps {
			if c.Match(p, testNow, wib) {
				got = append(got, names[i])
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Match(%q) = [%s], want [%s]", tt.q, g, tt.want)
		}
	}
}

// TestMatchWithoutResolvers checks that a region or agency name never
// matches when nothing resolves it.
func TestMatchWithoutResolvers(t *testing.T) {
	a := newAnalyzer(t)
	_, ps := prepareAll(t, a)
	for _, q := range []string{`region:jambi`, `agency:"Diskominfo Jambi"`} {
		n, err := query.Parse(q)
		if err != nil {
			t.Fatalf("Parse(%q) = %v", q, err)
		}
		c, err := query.Compile(n, a, query.Options{})
		if err != nil {
			t.Fatalf("Compile(%q) = %v", q, err)
		}
		for i, p := range ps {
			if c.Match(p, testNow, wib) {
				t.Errorf("Match(%q) on document %d = true without a resolver", q, i)
			}
		}
	}
}

func TestMatchUndated(t *testing.T) {
	a := newAnalyzer(t)
	p := query.Prepare(a, query.Document{Title: "banjir"})
	for _, q := range []string{`banjir date:>now-7d`, `banjir date:<2030-01-01`} {
		n, _ := query.Parse(q)
		if ok, err := query.Match(n, a, query.Options{}, p, testNow, wib); ok || err != nil {
			t.Errorf("Match(%q) on an undated document = %v, %v; want false, nil", q, ok, err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	a := newAnalyzer(b)
	_, ps := prepareAll(b, a)
	qs := []string{
		`banjir AND (jambi OR "kota jambi") NOT sepakbola`,
		`"karhutla" OR (kebakaran hutan) region:15 date:>now-7d`,
		`title:(banjir OR longsor) wilayah:"jambi" -sepakbola`,
		`gubernur DAN (bantuan ATAU bansos) BUKAN hoaks sentiment:negative`,
		`"harga beras"~5 type:(news OR social) lang:id`,
		`pemilu* (kpu OR bawaslu) source:(kompas.com OR detik.com) date:2026-01-01..2026-01-31`,
	}
	var cs []*query.Query
	for _, q := range qs {
		n, err := query.Parse(q)
		if err != nil {
			b.Fatalf("Parse(%q) = %v", q, err)
		}
		c, err := query.Compile(n, a, testOptions)
		if err != nil {
			b.Fatalf("Compile(%q) = %v", q, err)
		}
		cs = append(cs, c)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			for _, p := range ps {
				c.Match(p, testNow, wib)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(cs)*len(ps))/b.Elapsed().Seconds(), "matches/s")
}
