package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/safehttp"
)

// fetched is what the fetch stage hands to parse.
type fetched struct {
	body []byte // UTF-8, whatever charset the server used
	url  string // the final address, after redirects
}

// feedAccept is the Accept header of a feed request: the feed formats
// first, then anything (many servers send feeds as text/xml or text/html).
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// fetch asks the feed's server for the feed with a conditional GET (the
// ETag and Last-Modified of the last good answer), through safehttp, never
// more than Options.PerHost requests to one host at once.
//
// Contract: on 200 it hands on the body as UTF-8 and records the new
// validators and freshness in o; on 304 it hands on nothing (the feed is
// dropped: nothing changed). Any other answer, and every refusal or
// failure of safehttp (private address, size, time, redirects), is a
// failed poll: o.Err says why in the officer's words, o.RetryAfter holds a
// 429's or 503's Retry-After, and the feed is polled again later. The
// error returned is for the log; the poll itself goes on to record the
// outcome.
func (p *Pipeline) fetch(ctx context.Context, f *Feed, o *Outcome) (*fetched, error) {
	release, err := p.hosts.acquire(ctx, f.URL)
	if err != nil {
		return nil, err
	}
	defer release()
	header := http.Header{"Accept": {feedAccept}}
	if f.State.ETag != "" {
		header.Set("If-None-Match", f.State.ETag)
	}
	if f.State.LastModified != "" {
		header.Set("If-Modified-Since", f.State.LastModified)
	}
	conditional := f.State.ETag != "" || f.State.LastModified != ""
	resp, err := p.client.Get(ctx, f.URL, header)
	if err != nil {
		o.Err = fetchMessage(err, f.URL)
		return nil, fmt.Errorf("ingest: fetch feed %d: %w", f.ID, err)
	}
	o.Status = resp.StatusCode
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		resp.Body.Close()
		o.NotModified = true
		o.FreshUntil = freshUntil(resp.Header, o.At)
		return nil, nil
	case resp.StatusCode == http.StatusOK:
	default:
		resp.Body.Close()
		o.Err = statusMessage(resp.StatusCode, conditional)
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			o.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), o.At)
		}
		return nil, fmt.Errorf("ingest: fetch feed %d: HTTP %d", f.ID, resp.StatusCode)
	}
	text, _, err := resp.Text()
	if err != nil {
		o.Err = fetchMessage(err, f.URL)
		return nil, fmt.Errorf("ingest: fetch feed %d: %w", f.ID, err)
	}
	f.State.ETag = resp.Header.Get("ETag")
	f.State.LastModified = resp.Header.Get("Last-Modified")
	o.FreshUntil = freshUntil(resp.Header, o.At)
	return &fetched{body: []byte(text), url: resp.URL.String()}, nil
}

// fetchMessage is the officer's reason for a failed request.
func fetchMessage(err error, rawURL string) Message {
	var fe *safehttp.Error
	if errors.As(err, &fe) {
		args := make([]string, len(fe.Args))
		for i, a := range fe.Args {
			args[i] = fmt.Sprint(a)
		}
		return Message{Key: fe.Key, Args: args}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return Message{Key: "ingest.error.cancelled", Args: []string{rawURL}}
	}
	return Message{Key: "fetch.error.network", Args: []string{rawURL}}
}

// statusMessage is the officer's reason for an HTTP status other than 200
// and an asked-for 304.
func statusMessage(status int, conditional bool) Message {
	s := strconv.Itoa(status)
	switch {
	case status == http.StatusNotModified && !conditional:
		return Message{Key: "ingest.error.not_modified_unasked"}
	case status == http.StatusNotFound, status == http.StatusGone:
		return Message{Key: "ingest.error.not_found", Args: []string{s}}
	case status == http.StatusTooManyRequests:
		return Message{Key: "ingest.error.rate_limited"}
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return Message{Key: "ingest.error.forbidden", Args: []string{s}}
	case status >= 500:
		return Message{Key: "ingest.error.server", Args: []string{s}}
	}
	return Message{Key: "ingest.error.status", Args: []string{s}}
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date;
// zero when absent or unreadable. A server cannot hold a feed off for more
// than a week.
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	var at time.Time
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}
		}
		at = now.Add(time.Duration(min(secs, 7*24*3600)) * time.Second)
	} else if t, err := http.ParseTime(v); err == nil {
		at = t.UTC()
	} else {
		return time.Time{}
	}
	if lim := now.Add(7 * 24 * time.Hour); at.After(lim) {
		return lim
	}
	return at
}

// freshUntil is until when a response is fresh by its Cache-Control
// max-age (preferred, as HTTP says) or Expires; zero when it says neither
// or says no-cache.
func freshUntil(h http.Header, now time.Time) time.Time {
	maxAge := int64(-1)
	for d := range strings.SplitSeq(strings.ToLower(h.Get("Cache-Control")), ",") {
		d = strings.TrimSpace(d)
		switch {
		case d == "no-cache" || d == "no-store":
			return time.Time{}
		case strings.HasPrefix(d, "max-age="):
			secs, err := strconv.ParseInt(strings.Trim(d[len("max-age="):], `"`), 10, 64)
			if err != nil || secs <= 0 {
				return time.Time{}
			}
			maxAge = min(secs, 7*24*3600)
		}
	}
	if maxAge > 0 {
		return now.Add(time.Duration(maxAge) * time.Second)
	}
	if v := h.Get("Expires"); v != "" {
		if t, err := http.ParseTime(v); err == nil && t.After(now) {
			return t.UTC()
		}
	}
	return time.Time{}
}

// hostLimiter bounds the requests in flight to one host.
type hostLimiter struct {
	per int
	mu  sync.Mutex
	sem map[string]chan struct{}
}

func newHostLimiter(per int) *hostLimiter {
	return &hostLimiter{per: per, sem: map[string]chan struct{}{}}
}

// acquire waits for a slot on rawURL's host and returns its release.
func (l *hostLimiter) acquire(ctx context.Context, rawURL string) (func(), error) {
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		host = strings.ToLower(u.Host)
	}
	l.mu.Lock()
	sem, ok := l.sem[host]
	if !ok {
		sem = make(chan struct{}, l.per)
		l.sem[host] = sem
	}
	l.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("ingest: wait for %s: %w", host, ctx.Err())
	}
}
