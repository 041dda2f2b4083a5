package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
)

// searcher runs one query and returns its total.
type searcher struct {
	name string
	run  func(ctx context.Context, i int) (int, error)
}

// sinergiSearcher searches a store through archive.Service.Search, top 10
// and the total, as the console does (with the page's items loaded and
// highlighted).
func sinergiSearcher(name string, db *store.DB, an *analysis.Analyzer, qs []*genQuery) (searcher, error) {
	gaz, err := region.Load()
	if err != nil {
		return searcher{}, err
	}
	clock := sinergi.FixedClock(benchNow)
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, gaz, log)
	load := func() (*analysis.Analyzer, error) { return an, nil }
	svc := archive.NewService(db, load, gaz, agencies, log, clock)
	actor := access.SystemActor()
	return searcher{name: name, run: func(ctx context.Context, i int) (int, error) {
		res, err := svc.Search(ctx, actor, archive.Request{Query: qs[i].Text, Limit: 10})
		if err != nil {
			return 0, err
		}
		return res.Total, nil
	}}, nil
}

func bleveSearcher(idx bleve.Index, qs []*genQuery) searcher {
	bqs := make([]bq.Query, len(qs))
	for i, q := range qs {
		bqs[i] = bleveQuery(q)
	}
	return searcher{name: "bleve", run: func(_ context.Context, i int) (int, error) {
		return bleveSearch(idx, bqs[i])
	}}
}

// sample is one timed search.
type sample struct {
	query int
	d     time.Duration
}

// searchRun is what one engine did over every round.
type searchRun struct {
	name    string
	totals  []int // from the warm-up round
	errs    map[int]error
	samples [][]sample // per round
}

// runSearches runs a warm-up round (recording the totals), then the timed
// rounds: each query on every engine in turn, the engines' order rotating
// from one query to the next, so the machine's slow moments fall on all
// engines alike.
func runSearches(ctx context.Context, ss []searcher, nq, rounds int) []*searchRun {
	runs := make([]*searchRun, len(ss))
	for e, s := range ss {
		runs[e] = &searchRun{name: s.name, totals: make([]int, nq), errs: map[int]error{}, samples: make([][]sample, rounds)}
	}
	for i := range nq {
		for e, s := range ss {
			n, err := s.run(ctx, i)
			if err != nil {
				runs[e].errs[i] = err
				n = -1
			}
			runs[e].totals[i] = n
		}
	}
	for r := range rounds {
		for i := range nq {
			for k := range ss {
				e := (i + k + r) % len(ss)
				if _, bad := runs[e].errs[i]; bad {
					continue
				}
				start := time.Now()
				if _, err := ss[e].run(ctx, i); err != nil {
					runs[e].errs[i] = err
					continue
				}
				runs[e].samples[r] = append(runs[e].samples[r], sample{i, time.Since(start)})
			}
		}
	}
	return runs
}

func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }

// durations returns the samples of the queries keep admits.
func (r *searchRun) durations(qs []*genQuery, keep func(*genQuery) bool) []time.Duration {
	var out []time.Duration
	for _, round := range r.samples {
		for _, s := range round {
			if keep(qs[s.query]) {
				out = append(out, s.d)
			}
		}
	}
	return out
}

