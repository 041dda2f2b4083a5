// Package feedfarm serves RSS feeds on loopback for the ingestion tests and
// benchmarks. A Farm replays feed snapshots in time order, one feed per
// path, each as it was at the farm's current step, with the validators
// (ETag, Last-Modified) and conditional answers (304) of a real server. Its
// snapshots come from a folder of files (the rss-tempo data set, read at run
// time and never copied into the repository) or are generated from given
// texts. A Hostile server (hostile.go) misbehaves in the ways a poller must
// survive.
//
// Everything here is test equipment: it uses the standard library only and
// keeps no package-level state.
package feedfarm

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options says which validators a farm's feeds send. A feed without them
// never answers 304: the poller must fetch it whole every time.
type Options struct {
	ETag         bool // a strong ETag, a hash of the bytes
	LastModified bool // Last-Modified, the snapshot's time
}

// Farm serves feed snapshots on loopback, one feed per path
// (/<feed>.xml), as they were at the farm's current step. A new farm is at
// the zero time, before every snapshot, so each feed answers 404 until
// SetTime. A Farm is safe for concurrent use; it is also an http.Handler,
// for callers that mount it themselves instead of calling Start.
type Farm struct {
	src  source
	opts Options

	mu      sync.Mutex
	srv     *httptest.Server
	now     time.Time
	current map[string]*snapshot // what each feed serves now; absent: 404
	counter
}

// source is where a farm's snapshots come from. Implementations are
// immutable, so a farm reads them without a lock.
type source interface {
	// feeds returns the feed names in the order Feeds reports them.
	feeds() []string
	// steps returns every distinct snapshot time, ascending.
	steps() []time.Time
	// at returns the latest snapshot of feed at or before t, nil when t is
	// before the feed's first one.
	at(feed string, t time.Time) *snapshot
}

// snapshot is one version of one feed. It is never modified once made.
type snapshot struct {
	at   time.Time
	body []byte
	etag string // quoted, strong
}

func newSnapshot(at time.Time, body []byte) *snapshot {
	sum := sha256.Sum256(body)
	return &snapshot{at: at, body: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
}

func newFarm(src source, opts Options) *Farm {
	return &Farm{src: src, opts: opts, current: map[string]*snapshot{}}
}

// Start serves the farm on an httptest.Server at 127.0.0.1 and returns its
// base URL (no trailing slash). Call it once; Close stops the server.
func (f *Farm) Start() (baseURL string) {
	srv := httptest.NewServer(f)
	f.mu.Lock()
	f.srv = srv
	f.mu.Unlock()
	return srv.URL
}

// Close stops the server Start started, dropping open connections. It does
// nothing when the farm was not started.
func (f *Farm) Close() {
	f.mu.Lock()
	srv := f.srv
	f.mu.Unlock()
	if srv != nil {
		srv.CloseClientConnections()
		srv.Close()
	}
}

// Feeds returns the feed names: the sorted subdirectories of a loaded farm,
// feed1 ... feedN for a generated one.
func (f *Farm) Feeds() []string { return slices.Clone(f.src.feeds()) }

// URL returns the address of feed on the started farm.
func (f *Farm) URL(feed string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.srv == nil {
		panic("feedfarm: URL before Start")
	}
	return f.srv.URL + "/" + feed + ".xml"
}

// Steps returns every distinct snapshot time of all feeds, ascending: the
// replay timeline. Feeds that were not fetched at a step keep serving their
// previous snapshot there.
func (f *Farm) Steps() []time.Time { return slices.Clone(f.src.steps()) }

// SetTime moves the farm to t: each feed now serves its latest snapshot at
// or before t, and answers 404 when t is before its first one.
func (f *Farm) SetTime(t time.Time) {
	next := make(map[string]*snapshot, len(f.src.feeds()))
	for _, feed := range f.src.feeds() {
		if s := f.src.at(feed, t); s != nil {
			next[feed] = s
		}
	}
	f.mu.Lock()
	f.now, f.current = t, next
	f.mu.Unlock()
}

// Time returns the time SetTime last set.
func (f *Farm) Time() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Stats returns a copy of the farm's counters.
func (f *Farm) Stats() Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counter.copy()
}

// ServeHTTP answers GET and HEAD of /<feed>.xml with the feed's current
// snapshot, or 304 when the request's validators match it.
func (f *Farm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	feed, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	f.mu.Lock()
	if !ok || !slices.Contains(f.src.feeds(), feed) {
		f.unknownPath(r.URL.Path)
		f.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	s := f.current[feed]
	status := http.StatusOK
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		status = http.StatusMethodNotAllowed
	case s == nil:
		status = http.StatusNotFound
	case notModified(r, s, f.opts):
		status = http.StatusNotModified
	}
	f.count(feed, status)
	f.mu.Unlock()

	switch status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", status)
		return
	case http.StatusNotFound:
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	if f.opts.ETag {
		h.Set("ETag", s.etag)
	}
	if f.opts.LastModified {
		h.Set("Last-Modified", s.at.UTC().Format(http.TimeFormat))
	}
	if status == http.StatusNotModified {
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Type", "application/rss+xml; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(s.body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(s.body)
	}
}

// notModified evaluates the request's preconditions against s as RFC 9110
// section 13.2.2 orders them: If-None-Match when present, otherwise
// If-Modified-Since. A validator the farm does not send never matches.
func notModified(r *http.Request, s *snapshot, opts Options) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, s.etag, opts.ETag)
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || !opts.LastModified {
		return false
	}
	since, err := http.ParseTime(ims)
	if err != nil {
		return false // an invalid date is ignored (RFC 9110 section 13.1.3)
	}
	return !s.at.Truncate(time.Second).After(since)
}

// etagMatches applies the weak comparison If-None-Match asks for to a list
// of entity tags; "*" matches any current representation.
func etagMatches(list, etag string, sent bool) bool {
	for tag := range strings.SplitSeq(list, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" {
			return true
		}
		if sent && strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
