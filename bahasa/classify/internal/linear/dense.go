package linear

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Dense is a multinomial logistic regression over a few real-valued
// features, such as the probabilities of other models (a stacker). W holds
// one row per class: the feature weights, then the bias.
type Dense struct {
	W [][]float64
}

// Features is the number of inputs d expects.
func (d *Dense) Features() int { return len(d.W[0]) - 1 }

// Predict writes the class probabilities of x into probs.
func (d *Dense) Predict(x, probs []float64) {
	D := len(x)
	for k, row := range d.W {
		s := row[D]
		for j, v := range x {
			s += row[j] * v
		}
		probs[k] = s
	}
	softmax(probs)
}

// FitDense fits a Dense model with K classes to rows X (all of one length)
// and classes y, minimising the mean cross-entropy + lambda/2·‖W‖² (bias
// included, which keeps the problem strictly convex) by Newton's method
// with step halving. The problems it is meant for are small (tens of
// weights), so the Hessian is formed and solved exactly. Sums run in a
// fixed order: the same data give the same weights.
func FitDense(X [][]float64, y []int, K int, lambda float64) (*Dense, error) {
	if len(X) == 0 || K < 2 || len(X) != len(y) {
		return nil, errors.New("linear: fit dense: need rows and their classes")
	}
	if lambda <= 0 {
		return nil, errors.New("linear: fit dense: lambda must be positive")
	}
	D := len(X[0]) + 1
	for i, x := range X {
		if len(x)+1 != D || y[i] < 0 || y[i] >= K {
			return nil, fmt.Errorf("linear: fit dense: row %d has %d features and class %d", i, len(x), y[i])
		}
	}
	P := K * D
	theta := make([]float64, P)
	model := func(th []float64) *Dense {
		d := &Dense{W: make([][]float64, K)}
		for k := range K {
			d.W[k] = th[k*D : (k+1)*D]
		}
		return d
	}
	n := float64(len(X))
	p := make([]float64, K)
	loss := func(th []float64) float64 {
		m := model(th)
		var l float64
		for i, x := range X {
			m.Predict(x, p)
			l -= math.Log(max(p[y[i]], 1e-300))
		}
		l /= n
		for _, v := range th {
			l += lambda / 2 * v * v
		}
		return l
	}
	g := make([]float64, P)
	H := make([][]float64, P)
	for i := range H {
		H[i] = make([]float64, P)
	}
	v := make([]float64, D)
	current := loss(theta)
	for range 100 {
		clear(g)
		for _, row := range H {
			clear(row)
		}
		m := model(theta)
		for i, x := range X {
			m.Predict(x, p)
			copy(v, x)
			v[D-1] = 1
			for k := range K {
				r := p[k]
				if k == y[i] {
					r--
				}
				for a := range D {
					g[k*D+a] += r * v[a] / n
				}
				for j := range K {
					h := -p[k] * p[j]
					if j == k {
						h += p[k]
					}
					h /= n
					for a := range D {
						row := H[k*D+a][j*D : j*D+D]
						for b := range D {
							row[b] += h * v[a] * v[b]
						}
					}
				}
			}
		}
		for i := range P {
			g[i] += lambda * theta[i]
			H[i][i] += lambda
		}
		step := solve(H, g)
		next := make([]float64, P)
		t := 1.0
		for ; t > 1e-6; t /= 2 {
			for i := range P {
				next[i] = theta[i] - t*step[i]
			}
			if l := loss(next); l <= current {
				done := current-l < 1e-12
				theta, current = next, l
				if done {
					return model(theta), nil
				}
				break
			}
		}
		if t <= 1e-6 {
			break // no step lowers the loss: at the minimum, to rounding
		}
	}
	return model(theta), nil
}

// solve returns x with A x = b by Gaussian elimination with partial
// pivoting; A is positive definite here, so it never meets a zero pivot.
func solve(A [][]float64, b []float64) []float64 {
	n := len(b)
	M := make([][]float64, n)
	for i := range M {
		M[i] = append(append(make([]float64, 0, n+1), A[i]...), b[i])
	}
	for c := range n {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(M[r][c]) > math.Abs(M[piv][c]) {
				piv = r
			}
		}
		M[c], M[piv] = M[piv], M[c]
		for r := c + 1; r < n; r++ {
			f := M[r][c] / M[c][c]
			for k := c; k <= n; k++ {
				M[r][k] -= f * M[c][k]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := M[i][n]
		for k := i + 1; k < n; k++ {
			s -= M[i][k] * x[k]
		}
		x[i] = s / M[i][i]
	}
	return x
}

// denseMagic starts an encoded Dense model.
const denseMagic = "SNDENSE1"

// MarshalBinary encodes d: the magic, the number of classes and of
// weights per class (uint16 each), then the weights as little-endian
// float64, row by row.
func (d *Dense) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(denseMagic)
	binary.Write(&buf, binary.LittleEndian, [2]uint16{uint16(len(d.W)), uint16(len(d.W[0]))})
	for _, row := range d.W {
		binary.Write(&buf, binary.LittleEndian, row)
	}
	return buf.Bytes(), nil
}

// UnmarshalDense decodes a model written by MarshalBinary.
func UnmarshalDense(data []byte) (*Dense, error) {
	r := bytes.NewReader(data)
	magic := make([]byte, len(denseMagic))
	var size [2]uint16
	if _, err := r.Read(magic); err != nil || string(magic) != denseMagic {
		return nil, errors.New("linear: not a dense model")
	}
	if err := binary.Read(r, binary.LittleEndian, &size); err != nil || size[0] < 2 || size[1] < 1 {
		return nil, errors.New("linear: dense model: bad header")
	}
	d := &Dense{W: make([][]float64, size[0])}
	for k := range d.W {
		d.W[k] = make([]float64, size[1])
		if err := binary.Read(r, binary.LittleEndian, d.W[k]); err != nil {
			return nil, fmt.Errorf("linear: dense model: row %d: %w", k, err)
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("linear: dense model: %d bytes after the weights", r.Len())
	}
	return d, nil
}
