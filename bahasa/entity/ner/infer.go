package ner

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
)

// inference holds what decoding needs beyond the weights, precomputed so
// that a token costs a handful of map look-ups instead of one per feature
// (sentenceInfo.features, which training uses, builds ~45 string keys per
// token). It gives exactly the scores of features: the same feature
// numbers, added in the same order, so the float32 sums are bit for bit
// the same. It belongs to one model: its feature numbers and transitions
// must not change after prepare.
type inference struct {
	bias     int32      // the feature "b="
	bos, eos *wordFeats // the neighbours before the first and after the last word
	gazKeys  map[string]gazKey
	gazTags  []gazFeats        // by gaz tag: 0 "-", 1+2t "B-"+type t, 2+2t "I-"+type t
	gazEdge  [2]int32          // "g-1=_", "g+1=_"
	casings  map[string]int    // casing value -> index; "?" included
	pairs    map[string]uint16 // word -> the sides of the pair features it is in (pairNames)
	// pairWords numbers the words and shapes that pair features join, and
	// pairFeats gives a pair's feature number: a look-up of three numbers
	// rather than of a key built from two strings.
	pairWords map[string]int32
	pairFeats map[uint64]int32
	crr       []int32      // crr[(prev*V+cur)*(V+1)+next], prev and next V for <s>, </s>; nil if V is large
	tr        []float64    // exp of the transitions over temperature, 0 where not allowed
	words     sync.Map     // analysed word -> *wordFeats
	nwords    atomic.Int64 // entries in words, about
	maxWords  int64        // bound on nwords: past it, words is emptied
}

// wordCacheSize bounds the words an inference remembers (a few hundred
// bytes each).
const wordCacheSize = 1 << 15

// gazKey says what a run of words is in the gazetteer: the index of its
// types (-1 if not a name) and whether a longer name begins with it.
type gazKey struct {
	typ    int32
	prefix bool
}

// gazFeats are the feature numbers of one gazetteer tag.
type gazFeats struct {
	g, gm1, gp1 int32
	gc          [numCues]int32 // by the cue of the previous word
}

// Cue classes as indices: the values of cue, then the sentence edges.
const (
	cueBOS  = 5
	cueEOS  = 6
	numCues = 6 // a previous word's cue: never cueEOS
)

var cueNames = [...]string{"", "T", "O", "L", "E", "<s>", "</s>"}

func cueIndex(c string) int8 {
	switch c {
	case "T":
		return 1
	case "O":
		return 2
	case "L":
		return 3
	case "E":
		return 4
	}
	return 0
}

// pairNames are the features of two words (or shapes) "name" + a + "|" +
// b. A word side may be ruled out of the first ones, so that most pairs
// need no look-up: pairNames[k] has the flags 1<<(2k) (the word on the
// left of "|") and 1<<(2k+1) (on the right).
var pairNames = [...]string{"w-+=", "w--=", "ww-=", "ww+=", "Sw-=", "SS-=", "SS+="}

// Kinds of pairNames.
const (
	pairWMP = iota
	pairWMM
	pairWWM
	pairWWP
	pairSWM
	pairSSM
	pairSSP
)

// pairKey is a pair feature: its kind (pairNames) and the numbers of its
// sides in inference.pairWords, packed in one integer (a map keyed by an
// integer is the fastest the decoder can ask; the numbers stay under
// 2³⁰, far above the vocabulary of any model).
func pairKey(kind int, a, b int32) uint64 {
	return uint64(kind)<<60 | uint64(a)<<30 | uint64(b)
}

// indexPairs fills inf.pairs, pairWords and pairFeats from m's pair
// features. A word may contain '|', so a key is filed under every split it
// allows, as building the key from two words would find it.
func (inf *inference) indexPairs(m *Model) {
	inf.pairs = map[string]uint16{}
	inf.pairWords = map[string]int32{}
	inf.pairFeats = map[uint64]int32{}
	word := func(w string) int32 {
		id, ok := inf.pairWords[w]
		if !ok {
			id = int32(len(inf.pairWords))
			inf.pairWords[w] = id
		}
		return id
	}
	for key, f := range m.feats {
		for k, name := range pairNames {
			rest, ok := strings.CutPrefix(key, name)
			if !ok {
				continue
			}
			for j := 0; j < len(rest); j++ {
				if rest[j] == '|' {
					a, b := rest[:j], rest[j+1:]
					inf.pairs[a] |= 1 << (2 * k)
					inf.pairs[b] |= 1 << (2*k + 1)
					inf.pairFeats[pairKey(k, word(a), word(b))] = f
				}
			}
		}
	}
}

// pairWord returns the number of w in pair features, -1 if none.
func (inf *inference) pairWord(w string) int32 {
	if id, ok := inf.pairWords[w]; ok {
		return id
	}
	return -1
}

