// Command trainner trains the named-entity models of package ner on the
// IndoNLU NER data and writes them, gzip-compressed, for embedding:
//
//	go run ./bahasa/entity/internal/trainner -data ../shared/data/ner-indonlu -seed 1 -out bahasa/entity/ner/data
//
// writes nerp.bin.gz and nergrit.bin.gz, trained on the train and valid
// splits together for the epochs -final names (chosen on valid). With
// -final "" it trains on train only, keeps the epoch with the best valid
// F1 and prints the F1 of each epoch: the runs the choices were made on.
// The same data and seed give the same bytes. It prints the valid and test
// scores per type (the valid ones are not held out under -final).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/region"
)

// config holds the flags.
type config struct {
	data, out, only     string
	casing, ud          string
	seed                uint64
	epochs, minCount    int
	folds               int
	lex, extra, phrases bool
	extraGrit           bool
	smsa                string
	vocab, depth        int
	voters              int
	nerText, bioes      bool
	final               string
	districts, villages bool
	casingNER           bool
	casingMin, clusMin  int
	selfTrain, selfMin  float64
	selfNames           bool
}

func main() {
	var c config
	flag.StringVar(&c.data, "data", "../shared/data/ner-indonlu", "folder holding nerp/ and nergrit/")
	flag.StringVar(&c.out, "out", "bahasa/entity/ner/data", "folder to write the models to")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the sentence order")
	flag.IntVar(&c.epochs, "epochs", 20, "training passes; the best on valid is kept")
	flag.IntVar(&c.minCount, "mincount", 0, "drop features seen fewer times (0: 2 for nerp, 1 for nergrit, the best on valid)")
	flag.StringVar(&c.only, "only", "", "train only this data set (nerp or nergrit)")
	flag.BoolVar(&c.lex, "lex", true, "give each model the entity names of the other data set's train split")
	flag.BoolVar(&c.extra, "extra", false, "train the nerp model on nergrit's train split too (lower-cased, tags mapped)")
	flag.BoolVar(&c.extraGrit, "extragrit", false, "train the nergrit model on nerp's train split too (cased again: names capitalised, other words as the casing table says; tags mapped, EVT and FNB dropped)")
	flag.StringVar(&c.casing, "casing", "../shared/data/news-indosum/articles.text.jsonl", "cased news text (IndoSum JSON lines with a \"text\" field) for the casing features; empty for none")
	flag.StringVar(&c.ud, "ud", "", "UD Indonesian folder (../shared/data/ud-indonesian) whose .conllu sentences also feed the casing features; empty for none")
	flag.IntVar(&c.folds, "folds", 10, "add the training entities to the gazetteer, jackknifed over this many folds (0: off)")
	flag.BoolVar(&c.phrases, "phrases", true, "add the runs of capitalised words of the casing text to the gazetteer")
	flag.StringVar(&c.smsa, "smsa", "../shared/data/sentiment-smsa/train_preprocess.tsv", "SmSA TSV files (comma-separated) whose text also feeds the word clusters; empty for none")
	flag.IntVar(&c.vocab, "vocab", 30000, "cluster at most this many of the most frequent words (0: no clusters)")
	flag.IntVar(&c.depth, "depth", 12, "depth of the word cluster tree")
	flag.IntVar(&c.voters, "voters", 4, "perceptrons trained side by side and averaged")
	flag.BoolVar(&c.nerText, "nertext", true, "add the words of both NER training splits to the word clusters' text")
	flag.BoolVar(&c.bioes, "bioes", false, "train on BIOES tags (no better on valid: off)")
	flag.StringVar(&c.final, "final", "nerp=16,nergrit=19", "train these data sets on train+valid for a fixed number of epochs (chosen on valid: the best mean valid F1 of seeds 1 and 2); the valid scores printed are then not held out. \"\": train on train, keep the best epoch on valid")
	flag.BoolVar(&c.districts, "districts", true, "add kecamatan names (type \"D\") to the gazetteer, but not one-word names news writes in lower case")
	flag.BoolVar(&c.casingNER, "casingner", false, "count the casing of NERGrit's (cased) training sentences too")
	flag.BoolVar(&c.villages, "villages", false, "add desa/kelurahan names (type \"V\") to the gazetteer, as -districts does")
	flag.IntVar(&c.casingMin, "casingmin", 3, "words seen fewer times in the casing text are left out of the casing table")
	flag.IntVar(&c.clusMin, "clustermin", 3, "words seen fewer times are left out of the word clusters")
	flag.Float64Var(&c.selfTrain, "selftrain", 0, "self-training: tag the casing text's sentences with the model, add this many of them (times the train split's size) whose every entity scores at least -selfmin, and train again (0: off)")
	flag.Float64Var(&c.selfMin, "selfmin", 0.9, "the least Score of every entity of a self-training sentence")
	flag.BoolVar(&c.selfNames, "selfnames", false, "tag the casing text's sentences with the model, add the entities scoring at least -selfmin and found twice to the gazetteer (types \"sPER\", ...), and train again")
	flag.Parse()
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

func run(c config) error {
	g, err := region.Load()
	if err != nil {
		return err
	}
	var casing, clusters map[string]string
	var phrases []string
	if c.casing != "" {
		cc := ner.NewClusterCounter()
		if casing, phrases, err = readCasing(c, cc); err != nil {
			return err
		}
		fmt.Printf("casing table: %d words, %d capitalised phrases\n", len(casing), len(phrases))
		if c.vocab > 0 {
			if clusters, err = wordClusters(c, cc); err != nil {
				return err
			}
		}
	}
	places := ner.PlaceNames(g)
	var unlabelled [][]ner.Token
	if c.selfTrain > 0 || c.selfNames {
		if unlabelled, err = newsSentences(c.casing); err != nil {
			return err
		}
		fmt.Printf("self-training: %d sentences of news text\n", len(unlabelled))
	}
	for _, set := range []struct {
		name     string
		cased    bool
		minCount int
		// joinWords: the set writes "ke-69", "kompas.com" and the
		// initial "m." as one token, NERGrit as three or two.
		joinWords bool
	}{{"nerp", false, 2, true}, {"nergrit", true, 1, false}} {
		if c.only != "" && c.only != set.name {
			continue
		}
		split := func(s string) ([]ner.Sentence, error) {
			return readFile(filepath.Join(c.data, set.name, s+"_preprocess.txt"))
		}
		train, err := split("train")
		if err != nil {
			return err
		}
		other := "nergrit"
		if set.name == "nergrit" {
			other = "nerp"
		}
		otherTrain, err := readFile(filepath.Join(c.data, other, "train_preprocess.txt"))
		if err != nil {
			return err
		}
		names := map[string][]string{}
		if c.lex {
			names = entityNames(otherTrain)
		}
		if c.phrases {
			names["K"] = phrases
		}
		if c.districts {
			names["D"] = regionNames(g, region.District, casing)
		}
		if c.villages {
			names["V"] = regionNames(g, region.Village, casing)
		}
		if c.extra && set.name == "nerp" {
			train = append(train, asNERP(otherTrain)...)
		}
		if c.extraGrit && set.name == "nergrit" {
			train = append(train, asNERGrit(otherTrain, casing)...)
		}
		valid, err := split("valid")
		if err != nil {
			return err
		}
		test, err := split("test")
		if err != nil {
			return err
		}
		if c.minCount > 0 {
			set.minCount = c.minCount
		}
		epochs, selectOn := c.epochs, valid
		if n, ok, err := finalEpochs(c.final, set.name); err != nil {
			return err
		} else if ok {
			epochs, selectOn = n, nil
			train = append(train[:len(train):len(train)], valid...)
			fmt.Printf("%s: training on train+valid (%d sentences), %d epochs\n", set.name, len(train), n)
		}
		start := time.Now()
		opt := ner.TrainOptions{
			Name: set.name, Epochs: epochs, Seed: c.seed, Voters: c.voters, BIOES: c.bioes, Cased: set.cased, JoinWords: set.joinWords, MinCount: set.minCount,
			Places: places, Names: names, Casing: casing, Clusters: clusters, Folds: c.folds, Valid: selectOn,
			Progress: func(e int, f1 float64) {
				if selectOn != nil {
					fmt.Printf("%s epoch %d valid F1 %.4f\n", set.name, e, f1)
				}
			},
		}
		m, err := ner.Train(train, opt)
		if err != nil {
			return err
		}
		if c.selfNames {
			for typ, ns := range confidentNames(m, unlabelled, c.selfMin, 2) {
				names["s"+typ] = ns
				fmt.Printf("%s self-training: %d names of type %s in the gazetteer\n", set.name, len(ns), typ)
			}
			if m, err = ner.Train(train, opt); err != nil {
				return err
			}
		}
		if c.selfTrain > 0 {
			skip, err := labelledKeys(c.data)
			if err != nil {
				return err
			}
			n := int(c.selfTrain * float64(len(train)))
			extra, found := pseudoLabelled(m, set.cased, unlabelled, c.selfMin, skip, n, c.seed)
			fmt.Printf("%s self-training: %d of %d sentences qualify, %d added\n", set.name, found, len(unlabelled), len(extra))
			if m, err = ner.Train(append(train[:len(train):len(train)], extra...), opt); err != nil {
				return err
			}
		}
		fmt.Printf("%s trained in %v\n", set.name, time.Since(start).Round(time.Millisecond))
		path := filepath.Join(c.out, set.name+".bin.gz")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		n, err := m.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Printf("%s wrote %s (%d bytes)\n", set.name, path, n)
		report(os.Stdout, set.name+" valid", ner.Evaluate(m, valid))
		report(os.Stdout, set.name+" test", ner.Evaluate(m, test))
	}
	return nil
}

// finalEpochs returns the epochs spec gives set ("nerp=15,nergrit=20"),
// and whether it names set.
func finalEpochs(spec, set string) (int, bool, error) {
	for _, kv := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k != set {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, false, fmt.Errorf("-final %q: bad epochs for %s", spec, set)
		}
		return n, true, nil
	}
	return 0, false, nil
}

