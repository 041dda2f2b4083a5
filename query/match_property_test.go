package query_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/query"
)

// TestMatchProperty matches random queries built from the grammar against
// the test documents and compares every answer with brute force: a second,
// independent evaluation by linear scans over the analysed words of the
// title and the text.
func TestMatchProperty(t *testing.T) {
	a := newAnalyzer(t)
	docs := testDocs()
	docs["empty"] = query.Document{Text: "Banjir, banjir, dan banjir lagi di kota."}
	r := rand.New(rand.NewPCG(5, 2026))
	g := qgen{r: r}
	type prepared struct {
		doc  query.Document
		p    *query.Prepared
		segs map[string][][]query.AnalyzedTerm
	}
	var ds []prepared
	for _, d := range docs {
		title, text := a.Terms(d.Title), a.Terms(d.Text)
		ds = append(ds, prepared{d, query.Prepare(a, d), map[string][][]query.AnalyzedTerm{
			"": {title, text}, "title": {title},
		}})
	}
	hits, total := 0, 0
	for i := 0; i < 3000; i++ {
		n := g.node(3)
		c, err := query.Compile(n, a, testOptions)
		if err != nil {
			t.Fatalf("Compile(%s) = %v", n, err)
		}
		for _, d := range ds {
			b := brute{a: a, doc: d.doc, segs: d.segs}
			got, want := c.Match(d.p, testNow, wib), b.eval(n)
			total++
			if got {
				hits++
			}
			if got != want {
				t.Fatalf("Match(%s) on %q = %v, brute force says %v", n, d.doc.Title, got, want)
			}
			// Duality, through the compiled form.
			nc, _ := query.Compile(&query.Not{X: n}, a, testOptions)
			if nc.Match(d.p, testNow, wib) == got {
				t.Fatalf("Match(-(%s)) on %q = Match(%s)", n, d.doc.Title, n)
			}
		}
	}
	// The generator must give both answers often, or the test proves little.
	if hits < total/10 || hits > total*9/10 {
		t.Errorf("random queries matched %d of %d times; want between 10%% and 90%%", hits, total)
	}
	t.Logf("random queries matched %d of %d times", hits, total)
}

// qgen builds random query trees over the vocabulary of the test
// documents, with words that are absent too.
type qgen struct{ r *rand.Rand }

var (
	qWords    = []string{"banjir", "kebanjiran", "jambi", "kota", "warga", "sepakbola", "kebakaran", "hutan", "harga", "beras", "bandang", "café", "cafe", "Gubernur", "bansos", "longsor", "menyalurkan", "salur"}
	qPrefixes = []string{"keba", "sepak", "ban", "meny", "salu", "jam", "war", "zzz"}
	qFilters  = [][2]string{
		{"source", "kompas.com"}, {"source", "Antara News"}, {"region", "15"}, {"region", "15.71"},
		{"region", "14"}, {"region", "jambi"}, {"region", "15.71.01.1001"}, {"lang", "id"},
		{"sentiment", "negative"}, {"sentiment", "neutral"}, {"type", "news"}, {"type", "social"},
		{"agency", "7"}, {"agency", "Diskominfo Jambi"},
	}
	qDays  = []string{"2026-01-15", "2026-01-16", "2026-01-20", "2026-01-28", "2026-01-30"}
	qUnits = []byte("hdwm")
	qOps   = []query.DateOp{query.DateOn, query.DateRange, query.DateAfter, query.DateFrom, query.DateBefore, query.DateUntil}
)

func (g qgen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g qgen) node(depth int) query.Node {
	if depth <= 0 || g.r.IntN(3) == 0 {
		return g.leaf()
	}
	k := 2 + g.r.IntN(2)
	ns := make([]query.Node, k)
	for i := range ns {
		ns[i] = g.node(depth - 1)
	}
	switch g.r.IntN(3) {
	case 0:
		return &query.And{Nodes: ns}
	case 1:
		return &query.Or{Nodes: ns}
	}
	return &query.Not{X: ns[0]}
}

func (g qgen) leaf() query.Node {
	field := ""
	if g.r.IntN(4) == 0 {
		field = "title"
	}
	switch g.r.IntN(6) {
	case 0:
		return &query.Term{Field: field, Text: g.pick(qPrefixes), Prefix: true}
	case 1, 2:
		ws := make([]string, 1+g.r.IntN(3))
		for i := range ws {
			ws[i] = g.pick(qWords)
		}
		slop := 0
		if len(ws) > 1 && g.r.IntN(2) == 0 {
			slop = 1 + g.r.IntN(8)
		}
		return &query.Phrase{Field: field, Words: ws, Slop: slop}
	case 3:
		f := qFilters[g.r.IntN(len(qFilters))]
		return &query.Filter{Field: f[0], Value: f[1]}
	case 4:
		d := &query.DateFilter{Op: qOps[g.r.IntN(len(qOps))], From: g.bound()}
		if d.Op == query.DateOn {
			d.From = query.DateBound{Day: g.pick(qDays)}
		}
		if d.Op == query.DateRange {
			d.To = g.bound()
		}
		return d
	}
	return &query.Term{Field: field, Text: g.pick(qWords)}
}

