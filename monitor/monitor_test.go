package monitor_test

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
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
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/storetest"
)

var analyzer = sync.OnceValues(func() (*analysis.Analyzer, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return analysis.New(g)
})

// env is the monitor over a real store: two provincial agencies, users in
// each, the archive and the ingestion pipeline with the Alerter as its
// stored-query matcher.
type env struct {
	db       *store.DB
	svc      *monitor.Service
	alerter  *monitor.Alerter
	pipeline *ingest.Pipeline
	users    map[string]*auth.User
	auth     *auth.Service
	jambi    *agency.Agency
	aceh     *agency.Agency
}

func forEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) { fn(t, newEnv(t, db)) })
}

func newEnv(t *testing.T, db *store.DB) *env { return newEnvAt(t, db, sinergi.SystemClock{}) }

// newEnvAt is newEnv on a clock of the test's.
func newEnvAt(t *testing.T, db *store.DB, clock sinergi.Clock) *env {
	t.Helper()
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, g, log)
	users := auth.NewService(db, agencies, log, clock)
	archives := archive.NewService(db, analyzer, g, agencies, log, clock)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{db: db, users: map[string]*auth.User{}, auth: users}
	e.alerter = monitor.NewAlerter(db, users, archives, clock, quiet)
	e.svc = monitor.NewService(db, archives, log, clock, e.alerter.Reloader())
	metrics, err := ingest.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	e.pipeline = ingest.NewPipeline(db, archives, safehttp.New(safehttp.Options{}), e.alerter, metrics, clock, quiet, ingest.Options{})
	console := access.SystemActor()
	if e.jambi, err = agencies.CreateFromRegion(t.Context(), console, "15", 0); err != nil {
		t.Fatal(err)
	}
	if e.aceh, err = agencies.CreateFromRegion(t.Context(), console, "11", 0); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name   string
		agency int64
		role   access.Role
	}{{"analis", e.jambi.ID, access.Analis}, {"staf", e.jambi.ID, access.Staf}, {"kepala", e.jambi.ID, access.KepalaHumas},
		{"aceh", e.aceh.ID, access.Analis}} {
		created, err := users.CreateUser(t.Context(), console, auth.NewUser{AgencyID: u.agency, Username: u.name, Name: u.name,
			Role: u.role, Clearance: access.Terbatas, Password: "kata-sandi-yang-panjang-sekali", Email: u.name + "@jambiprov.go.id"})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", u.name, err)
		}
		e.users[u.name] = created
	}
	return e
}

func (e *env) actor(name string) access.Actor { return e.users[name].Actor() }

// TestSearchSensitivity: a saved search keeps its early warning's
// sensitivity; zero is medium; anything else is refused.
func TestSearchSensitivity(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		ss := &monitor.SavedSearch{Name: "Banjir", Query: "banjir", Sensitivity: spike.High}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		got, err := e.svc.Find(ctx, e.actor("analis"), ss.ID)
		if err != nil || got.Sensitivity != spike.High {
			t.Fatalf("Find = %v, %v; want high", got, err)
		}
		got.Sensitivity = 0
		if got, err = e.svc.Update(ctx, e.actor("analis"), ss.ID, got); err != nil || got.Sensitivity != spike.Medium {
			t.Errorf("Update with no sensitivity = %v, %v; want medium", got, err)
		}
		got.Sensitivity = 7
		if _, err := e.svc.Update(ctx, e.actor("analis"), ss.ID, got); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Update with sensitivity 7 = %v; want invalid", err)
		}
	})
}

