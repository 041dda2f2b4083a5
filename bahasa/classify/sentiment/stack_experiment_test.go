//go:build experiment

package sentiment

// The stacker experiment behind RESULTS.md: out-of-fold ratings of the
// whole text and of every clause on train (the product's members and
// clause splitter, stackFolds folds), the shipped members' ratings on
// valid, and the macro-F1 of a stacker fitted on the former for each
// candidate input and L2 strength.
//
//	STACKPROD=1 go test -tags experiment -count=1 -v -timeout 0 -run TestExpStackProduct ./bahasa/classify/sentiment

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
)

// stackRow is one text: its class, the members' mean rating of the whole
// text and of each clause they can rate.
type stackRow struct {
	y       int
	whole   []float64
	clauses [][]float64
}

// expStackInput is the stacker's input for r: the log mean rating of
// the whole text, then per letter of set: a = mean over the clauses, x =
// their maximum per class, l = the last clause, f = the first, c = the
// share of clauses rated each class, n = log(1 + clauses).
func expStackInput(r stackRow, set string) []float64 {
	lg := func(p float64) float64 { return math.Log(max(p, 1e-4)) }
	var x []float64
	for k := range 3 {
		x = append(x, lg(r.whole[k]))
	}
	n := len(r.clauses)
	mean, mx, last, first := make([]float64, 3), make([]float64, 3), make([]float64, 3), make([]float64, 3)
	cnt := make([]float64, 3)
	if n > 0 {
		copy(last, r.clauses[n-1])
		copy(first, r.clauses[0])
		for _, c := range r.clauses {
			for k := range 3 {
				mean[k] += c[k] / float64(n)
				mx[k] = max(mx[k], c[k])
			}
			cnt[linear.Argmax(c)]++
		}
	} else {
		for k := range 3 {
			mean[k], mx[k], last[k], first[k] = 1.0/3, 1.0/3, 1.0/3, 1.0/3
		}
	}
	if strings.Contains(set, "a") {
		x = append(x, mean...)
	}
	if strings.Contains(set, "x") {
		x = append(x, mx...)
	}
	if strings.Contains(set, "l") {
		x = append(x, last...)
	}
	if strings.Contains(set, "f") {
		x = append(x, first...)
	}
	if strings.Contains(set, "c") {
		for k := range 3 {
			x = append(x, cnt[k]/math.Max(1, float64(n)))
		}
	}
	if strings.Contains(set, "n") {
		x = append(x, math.Log1p(float64(n)))
	}
	return x
}

func macroF1(y, pred []int) (float64, []float64) {
	f := make([]float64, 3)
	var sum float64
	for k := range 3 {
		var tp, g, p float64
		for i := range y {
			if y[i] == k {
				g++
			}
			if pred[i] == k {
				p++
			}
			if y[i] == k && pred[i] == k {
				tp++
			}
		}
		f[k] = 2 * tp / (g + p)
		sum += f[k]
	}
	return sum / 3, f
}

// TestExpStackProduct: the product's clause splitter and members, OOF on
// train (STACKPROD=1); prints OOF and valid macro-F1 per stacker input.
func TestExpStackProduct(t *testing.T) {
	if os.Getenv("STACKPROD") == "" {
		t.Skip("set STACKPROD=1 to run the stacker experiment (built only with -tags experiment)")
	}
	train := readSplit(t, "train_preprocess.tsv")
	valid := readSplit(t, "valid_preprocess.tsv")
	rowsOf := func(m *Model, exs []Example, keep func(int) bool) []stackRow {
		w := m.pool.Get().(*work)
		var out []stackRow
		for i, e := range exs {
			if !keep(i) {
				continue
			}
			whole := make([]float64, 3)
			if !m.rate(w, e.Text, whole) {
				continue
			}
			r := stackRow{y: classIndex(e.Label), whole: whole}
			for end := len(e.Text); end > 0; {
				start, rest := lastClause(e.Text[:end])
				p := make([]float64, 3)
				if m.rate(w, e.Text[start:end], p) {
					r.clauses = append(r.clauses, p)
				}
				end = rest
			}
			slices.Reverse(r.clauses)
			out = append(out, r)
		}
		return out
	}
	var oof []stackRow
	for fold := range stackFolds {
		full, words, err := fitMembers(outOfFold(train, fold), 1)
		if err != nil {
			t.Fatal(err)
		}
		m, err := decodeMembers(full, words)
		if err != nil {
			t.Fatal(err)
		}
		oof = append(oof, rowsOf(m, train, func(i int) bool { return i%stackFolds == fold })...)
	}
	m, err := decodeMembers(shippedFull, shippedWords)
	if err != nil {
		t.Fatal(err)
	}
	vrows := rowsOf(m, valid, func(int) bool { return true })
	sets, lambdas := []string{"", "l", "al", "xl", "axlfc"}, []float64{1e-5, 1e-4, 1e-3}
	if v := os.Getenv("STACKSETS"); v != "" {
		sets = strings.Split(v, ",")
	}
	if v := os.Getenv("STACKLAMBDAS"); v != "" {
		lambdas = nil
		for _, f := range strings.Split(v, ",") {
			l, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			lambdas = append(lambdas, l)
		}
	}
	for _, set := range sets {
		for _, lambda := range lambdas {
			var X [][]float64
			var y []int
			for _, r := range oof {
				X = append(X, expStackInput(r, set))
				y = append(y, r.y)
			}
			d, err := linear.FitDense(X, y, 3, lambda)
			if err != nil {
				t.Fatal(err)
			}
			score := func(rows []stackRow) (float64, []float64) {
				var yy, pred []int
				p := make([]float64, 3)
				for _, r := range rows {
					d.Predict(expStackInput(r, set), p)
					yy = append(yy, r.y)
					pred = append(pred, linear.Argmax(p))
				}
				return macroF1(yy, pred)
			}
			fo, _ := score(oof)
			fv, per := score(vrows)
			fmt.Printf("set %-8q lambda %.1e: oof %.5f valid %.5f (%.4f %.4f %.4f)\n", set, lambda, fo, fv, per[0], per[1], per[2])
		}
	}
}