func (g qgen) bound() query.DateBound {
	if g.r.IntN(2) == 0 {
		return query.DateBound{Day: g.pick(qDays)}
	}
	return query.DateBound{Ago: 1 + g.r.IntN(20), Unit: qUnits[g.r.IntN(len(qUnits))]}
}

// brute evaluates a query on one document by scanning its words: segs
// maps a text field to its segments (the body is the title and the text,
// searched apart so that no phrase spans both).
type brute struct {
	a    query.Analyzer
	doc  query.Document
	segs map[string][][]query.AnalyzedTerm
}

func (b brute) eval(n query.Node) bool {
	switch n := n.(type) {
	case *query.And:
		for _, c := range n.Nodes {
			if !b.eval(c) {
				return false
			}
		}
		return true
	case *query.Or:
		for _, c := range n.Nodes {
			if b.eval(c) {
				return true
			}
		}
		return false
	case *query.Not:
		return !b.eval(n.X)
	case *query.Term:
		return b.term(n)
	case *query.Phrase:
		return b.phrase(n)
	case *query.Filter:
		return b.filter(n)
	case *query.DateFilter:
		return b.date(n)
	}
	panic("unknown node")
}

func (b brute) term(n *query.Term) bool {
	q := b.a.Terms(n.Text)
	for _, seg := range b.segs[n.Field] {
		for i := range seg {
			if n.Prefix {
				if len(q) == 1 && (strings.HasPrefix(seg[i].Folded, q[0].Folded) || strings.HasPrefix(seg[i].Root, q[0].Folded)) {
					return true
				}
				continue
			}
			if len(q) > 0 && i+len(q) <= len(seg) && b.seq(seg[i:i+len(q)], q, true) {
				return true
			}
		}
	}
	return false
}

// seq reports whether the document words ds are the query words q.
func (b brute) seq(ds, q []query.AnalyzedTerm, byRoot bool) bool {
	for j := range q {
		if byRoot && ds[j].Root != q[j].Root || !byRoot && ds[j].Folded != q[j].Folded {
			return false
		}
	}
	return true
}

func (b brute) phrase(n *query.Phrase) bool {
	q := b.a.Terms(strings.Join(n.Words, " "))
	if len(q) == 0 {
		return false
	}
	for _, seg := range b.segs[n.Field] {
		if n.Slop == 0 {
			for i := 0; i+len(q) <= len(seg); i++ {
				if b.seq(seg[i:i+len(q)], q, false) {
					return true
				}
			}
			continue
		}
		if within(seg, q, make([]bool, len(seg)), 0, -1, -1, n.Slop) {
			return true
		}
	}
	return false
}

// within tries every assignment of distinct document words to the query
// words q[k:], tracking the lowest and highest position used.
func within(seg, q []query.AnalyzedTerm, used []bool, k, lo, hi, slop int) bool {
	if k == len(q) {
		return hi-lo <= slop
	}
	for i, d := range seg {
		if used[i] || d.Folded != q[k].Folded {
			continue
		}
		nlo, nhi := lo, hi
		if nlo < 0 || d.Pos < nlo {
			nlo = d.Pos
		}
		if d.Pos > nhi {
			nhi = d.Pos
		}
		used[i] = true
		ok := within(seg, q, used, k+1, nlo, nhi, slop)
		used[i] = false
		if ok {
			return true
		}
	}
	return false
}

func (b brute) filter(n *query.Filter) bool {
	d := b.doc
	switch n.Field {
	case "source":
		s := strings.ToLower(d.Source)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "www.")
		return strings.TrimSuffix(s, "/") == strings.ToLower(n.Value)
	case "region":
		codes := testOptions.Regions(n.Value)
		if n.Value[0] >= '0' && n.Value[0] <= '9' {
			codes = []string{n.Value}
		}
		for _, r := range d.Regions {
			for _, c := range codes {
				if strings.HasPrefix(r+".", c+".") {
					return true
				}
			}
		}
		return false
	case "agency":
		if id, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return d.AgencyID == id
		}
		for _, id := range testOptions.Agencies(n.Value) {
			if id == d.AgencyID {
				return true
			}
		}
		return false
	case "lang":
		return d.Lang == n.Value
	case "sentiment":
		return d.Sentiment == n.Value
	case "type":
		return d.Type == n.Value
	}
	panic("unknown filter " + n.Field)
}

// date compares calendar days as strings in WIB, and relative bounds as
// instants.
func (b brute) date(n *query.DateFilter) bool {
	t := b.doc.Published
	if t.IsZero() {
		return false
	}
	day := t.In(wib).Format(time.DateOnly)
	// cmp is -1, 0 or 1 as the document is before, within or after bound
	// x (a whole day, or an instant).
	cmp := func(x query.DateBound) int {
		if x.Day != "" {
			return strings.Compare(day, x.Day)
		}
		return t.Compare(x.Time(testNow, wib))
	}
	switch n.Op {
	case query.DateOn:
		return cmp(n.From) == 0
	case query.DateRange:
		return cmp(n.From) >= 0 && cmp(n.To) <= 0
	case query.DateAfter:
		return cmp(n.From) > 0
	case query.DateFrom:
		return cmp(n.From) >= 0
	case query.DateBefore:
		return cmp(n.From) < 0
	case query.DateUntil:
		return cmp(n.From) <= 0
	}
	panic("unknown date op")
}
