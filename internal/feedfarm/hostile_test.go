package feedfarm

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// rawClient neither follows redirects nor inflates gzip, and gives up soon.
func rawClient() *http.Client {
	return &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       5 * time.Second,
	}
}

// fetch GETs url with c and returns the response and at most limit bytes
// of its body.
func fetch(t *testing.T, c *http.Client, url string, limit int64) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp, body
}

// TestHostile checks each hostile endpoint with a plain client, then that
// Close returns and the counters add up.
func TestHostile(t *testing.T) {
	h := NewHostile()
	h.slowEvery = 250 * time.Millisecond
	h.Start()
	c := rawClient()
	t.Run("endpoints", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			check func(t *testing.T, url string)
		}{
			{"slow", func(t *testing.T, url string) { checkSlow(t, url) }},
			{"error500", func(t *testing.T, url string) {
				if resp, _ := fetch(t, c, url, 1<<10); resp.StatusCode != 500 {
					t.Errorf("GET error500 = %d, want 500", resp.StatusCode)
				}
			}},
			{"ratelimited", func(t *testing.T, url string) {
				if resp, _ := fetch(t, c, url, 1<<10); resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "120" {
					t.Errorf("GET ratelimited = %d, Retry-After %q; want 429, 120", resp.StatusCode, resp.Header.Get("Retry-After"))
				}
			}},
			{"unavailable", func(t *testing.T, url string) {
				resp, _ := fetch(t, c, url, 1<<10)
				at, err := http.ParseTime(resp.Header.Get("Retry-After"))
				if wait := time.Until(at); resp.StatusCode != 503 || err != nil || wait < 59*time.Minute || wait > 61*time.Minute {
					t.Errorf("GET unavailable = %d, Retry-After %q (%v); want 503 and a date an hour later", resp.StatusCode, resp.Header.Get("Retry-After"), err)
				}
			}},
			{"huge", func(t *testing.T, url string) {
				resp, body := fetch(t, c, url, 1<<20)
				if resp.StatusCode != 200 || resp.ContentLength != HugeSize || len(body) != 1<<20 || !bytes.HasPrefix(body, []byte("<?xml")) {
					t.Errorf("GET huge = %d, Content-Length %d, read %d bytes starting %.20q", resp.StatusCode, resp.ContentLength, len(body), body)
				}
			}},
			{"gzipbomb", func(t *testing.T, url string) { checkBomb(t, c, url) }},
			{"invalid", func(t *testing.T, url string) {
				resp, body := fetch(t, c, url, 1<<10)
				if err := xml.Unmarshal(body, new(rssDoc)); resp.StatusCode != 200 || err == nil {
					t.Errorf("GET invalid = %d, %q: Unmarshal error %v, want 200 and an error", resp.StatusCode, body, err)
				}
			}},
			{"redirect-loopback", func(t *testing.T, url string) { checkRedirect(t, h, c, url) }},
			{"cp1252", func(t *testing.T, url string) { checkCP1252(t, c, url) }},
			{"notmodified-liar", func(t *testing.T, url string) {
				if resp, body := fetch(t, c, url, 1<<10); resp.StatusCode != 304 || len(body) != 0 {
					t.Errorf("GET notmodified-liar unconditionally = %d, %d bytes; want 304", resp.StatusCode, len(body))
				}
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				tc.check(t, h.URL(tc.name))
			})
		}
	})
	if resp, _ := fetch(t, c, strings.TrimSuffix(h.URL("slow"), "slow.xml")+"nothing.xml", 1<<10); resp.StatusCode != 404 {
		t.Errorf("GET nothing.xml = %d, want 404", resp.StatusCode)
	}

	closed := make(chan struct{})
	go func() { h.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close() has not returned after 10 s")
	}
	st := h.Stats()
	for _, name := range append(HostileNames(), "redirect-target") {
		if st.ByFeed[name].Requests != 1 {
			t.Errorf("Stats().ByFeed[%q] = %+v, want 1 request", name, st.ByFeed[name])
		}
	}
	if st.Requests != len(HostileNames())+2 || st.NotModified != 1 || len(st.Unknown) != 1 {
		t.Errorf("Stats() = %+v", st)
	}
}

// checkSlow reads /slow.xml for a second: the headers come at once, then a
// few bytes of the feed, one per interval.
func checkSlow(t *testing.T, url string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET slow: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	full := hostileFeed("slow")
	if !errors.Is(err, context.DeadlineExceeded) || len(body) < 2 || len(body) > 5 || !bytes.HasPrefix(full, body) {
		t.Errorf("GET slow for 1 s read %q, %v; want 2-5 bytes of the feed, then the deadline", body, err)
	}
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(full)) {
		t.Errorf("GET slow = %d, Content-Length %d; want 200, %d", resp.StatusCode, resp.ContentLength, len(full))
	}
}