// reportSearch writes the latency tables and the agreement of totals in
// Markdown.
func reportSearch(w io.Writer, runs []*searchRun, qs []*genQuery, docs int) {
	all := func(*genQuery) bool { return true }
	var bleveRun *searchRun
	for _, r := range runs {
		if r.name == "bleve" {
			bleveRun = r
		}
	}
	fmt.Fprintf(w, "\n#### Search latency, %d documents, %d queries × %d rounds (ms)\n\n", docs, len(qs), len(runs[0].samples))
	fmt.Fprintf(w, "| engine | median | p95 | median of each round | errors | × Bleve median | × Bleve p95 |\n|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		ds := r.durations(qs, all)
		var perRound []string
		for _, round := range r.samples {
			var rd []time.Duration
			for _, s := range round {
				rd = append(rd, s.d)
			}
			perRound = append(perRound, ms(quantile(rd, 0.5)))
		}
		ratioM, ratioP := "", ""
		if bleveRun != nil {
			bd := bleveRun.durations(qs, all)
			ratioM = fmt.Sprintf("%.2f", float64(quantile(ds, 0.5))/float64(quantile(bd, 0.5)))
			ratioP = fmt.Sprintf("%.2f", float64(quantile(ds, 0.95))/float64(quantile(bd, 0.95)))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d | %s | %s |\n", r.name, ms(quantile(ds, 0.5)), ms(quantile(ds, 0.95)),
			strings.Join(perRound, " / "), len(r.errs), ratioM, ratioP)
	}
	fmt.Fprintf(w, "\n#### Per query kind, %d documents: median / p95 (ms)\n\n| kind | queries |", docs)
	for _, r := range runs {
		fmt.Fprintf(w, " %s |", r.name)
	}
	fmt.Fprintf(w, "\n|---|---|%s\n", strings.Repeat("---|", len(runs)))
	for _, k := range kinds {
		n := 0
		for _, q := range qs {
			if q.Kind == k {
				n++
			}
		}
		fmt.Fprintf(w, "| %s | %d |", k, n)
		for _, r := range runs {
			ds := r.durations(qs, func(q *genQuery) bool { return q.Kind == k })
			fmt.Fprintf(w, " %s / %s |", ms(quantile(ds, 0.5)), ms(quantile(ds, 0.95)))
		}
		fmt.Fprintln(w)
	}
	if bleveRun != nil {
		reportAgreement(w, runs, bleveRun, qs, docs)
	}
	for _, r := range runs {
		for i, err := range r.errs {
			fmt.Fprintf(w, "\n- error %s, query %d `%s`: %v", r.name, i, qs[i].Text, err)
		}
	}
	fmt.Fprintln(w)
}

// reportAgreement compares every engine's totals with Bleve's, per kind.
func reportAgreement(w io.Writer, runs []*searchRun, b *searchRun, qs []*genQuery, docs int) {
	fmt.Fprintf(w, "\n#### Totals against Bleve, %d documents: queries agreeing / compared (mean total)\n\n| kind | same meaning |", docs)
	var others []*searchRun
	for _, r := range runs {
		if r != b {
			others = append(others, r)
			fmt.Fprintf(w, " %s |", r.name)
		}
	}
	fmt.Fprintf(w, " bleve mean total |\n|---|---|%s---|\n", strings.Repeat("---|", len(others)))
	var examples []string
	for _, k := range kinds {
		fmt.Fprintf(w, "| %s | %v |", k, sameSemantics[k])
		sum, cnt := 0, 0
		for i, q := range qs {
			if q.Kind == k && b.totals[i] >= 0 {
				sum += b.totals[i]
				cnt++
			}
		}
		for _, r := range others {
			agree, compared, rsum := 0, 0, 0
			for i, q := range qs {
				if q.Kind != k || r.totals[i] < 0 || b.totals[i] < 0 {
					continue
				}
				compared++
				rsum += r.totals[i]
				if r.totals[i] == b.totals[i] {
					agree++
				} else if sameSemantics[k] && len(examples) < 12 {
					examples = append(examples, fmt.Sprintf("%s `%s`: %d, bleve %d", r.name, q.Text, r.totals[i], b.totals[i]))
				}
			}
			fmt.Fprintf(w, " %d / %d (%.0f) |", agree, compared, float64(rsum)/float64(max(compared, 1)))
		}
		fmt.Fprintf(w, " %.0f |\n", float64(sum)/float64(max(cnt, 1)))
	}
	sort.Strings(examples)
	for _, e := range examples {
		fmt.Fprintf(w, "\n- disagreement: %s", e)
	}
	fmt.Fprintln(w)
}
