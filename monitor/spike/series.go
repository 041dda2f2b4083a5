package spike

import "time"

// maxCount caps the items of one hour, so a window of 24 hours still fits
// the 32 bits each hour is kept in.
const maxCount = 1 << 26

// maxGap is the longest silence, in hours, a series bridges hour by hour;
// past it (a year without a call, or a clock gone wrong) it starts afresh.
const maxGap = 366 * 24

// Series is the early warning of one time series: its hourly counts, its
// baseline and its current episode. Feed it with Add, ask with Check at
// least once an hour, and store it with MarshalBinary. A Series is not safe
// for concurrent use; its hours are UTC hours, which are the local hours of
// WIB, WITA and WIT.
type Series struct {
	cfg  Config
	k    float64 // cfg.Sensitivity.K()
	base baseline

	started bool
	start   int64 // unix hour of the first hour counted
	open    int64 // unix hour now being counted; every earlier one is closed
	count   int64 // items in the open hour
	sum     int64 // items in the window ending with the last closed hour
	ring    []entry

	episode bool  // an alert fired and the count has not yet calmed down
	calm    int64 // closed hours at or under the threshold since the last one above

	pending    Alert // the first alert raised since the last Check
	hasPending bool

	day    int64 // local day (year·1000 + day of the year) that dayOff describes
	dayOff bool
}

// entry is one closed hour, kept for Band.
type entry struct {
	count uint32  // items in the hour
	sum   uint32  // items in the window ending with it
	exp   float32 // the baseline's mean for that window
	sd    float32 // its spread
	flags uint8
}

const (
	flagReady uint8 = 1 << iota // exp and sd are set
	flagSpike                   // an alert fired at the end of this hour
)

// New returns an empty series; its clock starts at the first Add, Check or
// Rebuild.
func New(cfg Config) (*Series, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Series{cfg: cfg, k: cfg.Sensitivity.K()}
	s.reset()
	return s, nil
}

// Config returns the series' configuration, with defaults filled in.
func (s *Series) Config() Config { return s.cfg }

// reset forgets everything but the configuration.
func (s *Series) reset() {
	*s = Series{cfg: s.cfg, k: s.k, base: newBaseline(s.cfg.Span),
		ring: make([]entry, hours(s.cfg.Keep)), day: -1 << 62}
}

// unixHour returns the hour t falls in, in hours since 1970 (UTC).
func unixHour(t time.Time) int64 {
	u := t.Unix()
	h := u / 3600
	if u%3600 < 0 {
		h--
	}
	return h
}

// hourTime returns the start of unix hour h in the series' zone.
func (s *Series) hourTime(h int64) time.Time {
	return time.Unix(h*3600, 0).In(s.cfg.Location)
}

// begin starts the clock at hour h.
func (s *Series) begin(h int64) {
	s.started, s.start, s.open = true, h, h
}

// Add counts n items at time t. Items of an hour already closed (they
// arrived late) count in the hour being counted, so a late burst still
// alerts; items of a later hour first close the hours before it (after
// more than a year without a call, the series starts afresh). n ≤ 0 does
// nothing.
func (s *Series) Add(t time.Time, n int) {
	if n <= 0 {
		return
	}
	h := unixHour(t)
	if !s.started {
		s.begin(h)
	}
	s.advance(h, s.keepFirst)
	s.count = min(s.count+int64(n), maxCount)
}

// Check closes every hour that ended at or before now and returns the first
// alert raised since the last Check, if any. Call it at least once an hour:
// an alert raised while hours close in bulk is reported once, the earliest,
// and the others remain visible in Band.
func (s *Series) Check(now time.Time) (Alert, bool) {
	h := unixHour(now)
	if !s.started {
		s.begin(h)
	}
	s.advance(h, s.keepFirst)
	a, ok := s.pending, s.hasPending
	s.pending, s.hasPending = Alert{}, false
	return a, ok
}

// keepFirst keeps a for the next Check unless an earlier alert waits.
func (s *Series) keepFirst(a Alert) {
	if !s.hasPending {
		s.pending, s.hasPending = a, true
	}
}

// Rebuild forgets the series and replays hourly counts: counts[i] items in
// the hour starting at start + i hours (start is truncated to its hour;
// negative counts count as 0). It returns the alerts the replay raised, in
// order, and leaves none pending for Check; counting goes on at the hour
// after the last.
func (s *Series) Rebuild(start time.Time, counts []int) []Alert {
	s.reset()
	s.begin(unixHour(start))
	var alerts []Alert
	collect := func(a Alert) { alerts = append(alerts, a) }
	for _, c := range counts {
		s.count = min(int64(max(c, 0)), maxCount)
		s.closeHour(collect)
	}
	return alerts
}

// advance closes every hour before h.
func (s *Series) advance(h int64, emit func(Alert)) {
	if h-s.open > maxGap {
		s.reset()
		s.begin(h)
		return
	}
	for s.open < h {
		s.closeHour(emit)
	}
}

