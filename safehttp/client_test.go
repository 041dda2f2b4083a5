package safehttp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
)

// fakeResolver answers from a map, so that no test asks real DNS.
type fakeResolver map[string][]netip.Addr

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

var loopback = fakeResolver{
	"feed.test":     {netip.MustParseAddr("127.0.0.1")},
	"internal.test": {netip.MustParseAddr("127.0.0.1")},
	"mapped.test":   {netip.MustParseAddr("::ffff:127.0.0.1")},
	"v6.test":       {netip.MustParseAddr("::1")},
	"localhost":     {netip.MustParseAddr("::1"), netip.MustParseAddr("127.0.0.1")},
}

// counter counts the requests a handler receives.
type counter struct{ n atomic.Int64 }

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.n.Add(1)
		h.ServeHTTP(w, r)
	})
}

// wantError fails unless err is an *Error of kind and key.
func wantError(t *testing.T, call string, err error, kind Kind, key string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s error = %v, want an *Error of kind %s", call, err, kind)
		return nil
	}
	if e.Kind != kind || e.Key != key {
		t.Errorf("%s error = %s (%s), want %s (%s)", call, e.Kind, e.Key, kind, key)
	}
	return e
}

// newClient returns a client that resolves with loopback.
func newClient(opts Options) *Client {
	if opts.Resolver == nil {
		opts.Resolver = loopback
	}
	return New(opts)
}

// serve starts a test server on loopback and closes it after the test.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(c *Client, rawURL string) (*Response, error) {
	return c.Get(context.Background(), rawURL, nil)
}

// at returns srv's URL with its host replaced, same port.
func at(srv *httptest.Server, host, path string) string {
	u, _ := url.Parse(srv.URL)
	return "http://" + net.JoinHostPort(host, u.Port()) + path
}

