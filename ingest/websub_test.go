package ingest_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
)

// hubFeed renders an RSS feed that names its hub and itself, with the
// given articles.
func hubFeed(hub, self string, texts []feedfarm.Text) string {
	out := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Warta Hub</title><link>https://warta.example.id/</link>
<atom:link rel="hub" href="` + hub + `"/><atom:link rel="self" href="` + self + `"/>`
	for i, t := range texts {
		out += fmt.Sprintf(`<item><title>%s</title><link>https://warta.example.id/berita/%d</link><description>%s</description><pubDate>Mon, 23 Nov 2026 0%d:00:00 +0700</pubDate></item>`,
			html.EscapeString(t.Title), i, html.EscapeString(t.Body), i%10)
	}
	return out + `</channel></rss>`
}

// TestWebSub: a feed that names a hub is subscribed to after its first
// poll; the hub's verification records the lease; a signed delivery is
// ingested like a poll and an unsigned one is ignored; while subscribed,
// the feed is polled only as a safety net.
func TestWebSub(t *testing.T) {
	forEngine(t, func(t *testing.T, db *store.DB) {
		texts := demoTexts(t, 3)
		var (
			mu   sync.Mutex
			form url.Values
		)
		mux := http.NewServeMux()
		srv := httptest.NewServer(mux)
		defer srv.Close()
		hubURL, feedURL := srv.URL+"/hub", srv.URL+"/feed.xml"
		mux.HandleFunc("POST /hub", func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			form = r.PostForm
			w.WriteHeader(http.StatusAccepted)
		})
		mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, hubFeed(hubURL, feedURL, texts[:2]))
		})
		fetch := allowOnly(t, srv.URL)
		e := newEnv(t, db, fetch, ingest.Options{})
		p := e.newPipeline(fetch, nil, ingest.Options{CallbackURL: "https://sinergi.example.id/"})
		src := e.addSource(t, "Warta Hub", "https://warta.example.id/", source.FeedURL{URL: feedURL})
		id := src.Feeds[0].ID

		f, _ := db.FindFeedByID(t.Context(), id)
		if res, err := p.Poll(t.Context(), f); err != nil || res.Stored != 2 {
			t.Fatalf("Poll = %+v, %v; want 2 items", res, err)
		}
		mu.Lock()
		got := form
		mu.Unlock()
		wantCallback := fmt.Sprintf("https://sinergi.example.id/websub/%d", id)
		if got.Get("hub.mode") != "subscribe" || got.Get("hub.topic") != feedURL || got.Get("hub.callback") != wantCallback ||
			got.Get("hub.secret") == "" || got.Get("hub.lease_seconds") == "" {
			t.Fatalf("subscription request = %v", got)
		}

		if _, err := p.VerifyWebSub(t.Context(), id, "subscribe", "https://other.example.id/feed", "x", "86400"); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("verification for another topic: %v, want NotFound", err)
		}
		challenge, err := p.VerifyWebSub(t.Context(), id, "subscribe", feedURL, "tantangan-123", "86400")
		if err != nil || challenge != "tantangan-123" {
			t.Fatalf("VerifyWebSub = %q, %v; want the challenge", challenge, err)
		}
		f, _ = db.FindFeedByID(t.Context(), id)
		if want := e.clock.Now().Add(24 * time.Hour); !f.State.HubLease.Equal(want.Truncate(time.Microsecond)) {
			t.Errorf("lease = %s, want %s", f.State.HubLease, want)
		}

		body := []byte(hubFeed(hubURL, feedURL, texts))
		if _, err := p.DeliverWebSub(t.Context(), id, body, "application/rss+xml", "sha256=00"); !errors.Is(err, ingest.ErrSignature) {
			t.Errorf("unsigned delivery: %v, want ErrSignature", err)
		}
		mac := hmac.New(sha256.New, []byte(got.Get("hub.secret")))
		mac.Write(body)
		res, err := p.DeliverWebSub(t.Context(), id, body, "application/rss+xml", "sha256="+hex.EncodeToString(mac.Sum(nil)))
		if err != nil || res.Stored != 1 {
			t.Errorf("signed delivery = %+v, %v; want the one new item stored", res, err)
		}
		f, _ = db.FindFeedByID(t.Context(), id)
		if f.State.NextPoll.Before(e.clock.Now().Add(6 * time.Hour)) {
			t.Errorf("next poll of a subscribed feed %s, want at least 6 hours away", f.State.NextPoll)
		}
		if f.State.HubLease.IsZero() {
			t.Errorf("a poll after the verification cleared the lease")
		}
	})
}
