package monitor_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// BenchmarkAlertLatency measures how long an item takes from entering the
// pipeline (the poll that fetched it) to its in-app notification and to its
// webhook's arrival, with 10,000 saved searches alerting instantly (one in
// a hundred with a webhook to a loopback receiver), at 100 items a second:
// 20 feeds of a loopback farm publish 5 new IndoSum articles each every
// second, and a poll cycle runs every second, on SQLite. It reports p50
// and p95 over every notification and every webhook received, and the
// notifications per item.
//
//	go test -run '^$' -bench BenchmarkAlertLatency -benchtime 1x ./monitor
func BenchmarkAlertLatency(b *testing.B) {
	const feeds, perStep, steps = 20, 5, 10
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
	var texts []feedfarm.Text
	for _, d := range docs[len(docs)-feeds*perStep*steps:] {
		texts = append(texts, feedfarm.Text{Title: d.Title, Body: d.Text})
	}
	for range b.N {
		db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "sinergi.db"))
		if err != nil {
			b.Fatal(err)
		}
		g, _ := region.Load()
		clock := sinergi.SystemClock{}
		log := audit.NewLog(db, clock)
		agencies := agency.NewService(db, g, log)
		users := auth.NewService(db, agencies, log, clock)
		archives := archive.NewService(db, analyzer, g, agencies, log, clock)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		jambi, err := agencies.CreateFromRegion(b.Context(), access.SystemActor(), "15", 0)
		if err != nil {
			b.Fatal(err)
		}
		owner, err := users.CreateUser(b.Context(), access.SystemActor(), auth.NewUser{AgencyID: jambi.ID, Username: "analis",
			Name: "Analis", Role: access.Analis, Clearance: access.Terbatas, Password: "kata-sandi-yang-panjang-sekali"})
		if err != nil {
			b.Fatal(err)
		}
		var (
			mu       sync.Mutex
			arrivals = map[int64][]time.Time{} // item ID → webhook arrival times
		)
		receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			at := time.Now()
			var p struct {
				Item struct {
					ID int64 `json:"id"`
				} `json:"item"`
			}
			if err := json.NewDecoder(r.Body).Decode(&p); err == nil {
				mu.Lock()
				arrivals[p.Item.ID] = append(arrivals[p.Item.ID], at)
				mu.Unlock()
			}
		}))
		gen := &workload.Generator{R: rand.New(rand.NewPCG(7, 2026)), C: corpus, MaxDF: 0.02}
		now := time.Now().UTC()
		for i := range 10_000 {
			ss := &monitor.SavedSearch{AgencyID: jambi.ID, OwnerID: owner.ID, Name: fmt.Sprintf("Pencarian %d", i+1),
				Query: gen.Query().String(), Sharing: monitor.Private, Alert: monitor.Instant, CreatedAt: now, UpdatedAt: now}
			if i%100 == 0 {
				ss.WebhookURL, ss.WebhookSecret = receiver.URL+"/hook", "rahasia"
			}
			if err := db.CreateSavedSearch(b.Context(), ss); err != nil {
				b.Fatal(err)
			}
		}
		alerter := monitor.NewAlerter(db, users, archives, clock, quiet)
		rURL, _ := url.Parse(receiver.URL)
		hooks := monitor.NewWebhooks(db, safehttp.New(safehttp.Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(rURL.Host)}}), clock, quiet)
		alerter.OnWebhooks(hooks.Kick)
		if err := alerter.Reload(b.Context()); err != nil {
			b.Fatal(err)
		}
		farm := feedfarm.NewGenerated(feeds, perStep, steps, texts)
		base := farm.Start()
		u, _ := url.Parse(base)
		metrics, _ := ingest.NewMetrics(prometheus.NewRegistry())
		p := ingest.NewPipeline(db, archives, safehttp.New(safehttp.Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(u.Host)}}),
			alerter, metrics, clock, quiet, ingest.Options{})
		srcs := source.NewService(db, agencies, g, log, clock)
		for i, name := range farm.Feeds() {
			src := &source.Source{AgencyID: jambi.ID, Name: "Media " + name, HomePage: fmt.Sprintf("https://media%d.example.id/", i),
				Feeds: []source.FeedURL{{URL: farm.URL(name)}}}
			if err := srcs.Add(b.Context(), access.SystemActor(), src); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		tick := time.Now()
		for _, at := range farm.Steps() {
			farm.SetTime(at)
			if _, err := p.PollDue(b.Context(), true); err != nil {
				b.Fatal(err)
			}
			tick = tick.Add(time.Second)
			time.Sleep(time.Until(tick))
		}
		time.Sleep(2 * time.Second) // the last kicks' deliveries
		b.StopTimer()
		farm.Close()
		receiver.Close()
		fetched := map[int64]time.Time{}
		itemRows, err := db.SQL().QueryContext(b.Context(), `SELECT id, fetched_us FROM items`)
		if err != nil {
			b.Fatal(err)
		}
		for itemRows.Next() {
			var id, us int64
			if err := itemRows.Scan(&id, &us); err != nil {
				b.Fatal(err)
			}
			fetched[id] = time.UnixMicro(us)
		}
		itemRows.Close()
		var hookLags []time.Duration
		mu.Lock()
		for id, ats := range arrivals {
			for _, at := range ats {
				hookLags = append(hookLags, at.Sub(fetched[id]))
			}
		}
		mu.Unlock()
		rows, err := db.SQL().QueryContext(b.Context(), `SELECT n.created_us - i.fetched_us FROM notifications n JOIN items i ON i.id = n.item_id`)
		if err != nil {
			b.Fatal(err)
		}
		var lags []time.Duration
		for rows.Next() {
			var us int64
			if err := rows.Scan(&us); err != nil {
				b.Fatal(err)
			}
			lags = append(lags, time.Duration(us)*time.Microsecond)
		}
		rows.Close()
		n, _ := archives.Count(b.Context())
		db.Close()
		if len(lags) == 0 {
			b.Fatal("no notification")
		}
		slices.Sort(lags)
		b.ReportMetric(lags[len(lags)/2].Seconds(), "p50-s")
		b.ReportMetric(lags[len(lags)*95/100].Seconds(), "p95-s")
		if len(hookLags) == 0 {
			b.Fatal("no webhook arrived")
		}
		slices.Sort(hookLags)
		b.ReportMetric(hookLags[len(hookLags)/2].Seconds(), "webhook-p50-s")
		b.ReportMetric(hookLags[len(hookLags)*95/100].Seconds(), "webhook-p95-s")
		b.ReportMetric(float64(len(hookLags)), "webhooks")
		b.ReportMetric(float64(len(lags))/float64(n), "notifications/item")
	}
}
