package ner

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
)

// TrainOptions configure Train.
type TrainOptions struct {
	Name   string // stored in the model: "nerp", "nergrit"
	Epochs int    // passes over the training data; the best on Valid is kept
	Seed   uint64 // seeds the order of sentences in each pass
	Cased  bool   // use the shape of words (for data that keeps capitals)
	// JoinWords says the data writes "ke-69", "kompas.com" and the
	// initial "m." as one token (NERP); the model's Entities tokenises
	// text so.
	JoinWords bool
	MinCount  int      // features seen fewer times in training are dropped
	Places    []string // place names for the gazetteer features, any case
	// Voters, if above 1, trains this many perceptrons side by side, each
	// on its own sentence order (all drawn from Seed), and averages their
	// weights: less variance than one.
	Voters int
	// BIOES, if set, trains on the tags rewritten as BIOES (S- for an
	// entity of one word, E- for the last word of a longer one); Tag
	// still answers in BIO.
	BIOES bool
	// Names are more names for the gazetteer features, by entity type
	// (as TypeOf spells it): entities of another data set, for example.
	Names map[string][]string
	// Casing maps lower-cased words to how cased news text writes them
	// (see Casing).
	Casing map[string]string
	// Clusters maps lower-cased words to their word cluster paths (see
	// ClusterCounter).
	Clusters map[string]string
	// Folds, if above 1, adds the entities of the training sentences to
	// the gazetteer, each sentence seeing only those of the other folds.
	Folds int
	Valid []Sentence // if set, the epoch with the best micro F1 on it is kept
	// Progress, if set, is called after each epoch with the micro F1 on
	// Valid (0 without Valid).
	Progress func(epoch int, validF1 float64)
}

// trainer holds the state of one training run.
type trainer struct {
	m        *Model
	w, acc   []float64 // weights and their time-weighted sums, for averaging
	tw, tacc []float64 // the same for transitions
	clock    float64
	rng      *rand.Rand // shuffles order before each pass
	order    []int      // the order of the sentences in this pass
}

// newTrainer returns a trainer of m's weights, all zero, over n sentences.
func newTrainer(m *Model, n int, rng *rand.Rand) *trainer {
	L := len(m.labels)
	t := &trainer{m: m, w: make([]float64, len(m.feats)*L), acc: make([]float64, len(m.feats)*L),
		tw: make([]float64, (L+1)*L), tacc: make([]float64, (L+1)*L), rng: rng, order: make([]int, n)}
	for i := range t.order {
		t.order[i] = i
	}
	return t
}

// Train fits an averaged structured perceptron to the sentences (or
// opt.Voters of them, and returns their mean). Given the same sentences
// and options it returns the same model, bit for bit: the sentence orders
// come from Seed, feature numbers from their first
// occurrence, and nothing depends on map iteration.
func Train(sents []Sentence, opt TrainOptions) (*Model, error) {
	if len(sents) == 0 {
		return nil, errors.New("ner: train: no sentences")
	}
	tags := make([][]string, len(sents))
	for i, s := range sents {
		tags[i] = s.Tags
		if opt.BIOES {
			tags[i] = toBIOES(s.Tags)
		}
	}
	m := newModel(sents, tags, opt)
	L := len(m.labels)
	gazFor := func(int) *Model { return m }
	if opt.Folds > 1 {
		folds := foldGazetteers(sents, opt, opt.Folds)
		gazFor = func(i int) *Model { return folds[i%opt.Folds] }
	}
	feats := extractAll(m, sents, max(opt.MinCount, 1), gazFor)
	gold := make([][]int, len(sents))
	index := make(map[string]int, L)
	for i, l := range m.labels {
		index[l] = i
	}
	for i, ts := range tags {
		gold[i] = make([]int, len(ts))
		for j, t := range ts {
			gold[i][j] = index[t]
		}
	}
	voters := make([]*trainer, max(opt.Voters, 1))
	for v := range voters {
		voters[v] = newTrainer(m, len(sents), rand.New(rand.NewPCG(opt.Seed, 0x5eed+uint64(v))))
	}
	epochs := max(opt.Epochs, 1)
	var best *Model
	bestF1 := -1.0
	for e := 1; e <= epochs; e++ {
		for _, t := range voters {
			t.rng.Shuffle(len(t.order), func(i, j int) { t.order[i], t.order[j] = t.order[j], t.order[i] })
			for _, i := range t.order {
				t.step(feats[i], gold[i])
			}
		}
		cand := averageModels(voters)
		cand.prepare()
		f1 := 0.0
		if opt.Valid != nil {
			f1 = Evaluate(cand, opt.Valid).Micro.F1()
		}
		if opt.Progress != nil {
			opt.Progress(e, f1)
		}
		if opt.Valid == nil || f1 > bestF1 {
			best, bestF1 = cand, f1
		}
	}
	out := best.pruned()
	out.prepare()
	return out, nil
}

