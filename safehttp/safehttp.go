// Package safehttp is the one way Sinergi fetches from the Internet: feeds,
// pages, sitemaps, WebSub hubs. The addresses it fetches come from users and
// from remote servers, so it guards against server-side request forgery and
// hostile responses:
//
//   - Every address actually connected to is checked after DNS resolution,
//     at dial time, so DNS rebinding gets nowhere. Loopback, private,
//     link-local (cloud metadata 169.254.169.254), multicast, CGNAT,
//     documentation and other special ranges, IPv4-mapped and NAT64/6to4
//     forms included, are refused unless Options.AllowPrivate (the operator's
//     --fetch-allow-private; tests need it to reach httptest servers).
//   - Proxies from the environment (HTTP_PROXY, HTTPS_PROXY) are ignored: a
//     proxy connects to the target itself, so the check would see only the
//     proxy's address.
//   - Only http and https, on the first request and on each of at most
//     Options.MaxRedirects redirects; each redirect's address is checked
//     again by the same dialer.
//   - Limits on time (connect, headers, the whole exchange including the
//     body), on the body as sent and once decompressed (gzip and brotli
//     bombs).
//   - Response.Text converts any charset to UTF-8 (see ToUTF8).
//
// Every failure is an *Error with a Kind and an i18n key; it is also a
// *sinergi.Error for errors.As.
package safehttp

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// Resolver looks up the addresses of a host. *net.Resolver is one; tests
// give their own to resolve names to loopback.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Options configure a Client. A zero field takes its default.
type Options struct {
	// AllowPrivate lets the client connect to loopback, private and other
	// special addresses. Off by default: only an operator turns it on
	// (--fetch-allow-private), for sources on an intranet, and tests.
	AllowPrivate bool

	// AllowAddrs are special addresses the client may connect to without
	// AllowPrivate: one intranet server (the office's own CMS) rather than
	// the whole private range. Only exact address and port pairs; a
	// redirect elsewhere is still refused.
	AllowAddrs []netip.AddrPort

	// MaxBody bounds the body as it comes over the wire. Default 20 MiB:
	// the largest real feeds and article pages are a few MiB; this is what
	// one hostile server can cost in bandwidth.
	MaxBody int64

	// MaxDecompressed bounds the body after gzip or brotli decoding, which
	// is what a caller reads and may hold in memory. Default 50 MiB, the
	// sitemaps protocol's own limit for one file. An uncompressed body is
	// held to the smaller of MaxBody and MaxDecompressed.
	MaxDecompressed int64

	// ConnectTimeout bounds each TCP connection attempt, per address.
	// Default 10 s: a reachable server answers a SYN in well under a second
	// even from Papua; beyond that the host is down or filtered.
	ConnectTimeout time.Duration

	// HeaderTimeout bounds the TLS handshake and, from the moment the
	// request is sent, the wait for the response headers. Default 30 s:
	// slow regional CMSs render feeds on demand, but a server silent that
	// long is stuck.
	HeaderTimeout time.Duration

	// TotalTimeout bounds the whole exchange: connecting, redirects and
	// reading the body, until Body is closed. Default 60 s: 20 MiB at a
	// slow 3 Mbit/s; a poller must not hold a worker longer.
	TotalTimeout time.Duration

	// MaxRedirects is how many redirects are followed. Default 5 (the
	// issue's bound; browsers allow 20, but a feed that needs more than 5 is
	// broken or a trap). Negative: none; the 3xx response is returned.
	MaxRedirects int

	// UserAgent is sent on every request. Default DefaultUserAgent, which
	// names Sinergi and where to learn about it, so that a webmaster who sees
	// the traffic knows whose it is.
	UserAgent string

	// Resolver resolves host names; default net.DefaultResolver.
	Resolver Resolver

	// TLSConfig, when set, replaces the default TLS settings (TLS 1.2 or
	// later, system roots). Tests use it to trust httptest's certificate.
	TLSConfig *tls.Config
}

// DefaultUserAgent is the User-Agent when Options.UserAgent is empty. The
// program may add its version: "Sinergi/1.4 (+https://...)".
const DefaultUserAgent = "Sinergi (+https://github.com/sinergi-id/sinergi)"

// Defaults of Options; each is explained on its field.
const (
	DefaultMaxBody         = 20 << 20
	DefaultMaxDecompressed = 50 << 20
	DefaultConnectTimeout  = 10 * time.Second
	DefaultHeaderTimeout   = 30 * time.Second
	DefaultTotalTimeout    = 60 * time.Second
	DefaultMaxRedirects    = 5
)

// acceptEncoding is what the client decodes, and so asks for.
const acceptEncoding = "gzip, br"

// Client fetches under the limits of its Options. It is safe for
// concurrent use and keeps idle connections; build one per process.
type Client struct {
	opts   Options
	client *http.Client
	// public decides which addresses are allowed; IsPublic except in tests,
	// which let one loopback address stand for a public server.
	public func(netip.Addr) bool
	// dial connects to an IP address; a net.Dialer with Control except in
	// tests.
	dial func(ctx context.Context, network, ipPort string) (net.Conn, error)
}

