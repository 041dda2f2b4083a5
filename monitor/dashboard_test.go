package monitor_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// TestDashboard: an agency's dashboard counts the items of the period the
// viewer may see, per day in the agency's zone, sentiment, source,
// province and kabupaten/kota; each count is the total of the archive
// search that the page links to, run by the same viewer.
func TestDashboard(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		wib := region.WIB.Location()
		now := time.Date(2026, 11, 23, 7, 30, 0, 0, wib)
		clock := testenv.NewClock(now.UTC())
		g, _ := region.Load()
		log := audit.NewLog(e.db, clock)
		agencies := agency.NewService(e.db, g, log)
		archives := archive.NewService(e.db, analyzer, g, agencies, log, clock)
		svc := monitor.NewService(e.db, archives, log, clock, nil)

		at := func(d time.Duration) time.Time { return now.Add(-d) }
		items := []*archive.Item{
			{Title: "Banjir di Kota Jambi", Source: "jambi-independent.co.id", Sentiment: "negative", Regions: []string{"15", "15.71"},
				Published: at(2 * time.Hour)},
			{Title: "Banjir surut", Source: "jambi-independent.co.id", Sentiment: "positive", Regions: []string{"15.71", "15.71.01"},
				Published: at(26 * time.Hour)},
			{Title: "Jalan Kerinci rusak", Source: "antaranews.com", Sentiment: "negative", Regions: []string{"15.01", "15.71"},
				Published: at(3 * 24 * time.Hour)},
			{Title: "Rapat gubernur", Source: "antaranews.com", Sentiment: "neutral", Regions: []string{"31.71"},
				Published: at(6 * 24 * time.Hour), Classification: access.Terbatas},
			{Title: "Lama sekali", Source: "antaranews.com", Sentiment: "neutral", Published: at(9 * 24 * time.Hour)},
			{Title: "Tanpa tanggal", Source: "antaranews.com", Sentiment: "neutral"},
		}
		for _, it := range items {
			it.AgencyID, it.Text = e.jambi.ID, it.Title+"."
		}
		aceh := &archive.Item{AgencyID: e.aceh.ID, Title: "Banjir Aceh", Text: "Banjir.", Source: "serambinews.com",
			Sentiment: "negative", Regions: []string{"11"}, Published: at(time.Hour)}
		if err := archives.Import(ctx, access.SystemActor(), append(items, aceh)); err != nil {
			t.Fatalf("Import: %v", err)
		}

		d, err := svc.Dashboard(ctx, e.actor("analis"), e.jambi.ID, e.jambi.Path, monitor.Period7d, wib)
		if err != nil {
			t.Fatalf("Dashboard: %v", err)
		}
		if d.Total != 4 || len(d.Buckets) != 8 || sum(d.Volume) != 4 {
			t.Errorf("Dashboard(7 days) = total %d, %d days, volume %v; want 4 items over 8 days", d.Total, len(d.Buckets), d.Volume)
		}
		// Today (23 November, WIB) holds the item of two hours ago; the
		// 22nd the one of 26 hours ago; the 17th the TERBATAS one.
		if got := fmt.Sprint(d.Volume); got != "[0 1 0 0 1 0 1 1]" {
			t.Errorf("volume per day = %s", got)
		}
		if got := fmt.Sprint(d.Sentiments["negative"], d.Sentiments["positive"], d.Sentiments["neutral"]); got !=
			"[0 0 0 0 1 0 0 1] [0 0 0 0 0 0 1 0] [0 1 0 0 0 0 0 0]" {
			t.Errorf("sentiment per day = %s", got)
		}
		if got := fmt.Sprint(d.Sources); got != "[{antaranews.com  2} {jambi-independent.co.id  2}]" {
			t.Errorf("sources = %s", got)
		}
		if got := fmt.Sprint(d.Provinces, d.Regencies); got != "[{15  3} {31  1}] [{15.71  3} {15.01  1} {31.71  1}]" {
			t.Errorf("regions = %s", got)
		}

		// Aceh's analyst sees Jambi's PUBLIK items only.
		other, err := svc.Dashboard(ctx, e.actor("aceh"), e.jambi.ID, e.jambi.Path, monitor.Period7d, wib)
		if err != nil || other.Total != 3 || len(other.Provinces) != 1 {
			t.Errorf("Dashboard as another agency = %+v, %v; want the 3 PUBLIK items", other, err)
		}
		day, err := svc.Dashboard(ctx, e.actor("analis"), e.jambi.ID, e.jambi.Path, monitor.Period24h, wib)
		if err != nil || day.Total != 1 || len(day.Buckets) != 25 || day.Volume[22] != 1 {
			t.Errorf("Dashboard(24 hours) = %+v, %v; want 1 item, in the 23rd of 25 hours", day, err)
		}
		if _, err := svc.Dashboard(ctx, e.actor("analis"), 0, nil, monitor.Period7d, wib); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Dashboard(no agency) = %v, want Invalid", err)
		}

		// Every count is the archive search's.
		scope := (&query.Filter{Field: "agency", Value: e.jambi.Name}).String() + " " + monitor.Period7d.Query()
		check := func(filter string, want int) {
			t.Helper()
			res, err := archives.Search(ctx, e.actor("analis"), archive.Request{Query: scope + " " + filter, Location: wib})
			if err != nil || res.Total != want {
				t.Errorf("Search(%s %s) = %v, %v; the dashboard says %d", scope, filter, res, err, want)
			}
		}
		check("", d.Total)
		for _, c := range d.Provinces {
			check("region:"+c.Key, c.N)
		}
		for _, c := range d.Regencies {
			check("region:"+c.Key, c.N)
		}
		for _, c := range d.Sources {
			check((&query.Filter{Field: "source", Value: c.Key}).String(), c.N)
		}
		check("sentiment:negative", sum(d.Sentiments["negative"]))
	})
}

// TestVolume: a saved search's page draws the detector's own replay of
// its hourly counts, for its owner only.
func TestVolume(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		ss := &monitor.SavedSearch{Name: "Banjir", Query: "banjir"}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		var items []*archive.Item
		for i, h := range []int{2, 2, 5, 30} {
			it := e.item(fmt.Sprintf("Banjir %d", i), "Banjir lagi.")
			it.Published = now.Add(-time.Duration(h)*time.Hour - time.Minute)
			items = append(items, it)
		}
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}
		v, err := e.svc.Volume(ctx, e.actor("analis"), ss, 24*time.Hour)
		if err != nil {
			t.Fatalf("Volume: %v", err)
		}
		n := 0
		for _, p := range v.Points {
			n += p.Count
		}
		if len(v.Points) != 24 || n != 3 || v.K != 2.5 || v.Window != 3*time.Hour {
			t.Errorf("Volume = %d points holding %d items, k %v, window %v; want 24 hours holding 3, k 2.5, 3 h", len(v.Points), n, v.K, v.Window)
		}
		ssShared := *ss
		if _, err := e.svc.Volume(ctx, e.actor("kepala"), &ssShared, 24*time.Hour); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("Volume as another user = %v, want NotFound", err)
		}
	})
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
