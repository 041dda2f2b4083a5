package spike

import (
	"math"
	"slices"
	"testing"
	"time"
)

// Table tests of the arithmetic. The detector's behaviour on news is tested
// on real series in real_test.go; the numbers here are the small ones a
// formula can be checked against by hand.

func TestSensitivity(t *testing.T) {
	tests := []struct {
		in   string
		want Sensitivity
		k    float64
	}{
		{"low", Low, 3}, {"rendah", Low, 3},
		{"medium", Medium, 2.5}, {"sedang", Medium, 2.5}, {"", Medium, 2.5},
		{"high", High, 2}, {"tinggi", High, 2},
	}
	for _, tt := range tests {
		got, err := ParseSensitivity(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSensitivity(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.K() != tt.k {
			t.Errorf("%v.K() = %v, want %v", got, got.K(), tt.k)
		}
		if again, _ := ParseSensitivity(got.String()); again != got {
			t.Errorf("ParseSensitivity(%v.String()) = %v", got, again)
		}
	}
	if _, err := ParseSensitivity("sangat"); err == nil {
		t.Error(`ParseSensitivity("sangat") succeeded`)
	}
	if Sensitivity(0).K() != 2.5 {
		t.Errorf("the zero Sensitivity's K = %v, want the medium 2.5", Sensitivity(0).K())
	}
}

func TestConfigDefaults(t *testing.T) {
	s, err := New(Config{Location: wib})
	if err != nil {
		t.Fatal(err)
	}
	got := s.Config()
	if got.Window != 3*time.Hour || got.Sensitivity != Medium || got.MinVolume != 5 ||
		got.MinHistory != 7*24*time.Hour || got.CoolDown != 6*time.Hour || got.Span != 14 ||
		got.Keep != 7*24*time.Hour {
		t.Errorf("New(Config{Location}).Config() = %+v, want the documented defaults", got)
	}
	s, _ = New(Config{Location: wib, Window: 24 * time.Hour})
	if s.Config().CoolDown != 24*time.Hour {
		t.Errorf("CoolDown with a 24-hour window = %v, want 24h", s.Config().CoolDown)
	}
}

func TestConfigInvalid(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no location", Config{}},
		{"window 90 min", Config{Location: wib, Window: 90 * time.Minute}},
		{"window 2 days", Config{Location: wib, Window: 48 * time.Hour}},
		{"negative window", Config{Location: wib, Window: -time.Hour}},
		{"sensitivity 7", Config{Location: wib, Sensitivity: 7}},
		{"min volume -1", Config{Location: wib, MinVolume: -1}},
		{"history shorter than window", Config{Location: wib, Window: 24 * time.Hour, MinHistory: time.Hour}},
		{"cool-down 10 min", Config{Location: wib, CoolDown: 10 * time.Minute}},
		{"span 1", Config{Location: wib, Span: 1}},
		{"span 1000", Config{Location: wib, Span: 1000}},
		{"keep 2 hours", Config{Location: wib, Keep: 2 * time.Hour}},
		{"keep a year", Config{Location: wib, Keep: 365 * 24 * time.Hour}},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg); err == nil {
			t.Errorf("New(%s) succeeded, want an error", tt.name)
		}
	}
}

func TestDecay(t *testing.T) {
	kept := 1 - 2.0/15 // Span 14
	tests := []struct {
		hours int64
		want  float64
	}{
		{0, 1}, {-5, 1}, {24, kept}, {48, kept * kept}, {12, math.Sqrt(kept)}, {14 * 24, math.Pow(kept, 14)},
	}
	for _, tt := range tests {
		if got := decay(kept, tt.hours); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("decay(%v, %d) = %v, want %v", kept, tt.hours, got, tt.want)
		}
	}
	// A day two weeks old weighs 13 % of today's, as the package comment says.
	if got := decay(kept, 14*24); math.Round(got*100) != 13 {
		t.Errorf("weight after 14 days = %.3f, want about 0.13", got)
	}
}

// directStat is the weighted mean and unbiased variance computed from the
// definition, to check slot's running form.
func directStat(xs []float64, ages []float64, kept float64) (w, mean, variance float64) {
	var w2, sum float64
	for i, x := range xs {
		wi := math.Pow(kept, ages[i])
		w += wi
		w2 += wi * wi
		sum += wi * x
	}
	mean = sum / w
	var m2 float64
	for i, x := range xs {
		wi := math.Pow(kept, ages[i])
		m2 += wi * (x - mean) * (x - mean)
	}
	if d := w - w2/w; d > 1e-9 {
		variance = m2 / d
	}
	return w, mean, variance
}

