package archive

import (
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/query"
)

// Plan is what search asks the database for: the items that satisfy Match
// (a condition on the full-text index) and every Condition, among those
// the viewer may see. Every item matching the query satisfies the plan; when
// Exact is set the reverse holds too and the candidates need no
// verification by the matcher.
type Plan struct {
	Match      *Match // nil: no condition on the text
	Conditions []Condition
	Visibility access.Visibility
	Exact      bool
}

// MatchOp is the operator of a Match node.
type MatchOp int

// The operators of a Match.
const (
	MatchAnd    MatchOp = iota + 1 // every Sub
	MatchOr                        // any Sub
	MatchAndNot                    // Sub[0] and none of Sub[1:]
	MatchWords                     // Words at consecutive positions
	MatchNear                      // Words within Slop positions, any order
	MatchPrefix                    // a token beginning with Words[0]
)

// Form says which tokens a Match leaf compares.
type Form int

// The forms of the index.
const (
	Roots  Form = iota + 1 // the stems: plain terms
	Folded                 // the words as written, case and accents folded: phrases
	Both                   // either: prefixes
)

// Match is a condition on the full-text index, built from a query: each
// dialect renders it in its engine's syntax (FTS5 MATCH, tsquery).
type Match struct {
	Op        MatchOp
	Sub       []*Match
	Words     []string // index tokens (see Token)
	Form      Form
	TitleOnly bool
	Slop      int
}

// Condition is a filter the database applies exactly.
type Condition struct {
	Field string // "source", "lang", "sentiment", "type", "region", "agency", "date" or "never"
	// Value is the compared value of source (NormalizeSource), lang,
	// sentiment and type.
	Value string
	// Regions are kode wilayah: an item matches when one of its codes is
	// one of them or below one.
	Regions []string
	// Agencies are agency IDs.
	Agencies []int64
	// From and To bound the publication time as [From, To), each rounded
	// up to the microsecond the engines keep; a zero bound is open.
	From, To time.Time
}

// planner builds a Plan from a parsed query.
type planner struct {
	analyzer query.Analyzer
	// exactPhrases says whether the engine matches words at consecutive
	// positions exactly (FTS5 does; tsvector positions are capped, so
	// PostgreSQL's phrases are verified).
	exactPhrases bool
	opts         query.Options
	now          time.Time
	loc          *time.Location
}

// plan returns the plan of q. The filters of the query's top-level AND go to
// the database as conditions; the text goes to Match, relaxed where the
// index cannot say exactly what the matcher says (Exact false).
func (p *planner) plan(q query.Node) *Plan {
	conj := []query.Node{q}
	if and, ok := q.(*query.And); ok {
		conj = and.Nodes
	}
	pl := &Plan{Exact: true}
	var rest []query.Node
	for _, n := range conj {
		if c, ok := p.condition(n); ok {
			pl.Conditions = append(pl.Conditions, c)
			continue
		}
		rest = append(rest, n)
	}
	switch len(rest) {
	case 0:
	case 1:
		pl.Match, pl.Exact = p.relax(rest[0])
	default:
		pl.Match, pl.Exact = p.relax(&query.And{Nodes: rest})
	}
	return pl
}

// condition turns a filter into a database condition with the same
// meaning as the matcher's.
func (p *planner) condition(n query.Node) (Condition, bool) {
	switch n := n.(type) {
	case *query.DateFilter:
		from, to := n.Interval(p.now, p.loc)
		return Condition{Field: "date", From: ceilMicro(from), To: ceilMicro(to)}, true
	case *query.Filter:
		switch n.Field {
		case "source":
			return Condition{Field: "source", Value: query.NormalizeSource(n.Value)}, true
		case "lang", "sentiment", "type":
			return Condition{Field: n.Field, Value: strings.ToLower(n.Value)}, true
		case "region":
			codes := p.regions(n.Value)
			if len(codes) == 0 {
				return Condition{Field: "never"}, true
			}
			return Condition{Field: "region", Regions: codes}, true
		case "agency":
			ids := p.agencies(n.Value)
			if len(ids) == 0 {
				return Condition{Field: "never"}, true
			}
			return Condition{Field: "agency", Agencies: ids}, true
		}
	}
	return Condition{}, false
}

