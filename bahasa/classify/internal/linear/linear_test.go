package linear

import (
	"bytes"
	"math"
	"testing"
)

func TestAddCharGrams(t *testing.T) {
	tests := []struct {
		word       string
		minN, maxN int
		want       int
	}{
		{"a", 1, 5, 6},    // " a ": 3 + 2 + 1
		{"ab", 2, 5, 6},   // " ab ": 3 + 2 + 1
		{"abcd", 2, 2, 5}, // " abcd ": 5 bigrams
		{"", 1, 1, 2},     // "  "
	}
	for _, tt := range tests {
		var b Bag
		b.AddCharGrams(tt.word, tt.minN, tt.maxN)
		if len(b.Keys) != tt.want {
			t.Errorf("AddCharGrams(%q, %d, %d) added %d keys, want %d", tt.word, tt.minN, tt.maxN, len(b.Keys), tt.want)
		}
	}
}

func TestBagKindsDiffer(t *testing.T) {
	var w, c, g Bag
	w.AddWord("an")
	c.AddCharGrams("an", 4, 4) // " an "
	g.AddTag("", "an")
	if w.Keys[0] == c.Keys[0] || w.Keys[0] == g.Keys[0] {
		t.Errorf("AddWord(%q), AddCharGrams and AddTag share a hash", "an")
	}
	var b1, b2 Bag
	b1.AddBigram("ab", "c")
	b2.AddBigram("a", "bc")
	if b1.Keys[0] == b2.Keys[0] {
		t.Errorf("AddBigram(ab, c) == AddBigram(a, bc)")
	}
}

// toy returns a small separable problem: class 0 texts say "good", class 1
// "bad", class 2 "so-so".
func toy() []Example {
	words := []string{"good", "bad", "so-so"}
	var exs []Example
	for i := range 30 {
		var b Bag
		k := i % 3
		b.AddWord(words[k])
		b.AddCharGrams(words[k], 2, 3)
		b.AddWord([]string{"food", "place", "service"}[i%5%3])
		exs = append(exs, Example{Keys: b.Keys, Class: k})
	}
	return exs
}

func TestFitDeterministic(t *testing.T) {
	classes := []string{"pos", "neg", "neu"}
	o := Options{Bits: 12, Salt: 7, MinDF: 1, C: 10, Balanced: true, MaxIter: 50}
	var out [2][]byte
	for i := range out {
		var err error
		if out[i], err = Fit(classes, toy(), o); err != nil {
			t.Fatalf("Fit: %v", err)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Errorf("Fit twice on the same data gave different bytes (%d, %d)", len(out[0]), len(out[1]))
	}
}

func TestFitPredictRoundTrip(t *testing.T) {
	classes := []string{"pos", "neg", "neu"}
	data, err := Fit(classes, toy(), Options{Bits: 12, Salt: 1, C: 10, MaxIter: 100})
	if err != nil {
		t.Fatalf("Fit: %v", err)
	}
	m2, err := Unmarshal(data)
	if err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	var s Scratch
	p := make([]float64, 3)
	for k, w := range []string{"good", "bad", "so-so"} {
		var b Bag
		b.AddWord(w)
		b.AddCharGrams(w, 2, 3)
		if n := m2.Predict(b.Keys, &s, p); n == 0 || Argmax(p) != k {
			t.Errorf("Predict(%q) = class %d (known %d, p %.2f), want %d", w, Argmax(p), n, p, k)
		}
		var sum float64
		for _, v := range p {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("Predict(%q) probabilities sum to %v", w, sum)
		}
	}
	if _, err := Unmarshal(data[:len(data)/2]); err == nil {
		t.Errorf("Unmarshal(truncated) = nil error")
	}
	if _, err := Unmarshal([]byte("not gzip")); err == nil {
		t.Errorf("Unmarshal(garbage) = nil error")
	}
}

func TestConfusion(t *testing.T) {
	c := NewConfusion([]string{"a", "b"})
	for _, p := range [][2]int{{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, -1}} {
		c.Add(p[0], p[1])
	}
	if got, want := c.Accuracy(), 3.0/5; math.Abs(got-want) > 1e-12 {
		t.Errorf("Accuracy() = %v, want %v", got, want)
	}
	// a: tp 2, gold 3, pred 2 → 0.8; b: tp 1, gold 2, pred 2 → 0.5
	if got, want := c.MacroF1(), 0.65; math.Abs(got-want) > 1e-12 {
		t.Errorf("MacroF1() = %v, want %v", got, want)
	}
}
