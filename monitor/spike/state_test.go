package spike

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestStateRoundTrip(t *testing.T) {
	counts := slices.Concat(flat(12, 2, 7, 8, 9, 13), []int{0, 0, 0, 0, 0, 0, 0, 20, 1})
	s := newTest(t, Config{})
	s.Rebuild(monday, counts[:len(counts)-1])
	s.Add(monday.Add(time.Duration(len(counts)-1)*time.Hour), 1) // an open hour with a count
	pendingAt := monday.Add(time.Duration(len(counts)-1) * time.Hour)
	s2 := newTest(t, Config{})
	s.Rebuild(monday, counts[:len(counts)-2])
	s.Add(pendingAt.Add(-time.Hour), 20)
	s.Add(pendingAt, 1) // closes the hour of 20: an alert waits for Check
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.UnmarshalBinary(data); err != nil {
		t.Fatalf("UnmarshalBinary: %v", err)
	}
	again, _ := s2.MarshalBinary()
	if string(again) != string(data) {
		t.Error("MarshalBinary after UnmarshalBinary differs")
	}
	a1, ok1 := s.Check(pendingAt.Add(time.Hour))
	a2, ok2 := s2.Check(pendingAt.Add(time.Hour))
	if !ok1 || !ok2 || !alertEqual(a1, a2) {
		t.Errorf("pending alert before %+v %v, after %+v %v", a1, ok1, a2, ok2)
	}
	// Another sensitivity reads the same state; another window does not.
	if err := newTest(t, Config{Sensitivity: High, Keep: 48 * time.Hour}).UnmarshalBinary(data); err != nil {
		t.Errorf("UnmarshalBinary with another sensitivity and Keep: %v", err)
	}
	for _, cfg := range []Config{{Window: time.Hour}, {Span: 28}} {
		if err := newTest(t, cfg).UnmarshalBinary(data); !errors.Is(err, ErrIncompatible) {
			t.Errorf("UnmarshalBinary with %+v: %v, want ErrIncompatible", cfg, err)
		}
	}
	wita, _ := New(Config{Location: time.FixedZone("WITA", 8*3600)})
	if err := wita.UnmarshalBinary(data); !errors.Is(err, ErrIncompatible) {
		t.Errorf("UnmarshalBinary of a WIB state in WITA: %v, want ErrIncompatible", err)
	}
	// Empty series round-trip too.
	empty, _ := newTest(t, Config{}).MarshalBinary()
	if err := newTest(t, Config{}).UnmarshalBinary(empty); err != nil {
		t.Errorf("UnmarshalBinary of an empty series: %v", err)
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	s := newTest(t, Config{})
	s.Rebuild(monday, flat(9, 2, 9))
	data, _ := s.MarshalBinary()
	before := string(data)
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("xyz"), data[3:]...),
		"truncated": data[:len(data)-1],
		"trailing":  append(slices.Clone(data), 0),
	}
	flip := slices.Clone(data)
	flip[len(flip)-entrySize] ^= 0x40 // a count no longer matching the window sums
	tests["count"] = flip
	for name, d := range tests {
		if err := s.UnmarshalBinary(d); err == nil {
			t.Errorf("UnmarshalBinary(%s) succeeded", name)
		}
	}
	if after, _ := s.MarshalBinary(); string(after) != before {
		t.Error("a failed UnmarshalBinary changed the series")
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	for _, counts := range [][]int{nil, {3}, flat(2, 1, 9), slices.Concat(flat(9, 2, 8, 9), []int{0, 0, 0, 0, 0, 0, 0, 0, 30})} {
		s, _ := New(Config{Location: wib, Keep: 24 * time.Hour})
		s.Rebuild(monday, counts)
		data, _ := s.MarshalBinary()
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := New(Config{Location: wib, Keep: 24 * time.Hour})
		if err := s.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		s2, _ := New(Config{Location: wib, Keep: 24 * time.Hour})
		if err := s2.UnmarshalBinary(again); err != nil {
			t.Fatalf("a state read back fails to read again: %v", err)
		}
		// Whatever was read must run without panicking.
		next := time.Unix((s.open+1)*3600, 0)
		s.Add(next, 3)
		s.Check(next.Add(2 * time.Hour))
		s.Band(next.Add(-48*time.Hour), next.Add(2*time.Hour))
	})
}
