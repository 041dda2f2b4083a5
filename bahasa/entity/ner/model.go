package ner

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Entity is one named entity found in a text.
type Entity struct {
	Start, End int    // byte offsets in the input: Text == input[Start:End]
	Text       string // the entity as written
	Type       string // PER, ORG, LOC, EVT or FNB
	// Score is the model's confidence in (0, 1]: the smallest, over the
	// entity's tokens, of the marginal probability of the chosen tag when
	// the perceptron's scores are read as a CRF's (forward-backward). It
	// ranks entities; it is only roughly calibrated.
	Score float64
}

// Model tags tokens with BIO labels. It is read-only and safe for
// concurrent use.
type Model struct {
	name  string
	cased bool // features include the shape of words; else input is lower-cased
	// joinWords is set when the training data writes "ke-69",
	// "kompas.com" and the initial "m." as one token (NERP): Entities
	// tokenises text the same way (see tokenize).
	joinWords bool
	labels    []string // the BIO tags as the training data spells them; labels[0] is "O"
	types     []string // the entity type of each label, "" for O
	inside    []bool   // the label continues an entity: an I- (or E-) tag
	bio       []string // each label as a BIO tag: S- as B-, E- as I-
	allow     []bool   // allow[p*len(labels)+l]: see allowed
	feats     map[string]int32
	w         []float32         // w[f*len(labels)+l]: weight of feature f for label l
	trans     []float32         // trans[p*len(labels)+l], p == len(labels) for the sentence start
	gaz       map[string]string // lower-cased name -> its types ("R" for a region, "PER", "LOC+R")
	maxWords  int               // the most words a name in gaz has
	// casing maps a lower-cased word to how it is usually written in
	// cased news text: "C" capitalised, "U" all capitals, "m" mixed, "l"
	// lower case. It gives lower-cased input back some of what
	// capitals say.
	casing map[string]string
	// clusters maps a lower-cased word to its path in a tree of word
	// clusters learned from unlabelled news (see ClusterCounter).
	clusters map[string]string
	// inf is what decoding precomputes (prepare); nil until the model is
	// complete.
	inf *inference
}

// The embedded models, as strings because a string, unlike a []byte,
// cannot be modified.
//
//go:embed data/nerp.bin.gz
var nerpModel string

//go:embed data/nergrit.bin.gz
var nergritModel string

// Load returns the default model for news text, trained on NERP: types
// PER, ORG, LOC, EVT and FNB, case-insensitive. It takes about 0.1 s to
// decode, so a program loads it once and shares it.
func Load() (*Model, error) {
	m, err := Read(strings.NewReader(nerpModel))
	if err != nil {
		return nil, fmt.Errorf("ner: load nerp: %w", err)
	}
	return m, nil
}

// LoadNERGrit returns the model trained on NERGrit: types PER, ORG and
// LOC, using capitalisation.
func LoadNERGrit() (*Model, error) {
	m, err := Read(strings.NewReader(nergritModel))
	if err != nil {
		return nil, fmt.Errorf("ner: load nergrit: %w", err)
	}
	return m, nil
}

// Name returns the name the model was trained under ("nerp", "nergrit").
func (m *Model) Name() string { return m.name }

// TypeOf returns the entity type of a BIO tag of either data set, in the
// names Entity uses: PER for PPL and PERSON, ORG for IND and ORGANISATION,
// LOC for PLC and PLACE; other types keep their name. It returns "" for O.
func TypeOf(tag string) string {
	_, t, ok := strings.Cut(tag, "-")
	if !ok {
		return ""
	}
	switch t {
	case "PPL", "PERSON":
		return "PER"
	case "IND", "ORGANISATION":
		return "ORG"
	case "PLC", "PLACE":
		return "LOC"
	}
	return t
}

// Entities finds the named entities in text, in order.
func (m *Model) Entities(text string) []Entity {
	toks := tokenize(text, m.joinWords)
	if len(toks) == 0 {
		return nil
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	tags, conf := m.decode(words)
	var out []Entity
	for _, sp := range spans(tags, m.inside, m.types) {
		score := 1.0
		for i := sp.start; i < sp.end; i++ {
			score = min(score, conf[i])
		}
		start, end := toks[sp.start].Start, toks[sp.end-1].End
		out = append(out, Entity{Start: start, End: end, Text: text[start:end], Type: sp.typ, Score: score})
	}
	return out
}

// Tag returns the BIO tag of each word, as the training data spells them.
func (m *Model) Tag(words []string) []string {
	tags, _ := m.decode(words)
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = m.bio[t]
	}
	return out
}

