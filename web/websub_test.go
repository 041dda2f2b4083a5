package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/source"
)

// TestWebSubCallbacks: a hub's verification gets its challenge back only
// for the topic Sinergi subscribed to; a signed delivery is stored, an
// unsigned one is acknowledged and ignored; an unknown feed is 404. No
// session or CSRF token is involved: hubs are servers.
func TestWebSubCallbacks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	src := &source.Source{Name: "Warta Hub", HomePage: "https://warta.example.id/",
		Feeds: []source.FeedURL{{URL: "https://warta.example.id/feed.xml"}}}
	if err := f.svc.Sources.Add(ctx, f.user["kepala"].Actor(), src); err != nil {
		t.Fatal(err)
	}
	const topic, secret = "https://warta.example.id/feed.xml", "rahasia-hub-123"
	f.saveFeedState(src, 0, ingest.State{Polls: 1, LastPoll: time.Now().UTC(), LastOK: time.Now().UTC(), Health: ingest.Healthy,
		NextPoll: time.Now().Add(time.Hour).UTC(), Hub: "https://hub.example.id/", HubTopic: topic, HubSecret: secret}, nil)
	id := src.Feeds[0].ID
	callback := fmt.Sprintf("%s/websub/%d", f.ts.URL, id)

	get := func(q url.Values) (int, string) {
		t.Helper()
		resp, err := http.Get(callback + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	q := url.Values{"hub.mode": {"subscribe"}, "hub.topic": {topic}, "hub.challenge": {"tantangan-42"}, "hub.lease_seconds": {"3600"}}
	if status, body := get(q); status != http.StatusOK || body != "tantangan-42" {
		t.Errorf("verification: %d %q, want 200 and the challenge", status, body)
	}
	q.Set("hub.topic", "https://lain.example.id/feed.xml")
	if status, _ := get(q); status != http.StatusNotFound {
		t.Errorf("verification of another topic: %d, want 404", status)
	}

	feed := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta Hub</title><link>https://warta.example.id/</link>
<item><title>Jembatan gantung Desa Lubuk diresmikan</title><link>https://warta.example.id/berita/jembatan</link>
<description>Warga kini dapat menyeberangi sungai tanpa perahu.</description></item></channel></rss>`
	post := func(path, signature string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(feed))
		req.Header.Set("Content-Type", "application/rss+xml; charset=utf-8")
		req.Header.Set("X-Hub-Signature", signature)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	before, _ := f.svc.Archive.Count(ctx)
	if status := post(callback, "sha256=0000"); status != http.StatusAccepted {
		t.Errorf("unsigned delivery: %d, want 202", status)
	}
	if n, _ := f.svc.Archive.Count(ctx); n != before {
		t.Errorf("an unsigned delivery stored %d items", n-before)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(feed))
	if status := post(callback, "sha256="+hex.EncodeToString(mac.Sum(nil))); status != http.StatusAccepted {
		t.Errorf("signed delivery: %d, want 202", status)
	}
	if n, _ := f.svc.Archive.Count(ctx); n != before+1 {
		t.Errorf("after a signed delivery the archive holds %d more items, want 1", n-before)
	}
	if status := post(fmt.Sprintf("%s/websub/%d", f.ts.URL, id+1000), "sha256=00"); status != http.StatusNotFound {
		t.Errorf("delivery for an unknown feed: %d, want 404", status)
	}
}
