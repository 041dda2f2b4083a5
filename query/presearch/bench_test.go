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
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
)

// benchWorkload is what the benchmarks match: the news corpora of
// ../shared/data analysed, 1,000 of their full articles, and for each
// vocabulary 100,000 stored queries drawn from the grammar over its words.
type benchWorkload struct {
	c       *workload.Corpus
	docs    []*query.Prepared
	queries map[string][]query.Node
	now     time.Time
}

// benchVocabularies bound the words drawn for queries by the share of
// documents holding them. "uniform" draws every distinct word of the
// corpora held by at least two documents (at most 2 %) with the same
// chance: the long tail of names, places and issues. "topical" draws
// words in proportion to their frequency, at most 2 % (banjir, jokowi,
// narkoba, pilkada): the words news repeats most, so a stored query fires
// on one document in forty. "common" (at most 10 %: korupsi, presiden,
// polisi as well) is a stress case in which a stored query fires on one
// document in twenty.
var benchVocabularies = []struct {
	name    string
	maxDF   float64
	uniform bool
}{{"uniform", 0.02, true}, {"topical", 0.02, false}, {"common", 0.1, false}}

// benchData builds the workload once per test binary: it takes ~20 s.
var benchData struct {
	sync.Once
	w   *benchWorkload
	err error
}

func loadBench(b *testing.B) *benchWorkload { return loadBenchT(b) }

func loadBenchT(b testing.TB) *benchWorkload {
	b.Helper()
	dir := filepath.Dir(testenv.SharedData(b, "news-indosum"))
	benchData.Do(func() {
		docs, err := workload.ReadNews(dir)
		if err != nil {
			benchData.err = err
			return
		}
		c := workload.NewCorpus(newAnalyzer(b), docs)
		w := &benchWorkload{c: c, docs: c.Articles(1000), now: c.Latest().Add(time.Hour), queries: map[string][]query.Node{}}
		for _, v := range benchVocabularies {
			g := &workload.Generator{R: rand.New(rand.NewPCG(5, 2026)), C: c, MaxDF: v.maxDF, Uniform: v.uniform}
			for range 100_000 {
				w.queries[v.name] = append(w.queries[v.name], g.Query())
			}
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
func buildIndex(b *testing.B, w *benchWorkload, vocabulary string, n int) (*presearch.Index, float64) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := presearch.NewConfig(newAnalyzer(b), presearch.Config{Weight: w.c.Weight})
	for id, q := range w.queries[vocabulary][:n] {
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
//	GOMAXPROCS=1 taskset -c 0 go test -run '^$' -bench 'Match$' -benchtime 3000x ./query/presearch
func BenchmarkMatch(b *testing.B) {
	w := loadBench(b)
	for _, v := range benchVocabularies {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("words=%s/queries=%d", v.name, n), func(b *testing.B) {
				benchMatch(b, w, v.name, n)
			})
		}
	}
}

func benchMatch(b *testing.B, w *benchWorkload, vocabulary string, n int) {
	x, perQuery := buildIndex(b, w, vocabulary, n)
	lat := make([]time.Duration, 0, 1<<14)
	cands, full, matches, docs := 0, 0, 0, 0
	for b.Loop() {
		p := w.docs[docs%len(w.docs)]
		start := time.Now()
		ids, st := x.MatchStats(p, w.now, time.UTC)
		lat = append(lat, time.Since(start))
		cands += st.Candidates
		full += st.Full
		matches += len(ids)
		docs++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cands)/float64(docs), "candidates/doc")
	b.ReportMetric(float64(full)/float64(docs), "full/doc")
	b.ReportMetric(float64(matches)/float64(docs), "matches/doc")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(perQuery, "bytes/query")
	runtime.KeepAlive(x)
}

// BenchmarkMatchParallel is BenchmarkMatch at 100,000 topical queries from every
// core at once, for the cost of the shared read lock (-cpu 1,2).
func BenchmarkMatchParallel(b *testing.B) {
	w := loadBench(b)
	x, _ := buildIndex(b, w, "topical", 100_000)
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
	x, _ := buildIndex(b, w, "topical", 100_000)
	i := 0
	for b.Loop() {
		id := int64(i * 7919 % 100_000)
		x.Remove(id)
		if err := x.Add(id, w.queries["topical"][id]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
