package spike

import "math"

// slot is an exponentially weighted mean and variance of the window counts
// seen at one hour of the day. Weights fall with calendar time, by the
// factor kept (1−α) per day, so a slot updated only on days off forgets at
// the same pace, per day, as one updated every day. The update is West's
// weighted form of Welford's algorithm: every old weight is scaled by the
// decay, the new value weighs 1.
type slot struct {
	w    float64 // sum of the weights, as of hour last
	w2   float64 // sum of the squared weights, as of hour last
	mean float64 // weighted mean
	m2   float64 // weighted sum of squared deviations from mean
	last int64   // unix hour of the last update; meaningful when w > 0
}

// decay returns kept^(hours/24): what a weight keeps after that many hours.
func decay(kept float64, hours int64) float64 {
	switch {
	case hours <= 0:
		return 1
	case hours == 24:
		return kept
	}
	return math.Pow(kept, float64(hours)/24)
}

// weightAt returns the slot's total weight as seen at hour h.
func (s *slot) weightAt(h int64, kept float64) float64 {
	if s.w == 0 {
		return 0
	}
	return s.w * decay(kept, h-s.last)
}

// variance returns the weighted variance, unbiased for reliability
// weights: m2 / (w − w2/w), which is m2/(n−1) when every weight is 1. With
// a single value it is 0.
func (s *slot) variance() float64 {
	d := s.w - s.w2/s.w
	if s.w == 0 || d <= 1e-9 {
		return 0
	}
	return max(s.m2/d, 0)
}

// add takes the value x seen at hour h.
func (s *slot) add(h int64, x, kept float64) {
	f := decay(kept, h-s.last)
	if s.w == 0 {
		f = 0
	}
	s.w = s.w*f + 1
	s.w2 = s.w2*f*f + 1
	s.m2 *= f
	d := x - s.mean
	s.mean += d / s.w
	s.m2 += d * (x - s.mean)
	s.last = h
}

// baseline is what is usual for a window ending at each hour of the day:
// one slot per hour on all days, and one per hour on working days and on
// days off.
type baseline struct {
	kept float64     // 1 − α, the weight a day keeps after one more day
	all  [24]slot    // by the local hour of the window's last hour
	kind [2][24]slot // [0] working days, [1] days off; same index
}

func newBaseline(span int) baseline {
	return baseline{kept: 1 - 2/float64(span+1)}
}

// estimate is the baseline of one window.
type estimate struct {
	mean float64 // expected window count
	sd   float64 // its spread, never under √max(mean, 1)
	ok   bool    // false until the hour has been seen at least once
}

// estimate returns the baseline for the window whose last hour is h, the
// hour hod of the day, on a day off or not. The working-day or day-off
// slot is mixed with the all-days slot of the same hour in the proportion
// w : shrinkDays, w being the slot's weight (in days) now: the mean is the
// mix of the means, the variance that of the mixture of the two (which
// adds the gap between them: the less sure, the wider). The variance is
// floored by a Poisson count's, max(mean, 1), and widened by 1 + 1/n for
// the error of a mean learnt from n days' worth of data, n being the
// all-days slot's (Σw)²/Σw².
func (b *baseline) estimate(h int64, hod int, off bool) estimate {
	a := &b.all[hod]
	if a.weightAt(h, b.kept) == 0 {
		return estimate{}
	}
	k := &b.kind[boolIndex(off)][hod]
	wk := k.weightAt(h, b.kept)
	p := wk / (wk + shrinkDays)
	mean := p*k.mean + (1-p)*a.mean
	second := p*(k.variance()+k.mean*k.mean) + (1-p)*(a.variance()+a.mean*a.mean)
	v := max(second-mean*mean, 0)
	n := a.w * a.w / a.w2 // the all-days slot's worth in days of equal weight
	v = max(v, mean, 1) * (1 + 1/n)
	return estimate{mean: mean, sd: math.Sqrt(v), ok: true}
}

// observe adds the window count x whose last hour is h to the slots of its
// hour: all days, and working days or days off.
func (b *baseline) observe(h int64, hod int, off bool, x float64) {
	b.all[hod].add(h, x, b.kept)
	b.kind[boolIndex(off)][hod].add(h, x, b.kept)
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}
