package presearch_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
	"github.com/sinergi-id/sinergi/query/presearch/internal/workload"
)

// benchWorkload is what the benchmarks match: the news corpora of
// ../shared/data analysed, 1,000 of their full articles, and 100,000
// stored queries drawn from the grammar over their words.
type benchWorkload struct {
	c       *workload.Corpus
	docs    []*query.Prepared
	queries []query.Node
	now     time.Time
}

// BenchMaxDF is the stop-word band of the benchmark: words found in more
// than this share of the documents are not drawn for queries.
const benchMaxDF = 0.1

// benchData builds the workload once per test binary: it takes ~20 s.
var benchData struct {
	sync.Once
	w   *benchWorkload
	err error
}

func loadBench(b *testing.B) *benchWorkload {
	b.Helper()
	dir := filepath.Dir(testenv.SharedData(b, "news-indosum"))
	benchData.Do(func() {
		docs, err := workload.ReadNews(dir)
		if err != nil {
			benchData.err = err
			return
		}
		c := workload.NewCorpus(newAnalyzer(b), docs)
		g := &workload.Generator{R: rand.New(rand.NewPCG(5, 2026)), C: c, MaxDF: benchMaxDF}
		w := &benchWorkload{c: c, docs: c.Articles(1000), now: c.Latest().Add(time.Hour)}
		for range 100_000 {
			w.queries = append(w.queries, g.Query())
		}
		benchData.w = w
	})
	if benchData.err != nil {
		b.Fatal(benchData.err)
	}
	return benchData.w
}

// buildIndex stores the first n queries, keyed by corpus frequencies, and
// returns the heap the index takes per query (compiled queries included).
func buildIndex(b *testing.B, w *benchWorkload, n int) (*presearch.Index, float64) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := presearch.NewConfig(newAnalyzer(b), presearch.Config{Weight: w.c.Weight})
	for id, q := range w.queries[:n] {
		if err := x.Add(int64(id), q); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return x, float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
}

// BenchmarkMatch matches news articles, one per op, against 10,000 and
// 100,000 stored queries, reporting documents per second, candidates
// verified per document, the 99th percentile of one document's time and
// the memory per stored query. Run it on one core:
//
//	GOMAXPROCS=1 taskset -c 0 go test -run '^$' -bench Match -benchtime 5000x ./query/presearch
func BenchmarkMatch(b *testing.B) {
	w := loadBench(b)
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("queries=%d", n), func(b *testing.B) {
			x, perQuery := buildIndex(b, w, n)
			lat := make([]time.Duration, 0, 1<<14)
			cands, matches, docs := 0, 0, 0
			for b.Loop() {
				p := w.docs[docs%len(w.docs)]
				start := time.Now()
				ids, st := x.MatchStats(p, w.now, time.UTC)
				lat = append(lat, time.Since(start))
				cands += st.Candidates
				matches += len(ids)
				docs++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(cands)/float64(docs), "candidates/doc")
			b.ReportMetric(float64(matches)/float64(docs), "matches/doc")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(perQuery, "bytes/query")
			runtime.KeepAlive(x)
		})
	}
}

// BenchmarkMatchParallel is BenchmarkMatch at 100,000 queries from every
// core at once, for the cost of the shared read lock (-cpu 1,2).
func BenchmarkMatchParallel(b *testing.B) {
	w := loadBench(b)
	x, _ := buildIndex(b, w, 100_000)
	b.ResetTimer()
	var next sync.Mutex
	i := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			next.Lock()
			p := w.docs[i%len(w.docs)]
			i++
			next.Unlock()
			x.Match(p, w.now, time.UTC)
		}
	})
}

// BenchmarkAddRemove replaces one stored query of 100,000 per op: a Remove
// and an Add, the cost of an analyst editing an alert.
func BenchmarkAddRemove(b *testing.B) {
	w := loadBench(b)
	x, _ := buildIndex(b, w, 100_000)
	i := 0
	for b.Loop() {
		id := int64(i * 7919 % 100_000)
		x.Remove(id)
		if err := x.Add(id, w.queries[id]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
