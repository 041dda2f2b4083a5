// Package ratelimit counts events per key (an account, a client address)
// in a sliding window: failed logins before an account is blocked, a
// citizen's hoax checks before the next must wait. A Window lives in the
// process: with several processes on PostgreSQL each keeps its own count,
// which still bounds what one key does to limit × processes per window.
package ratelimit

import (
	"sync"
	"time"
)

// maxKeys bounds the keys a Window holds: under a spray of addresses,
// keys whose events all left the window are dropped.
const maxKeys = 100_000

// Window counts events per key in the last Period; Limit of them fill it.
// It is safe for concurrent use.
type Window struct {
	mu     sync.Mutex
	limit  int
	period time.Duration
	events map[string][]time.Time
}

// New returns a window of limit events per period.
func New(limit int, period time.Duration) *Window {
	return &Window{limit: limit, period: period, events: make(map[string][]time.Time)}
}

// Full reports whether key's events at now have reached the limit, and
// when the oldest of them leaves the window.
func (w *Window) Full(key string, now time.Time) (bool, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	recent := w.prune(key, now)
	if len(recent) < w.limit {
		return false, time.Time{}
	}
	return true, recent[0].Add(w.period)
}

// Add counts an event of key at now.
func (w *Window) Add(key string, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.add(key, now, w.prune(key, now))
}

// Allow counts an event of key at now when the window has room for it and
// reports whether it had; when it had not, retry says how long until the
// oldest counted event leaves it. A refused event is not counted.
func (w *Window) Allow(key string, now time.Time) (ok bool, retry time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	recent := w.prune(key, now)
	if len(recent) >= w.limit {
		return false, recent[0].Add(w.period).Sub(now)
	}
	w.add(key, now, recent)
	return true, 0
}

// Reset forgets key's events.
func (w *Window) Reset(key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.events, key)
}

// add appends an event to key's recent ones; the caller holds mu.
func (w *Window) add(key string, now time.Time, recent []time.Time) {
	w.events[key] = append(recent, now)
	if len(w.events) > maxKeys {
		for k := range w.events {
			w.prune(k, now)
		}
	}
}

// prune drops key's events older than the period and returns the rest;
// the caller holds mu.
func (w *Window) prune(key string, now time.Time) []time.Time {
	times := w.events[key]
	i := 0
	for i < len(times) && now.Sub(times[i]) >= w.period {
		i++
	}
	times = times[i:]
	if len(times) == 0 {
		delete(w.events, key)
		return nil
	}
	w.events[key] = times
	return times
}
