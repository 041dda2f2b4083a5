package monitor_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
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
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
)

// TestSpikeOnRealSeries replays three weeks of real Tempo items
// (../shared/data/rss-tempo: 11 August to 1 September 2025, publication
// times as published) through the pipeline into a saved search "demo" and
// the region volumes, then checks the early warning hour by hour over the
// last week: the August 2025 protests raise a spike alert on 28–29
// August; every alert's count is what the archive search of its link
// finds, and its details name the top sources and the sentiment.
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
		clock := testenv.NewClock(to.UTC())
		g, _ := region.Load()
		log := audit.NewLog(e.db, clock)
		agencies := agency.NewService(e.db, g, log)
		users := auth.NewService(e.db, agencies, log, clock)
		archives := archive.NewService(e.db, analyzer, g, agencies, log, clock)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		alerter := monitor.NewAlerter(e.db, users, archives, clock, quiet)
		svc := monitor.NewService(e.db, archives, log, clock, alerter.Reloader())
		svc.SpikeWindow, svc.SpikeMinVolume, svc.Regions = 24*time.Hour, 5, g
		metrics, _ := ingest.NewMetrics(prometheus.NewRegistry())
		p := ingest.NewPipeline(e.db, archives, safehttp.New(safehttp.Options{}),
			ingest.Matchers{alerter, monitor.NewRegionVolume(e.db, clock)}, metrics, clock, quiet, ingest.Options{})

		if _, err := svc.SetAgencyWebhook(ctx, e.actor("kepala"), "https://bot.jambiprov.go.id/kait"); err != nil {
			t.Fatal(err)
		}
		// At low sensitivity (3σ): the protests are a clear burst.
		demo := &monitor.SavedSearch{Name: "Demo", Query: "demo", Sensitivity: spike.Low}
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

		// The region series of a feed are thin (an item in six names a
		// region): their early warning is checked at a minimum volume of 3.
		regions := monitor.NewService(e.db, archives, log, clock, nil)
		regions.SpikeWindow, regions.SpikeMinVolume, regions.Regions = 24*time.Hour, 3, g
		var spikes, regional []*monitor.Notification
		for h := to.Add(-7 * 24 * time.Hour); !h.After(to); h = h.Add(time.Hour) {
			clock.Set(h.UTC().Add(time.Minute))
			n, err := svc.CheckSpikes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			m, err := regions.CheckSpikes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			n += m
			if n == 0 {
				continue
			}
			// The analyst owns "demo" and watches the agency's regions.
			list, _, _, _ := svc.Notifications(ctx, e.actor("analis"), monitor.NotificationFilter{Limit: n})
			for _, nt := range list {
				t.Logf("spike at %s: %s %v %v", h.Format("02 Jan 15:04"), nt.Message.Key, nt.Message.Args, nt.Message.Details)
				if strings.HasPrefix(nt.Message.Key, "spike.region.") {
					regional = append(regional, nt)
				} else {
					spikes = append(spikes, nt)
				}
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
		if protest.Message.Key != "spike.reason_day" || protest.Message.Args[1] != `"Demo"` || protest.Message.Args[7] != 3.0 {
			t.Errorf("spike notification = %+v", protest.Message)
		}
		if len(regional) == 0 {
			t.Error("no region spike in the week of the protests")
		}
		// Each region spike went to the agency's webhook too (a search's
		// spike is its owner's, not the agency's).
		ds, err := e.db.FindAgencyWebhookDeliveries(ctx, e.jambi.ID, 100)
		if err != nil || len(ds) != len(regional) {
			t.Fatalf("%d deliveries to the agency's webhook, %v; want one per region spike (%d)", len(ds), err, len(regional))
		}
		for _, d := range ds {
			var p struct {
				Event string
				Data  struct {
					Region   struct{ Code, Name string }
					Observed int
				}
			}
			if err := json.Unmarshal(d.Payload, &p); err != nil || p.Event != monitor.EventRegionSpike || d.Event != p.Event ||
				p.Data.Region.Code == "" || p.Data.Region.Name == "" || p.Data.Observed < 3 {
				t.Errorf("a region spike's delivery: %s (%v)", d.Payload, err)
			}
		}
		// The count each alert states is what the archive search of its
		// link finds, for its reader; its details explain the spike.
		for _, n := range append(regional, protest) {
			link, err := url.Parse(n.Link)
			if err != nil || link.Path != "/pantau" {
				t.Fatalf("link %q is not an archive search", n.Link)
			}
			q := link.Query().Get("q")
			res, err := archives.Search(ctx, e.actor("analis"), archive.Request{Query: q, Location: wib})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			if got := strconv.Itoa(res.Total); got != fmt.Sprint(n.Message.Args[0]) {
				t.Errorf("the alert says %v items, the archive search %q finds %s", n.Message.Args[0], q, got)
			}
			var keys []string
			for _, d := range n.Message.Details {
				keys = append(keys, d.Key)
			}
			if !slices.Contains(keys, "spike.detail.sources") || !slices.Contains(keys, "spike.detail.sentiment") {
				t.Errorf("details of %q = %v, want the sources and the sentiment", q, n.Message.Details)
			}
		}
	})
}