// regionNames returns the names of g's regions of a level, without those
// of one word that casing says news writes in lower case (ordinary words).
func regionNames(g *region.Gazetteer, level region.Level, casing map[string]string) []string {
	var out []string
	for r := range g.All() {
		if r.Level != level {
			continue
		}
		n := region.Normalize(r.Name)
		if !strings.Contains(n, " ") && casing[n] == "l" {
			continue
		}
		out = append(out, n)
	}
	return out
}

func readFile(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.ReadCoNLL(f)
}

func report(w io.Writer, title string, r ner.Report) {
	fmt.Fprintf(w, "%s\n| type | P | R | F1 | gold |\n|---|---|---|---|---|\n", title)
	for _, t := range r.Types {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %d |\n", t.Type, t.Precision(), t.Recall(), t.F1(), t.TP+t.FN)
	}
	fmt.Fprintf(w, "| micro | %.3f | %.3f | %.3f | %d |\n", r.Micro.Precision(), r.Micro.Recall(), r.Micro.F1(), r.Micro.TP+r.Micro.FN)
}

// entityNames returns the entities of sents by type, in order of
// appearance.
func entityNames(sents []ner.Sentence) map[string][]string {
	out := map[string][]string{}
	for _, s := range sents {
		for i := 0; i < len(s.Tags); {
			t := ner.TypeOf(s.Tags[i])
			if t == "" {
				i++
				continue
			}
			j := i + 1
			for j < len(s.Tags) && s.Tags[j] == "I-"+s.Tags[i][2:] {
				j++
			}
			out[t] = append(out[t], strings.Join(s.Words[i:j], " "))
			i = j
		}
	}
	return out
}