// checkBomb checks /gzipbomb.xml is small on the wire and inflates to more
// than a GiB of a valid gzip stream.
func checkBomb(t *testing.T, c *http.Client, url string) {
	resp, raw := fetch(t, c, url, 16<<20)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || len(raw) > 2<<20 || int64(len(raw)) != resp.ContentLength {
		t.Fatalf("GET gzipbomb = %d, Content-Encoding %q, %d bytes (Content-Length %d); want 200, gzip, under 2 MiB",
			resp.StatusCode, resp.Header.Get("Content-Encoding"), len(raw), resp.ContentLength)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("gzip.NewReader(gzipbomb): %v", err)
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != "<?xml" {
		t.Errorf("gzipbomb inflates to %q..., %v; want <?xml", head, err)
	}
	if testing.Short() {
		return
	}
	n, err := io.Copy(io.Discard, zr) // checks the CRC and the size too
	if n+5 < 1<<30 || err != nil {
		t.Errorf("gzipbomb inflates to %d bytes, %v; want over 1 GiB", n+5, err)
	}
}

// checkRedirect checks /redirect-loopback.xml points at a valid feed on
// another loopback port.
func checkRedirect(t *testing.T, h *Hostile, c *http.Client, from string) {
	resp, _ := fetch(t, c, from, 1<<10)
	loc, err := url.Parse(resp.Header.Get("Location"))
	src, _ := url.Parse(from)
	if resp.StatusCode != 302 || err != nil || loc.String() != h.TargetURL() || loc.Hostname() != "127.0.0.1" || loc.Port() == src.Port() {
		t.Fatalf("GET redirect-loopback = %d to %q; want 302 to %s, another port", resp.StatusCode, resp.Header.Get("Location"), h.TargetURL())
	}
	resp, body := fetch(t, c, loc.String(), 1<<20)
	var doc rssDoc
	if err := xml.Unmarshal(body, &doc); resp.StatusCode != 200 || err != nil || len(doc.Channel.Items) == 0 {
		t.Errorf("GET %s = %d, %d items, %v; want a valid feed", loc, resp.StatusCode, len(doc.Channel.Items), err)
	}
}

// checkCP1252 checks /cp1252.xml is declared and encoded in Windows-1252
// and decodes to CP1252Title.
func checkCP1252(t *testing.T, c *http.Client, url string) {
	resp, body := fetch(t, c, url, 1<<20)
	if ct := resp.Header.Get("Content-Type"); ct != "application/rss+xml; charset=windows-1252" {
		t.Errorf("GET cp1252: Content-Type %q", ct)
	}
	if utf8.Valid(body) || !bytes.Contains(body, []byte{0x93}) || !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="windows-1252"?>`)) {
		t.Errorf("GET cp1252 = %q, want Windows-1252 (“ as 0x93), so not UTF-8, declared so", body)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if label != "windows-1252" {
			return nil, fmt.Errorf("charset %q", label)
		}
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	var doc rssDoc
	if err := dec.Decode(&doc); err != nil || len(doc.Channel.Items) != 1 {
		t.Fatalf("decode cp1252: %v, %d items", err, len(doc.Channel.Items))
	}
	it := doc.Channel.Items[0]
	if it.Title != CP1252Title || !strings.Contains(it.Description, "crème brûlée dan kopi seharga 2 € per cangkir…") {
		t.Errorf("cp1252 item = %q, %q; want %q", it.Title, it.Description, CP1252Title)
	}
}

// TestHostileCloseEndsSlow checks Close ends a slowloris answer still
// being sent, at the real pace.
func TestHostileCloseEndsSlow(t *testing.T) {
	h := NewHostile()
	h.Start()
	resp, err := http.Get(h.URL("slow"))
	if err != nil {
		h.Close()
		t.Fatalf("GET slow: %v", err)
	}
	defer resp.Body.Close()
	start := time.Now()
	h.Close()
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Close() took %s with a slow answer open", took)
	}
	if body, err := io.ReadAll(resp.Body); err == nil {
		t.Errorf("slow body after Close: %q, no error; want the connection cut", body)
	}
}

func TestEncodeCP1252(t *testing.T) {
	s := "ASCII é ü ß ÿ € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ " + CP1252Title
	want, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := encodeCP1252(s); string(got) != want {
		t.Errorf("encodeCP1252(%q) = %x, want %x", s, got, want)
	}
}
