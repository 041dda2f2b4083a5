package query

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// gen builds random trees from the grammar, in the shape Parse returns:
// flattened AND and OR, every OR branch and the root with a positive part.
type gen struct{ r *rand.Rand }

var (
	genWords   = []string{"banjir", "Jambi", "kebakaran", "hutan", "covid-19", "5.0", "pemilu", "é", "gubernur", "BPBD", "al-azhar", "x:y"}
	genOdd     = []string{`say"hi`, `a\b`, `(kurung)`, `b~2`, `*`, `-minus`, "AND", "ATAU", "zero\u200bwidth", "中文"}
	genSources = []string{"kompas.com", "Antara News", "https://x.id/a", "-kompas", "a*b", `q"t`, "AND", "x:y"}
	genRegions = []string{"15", "15.71", "15.71.01", "15.71.01.1001", "jambi", "Kota Jambi", "Kab. Muaro Jambi"}
	genDays    = []string{"2026-01-01", "2026-01-31", "2025-12-31"}
)

func (g gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g gen) node(depth int) Node {
	if depth <= 0 || g.r.IntN(3) == 0 {
		return g.leaf()
	}
	switch g.r.IntN(3) {
	case 0:
		return &Not{X: g.node(depth - 1)}
	case 1:
		return &And{Nodes: g.operands(depth, func(n Node) bool { _, ok := n.(*And); return ok })}
	}
	return &Or{Nodes: g.operands(depth, func(n Node) bool { _, ok := n.(*Or); return ok })}
}

func (g gen) operands(depth int, same func(Node) bool) []Node {
	k := 2 + g.r.IntN(3)
	var out []Node
	for len(out) < k {
		if n := g.node(depth - 1); !same(n) {
			out = append(out, n)
		}
	}
	return out
}

func (g gen) leaf() Node {
	field := ""
	if g.r.IntN(4) == 0 {
		field = "title"
	}
	switch g.r.IntN(6) {
	case 0, 1:
		text := g.pick(genWords[:len(genWords)-1])
		return &Term{Field: field, Text: text, Prefix: g.r.IntN(4) == 0 && letters(text) >= MinPrefix}
	case 2:
		n := 1 + g.r.IntN(3)
		var words []string
		for range n {
			if g.r.IntN(3) == 0 {
				words = append(words, g.pick(genOdd))
			} else {
				words = append(words, g.pick(genWords))
			}
		}
		slop := 0
		if n > 1 && g.r.IntN(2) == 0 {
			slop = 1 + g.r.IntN(MaxSlop)
		}
		return &Phrase{Field: field, Words: words, Slop: slop}
	case 3:
		return g.filter()
	case 4:
		return g.date()
	}
	return &Term{Field: "title", Text: "AND"} // an operator word is a value after title:
}

func (g gen) filter() Node {
	switch g.r.IntN(6) {
	case 0:
		return &Filter{Field: "source", Value: g.pick(genSources)}
	case 1:
		return &Filter{Field: "agency", Value: g.pick(genSources)}
	case 2:
		return &Filter{Field: "region", Value: g.pick(genRegions)}
	case 3:
		return &Filter{Field: "lang", Value: g.pick([]string{"id", "en", "jv", "min"})}
	case 4:
		return &Filter{Field: "sentiment", Value: g.pick([]string{"positive", "neutral", "negative"})}
	}
	return &Filter{Field: "type", Value: g.pick([]string{"news", "social", "tv"})}
}

func (g gen) date() Node {
	rel := func() DateBound {
		if g.r.IntN(4) == 0 {
			return DateBound{}
		}
		return DateBound{Ago: 1 + g.r.IntN(30), Unit: "hdwmy"[g.r.IntN(5)]}
	}
	day := func() DateBound { return DateBound{Day: g.pick(genDays)} }
	switch g.r.IntN(4) {
	case 0:
		return &DateFilter{Op: DateOn, From: day()}
	case 1:
		return &DateFilter{Op: DateRange, From: DateBound{Day: "2025-12-31"}, To: day()}
	case 2:
		to := DateBound{Ago: g.r.IntN(40), Unit: 'w'}
		if to.Ago == 0 {
			to.Unit = 0
		}
		return &DateFilter{Op: DateRange, From: DateBound{Ago: 400, Unit: 'd'}, To: to}
	}
	ops := []DateOp{DateAfter, DateFrom, DateBefore, DateUntil}
	b := day()
	if g.r.IntN(2) == 0 {
		b = rel()
	}
	return &DateFilter{Op: ops[g.r.IntN(4)], From: b}
}

