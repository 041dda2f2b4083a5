package monitor_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/safehttp"
)

// TestWebhooks: an instant alert of a search with a webhook is POSTed to a
// real HTTP server as JSON signed with the search's secret, with the
// content of PUBLIK items only; a server that fails is retried with
// back-off until it answers, and the delivery log says so; a private
// address is refused unless allowed.
func TestWebhooks(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		var (
			mu       sync.Mutex
			received []map[string]any
			fails    = 2
			bad      int
		)
		var secret string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			defer mu.Unlock()
			if r.Header.Get("X-Sinergi-Signature") != monitor.Sign(secret, body) || r.Header.Get("Content-Type") != "application/json" {
				bad++
				http.Error(w, "bad signature", http.StatusUnauthorized)
				return
			}
			if fails > 0 {
				fails--
				http.Error(w, "sibuk", http.StatusServiceUnavailable)
				return
			}
			var v map[string]any
			if err := json.Unmarshal(body, &v); err != nil {
				bad++
			}
			received = append(received, v)
		}))
		defer srv.Close()

		invalid := &monitor.SavedSearch{Name: "X", Query: "banjir", Alert: monitor.Instant, WebhookURL: "ftp://x.id"}
		if err := e.svc.Save(ctx, e.actor("analis"), invalid); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Save(ftp webhook) = %v, want Invalid", err)
		}
		ss := &monitor.SavedSearch{Name: "Banjir", Query: "banjir", Alert: monitor.Instant, WebhookURL: srv.URL + "/hook"}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		if ss.WebhookSecret == "" {
			t.Fatal("a search with a webhook got no secret")
		}
		secret = ss.WebhookSecret
		// The second item is TERBATAS: the analyst is cleared for it, the
		// receiver is not, so its delivery names only its classification.
		secretItem := e.item("Banjir bandang di Kerinci, data korban belum dirilis", "Data sementara untuk pimpinan: 12 rumah hanyut.")
		secretItem.Classification = access.Terbatas
		secretItem.URL = "https://intra.jambiprov.go.id/laporan/7"
		items := []*archive.Item{e.item("Banjir rendam tiga desa", "Warga mengungsi setelah sungai meluap."), secretItem}
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}

		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		clock := testenv.NewClock(time.Now().UTC())
		refusing := monitor.NewWebhooks(e.db, safehttp.New(safehttp.Options{}), clock, quiet)
		if n, err := refusing.Deliver(ctx); err != nil || n != 0 {
			t.Errorf("Deliver to loopback without the allowance = %d, %v; want 0", n, err)
		}
		log, err := e.svc.WebhookLog(ctx, e.actor("analis"), ss.ID, 10)
		if err != nil || len(log) != 2 {
			t.Fatalf("log after a refused attempt = %+v, %v; want 2 deliveries", log, err)
		}
		for _, d := range log {
			if d.Status != monitor.DeliveryPending || d.Attempts != 1 || d.LastError == "" {
				t.Fatalf("log after a refused attempt = %+v", d)
			}
		}

		hooks := monitor.NewWebhooks(e.db, safehttp.New(safehttp.Options{AllowPrivate: true}), clock, quiet)
		for range 5 {
			clock.Add(10 * time.Minute)
			if _, err := hooks.Deliver(ctx); err != nil {
				t.Fatal(err)
			}
		}
		log, _ = e.svc.WebhookLog(ctx, e.actor("analis"), ss.ID, 10)
		attempts := 0
		for _, d := range log {
			if d.Status != monitor.DeliveryDelivered || d.LastStatus != 200 {
				t.Errorf("log = %+v; want delivered", d)
			}
			attempts += d.Attempts
		}
		if attempts != 6 {
			t.Errorf("%d attempts in all; want 6 (each refused once, two 503s, then a 200 each)", attempts)
		}
		mu.Lock()
		defer mu.Unlock()
		if bad != 0 || len(received) != 2 {
			t.Fatalf("received %d deliveries, %d with a bad signature; want 2, 0", len(received), bad)
		}
		byID := map[float64]map[string]any{}
		for _, r := range received {
			if search := r["search"].(map[string]any); search["query"] != "banjir" || r["link"] == "" {
				t.Errorf("payload = %v", r)
			}
			item := r["item"].(map[string]any)
			byID[item["id"].(float64)] = item
		}
		item := byID[float64(items[0].ID)]
		if item["title"] != "Banjir rendam tiga desa" || item["classification"] != "PUBLIK" || item["source"] != "jambi-independent.co.id" {
			t.Errorf("the PUBLIK item's payload = %v", item)
		}
		if marked, _ := json.Marshal(item["title_marked"]); string(marked) != `[{"hit":true,"text":"Banjir"},{"text":" rendam tiga desa"}]` {
			t.Errorf("title_marked = %s; want the matched word marked", marked)
		}
		restricted := byID[float64(items[1].ID)]
		if restricted["classification"] != "TERBATAS" || len(restricted) != 2 {
			t.Errorf("the TERBATAS item's payload = %v; want its id and classification only", restricted)
		}
		if _, err := e.svc.WebhookLog(ctx, e.actor("kepala"), ss.ID, 10); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("WebhookLog of another's private search = %v, want NotFound", err)
		}
	})
}

