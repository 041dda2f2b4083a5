//go:build experiment

package sentiment

// The experiments behind RESULTS.md: fit one ensemble member variant on
// train and write its class probabilities on valid and, with FOLDS, its
// out-of-fold probabilities on train (k-fold cross-validation), one
// "p_positive p_neutral p_negative" line per text. Built only with
// `-tags experiment`, so the normal test run neither runs nor skips it;
// RESULTS.md lists the commands and how the files were combined.
//
//	FEAT=full|words|char|full-stem|words-stem  member features
//	AUG=1       train on withNegations(train) (in each fold: of the fold's train part)
//	FOLDS=5     also write OUT.oof (fold of text i = i mod FOLDS)
//	NOVALID=1   skip the valid fit
//	C=, BITS=, ITER=  override the shipped hyper-parameters
//	OUT=prefix  files OUT.valid and OUT.oof
//
// SENTIMENT_ERRORS=1 prints the shipped model's valid errors instead.

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
	"github.com/sinergi-id/sinergi/bahasa/stem"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

func readSplit(t testing.TB, name string) []Example {
	f, err := os.Open(filepath.Join(testenv.SharedData(t, "sentiment-smsa"), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exs, err := ReadSmSA(f)
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

func TestExpErrors(t *testing.T) {
	if os.Getenv("SENTIMENT_ERRORS") == "" {
		t.Skip("set SENTIMENT_ERRORS=1 to list the valid errors")
	}
	m := load(t)
	for _, e := range readSplit(t, "valid_preprocess.tsv") {
		l, c := m.Classify(e.Text)
		if l != e.Label {
			fmt.Printf("%s\t%s\t%.2f\t%s\n", e.Label, l, c, e.Text)
		}
	}
}

type featFn func(bag *linear.Bag, text string, buf *[]string)

var expFeats = map[string]featFn{
	"full": func(bag *linear.Bag, text string, buf *[]string) { features(bag, text, buf) },
	"words": func(bag *linear.Bag, text string, buf *[]string) {
		_, n := features(bag, text, buf)
		bag.Keys = bag.Keys[:n]
	},
	"char": func(bag *linear.Bag, text string, buf *[]string) {
		_, n := features(bag, text, buf)
		bag.Keys = bag.Keys[n:]
	},
	"full-stem":  withRoots(false),
	"words-stem": withRoots(true),
}

func expOptions() linear.Options {
	o := linear.Options{Bits: bucketBits, Salt: 1, MinDF: minDF, C: inverseL2, Balanced: balanced, MaxIter: maxIter}
	if v := os.Getenv("C"); v != "" {
		o.C, _ = strconv.ParseFloat(v, 64)
	}
	if v := os.Getenv("BITS"); v != "" {
		b, _ := strconv.Atoi(v)
		o.Bits = uint8(b)
	}
	if v := os.Getenv("ITER"); v != "" {
		o.MaxIter, _ = strconv.Atoi(v)
	}
	return o
}

func expKeys(fn featFn, exs []Example) []linear.Example {
	out := make([]linear.Example, len(exs))
	var buf []string
	for i, e := range exs {
		var bag linear.Bag
		fn(&bag, e.Text, &buf)
		out[i] = linear.Example{Keys: bag.Keys, Class: classIndex(e.Label)}
	}
	return out
}

func expFit(t testing.TB, train []linear.Example, o linear.Options) *linear.Model {
	b, err := linear.Fit(labels(), train, o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := linear.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func expProbs(m *linear.Model, exs []linear.Example, out [][]float64) {
	var s linear.Scratch
	for i, e := range exs {
		p := make([]float64, 3)
		m.Predict(e.Keys, &s, p)
		out[i] = p
	}
}

func writeProbs(t testing.TB, path string, probs [][]float64) {
	var b strings.Builder
	for _, p := range probs {
		fmt.Fprintf(&b, "%.6f %.6f %.6f\n", p[0], p[1], p[2])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExpMember: FEAT=name [C=..] [FOLDS=5] [AUG=1] OUT=prefix: valid
// probs from a train fit, and out-of-fold train probs.
func TestExpMember(t *testing.T) {
	name := os.Getenv("FEAT")
	if name == "" {
		t.Skip("set FEAT (and OUT) to run an experiment: see experiment_test.go")
	}
	fn := expFeats[name]
	aug := func(exs []Example) []Example {
		if os.Getenv("AUG") != "" {
			return withNegations(exs)
		}
		return exs
	}
	trainEx := readSplit(t, "train_preprocess.tsv")
	valid := expKeys(fn, readSplit(t, "valid_preprocess.tsv"))
	o := expOptions()
	out := os.Getenv("OUT")
	start := time.Now()
	folds, _ := strconv.Atoi(os.Getenv("FOLDS"))
	if os.Getenv("NOVALID") == "" {
		m := expFit(t, expKeys(fn, aug(trainEx)), o)
		vp := make([][]float64, len(valid))
		expProbs(m, valid, vp)
		writeProbs(t, out+".valid", vp)
		c := linear.NewConfusion(labels())
		for i, e := range valid {
			c.Add(e.Class, linear.Argmax(vp[i]))
		}
		fmt.Printf("%s C=%v fit %s\n%s", name, o.C, time.Since(start).Round(time.Second), c)
	}
	if folds == 0 {
		return
	}
	op := make([][]float64, len(trainEx))
	for f := range folds {
		var tr, te []Example
		var idx []int
		for i, e := range trainEx {
			if i%folds == f {
				te = append(te, e)
				idx = append(idx, i)
			} else {
				tr = append(tr, e)
			}
		}
		m := expFit(t, expKeys(fn, aug(tr)), o)
		p := make([][]float64, len(te))
		expProbs(m, expKeys(fn, te), p)
		for j, i := range idx {
			op[i] = p[j]
		}
	}
	writeProbs(t, out+".oof", op)
	c := linear.NewConfusion(labels())
	for i, e := range trainEx {
		c.Add(classIndex(e.Label), linear.Argmax(op[i]))
	}
	fmt.Printf("%s OOF (%d folds) total %s\n%s", name, folds, time.Since(start).Round(time.Second), c)
}

// expStemmer is built on first use, so that ordinary test runs skip it.
var expStemmer = sync.OnceValue(func() *stem.Stemmer {
	s, err := stem.New()
	if err != nil {
		panic(err)
	}
	return s
})

// withRoots wraps fn: after its keys, root tokens of words whose root differs.
func withRoots(wordOnly bool) featFn {
	return func(bag *linear.Bag, text string, buf *[]string) {
		_, n := features(bag, text, buf)
		if wordOnly {
			bag.Keys = bag.Keys[:n]
		}
		neg := 0
		for _, w := range *buf {
			if w == "" {
				continue
			}
			r := expStemmer().Stem(w)
			if r != w {
				bag.AddTag("R_", r)
				if neg > 0 {
					bag.AddTag("NR_", r)
				}
			}
			if neg > 0 {
				neg--
			}
			if isNegator(w) {
				neg = negScope
			}
		}
	}
}
