package dedup

import (
	"math"
	"slices"
)

// sigLen is the number of MinHash values per text. 128 values estimate a
// Jaccard similarity of 0.5 with a standard error of 0.044, and leave room
// for bands of 2 to 8 rows.
const sigLen = 128

// signature is a one-permutation MinHash of a feature set (Li, Owen and
// Zhang 2012, densified as in Shrivastava 2017): each feature hash falls in
// one of 128 bins by its top 7 bits and the bin keeps the smallest low 32
// bits; an empty bin copies a filled one chosen by a fixed hash sequence of
// its index, the same for every set, so equal bins still mean a shared
// minimum. Computing it costs one hash per feature instead of 128, and the
// probability that two signatures agree in a bin is the Jaccard similarity
// of the sets, as for 128 independent MinHashes.
type signature [sigLen]uint32

// sketch fills sig from the feature hashes. It reports false for an empty
// set.
func sketch(sig *signature, feats []uint64, seed uint64) bool {
	var acc accumulator
	acc.reset(sig)
	for _, f := range feats {
		acc.add(sig, f)
	}
	return acc.finish(sig, seed)
}

// accumulator builds a signature from a stream of feature hashes, so that
// shingles need never be stored.
type accumulator struct {
	filled [sigLen / 64]uint64
}

func (a *accumulator) reset(sig *signature) {
	a.filled = [sigLen / 64]uint64{}
	for i := range sig {
		sig[i] = math.MaxUint32
	}
}

func (a *accumulator) add(sig *signature, f uint64) {
	b, v := f>>57, uint32(f)
	a.filled[b>>6] |= 1 << (b & 63)
	if v < sig[b] {
		sig[b] = v
	}
}

// finish densifies the empty bins; false means no feature was added.
func (a *accumulator) finish(sig *signature, seed uint64) bool {
	if a.filled[0]|a.filled[1] == 0 {
		return false
	}
	for i := range sig {
		if a.filled[i>>6]&(1<<(i&63)) != 0 {
			continue
		}
		for k := uint64(1); ; k++ {
			j := mix(seed^uint64(i)<<32^k*golden) >> 57
			if a.filled[j>>6]&(1<<(j&63)) != 0 {
				sig[i] = sig[j]
				break
			}
		}
	}
	return true
}

// similarity estimates the Jaccard similarity of the sets behind a and b.
func similarity(a, b *signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / sigLen
}

// bandKeys appends one key per band of rows values; kind keeps the bands of
// long and short texts apart.
func bandKeys(dst []uint64, sig *signature, bands, rows int, kind uint64) []uint64 {
	for b := range bands {
		acc := (uint64(b)+1)*golden ^ kind
		for _, v := range sig[b*rows : (b+1)*rows] {
			acc = (acc ^ uint64(v)) * 0xff51afd7ed558ccd
		}
		dst = append(dst, mix(acc))
	}
	return dst
}

// Banding returns the rows per band (and so the bands, sigLen/rows) for a
// Jaccard threshold t: the most selective banding whose chance of making a
// pair at exactly t a candidate, 1-(1-t^rows)^bands, is still ≥ 0.95.
// Candidates are then verified against t, so the S-curve only has to rise
// before t; steeper bands would lose true pairs, looser ones cost
// verifications. For t = 0.5 it gives 42 bands of 3 rows: a pair is a
// candidate with probability 0.29 at J = 0.2, 0.68 at 0.3, 0.93 at 0.4,
// 0.996 at 0.5 and > 0.9999 from 0.6.
func Banding(t float64) (bands, rows int) {
	rows = 1
	for r := 2; r <= sigLen/2; r++ {
		b := sigLen / r
		if candidateProb(t, b, r) < 0.95 {
			break
		}
		rows = r
	}
	return sigLen / rows, rows
}

// candidateProb is the LSH S-curve: the chance that a pair of similarity s
// shares at least one of bands bands of rows rows.
func candidateProb(s float64, bands, rows int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(rows)), float64(bands))
}

// jaccard is the exact Jaccard similarity of two sorted sets of hashes.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// set sorts hashes and drops repeats.
func set(hs []uint64) []uint64 {
	slices.Sort(hs)
	return slices.Compact(hs)
}
