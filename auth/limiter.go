package auth

import (
	"sync"
	"time"
)

// limiter counts failed logins in a sliding window, per key (an account or a
// client address). It lives in the process: with several processes on
// PostgreSQL each keeps its own count, which still bounds guessing to
// limit × processes per window.
type limiter struct {
	mu       sync.Mutex
	window   time.Duration
	limit    int
	failures map[string][]time.Time
}

func newLimiter(limit int, window time.Duration) *limiter {
	return &limiter{limit: limit, window: window, failures: make(map[string][]time.Time)}
}

// blocked reports whether key has reached the limit at now, and when the
// oldest counted failure leaves the window.
func (l *limiter) blocked(key string, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.prune(key, now)
	if len(recent) < l.limit {
		return false, time.Time{}
	}
	return true, recent[0].Add(l.window)
}

func (l *limiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[key] = append(l.prune(key, now), now)
	if len(l.failures) > 100_000 { // bound memory under a spray of addresses
		for k := range l.failures {
			if len(l.prune(k, now)) == 0 {
				delete(l.failures, k)
			}
		}
	}
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}

// prune drops failures older than the window; the caller holds mu.
func (l *limiter) prune(key string, now time.Time) []time.Time {
	times := l.failures[key]
	i := 0
	for i < len(times) && now.Sub(times[i]) >= l.window {
		i++
	}
	times = times[i:]
	if len(times) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = times
	return times
}
