package dedup

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/sinergi-id/sinergi/bahasa"
)

// words returns the normalised words of text: bahasa's terms (informal
// spellings, case, accents and elongation normalised; punctuation, symbols
// and emoji dropped), folded once more so that URLs and numbers compare
// without case. Whitespace, punctuation and case changes therefore never
// change a text's words.
func words(n *bahasa.Normalizer, text string) []string {
	terms := n.AppendTerms(nil, text)
	ws := make([]string, len(terms))
	for i, t := range terms {
		ws[i] = bahasa.Fold(t.Text)
	}
	return ws
}

// ContentHash returns the hex SHA-256 of text's normalised words joined by
// single spaces: two texts that differ only in whitespace, punctuation,
// case, accents or informal spelling have the same hash. A text without
// words hashes like the empty string.
func ContentHash(text string) string {
	return contentHash(words(defaultNormalizer, text))
}

var defaultNormalizer = bahasa.NewNormalizer(bahasa.Options{}) // safe for concurrent use

func contentHash(ws []string) string {
	h := sha256.New()
	for i, w := range ws {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Word and shingle hashes: FNV-1a over the word's bytes, then a 64-bit
// finaliser (splitmix64) so every bit depends on every input bit. Shingles
// combine their words' hashes in order, so "a b c" and "c b a" differ.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9e3779b97f4a7c15
)

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func wordHash(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

// Feature families: a tag keeps a unigram from colliding with a shingle of
// the same words.
const (
	tagShingle = 0x5348494e474c45 // "SHINGLE"
	tagUnigram = 0x554e49         // "UNI"
	tagBigram  = 0x4249           // "BI"
)

// shingleHash is the hash of the shingle of the word hashes in ring,
// oldest at start.
func shingleHash(ring []uint64, start int, seed uint64) uint64 {
	acc := uint64(tagShingle)
	for _, h := range ring[start:] {
		acc = (acc ^ h) * golden
	}
	for _, h := range ring[:start] {
		acc = (acc ^ h) * golden
	}
	return mix(acc ^ seed)
}

// shortFeatures appends the hashes of the words and word pairs of a short
// text: a title or a post has too few shingles for one edit not to halve
// their overlap, so it is compared on words and pairs instead.
func shortFeatures(dst []uint64, wh []uint64, seed uint64) []uint64 {
	for i, h := range wh {
		dst = append(dst, mix((h^tagUnigram)*golden^seed))
		if i > 0 {
			dst = append(dst, mix(((wh[i-1]^tagBigram)*golden^h)*golden^seed))
		}
	}
	return dst
}