// TestWebhookAddressChange: deliveries still pending when a search's or an
// agency's webhook address changes, or is removed, are not sent to the
// old address, nor to the new one; what happens after goes to the new
// one.
func TestWebhookAddressChange(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		var mu sync.Mutex
		got := map[string]int{} // requests by path
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			got[r.URL.Path]++
		}))
		defer srv.Close()
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		clock := testenv.NewClock(time.Now().UTC())
		hooks := monitor.NewWebhooks(e.db, safehttp.New(safehttp.Options{AllowPrivate: true}), clock, quiet)
		deliver := func() {
			t.Helper()
			clock.Add(time.Minute)
			if _, err := hooks.Deliver(ctx); err != nil {
				t.Fatal(err)
			}
		}

		ss := &monitor.SavedSearch{Name: "Banjir", Query: "banjir", Alert: monitor.Instant, WebhookURL: srv.URL + "/lama"}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), []*archive.Item{e.item("Banjir rendam tiga desa", "Sungai meluap.")}); err != nil {
			t.Fatal(err)
		}
		upd := *ss
		upd.WebhookURL = srv.URL + "/baru"
		if _, err := e.svc.Update(ctx, e.actor("analis"), ss.ID, &upd); err != nil {
			t.Fatal(err)
		}
		deliver()
		if _, err := e.pipeline.Upload(ctx, access.SystemActor(), []*archive.Item{e.item("Banjir susulan di hilir", "Air naik lagi.")}); err != nil {
			t.Fatal(err)
		}
		deliver()
		log, err := e.svc.WebhookLog(ctx, e.actor("analis"), ss.ID, 10)
		if err != nil || len(log) != 2 {
			t.Fatalf("log = %+v, %v; want 2 deliveries", log, err)
		}
		if newest, oldest := log[0], log[1]; newest.Status != monitor.DeliveryDelivered ||
			oldest.Status != monitor.DeliveryFailed || oldest.LastError != monitor.Superseded || oldest.Attempts != 0 {
			t.Errorf("log: newest %s (%q), oldest %s after %d attempts (%q); want the one pending at the change failed unsent, the next delivered",
				newest.Status, newest.LastError, oldest.Status, oldest.Attempts, oldest.LastError)
		}

		kepala := e.actor("kepala")
		if _, err := e.svc.SetAgencyWebhook(ctx, kepala, srv.URL+"/instansi"); err != nil {
			t.Fatal(err)
		}
		d, err := monitor.AgencyDelivery(ctx, e.db, kepala.AgencyID(), monitor.EventAlert, map[string]string{"uji": "ya"}, clock.Now())
		if err != nil || d == nil {
			t.Fatalf("AgencyDelivery = %v, %v", d, err)
		}
		if err := e.db.AddAlerts(ctx, nil, []*monitor.WebhookDelivery{d}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SetAgencyWebhook(ctx, kepala, ""); err != nil {
			t.Fatal(err)
		}
		deliver()
		agencyLog, err := e.db.FindAgencyWebhookDeliveries(ctx, kepala.AgencyID(), 10)
		if err != nil || len(agencyLog) != 1 || agencyLog[0].Status != monitor.DeliveryFailed || agencyLog[0].LastError != monitor.Superseded {
			t.Fatalf("agency log after the address was removed: %d deliveries, %v; want one failed unsent", len(agencyLog), err)
		}
		mu.Lock()
		defer mu.Unlock()
		if got["/lama"] != 0 || got["/instansi"] != 0 || got["/baru"] != 1 {
			t.Errorf("requests by address = %v; want only the delivery made after the change, to /baru", got)
		}
	})
}