// TestSavedSearches: queries are checked and kept in canonical form;
// sharing decides who sees a search; a locked one only its owner changes.
func TestSavedSearches(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		bad := &monitor.SavedSearch{Name: "Rusak", Query: `banjir AND (jambi`}
		var qe *query.Error
		if err := e.svc.Save(ctx, e.actor("analis"), bad); !errors.As(err, &qe) || qe.Rune != 11 {
			t.Errorf("Save(unclosed parenthesis) = %v, want the query error at the parenthesis", err)
		}
		mine := &monitor.SavedSearch{Name: "  Banjir   Jambi ", Query: `banjir  jambi`, Labels: []string{"Bencana", "bencana", "Jambi"}}
		if err := e.svc.Save(ctx, e.actor("analis"), mine); err != nil {
			t.Fatalf("Save: %v", err)
		}
		if mine.Name != "Banjir Jambi" || mine.Query != "banjir AND jambi" || fmt.Sprint(mine.Labels) != "[bencana jambi]" ||
			mine.Sharing != monitor.Private || mine.AgencyID != e.jambi.ID {
			t.Errorf("saved = %+v", mine)
		}
		shared := &monitor.SavedSearch{Name: "Gubernur", Query: `title:gubernur`, Sharing: monitor.Agency, Locked: true}
		network := &monitor.SavedSearch{Name: "Hoaks", Query: `hoaks OR hoax`, Sharing: monitor.Network}
		for _, ss := range []*monitor.SavedSearch{shared, network} {
			if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			user string
			want int
		}{{"analis", 3}, {"kepala", 2}, {"aceh", 1}} {
			if _, n, err := e.svc.List(ctx, e.actor(tt.user), monitor.SearchFilter{}); err != nil || n != tt.want {
				t.Errorf("List as %s = %d, %v; want %d", tt.user, n, err, tt.want)
			}
		}
		if _, err := e.svc.Find(ctx, e.actor("aceh"), mine.ID); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("Find(private search) by another agency = %v, want NotFound", err)
		}
		upd := *shared
		upd.Query = "title:bupati"
		if _, err := e.svc.Update(ctx, e.actor("kepala"), shared.ID, &upd); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("Update(locked search) by a colleague = %v, want Forbidden", err)
		}
		if got, err := e.svc.Update(ctx, e.actor("analis"), shared.ID, &upd); err != nil || got.Query != "title:bupati" {
			t.Errorf("Update by its owner = %+v, %v", got, err)
		}
		if err := e.svc.Delete(ctx, e.actor("kepala"), network.ID); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("Delete of another's search = %v, want Forbidden", err)
		}
		if err := e.svc.Delete(ctx, e.actor("analis"), network.ID); err != nil {
			t.Errorf("Delete by its owner: %v", err)
		}
	})
}

// item is a Jambi news item about text.
func (e *env) item(title, text string) *archive.Item {
	return &archive.Item{AgencyID: e.jambi.ID, Title: title, Text: text, Source: "jambi-independent.co.id",
		Published: time.Now().UTC().Add(-time.Hour)}
}

// TestInstantAlerts: items uploaded through the pipeline raise a
// notification for the owner of each alerting search they match, when the
// owner may see them; a search changed in the meantime alerts as changed;
// past MaxPerHour, one notification says more match.
func TestInstantAlerts(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		banjir := &monitor.SavedSearch{Name: "Banjir", Query: "banjir", Alert: monitor.Instant}
		if err := e.svc.Save(ctx, e.actor("analis"), banjir); err != nil {
			t.Fatal(err)
		}
		// A search of Aceh's analyst: Jambi's TERBATAS items are not theirs
		// to see (PUBLIK ones are everyone's, as in search).
		if err := e.svc.Save(ctx, e.actor("aceh"), &monitor.SavedSearch{Name: "Banjir juga", Query: "banjir", Alert: monitor.Instant}); err != nil {
			t.Fatal(err)
		}
		items := []*archive.Item{
			e.item("Banjir rendam tiga desa di Muaro Jambi", "Warga mengungsi setelah sungai meluap; kebanjiran sejak subuh."),
			e.item("Festival perahu hias dibuka", "Ribuan warga menonton di tepi Batanghari."),
		}
		items[0].Classification = access.Terbatas
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatalf("Upload: %v", err)
		}
		list, _, unread, err := e.svc.Notifications(ctx, e.actor("analis"), monitor.NotificationFilter{})
		if err != nil || len(list) != 1 || unread != 1 {
			t.Fatalf("analis's notifications = %d (%d unread), %v; want 1", len(list), unread, err)
		}
		n := list[0]
		if n.Message.Key != "monitor.alert.instant" || n.Message.Args[0] != "Banjir" || n.ItemID != items[0].ID ||
			n.Link != fmt.Sprintf("/pantau/pencarian/%d", banjir.ID) ||
			fmt.Sprint(n.Message.Details) != "[{monitor.alert.matched [Banjir] []}]" {
			t.Errorf("notification = %+v", n)
		}
		if _, _, unread, _ := e.svc.Notifications(ctx, e.actor("aceh"), monitor.NotificationFilter{}); unread != 0 {
			t.Errorf("Aceh's analyst got %d notifications about Jambi's items", unread)
		}
		if err := e.svc.MarkRead(ctx, e.actor("analis"), nil); err != nil {
			t.Fatal(err)
		}
		if n, _ := e.svc.Unread(ctx, e.actor("analis")); n != 0 {
			t.Errorf("unread after MarkRead = %d", n)
		}

		// The owner narrows the search; the alerts follow at once.
		upd := *banjir
		upd.Query = "banjir AND bandang"
		if _, err := e.svc.Update(ctx, e.actor("analis"), banjir.ID, &upd); err != nil {
			t.Fatal(err)
		}
		var flood []*archive.Item
		for i := range monitor.MaxPerHour + 5 {
			flood = append(flood, e.item(fmt.Sprintf("Banjir bandang ke-%d melanda desa %d", i+1, i+1),
				fmt.Sprintf("Laporan banjir bandang nomor %d dari posko kecamatan %d.", i+1, i+1)))
		}
		flood = append(flood, e.item("Banjir genangan di pasar", "Genangan setinggi mata kaki."))
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), flood); err != nil {
			t.Fatalf("Upload: %v", err)
		}
		// One notification of this search came earlier in the hour: the
		// flood gets MaxPerHour-1; the rest are held for one "and N more"
		// when the hour ends (TestQuietHoursAndCap).
		list, _, unread, err = e.svc.Notifications(ctx, e.actor("analis"), monitor.NotificationFilter{Unread: true, Limit: 100})
		if err != nil || unread != monitor.MaxPerHour-1 {
			t.Fatalf("unread after the flood = %d, %v; want %d", unread, err, monitor.MaxPerHour-1)
		}
		if list[0].Message.Key != "monitor.alert.instant" {
			t.Errorf("newest notification = %+v, want an item's", list[0])
		}
	})
}

