package archive

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/query"
)

// describe writes a Match compactly for comparison.
func describe(m *Match) string {
	if m == nil {
		return "ALL"
	}
	var b strings.Builder
	switch m.Op {
	case MatchAnd, MatchOr, MatchAndNot:
		b.WriteString(map[MatchOp]string{MatchAnd: "AND", MatchOr: "OR", MatchAndNot: "ANDNOT"}[m.Op] + "(")
		for i, s := range m.Sub {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(describe(s))
		}
		b.WriteString(")")
		return b.String()
	}
	form := map[Form]string{Roots: "r", Folded: "f", Both: "rf"}[m.Form]
	if m.TitleOnly {
		form = "title." + form
	}
	switch m.Op {
	case MatchPrefix:
		return fmt.Sprintf("%s:%s*", form, m.Words[0])
	case MatchNear:
		return fmt.Sprintf("%s:NEAR(%s,%d)", form, strings.Join(m.Words, " "), m.Slop)
	}
	return fmt.Sprintf("%s:%q", form, strings.Join(m.Words, " "))
}

func TestPlan(t *testing.T) {
	p := planner{analyzer: newTerms(t), exactPhrases: true,
		opts: query.Options{Regions: func(name string) []string {
			if name == "jambi" {
				return []string{"15"}
			}
			return nil
		}},
		now: time.Date(2026, 1, 20, 5, 0, 0, 0, time.UTC), loc: wib}
	tests := []struct {
		q, match, conds string
		exact           bool
	}{
		{q: "kebanjiran", match: `r:"banjir"`, exact: true},
		{q: "banjir jambi", match: `AND(r:"banjir" r:"jambi")`, exact: true},
		{q: "banjir OR longsor", match: `OR(r:"banjir" r:"longsor")`, exact: true},
		{q: "banjir -sepakbola", match: `ANDNOT(r:"banjir" r:"sepak bola")`, exact: true},
		{q: `"Kota Jambi"`, match: `f:"kota jambi"`, exact: true},
		{q: `"kota jambi"~3`, match: `f:NEAR(kota jambi,3)`, exact: true},
		{q: `"jambi kota jambi"~3`, match: `f:NEAR(jambi kota jambi,3)`, exact: false},
		{q: "title:banjir", match: `title.r:"banjir"`, exact: true},
		{q: "kebakar*", match: `rf:kebakar*`, exact: true},
		{q: "anak-anak", match: `r:"anak"`, exact: true},
		{q: `"anak-anak"`, match: `f:"anak_2d_anak"`, exact: true},
		{q: "banjir source:www.Kompas.com lang:ID", match: `r:"banjir"`, conds: "source=kompas.com lang=id", exact: true},
		{q: "banjir region:jambi", match: `r:"banjir"`, conds: "region=[15]", exact: true},
		{q: "banjir region:atlantis", match: `r:"banjir"`, conds: "never", exact: true},
		{q: "banjir date:2026-01-15", match: `r:"banjir"`, conds: "date=[2026-01-14T17:00:00Z,2026-01-15T17:00:00Z)", exact: true},
		{q: "banjir date:>now-7d", match: `r:"banjir"`, conds: "date=[2026-01-13T05:00:00.000001Z,)", exact: true},
		{q: "banjir OR source:kompas.com", match: `ALL`, exact: false},
		{q: "banjir -type:social", match: `r:"banjir"`, exact: false},
		{q: "banjir (jambi OR type:social)", match: `r:"banjir"`, exact: false},
		{q: "type:news sentiment:negatif", match: `ALL`, conds: "type=news sentiment=negative", exact: true},
	}
	for _, tt := range tests {
		node, err := query.Parse(tt.q)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tt.q, err)
		}
		pl := p.plan(node)
		var conds []string
		for _, c := range pl.Conditions {
			switch c.Field {
			case "region":
				conds = append(conds, fmt.Sprintf("region=%v", c.Regions))
			case "date":
				var from, to string
				if !c.From.IsZero() {
					from = c.From.UTC().Format(time.RFC3339Nano)
				}
				if !c.To.IsZero() {
					to = c.To.UTC().Format(time.RFC3339Nano)
				}
				conds = append(conds, fmt.Sprintf("date=[%s,%s)", from, to))
			case "never":
				conds = append(conds, "never")
			default:
				conds = append(conds, c.Field+"="+c.Value)
			}
		}
		if got := describe(pl.Match); got != tt.match || strings.Join(conds, " ") != tt.conds || pl.Exact != tt.exact {
			t.Errorf("plan(%s) = %s [%s] exact %v, want %s [%s] exact %v", tt.q, got, strings.Join(conds, " "), pl.Exact,
				tt.match, tt.conds, tt.exact)
		}
	}
	p.exactPhrases = false
	node, _ := query.Parse(`"kota jambi"`)
	if pl := p.plan(node); pl.Exact {
		t.Errorf("a phrase is exact on an engine without exact phrases")
	}
}

func TestCeilMicro(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ in, want time.Time }{
		{base, base},
		{base.Add(time.Nanosecond), base.Add(time.Microsecond)},
		{base.Add(time.Microsecond), base.Add(time.Microsecond)},
		{time.Time{}, time.Time{}},
	} {
		if got := ceilMicro(tt.in); !got.Equal(tt.want) {
			t.Errorf("ceilMicro(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