// New returns a Client with opts, defaults filled in.
func New(opts Options) *Client {
	opts = opts.withDefaults()
	c := &Client{opts: opts, public: IsPublic}
	dialer := &net.Dialer{Control: c.control, KeepAlive: 30 * time.Second}
	c.dial = dialer.DialContext
	tlsConfig := opts.TLSConfig
	if tlsConfig == nil {
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	transport := &http.Transport{
		Proxy:                  nil, // never from the environment: see the package comment
		DialContext:            c.dialContext,
		TLSClientConfig:        tlsConfig,
		TLSHandshakeTimeout:    opts.HeaderTimeout,
		ResponseHeaderTimeout:  opts.HeaderTimeout,
		DisableCompression:     true, // decoded here, under MaxDecompressed
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    2, // a poller asks one host for a few feeds
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 256 << 10,
	}
	c.client = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

func (o Options) withDefaults() Options {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxDecompressed <= 0 {
		o.MaxDecompressed = DefaultMaxDecompressed
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = DefaultHeaderTimeout
	}
	if o.TotalTimeout <= 0 {
		o.TotalTimeout = DefaultTotalTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	return o
}

// CloseIdleConnections closes the connections kept for reuse.
func (c *Client) CloseIdleConnections() { c.client.CloseIdleConnections() }

// Response is a response whose body is already decompressed and limited.
type Response struct {
	StatusCode int
	// Header is the response's; Content-Encoding and Content-Length are
	// removed when the body was decompressed.
	Header http.Header
	// URL is the final address, after redirects.
	URL *url.URL
	// Redirects are the redirects followed, in order.
	Redirects []Redirect
	// Body reads the decoded body. A read past a limit fails with an
	// *Error of kind TooLarge; any other failure is an *Error too. Close it
	// (or call Bytes or Text) to release the connection and the timer.
	Body io.ReadCloser
}

// Redirect is one redirect followed: the response of status Status
// (301, 302, 303, 307 or 308) at From sent the client to To. A poller
// updates a feed's stored address on 301 and 308.
type Redirect struct {
	Status   int
	From, To *url.URL
}

// Bytes reads the whole body and closes it.
func (r *Response) Bytes() ([]byte, error) {
	defer r.Body.Close()
	return io.ReadAll(r.Body)
}

// Text reads the whole body, closes it and returns it as UTF-8 with the
// name of the charset it was decoded from (see ToUTF8).
func (r *Response) Text() (text, charset string, err error) {
	b, err := r.Bytes()
	if err != nil {
		return "", "", err
	}
	text, charset = ToUTF8(b, r.Header.Get("Content-Type"))
	return text, charset, nil
}

// Get fetches rawURL with the given extra request headers (If-None-Match,
// If-Modified-Since, Accept, ...), which may be nil.
func (c *Client) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &Error{Kind: BadURL, Key: "fetch.error.url", Args: []any{rawURL}, URL: rawURL, Err: err}
	}
	for k, vs := range header {
		req.Header[k] = append([]string(nil), vs...)
	}
	return c.Do(req)
}

// Do sends req (any method; its context bounds the exchange as well as
// TotalTimeout) and returns the response whatever its status: a 304, 429
// or 503 is the caller's to interpret. The User-Agent and Accept-Encoding
// headers are the client's.
func (c *Client) Do(req *http.Request) (*Response, error) {
	if err := checkURL(req.URL); err != nil {
		return nil, err
	}
	parent := req.Context()
	ctx, cancel := context.WithTimeoutCause(parent, c.opts.TotalTimeout, errTotalTimeout)
	trace := &redirects{}
	req = req.Clone(context.WithValue(ctx, redirectsKey{}, trace))
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept-Encoding", acceptEncoding)

	resp, err := c.client.Do(req)
	if err != nil {
		cancel()
		return nil, c.failure(parent, ctx, req.URL, err)
	}
	final := resp.Request.URL
	body, err := c.newBody(resp, func(err error) error { return c.failure(parent, ctx, final, err) }, cancel)
	if err != nil {
		resp.Body.Close()
		cancel()
		return nil, c.failure(parent, ctx, final, err)
	}
	return &Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		URL:        final,
		Redirects:  trace.list,
		Body:       body,
	}, nil
}

// checkURL accepts absolute http and https addresses with a host.
func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return &Error{Kind: BadScheme, Key: "fetch.error.scheme", Args: []any{u.Scheme + ":"}, URL: u.Redacted(),
			Err: fmt.Errorf("scheme %q", u.Scheme)}
	}
	if u.Hostname() == "" {
		return &Error{Kind: BadURL, Key: "fetch.error.url", Args: []any{u.Redacted()}, URL: u.Redacted(),
			Err: fmt.Errorf("no host")}
	}
	return nil
}

// redirects collects the redirects of one request; checkRedirect finds it
// in the request's context.
type redirects struct{ list []Redirect }

type redirectsKey struct{}

// checkRedirect allows a redirect to an http or https address while the
// count stays within MaxRedirects. The new address is checked by the
// dialer like the first.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.opts.MaxRedirects < 0 {
		return http.ErrUseLastResponse
	}
	if len(via) > c.opts.MaxRedirects {
		return &Error{Kind: TooManyRedirects, Key: "fetch.error.too_many_redirects",
			Args: []any{via[0].URL.Hostname(), c.opts.MaxRedirects}, URL: via[0].URL.Redacted(),
			Err: fmt.Errorf("redirect %d to %s", len(via), req.URL.Redacted())}
	}
	if err := checkURL(req.URL); err != nil {
		return err
	}
	if trace, ok := req.Context().Value(redirectsKey{}).(*redirects); ok && req.Response != nil {
		trace.list = append(trace.list, Redirect{Status: req.Response.StatusCode, From: via[len(via)-1].URL, To: req.URL})
	}
	return nil
}

// PostJSON posts body to rawURL with the given headers (Content-Type
// among them) and returns the response's status, its body read and
// discarded: what a webhook sender needs.
func (c *Client) PostJSON(ctx context.Context, rawURL string, body []byte, header map[string][]string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, rawURL, bytes.NewReader(body))
	if err != nil {
		return 0, &Error{Kind: BadURL, Key: "fetch.error.url", Args: []any{rawURL}, URL: rawURL, Err: err}
	}
	for k, vs := range header {
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}
