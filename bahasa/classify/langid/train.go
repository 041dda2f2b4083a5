package langid

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
)

// Example is one labelled text.
type Example struct {
	Text string
	Lang string // one of the codes of Languages
}

// column maps a NusaX-MT CSV header to its ISO 639 code ("" for others).
func column(name string) string {
	switch name {
	case "indonesian":
		return "id"
	case "acehnese":
		return "ace"
	case "banjarese":
		return "bjn"
	case "english":
		return "en"
	case "madurese":
		return "mad"
	case "ngaju":
		return "nij"
	case "sundanese":
		return "su"
	case "balinese":
		return "ban"
	case "buginese":
		return "bug"
	case "javanese":
		return "jv"
	case "minangkabau":
		return "min"
	case "toba_batak":
		return "bbc"
	}
	return ""
}

// ReadNusaX reads a NusaX-MT CSV file (an index column, then one column per
// language) into examples, row by row and in header order.
func ReadNusaX(r io.Reader) ([]Example, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("langid: read NusaX-MT: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("langid: read NusaX-MT: empty file")
	}
	codes := make([]string, len(rows[0]))
	for i, name := range rows[0] {
		codes[i] = column(strings.TrimSpace(name))
	}
	var out []Example
	for _, row := range rows[1:] {
		for i, cell := range row {
			if codes[i] != "" && strings.TrimSpace(cell) != "" {
				out = append(out, Example{Text: cell, Lang: codes[i]})
			}
		}
	}
	return out, nil
}

// Hyper-parameters, fixed before looking at the valid split beyond the
// few values reported in RESULTS.md.
const (
	bucketBits = 18   // 256 Ki buckets
	minDF      = 1    // keep every feature: the training set is small
	inverseL2  = 1000 // C of the logistic regression
	maxIter    = 300
)

// Train fits a model on examples and returns it encoded, ready for Decode.
// The same examples and seed give the same bytes.
func Train(examples []Example, seed uint64) ([]byte, error) {
	langs := languages()
	index := make(map[string]int, len(langs))
	for i, l := range langs {
		index[l] = i
	}
	exs := make([]linear.Example, len(examples))
	var lower []byte
	for i, e := range examples {
		k, ok := index[e.Lang]
		if !ok {
			return nil, fmt.Errorf("langid: train: unknown language %q", e.Lang)
		}
		var bag linear.Bag
		features(&bag, e.Text, &lower)
		exs[i] = linear.Example{Keys: bag.Keys, Class: k}
	}
	data, err := linear.Fit(langs, exs, linear.Options{
		Bits: bucketBits, Salt: seed, MinDF: minDF, C: inverseL2, MaxIter: maxIter,
	})
	if err != nil {
		return nil, fmt.Errorf("langid: train: %w", err)
	}
	return data, nil
}

// Evaluate labels every example and returns the confusion matrix;
// Unknown answers count as declined.
func (m *Model) Evaluate(examples []Example) *linear.Confusion {
	c := linear.NewConfusion(m.lin.Classes)
	index := make(map[string]int)
	for i, l := range m.lin.Classes {
		index[l] = i
	}
	for _, e := range examples {
		lang, _ := m.Identify(e.Text)
		p, ok := index[lang]
		if !ok {
			p = -1
		}
		c.Add(index[e.Lang], p)
	}
	return c
}