func (p *planner) regions(v string) []string {
	if query.IsRegionCode(v) {
		return []string{v}
	}
	if p.opts.Regions == nil {
		return nil
	}
	return p.opts.Regions(v)
}

func (p *planner) agencies(v string) []int64 {
	if id, ok := parseID(v); ok {
		return []int64{id}
	}
	if p.opts.Agencies == nil {
		return nil
	}
	return p.opts.Agencies(v)
}

// relax returns a Match that every item matching n satisfies (nil: any
// item), and whether it says exactly what n says.
func (p *planner) relax(n query.Node) (*Match, bool) {
	switch n := n.(type) {
	case *query.Term:
		return p.term(n)
	case *query.Phrase:
		return p.phrase(n)
	case *query.And:
		return p.and(n)
	case *query.Or:
		var subs []*Match
		exact := true
		for _, c := range n.Nodes {
			m, ok := p.relax(c)
			if m == nil {
				return nil, false // one branch can be anything, so can the whole
			}
			subs = append(subs, m)
			exact = exact && ok
		}
		return &Match{Op: MatchOr, Sub: subs}, exact
	}
	// A filter below the top level, or a NOT on its own: the index cannot
	// say it, the matcher will.
	return nil, false
}

// and keeps the exact NOT parts as exclusions when there is something to
// exclude from.
func (p *planner) and(n *query.And) (*Match, bool) {
	var pos, neg []*Match
	exact := true
	for _, c := range n.Nodes {
		if not, ok := c.(*query.Not); ok {
			if m, ok := p.relax(not.X); ok && m != nil {
				neg = append(neg, m)
				continue
			}
			exact = false
			continue
		}
		m, ok := p.relax(c)
		exact = exact && ok
		if m != nil {
			pos = append(pos, m)
		}
	}
	var m *Match
	switch len(pos) {
	case 0:
		return nil, exact && len(neg) == 0
	case 1:
		m = pos[0]
	default:
		m = &Match{Op: MatchAnd, Sub: pos}
	}
	if len(neg) > 0 {
		m = &Match{Op: MatchAndNot, Sub: append([]*Match{m}, neg...)}
	}
	return m, exact
}

func (p *planner) term(t *query.Term) (*Match, bool) {
	ts := p.analyzer.Terms(t.Text)
	title := t.Field == "title"
	if len(ts) == 0 || (t.Prefix && len(ts) != 1) {
		return nil, false // the matcher never matches it
	}
	if t.Prefix {
		tok := Token(ts[0].Folded)
		return &Match{Op: MatchPrefix, Words: []string{cut(tok)}, Form: Both, TitleOnly: title}, len(tok) <= MaxToken
	}
	m := &Match{Op: MatchWords, Form: Roots, TitleOnly: title}
	exact := len(ts) == 1 || p.exactPhrases
	for _, x := range ts {
		tok := Token(x.Root)
		if len(tok) > MaxToken {
			exact = false // a cut token: the index finds the word by its beginning
		}
		m.Words = append(m.Words, cut(tok))
	}
	return m, exact
}

func (p *planner) phrase(ph *query.Phrase) (*Match, bool) {
	var text string
	for i, w := range ph.Words {
		if i > 0 {
			text += " "
		}
		text += w
	}
	ts := p.analyzer.Terms(text)
	if len(ts) == 0 {
		return nil, false
	}
	m := &Match{Op: MatchWords, Form: Folded, TitleOnly: ph.Field == "title"}
	exact := len(ts) == 1 || p.exactPhrases
	for _, x := range ts {
		tok := Token(x.Folded)
		if len(tok) > MaxToken {
			exact = false
		}
		m.Words = append(m.Words, cut(tok))
	}
	if ph.Slop > 0 {
		// The engine's NEAR says "within Slop positions" exactly for
		// distinct words (a word written twice needs two occurrences,
		// which NEAR does not count).
		distinct, _ := query.Distinct(m.Words)
		m.Op, m.Slop = MatchNear, ph.Slop
		exact = exact && p.exactPhrases && len(distinct) == len(m.Words)
	}
	return m, exact
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

// ceilMicro rounds t up to the microsecond: stored times have microsecond
// precision, so t' >= ceilMicro(t) exactly when t' >= t.
func ceilMicro(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	r := t.Truncate(time.Microsecond)
	if r.Before(t) {
		r = r.Add(time.Microsecond)
	}
	return r
}