// decode returns the best label of each word and its marginal
// probability; nil probabilities when no word is in an entity.
func (m *Model) decode(words []string) ([]int, []float64) {
	if !m.cased {
		lower := make([]string, len(words))
		for i, w := range words {
			lower[i] = strings.ToLower(w)
		}
		words = lower
	}
	inf := m.inf
	if inf == nil { // a model neither read nor trained: set up, used once
		inf = newInference(m)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	score := inf.emissions(m, words, sc)
	tags := viterbi(score, m.trans, m.allow, len(m.labels), len(words))
	if !slices.ContainsFunc(tags, func(t int) bool { return m.types[t] != "" }) {
		return tags, nil // no entity, so no score to give
	}
	return tags, m.marginals(inf.tr, score, tags, &sc.probs)
}

// temperature divides the perceptron's scores before they are read as
// log-potentials of a CRF: the perceptron's scale is arbitrary. With 27,
// picked on NERP's valid split, the mean Score of the entities found there
// (0.81) is close to their precision (0.80).
const temperature = 27

// marginals returns, for each token, the probability of its chosen tag
// under the CRF whose log-potentials are the scores over temperature,
// computed by forward-backward in probability space, each step rescaled
// to sum to 1 (the scale factors cancel in the marginals).
// tr holds the exp of the transitions over temperature, 0 where not
// allowed (inference.tr); work is reused memory.
func (m *Model) marginals(tr []float64, score []float32, tags []int, work *[]float64) []float64 {
	L, n := len(m.labels), len(tags)
	buf := append((*work)[:0], make([]float64, 3*n*L+L)...)
	*work = buf
	em := buf[:n*L] // exp of the emissions, each row scaled by its maximum
	for i := range n {
		row := score[i*L : i*L+L]
		best := slices.Max(row)
		for l, v := range row {
			em[i*L+l] = math.Exp(float64(v-best) / temperature)
		}
	}
	alpha, beta := buf[n*L:2*n*L], buf[2*n*L:3*n*L]
	for l := range L {
		alpha[l] = tr[L*L+l] * em[l]
	}
	normalise(alpha[:L])
	for i := 1; i < n; i++ {
		prev := alpha[(i-1)*L : i*L]
		row := alpha[i*L : i*L+L]
		for p, a := range prev {
			if a == 0 {
				continue
			}
			for l, t := range tr[p*L : p*L+L] {
				row[l] += a * t
			}
		}
		for l := range row {
			row[l] *= em[i*L+l]
		}
		normalise(row)
	}
	for l := range L {
		beta[(n-1)*L+l] = 1
	}
	next := buf[3*n*L:] // the next word's emissions times its beta
	for i := n - 2; i >= 0; i-- {
		for l := range L {
			next[l] = em[(i+1)*L+l] * beta[(i+1)*L+l]
		}
		for p := range L {
			var sum float64
			for l, t := range tr[p*L : p*L+L] {
				sum += t * next[l]
			}
			beta[i*L+p] = sum
		}
		normalise(beta[i*L : i*L+L])
	}
	out := make([]float64, n)
	for i, t := range tags {
		var z float64
		for l := range L {
			z += alpha[i*L+l] * beta[i*L+l]
		}
		if z > 0 {
			out[i] = alpha[i*L+t] * beta[i*L+t] / z
		}
	}
	return out
}

// normalise scales v to sum to 1, unless it sums to 0.
func normalise(v []float64) {
	var sum float64
	for _, x := range v {
		sum += x
	}
	if sum > 0 {
		for i := range v {
			v[i] /= sum
		}
	}
}

// allowed reports whether label cur may follow label prev (prev ==
// len(labels) at the start; cur == 0, "O", after the end).
func (m *Model) allowed(prev, cur int) bool { return m.allow[prev*len(m.labels)+cur] }

// viterbi returns the best sequence of n labels given emission scores
// score[i*L+l], transitions trans[p*L+l] (p == L at the start) and the
// constraint allow[p*L+l] (see Model.allowed). Ties go to the lower
// label, so decoding is deterministic.
func viterbi[T float32 | float64](score, trans []T, allow []bool, L, n int) []int {
	if n == 0 {
		return nil
	}
	neg := T(math.Inf(-1))
	delta := make([]T, n*L)
	back := make([]int32, n*L)
	for l := range L {
		delta[l] = neg
		if allow[L*L+l] {
			delta[l] = score[l] + trans[L*L+l]
		}
	}
	for i := 1; i < n; i++ {
		prev, cur := delta[(i-1)*L:i*L], delta[i*L:(i+1)*L]
		for l := range L {
			best, arg := neg, int32(0)
			for p, d := range prev {
				if d == neg || !allow[p*L+l] {
					continue
				}
				if v := d + trans[p*L+l]; v > best {
					best, arg = v, int32(p)
				}
			}
			cur[l] = best + score[i*L+l]
			back[i*L+l] = arg
		}
	}
	tags := make([]int, n)
	best := neg
	for l := range L {
		if v := delta[(n-1)*L+l]; (v > best || l == 0) && allow[l*L] {
			best, tags[n-1] = v, l
		}
	}
	for i := n - 1; i > 0; i-- {
		tags[i-1] = int(back[i*L+tags[i]])
	}
	return tags
}

// span is an entity as a range of token indices.
type span struct {
	start, end int
	typ        string
}

// spans reads entities off a BIO label sequence, the CoNLL way: an entity
// begins at a B- tag, or at an I- tag that does not continue one of its
// type, and runs over the I- tags of its type that follow.
func spans(tags []int, inside []bool, types []string) []span {
	var out []span
	for i := 0; i < len(tags); {
		t := types[tags[i]]
		if t == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && inside[tags[j]] && types[tags[j]] == t {
			j++
		}
		out = append(out, span{i, j, t})
		i = j
	}
	return out
}
