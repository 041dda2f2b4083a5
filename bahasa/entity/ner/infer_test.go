package ner

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// referenceDecode is decode as it was before inference: every feature key
// built by sentenceInfo.features and looked up, the transitions
// exponentiated per call. The fast path must give the same bits.
func referenceDecode(m *Model, words []string) ([]int, []float64) {
	if !m.cased {
		lower := make([]string, len(words))
		for i, w := range words {
			lower[i] = strings.ToLower(w)
		}
		words = lower
	}
	L := len(m.labels)
	s := analyse(words, m.cased, m.gaz, m.maxWords, m.casing, m.clusters)
	score := make([]float32, len(words)*L)
	var buf []byte
	for i := range words {
		row := score[i*L : i*L+L]
		buf = s.features(i, m.cased, buf, func(key []byte) {
			f, ok := m.feats[string(key)]
			if !ok {
				return
			}
			for l, v := range m.w[int(f)*L : int(f)*L+L] {
				row[l] += v
			}
		})
	}
	tags := referenceViterbi(score, m.trans, m.allowed, L, len(words))
	tr := make([]float64, (L+1)*L)
	for p := range L + 1 {
		for l := range L {
			if m.allowed(p, l) {
				tr[p*L+l] = math.Exp(float64(m.trans[p*L+l]) / temperature)
			}
		}
	}
	return tags, m.marginals(tr, score, tags, new([]float64))
}

// referenceViterbi is viterbi as it was, with the constraint as a function.
func referenceViterbi(score, trans []float32, allowed func(p, l int) bool, L, n int) []int {
	neg := float32(math.Inf(-1))
	delta := make([]float32, n*L)
	back := make([]int32, n*L)
	for l := range L {
		delta[l] = neg
		if allowed(L, l) {
			delta[l] = score[l] + trans[L*L+l]
		}
	}
	for i := 1; i < n; i++ {
		for l := range L {
			best, arg := neg, int32(0)
			for p := range L {
				if delta[(i-1)*L+p] == neg || !allowed(p, l) {
					continue
				}
				if v := delta[(i-1)*L+p] + trans[p*L+l]; v > best {
					best, arg = v, int32(p)
				}
			}
			delta[i*L+l] = best + score[i*L+l]
			back[i*L+l] = arg
		}
	}
	tags := make([]int, n)
	best := neg
	for l := range L {
		if v := delta[(n-1)*L+l]; (v > best || l == 0) && allowed(l, 0) {
			best, tags[n-1] = v, l
		}
	}
	for i := n - 1; i > 0; i-- {
		tags[i-1] = int(back[i*L+tags[i]])
	}
	return tags
}

// referenceEntities is Entities over referenceDecode.
func referenceEntities(m *Model, text string) []Entity {
	toks := tokenize(text, m.joinWords)
	if len(toks) == 0 {
		return nil
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	tags, conf := referenceDecode(m, words)
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

// sameDecode reports whether decode and referenceDecode agree on words, to
// the bit.
func sameDecode(t *testing.T, m *Model, words []string) bool {
	t.Helper()
	tags, conf := m.decode(words)
	wantTags, wantConf := referenceDecode(m, words)
	if !slices.ContainsFunc(wantTags, func(t int) bool { return m.types[t] != "" }) {
		wantConf = nil // decode gives no marginals when no word is in an entity
	}
	if !slices.Equal(tags, wantTags) || !slices.EqualFunc(conf, wantConf, func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b)
	}) {
		t.Errorf("%s: decode(%q) = %v %v, want %v %v", m.Name(), words, tags, conf, wantTags, wantConf)
		return false
	}
	return true
}

// TestDecodeMatchesReference runs both embedded models over the NERP and
// NERGrit test splits, as written, lower-cased and upper-cased, and as
// running text through Entities, and fails on any difference from the
// reference path: tags, marginals, spans, types and scores.
func TestDecodeMatchesReference(t *testing.T) {
	dir := testenv.SharedData(t, "ner-indonlu")
	nerp, nergrit := loadModels(t)
	var sents []Sentence
	for _, split := range []string{"nerp/test_preprocess.txt", "nergrit/test_preprocess.txt"} {
		sents = append(sents, readSentences(t, filepath.Join(dir, split))...)
	}
	for _, m := range []*Model{nerp, nergrit} {
		fails := 0
		for _, s := range sents {
			for _, words := range [][]string{s.Words, lowerAll(s.Words, strings.ToLower), lowerAll(s.Words, strings.ToUpper)} {
				if !sameDecode(t, m, words) {
					fails++
				}
			}
			text := strings.Join(s.Words, " ")
			if got, want := m.Entities(text), referenceEntities(m, text); !slices.Equal(got, want) {
				t.Errorf("%s: Entities(%q) = %+v, want %+v", m.Name(), text, got, want)
				fails++
			}
			if fails > 10 {
				t.Fatalf("%s: too many differences", m.Name())
			}
		}
	}
	for _, w := range [][]string{{""}, {"<s>", "</s>", "_", "-"}, {"kota", "", " jambi", "muaro jambi"}} {
		sameDecode(t, nerp, w)
		sameDecode(t, nergrit, w)
	}
}

func lowerAll(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return out
}

// TestDecodeCacheBound decodes with a word cache of 8 words, from several
// goroutines at once, so that the cache is emptied while in use.
func TestDecodeCacheBound(t *testing.T) {
	nerp, nergrit := loadModels(t)
	sents := readSentences(t, "testdata/nergrit-train-100.txt")
	for _, base := range []*Model{nerp, nergrit} {
		m := *base
		m.prepare()
		m.inf.maxWords = 8
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for _, s := range sents[g*25 : g*25+25] {
					sameDecode(t, &m, s.Words)
				}
			})
		}
		wg.Wait()
		if n := m.inf.nwords.Load(); n > 8+4 {
			t.Errorf("%s: %d words cached, want at most about 8", m.Name(), n)
		}
	}
}