// acceptable reports whether Parse accepts a tree of this shape: a
// positive root, and no OR branch without a positive part.
func acceptable(n Node) bool {
	ok := !negativeOnly(n)
	Walk(n, func(c Node) bool {
		if or, isOr := c.(*Or); isOr {
			for _, b := range or.Nodes {
				if negativeOnly(b) {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

// TestPrintParse: for random trees q, Parse(q.String()) equals q.
func TestPrintParse(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, 2))}
	for done := 0; done < 5000; {
		q := g.node(5)
		if !acceptable(q) {
			continue
		}
		done++
		s := q.String()
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) error %v", s, err)
		}
		if !Equal(got, q) {
			t.Fatalf("Parse(%q) = %s, not equal to the tree printed", s, got)
		}
	}
}

// TestPrintTwice: random strings that parse print the same after a
// second round.
func TestPrintTwice(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"banjir", "jambi", "AND", "or", "BUKAN", "dan", "-", "(", ")", `"`, "kota", "~3", "*", "title:", "source:", "date:>now-7d", "region:15", " ", " ", "é"}
	parsed := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		checkQuery(t, b.String())
		if _, err := Parse(b.String()); err == nil {
			parsed++
		}
	}
	if parsed < 1000 {
		t.Errorf("only %d of 20000 random queries parsed; the generator is too weak", parsed)
	}
}

// checkQuery checks the promises of Parse for one input: an error lies
// inside the input and has a message; a query prints to a string that
// parses to an equal tree and prints the same again.
func checkQuery(t *testing.T, q string) {
	t.Helper()
	n, err := Parse(q)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse(%q) error %v is not an *Error", q, err)
		}
		if e.Offset < 0 || e.Offset > len(q) || e.Rune < 0 || e.Rune > utf8.RuneCountInString(q) ||
			e.Rune != utf8.RuneCountInString(q[:e.Offset]) {
			t.Fatalf("Parse(%q) error at byte %d rune %d lies outside the input", q, e.Offset, e.Rune)
		}
		if _, ok := Messages[e.Key]; !ok {
			t.Fatalf("Parse(%q) error key %q has no message", q, e.Key)
		}
		_ = Mark(q, e)
		return
	}
	s := n.String()
	if len(s) > MaxLength {
		return // the canonical form spells out AND; it may outgrow the limit
	}
	again, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q) printed %q, which does not parse: %v", q, s, err)
	}
	if !Equal(n, again) {
		t.Fatalf("Parse(%q) printed %q, which parses to %s", q, s, again)
	}
	if s2 := again.String(); s2 != s {
		t.Fatalf("Parse(%q) printed %q, then %q", q, s, s2)
	}
}

func FuzzParse(f *testing.F) {
	for _, q := range benchQueries {
		f.Add(q)
	}
	for _, q := range []string{``, `"banjir é`, `banjir "kota jambi`, `(a`, `a)`, `title:(banjir OR longsor)`,
		`date:now-2w..now`, `-a`, `a OR -b`, "\xff", `"a\"b"~2`, `source:"x*"`, `title:a:b`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) { checkQuery(t, q) })
}

var benchQueries = []string{
	`banjir AND (jambi OR "kota jambi") NOT sepakbola`,
	`banjir jambi`,
	`"karhutla" OR (kebakaran AND hutan) region:15 date:>now-7d`,
	`title:(banjir OR longsor) wilayah:"kota jambi" -sepakbola`,
	`gubernur DAN (bantuan ATAU bansos) BUKAN hoaks sentiment:negative`,
	`"harga beras"~5 OR "beras mahal"~3 type:(news OR social) lang:id`,
	`pemilu* AND (kpu OR bawaslu) source:(kompas.com OR detik.com OR antaranews.com) date:2026-01-01..2026-01-31`,
	`(stunting OR "gizi buruk") AND (posyandu OR puskesmas) region:15.71 -iklan`,
	`covid-19 vaksin* -"teori konspirasi" agency:"Dinas Kesehatan"`,
	`jalan rusak OR "jalan berlubang" OR "perbaikan jalan" region:jambi sentimen:negatif tanggal:>=2026-01-01`,
}

func BenchmarkParse(b *testing.B) {
	n := 0
	for _, q := range benchQueries {
		n += len(q)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, q := range benchQueries {
			if _, err := Parse(q); err != nil {
				b.Fatal(err)
			}
		}
	}
}
