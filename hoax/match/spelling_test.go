package match

import "testing"

func TestOneSlip(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"rohingya", "rohingnya", true}, // a letter added
		{"menteri", "mentri", true},     // dropped
		{"presiden", "presidan", true},  // replaced
		{"presiden", "presdien", true},  // two neighbours swapped
		{"presiden", "presiden", false}, // the same word
		{"trenggono", "trengonno", false},
		{"presiden", "perisden", false},
		{"anambas", "anmbs", false},
		{"abc", "abcde", false},
	} {
		if got := oneSlip(tc.a, tc.b); got != tc.want {
			t.Errorf("oneSlip(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := oneSlip(tc.b, tc.a); got != tc.want {
			t.Errorf("oneSlip(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSpellings(t *testing.T) {
	words := []string{"rohingya", "presiden", "president", "bansos", "vaksin", "trenggono"}
	df := []int32{1, 1, 1, 1, 0, 1}
	s := spellings{}
	for id, w := range words {
		s.add(w, uint32(id))
	}
	for _, tc := range []struct {
		word string
		want int // -1: none
	}{
		{"rohingnya", 0},
		{"rohinga", 0},
		{"presdien", 1},
		{"presidet", -1}, // one slip from both presiden and president
		{"bansoss", 3},
		{"vaksinn", -1},   // vaksin is in no live entry
		{"bnsos", -1},     // too short
		{"trengonno", -1}, // two slips
		{"rohingya", -1},  // the word itself is not a slip
	} {
		id, ok := s.find(tc.word, words, df)
		if got := map[bool]int{true: int(id), false: -1}[ok]; got != tc.want {
			t.Errorf("find(%q) = %d, want %d", tc.word, got, tc.want)
		}
	}
}