func TestRefusedAddresses(t *testing.T) {
	t.Parallel()
	var hits counter
	srv := httptest.NewServer(hits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	t.Cleanup(srv.Close)
	c := newClient(Options{})
	for _, host := range []string{"127.0.0.1", "::1", "::ffff:127.0.0.1", "feed.test", "mapped.test", "v6.test", "localhost"} {
		_, err := get(c, at(srv, host, "/"))
		e := wantError(t, "Get("+host+")", err, Refused, "fetch.error.private_address")
		if e != nil && (len(e.Args) != 1 || e.Args[0] != host) {
			t.Errorf("Get(%s) error args = %v, want [%s]", host, e.Args, host)
		}
	}
	if n := hits.n.Load(); n != 0 {
		t.Errorf("the server received %d requests, want 0", n)
	}
	// The same addresses with the operator's allowance.
	open := newClient(Options{AllowPrivate: true})
	for _, host := range []string{"127.0.0.1", "feed.test", "mapped.test"} {
		resp, err := get(open, at(srv, host, "/"))
		if err != nil {
			t.Errorf("Get(%s) with AllowPrivate: %v", host, err)
			continue
		}
		resp.Body.Close()
	}
}

func TestDNSError(t *testing.T) {
	t.Parallel()
	_, err := get(newClient(Options{}), "http://nowhere.test/feed")
	wantError(t, "Get(nowhere.test)", err, Network, "fetch.error.dns")
}

// TestRedirectToPrivate lets 127.0.0.2 stand for a public server, which
// redirects to loopback: each redirect is checked again.
func TestRedirectToPrivate(t *testing.T) {
	t.Parallel()
	var hits counter
	inside := httptest.NewServer(hits.wrap(http.NotFoundHandler()))
	t.Cleanup(inside.Close)
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.2 (the stand-in public address): %v", err)
	}
	outside := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if to := r.URL.Query().Get("to"); to != "" {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	outside.Listener.Close()
	outside.Listener = l
	outside.Start()
	t.Cleanup(outside.Close)

	c := newClient(Options{})
	standIn := netip.MustParseAddr("127.0.0.2")
	c.public = func(a netip.Addr) bool { return a == standIn || IsPublic(a) }
	for _, target := range []string{
		at(inside, "127.0.0.1", "/"),
		at(inside, "internal.test", "/"),
		at(inside, "::ffff:127.0.0.1", "/"),
		at(inside, "localhost", "/"),
	} {
		_, err := get(c, outside.URL+"/?to="+url.QueryEscape(target))
		wantError(t, "Get(redirect to "+target+")", err, Refused, "fetch.error.private_address")
	}
	if n := hits.n.Load(); n != 0 {
		t.Errorf("the loopback server received %d requests, want 0", n)
	}
	resp, err := get(c, outside.URL+"/?to=/elsewhere")
	if err != nil {
		t.Fatalf("Get(redirect within the stand-in public server): %v", err)
	}
	if b, err := resp.Bytes(); string(b) != "ok" || err != nil {
		t.Errorf("Get(redirect within the stand-in public server) = %q, %v; want ok", b, err)
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	// /r/N redirects to /r/N-1 (301 when N is odd, 302 otherwise); /r/0
	// answers.
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/r/%d", &n)
		if n == 0 {
			fmt.Fprint(w, "ok")
			return
		}
		code := http.StatusFound
		if n%2 == 1 {
			code = http.StatusMovedPermanently
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), code)
	})
	c := newClient(Options{AllowPrivate: true})
	for n := 0; n <= DefaultMaxRedirects; n++ {
		resp, err := get(c, fmt.Sprintf("%s/r/%d", srv.URL, n))
		if err != nil {
			t.Errorf("Get(/r/%d): %v", n, err)
			continue
		}
		resp.Body.Close()
		if resp.URL.Path != "/r/0" || len(resp.Redirects) != n {
			t.Errorf("Get(/r/%d) = %s after %d redirects, want /r/0 after %d", n, resp.URL.Path, len(resp.Redirects), n)
		}
		if n > 0 && (resp.Redirects[0].Status != map[bool]int{true: 301, false: 302}[n%2 == 1] ||
			resp.Redirects[0].To.Path != fmt.Sprintf("/r/%d", n-1)) {
			t.Errorf("Get(/r/%d) first redirect = %+v", n, resp.Redirects[0])
		}
	}
	_, err := get(c, srv.URL+"/r/6")
	e := wantError(t, "Get(/r/6)", err, TooManyRedirects, "fetch.error.too_many_redirects")
	if e != nil && e.Args[1] != DefaultMaxRedirects {
		t.Errorf("Get(/r/6) error args = %v, want the limit %d", e.Args, DefaultMaxRedirects)
	}

	none := newClient(Options{AllowPrivate: true, MaxRedirects: -1})
	resp, err := get(none, srv.URL+"/r/1")
	if err != nil {
		t.Fatalf("Get(/r/1) with MaxRedirects -1: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/r/0" {
		t.Errorf("Get(/r/1) with MaxRedirects -1 = %d to %q, want 301 to /r/0", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSchemes(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(http.StatusFound)
	})
	c := newClient(Options{AllowPrivate: true})
	for _, to := range []string{"file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1:70/", "javascript:alert(1)", "data:text/plain,hi"} {
		_, err := get(c, srv.URL+"/?to="+url.QueryEscape(to))
		wantError(t, "Get(redirect to "+to+")", err, BadScheme, "fetch.error.scheme")
		_, err = get(c, to)
		wantError(t, "Get("+to+")", err, BadScheme, "fetch.error.scheme")
	}
	for _, bad := range []string{"http://", "https:///path", "http://[::1", "http://a b/"} {
		_, err := get(c, bad)
		wantError(t, "Get("+bad+")", err, BadURL, "fetch.error.url")
	}
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	silent := serve(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	stalling := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		<-release
	})
	t.Cleanup(func() { close(release) }) // before the servers close: cleanups run last first

	// Headers: the server never answers.
	c := newClient(Options{AllowPrivate: true, HeaderTimeout: 100 * time.Millisecond, TotalTimeout: time.Minute})
	_, err := get(c, silent.URL)
	if e := wantError(t, "Get(silent) with HeaderTimeout", err, Timeout, "fetch.error.timeout"); e != nil && e.Args[1] != 0.1 {
		t.Errorf("Get(silent) error args = %v, want the header limit 0.1", e.Args)
	}

	// Total, before the headers.
	c = newClient(Options{AllowPrivate: true, HeaderTimeout: time.Minute, TotalTimeout: 200 * time.Millisecond})
	_, err = get(c, silent.URL)
	if e := wantError(t, "Get(silent) with TotalTimeout", err, Timeout, "fetch.error.timeout"); e != nil && e.Args[1] != 0.2 {
		t.Errorf("Get(silent) error args = %v, want the total limit 0.2", e.Args)
	}

	// Total, while reading the body.
	resp, err := get(c, stalling.URL)
	if err != nil {
		t.Fatalf("Get(stalling): %v", err)
	}
	_, err = resp.Bytes()
	wantError(t, "Bytes(stalling)", err, Timeout, "fetch.error.timeout")

	// Connect: a dial that never completes.
	c = newClient(Options{AllowPrivate: true, ConnectTimeout: 100 * time.Millisecond})
	c.dial = func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: ctx.Err()}
	}
	_, err = get(c, "http://feed.test/")
	if e := wantError(t, "Get with a hanging connect", err, Timeout, "fetch.error.timeout"); e != nil && e.Args[1] != 0.1 {
		t.Errorf("Get with a hanging connect error args = %v, want the connect limit 0.1", e.Args)
	}

	// The caller giving up is not a fetch error.
	ctx, cancel := context.WithCancel(context.Background())
	c = newClient(Options{AllowPrivate: true})
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = c.Get(ctx, silent.URL, nil)
	var e *Error
	if !errors.Is(err, context.Canceled) || errors.As(err, &e) {
		t.Errorf("Get(silent) with a cancelled context = %v, want context.Canceled and no *Error", err)
	}
}