// clusterBits are the cluster path prefixes features uses, with their keys.
var clusterBits = [...]struct {
	n   int
	key string
}{{4, "Ke="}, {6, "Kg="}, {8, "Ki="}, {10, "Kk="}, {12, "Km="}, {16, "Kq="}}

// wordFeats are the feature numbers a word brings wherever it stands, -1
// where the model has no such feature, with what the features of its
// neighbours need.
type wordFeats struct {
	lower, shape   string
	cue            int8
	pairs          uint16  // the sides of the pair features the word is in (pairNames)
	lowerID        int32   // lower in inference.pairWords, -1 if none
	shapeID        int32   // shape in inference.pairWords, -1 if none
	casing         int     // index in inference.casings
	head           []int32 // b, w, k, prefixes and suffixes, in the order of features
	wm1, wp1       int32   // as the word before or after another: "w-1=", "w+1="
	wm2, wp2       int32
	sm1, sp1       int32 // its 3-letter suffix as a neighbour's
	c, cm1, cp1    int32
	cm2            int32
	cr, crm1       int32
	crp1           int32
	crc            [numCues]int32 // "crc=" by the cue of the previous word
	k              [len(clusterBits)]int32
	km1, kp1       int32
	kc             [numCues]int32 // "Kc=" by the cue of the previous word
	sh, shm1, shp1 int32          // shape features, cased models only
	f              int32
}

// prepare sets up m's inference; Read and Train call it once the model is
// complete.
func (m *Model) prepare() { m.inf = newInference(m) }

func newInference(m *Model) *inference {
	inf := &inference{maxWords: wordCacheSize, bias: m.id("b=")}
	types := map[string]int32{}
	var typeNames []string
	inf.gazKeys = make(map[string]gazKey, len(m.gaz))
	for name, typ := range m.gaz {
		t, ok := types[typ]
		if !ok {
			t = int32(len(typeNames))
			types[typ] = t
			typeNames = append(typeNames, typ)
		}
		k := inf.gazKeys[name]
		k.typ = t
		inf.gazKeys[name] = k
	}
	for name := range m.gaz {
		for j := 0; j < len(name); j++ {
			if name[j] != ' ' {
				continue
			}
			k, ok := inf.gazKeys[name[:j]]
			if !ok {
				k.typ = -1
			}
			k.prefix = true
			inf.gazKeys[name[:j]] = k
		}
	}
	tags := []string{"-"}
	for _, t := range typeNames {
		tags = append(tags, "B-"+t, "I-"+t)
	}
	for _, tag := range tags {
		g := gazFeats{g: m.id("g=" + tag), gm1: m.id("g-1=" + tag), gp1: m.id("g+1=" + tag)}
		for c := range numCues {
			g.gc[c] = m.id("gc=" + tag + "|" + cueNames[c])
		}
		inf.gazTags = append(inf.gazTags, g)
	}
	inf.gazEdge = [2]int32{m.id("g-1=_"), m.id("g+1=_")}
	inf.indexPairs(m)

	inf.casings = map[string]int{"?": 0}
	names := []string{"?"}
	for _, c := range m.casing {
		if _, ok := inf.casings[c]; !ok {
			inf.casings[c] = len(names)
			names = append(names, c)
		}
	}
	if V := len(names); V <= 16 {
		inf.crr = make([]int32, (V+1)*V*(V+1))
		for p := range V + 1 {
			prev := "<s>"
			if p < V {
				prev = names[p]
			}
			for c := range V {
				for n := range V + 1 {
					next := "</s>"
					if n < V {
						next = names[n]
					}
					inf.crr[(p*V+c)*(V+1)+n] = m.id("crr=" + prev + "|" + names[c] + "|" + next)
				}
			}
		}
	}

	inf.bos = &wordFeats{lower: "<s>", shape: "<s>", cue: cueBOS, casing: len(names), pairs: inf.pairs["<s>"],
		lowerID: inf.pairWord("<s>"), shapeID: inf.pairWord("<s>"),
		wm1: m.id("w-1=<s>"), wm2: m.id("w-2=<s>"), cm1: m.id("c-1=<s>"), cm2: m.id("c-2=<s>"),
		crm1: m.id("cr-1=<s>"), km1: m.id("K-1=<s>"), shm1: m.id("S-1=<s>")}
	inf.eos = &wordFeats{lower: "</s>", shape: "</s>", cue: cueEOS, casing: len(names), pairs: inf.pairs["</s>"],
		lowerID: inf.pairWord("</s>"), shapeID: inf.pairWord("</s>"),
		wp1: m.id("w+1=</s>"), wp2: m.id("w+2=</s>"), cp1: m.id("c+1=</s>"),
		crp1: m.id("cr+1=</s>"), kp1: m.id("K+1=</s>"), shp1: m.id("S+1=</s>")}

	L := len(m.labels)
	inf.tr = make([]float64, (L+1)*L)
	for p := range L + 1 {
		for l := range L {
			if m.allowed(p, l) {
				inf.tr[p*L+l] = math.Exp(float64(m.trans[p*L+l]) / temperature)
			}
		}
	}
	return inf
}

