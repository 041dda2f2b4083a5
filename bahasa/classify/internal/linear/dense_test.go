package linear

import (
	"math"
	"slices"
	"testing"
)

func TestFitDense(t *testing.T) {
	// Three classes, each the largest of three noisy scores.
	var X [][]float64
	var y []int
	for i := range 300 {
		x := []float64{float64(i%7) / 7, float64(i%11) / 11, float64(i%13) / 13}
		X = append(X, x)
		y = append(y, Argmax(x))
	}
	d, err := FitDense(X, y, 3, 1e-4)
	if err != nil {
		t.Fatalf("FitDense: %v", err)
	}
	right := 0
	p := make([]float64, 3)
	for i, x := range X {
		d.Predict(x, p)
		if Argmax(p) == y[i] {
			right++
		}
		if s := p[0] + p[1] + p[2]; math.Abs(s-1) > 1e-9 {
			t.Fatalf("probabilities sum to %v", s)
		}
	}
	if right < 285 {
		t.Errorf("FitDense: %d of 300 training rows right, want at least 285", right)
	}
	again, _ := FitDense(X, y, 3, 1e-4)
	for k := range d.W {
		if !slices.Equal(d.W[k], again.W[k]) {
			t.Errorf("FitDense twice: row %d %v and %v", k, d.W[k], again.W[k])
		}
	}
	b, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalDense(b)
	if err != nil {
		t.Fatalf("UnmarshalDense: %v", err)
	}
	for k := range d.W {
		if !slices.Equal(d.W[k], back.W[k]) {
			t.Errorf("round trip: row %d %v, want %v", k, back.W[k], d.W[k])
		}
	}
	for _, bad := range [][]byte{nil, []byte("SNDENSE1"), b[:len(b)-1], append(slices.Clone(b), 0)} {
		if _, err := UnmarshalDense(bad); err == nil {
			t.Errorf("UnmarshalDense(%d bytes) = nil error", len(bad))
		}
	}
}

func TestFitDenseRefuses(t *testing.T) {
	tests := []struct {
		name   string
		X      [][]float64
		y      []int
		lambda float64
	}{
		{"no rows", nil, nil, 1},
		{"ragged", [][]float64{{1, 2}, {1}}, []int{0, 1}, 1},
		{"class out of range", [][]float64{{1}, {2}}, []int{0, 3}, 1},
		{"no regularisation", [][]float64{{1}, {2}}, []int{0, 1}, 0},
	}
	for _, tt := range tests {
		if _, err := FitDense(tt.X, tt.y, 2, tt.lambda); err == nil {
			t.Errorf("FitDense(%s) = nil error", tt.name)
		}
	}
}
