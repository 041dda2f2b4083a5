package linear

import "math"

// Model is a trained multinomial logistic regression over hashed features,
// as decoded by Unmarshal. It is immutable and safe for concurrent use;
// callers bring their own Scratch.
type Model struct {
	Classes []string // class names, in score order
	Bits    uint8    // 2^Bits hash buckets
	Salt    uint64   // mixed into every hash before bucketing (the training seed)

	// rows holds, per bucket, its idf then its K class weights, side by
	// side so that a feature costs one cache miss, not two. An idf of 0
	// marks a bucket unseen in training.
	rows []float32
	bias []float32 // per class

	tf [64]float64 // 1 + ln(count), for counts below 64
}

// Scratch is per-goroutine working memory for Predict.
type Scratch struct {
	slots  []uint32 // open-addressing table: bucket+1, 0 when empty
	counts []uint16
	found  []uint32 // buckets of the text known to the model
	vals   []float64
}

func bucketOf(key, salt uint64, bits uint8) uint32 {
	return uint32(((key ^ salt) * 0x9E3779B97F4A7C15) >> (64 - uint(bits)))
}

// count fills s.slots and s.counts with the distinct buckets of keys and
// their counts, in a hash table (cheaper than sorting ~1,000 keys).
func (s *Scratch) count(keys []uint64, salt uint64, bits uint8) {
	size := 64
	for size < 2*len(keys) {
		size *= 2
	}
	if cap(s.slots) < size {
		s.slots = make([]uint32, size)
		s.counts = make([]uint16, size)
	}
	s.slots, s.counts = s.slots[:size], s.counts[:size]
	clear(s.slots)
	mask := uint32(size - 1)
	for _, k := range keys {
		b := bucketOf(k, salt, bits) + 1
		i := (b * 0x9E3779B1) & mask
		for s.slots[i] != 0 && s.slots[i] != b {
			i = (i + 1) & mask
		}
		if s.slots[i] == 0 {
			s.slots[i], s.counts[i] = b, 0
		}
		if s.counts[i] < 1<<16-1 {
			s.counts[i]++
		}
	}
}

// Predict writes the class probabilities of the text whose feature hashes
// are keys into probs (len(probs) == len(m.Classes)) and returns how many
// distinct known features the text has; with none, probs holds the priors
// learnt in the bias.
func (m *Model) Predict(keys []uint64, s *Scratch, probs []float64) int {
	K := len(m.Classes)
	stride := K + 1
	s.count(keys, m.Salt, m.Bits)
	// First pass: sublinear tf times idf, and the vector's norm.
	s.found, s.vals = s.found[:0], s.vals[:0]
	var norm float64
	for i, b := range s.slots {
		if b == 0 {
			continue
		}
		b--
		if idf := m.rows[int(b)*stride]; idf != 0 {
			v := float64(idf)
			if c := int(s.counts[i]); c < len(m.tf) {
				v *= m.tf[c]
			} else {
				v *= 1 + math.Log(float64(c))
			}
			norm += v * v
			s.found = append(s.found, b)
			s.vals = append(s.vals, v)
		}
	}
	for k := range K {
		probs[k] = float64(m.bias[k])
	}
	if len(s.found) > 0 {
		inv := 1 / math.Sqrt(norm)
		for i, b := range s.found {
			v := s.vals[i] * inv
			row := m.rows[int(b)*stride+1 : int(b)*stride+stride]
			for k, wk := range row {
				probs[k] += v * float64(wk)
			}
		}
	}
	softmax(probs)
	return len(s.found)
}

func softmax(p []float64) {
	mx := p[0]
	for _, v := range p[1:] {
		mx = max(mx, v)
	}
	var sum float64
	for k, v := range p {
		p[k] = math.Exp(v - mx)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
}

// Argmax returns the index of the largest value of p (the first on a tie).
func Argmax(p []float64) int {
	best := 0
	for k, v := range p {
		if v > p[best] {
			best = k
		}
	}
	return best
}