func TestRequest(t *testing.T) {
	t.Parallel()
	var got atomic.Pointer[http.Header]
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
			return
		}
		h := r.Header.Clone()
		got.Store(&h)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	for _, tc := range []struct {
		ua, want string
	}{{"", DefaultUserAgent}, {"Sinergi/2.0 (Humas Kota Jambi)", "Sinergi/2.0 (Humas Kota Jambi)"}} {
		c := newClient(Options{AllowPrivate: true, UserAgent: tc.ua})
		resp, err := c.Get(context.Background(), srv.URL+"/moved", http.Header{"User-Agent": {"curl/8"}, "Accept": {"application/rss+xml"}})
		if err != nil {
			t.Fatalf("Get(/moved): %v", err)
		}
		resp.Body.Close()
		h := *got.Load()
		if h.Get("User-Agent") != tc.want || !strings.Contains(h.Get("User-Agent"), "Sinergi") {
			t.Errorf("User-Agent sent = %q, want %q", h.Get("User-Agent"), tc.want)
		}
		if h.Get("Accept-Encoding") != "gzip, br" || h.Get("Accept") != "application/rss+xml" {
			t.Errorf("headers sent after the redirect = %v", h)
		}
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "120" ||
			resp.Header.Get("ETag") != `"v1"` || resp.URL.Path != "/feed" ||
			len(resp.Redirects) != 1 || resp.Redirects[0].Status != 301 || resp.Redirects[0].From.Path != "/moved" {
			t.Errorf("Get(/moved) = %d %v at %s after %+v", resp.StatusCode, resp.Header, resp.URL, resp.Redirects)
		}
	}
	c := newClient(Options{AllowPrivate: true})
	resp, err := c.Get(context.Background(), srv.URL+"/feed", http.Header{"If-None-Match": {`"v1"`}})
	if err != nil {
		t.Fatalf("Get(/feed) conditional: %v", err)
	}
	if b, err := resp.Bytes(); resp.StatusCode != http.StatusNotModified || err != nil || len(b) != 0 {
		t.Errorf("Get(/feed) conditional = %d, %q, %v; want 304 with no body", resp.StatusCode, b, err)
	}
}