// newModel makes an empty model with the labels of tags in sorted order,
// "O" first.
func newModel(sents []Sentence, tags [][]string, opt TrainOptions) *Model {
	seen := map[string]bool{}
	labels := []string{"O"}
	for _, ts := range tags {
		for _, t := range ts {
			if !seen[t] && t != "O" {
				seen[t] = true
				labels = append(labels, t)
			}
		}
	}
	slices.Sort(labels[1:])
	gaz := baseNames(opt)
	if opt.Folds > 1 {
		for _, s := range sents {
			gaz.addSentence(s)
		}
	}
	m := &Model{name: opt.Name, cased: opt.Cased, joinWords: opt.JoinWords, feats: map[string]int32{}, casing: opt.Casing}
	if m.casing == nil {
		m.casing = map[string]string{}
	}
	m.clusters = opt.Clusters
	if m.clusters == nil {
		m.clusters = map[string]string{}
	}
	m.setLabels(labels)
	m.setGazetteer(gaz.entries())
	return m
}

// nameTypes maps lower-cased names to the types they are known as.
type nameTypes map[string][]string

// baseNames returns the names of opt.Places (type "R") and opt.Names.
func baseNames(opt TrainOptions) nameTypes {
	nt := nameTypes{}
	for _, p := range opt.Places {
		nt.add(p, "R")
	}
	for typ, names := range opt.Names {
		for _, n := range names {
			nt.add(n, typ)
		}
	}
	return nt
}

func (nt nameTypes) add(name, typ string) {
	if name = strings.Join(strings.Fields(strings.ToLower(name)), " "); name != "" {
		nt[name] = append(nt[name], typ)
	}
}

// addSentence adds the entities of a tagged sentence.
func (nt nameTypes) addSentence(s Sentence) {
	for _, sp := range tagSpans(s.Tags) {
		nt.add(strings.Join(s.Words[sp.start:sp.end], " "), sp.typ)
	}
}

// entries returns the sorted "name<TAB>types" entries setGazetteer takes,
// the types of a name sorted and joined by "+". Map order does not leak:
// both lists are sorted.
func (nt nameTypes) entries() []string {
	out := make([]string, 0, len(nt))
	for name, ts := range nt {
		ts = slices.Clone(ts)
		slices.Sort(ts)
		out = append(out, name+"\t"+strings.Join(slices.Compact(ts), "+"))
	}
	slices.Sort(out)
	return out
}

// foldGazetteers returns, for each of k folds of sents (sentence i is in
// fold i%k), the gazetteer of the base names and the entities of the other
// folds: the features of a training sentence never see its own entities
// in the gazetteer, as those of new text will not.
func foldGazetteers(sents []Sentence, opt TrainOptions, k int) []*Model {
	out := make([]*Model, k)
	for f := range k {
		nt := baseNames(opt)
		for i, s := range sents {
			if i%k != f {
				nt.addSentence(s)
			}
		}
		out[f] = &Model{}
		out[f].setGazetteer(nt.entries())
	}
	return out
}

// setLabels fills labels, types, inside, bio and allow. Under BIO, an
// I- tag only follows a B- or I- tag of its type. The labels are BIOES
// if any begins with S- or E-: then an I- or E- tag only follows a B- or
// I- tag of its type, and anything else only what is not B- or I-
// (entities are closed by E- or S-, also at the end).
func (m *Model) setLabels(labels []string) {
	L := len(labels)
	m.labels = labels
	m.types = make([]string, L)
	m.inside = make([]bool, L)
	m.bio = make([]string, L)
	open := make([]bool, L+1)
	bioes := false
	for i, l := range labels {
		m.types[i] = TypeOf(l)
		m.bio[i] = l
		switch {
		case strings.HasPrefix(l, "S-"):
			m.bio[i], bioes = "B-"+l[2:], true
		case strings.HasPrefix(l, "E-"):
			m.bio[i], bioes = "I-"+l[2:], true
			m.inside[i] = true
		case strings.HasPrefix(l, "I-"):
			m.inside[i], open[i] = true, true
		case strings.HasPrefix(l, "B-"):
			open[i] = true
		}
	}
	m.allow = make([]bool, (L+1)*L)
	for p := range L + 1 {
		for l := range L {
			if m.inside[l] {
				m.allow[p*L+l] = p < L && open[p] && m.types[p] == m.types[l]
			} else {
				m.allow[p*L+l] = !bioes || !open[p]
			}
		}
	}
}

// toBIOES returns the tags of a BIO sentence in the BIOES scheme: an
// entity of one word is S-, the last word of a longer one E-.
func toBIOES(tags []string) []string {
	out := slices.Clone(tags)
	for _, sp := range tagSpans(tags) {
		if sp.end-sp.start == 1 {
			out[sp.start] = "S-" + tags[sp.start][2:]
			continue
		}
		out[sp.start] = "B-" + tags[sp.start][2:]
		out[sp.end-1] = "E-" + tags[sp.end-1][2:]
	}
	return out
}

// maxGazWords is the most words a gazetteer name may have; longer names
// are left out, which keeps the lookups per token few.
const maxGazWords = 6

