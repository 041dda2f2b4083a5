package issue

import "math"

// docFreq counts in how many recent items each feature occurs, for IDF, in
// fixed memory: a count-min sketch of two rows, each an array of decayed
// counts indexed by 32 bits of the feature's hash. A feature's frequency
// is the smaller of its two counters, so a rare word is overcounted only
// when it shares its slot with a frequent one in both rows.
//
// Counts decay by item, not by clock: every halfLife items the weight of
// what came before halves, so the table describes the last few halfLife
// items however fast they arrive and whatever gaps the clock has. Decay is
// lazy: each increment is the current weight 2^(n/halfLife) and reads
// divide by it; when that weight grows large every counter is rescaled.
type docFreq struct {
	rows     [2][]float32
	mask     uint64
	halfLife float64
	n        float64 // items counted since the last rescale
	weight   float64 // 2^(n/halfLife)
	total    float64 // decayed number of items, in the same scale
}

// rescaleAt is the weight at which the counters are brought back to 1;
// float32 counts hold up to about 2^127.
const rescaleAt = 1 << 60

func newDocFreq(slots int, halfLife float64) *docFreq {
	d := &docFreq{mask: uint64(slots - 1), halfLife: halfLife, weight: 1}
	for i := range d.rows {
		d.rows[i] = make([]float32, slots)
	}
	return d
}

func (d *docFreq) slots(h uint64) (uint64, uint64) {
	return h & d.mask, (h >> 32) & d.mask
}

// count records one item holding the features cs (distinct hashes).
func (d *docFreq) count(cs []counted) {
	w := float32(d.weight)
	for _, c := range cs {
		a, b := d.slots(c.h)
		d.rows[0][a] += w
		d.rows[1][b] += w
	}
	d.total += d.weight
	d.n++
	d.weight = math.Exp2(d.n / d.halfLife)
	if d.weight >= rescaleAt {
		s := float32(1 / d.weight)
		for _, row := range d.rows {
			for i := range row {
				row[i] *= s
			}
		}
		d.total /= d.weight
		d.n, d.weight = 0, 1
	}
}

// idf is the smoothed inverse document frequency ln((N+1)/(df+1)) + 1,
// with N and df the decayed counts of items and of items holding h.
func (d *docFreq) idf(h uint64) float64 {
	a, b := d.slots(h)
	df := float64(min(d.rows[0][a], d.rows[1][b])) / d.weight
	n := d.total / d.weight
	return math.Log((n+1)/(df+1)) + 1
}
