package spike

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The binary state: a magic and version, then fixed-size little-endian
// fields. It holds what the series learnt (baseline, clock, episode, the
// pending alert, the kept hours), never the configuration but the three
// settings the baseline depends on (Window, Span, the zone's offset), which
// UnmarshalBinary checks.
const (
	stateMagic   = "spk"
	stateVersion = 1
	slotSize     = 5 * 8
	entrySize    = 4 + 4 + 4 + 4 + 1
	maxKeptHours = 60 * 24
	maxHour      = 1e8 // about 11,000 years either side of 1970
)

// MarshalBinary returns the series' state, for the caller to store: about
// 6 KB with the default Keep of 7 days (3 KB of baseline, 17 bytes per
// kept hour).
func (s *Series) MarshalBinary() ([]byte, error) {
	kept := s.keptHours()
	b := make([]byte, 0, 128+3*24*slotSize+int(kept)*entrySize)
	b = append(b, stateMagic...)
	b = append(b, stateVersion, byte(hours(s.cfg.Window)))
	b = binary.LittleEndian.AppendUint16(b, uint16(s.cfg.Span))
	b = binary.LittleEndian.AppendUint32(b, uint32(int32(s.offset())))
	b = append(b, boolByte(s.started), boolByte(s.episode), boolByte(s.hasPending))
	for _, v := range []int64{s.start, s.open, s.count, s.sum, s.calm} {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	if s.hasPending {
		a := s.pending
		b = binary.LittleEndian.AppendUint64(b, uint64(unixHour(a.Until)))
		for _, v := range []int64{int64(a.Observed), int64(a.MinVolume), int64(a.BaselineDays)} {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
		for _, f := range []float64{a.Expected, a.StdDev, a.K, a.Threshold} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
		}
		b = append(b, boolByte(a.DayOff))
	}
	for i := range 3 * 24 {
		sl := s.slotAt(i)
		for _, f := range []float64{sl.w, sl.w2, sl.mean, sl.m2} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
		}
		b = binary.LittleEndian.AppendUint64(b, uint64(sl.last))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(kept))
	for h := s.open - kept; h < s.open; h++ {
		e := s.ring[s.index(h)]
		b = binary.LittleEndian.AppendUint32(b, e.count)
		b = binary.LittleEndian.AppendUint32(b, e.sum)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(e.exp))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(e.sd))
		b = append(b, e.flags)
	}
	return b, nil
}

// keptHours returns how many closed hours the ring holds.
func (s *Series) keptHours() int64 {
	if !s.started {
		return 0
	}
	return min(s.open-s.start, int64(len(s.ring)))
}

// offset returns the zone's offset from UTC, in seconds, at the open hour.
func (s *Series) offset() int {
	_, off := s.hourTime(s.open).Zone()
	return off
}

