package textcut

import "testing"

func TestCut(t *testing.T) {
	tests := []struct {
		s            string
		n            int
		bytes, runes string
	}{
		{"", 3, "", ""},
		{"abc", 3, "abc", "abc"},
		{"abcd", 3, "abc", "abc"},
		{"aé", 2, "a", "aé"},
		{"ééé", 3, "é", "ééé"},
		{"ééé", 2, "é", "éé"},
		{"abc", 0, "", ""},
	}
	for _, tt := range tests {
		if got := Bytes(tt.s, tt.n); got != tt.bytes {
			t.Errorf("Bytes(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.bytes)
		}
		if got := Runes(tt.s, tt.n); got != tt.runes {
			t.Errorf("Runes(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.runes)
		}
	}
}
