package morph

import (
	"strings"
	"testing"
)

// TestDecompose checks that each word's true root is among its candidates
// with the expected analysis cost, and that forbidden readings are absent.
func TestDecompose(t *testing.T) {
	tests := []struct {
		word, root string
		cost       int // -1: must not be a candidate
	}{
		{"menyapu", "sapu", 1},
		{"memukul", "pukul", 1},
		{"menulis", "tulis", 1},
		{"mengirim", "kirim", 1},
		{"mengenal", "kenal", 1},
		{"mengecat", "cat", 1},
		{"mempertanyakan", "tanya", 3},
		{"pengawasan", "awas", 1}, // peng-…-an is one confix
		{"keberhasilan", "hasil", 2},
		{"terletak", "letak", 1},
		{"bekerja", "kerja", 1},
		{"belajar", "ajar", 1},
		{"pelajaran", "ajar", 1},
		{"perekonomian", "ekonomi", 1},
		{"rumahnyalah", "rumah", 2},
		{"gemetar", "getar", 2},
		{"telunjuk", "tunjuk", 2},
		{"jelang", "jang", -1}, // shaped like an infixed word, but not one
		{"relawan", "rawan", -1},
		{"semarang", "sarang", -1},
		{"mengatakan", "katak", -1}, // me-…-an is not a confix
		{"penurunan", "urun", -1},   // pe-N before a vowel is pe-n or pe-t
		{"memakan", "akan", -1},     // me-m before a vowel is me-m or me-p
	}
	for _, tt := range tests {
		best := -1
		Decompose(tt.word, func(r string, a Analysis) {
			if r == tt.root && (best < 0 || a.Cost() < best) {
				best = a.Cost()
			}
		})
		if best != tt.cost {
			t.Errorf("Decompose(%q): cost of %q = %d, want %d", tt.word, tt.root, best, tt.cost)
		}
	}
}

// TestDecomposeBounded checks that every candidate is a reduction: never
// longer than the word, never shorter than MinRoot (but for the word).
func TestDecomposeBounded(t *testing.T) {
	for _, w := range []string{"mempermainkannyalah", "dikeberpenganan", "mememememe", "pe", "x"} {
		Decompose(w, func(r string, a Analysis) {
			if len(r) > len(w) || r != w && len(r) < MinRoot || r != w && !strings.Contains(w, r[1:]) {
				t.Errorf("Decompose(%q) gave %q (%+v)", w, r, a)
			}
		})
	}
}
