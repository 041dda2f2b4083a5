package spike

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// The detector on real series: hourly counts of publication times from the
// shared corpora (data_test.go). The figures these tests log are those of
// docs/benchmarks.md: go test -run TestReal -v ./monitor/spike/

// TestRealOrdinaryPeriods: on days that are ordinary by the independent
// daily rule (eval_test.go), alerts are rare. The bounds are per series and
// per 30 ordinary days.
func TestRealOrdinaryPeriods(t *testing.T) {
	series := realCorpusSeries(t)
	type bound struct{ worst, mean float64 }
	limits := []struct {
		name      string
		minVolume int
		bounds    map[Sensitivity]bound
	}{
		{"MinVolume 5 (default)", 5, map[Sensitivity]bound{Low: {4, 1}, Medium: {6, 1.5}, High: {8, 2.5}}},
		{"MinVolume 10 (wide searches)", 10, map[Sensitivity]bound{Low: {1, 0.25}, Medium: {2, 0.5}, High: {3, 1}}},
	}
	for _, lim := range limits {
		var table strings.Builder
		fmt.Fprintf(&table, "\nfalse alarms per series-month on ordinary days, 3-hour window, %s\n", lim.name)
		fmt.Fprintf(&table, "%-18s %6s %7s %7s %7s\n", "series", "days", "low", "medium", "high")
		sum := make(map[Sensitivity]float64)
		for _, rs := range series {
			fmt.Fprintf(&table, "%-18s", rs.name)
			for i, sens := range Sensitivities {
				e := evaluate(rs, Config{Location: wib, Sensitivity: sens, MinVolume: lim.minVolume})
				if i == 0 {
					fmt.Fprintf(&table, " %6d", e.ordinaryDays)
				}
				fmt.Fprintf(&table, " %7.2f", e.perMonth())
				sum[sens] += e.perMonth()
				if b := lim.bounds[sens]; e.perMonth() > b.worst {
					t.Errorf("%s, %s, %v: %.2f false alarms a month, want at most %v", rs.name, lim.name, sens, e.perMonth(), b.worst)
				}
				for _, a := range e.alerts {
					if a.Observed < lim.minVolume {
						t.Errorf("%s: alert of %d items under MinVolume %d", rs.name, a.Observed, lim.minVolume)
					}
				}
			}
			table.WriteByte('\n')
		}
		fmt.Fprintf(&table, "%-18s %6s", "mean", "")
		for _, sens := range Sensitivities {
			mean := sum[sens] / float64(len(series))
			fmt.Fprintf(&table, " %7.2f", mean)
			if b := lim.bounds[sens]; mean > b.mean {
				t.Errorf("%s, %v: %.2f false alarms per series-month on average, want at most %v", lim.name, sens, mean, b.mean)
			}
		}
		t.Log(table.String())
	}
}

