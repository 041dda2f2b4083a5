package ingest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/query/presearch"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
)

// indexMatcher hands items to a presearch index of stored queries, as
// alerts will, and counts the queries that fire.
type indexMatcher struct {
	x     *presearch.Index
	fired atomic.Int64
	now   time.Time
}

func (m *indexMatcher) MatchItem(_ context.Context, it *archive.Item, a *archive.Analysis) error {
	m.fired.Add(int64(len(m.x.Match(a.Prepared(it), m.now, region.WIB.Location()))))
	return nil
}

// BenchmarkIngest measures end-to-end ingestion on SQLite: 20 feeds of a
// loopback farm, 2,000 distinct IndoSum articles (CC BY-SA, full text in
// the feed), through fetch, parse, normalise, known, dedupe, enrich, store
// and match against 10,000 stored queries. One op is the whole run into a
// new database; items/s is the figure of the issue, and the per-stage
// figures are the time each stage took per item, summed over the workers.
// It runs twice: the stored queries alone ("alerts"), and beside the
// issue tracker as serve wires them ("alerts+issues").
//
//	go test -run '^$' -bench BenchmarkIngest -benchtime 3x ./ingest
func BenchmarkIngest(b *testing.B) {
	const feeds, perStep, steps = 20, 20, 5
	const items = feeds * perStep * steps
	dir := testenv.SharedData(b, "news-indosum")
	docs, err := workload.ReadIndoSum(filepath.Join(dir, "articles.text.jsonl"), 6000)
	if err != nil {
		b.Fatal(err)
	}
	an, err := analyzer()
	if err != nil {
		b.Fatal(err)
	}
	corpus := workload.NewCorpus(an.Terms, docs)
	x := presearch.NewConfig(an.Terms, presearch.Config{Weight: corpus.Weight})
	g := &workload.Generator{R: rand.New(rand.NewPCG(6, 2026)), C: corpus, MaxDF: 0.02}
	for id := range 10_000 {
		if err := x.Add(int64(id), g.Query()); err != nil {
			b.Fatal(err)
		}
	}
	var texts []feedfarm.Text
	for _, d := range docs[len(docs)-items:] {
		texts = append(texts, feedfarm.Text{Title: d.Title, Body: d.Text})
	}
	farm := feedfarm.NewGenerated(feeds, perStep, steps, texts)
	base := farm.Start()
	defer farm.Close()

	// As serve wires it, the issue tracker takes every item beside the
	// stored queries ("issues"); "alerts" is the stored queries alone.
	for _, withIssues := range []bool{false, true} {
		name := "alerts"
		if withIssues {
			name = "alerts+issues"
		}
		b.Run(name, func(b *testing.B) { benchIngest(b, farm, base, x, withIssues) })
	}
}

func benchIngest(b *testing.B, farm *feedfarm.Farm, base string, x *presearch.Index, withIssues bool) {
	const items = 2_000
	var stored, fired int64
	stages := map[ingest.Stage]time.Duration{}
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		e := newEnv(b, engines[0].open(b), allowOnly(b, base), ingest.Options{})
		m := &indexMatcher{x: x, now: time.Now()}
		var matcher ingest.Matcher = m
		if withIssues {
			tracker, err := issuetrack.New(e.db, audit.NewLog(e.db, e.clock), e.clock, nil, issue.Options{})
			if err != nil {
				b.Fatal(err)
			}
			matcher = ingest.Matchers{m, tracker}
		}
		p := e.newPipeline(allowOnly(b, base), matcher, ingest.Options{})
		for i, name := range farm.Feeds() {
			e.addSource(b, "Media "+name, fmt.Sprintf("https://media%d.example.id/", i), source.FeedURL{URL: farm.URL(name)})
		}
		b.StartTimer()
		start := time.Now()
		for _, at := range farm.Steps() {
			farm.SetTime(at)
			results, err := p.PollDue(b.Context(), true)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range results {
				stored += int64(r.Stored)
			}
		}
		total += time.Since(start)
		fired += m.fired.Load()
		for _, s := range p.Metrics().Totals() {
			stages[s.Stage] += s.Time
		}
	}
	b.StopTimer()
	if stored != int64(items*b.N) {
		b.Fatalf("stored %d items, want %d", stored, items*b.N)
	}
	b.ReportMetric(float64(stored)/total.Seconds(), "items/s")
	b.ReportMetric(float64(fired)/float64(stored), "alerts/item")
	// Stages run in Options.Workers goroutines at once, so their times add
	// up to more than the wall time: each is given per item.
	for _, s := range ingest.Stages {
		b.ReportMetric(float64(stages[s].Microseconds())/float64(stored), "µs/item-"+string(s))
	}
}
