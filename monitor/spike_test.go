package monitor_test

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
)

// TestSpikeOnRealSeries replays three weeks of real Tempo items
// (../shared/data/rss-tempo: 11 August to 1 September 2025, publication
// times as published) through the pipeline into a saved search "demo",
// then checks the early warning hour by hour over the last week: the
// August 2025 protests raise a spike alert on 28–29 August, and the
// explanation's count is what the archive holds for that window.
func TestSpikeOnRealSeries(t *testing.T) {
	dir := testenv.SharedData(t, "rss-tempo")
	all, err := feedfarm.Items(dir)
	if err != nil {
		t.Fatal(err)
	}
	wib := region.WIB.Location()
	from, to := time.Date(2025, 8, 11, 0, 0, 0, 0, wib), time.Date(2025, 9, 1, 0, 0, 0, 0, wib)
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		clock := &movableClock{now: to.UTC()}
		g, _ := region.Load()
		log := audit.NewLog(e.db, clock)
		agencies := agency.NewService(e.db, g, log)
		users := auth.NewService(e.db, agencies, log, clock)
		archives := archive.NewService(e.db, analyzer, g, agencies, log, clock)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		alerter := monitor.NewAlerter(e.db, users, archives, clock, quiet)
		svc := monitor.NewService(e.db, archives, log, clock, alerter.Reloader())
		svc.SpikeWindow, svc.SpikeMinVolume = 24*time.Hour, 5
		metrics, _ := ingest.NewMetrics(prometheus.NewRegistry())
		p := ingest.NewPipeline(e.db, archives, safehttp.New(safehttp.Options{}), alerter, metrics, clock, quiet, ingest.Options{})

		demo := &monitor.SavedSearch{Name: "Demo", Query: "demo"}
		if err := svc.Save(ctx, e.actor("analis"), demo); err != nil {
			t.Fatal(err)
		}
		var items []*archive.Item
		for _, it := range all {
			published, err := it.Published()
			if err != nil || published.Before(from) || !published.Before(to) {
				continue
			}
			items = append(items, &archive.Item{AgencyID: e.jambi.ID, Title: it.Title, Text: it.Description, URL: it.Link,
				Published: published})
		}
		if _, err := p.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatalf("Upload of %d items: %v", len(items), err)
		}

		var spikes []*monitor.Notification
		for h := to.Add(-7 * 24 * time.Hour); !h.After(to); h = h.Add(time.Hour) {
			clock.now = h.UTC().Add(time.Minute)
			n, err := svc.CheckSpikes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				list, _, _, _ := svc.Notifications(ctx, e.actor("analis"), monitor.NotificationFilter{Limit: 1})
				spikes = append(spikes, list[0])
				t.Logf("spike at %s: %s %v", h.Format("02 Jan 15:04"), list[0].Message.Key, list[0].Message.Args)
			}
		}
		var protest *monitor.Notification
		for _, n := range spikes {
			if at := n.Created.In(wib); !at.Before(time.Date(2025, 8, 28, 0, 0, 0, 0, wib)) && at.Before(time.Date(2025, 8, 30, 0, 0, 0, 0, wib)) {
				protest = n
				break
			}
		}
		if protest == nil {
			t.Fatalf("no spike alert on 28–29 August 2025 among %d", len(spikes))
		}
		if protest.Message.Key != "spike.reason_day" || protest.Message.Args[1] != `"Demo"` {
			t.Errorf("spike notification = %+v", protest.Message)
		}
		// The count it states is the archive's: items of the search in the
		// 24 hours before the alert's hour.
		until := protest.Created.Truncate(time.Hour)
		res, err := archives.Search(ctx, access.SystemActor(), archive.Request{Query: "demo", Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		inWindow := 0
		for _, h := range res.Hits {
			if p := h.Item.Published; !p.Before(until.Add(-24*time.Hour)) && p.Before(until) {
				inWindow++
			}
		}
		if got := strconv.Itoa(inWindow); got != fmt.Sprint(protest.Message.Args[0]) {
			t.Errorf("the alert says %s items, the archive holds %s in its window", protest.Message.Args[0], got)
		}
	})
}