// setGazetteer fills the gazetteer from "name<TAB>types" entries.
func (m *Model) setGazetteer(entries []string) {
	m.gaz = make(map[string]string, len(entries))
	m.maxWords = 0
	for _, e := range entries {
		name, types, _ := strings.Cut(e, "\t")
		if strings.Count(name, " ") >= maxGazWords {
			continue
		}
		m.gaz[name] = types
		m.maxWords = max(m.maxWords, strings.Count(name, " ")+1)
	}
}

// gazetteer returns the entries setGazetteer takes, sorted.
func (m *Model) gazetteer() []string {
	out := make([]string, 0, len(m.gaz))
	for name, types := range m.gaz {
		out = append(out, name+"\t"+types)
	}
	slices.Sort(out)
	return out
}

// extractAll numbers the features seen at least minCount times and returns
// each token's feature numbers.
// gazFor(i) holds the gazetteer for sentence i.
func extractAll(m *Model, sents []Sentence, minCount int, gazFor func(i int) *Model) [][][]int32 {
	infos := make([]*sentenceInfo, len(sents))
	for i, s := range sents {
		words := s.Words
		if !m.cased {
			words = make([]string, len(s.Words))
			for j, w := range s.Words {
				words[j] = strings.ToLower(w)
			}
		}
		g := gazFor(i)
		infos[i] = analyse(words, m.cased, g.gaz, g.maxWords, m.casing, m.clusters)
	}
	count := map[string]int{}
	var buf []byte
	for _, s := range infos {
		for j := range s.words {
			buf = s.features(j, m.cased, buf, func(k []byte) { count[string(k)]++ })
		}
	}
	out := make([][][]int32, len(sents))
	for i, s := range infos {
		out[i] = make([][]int32, len(s.words))
		for j := range s.words {
			var ids []int32
			buf = s.features(j, m.cased, buf, func(k []byte) {
				if count[string(k)] < minCount {
					return
				}
				id, ok := m.feats[string(k)]
				if !ok {
					id = int32(len(m.feats))
					m.feats[string(k)] = id
				}
				ids = append(ids, id)
			})
			out[i][j] = ids
		}
	}
	return out
}

// step decodes one sentence with the current weights and, if it is wrong,
// moves the weights towards the gold labels.
func (t *trainer) step(feats [][]int32, gold []int) {
	m := t.m
	L := len(m.labels)
	n := len(gold)
	score := make([]float64, n*L)
	for i, fs := range feats {
		for _, f := range fs {
			for l := range L {
				score[i*L+l] += t.w[int(f)*L+l]
			}
		}
	}
	pred := viterbi(score, t.tw, m.allow, L, n)
	t.clock++
	if slices.Equal(pred, gold) {
		return
	}
	for i := range n {
		gp, pp := L, L
		if i > 0 {
			gp, pp = gold[i-1], pred[i-1]
		}
		if gold[i] != pred[i] {
			for _, f := range feats[i] {
				t.update(t.w, t.acc, int(f)*L+gold[i], 1)
				t.update(t.w, t.acc, int(f)*L+pred[i], -1)
			}
		}
		if gold[i] != pred[i] || gp != pp {
			t.update(t.tw, t.tacc, gp*L+gold[i], 1)
			t.update(t.tw, t.tacc, pp*L+pred[i], -1)
		}
	}
}

// update adds d to w[k] and clock*d to acc[k]: the averaged weight is then
// w - acc/clock.
func (t *trainer) update(w, acc []float64, k int, d float64) {
	w[k] += d
	acc[k] += t.clock * d
}

// averaged returns a model with the averaged weights, as float32.
func (t *trainer) averaged() *Model {
	m := *t.m
	avg := func(w, acc []float64) []float32 {
		out := make([]float32, len(w))
		for i := range w {
			out[i] = float32(w[i] - acc[i]/t.clock)
		}
		return out
	}
	m.w = avg(t.w, t.acc)
	m.trans = avg(t.tw, t.tacc)
	return &m
}

// averageModels returns the mean of the voters' averaged models.
func averageModels(voters []*trainer) *Model {
	m := voters[0].averaged()
	for _, t := range voters[1:] {
		o := t.averaged()
		for i, v := range o.w {
			m.w[i] += v
		}
		for i, v := range o.trans {
			m.trans[i] += v
		}
	}
	if n := float32(len(voters)); n > 1 {
		for i := range m.w {
			m.w[i] /= n
		}
		for i := range m.trans {
			m.trans[i] /= n
		}
	}
	return m
}

// pruned returns m without the features whose weights are all zero, the
// rest numbered in key order.
func (m *Model) pruned() *Model {
	L := len(m.labels)
	keys := make([]string, 0, len(m.feats))
	for k, f := range m.feats {
		if slices.ContainsFunc(m.w[int(f)*L:int(f)*L+L], func(v float32) bool { return v != 0 }) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := *m
	out.inf = nil // its feature numbers are about to change
	out.feats = make(map[string]int32, len(keys))
	out.w = make([]float32, 0, len(keys)*L)
	for i, k := range keys {
		f := m.feats[k]
		out.feats[k] = int32(i)
		out.w = append(out.w, m.w[int(f)*L:int(f)*L+L]...)
	}
	return &out
}