// id returns the number of the feature key, -1 if the model lacks it.
func (m *Model) id(key string) int32 {
	if f, ok := m.feats[key]; ok {
		return f
	}
	return -1
}

// word returns the features of w (lower-cased already for a case-blind
// model), from the cache if it is there.
func (inf *inference) word(m *Model, w string) *wordFeats {
	if v, ok := inf.words.Load(w); ok {
		return v.(*wordFeats)
	}
	// A copy: w is often a slice of a long text, which the cache must
	// not keep alive.
	w = strings.Clone(w)
	wf := inf.analyseWord(m, w)
	if inf.nwords.Add(1) > inf.maxWords {
		inf.words.Clear()
		inf.nwords.Store(1)
	}
	inf.words.Store(w, wf)
	return wf
}

// analyseWord computes the features of w as features and analyse would.
func (inf *inference) analyseWord(m *Model, w string) *wordFeats {
	lower := strings.ToLower(w)
	wf := &wordFeats{lower: lower, cue: cueIndex(cue(lower)), pairs: inf.pairs[lower], lowerID: inf.pairWord(lower), shapeID: -1}
	id := func(parts ...string) int32 { return m.id(strings.Join(parts, "")) }
	wf.head = append(wf.head, inf.bias, id("w=", lower), id("k=", kind(lower)))
	for n := 1; n <= 4; n++ {
		j := prefixLen(lower, n)
		if j < 0 {
			break
		}
		if n <= 3 {
			wf.head = append(wf.head, id("p=", lower[:j]))
		}
		wf.head = append(wf.head, id("s=", lower[suffixStart(lower, n):]))
	}
	wf.wm1, wf.wp1 = id("w-1=", lower), id("w+1=", lower)
	wf.wm2, wf.wp2 = id("w-2=", lower), id("w+2=", lower)
	suf := lower[suffixStart(lower, 3):]
	wf.sm1, wf.sp1 = id("s-1=", suf), id("s+1=", suf)
	c := cueNames[wf.cue]
	wf.c, wf.cm1, wf.cp1, wf.cm2 = id("c=", c), id("c-1=", c), id("c+1=", c), id("c-2=", c)
	casing := "?"
	if v, ok := m.casing[lower]; ok {
		casing = v
	}
	wf.casing = inf.casings[casing]
	wf.cr, wf.crm1, wf.crp1 = id("cr=", casing), id("cr-1=", casing), id("cr+1=", casing)
	cluster := "?"
	if v, ok := m.clusters[lower]; ok {
		cluster = v
	}
	for i, b := range clusterBits {
		wf.k[i] = id(b.key, clusterPrefix(cluster, b.n))
	}
	wf.km1, wf.kp1 = id("K-1=", clusterPrefix(cluster, 6)), id("K+1=", clusterPrefix(cluster, 6))
	for p := range numCues {
		wf.crc[p] = id("crc=", casing, "|", cueNames[p])
		wf.kc[p] = id("Kc=", clusterPrefix(cluster, 8), "|", cueNames[p])
	}
	if m.cased {
		wf.shape = string(shape(nil, w))
		wf.shapeID = inf.pairWord(wf.shape)
		wf.sh, wf.shm1, wf.shp1 = id("S=", wf.shape), id("S-1=", wf.shape), id("S+1=", wf.shape)
		wf.f = id("F=", wf.shape)
	}
	return wf
}

