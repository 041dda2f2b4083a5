package ratelimit

import (
	"testing"
	"time"
)

func TestFullAddReset(t *testing.T) {
	w := New(3, time.Minute)
	start := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	for i := range 3 {
		if full, _ := w.Full("budi", start.Add(time.Duration(i)*time.Second)); full {
			t.Fatalf("full after %d events, limit 3", i)
		}
		w.Add("budi", start.Add(time.Duration(i)*time.Second))
	}
	full, until := w.Full("budi", start.Add(10*time.Second))
	if !full || !until.Equal(start.Add(time.Minute)) {
		t.Errorf("after 3 events: full %v until %v, want true until %v", full, until, start.Add(time.Minute))
	}
	if full, _ := w.Full("ani", start.Add(10*time.Second)); full {
		t.Error("another key is full")
	}
	if full, _ := w.Full("budi", start.Add(time.Minute+time.Second)); full {
		t.Error("still full after the first event left the window")
	}
	w.Reset("budi")
	if full, _ := w.Full("budi", start.Add(10*time.Second)); full {
		t.Error("still full after Reset")
	}
}

func TestAllow(t *testing.T) {
	w := New(2, time.Minute)
	t0 := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		key   string
		at    time.Duration
		want  bool
		retry time.Duration
	}{
		{"a", 0, true, 0}, {"a", 10 * time.Second, true, 0}, {"a", 20 * time.Second, false, 40 * time.Second},
		{"b", 20 * time.Second, true, 0}, {"a", 60 * time.Second, true, 0}, {"a", 61 * time.Second, false, 9 * time.Second},
	} {
		ok, retry := w.Allow(tc.key, t0.Add(tc.at))
		if ok != tc.want || retry != tc.retry {
			t.Errorf("Allow(%s, +%v) = %v, %v; want %v, %v", tc.key, tc.at, ok, retry, tc.want, tc.retry)
		}
	}
}
