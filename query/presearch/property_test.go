package presearch_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
)

// corpusNow is when the queries over the IndoSum slice run: mid-August
// 2017, inside the span of its dates, so that now-7d finds a few.
var corpusNow = time.Date(2017, 8, 10, 12, 0, 0, 0, wib)

// testCorpus reads the IndoSum slice of testdata (see testdata/SOURCE.md)
// and gives its documents the attributes filters compare, in rotation;
// one in seven has no date.
func testCorpus(t testing.TB) *workload.Corpus {
	t.Helper()
	docs, err := workload.ReadIndoSum("testdata/indosum-150.jsonl", 0)
	if err != nil {
		t.Fatal(err)
	}
	regions := [][]string{{"15.71.01"}, {"31.71"}, {"14.71"}, nil}
	for i := range docs {
		d := &docs[i]
		d.Regions = regions[i%len(regions)]
		d.Sentiment = []string{"negative", "neutral", "positive"}[i%3]
		d.AgencyID = int64(i % 5)
		if i%6 == 0 {
			d.Type = "social"
		}
		if i%7 == 0 {
			d.Published = time.Time{}
		}
	}
	return workload.NewCorpus(newAnalyzer(t), docs)
}

// TestMatchProperty stores random queries of the whole grammar and of the
// analysts' shape, removes and replaces some, and checks for every test
// document that the index answers exactly the queries whose compiled
// matcher accepts it, with the default weights and with frequencies.
func TestMatchProperty(t *testing.T) {
	a := newAnalyzer(t)
	c := testCorpus(t)
	for _, w := range []struct {
		name   string
		weight func(string, bool) float64
	}{{"default", nil}, {"frequencies", c.Weight}} {
		t.Run(w.name, func(t *testing.T) {
			x := presearch.NewConfig(a, presearch.Config{Weight: w.weight})
			g := &workload.Generator{R: rand.New(rand.NewPCG(6, 2026)), C: c, Absent: 0.05}
			stored := map[int64]*query.Query{}
			add := func(id int64) {
				n := g.Query()
				if id%2 == 0 {
					n = g.Tree(3)
				}
				q, err := query.Compile(n, a, query.Options{})
				if err != nil {
					t.Fatalf("Compile(%s) = %v", n, err)
				}
				if err := x.Add(id, n); err != nil {
					t.Fatalf("Add(%d, %s) = %v", id, n, err)
				}
				stored[id] = q
			}
			for id := range int64(2000) {
				add(id)
			}
			for id := int64(0); id < 2000; id += 5 {
				x.Remove(id)
				delete(stored, id)
			}
			for id := int64(3); id < 2000; id += 7 {
				add(id) // replaces, or re-adds a removed id
			}
			if x.Len() != len(stored) {
				t.Fatalf("Len() = %d, want %d", x.Len(), len(stored))
			}
			hits, candidates := 0, 0
			for i, p := range c.Prepared {
				got, st := x.MatchStats(p, corpusNow, wib)
				var want []int64
				for id, q := range stored {
					if q.Match(p, corpusNow, wib) {
						want = append(want, id)
					}
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("document %d: Match = %v,\nwant %v", i, got, want)
				}
				hits += len(want)
				candidates += st.Candidates
			}
			pairs := len(stored) * len(c.Prepared)
			t.Logf("%d queries × %d documents: %d matches, %d candidates verified", len(stored), len(c.Prepared), hits, candidates)
			// The test proves little unless queries both match and fail,
			// and the index must spare most verifications.
			if hits < pairs/100 || hits > pairs/2 {
				t.Errorf("%d matches of %d pairs; want between 1%% and 50%%", hits, pairs)
			}
			if candidates > pairs/2 {
				t.Errorf("%d candidates verified of %d pairs; want under half", candidates, pairs)
			}
		})
	}
}

// TestConcurrent matches documents while queries are added and removed
// (run it with -race). Queries 0..99 stay and must be answered exactly;
// queries 1000..1099 come and go, and may only appear when they match.
func TestConcurrent(t *testing.T) {
	a := newAnalyzer(t)
	c := testCorpus(t)
	x := presearch.NewConfig(a, presearch.Config{Weight: c.Weight})
	g := &workload.Generator{R: rand.New(rand.NewPCG(7, 2026)), C: c}
	queries := map[int64]query.Node{}
	compiled := map[int64]*query.Query{}
	for i := range int64(200) {
		id := i
		if i >= 100 {
			id = 900 + i
		}
		queries[id] = g.Query()
		q, err := query.Compile(queries[id], a, query.Options{})
		if err != nil {
			t.Fatal(err)
		}
		compiled[id] = q
		if id < 100 {
			if err := x.Add(id, queries[id]); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for round := range 20 {
			for id := int64(1000); id < 1100; id++ {
				if (int(id)+round)%2 == 0 {
					x.Remove(id)
				} else if err := x.Add(id, queries[id]); err != nil {
					t.Error(err)
				}
			}
		}
	})
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < 2*len(c.Prepared); i += 2 {
				p := c.Prepared[i%len(c.Prepared)]
				got := x.Match(p, corpusNow, wib)
				for id, q := range compiled {
					if id < 100 && q.Match(p, corpusNow, wib) != slices.Contains(got, id) {
						t.Errorf("document %d: Match has stored query %d: %v", i, id, !q.Match(p, corpusNow, wib))
					}
				}
				for _, id := range got {
					if !compiled[id].Match(p, corpusNow, wib) {
						t.Errorf("document %d: Match = %v, with %d that does not match", i, got, id)
					}
				}
			}
		})
	}
	wg.Wait()
}

// FuzzIndex stores a query from any text that parses, beside a few fixed
// ones, and checks the index against the compiled matcher on the table
// documents and part of the IndoSum slice.
func FuzzIndex(f *testing.F) {
	for _, q := range []string{`banjir`, `"kota jambi"`, `kebakar*`, `"jambi warga"~2`, `title:jambi -sepakbola`,
		`date:>now-7d`, `source:kompas.com OR type:social`, `"..." OR jambi`, `gpp`, `(banjir OR kebakaran) region:15`} {
		f.Add(q)
	}
	a := newAnalyzer(f)
	c := testCorpus(f)
	var ps []*query.Prepared
	for _, d := range smallDocs() {
		ps = append(ps, query.Prepare(a, d))
	}
	ps = append(ps, c.Prepared[:20]...)
	f.Fuzz(func(t *testing.T, src string) {
		n, err := query.Parse(src)
		if err != nil {
			return
		}
		q, err := query.Compile(n, a, query.Options{})
		if err != nil {
			return
		}
		x := presearch.New(a)
		if err := x.Add(1, n); err != nil {
			t.Fatalf("Add(%s) = %v, but it compiles", n, err)
		}
		for i, p := range ps {
			got := slices.Equal(x.Match(p, testNow, wib), []int64{1})
			if want := q.Match(p, testNow, wib); got != want {
				t.Fatalf("document %d: Match(%s) = %v, the matcher says %v", i, n, got, want)
			}
		}
	})
}
