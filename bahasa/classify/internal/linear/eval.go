package linear

import (
	"fmt"
	"strings"
)

// Confusion counts predictions against gold classes; the extra last column
// counts texts the model declined to label (unknown, not rated).
type Confusion struct {
	Classes []string
	Counts  [][]int // [gold][predicted], predicted == len(Classes) for declined
}

// NewConfusion returns an empty matrix over classes.
func NewConfusion(classes []string) *Confusion {
	c := &Confusion{Classes: classes, Counts: make([][]int, len(classes))}
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(classes)+1)
	}
	return c
}

// Add records one prediction; pred < 0 means declined.
func (c *Confusion) Add(gold, pred int) {
	if pred < 0 {
		pred = len(c.Classes)
	}
	c.Counts[gold][pred]++
}

// Accuracy is the share of texts labelled with their gold class; declined
// texts count as errors.
func (c *Confusion) Accuracy() float64 {
	right, all := 0, 0
	for g, row := range c.Counts {
		for p, n := range row {
			all += n
			if p == g {
				right += n
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(right) / float64(all)
}

// F1 returns the F1 score of class k.
func (c *Confusion) F1(k int) float64 {
	tp := c.Counts[k][k]
	gold, pred := 0, 0
	for p := range c.Counts[k] {
		gold += c.Counts[k][p]
	}
	for g := range c.Counts {
		pred += c.Counts[g][k]
	}
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(gold+pred)
}

// MacroF1 is the unweighted mean of the per-class F1 scores.
func (c *Confusion) MacroF1() float64 {
	var s float64
	for k := range c.Classes {
		s += c.F1(k)
	}
	return s / float64(len(c.Classes))
}

// String renders accuracy, macro-F1, per-class F1 and the matrix
// (rows gold, columns predicted, last column declined).
func (c *Confusion) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "accuracy %.4f  macro-F1 %.4f\n", c.Accuracy(), c.MacroF1())
	for k, name := range c.Classes {
		fmt.Fprintf(&b, "F1 %-9s %.4f\n", name, c.F1(k))
	}
	fmt.Fprintf(&b, "%-9s", "gold\\pred")
	for _, name := range c.Classes {
		fmt.Fprintf(&b, " %5.5s", name)
	}
	b.WriteString("  decl\n")
	for g, row := range c.Counts {
		fmt.Fprintf(&b, "%-9s", c.Classes[g])
		for _, n := range row {
			fmt.Fprintf(&b, " %5d", n)
		}
		b.WriteString("\n")
	}
	return b.String()
}