func TestTLS(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "aman") }))
	t.Cleanup(srv.Close)
	_, err := get(newClient(Options{AllowPrivate: true}), srv.URL)
	wantError(t, "Get(untrusted certificate)", err, Network, "fetch.error.tls")

	trusting := newClient(Options{AllowPrivate: true, TLSConfig: srv.Client().Transport.(*http.Transport).TLSClientConfig})
	resp, err := get(trusting, srv.URL)
	if err != nil {
		t.Fatalf("Get(trusted certificate): %v", err)
	}
	if b, err := resp.Bytes(); string(b) != "aman" || err != nil {
		t.Errorf("Bytes() = %q, %v; want aman", b, err)
	}
}

func TestNetworkError(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = get(newClient(Options{AllowPrivate: true}), "http://"+addr+"/")
	wantError(t, "Get(closed port)", err, Network, "fetch.error.network")
}

// TestNoProxy checks that proxies from the environment are never used:
// the dial-time check would only see the proxy.
func TestNoProxy(t *testing.T) {
	t.Parallel()
	if tr := New(Options{}).client.Transport.(*http.Transport); tr.Proxy != nil {
		t.Error("Transport.Proxy is set; the environment's proxy would bypass the address check")
	}
}

func TestSinergiError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  *Error
		kind sinergi.Kind
	}{
		{&Error{Kind: Refused, Key: "fetch.error.private_address", Args: []any{"feed.test"}}, sinergi.KindInvalid},
		{&Error{Kind: TooLarge, Key: "fetch.error.too_large", Args: []any{"feed.test", "20 MiB"}}, sinergi.KindInvalid},
		{&Error{Kind: Timeout, Key: "fetch.error.timeout", Args: []any{"feed.test", 30.0}}, sinergi.KindUnavailable},
		{&Error{Kind: Network, Key: "fetch.error.network", Args: []any{"feed.test"}, Err: errors.New("reset")}, sinergi.KindUnavailable},
	} {
		err := fmt.Errorf("monitor: poll feed 7: %w", tc.err)
		if got := sinergi.KindOf(err); got != tc.kind {
			t.Errorf("sinergi.KindOf(%v) = %s, want %s", err, got, tc.kind)
		}
		key, args, ok := sinergi.MessageOf(err)
		if !ok || key != tc.err.Key || fmt.Sprint(args) != fmt.Sprint(tc.err.Args) {
			t.Errorf("sinergi.MessageOf(%v) = %q %v %v", err, key, args, ok)
		}
		if !errors.Is(err, &sinergi.Error{Kind: tc.kind}) {
			t.Errorf("errors.Is(%v, sinergi kind %s) = false", err, tc.kind)
		}
	}
}

// TestAllowAddrs: an allowed intranet endpoint is reached without
// AllowPrivate; a redirect from it to another loopback port is refused.
func TestAllowAddrs(t *testing.T) {
	var hits counter
	target := httptest.NewServer(hits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "rahasia") })))
	defer target.Close()
	intranet := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pindah" {
			http.Redirect(w, r, target.URL+"/", http.StatusFound)
			return
		}
		fmt.Fprint(w, "isi intranet")
	}))
	defer intranet.Close()
	c := New(Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(intranet.Listener.Addr().String())}})

	resp, err := c.Get(t.Context(), intranet.URL+"/", nil)
	if err != nil {
		t.Fatalf("Get(allowed endpoint): %v", err)
	}
	if body, _ := resp.Bytes(); string(body) != "isi intranet" {
		t.Errorf("Get(allowed endpoint) body = %q", body)
	}
	_, err = c.Get(t.Context(), intranet.URL+"/pindah", nil)
	wantError(t, "Get(redirect to another loopback port)", err, Refused, "fetch.error.private_address")
	_, err = c.Get(t.Context(), target.URL+"/", nil)
	wantError(t, "Get(endpoint not allowed)", err, Refused, "fetch.error.private_address")
	if hits.n.Load() != 0 {
		t.Errorf("the refused endpoint got %d requests", hits.n.Load())
	}
}