func TestSlot(t *testing.T) {
	kept := 1 - 2.0/15
	tests := []struct {
		name string
		xs   []float64
		days []int64 // the day of each value
	}{
		{"one value", []float64{4}, []int64{0}},
		{"constant", []float64{3, 3, 3, 3}, []int64{0, 1, 2, 3}},
		{"daily", []float64{2, 4, 4, 4, 5, 5, 7, 9}, []int64{0, 1, 2, 3, 4, 5, 6, 7}},
		{"weekends only", []float64{1, 0, 2, 1, 6}, []int64{5, 6, 12, 13, 19}},
		{"a gap of a month", []float64{10, 0, 1}, []int64{0, 30, 31}},
	}
	for _, tt := range tests {
		var s slot
		for i, x := range tt.xs {
			s.add(tt.days[i]*24, x, kept)
		}
		now := tt.days[len(tt.days)-1]
		ages := make([]float64, len(tt.days))
		for i, d := range tt.days {
			ages[i] = float64(now - d)
		}
		w, mean, variance := directStat(tt.xs, ages, kept)
		if math.Abs(s.w-w) > 1e-9 || math.Abs(s.mean-mean) > 1e-9 || math.Abs(s.variance()-variance) > 1e-9 {
			t.Errorf("%s: slot w, mean, variance = %v, %v, %v; want %v, %v, %v",
				tt.name, s.w, s.mean, s.variance(), w, mean, variance)
		}
	}
	// Without decay the variance is the sample variance: 32/7 for this set.
	var s slot
	for i, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		s.add(int64(i)*24, x, 1)
	}
	if s.mean != 5 || math.Abs(s.variance()-32.0/7) > 1e-12 {
		t.Errorf("undecayed slot: mean %v variance %v, want 5 and 32/7", s.mean, s.variance())
	}
}

func TestEstimate(t *testing.T) {
	b := newBaseline(14)
	if est := b.estimate(100, 9, false); est.ok {
		t.Errorf("estimate of an empty baseline = %+v, want not ok", est)
	}
	// Fourteen working days at 09:00 with 10 items each, never a day off.
	for d := range int64(14) {
		b.observe(d*24+9, 9, false, 10)
	}
	work := b.estimate(14*24+9, 9, false)
	off := b.estimate(14*24+9, 9, true)
	if !work.ok || !off.ok {
		t.Fatalf("estimate after 14 days: %+v, %+v", work, off)
	}
	// The working-day slot and the all-days slot agree: 10, and the spread
	// is Poisson's √10 widened for a mean learnt from n days.
	a := &b.all[9]
	n := a.w * a.w / a.w2
	if math.Abs(work.mean-10) > 1e-9 || math.Abs(work.sd-math.Sqrt(10*(1+1/n))) > 1e-9 {
		t.Errorf("working-day estimate = %+v, want mean 10, sd √(10·(1+1/%.2f))", work, n)
	}
	// A day off never seen borrows the all-days slot entirely.
	if math.Abs(off.mean-10) > 1e-9 {
		t.Errorf("first day off estimate = %+v, want the all-days mean 10", off)
	}
	// Two Sundays with 0: the day-off slot weighs w/(w+1) against the
	// all-days slot, and the spread includes the gap between the two.
	b.observe(14*24+9, 9, true, 0)
	b.observe(15*24+9, 9, true, 0)
	h := int64(16*24 + 9)
	est := b.estimate(h, 9, true)
	k := &b.kind[1][9]
	wk := k.weightAt(h, b.kept)
	p := wk / (wk + 1)
	wantMean := p*k.mean + (1-p)*a.mean
	if math.Abs(est.mean-wantMean) > 1e-9 || est.mean >= 5 {
		t.Errorf("day-off estimate mean = %v, want %v (pulled well under 10)", est.mean, wantMean)
	}
	if est.sd <= math.Sqrt(max(est.mean, 1)) {
		t.Errorf("day-off sd = %v; the gap between slots should widen it past Poisson's", est.sd)
	}
}

