package query

import (
	"strings"
	"testing"
)

func TestRequiredTerms(t *testing.T) {
	tests := []struct{ in, want string }{
		{`banjir`, `[banjir]`},
		{`banjir jambi -sepakbola`, `[banjir] [jambi]`},
		{`banjir AND (jambi OR "kota jambi")`, `[banjir] [jambi "kota jambi"]`},
		{`(a b) OR (c d e) OR title:fot*`, `[a c title:fot*]`},
		{`source:kompas`, ``},
		{`banjir OR source:kompas`, ``},
		{`banjir source:kompas date:>now-7d`, `[banjir]`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q) error %v", tt.in, err)
		}
		var clauses []string
		for _, c := range RequiredTerms(n) {
			var leaves []string
			for _, l := range c {
				leaves = append(leaves, l.String())
			}
			clauses = append(clauses, "["+strings.Join(leaves, " ")+"]")
		}
		if got := strings.Join(clauses, " "); got != tt.want {
			t.Errorf("RequiredTerms(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWalk(t *testing.T) {
	n, err := Parse(`banjir (jambi OR -x OR y) -sepakbola`)
	if err == nil {
		t.Fatalf("Parse accepted an OR branch without a positive part: %s", n)
	}
	n, err = Parse(`banjir (jambi OR "kota jambi") -sepakbola`)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []string
	Walk(n, func(c Node) bool {
		switch c.(type) {
		case *Term, *Phrase:
			leaves = append(leaves, c.String())
		case *Not:
			return false
		}
		return true
	})
	if got, want := strings.Join(leaves, ","), `banjir,jambi,"kota jambi"`; got != want {
		t.Errorf("Walk leaves = %s, want %s", got, want)
	}
}