// TestIssueSpike: an issue that ran at one report every three hours for
// twelve hours and then drew twelve in three hours alerts the agency's
// heads of Humas and analysts once, with its own pace as the baseline; the
// next hour, still inside the episode, does not alert again.
func TestIssueSpike(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		wib := region.WIB.Location()
		start := time.Date(2026, 11, 20, 6, 0, 0, 0, wib)
		clock := testenv.NewClock(start.Add(15 * time.Hour).UTC())
		g, _ := region.Load()
		log := audit.NewLog(e.db, clock)
		agencies := agency.NewService(e.db, g, log)
		users := auth.NewService(e.db, agencies, log, clock)
		archives := archive.NewService(e.db, analyzer, g, agencies, log, clock)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		alerter := monitor.NewAlerter(e.db, users, archives, clock, quiet)
		tracker, err := issuetrack.New(e.db, log, clock, quiet, issue.Options{})
		if err != nil {
			t.Fatal(err)
		}
		svc := monitor.NewService(e.db, archives, log, clock, alerter.Reloader())
		metrics, _ := ingest.NewMetrics(prometheus.NewRegistry())
		p := ingest.NewPipeline(e.db, archives, safehttp.New(safehttp.Options{}), ingest.Matchers{alerter, tracker},
			metrics, clock, quiet, ingest.Options{})

		outlets := []string{"jambiekspres.co.id", "antaranews.com", "kompas.com", "detik.com", "tribunjambi.com", "metrojambi.com"}
		// Reports of one flood, each told its own way (so that none is a
		// near-copy of another, which the pipeline would keep as one).
		places := []string{"Telanaipura", "Pasar Jambi", "Danau Teluk", "Pelayangan", "Jambi Timur", "Kota Baru", "Jelutung", "Alam Barajo"}
		actions := []string{"mengevakuasi warga lansia dengan perahu karet", "membuka dapur umum di halaman kantor lurah",
			"menyalurkan bantuan beras dan selimut", "mendirikan tenda pengungsian di lapangan", "memompa air dari permukiman",
			"mendata rumah yang rusak akibat arus", "menyiagakan tim medis di posko", "menutup ruas jalan yang tergenang"}
		voices := []string{"Rahmat, pedagang sayur, kehilangan dagangannya", "Siti, guru SD, meliburkan murid-muridnya",
			"Pak Darto memindahkan ternaknya ke tanggul", "Ibu Nurhayati menunggu bantuan susu untuk balitanya",
			"Ketua RT 05 meminta pompa tambahan", "mahasiswa Unja membantu mengangkut perabot", "sopir angkot memilih berhenti beroperasi",
			"nelayan sungai tidak bisa melaut", "PLN memadamkan listrik di dua gardu", "sekolah dasar dijadikan tempat mengungsi",
			"warga mengeluhkan air bersih yang keruh", "harga sayur di pasar naik dua kali lipat", "lurah mencatat tiga rumah hanyut",
			"relawan PMI membagikan masker dan obat", "jembatan gantung ditutup sementara", "anak-anak bermain di genangan meski dilarang"}
		report := func(i int, at time.Time) *archive.Item {
			src := outlets[i%len(outlets)]
			place, action := places[i%len(places)], actions[(3*i+i/len(places))%len(actions)]
			return &archive.Item{AgencyID: e.jambi.ID, Source: src, URL: fmt.Sprintf("https://%s/banjir-%d", src, i), Published: at,
				Title: fmt.Sprintf("Banjir Jambi Meluas ke %s, BPBD %s", place, action),
				Text: fmt.Sprintf("Luapan Sungai Batanghari merendam %d rumah di %s, Kota Jambi, dengan ketinggian air %d sentimeter. "+
					"BPBD Kota Jambi %s, kata petugas kepada %s. Di lokasi, %s.", 40+7*i, place, 30+5*i, action, src, voices[i])}
		}
		var items []*archive.Item
		for i := range 4 { // one every three hours
			items = append(items, report(i, start.Add(time.Duration(3*i)*time.Hour+10*time.Minute)))
		}
		for i := range 12 { // twelve in the three hours from 18.00
			items = append(items, report(4+i, start.Add(12*time.Hour+time.Duration(i)*14*time.Minute)))
		}
		if _, err := p.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}
		list, _, err := tracker.List(ctx, e.actor("analis"), issuetrack.ListFilter{MinItems: 2})
		if err != nil || len(list) != 1 || list[0].Items != 16 {
			t.Fatalf("issues = %+v, %v; want one of 16 reports", list, err)
		}

		if _, err := svc.SetAgencyWebhook(ctx, e.actor("kepala"), "https://bot.jambiprov.go.id/kait"); err != nil {
			t.Fatal(err)
		}
		clock.Set(start.Add(15*time.Hour + time.Minute).UTC())
		n, err := svc.CheckSpikes(ctx)
		if err != nil || n != 1 {
			t.Fatalf("CheckSpikes at 21.01 = %d, %v; want the issue's spike", n, err)
		}
		// The agency's webhook has it too, as the event spike.issue.
		ds, err := e.db.FindAgencyWebhookDeliveries(ctx, e.jambi.ID, 10)
		if err != nil || len(ds) != 1 || ds[0].Event != monitor.EventIssueSpike {
			t.Fatalf("the agency's webhook deliveries = %+v, %v; want the spike", ds, err)
		}
		var payload struct {
			Event string
			Data  struct {
				Issue struct {
					ID             int64
					Classification string
					Title          string
				}
				Observed int
				Link     string
			}
		}
		if err := json.Unmarshal(ds[0].Payload, &payload); err != nil {
			t.Fatal(err)
		}
		if d := payload.Data; payload.Event != "spike.issue" || d.Issue.ID != list[0].ID || d.Issue.Title != list[0].Title ||
			d.Issue.Classification != "PUBLIK" || d.Observed != 12 || d.Link != fmt.Sprintf("/pantau/isu/%d", list[0].ID) {
			t.Errorf("the spike's payload = %s", ds[0].Payload)
		}
		for _, who := range []string{"analis", "kepala"} {
			got, _, _, _ := svc.Notifications(ctx, e.actor(who), monitor.NotificationFilter{})
			if len(got) != 1 || got[0].Message.Key != "spike.issue.reason" || got[0].Link != fmt.Sprintf("/pantau/isu/%d", list[0].ID) {
				t.Fatalf("%s's notifications = %+v", who, got)
			}
			// 12 in 3 hours; 4 in the 12 hours before: 1 ± 1 per 3 hours.
			if args := fmt.Sprint(got[0].Message.Args); args != fmt.Sprintf("[12 %q 3 1 1 12 3.5 2.5]", list[0].Title) {
				t.Errorf("explanation = %s", args)
			}
		}
		if got, _, _, _ := svc.Notifications(ctx, e.actor("staf"), monitor.NotificationFilter{}); len(got) != 0 {
			t.Errorf("staff were told: %+v", got)
		}
		clock.Set(start.Add(16*time.Hour + time.Minute).UTC())
		if n, err := svc.CheckSpikes(ctx); err != nil || n != 0 {
			t.Errorf("CheckSpikes an hour later = %d, %v; want none (the same episode)", n, err)
		}
	})
}