// asNERP lower-cases NERGrit sentences and renames their tags as NERP
// spells them.
func asNERP(sents []ner.Sentence) []ner.Sentence {
	rename := map[string]string{"PERSON": "PPL", "PLACE": "PLC", "ORGANISATION": "IND"}
	out := make([]ner.Sentence, len(sents))
	for i, s := range sents {
		words := make([]string, len(s.Words))
		tags := make([]string, len(s.Tags))
		for j, w := range s.Words {
			words[j] = strings.ToLower(w)
			tags[j] = s.Tags[j]
			if p, t, ok := strings.Cut(s.Tags[j], "-"); ok {
				tags[j] = p + "-" + rename[t]
			}
		}
		out[i] = ner.Sentence{Words: words, Tags: tags}
	}
	return out
}

// asNERGrit writes NERP sentences (lower case) as cased text and renames
// their tags as NERGrit spells them: the words of a name capitalised (in
// capitals when the casing table says news writes them so), other words
// as the casing table says, the first word capitalised; events and food
// and beverage names, which NERGrit does not tag, become O.
func asNERGrit(sents []ner.Sentence, casing map[string]string) []ner.Sentence {
	rename := map[string]string{"PPL": "PERSON", "PLC": "PLACE", "IND": "ORGANISATION"}
	capital := func(w string) string {
		r := []rune(w)
		if len(r) > 0 {
			r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		}
		return string(r)
	}
	out := make([]ner.Sentence, len(sents))
	for i, s := range sents {
		words := make([]string, len(s.Words))
		tags := make([]string, len(s.Tags))
		for j, w := range s.Words {
			tags[j] = "O"
			inName := false
			if p, t, ok := strings.Cut(s.Tags[j], "-"); ok && rename[t] != "" {
				tags[j], inName = p+"-"+rename[t], true
			}
			switch c := casing[w]; {
			case c == "U":
				words[j] = strings.ToUpper(w)
			case c == "C" || inName || j == 0:
				words[j] = capital(w)
			default:
				words[j] = w
			}
		}
		out[i] = ner.Sentence{Words: words, Tags: tags}
	}
	return out
}

