package issue

import (
	"slices"
	"time"
)

// exact is the baseline: the same vectors and threshold as a Clusterer,
// but each item is compared with every earlier item (with window > 0,
// every earlier item within window of the newest) and joins the issue of
// the most similar one if that similarity reaches the threshold.
type exact struct {
	opts   Options
	stop   stopSet
	window time.Duration
	df     *docFreq
	counts []counted
	vecs   []vector
	at     []time.Time
	issue  []int
	from   int // the first item within the window
	clock  time.Time

	// The inverted form (addInverted): each feature's postings over all
	// earlier items, and an accumulator per item.
	post    map[uint64][]posting
	acc     []float64
	touched []int32
}

type posting struct {
	item int32
	w    float32
}

func newExact(opts Options, window time.Duration) *exact {
	o, err := opts.withDefaults()
	if err != nil {
		panic(err)
	}
	return &exact{opts: o, stop: newStopSet(), window: window, df: newDocFreq(o.Slots, float64(o.HalfLife)), post: map[uint64][]posting{}}
}

func (e *exact) vector(d doc) vector {
	e.counts = features(e.counts, d.an, d.item.Entities, float32(e.opts.TitleWeight), e.stop)
	e.df.count(e.counts)
	return weigh(e.counts, e.df, float32(e.opts.EntityWeight), e.opts.ItemTerms)
}

// join records v and joins the issue of item best if bestSim reaches the
// threshold.
func (e *exact) join(v vector, at time.Time, best int, bestSim float64) int {
	id := len(e.vecs)
	if best >= 0 && bestSim >= e.opts.Threshold {
		id = e.issue[best]
	}
	e.vecs = append(e.vecs, v)
	e.at = append(e.at, at)
	e.issue = append(e.issue, id)
	return id
}

// add compares the doc with every earlier item, one dot product each.
func (e *exact) add(d doc) int {
	v := e.vector(d)
	at := itemTime(d.item, e.clock)
	if at.After(e.clock) {
		e.clock = at
	}
	if e.window > 0 {
		for e.from < len(e.at) && e.at[e.from].Before(e.clock.Add(-e.window)) {
			e.from++
		}
	}
	best, bestSim := -1, 0.0
	for j := e.from; j < len(e.vecs); j++ {
		if s := dot(v, e.vecs[j]); s > bestSim {
			best, bestSim = j, s
		}
	}
	return e.join(v, at, best, bestSim)
}

// addInverted gives the same answer as add without a window, faster: it
// adds up the products of shared features through posting lists, in the
// same order as dot, so the sums are equal to the last bit.
func (e *exact) addInverted(d doc) int {
	v := e.vector(d)
	for _, f := range v {
		for _, p := range e.post[f.h] {
			if e.acc[p.item] == 0 {
				e.touched = append(e.touched, p.item)
			}
			e.acc[p.item] += float64(f.w) * float64(p.w)
		}
	}
	slices.Sort(e.touched)
	best, bestSim := -1, 0.0
	for _, j := range e.touched {
		if s := e.acc[j]; s > bestSim {
			best, bestSim = int(j), s
		}
		e.acc[j] = 0
	}
	e.touched = e.touched[:0]
	item := int32(len(e.vecs))
	for _, f := range v {
		e.post[f.h] = append(e.post[f.h], posting{item, f.w})
	}
	e.acc = append(e.acc, 0)
	return e.join(v, time.Time{}, best, bestSim)
}

// runExact runs the baseline: by brute force, or inverted (same answer,
// without a window only).
func runExact(docs []doc, opts Options, window time.Duration, inverted bool) []int {
	e := newExact(opts, window)
	out := make([]int, len(docs))
	for i, d := range docs {
		if inverted {
			out[i] = e.addInverted(d)
		} else {
			out[i] = e.add(d)
		}
	}
	return out
}