func TestPoissonFloor(t *testing.T) {
	// A quiet hour whose history is all zeros is "0 ± 1", not "0 ± 0".
	b := newBaseline(14)
	for d := range int64(30) {
		b.observe(d*24+3, 3, false, 0)
	}
	est := b.estimate(30*24+3, 3, false)
	a := &b.all[3]
	if est.mean != 0 || math.Abs(est.sd-math.Sqrt(1+a.w2/(a.w*a.w))) > 1e-12 || est.sd < 1 {
		t.Errorf("estimate of an all-zero hour = %+v, want 0 ± about 1", est)
	}
}

func TestUnixHour(t *testing.T) {
	tests := []struct {
		t    time.Time
		want int64
	}{
		{time.Unix(0, 0), 0},
		{time.Unix(3599, 999), 0},
		{time.Unix(3600, 0), 1},
		{time.Unix(-1, 0), -1},
		{time.Unix(-3600, 0), -1},
		{time.Unix(-3601, 0), -2},
		{time.Date(2025, 8, 28, 9, 30, 0, 0, wib), (time.Date(2025, 8, 28, 2, 0, 0, 0, time.UTC).Unix()) / 3600},
	}
	for _, tt := range tests {
		if got := unixHour(tt.t); got != tt.want {
			t.Errorf("unixHour(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
}

func TestReason(t *testing.T) {
	a := Alert{Window: 3 * time.Hour, Observed: 42, Expected: 5.04, StdDev: 2.26, K: 3, Threshold: 11.82, BaselineDays: 14}
	key, args := a.Reason("spike.region", "Kota Jambi")
	want := []any{42, "Kota Jambi", 3, 5.0, 2.3, 14, 11.8, 3.0}
	if key != "spike.region.reason" || !slices.Equal(args, want) {
		t.Errorf("Reason = %q %v, want %q %v", key, args, "spike.region.reason", want)
	}
	for _, tt := range []struct {
		window time.Duration
		key    string
	}{{time.Hour, "s" + KeyReasonHour}, {6 * time.Hour, "s" + KeyReason}, {24 * time.Hour, "s" + KeyReasonDay}} {
		a.Window = tt.window
		if key, _ := a.Reason("s", "x"); key != tt.key {
			t.Errorf("Reason with a %v window: key %q, want %q", tt.window, key, tt.key)
		}
	}
}

// newTest returns a series for the synthetic tests below.
func newTest(t *testing.T, cfg Config) *Series {
	t.Helper()
	cfg.Location = wib
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// monday is the start of the synthetic series: a Monday, 00:00 WIB.
var monday = time.Date(2025, 9, 1, 0, 0, 0, 0, wib)

// flat returns days of hourly counts: n items at each hour in hoursOn.
func flat(days, n int, hoursOn ...int) []int {
	counts := make([]int, days*24)
	for d := range days {
		for _, h := range hoursOn {
			counts[d*24+h] = n
		}
	}
	return counts
}

func TestMinVolumeTiny(t *testing.T) {
	// From 0 to 2 (and to 4) never alerts, at any sensitivity, however
	// quiet the history; 5 does.
	tests := []struct {
		jump int
		want bool
	}{{1, false}, {2, false}, {4, false}, {5, true}}
	for _, sens := range Sensitivities {
		for _, tt := range tests {
			s := newTest(t, Config{Sensitivity: sens})
			counts := append(make([]int, 30*24), tt.jump)
			alerts := s.Rebuild(monday, counts)
			if got := len(alerts) > 0; got != tt.want {
				t.Errorf("%v: 30 days of 0 then %d: alert %v, want %v", sens, tt.jump, got, tt.want)
			}
		}
	}
}

func TestMinHistory(t *testing.T) {
	// A burst on day 3 is not an alert: the series is too young to know.
	counts := flat(3, 0)
	counts = append(counts, 50)
	if alerts := newTest(t, Config{}).Rebuild(monday, counts); len(alerts) != 0 {
		t.Errorf("burst after 3 days of history: %d alerts, want none", len(alerts))
	}
	counts = flat(8, 0)
	counts = append(counts, 50)
	if alerts := newTest(t, Config{}).Rebuild(monday, counts); len(alerts) != 1 {
		t.Errorf("burst after 8 days of history: %d alerts, want 1", len(alerts))
	}
}

func TestCoolDown(t *testing.T) {
	// 20 days of one item at 10:00, then twelve hours of 10 items: one
	// alert, not twelve. After a calm of six hours, a second rise alerts
	// again; after a calm of three hours, it is the same episode.
	base := flat(20, 1, 10)
	high := func(hoursN int) []int { return slices.Repeat([]int{10}, hoursN) }
	tests := []struct {
		name   string
		counts []int
		want   int
	}{
		{"twelve high hours", slices.Concat(base, high(12)), 1},
		{"calm 3 h between", slices.Concat(base, high(4), make([]int, 3+2), high(4)), 1},
		{"calm 8 h between", slices.Concat(base, high(4), make([]int, 8+2), high(4)), 2},
	}
	for _, tt := range tests {
		if alerts := newTest(t, Config{}).Rebuild(monday, tt.counts); len(alerts) != tt.want {
			t.Errorf("%s: %d alerts, want %d", tt.name, len(alerts), tt.want)
		}
	}
}

func TestAlertNumbers(t *testing.T) {
	s := newTest(t, Config{Sensitivity: Low})
	counts := slices.Concat(flat(21, 2, 9, 10, 11), []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 10, 11})
	alerts := s.Rebuild(monday, counts)
	if len(alerts) != 1 {
		t.Fatalf("alerts = %v, want one", alerts)
	}
	a := alerts[0]
	day21 := monday.AddDate(0, 0, 21) // a Monday
	if !a.Until.Equal(day21.Add(10*time.Hour)) || !a.Since.Equal(day21.Add(7*time.Hour)) {
		t.Errorf("alert window [%v, %v), want [07:00, 10:00) of day 21", a.Since, a.Until)
	}
	if a.Observed != 9 || a.K != 3 || a.MinVolume != 5 || a.BaselineDays != 14 || a.Window != 3*time.Hour || a.DayOff {
		t.Errorf("alert = %+v", a)
	}
	if math.Abs(a.Threshold-(a.Expected+3*a.StdDev)) > 1e-9 || float64(a.Observed) <= a.Threshold {
		t.Errorf("threshold %v is not expected %v + 3 × σ %v, or not exceeded by %d", a.Threshold, a.Expected, a.StdDev, a.Observed)
	}
	// The window 07–10 usually holds the 2 items of 09:00.
	if math.Abs(a.Expected-2) > 1e-9 {
		t.Errorf("expected %v, want 2", a.Expected)
	}
}

func TestHoliday(t *testing.T) {
	// A Monday declared a holiday uses the day-off baseline.
	holiday := monday.AddDate(0, 0, 21) // a Monday
	cfg := Config{Holiday: func(d time.Time) bool { return d.Equal(holiday) }}
	counts := slices.Concat(flat(21, 0), []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 15})
	for d := range 21 {
		if wd := monday.AddDate(0, 0, d).Weekday(); wd != time.Saturday && wd != time.Sunday {
			counts[d*24+9] = 9
		}
	}
	alerts := newTest(t, cfg).Rebuild(monday, counts)
	if len(alerts) != 1 || !alerts[0].DayOff {
		t.Errorf("15 items on a holiday Monday morning: alerts %+v, want one with DayOff", alerts)
	}
	if alerts := newTest(t, Config{}).Rebuild(monday, counts); len(alerts) != 0 {
		t.Errorf("the same Monday as a working day: alerts %+v, want none", alerts)
	}
}

func TestAddCheck(t *testing.T) {
	s := newTest(t, Config{})
	if _, ok := s.Check(monday); ok {
		t.Error("Check of a new series reported an alert")
	}
	for d := range 10 {
		s.Add(monday.AddDate(0, 0, d).Add(9*time.Hour+30*time.Minute), 1)
	}
	day10 := monday.AddDate(0, 0, 10)
	s.Add(day10.Add(9*time.Hour+5*time.Minute), 6)
	s.Add(day10.Add(9*time.Hour+50*time.Minute), 6)
	if _, ok := s.Check(day10.Add(9*time.Hour + 59*time.Minute)); ok {
		t.Error("Check before the hour ended reported an alert")
	}
	// A late item (09:55, arriving after 10:00) counts in the open hour.
	s.Add(day10.Add(10*time.Hour+1*time.Minute), 1)
	s.Add(day10.Add(9*time.Hour+55*time.Minute), 1)
	a, ok := s.Check(day10.Add(10 * time.Hour))
	if !ok || a.Observed != 12 {
		t.Errorf("Check at 10:00 = %+v, %v; want an alert of 12 items", a, ok)
	}
	if _, ok := s.Check(day10.Add(10 * time.Hour)); ok {
		t.Error("the same alert was reported twice")
	}
	pts := s.Band(day10.Add(9*time.Hour), day10.Add(10*time.Hour))
	if len(pts) != 1 || pts[0].Count != 12 || !pts[0].Spike || !pts[0].T.Equal(day10.Add(10*time.Hour)) {
		t.Errorf("Band of 09–10 = %+v", pts)
	}
	s.Check(day10.Add(11 * time.Hour))
	pts = s.Band(day10.Add(10*time.Hour), day10.Add(11*time.Hour))
	if len(pts) != 1 || pts[0].Count != 2 || pts[0].Observed != 14 {
		t.Errorf("Band of 10–11 = %+v, want the 2 late items and a window of 14", pts)
	}
}

func TestBand(t *testing.T) {
	s := newTest(t, Config{})
	counts := flat(10, 2, 8, 9, 10)
	s.Rebuild(monday, counts)
	end := monday.AddDate(0, 0, 10)
	if pts := s.Band(monday, end); len(pts) != 7*24 {
		t.Errorf("Band over 10 days kept %d points, want Keep's 168", len(pts))
	}
	pts := s.Band(end.Add(-24*time.Hour), end)
	if len(pts) != 24 || !pts[0].T.Equal(end.Add(-23*time.Hour)) || !pts[23].T.Equal(end) {
		t.Fatalf("Band of the last day: %d points from %v to %v", len(pts), pts[0].T, pts[len(pts)-1].T)
	}
	p := pts[10] // 10:00–11:00, the window 08–11 holds 6
	if p.Observed != 6 || !p.Ready || math.Abs(p.Expected-6) > 1e-6 || p.High <= p.Expected || p.Low >= p.Expected || p.Low < 0 {
		t.Errorf("Band point at %v = %+v", p.T, p)
	}
	if got := s.Band(end, end.Add(time.Hour)); len(got) != 0 {
		t.Errorf("Band of the open hour = %+v, want none", got)
	}
	if got := newTest(t, Config{}).Band(monday, end); got != nil {
		t.Errorf("Band of a new series = %+v", got)
	}
}

func TestLongGap(t *testing.T) {
	s := newTest(t, Config{})
	s.Rebuild(monday, flat(10, 3, 9))
	s.Add(monday.AddDate(2, 0, 0), 1) // two years later
	if s.start != unixHour(monday.AddDate(2, 0, 0)) {
		t.Errorf("after a two-year gap the series did not start afresh")
	}
}

func TestRebuildMatchesAdd(t *testing.T) {
	counts := slices.Concat(flat(12, 2, 7, 8, 9, 13), []int{0, 0, 0, 0, 0, 0, 0, 20, 1})
	a := newTest(t, Config{})
	fromRebuild := a.Rebuild(monday, counts)
	b := newTest(t, Config{})
	b.Check(monday) // starts the clock
	var fromAdd []Alert
	for i, c := range counts {
		h := monday.Add(time.Duration(i) * time.Hour)
		b.Add(h, c)
		if al, ok := b.Check(h.Add(time.Hour)); ok {
			fromAdd = append(fromAdd, al)
		}
	}
	if !slices.EqualFunc(fromRebuild, fromAdd, alertEqual) || len(fromAdd) != 1 {
		t.Errorf("Rebuild alerts %v, Add/Check alerts %v", fromRebuild, fromAdd)
	}
	sa, _ := a.MarshalBinary()
	sb, _ := b.MarshalBinary()
	if string(sa) != string(sb) {
		t.Error("Rebuild and Add/Check left different states")
	}
}

func alertEqual(a, b Alert) bool {
	return a.Since.Equal(b.Since) && a.Until.Equal(b.Until) && a.Observed == b.Observed &&
		a.Expected == b.Expected && a.StdDev == b.StdDev && a.Threshold == b.Threshold &&
		a.K == b.K && a.BaselineDays == b.BaselineDays && a.DayOff == b.DayOff && a.Window == b.Window
}