// TestRealBurstsCaught: the runs of burst days found by the independent
// daily rule are alerted on their first day (or the evening before), soon
// after their onset.
func TestRealBurstsCaught(t *testing.T) {
	series := realCorpusSeries(t)
	for _, w := range []time.Duration{3 * time.Hour, 24 * time.Hour} {
		var table strings.Builder
		fmt.Fprintf(&table, "\nruns of burst days caught on their first day or the evening before, %v window (delay: hours from onset to alert)\n", w)
		for _, sens := range Sensitivities {
			var runs, caught int
			var delays, before []float64
			var missed []string
			for _, rs := range series {
				e := evaluate(rs, Config{Location: wib, Sensitivity: sens, Window: w})
				runs += e.runs
				caught += e.caught
				delays = append(delays, e.delays...)
				before = append(before, e.before...)
				if e.caught < e.runs {
					missed = append(missed, fmt.Sprintf("%s %d", rs.name, e.runs-e.caught))
				}
			}
			fmt.Fprintf(&table, "%-6v caught %d/%d; delay median %.0f h, range %.0f to %.0f h; items of the day before the alert: median %.0f %%; missed: %s\n",
				sens, caught, runs, median(delays), slices.Min(delays), slices.Max(delays), 100*median(before), strings.Join(missed, ", "))
			// The 3-hour window must catch nearly every run quickly; the
			// 24-hour window is for sparse series and may miss the runs
			// of dense ones, whose usual day is itself large.
			if w == 3*time.Hour {
				want := 0.9
				if sens == Low {
					want = 0.8
				}
				if float64(caught) < want*float64(runs) {
					t.Errorf("%v, %v window: %d of %d burst runs caught on their first day, want at least %.0f %%", sens, w, caught, runs, 100*want)
				}
				if median(delays) > 3 {
					t.Errorf("%v: median delay %.1f h after onset, want within the first window (3 h)", sens, median(delays))
				}
			}
		}
		t.Log(table.String())
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestRealKnownEvents: two events of the news every Humas officer saw, in
// Tempo's feeds. The protests of late August 2025 (at the DPR from 25
// August, spreading after the death of a delivery rider on 28 August) in
// the series of items saying demo/demonstrasi/unjuk rasa; the floods of
// Sumatra at the end of November 2025 in the series saying banjir. Keyword
// series are sparse (under one item a day), so the 24-hour window is the
// setting an analyst would choose; the 3-hour window is checked too where
// the event was dense enough.
func TestRealKnownEvents(t *testing.T) {
	var demo, banjir realSeries
	for _, rs := range realCorpusSeries(t) {
		switch rs.name {
		case "tempo/'demo'":
			demo = rs
		case "tempo/'banjir'":
			banjir = rs
		}
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib) }
	events := []struct {
		rs       realSeries
		window   time.Duration
		sens     []Sensitivity
		from, to time.Time // the alert must fall in [from, to)
		quiet    time.Time // and none from quiet to from
	}{
		{demo, 24 * time.Hour, Sensitivities, day(2025, 8, 25), day(2025, 9, 2), day(2025, 7, 4)},
		{demo, 3 * time.Hour, []Sensitivity{Medium, High}, day(2025, 8, 25), day(2025, 9, 2), day(2025, 7, 4)},
		{banjir, 24 * time.Hour, Sensitivities, day(2025, 11, 25), day(2025, 12, 4), day(2025, 10, 25)},
	}
	for _, ev := range events {
		for _, sens := range ev.sens {
			e := evaluate(ev.rs, Config{Location: wib, Sensitivity: sens, Window: ev.window})
			var first *Alert
			for i, a := range e.alerts {
				if !a.Until.Before(ev.quiet) && a.Until.Before(ev.from) {
					t.Errorf("%s, %v, %v window: alert at %v before the event", ev.rs.name, sens, ev.window, a.Until)
				}
				if first == nil && !a.Until.Before(ev.from) && a.Until.Before(ev.to) {
					first = &e.alerts[i]
				}
			}
			if first == nil {
				t.Errorf("%s, %v, %v window: no alert from %v to %v", ev.rs.name, sens, ev.window, ev.from, ev.to)
				continue
			}
			key, args := first.Reason("spike", "di Tempo")
			t.Logf("%s, %v, %v window: first alert %s: %s %v", ev.rs.name, sens, ev.window,
				first.Until.Format("2006-01-02 15:04 MST"), key, args)
		}
	}
}

// TestRealSeasonality: a working day's busiest morning window of Tempo's
// feeds (all five) is usual at its hour; the same items moved to 01:00–04:00
// of the same day are a spike. Checked on every ordinary working day after
// three weeks of history.
func TestRealSeasonality(t *testing.T) {
	rs := realCorpusSeries(t)[0]
	if rs.name != "tempo/all" {
		t.Fatalf("first series is %s, want tempo/all", rs.name)
	}
	first, _ := rs.daily()
	burst := rs.burstDays()
	cfg := Config{Location: wib}
	var days, morningAlerts, nightAlerts int
	var morningExp, nightExp []float64
	for d := int64(21); d+1 < int64(len(burst)); d++ {
		date := time.Unix((first+d)*86400-7*3600, 0).In(wib)
		if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday || burst[d] {
			continue
		}
		base := int(unixHour(date) - unixHour(rs.start))
		// The busiest 3-hour window ending from 07:00 to 13:00.
		best, bestSum := 0, -1
		for end := 7; end <= 13; end++ {
			if n := sumOf(rs.counts[base+end-3 : base+end]); n > bestSum {
				best, bestSum = end, n
			}
		}
		if bestSum < cfg.withMin() {
			continue
		}
		days++
		day := slices.Clone(rs.counts[:base+24])
		s, _ := New(cfg)
		if a := alertIn(s.Rebuild(rs.start, day), date.Add(time.Duration(best-2)*time.Hour), date.Add(time.Duration(best)*time.Hour)); a != nil {
			morningAlerts++
		}
		morningExp = append(morningExp, expectedAt(s, date.Add(time.Duration(best)*time.Hour)))
		// The same items at 01:00–04:00, the morning emptied.
		moved := slices.Clone(day)
		clear(moved[base+best-3 : base+best])
		copy(moved[base+1:base+4], rs.counts[base+best-3:base+best])
		s, _ = New(cfg)
		if a := alertIn(s.Rebuild(rs.start, moved), date.Add(2*time.Hour), date.Add(4*time.Hour)); a != nil {
			nightAlerts++
			nightExp = append(nightExp, a.Expected)
		}
	}
	t.Logf("tempo/all, %d ordinary working days: the busiest morning window alerted on %d; moved to 01–04 it alerted on %d; expected at that morning hour: median %.1f, at night: median %.1f",
		days, morningAlerts, nightAlerts, median(morningExp), median(nightExp))
	if days < 100 {
		t.Fatalf("only %d days checked", days)
	}
	if float64(morningAlerts) > 0.05*float64(days) {
		t.Errorf("the usual morning peak alerted on %d of %d days, want at most 5 %%", morningAlerts, days)
	}
	if float64(nightAlerts) < 0.95*float64(days) {
		t.Errorf("the morning peak moved to 01–04 alerted on %d of %d days, want at least 95 %%", nightAlerts, days)
	}
	if median(nightExp) > 1 || median(morningExp) < 5 {
		t.Errorf("expected counts: morning %.1f, night %.1f; want a busy morning and a quiet night", median(morningExp), median(nightExp))
	}
}

// withMin returns MinVolume with its default.
func (c Config) withMin() int {
	c, _ = c.withDefaults()
	return c.MinVolume
}

func sumOf(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// alertIn returns the first alert whose window ends from from to to, or
// nil.
func alertIn(alerts []Alert, from, to time.Time) *Alert {
	for i, a := range alerts {
		if !a.Until.Before(from) && !a.Until.After(to) {
			return &alerts[i]
		}
	}
	return nil
}

// expectedAt returns the expected count of the window ending at until, from
// the series' band.
func expectedAt(s *Series, until time.Time) float64 {
	for _, p := range s.Band(until.Add(-time.Hour), until) {
		return p.Expected
	}
	return math.NaN()
}

// TestRealTinyJump: in real quiet series (Tempo's fact checks, and the
// series of items saying korupsi), two items at 02:00 where there are
// usually none never alert, whatever the sensitivity: a jump from 0 to 2
// is not news.
func TestRealTinyJump(t *testing.T) {
	for _, rs := range realCorpusSeries(t) {
		if rs.name != "tempo/cekfakta" && rs.name != "tempo/'korupsi'" {
			continue
		}
		first, _ := rs.daily()
		checked := 0
		for d := int64(10); d < int64(len(rs.counts)/24); d += 5 {
			at := int((first+d)*24 - 7 - unixHour(rs.start) + 2) // 02:00 WIB
			if at+3 >= len(rs.counts) || sumOf(rs.counts[at-2:at+3]) != 0 {
				continue
			}
			counts := slices.Clone(rs.counts[:at+3])
			counts[at] = 2
			checked++
			for _, sens := range Sensitivities {
				s, _ := New(Config{Location: wib, Sensitivity: sens})
				for _, a := range s.Rebuild(rs.start, counts) {
					if !a.Since.After(rs.start.Add(time.Duration(at) * time.Hour)) {
						continue
					}
					t.Errorf("%s, %v: 0 → 2 at %v alerted: %+v", rs.name, sens, a.Until, a)
				}
			}
		}
		if checked < 20 {
			t.Errorf("%s: only %d nights checked", rs.name, checked)
		}
		t.Logf("%s: 0 → 2 at 02:00 on %d nights, no alert at any sensitivity", rs.name, checked)
	}
}

// TestRealExplanationReproducible: every number of every alert on the real
// series is recomputed here from the publication times, by another
// algorithm (direct weighted sums over the past days rather than the
// running update), and must agree.
func TestRealExplanationReproducible(t *testing.T) {
	checked := 0
	for _, rs := range realCorpusSeries(t) {
		for _, cfg := range []Config{{Location: wib}, {Location: wib, Sensitivity: High, Window: 6 * time.Hour}} {
			e := evaluate(rs, cfg)
			cfg, _ = cfg.withDefaults()
			for _, a := range e.alerts {
				checked++
				observed := 0
				for _, pt := range rs.times {
					if !pt.Before(a.Since) && pt.Before(a.Until) {
						observed++
					}
				}
				h := int(unixHour(a.Until) - 1 - unixHour(rs.start))
				mean, sd := recompute(rs.counts, rs.start, cfg, h)
				days := min(int((unixHour(a.Until)-unixHour(rs.start))/24), cfg.Span)
				if observed != a.Observed || !near(mean, a.Expected) || !near(sd, a.StdDev) ||
					!near(a.Threshold, mean+cfg.Sensitivity.K()*sd) || a.BaselineDays != days ||
					a.Until.Sub(a.Since) != cfg.Window {
					t.Errorf("%s alert at %v: %d items, %v ± %v, threshold %v, %d days; recomputed %d items, %v ± %v, %d days",
						rs.name, a.Until, a.Observed, a.Expected, a.StdDev, a.Threshold, a.BaselineDays, observed, mean, sd, days)
				}
				_, args := a.Reason("spike", "x")
				if args[0] != observed || args[3] != math.Round(mean*10)/10 || args[4] != math.Round(sd*10)/10 {
					t.Errorf("%s alert at %v: Reason args %v disagree with %d, %.1f, %.1f", rs.name, a.Until, args, observed, mean, sd)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d alerts checked", checked)
	}
	t.Logf("%d alerts recomputed", checked)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(b)) }

// recompute returns the expected count and spread of the window ending
// with hour index h of counts, from the definition in the package comment:
// for the same hour of the day on every earlier day with a whole window,
// the window count (capped at its own expected + 3σ), weighted by
// (1−α)^age in days; working days and days off apart, mixed with all days
// in the proportion w : 1; the spread at least √max(mean, 1), widened by
// √(1 + 1/n).
func recompute(counts []int, start time.Time, cfg Config, h int) (mean, sd float64) {
	window := int(cfg.Window / time.Hour)
	kept := 1 - 2/float64(cfg.Span+1)
	offDay := func(i int) bool {
		wd := start.Add(time.Duration(i) * time.Hour).In(cfg.Location).Weekday()
		return wd == time.Saturday || wd == time.Sunday
	}
	var all []past
	kinds := map[bool][]past{}
	firstDay := h % 24
	for firstDay < window-1 {
		firstDay += 24
	}
	for i := firstDay; ; i += 24 {
		m, s, ok := direct(all, kinds[offDay(i)], i, kept)
		if i == h {
			return m, s
		}
		x := float64(sumOf(counts[i-window+1 : i+1]))
		if ok {
			x = min(x, m+3*s)
		}
		all = append(all, past{i, x})
		kinds[offDay(i)] = append(kinds[offDay(i)], past{i, x})
	}
}

// past is the (capped) window count that ended at hour index i.
type past struct {
	i int
	x float64
}

// direct computes the estimate at hour index now from the past values of
// all days and of days of the same kind, with explicit weights.
func direct(all, kind []past, now int, kept float64) (mean, sd float64, ok bool) {
	stats := func(ps []past) (w, w2, m, v float64) {
		for _, p := range ps {
			wi := math.Pow(kept, float64(now-p.i)/24)
			w += wi
			w2 += wi * wi
			m += wi * p.x
		}
		if w == 0 {
			return 0, 0, 0, 0
		}
		m /= w
		for _, p := range ps {
			v += math.Pow(kept, float64(now-p.i)/24) * (p.x - m) * (p.x - m)
		}
		if d := w - w2/w; d > 1e-9 {
			v /= d
		} else {
			v = 0
		}
		return w, w2, m, v
	}
	wa, wa2, ma, va := stats(all)
	if wa == 0 {
		return 0, 0, false
	}
	wk, _, mk, vk := stats(kind)
	p := wk / (wk + 1)
	mean = p*mk + (1-p)*ma
	second := p*(vk+mk*mk) + (1-p)*(va+ma*ma)
	n := wa * wa / wa2
	v := max(second-mean*mean, mean, 1) * (1 + 1/n)
	return mean, math.Sqrt(v), true
}

// TestRealStateAcrossRestart: a series stored and read back halfway
// through a real series raises the same alerts as one that never stopped.
func TestRealStateAcrossRestart(t *testing.T) {
	for _, rs := range realCorpusSeries(t)[:1] {
		cfg := Config{Location: wib, Sensitivity: High}
		whole, _ := New(cfg)
		want := whole.Rebuild(rs.start, rs.counts)
		half := len(rs.counts) / 2
		s, _ := New(cfg)
		got := s.Rebuild(rs.start, rs.counts[:half])
		data, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		restarted, _ := New(cfg)
		if err := restarted.UnmarshalBinary(data); err != nil {
			t.Fatalf("%s: UnmarshalBinary: %v", rs.name, err)
		}
		for i := half; i < len(rs.counts); i++ {
			h := rs.start.Add(time.Duration(i) * time.Hour)
			restarted.Add(h, rs.counts[i])
			if a, ok := restarted.Check(h.Add(time.Hour)); ok {
				got = append(got, a)
			}
		}
		if !slices.EqualFunc(got, want, alertEqual) {
			t.Errorf("%s: %d alerts across a restart, %d without", rs.name, len(got), len(want))
		}
		t.Logf("%s: %d alerts either way; state %d bytes", rs.name, len(want), len(data))
	}
}