// readCasing counts the casing of words in the "text" field of a JSON
// lines file (whose paragraphs also go to cc, for the word clusters) and
// in the "# text =" lines of the .conllu files of folder ud (in name
// order; none if ud is empty), and returns the table of words seen at
// least 3 times. (UD did not help on valid: it is off by default.)
func readCasing(cfg config, cc *ner.ClusterCounter) (map[string]string, []string, error) {
	path, ud := cfg.casing, cfg.ud
	c := ner.NewCasingCounter()
	if cfg.casingNER {
		train, err := readFile(filepath.Join(cfg.data, "nergrit", "train_preprocess.txt"))
		if err != nil {
			return nil, nil, err
		}
		for _, s := range train {
			c.Add(strings.Join(s.Words, " "))
		}
	}
	if ud != "" {
		files, err := filepath.Glob(filepath.Join(ud, "*.conllu"))
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(files)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, nil, err
			}
			for _, line := range strings.Split(string(b), "\n") {
				if text, ok := strings.CutPrefix(line, "# text = "); ok {
					c.Add(text)
				}
			}
		}
	}
	err := newsParagraphs(path, func(p string) {
		c.Add(p)
		cc.Add(p)
	})
	if err != nil {
		return nil, nil, err
	}
	return c.Table(cfg.casingMin), c.Phrases(2), nil
}

// newsParagraphs calls fn with each paragraph of the "text" field of a
// JSON lines file of news (IndoSum), in order.
func newsParagraphs(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for {
		var a struct {
			Text string `json:"text"`
		}
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, p := range strings.Split(a.Text, "\n\n") {
			fn(p)
		}
	}
}

// wordClusters adds the SmSA text and the words of the NER training
// splits (as c asks) to the casing text already in cc and returns the
// word clusters.
func wordClusters(c config, cc *ner.ClusterCounter) (map[string]string, error) {
	if c.smsa != "" {
		if err := readSmSA(strings.Split(c.smsa, ","), cc); err != nil {
			return nil, err
		}
	}
	if c.nerText {
		for _, name := range []string{"nerp", "nergrit"} {
			train, err := readFile(filepath.Join(c.data, name, "train_preprocess.txt"))
			if err != nil {
				return nil, err
			}
			for _, s := range train {
				cc.Add(strings.Join(s.Words, " "))
			}
		}
	}
	start := time.Now()
	clusters := cc.Clusters(c.vocab, c.clusMin, c.depth)
	fmt.Printf("word clusters: %d words in %v\n", len(clusters), time.Since(start).Round(time.Millisecond))
	return clusters, nil
}