// slotAt returns the baseline slot i of 72: the all-days slots, then the
// working-day slots, then the day-off ones.
func (s *Series) slotAt(i int) *slot {
	if i < 24 {
		return &s.base.all[i]
	}
	return &s.base.kind[(i-24)/24][i%24]
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// errState is the error of a state that cannot be read.
var errState = errors.New("spike: corrupt state")

// UnmarshalBinary replaces the series' state by one from MarshalBinary. It
// returns ErrIncompatible when the state was built with another Window,
// Span or zone offset (rebuild it from the counts), and an error, leaving
// the series unchanged, when the data is not a valid state. A different
// Sensitivity, MinVolume, MinHistory, CoolDown or Keep is fine: they apply
// from the next hour (a shorter Keep drops the oldest hours).
func (s *Series) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if string(r.next(len(stateMagic))) != stateMagic || r.byte() != stateVersion {
		return errState
	}
	window, span, off := int64(r.byte()), int(r.uint16()), int(int32(r.uint32()))
	t := &Series{cfg: s.cfg, k: s.k}
	t.reset()
	t.started, t.episode, t.hasPending = r.bool(), r.bool(), r.bool()
	t.start, t.open, t.count, t.sum, t.calm = r.int64(), r.int64(), r.int64(), r.int64(), r.int64()
	if r.err != nil || t.start < -maxHour || t.open > maxHour || t.start > t.open {
		return errState
	}
	if window != hours(s.cfg.Window) || span != s.cfg.Span || (t.started && off != t.offset()) {
		return ErrIncompatible
	}
	if t.hasPending {
		until := r.int64()
		a := Alert{Window: s.cfg.Window, Observed: int(r.int64()), MinVolume: int(r.int64()),
			BaselineDays: int(r.int64()), Expected: r.float64(), StdDev: r.float64(),
			K: r.float64(), Threshold: r.float64(), DayOff: r.bool()}
		if until > t.open || until < t.start+window || a.Observed < 0 || a.Observed > 24*maxCount ||
			a.MinVolume < 1 || a.BaselineDays < 0 || a.BaselineDays > span ||
			!finite(a.Expected, a.StdDev, a.K, a.Threshold) {
			return errState
		}
		a.Since, a.Until = t.hourTime(until-window), t.hourTime(until)
		t.pending = a
	}
	maxWeight := 1/(1-t.base.kept) + 1e-6
	for i := range 3 * 24 {
		sl := t.slotAt(i)
		sl.w, sl.w2, sl.mean, sl.m2, sl.last = r.float64(), r.float64(), r.float64(), r.float64(), r.int64()
		// The weights sum to at most 1/α (one a day, decaying); counts are
		// never negative.
		if !finite(sl.w, sl.w2, sl.mean, sl.m2) || sl.w < 0 || sl.w > maxWeight || sl.w2 < 0 ||
			sl.w2 > sl.w*sl.w || sl.mean < 0 || sl.mean > 24*maxCount || sl.m2 < 0 || sl.last > t.open {
			return errState
		}
	}
	kept := int64(r.uint32())
	if r.err != nil || !t.started && (kept != 0 || t.episode || t.hasPending) ||
		t.open-t.start < kept || kept < min(t.open-t.start, 24) ||
		kept > maxKeptHours || t.count < 0 || t.count > maxCount || t.calm < 0 ||
		int64(len(r.b)) != kept*entrySize {
		return errState
	}
	if err := t.readRing(&r, kept, window); err != nil {
		return err
	}
	*s = *t
	return nil
}

// readRing reads kept closed hours, the newest last, and checks that the
// window sums agree with the counts.
func (t *Series) readRing(r *reader, kept, window int64) error {
	n := int64(len(t.ring))
	whole := t.open-kept == t.start // every hour since the start is kept
	counts := make([]int64, kept)
	for i := range kept {
		h := t.open - kept + i
		e := entry{count: r.uint32(), sum: r.uint32(), exp: r.float32(), sd: r.float32(), flags: r.byte()}
		if e.count > maxCount || e.flags > flagReady|flagSpike ||
			!finite(float64(e.exp), float64(e.sd)) || e.exp < 0 || e.sd < 0 {
			return errState
		}
		counts[i] = int64(e.count)
		var sum int64
		for j := i; j >= 0 && j > i-window; j-- {
			sum += counts[j]
		}
		// A window reaching before the kept hours cannot be checked,
		// unless nothing was counted before them.
		if (i+1 >= window || whole) && sum != int64(e.sum) {
			return errState
		}
		if i >= kept-n {
			t.ring[t.index(h)] = e
		}
	}
	if kept > 0 && t.sum != int64(t.ring[t.index(t.open-1)].sum) || kept == 0 && t.sum != 0 {
		return errState
	}
	return r.err
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// reader reads fixed-size little-endian fields; past the end it returns
// zeros and remembers the error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next(n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.err = fmt.Errorf("%w: truncated", errState)
		return make([]byte, n)
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) byte() byte       { return r.next(1)[0] }
func (r *reader) bool() bool       { return r.byte() != 0 }
func (r *reader) uint16() uint16   { return binary.LittleEndian.Uint16(r.next(2)) }
func (r *reader) uint32() uint32   { return binary.LittleEndian.Uint32(r.next(4)) }
func (r *reader) int64() int64     { return int64(binary.LittleEndian.Uint64(r.next(8))) }
func (r *reader) float32() float32 { return math.Float32frombits(r.uint32()) }
func (r *reader) float64() float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(r.next(8)))
}
