package ingest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Stage names one stage of the chain, as metrics and the pipeline page
// label it.
type Stage string

// The stages, in chain order. What "dropped" means is stage by stage:
// fetch drops a feed that answered 304 (nothing to do), normalise an entry
// without address or text, known an entry already stored, dedupe a copy
// of a story (recorded as an appearance, not stored again), enrich an item
// the archive refuses.
const (
	StageFetch     Stage = "fetch"
	StageParse     Stage = "parse"
	StageNormalise Stage = "normalise"
	StageKnown     Stage = "known"
	StageExtract   Stage = "extract"
	StageDedupe    Stage = "dedupe"
	StageEnrich    Stage = "enrich"
	StageStore     Stage = "store"
	StageMatch     Stage = "match"
)

// Stages lists the stages in chain order.
var Stages = []Stage{StageFetch, StageParse, StageNormalise, StageKnown, StageExtract, StageDedupe, StageEnrich, StageStore, StageMatch}

// tally is what one run of a stage did with its documents: in = out +
// dropped + failed, except in extract, where a page that fails leaves the
// entry to go on with its feed text (failed and out).
type tally struct{ in, out, dropped, failed int }

// Metrics counts and times the stages: Prometheus counters and histograms
// for scraping, and the same totals for the pipeline page.
type Metrics struct {
	stages   map[Stage]*stageCounters
	seconds  *prometheus.HistogramVec
	polls    *prometheus.CounterVec
	lastPoll atomic.Int64 // unix microseconds of the last poll cycle's end
}

type stageCounters struct {
	in, out, dropped, failed, runs atomic.Int64
	nanos                          atomic.Int64
}

// StageTotals are one stage's totals since the process started.
type StageTotals struct {
	Stage                    Stage
	In, Out, Dropped, Failed int64
	Runs                     int64
	Time                     time.Duration
}

// NewMetrics returns Metrics registered in reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		stages: make(map[Stage]*stageCounters, len(Stages)),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sinergi_ingest_stage_seconds",
			Help:    "Time one run of an ingestion stage took (a run handles one feed's documents).",
			Buckets: []float64{0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60},
		}, []string{"stage"}),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sinergi_ingest_polls_total",
			Help: "Feed polls by result: ok, not_modified, failed.",
		}, []string{"result"}),
	}
	for _, s := range Stages {
		m.stages[s] = &stageCounters{}
	}
	for _, c := range []prometheus.Collector{m.seconds, m.polls, (*documentsCollector)(m)} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("ingest: register metrics: %w", err)
		}
	}
	return m, nil
}

// record adds one run of a stage.
func (m *Metrics) record(s Stage, t tally, elapsed time.Duration) {
	c := m.stages[s]
	c.in.Add(int64(t.in))
	c.out.Add(int64(t.out))
	c.dropped.Add(int64(t.dropped))
	c.failed.Add(int64(t.failed))
	c.runs.Add(1)
	c.nanos.Add(int64(elapsed))
	m.seconds.WithLabelValues(string(s)).Observe(elapsed.Seconds())
}

// poll counts one poll by its result.
func (m *Metrics) poll(o Outcome) {
	result := "ok"
	switch {
	case o.Failed():
		result = "failed"
	case o.NotModified:
		result = "not_modified"
	}
	m.polls.WithLabelValues(result).Inc()
	m.lastPoll.Store(o.At.UnixMicro())
}

// Totals returns every stage's totals, in chain order.
func (m *Metrics) Totals() []StageTotals {
	out := make([]StageTotals, len(Stages))
	for i, s := range Stages {
		c := m.stages[s]
		out[i] = StageTotals{Stage: s, In: c.in.Load(), Out: c.out.Load(), Dropped: c.dropped.Load(),
			Failed: c.failed.Load(), Runs: c.runs.Load(), Time: time.Duration(c.nanos.Load())}
	}
	return out
}

// LastPoll returns when the last poll ended; zero before the first.
func (m *Metrics) LastPoll() time.Time {
	us := m.lastPoll.Load()
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// documentsCollector exports the stage counters as
// sinergi_ingest_documents_total{stage, outcome}, read from the same
// atomics the pipeline page shows, so the two never disagree.
type documentsCollector Metrics

var documentsDesc = prometheus.NewDesc("sinergi_ingest_documents_total",
	"Documents through an ingestion stage, by outcome: in, out, dropped (by the stage's rule: duplicate, known, invalid, not modified), failed.",
	[]string{"stage", "outcome"}, nil)

func (c *documentsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- documentsDesc }

func (c *documentsCollector) Collect(ch chan<- prometheus.Metric) {
	for _, t := range (*Metrics)(c).Totals() {
		for _, v := range []struct {
			outcome string
			n       int64
		}{{"in", t.In}, {"out", t.Out}, {"dropped", t.Dropped}, {"failed", t.Failed}} {
			ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.CounterValue, float64(v.n), string(t.Stage), v.outcome)
		}
	}
}