// gazetteer returns the gaz tag index of each word (see inference.gazTags)
// from the longest match, as analyse does.
func (inf *inference) gazetteer(m *Model, ws []*wordFeats, out []int32) []int32 {
	out = append(out[:0], make([]int32, len(ws))...)
	var key []byte
	for i := 0; i < len(ws); {
		n, typ := 0, int32(0)
		key = key[:0]
		for k := 1; k <= min(m.maxWords, len(ws)-i); k++ {
			if k > 1 {
				key = append(key, ' ')
			}
			key = append(key, ws[i+k-1].lower...)
			g, ok := inf.gazKeys[string(key)]
			if !ok {
				break
			}
			if g.typ >= 0 {
				n, typ = k, g.typ
			}
			if !g.prefix {
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		out[i] = 1 + 2*typ
		for j := i + 1; j < i+n; j++ {
			out[j] = 2 + 2*typ
		}
		i += n
	}
	return out
}

// scratch is the reusable memory of one decode.
type scratch struct {
	ws    []*wordFeats
	gaz   []int32
	ids   []int32
	key   []byte
	score []float32
	probs []float64 // marginals' working memory
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// emissions returns the score of each label for each word: score[i*L+l].
func (inf *inference) emissions(m *Model, words []string, sc *scratch) []float32 {
	L, n := len(m.labels), len(words)
	sc.ws = sc.ws[:0]
	for _, w := range words {
		sc.ws = append(sc.ws, inf.word(m, w))
	}
	ws := sc.ws
	sc.gaz = inf.gazetteer(m, ws, sc.gaz)
	sc.score = append(sc.score[:0], make([]float32, n*L)...)
	nb := func(j int) *wordFeats {
		switch {
		case j < 0:
			return inf.bos
		case j >= n:
			return inf.eos
		}
		return ws[j]
	}
	for i, w := range ws {
		p2, p1, n1, n2 := nb(i-2), nb(i-1), nb(i+1), nb(i+2)
		ids := append(sc.ids[:0], w.head...)
		ids = append(ids, p1.wm1, n1.wp1, p2.wm2, n2.wp2,
			inf.pair(pairWMP, p1, n1), inf.pair(pairWMM, p2, p1))
		if i > 0 {
			ids = append(ids, p1.sm1)
		}
		if i+1 < n {
			ids = append(ids, n1.sp1)
		}
		ids = append(ids, inf.pair(pairWWM, p1, w), inf.pair(pairWWP, w, n1),
			w.c, p1.cm1, n1.cp1, p2.cm2)
		g := &inf.gazTags[sc.gaz[i]]
		gm1, gp1 := inf.gazEdge[0], inf.gazEdge[1]
		if i > 0 {
			gm1 = inf.gazTags[sc.gaz[i-1]].gm1
		}
		if i+1 < n {
			gp1 = inf.gazTags[sc.gaz[i+1]].gp1
		}
		ids = append(ids, g.g, gm1, gp1, g.gc[p1.cue], w.cr, p1.crm1, n1.crp1, inf.crrOf(m, &sc.key, p1, w, n1), w.crc[p1.cue])
		ids = append(ids, w.k[:]...)
		ids = append(ids, p1.km1, n1.kp1, w.kc[p1.cue])
		if m.cased {
			ids = append(ids, w.sh, p1.shm1, n1.shp1, inf.pairOf(pairSSM, p1.shapeID, w.shapeID),
				inf.pairOf(pairSSP, w.shapeID, n1.shapeID), inf.shapeWord(w, p1))
			if i == 0 {
				ids = append(ids, w.f)
			}
		}
		sc.ids = ids
		row := sc.score[i*L : i*L+L]
		for _, f := range ids {
			if f < 0 {
				continue
			}
			for l, v := range m.w[int(f)*L : int(f)*L+L] {
				row[l] += v
			}
		}
	}
	return sc.score
}

// pair returns the number of the word pair feature pairNames[k] of a
// and b, -1 if none.
func (inf *inference) pair(k int, a, b *wordFeats) int32 {
	if a.pairs&(1<<(2*k)) == 0 || b.pairs&(1<<(2*k+1)) == 0 {
		return -1
	}
	return inf.pairOf(k, a.lowerID, b.lowerID)
}

// shapeWord returns the number of the feature "Sw-=" of w's shape and the
// previous word p, -1 if none.
func (inf *inference) shapeWord(w, p *wordFeats) int32 {
	if p.pairs&(1<<(2*pairSWM+1)) == 0 {
		return -1
	}
	return inf.pairOf(pairSWM, w.shapeID, p.lowerID)
}

// pairOf returns the number of the pair feature of kind k joining the
// pair words a and b, -1 if none.
func (inf *inference) pairOf(k int, a, b int32) int32 {
	if a < 0 || b < 0 {
		return -1
	}
	if f, ok := inf.pairFeats[pairKey(k, a, b)]; ok {
		return f
	}
	return -1
}

// crrOf returns the number of the casing trigram feature.
func (inf *inference) crrOf(m *Model, buf *[]byte, p, c, n *wordFeats) int32 {
	if inf.crr != nil {
		V := len(inf.casings)
		return inf.crr[(p.casing*V+c.casing)*(V+1)+n.casing]
	}
	k := append((*buf)[:0], "crr="...)
	k = append(k, inf.casingName(m, p)...)
	k = append(k, '|')
	k = append(k, inf.casingName(m, c)...)
	k = append(k, '|')
	k = append(k, inf.casingName(m, n)...)
	*buf = k
	if f, ok := m.feats[string(k)]; ok {
		return f
	}
	return -1
}

// casingName returns how features spells the casing of w.
func (inf *inference) casingName(m *Model, w *wordFeats) string {
	switch w {
	case inf.bos:
		return "<s>"
	case inf.eos:
		return "</s>"
	}
	if v, ok := m.casing[w.lower]; ok {
		return v
	}
	return "?"
}
