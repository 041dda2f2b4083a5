package spike

import (
	"slices"
	"time"
)

// The evaluation of the detector on a real series, shared by the tests and
// the figures of docs/benchmarks.md.

// dayIndex returns the local (WIB) day of t, in days since 1970.
func dayIndex(t time.Time) int64 {
	_, off := t.Zone()
	u := t.Unix() + int64(off)
	d := u / 86400
	if u%86400 < 0 {
		d--
	}
	return d
}

// daily returns the items per WIB day of rs, from its first day.
func (rs realSeries) daily() (first int64, counts []int) {
	first = dayIndex(rs.start)
	for i, c := range rs.counts {
		d := dayIndex(rs.start.Add(time.Duration(i)*time.Hour)) - first
		for int64(len(counts)) <= d {
			counts = append(counts, 0)
		}
		counts[d] += c
	}
	return first, counts
}

// burstDays applies the independent rule for a real burst: a day whose
// count is at least 10 and at least 4 times the median count of the same
// weekday over the whole series (a median of 0 counts as 1). It knows
// nothing of the detector: no hours, no baseline, no σ. The result is
// indexed like daily's counts.
func (rs realSeries) burstDays() []bool {
	first, counts := rs.daily()
	var byWeekday [7][]int
	for i, c := range counts {
		wd := (first + int64(i) + 4) % 7 // 1970-01-01 was a Thursday
		byWeekday[wd] = append(byWeekday[wd], c)
	}
	var median [7]float64
	for wd, cs := range byWeekday {
		if len(cs) == 0 {
			continue
		}
		slices.Sort(cs)
		median[wd] = float64(cs[len(cs)/2])
		if len(cs)%2 == 0 {
			median[wd] = float64(cs[len(cs)/2-1]+cs[len(cs)/2]) / 2
		}
	}
	out := make([]bool, len(counts))
	for i, c := range counts {
		wd := (first + int64(i) + 4) % 7
		out[i] = c >= 10 && float64(c) >= 4*max(median[wd], 1)
	}
	return out
}

// evaluation is how the detector did on one series at one setting.
type evaluation struct {
	ordinaryDays int       // days counted as ordinary
	falseAlarms  int       // alerts on ordinary days
	runs         int       // runs of consecutive burst days, after MinHistory
	caught       int       // runs alerted on their first day or the day before
	delays       []float64 // hours from each caught run's onset to its alert (negative: before)
	before       []float64 // share of the first day's items published before its alert
	alerts       []Alert   // every alert of the replay
}

// perMonth returns the false alarms per 30 ordinary days.
func (e evaluation) perMonth() float64 {
	if e.ordinaryDays == 0 {
		return 0
	}
	return float64(e.falseAlarms) * 30 / float64(e.ordinaryDays)
}

// evaluate replays rs through a new series of cfg. Ordinary days are those
// after the first MinHistory that are neither a burst day nor next to one.
// Consecutive burst days form a run, caught when an alert fires on its
// first day or the day before (the rise began in the evening: the officer
// already knows). A run's onset is the end of the hour in which its first day's
// running count reached MinVolume: no detector could alert earlier on that
// day.
func evaluate(rs realSeries, cfg Config) evaluation {
	s, err := New(cfg)
	if err != nil {
		panic(err)
	}
	e := evaluation{alerts: s.Rebuild(rs.start, rs.counts)}
	cfg = s.Config()
	first, counts := rs.daily()
	burst := rs.burstDays()
	ready := dayIndex(rs.start.Add(cfg.MinHistory)) - first + 1 // the first whole day after MinHistory
	alertsOn := make(map[int64][]Alert)
	for _, a := range e.alerts {
		d := dayIndex(a.Until.Add(-time.Nanosecond)) - first
		alertsOn[d] = append(alertsOn[d], a)
	}
	isBurst := func(d int64) bool { return d >= 0 && d < int64(len(burst)) && burst[d] }
	for d := ready; d < int64(len(counts)); d++ {
		if !isBurst(d) && !isBurst(d-1) && !isBurst(d+1) {
			e.ordinaryDays++
			e.falseAlarms += len(alertsOn[d])
		}
		if !isBurst(d) || isBurst(d-1) {
			continue
		}
		e.runs++
		as := alertsOn[d]
		if prev := alertsOn[d-1]; len(prev) > 0 {
			as = prev[len(prev)-1:] // the rise began the day before
		}
		if len(as) > 0 {
			e.caught++
			onset, before := rs.onset(first+d, cfg.MinVolume, as[0].Until)
			e.delays = append(e.delays, as[0].Until.Sub(onset).Hours())
			e.before = append(e.before, float64(before)/float64(counts[d]))
		}
	}
	return e
}

// onset returns the end of the hour of day in which the day's running count
// reached minVolume, and how many of the day's items were published before
// until.
func (rs realSeries) onset(day int64, minVolume int, until time.Time) (time.Time, int) {
	var onset time.Time
	run, before := 0, 0
	for i, c := range rs.counts {
		t := rs.start.Add(time.Duration(i) * time.Hour)
		if dayIndex(t) != day || c == 0 {
			continue
		}
		run += c
		if run >= minVolume && onset.IsZero() {
			onset = t.Add(time.Hour)
		}
		if t.Before(until) {
			before += c
		}
	}
	return onset, before
}
