package ingest_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/source"
)

// BenchmarkPollLag replays the Tempo feeds (../shared/data/rss-tempo) on a
// virtual clock, twice: with the adaptive schedule (each feed polled when
// it is due), then polling every feed at one fixed interval chosen to
// spend the same number of requests. For each article it takes the lag
// from the moment it appeared in the farm (its first snapshot) to the
// moment it was stored, and reports the mean and 95th percentile lag in
// minutes and the requests spent per new article.
//
//	go test -run '^$' -bench BenchmarkPollLag -benchtime 1x ./ingest
func BenchmarkPollLag(b *testing.B) {
	dir := testenv.SharedData(b, "rss-tempo")
	items, err := feedfarm.Items(dir)
	if err != nil {
		b.Fatal(err)
	}
	firstSeen := map[string]time.Time{}
	for link, at := range feedfarm.FirstSeen(items) {
		canon, err := dedup.CanonicalURL(link)
		if err != nil {
			b.Fatal(err)
		}
		firstSeen[canon] = at
	}
	for range b.N {
		adaptive := replayLag(b, dir, firstSeen, 0)
		fixed := replayLag(b, dir, firstSeen, adaptive.span*time.Duration(adaptive.feeds)/time.Duration(adaptive.requests))
		for _, r := range []struct {
			name string
			lagResult
		}{{"adaptive", adaptive}, {"fixed", fixed}} {
			b.ReportMetric(r.mean.Minutes(), "mean-lag-min-"+r.name)
			b.ReportMetric(r.p95.Minutes(), "p95-lag-min-"+r.name)
			b.ReportMetric(float64(r.requests)/float64(r.articles), "req/article-"+r.name)
		}
	}
}

type lagResult struct {
	feeds, requests, articles int
	span                      time.Duration
	mean, p95                 time.Duration
}

// replayLag replays the farm on a virtual clock: with every zero, each
// feed is polled when the adaptive schedule makes it due; otherwise every
// feed is polled every so often.
func replayLag(b *testing.B, dir string, firstSeen map[string]time.Time, every time.Duration) lagResult {
	farm, err := feedfarm.Load(filepath.Join(dir, "snapshots"))
	if err != nil {
		b.Fatal(err)
	}
	base := farm.Start()
	defer farm.Close()
	e := newEnv(b, engines[0].open(b), allowOnly(b, base), ingest.Options{})
	var feeds []source.FeedURL
	for _, name := range farm.Feeds() {
		feeds = append(feeds, source.FeedURL{URL: farm.URL(name)})
	}
	e.addSource(b, "Tempo", "https://www.tempo.co/", feeds...)
	steps := farm.Steps()
	start, end := steps[0], steps[len(steps)-1]
	for now := start; !now.After(end); {
		e.clock.Set(now)
		farm.SetTime(now)
		if _, err := e.pipeline.PollDue(b.Context(), every > 0); err != nil {
			b.Fatal(err)
		}
		if every > 0 {
			now = now.Add(every)
			continue
		}
		next, err := e.db.DueFeeds(b.Context(), end.Add(100*24*time.Hour), 1)
		if err != nil || len(next) == 0 {
			b.Fatalf("DueFeeds: %d, %v", len(next), err)
		}
		now = now.Add(time.Second)
		if next[0].State.NextPoll.After(now) {
			now = next[0].State.NextPoll
		}
	}
	rows, err := e.db.SQL().QueryContext(b.Context(), `SELECT url, seen_us FROM appearances`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var lags []time.Duration
	var sum time.Duration
	for rows.Next() {
		var u string
		var seen int64
		if err := rows.Scan(&u, &seen); err != nil {
			b.Fatal(err)
		}
		first, ok := firstSeen[u]
		if !ok {
			b.Fatalf("stored %s, which the farm never served", u)
		}
		lag := time.UnixMicro(seen).Sub(first)
		lags = append(lags, lag)
		sum += lag
	}
	if len(lags) == 0 {
		b.Fatal("nothing stored")
	}
	slices.Sort(lags)
	return lagResult{feeds: len(feeds), requests: farm.Stats().Requests, articles: len(lags), span: end.Sub(start),
		mean: sum / time.Duration(len(lags)), p95: lags[len(lags)*95/100]}
}
