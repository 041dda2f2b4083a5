package issue

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/query"
)

// feature is one dimension of a vector: the hash of a word root or of an
// entity name, and its weight. Hashes stand for the strings so that a
// vector is small and compares without touching text; with 64 bits two
// features of one corpus collide with negligible probability.
type feature struct {
	h uint64
	w float32
}

// vector is a sparse vector with its features sorted by hash.
type vector []feature

// dot returns the inner product of two vectors.
func dot(a, b vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// norm returns the Euclidean length of v.
func (v vector) norm() float64 {
	var s float64
	for _, f := range v {
		s += float64(f.w) * float64(f.w)
	}
	return math.Sqrt(s)
}

// cosine returns the cosine similarity of a and b, 0 when either is empty.
func cosine(a, b vector) float64 {
	na, nb := a.norm(), b.norm()
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / (na * nb)
}

// add returns the sum of v and u (both sorted by hash) in out's storage.
func add(out, v, u vector) vector {
	out = out[:0]
	i, j := 0, 0
	for i < len(v) && j < len(u) {
		switch {
		case v[i].h < u[j].h:
			out = append(out, v[i])
			i++
		case v[i].h > u[j].h:
			out = append(out, u[j])
			j++
		default:
			out = append(out, feature{v[i].h, v[i].w + u[j].w})
			i++
			j++
		}
	}
	out = append(out, v[i:]...)
	return append(out, u[j:]...)
}

// byWeight orders features heaviest first, ties by hash, so that a
// truncation keeps the same features on every run.
func byWeight(a, b feature) int {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c
	}
	return cmp.Compare(a.h, b.h)
}

// top keeps the k heaviest features of v (in place) and returns them
// sorted by hash.
func top(v vector, k int) vector {
	if len(v) <= k {
		return v
	}
	slices.SortFunc(v, byWeight)
	v = v[:k]
	slices.SortFunc(v, func(a, b feature) int { return cmp.Compare(a.h, b.h) })
	return v
}

// heaviest returns the hashes of the k heaviest features of v, ascending.
func heaviest(v vector, k int, scratch vector) ([]uint64, vector) {
	scratch = append(scratch[:0], v...)
	slices.SortFunc(scratch, byWeight)
	scratch = scratch[:min(k, len(scratch))]
	hs := make([]uint64, len(scratch))
	for i, f := range scratch {
		hs[i] = f.h
	}
	slices.Sort(hs)
	return hs, scratch
}

// Feature kinds, the first byte hashed, so that a root and an entity
// spelled alike stay apart.
const (
	kindRoot   = 'r'
	kindEntity = 'e'
)

// hash is FNV-1a over a kind byte and s, finished by the SplitMix64 mixer so
// that every bit of the result is usable as a table index.
func hash(kind byte, s string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * prime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// stopSet holds the hashes (as roots) of bahasa's stop words, so that a
// word is checked with one lookup of a number.
type stopSet map[uint64]struct{}

func newStopSet() stopSet {
	s := stopSet{}
	for _, w := range bahasa.StopWords(false).Words() {
		s[hash(kindRoot, w)] = struct{}{}
	}
	return s
}

// keepRoot reports whether an analysed word, whose root hashes to h,
// carries meaning for clustering: not a stop word (by its surface form or
// its root), at least three bytes, at least one letter (numbers and dates
// join unrelated stories).
func (s stopSet) keepRoot(t query.AnalyzedTerm, h uint64) bool {
	if len(t.Root) < 3 {
		return false
	}
	if _, stop := s[h]; stop {
		return false
	}
	if t.Folded != t.Root {
		if _, stop := s[hash(kindRoot, t.Folded)]; stop {
			return false
		}
	}
	for i := 0; i < len(t.Root); i++ {
		if c := t.Root[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// entityKey returns the folded name of a "TYPE:Name" entity and its type.
// The type is not part of the key: the tagger sometimes calls one name a
// person in one item and an organisation in the next.
func entityKey(e string) (key, typ string) {
	typ, name, ok := strings.Cut(e, ":")
	if !ok {
		name, typ = e, ""
	}
	return strings.Join(strings.Fields(bahasa.Fold(name)), " "), typ
}

// counted is a feature with its raw frequency in one item, before IDF.
type counted struct {
	h  uint64
	tf float32
	// entity is set for an entity feature, whose weight does not grow
	// with repetition (an item lists each entity once).
	entity bool
}

// features appends the distinct features of an item with their
// frequencies: roots of the title count titleWeight each, roots of the
// text one each, entities once. The result is sorted by hash.
func features(buf []counted, a *archive.Analysis, entities []string, titleWeight float32, stop stopSet) []counted {
	buf = buf[:0]
	if a != nil {
		buf = appendRoots(buf, a.Title, titleWeight, stop)
		buf = appendRoots(buf, a.Text, 1, stop)
	}
	for _, e := range entities {
		if k, _ := entityKey(e); k != "" {
			buf = append(buf, counted{h: hash(kindEntity, k), tf: 1, entity: true})
		}
	}
	slices.SortFunc(buf, func(a, b counted) int { return cmp.Compare(a.h, b.h) })
	out := buf[:0]
	for _, c := range buf {
		if n := len(out); n > 0 && out[n-1].h == c.h {
			if !c.entity {
				out[n-1].tf += c.tf
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// appendRoots appends the kept roots of ts, each counting weight. A word
// the analysis wrote out as k terms ("BPBD": badan, penanggulangan,
// bencana, daerah) gives each weight/k, so that it weighs about as much
// as the one word it is.
func appendRoots(buf []counted, ts []query.AnalyzedTerm, weight float32, stop stopSet) []counted {
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && ts[j].SameWord(ts[i]) {
			j++
		}
		share := weight / float32(j-i)
		for _, t := range ts[i:j] {
			if h := hash(kindRoot, t.Root); stop.keepRoot(t, h) {
				buf = append(buf, counted{h: h, tf: share})
			}
		}
		i = j
	}
	return buf
}

// weigh turns counted features into the item's unit vector: a root weighs
// (1 + ln tf) · idf (tf · idf below 1, for part of a written-out word), an
// entity entityWeight · idf; the k heaviest are kept and the vector is
// scaled to length 1.
func weigh(cs []counted, df *docFreq, entityWeight float32, k int) vector {
	v := make(vector, 0, len(cs))
	for _, c := range cs {
		w := float32(df.idf(c.h))
		if c.entity {
			w *= entityWeight
		} else if c.tf < 1 {
			w *= c.tf
		} else {
			w *= 1 + float32(math.Log(float64(c.tf)))
		}
		v = append(v, feature{c.h, w})
	}
	v = top(v, k)
	if n := v.norm(); n > 0 {
		for i := range v {
			v[i].w = float32(float64(v[i].w) / n)
		}
	}
	return slices.Clip(v)
}