// closeHour ends the open hour: it slides the window, compares the window's
// count with the baseline (raising an alert through emit), teaches the
// baseline, and opens the next hour.
func (s *Series) closeHour(emit func(Alert)) {
	h := s.open
	w := hours(s.cfg.Window)
	if h-w >= s.start {
		s.sum -= int64(s.ring[s.index(h-w)].count)
	}
	s.sum += s.count
	e := entry{count: uint32(s.count), sum: uint32(s.sum)}
	if h-s.start+1 >= w {
		s.judge(h, &e, emit)
	}
	s.ring[s.index(h)] = e
	s.open++
	s.count = 0
}

// index returns the place of hour h in the ring.
func (s *Series) index(h int64) int64 {
	n := int64(len(s.ring))
	i := h % n
	if i < 0 {
		i += n
	}
	return i
}

// judge compares the complete window ending with hour h with its baseline,
// then adds it to the baseline, capped at expected + 3σ.
func (s *Series) judge(h int64, e *entry, emit func(Alert)) {
	hod, off := s.local(h)
	x := float64(s.sum)
	est := s.base.estimate(h, hod, off)
	if est.ok {
		e.exp, e.sd, e.flags = float32(est.mean), float32(est.sd), flagReady
		threshold := est.mean + s.k*est.sd
		if h+1-s.start >= hours(s.cfg.MinHistory) {
			above := x > threshold && s.sum >= int64(s.cfg.MinVolume)
			switch {
			case s.episode && above:
				s.calm = 0
			case s.episode:
				s.calm++
				if s.calm >= hours(s.cfg.CoolDown) {
					s.episode = false
				}
			case above:
				s.episode, s.calm = true, 0
				e.flags |= flagSpike
				emit(s.alert(h, est, threshold, off))
			}
		}
		x = min(x, est.mean+capK*est.sd)
	}
	s.base.observe(h, hod, off, x)
}

// alert describes the spike of the window ending with hour h.
func (s *Series) alert(h int64, est estimate, threshold float64, off bool) Alert {
	w := hours(s.cfg.Window)
	return Alert{
		Since:        s.hourTime(h + 1 - w),
		Until:        s.hourTime(h + 1),
		Window:       s.cfg.Window,
		Observed:     int(s.sum),
		Expected:     est.mean,
		StdDev:       est.sd,
		K:            s.k,
		Threshold:    threshold,
		MinVolume:    s.cfg.MinVolume,
		BaselineDays: int(min((h+1-s.start)/24, int64(s.cfg.Span))),
		DayOff:       off,
	}
}

// local returns the hour of the day of unix hour h in the series' zone, and
// whether its day is a day off: Saturday, Sunday or, per Config.Holiday, a
// holiday. The holiday answer is remembered for the day.
func (s *Series) local(h int64) (hod int, off bool) {
	t := s.hourTime(h)
	y, m, d := t.Date()
	if day := int64(y)*1000 + int64(t.YearDay()); day != s.day {
		wd := t.Weekday()
		s.day = day
		s.dayOff = wd == time.Saturday || wd == time.Sunday ||
			(s.cfg.Holiday != nil && s.cfg.Holiday(time.Date(y, m, d, 0, 0, 0, 0, s.cfg.Location)))
	}
	return t.Hour(), s.dayOff
}

// Point is one closed hour of a series, for a chart of the counts, the
// baseline band and the spikes.
type Point struct {
	T        time.Time // the end of the hour, and of the window ending with it
	Count    int       // items in the hour before T
	Observed int       // items in the window ending at T
	Ready    bool      // the baseline existed; Expected, Low and High are set
	Expected float64   // the baseline's mean for the window
	Low      float64   // max(Expected − k·σ, 0): the band's lower edge
	High     float64   // Expected + k·σ: the threshold
	Spike    bool      // an alert fired at T
}

// Band returns the closed hours ending after from and at or before to that
// the series still keeps (Config.Keep), oldest first.
func (s *Series) Band(from, to time.Time) []Point {
	if !s.started {
		return nil
	}
	n := int64(len(s.ring))
	// Hour h ends at (h+1)·3600 s: after from when h ≥ unixHour(from),
	// at or before to when h < unixHour(to).
	lo := max(unixHour(from), s.start, s.open-n)
	hi := min(unixHour(to), s.open)
	var pts []Point
	for h := lo; h < hi; h++ {
		e := s.ring[s.index(h)]
		p := Point{T: s.hourTime(h + 1), Count: int(e.count), Observed: int(e.sum),
			Spike: e.flags&flagSpike != 0}
		if e.flags&flagReady != 0 {
			exp, sd := float64(e.exp), float64(e.sd)
			p.Ready, p.Expected, p.Low, p.High = true, exp, max(exp-s.k*sd, 0), exp+s.k*sd
		}
		pts = append(pts, p)
	}
	return pts
}