// TestDigests: matches of a digest search wait, then one notification
// names how many and the first titles; nothing is sent twice.
func TestDigests(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		ss := &monitor.SavedSearch{Name: "Harga", Query: "harga", Alert: monitor.DigestHourly}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		bad := &monitor.SavedSearch{Name: "Pagi", Query: "harga", Alert: monitor.DigestDaily, DigestAt: "25:00"}
		if err := e.svc.Save(ctx, e.actor("analis"), bad); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Save(daily digest at 25:00) = %v, want Invalid", err)
		}
		items := []*archive.Item{
			e.item("Harga cabai merah naik", "Pedagang di Pasar Angso Duo menyebut pasokan berkurang."),
			e.item("Harga beras stabil", "Bulog menjamin stok hingga akhir tahun."),
			e.item("Harga tiket pesawat turun", "Maskapai memberi potongan menjelang libur."),
		}
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}
		if n, _ := e.svc.Unread(ctx, e.actor("analis")); n != 0 {
			t.Errorf("a digest search raised %d notifications at once", n)
		}
		sent, err := e.svc.SendDigests(ctx)
		if err != nil || sent != 1 {
			t.Fatalf("SendDigests = %d, %v; want 1", sent, err)
		}
		list, _, _, _ := e.svc.Notifications(ctx, e.actor("analis"), monitor.NotificationFilter{})
		if len(list) != 1 || list[0].Message.Key != "monitor.alert.digest" || fmt.Sprint(list[0].Message.Args[1]) != "3" ||
			list[0].Message.Args[2] != "Harga cabai merah naik · Harga beras stabil · Harga tiket pesawat turun" {
			t.Errorf("digest = %+v", list)
		}
		if sent, err := e.svc.SendDigests(ctx); err != nil || sent != 0 {
			t.Errorf("second SendDigests = %d, %v; want 0", sent, err)
		}
	})
}

func TestDigestDue(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, wib)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		mode     monitor.AlertMode
		digestAt string
		last     time.Time
		now      time.Time
		want     bool
	}{
		{monitor.Digest15m, "", at("2026-11-23 06:00"), at("2026-11-23 06:10"), false},
		{monitor.Digest15m, "", at("2026-11-23 06:00"), at("2026-11-23 06:15"), true},
		{monitor.DigestHourly, "", time.Time{}, at("2026-11-23 06:15"), true},
		{monitor.DigestHourly, "", at("2026-11-23 06:00"), at("2026-11-23 06:59"), false},
		{monitor.DigestDaily, "06:30", at("2026-11-22 06:30"), at("2026-11-23 06:29"), false},
		{monitor.DigestDaily, "06:30", at("2026-11-22 06:30"), at("2026-11-23 06:31"), true},
		{monitor.DigestDaily, "06:30", at("2026-11-23 06:31"), at("2026-11-23 23:00"), false},
		{monitor.DigestDaily, "06:30", at("2026-11-23 06:31"), at("2026-11-24 06:30"), true},
		{monitor.Instant, "", time.Time{}, at("2026-11-23 06:30"), false},
	}
	for _, tt := range tests {
		ss := &monitor.SavedSearch{Alert: tt.mode, DigestAt: tt.digestAt, LastDigest: tt.last, TimeZone: region.WIB}
		if got := monitor.DigestDue(ss, tt.now); got != tt.want {
			t.Errorf("DigestDue(%s at %q, last %s, now %s) = %v, want %v", tt.mode, tt.digestAt, tt.last, tt.now, got, tt.want)
		}
	}
}
