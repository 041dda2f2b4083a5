package main

import (
	"strconv"

	minhashlsh "github.com/ekzhu/minhash-lsh"
	"github.com/sinergi-id/sinergi/dedup"
)

// detector is one near-duplicate method run over the whole collection:
// index every document, then ask for each the documents near it.
type detector interface {
	name() string
	run(as []analysed) map[pair]float64 // predicted pairs with their similarity
}

// sinergiDetector is dedup.Index fed the same normalised words.
type sinergiDetector struct{ threshold float64 }

func (d sinergiDetector) name() string { return "sinergi dedup.Index" }

func (d sinergiDetector) run(as []analysed) map[pair]float64 {
	x, err := dedup.NewIndex(dedup.Options{Threshold: d.threshold})
	if err != nil {
		panic(err)
	}
	sk := make([]*dedup.Sketch, len(as))
	for i := range as {
		sk[i] = x.SketchWords(as[i].words)
		x.AddSketch(strconv.Itoa(i), sk[i])
	}
	out := map[pair]float64{}
	for i := range as {
		for _, m := range x.NearSketch(sk[i]) {
			j, _ := strconv.Atoi(m.ID)
			if j != i {
				out[mkPair(i, j)] = m.Similarity
			}
		}
	}
	return out
}

// ekzhuDetector is github.com/ekzhu/minhash-lsh at the same threshold and
// 128 hash functions, over the same features as strings (3-word shingles;
// words and word pairs of texts under 40 words, in an LSH of their own, as
// dedup does). Candidates are verified like dedup's: the share of equal
// MinHash values (and, for two short texts, the exact Jaccard of their
// word-and-pair sets) must reach the threshold. verify=false keeps every
// LSH candidate, the library alone.
type ekzhuDetector struct {
	threshold float64
	verify    bool
}

func (d ekzhuDetector) name() string {
	if d.verify {
		return "ekzhu/minhash-lsh + verification"
	}
	return "ekzhu/minhash-lsh (candidates)"
}

const numHash = 128

func (d ekzhuDetector) run(as []analysed) map[pair]float64 {
	long := minhashlsh.NewMinhashLSH(numHash, d.threshold)
	short := minhashlsh.NewMinhashLSH(numHash, d.threshold)
	sigs := make([][]uint64, len(as))
	shortSigs := make([][]uint64, len(as))
	for i := range as {
		sigs[i] = longSignature(as[i].words)
		if sigs[i] == nil {
			continue
		}
		long.Add(i, sigs[i])
		if as[i].short != nil {
			shortSigs[i] = shortSignature(as[i].words)
			short.Add(i, shortSigs[i])
		}
	}
	long.Index()
	short.Index()
	out := map[pair]float64{}
	for i := range as {
		if sigs[i] == nil {
			continue
		}
		cands := long.Query(sigs[i])
		if shortSigs[i] != nil {
			cands = append(cands, short.Query(shortSigs[i])...)
		}
		for _, c := range cands {
			j := c.(int)
			if j == i {
				continue
			}
			s := estimate(sigs[i], sigs[j])
			if as[i].short != nil && as[j].short != nil {
				s = max(s, jaccard(as[i].short, as[j].short))
			}
			if !d.verify || s >= d.threshold {
				out[mkPair(i, j)] = s
			}
		}
	}
	return out
}

// longSignature pushes the 3-word shingles of ws (one of all the words
// when fewer), each written into one reused buffer: the library hashes a
// value as it is pushed, so no shingle string is ever built.
func longSignature(ws []string) []uint64 {
	if len(ws) == 0 {
		return nil
	}
	mh := minhashlsh.NewMinhash(1, numHash)
	w := min(shingleWords, len(ws))
	var buf []byte
	for i := 0; i+w <= len(ws); i++ {
		buf = append(buf[:0], ws[i]...)
		for _, x := range ws[i+1 : i+w] {
			buf = append(append(buf, ' '), x...)
		}
		mh.Push(buf)
	}
	return mh.Signature()
}

// shortSignature pushes the words and word pairs of a short text.
func shortSignature(ws []string) []uint64 {
	mh := minhashlsh.NewMinhash(1, numHash)
	var buf []byte
	for i, w := range ws {
		mh.Push(append(append(buf[:0], "u\x00"...), w...))
		if i > 0 {
			mh.Push(append(append(append(append(buf[:0], "b\x00"...), ws[i-1]...), ' '), w...))
		}
	}
	return mh.Signature()
}

func estimate(a, b []uint64) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}