// readSmSA adds the text (first column) of SmSA TSV files to the word
// clusters' text.
func readSmSA(paths []string, cc *ner.ClusterCounter) error {
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if text, _, ok := strings.Cut(line, "\t"); ok {
				cc.Add(text)
			}
		}
	}
	return nil
}

// newsSentences returns the sentences of the "text" field of a JSON lines
// file of tokenised news (IndoSum), as ner.Tokenize splits them: a
// sentence ends at ".", "!" or "?".
func newsSentences(path string) ([][]ner.Token, error) {
	var out [][]ner.Token
	err := newsParagraphs(path, func(p string) {
		var cur []string
		for _, w := range strings.Fields(p) {
			cur = append(cur, w)
			if w == "." || w == "!" || w == "?" {
				out = append(out, ner.Tokenize(strings.Join(cur, " ")))
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, ner.Tokenize(strings.Join(cur, " ")))
		}
	})
	return out, err
}

// labelledKeys returns the sentenceKey of every sentence of both data
// sets' splits: news sentences that are among them are not added to the
// training data.
func labelledKeys(data string) (map[string]bool, error) {
	keys := map[string]bool{}
	for _, name := range []string{"nerp", "nergrit"} {
		for _, split := range []string{"train", "valid", "test"} {
			sents, err := readFile(filepath.Join(data, name, split+"_preprocess.txt"))
			if err != nil {
				return nil, err
			}
			for _, s := range sents {
				keys[sentenceKey(s.Words)] = true
			}
		}
	}
	return keys, nil
}

// sentenceKey is a sentence's words lower-cased and joined: equal keys
// are the same sentence whatever its case.
func sentenceKey(words []string) string {
	return strings.ToLower(strings.Join(words, " "))
}

// pseudoLabelled tags sents with m and returns up to n of those of 5 to 50
// words that hold at least one entity, whose entities all score at least
// minScore and whose key is not in skip, drawn in an order from seed, and
// how many qualified. The words are lower-cased unless cased.
func pseudoLabelled(m *ner.Model, cased bool, sents [][]ner.Token, minScore float64, skip map[string]bool, n int, seed uint64) ([]ner.Sentence, int) {
	var ok []ner.Sentence
	for _, toks := range sents {
		if len(toks) < 5 || len(toks) > 50 {
			continue
		}
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		key := sentenceKey(words)
		if skip[key] {
			continue
		}
		ents := m.Entities(strings.Join(words, " "))
		if len(ents) == 0 || slices.ContainsFunc(ents, func(e ner.Entity) bool { return e.Score < minScore }) {
			continue
		}
		skip[key] = true // a sentence repeated in the news counts once
		if !cased {
			words = strings.Fields(key)
		}
		ok = append(ok, ner.Sentence{Words: words, Tags: m.Tag(words)})
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e1f))
	rng.Shuffle(len(ok), func(i, j int) { ok[i], ok[j] = ok[j], ok[i] })
	return ok[:min(n, len(ok))], len(ok)
}

// confidentNames tags sents with m and returns, by type, the lower-cased
// entities scoring at least minScore found at least minCount times, in
// order of first appearance.
func confidentNames(m *ner.Model, sents [][]ner.Token, minScore float64, minCount int) map[string][]string {
	count := map[string]int{}
	out := map[string][]string{}
	for _, toks := range sents {
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		for _, e := range m.Entities(strings.Join(words, " ")) {
			if e.Score < minScore {
				continue
			}
			name := strings.ToLower(e.Text)
			k := e.Type + "\t" + name
			if count[k]++; count[k] == minCount {
				out[e.Type] = append(out[e.Type], name)
			}
		}
	}
	return out
}
