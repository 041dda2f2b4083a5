package store

import "testing"

func TestRebindDollar(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"WHERE a = ? AND b = ?", "WHERE a = $1 AND b = $2"},
		{"WHERE a = '?' AND b = ?", "WHERE a = '?' AND b = $1"},
		{`LIKE ? ESCAPE '\'`, `LIKE $1 ESCAPE '\'`},
		{"VALUES (?, '', ?)", "VALUES ($1, '', $2)"},
	}
	for _, tt := range tests {
		if got := RebindDollar(tt.in); got != tt.want {
			t.Errorf("RebindDollar(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	tests := []struct{ in, like, prefix string }{
		{"Jambi", "%jambi%", "Jambi%"},
		{"100%_x", `%100\%\_x%`, `100\%\_x%`},
		{`a\b`, `%a\\b%`, `a\\b%`},
	}
	for _, tt := range tests {
		if got := likePattern(tt.in); got != tt.like {
			t.Errorf("likePattern(%q) = %q, want %q", tt.in, got, tt.like)
		}
		if got := prefixPattern(tt.in); got != tt.prefix {
			t.Errorf("prefixPattern(%q) = %q, want %q", tt.in, got, tt.prefix)
		}
	}
}
