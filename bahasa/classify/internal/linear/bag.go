// Package linear is the engine under the classify models: hashed sparse
// features, a multinomial logistic regression fitted by L-BFGS, and a
// deterministic, compact serialisation of the weights.
//
// A text becomes a Bag of 64-bit feature hashes (word n-grams, character
// n-grams of padded words); the model folds each hash into one of 2^Bits
// buckets, weighs it by sublinear term frequency and inverse document
// frequency, normalises the vector to unit length and scores every class.
package linear

// FNV-1a, 64 bit: cheap, allocation-free and stable across Go releases,
// which the byte-identical retraining depends on.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Kinds keep feature families apart, so the word "an" and the character
// bigram "an" hash differently.
const (
	kindWord    = 'w'
	kindBigram  = 'b'
	kindChar    = 'c'
	kindTag     = 't'
	kindTrigram = '3'
)

// Bag collects the feature hashes of one text. The zero value is ready to
// use; Reset empties it and keeps its storage for the next text.
type Bag struct {
	Keys []uint64
}

// Reset empties the bag, keeping its capacity.
func (b *Bag) Reset() { b.Keys = b.Keys[:0] }

func mix(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func mixString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = mix(h, s[i])
	}
	return h
}

// AddWord adds the unigram feature of word.
func (b *Bag) AddWord(word string) {
	b.Keys = append(b.Keys, mixString(mix(fnvOffset, kindWord), word))
}

// AddTag adds a free-form feature (such as "NEG_" + word), kept apart from
// plain words.
func (b *Bag) AddTag(prefix, word string) {
	h := mixString(mix(fnvOffset, kindTag), prefix)
	b.Keys = append(b.Keys, mixString(mix(h, 0), word))
}

// AddBigram adds the feature of the word pair (w1, w2).
func (b *Bag) AddBigram(w1, w2 string) {
	h := mixString(mix(fnvOffset, kindBigram), w1)
	b.Keys = append(b.Keys, mixString(mix(h, ' '), w2))
}

// AddCharGrams adds the byte n-grams, minN <= n <= maxN, of word padded
// with one space on each side (scikit-learn's "char_wb"), so prefixes and
// suffixes are features of their own. The text is UTF-8: an n-gram may
// split a multi-byte letter, which hashing does not mind.
func (b *Bag) AddCharGrams(word string, minN, maxN int) {
	n := len(word) + 2
	at := func(i int) byte {
		if i == 0 || i == n-1 {
			return ' '
		}
		return word[i-1]
	}
	base := mix(fnvOffset, kindChar)
	for i := 0; i < n; i++ {
		h := base
		for j := i; j < n && j-i < maxN; j++ {
			h = mix(h, at(j))
			if j-i+1 >= minN {
				b.Keys = append(b.Keys, h)
			}
		}
	}
}

// AddTrigram adds the feature of the word triple (w1, w2, w3).
func (b *Bag) AddTrigram(w1, w2, w3 string) {
	h := mixString(mix(fnvOffset, kindTrigram), w1)
	h = mixString(mix(h, ' '), w2)
	b.Keys = append(b.Keys, mixString(mix(h, ' '), w3))
}
