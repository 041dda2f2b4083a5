package presearch

import (
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/query"
)

// A candidate query is first run as a program: the query compiled to a
// few machine words over numbered facts of a document (it holds the root
// "banjir" at these positions, its source is kompas.com, it lies in
// region 15), with three-valued logic. Phrases and proximity use the
// matcher's own functions (query.Consecutive, query.Within) over the
// positions. What a program cannot judge alone (a case folding beyond
// ASCII) is "maybe", and a query that comes out "maybe" is run with its
// full matcher. The answer is therefore always the full matcher's, and a
// candidate costs a few bit tests in one small array instead of a walk
// through the compiled query's maps.

// factKind says what a fact is about.
type factKind uint8

const (
	factRoot        factKind = iota // the body holds a root
	factTitleRoot                   // the title holds a root
	factFolded                      // the body holds a folded form
	factTitleFolded                 // the title holds a folded form
	factPrefix                      // a root or folded form of the body begins with text
	factTitlePrefix                 // a root or folded form of the title begins with text
	factSource                      // the normalised source is text
	factLang                        // the language, lower case, is text
	factSentiment                   // the sentiment, lower case, is text
	factType                        // the type, lower case, is text
	factRegion                      // a region code of the document is text or lies below it

	factKinds // the number of kinds
)

// fact is something a document may hold; the index numbers the facts its
// programs use.
type fact struct {
	kind factKind
	text string
}

// The operations of a program. A program is postfix: each instruction
// pushes one value or combines the values on top of the stack. An
// instruction is op | arg<<8.
const (
	opFact   = iota // push yes if fact arg holds, else no
	opAttr          // opFact for a language, sentiment or type
	opMaybe         // push maybe: the full matcher decides
	opSeq           // the next arg words are facts: push yes if they hold at consecutive positions
	opNear          // slop, then arg facts, then arg counts: push yes if they hold within slop positions
	opNo            // push no
	opDate          // push the index's date filter arg judged on the document
	opAgency        // the next 2·arg words are agency IDs: push yes if the document's is one
	opAnd           // pop arg values, push their AND
	opOr            // pop arg values, push their OR
	opNot           // negate the top value
)

// The three values.
const (
	no    uint8 = 0
	yes   uint8 = 1
	maybe uint8 = 2
)

// maxStack bounds the values a program may hold at once; a query that
// needs more is left to its full matcher.
const maxStack = 64

// program is a compiled query.
type program struct {
	code []uint32
}

// draft is a program before its facts and date filters are numbered: code
// holds, in their place, indexes into facts and dates.
type draft struct {
	code            []uint32
	facts           []fact
	dates           []*query.DateFilter
	depth, maxDepth int
}

// compileProgram compiles q as query.Compile does, with the same analysis
// and options, or returns nil when q is too deep for a program.
func compileProgram(q query.Node, a query.Analyzer, opts query.Options) *draft {
	d := &draft{}
	d.node(q, a, opts)
	if d.maxDepth > maxStack {
		return nil
	}
	return d
}

func (d *draft) emit(op, arg int) { d.code = append(d.code, uint32(op)|uint32(arg)<<8) }

// push records that an instruction leaves one more value on the stack.
func (d *draft) push() {
	d.depth++
	d.maxDepth = max(d.maxDepth, d.depth)
}

// addFact appends a reference to f.
func (d *draft) addFact(f fact) uint32 {
	d.facts = append(d.facts, f)
	return uint32(len(d.facts) - 1)
}

func (d *draft) one(f fact) {
	d.emit(opFact, int(d.addFact(f)))
	d.push()
}

// maybe pushes maybe: the full matcher decides.
func (d *draft) maybe() {
	d.emit(opMaybe, 0)
	d.push()
}

func (d *draft) never() {
	d.emit(opNo, 0)
	d.push()
}

func (d *draft) node(n query.Node, a query.Analyzer, opts query.Options) {
	switch n := n.(type) {
	case *query.And:
		for _, c := range n.Nodes {
			d.node(c, a, opts)
		}
		d.emit(opAnd, len(n.Nodes))
		d.depth -= len(n.Nodes) - 1
	case *query.Or:
		for _, c := range n.Nodes {
			d.node(c, a, opts)
		}
		d.emit(opOr, len(n.Nodes))
		d.depth -= len(n.Nodes) - 1
	case *query.Not:
		d.node(n.X, a, opts)
		d.emit(opNot, 0)
	case *query.Term:
		d.term(n, a)
	case *query.Phrase:
		d.phrase(n, a)
	case *query.Filter:
		d.filter(n, opts)
	case *query.DateFilter:
		d.emit(opDate, len(d.dates))
		d.dates = append(d.dates, n)
		d.push()
	default:
		d.never() // Compile refuses what it does not know, so this is not reached
	}
}

// term mirrors the matcher's compileTerm.
func (d *draft) term(t *query.Term, a query.Analyzer) {
	ts := a.Terms(t.Text)
	title := t.Field == "title"
	switch {
	case len(ts) == 0, t.Prefix && len(ts) != 1:
		d.never()
	case t.Prefix && title:
		d.one(fact{factTitlePrefix, ts[0].Folded})
	case t.Prefix:
		d.one(fact{factPrefix, ts[0].Folded})
	default:
		kind := factRoot
		if title {
			kind = factTitleRoot
		}
		fs := make([]fact, len(ts))
		for i, x := range ts {
			fs[i] = fact{kind, x.Root}
		}
		d.seq(fs)
	}
}

// phrase mirrors the matcher's compilePhrase.
func (d *draft) phrase(ph *query.Phrase, a query.Analyzer) {
	ts := a.Terms(strings.Join(ph.Words, " "))
	if len(ts) == 0 {
		d.never()
		return
	}
	kind := factFolded
	if ph.Field == "title" {
		kind = factTitleFolded
	}
	words := make([]string, len(ts))
	for i, x := range ts {
		words[i] = x.Folded
	}
	if ph.Slop == 0 || len(words) == 1 {
		fs := make([]fact, len(words))
		for i, w := range words {
			fs[i] = fact{kind, w}
		}
		d.seq(fs)
		return
	}
	distinct, need := query.Distinct(words)
	d.emit(opNear, len(distinct))
	d.code = append(d.code, uint32(ph.Slop))
	for _, w := range distinct {
		d.code = append(d.code, d.addFact(fact{kind, w}))
	}
	for _, n := range need {
		d.code = append(d.code, uint32(n))
	}
	d.push()
}

// seq is one word (a fact) or several at consecutive positions.
func (d *draft) seq(fs []fact) {
	if len(fs) == 1 {
		d.one(fs[0])
		return
	}
	d.emit(opSeq, len(fs))
	for _, f := range fs {
		d.code = append(d.code, d.addFact(f))
	}
	d.push()
}

// filter mirrors the matcher's compileFilter.
func (d *draft) filter(f *query.Filter, opts query.Options) {
	switch f.Field {
	case "source":
		d.one(fact{factSource, query.NormalizeSource(f.Value)})
	case "lang", "sentiment", "type":
		if !isASCII(f.Value) {
			d.maybe() // case folding beyond ASCII
			return
		}
		kind := map[string]factKind{"lang": factLang, "sentiment": factSentiment, "type": factType}[f.Field]
		d.emit(opAttr, int(d.addFact(fact{kind, strings.ToLower(f.Value)})))
		d.push()
	case "region":
		codes := []string{f.Value}
		if !query.IsRegionCode(f.Value) {
			codes = nil
			if opts.Regions != nil {
				codes = opts.Regions(f.Value)
			}
		}
		if len(codes) == 0 {
			d.never()
			return
		}
		for _, c := range codes {
			d.one(fact{factRegion, c})
		}
		d.emit(opOr, len(codes))
		d.depth -= len(codes) - 1
	case "agency":
		var ids []int64
		if id, err := strconv.ParseInt(f.Value, 10, 64); err == nil {
			ids = []int64{id}
		} else if opts.Agencies != nil {
			ids = opts.Agencies(f.Value)
		}
		if len(ids) == 0 {
			d.never()
			return
		}
		d.emit(opAgency, len(ids))
		for _, id := range ids {
			d.code = append(d.code, uint32(uint64(id)), uint32(uint64(id)>>32))
		}
		d.push()
	default:
		d.never()
	}
}

// docFacts is what a program reads of one document: a bit per numbered
// fact the document holds, and the intervals of the date filters judged so
// far.
type docFacts struct {
	bits []uint64
	set  []uint32 // the bits set, to clear them afterwards
	// pos holds, by fact number, the positions of a word fact.
	pos [][]int
	// dates caches the interval of each numbered date filter for one
	// Match: an entry is valid when its gen is the current one.
	dates []dateInterval
	gen   uint32
	// attrsUnsure is set when a language, sentiment or type is not
	// ASCII, where lower-casing and the matcher's case folding may
	// differ: programs then say maybe for those filters.
	attrsUnsure bool
	p           *query.Prepared
	now         time.Time
	loc         *time.Location
}

// setBit sets the bit of fact id and reports whether it was clear.
func (f *docFacts) setBit(id uint32) bool {
	w, bit := id/64, uint64(1)<<(id%64)
	if f.bits[w]&bit != 0 {
		return false
	}
	f.bits[w] |= bit
	f.set = append(f.set, id)
	return true
}

func (f *docFacts) has(id uint32) bool { return f.bits[id/64]&(1<<(id%64)) != 0 }

// reset clears the bits set for the last document and forgets its date
// intervals.
func (f *docFacts) reset() {
	for _, id := range f.set {
		f.bits[id/64] = 0
		f.pos[id] = nil
	}
	f.set = f.set[:0]
	f.gen++
	if f.gen == 0 { // wrapped: no entry may look current
		clear(f.dates)
		f.gen = 1
	}
}

// dateInterval is a date filter's interval for one Match.
type dateInterval struct {
	from, to time.Time
	gen      uint32
}

// run evaluates the code of the program in slot on the document. The
// caller holds the read lock.
func (x *Index) run(code []uint32, slot uint32, f *docFacts) uint8 {
	var stack [maxStack]uint8
	sp := 0
	for i := 0; i < len(code); i++ {
		op, arg := code[i]&0xff, code[i]>>8
		switch op {
		case opFact, opAttr:
			v := no
			if f.has(arg) {
				v = yes
			} else if op == opAttr && f.attrsUnsure {
				v = maybe
			}
			stack[sp] = v
			sp++
		case opMaybe:
			stack[sp] = maybe
			sp++
		case opSeq:
			ids := code[i+1 : i+1+int(arg)]
			i += int(arg)
			stack[sp] = f.seq(ids)
			sp++
		case opNear:
			n := int(arg)
			slop, ids, need := code[i+1], code[i+2:i+2+n], code[i+2+n:i+2+2*n]
			i += 1 + 2*n
			stack[sp] = f.near(ids, need, int(slop))
			sp++
		case opNo:
			stack[sp] = no
			sp++
		case opDate:
			stack[sp] = x.dateValue(arg, f)
			sp++
		case opAgency:
			v := no
			for j := i + 1; j < i+1+2*int(arg); j += 2 {
				if int64(uint64(code[j])|uint64(code[j+1])<<32) == f.p.Doc.AgencyID {
					v = yes
					break
				}
			}
			i += 2 * int(arg)
			stack[sp] = v
			sp++
		case opAnd:
			v := yes
			for _, x := range stack[sp-int(arg) : sp] {
				if x == no {
					v = no
					break
				}
				if x == maybe {
					v = maybe
				}
			}
			sp -= int(arg) - 1
			stack[sp-1] = v
		case opOr:
			v := no
			for _, x := range stack[sp-int(arg) : sp] {
				if x == yes {
					v = yes
					break
				}
				if x == maybe {
					v = maybe
				}
			}
			sp -= int(arg) - 1
			stack[sp-1] = v
		case opNot:
			if x := stack[sp-1]; x != maybe {
				stack[sp-1] = 1 - x
			}
		}
	}
	return stack[0]
}

// seq judges words at consecutive positions.
func (f *docFacts) seq(ids []uint32) uint8 {
	var buf [8][]int
	lists := buf[:0]
	for _, id := range ids {
		if !f.has(id) {
			return no
		}
		lists = append(lists, f.pos[id])
	}
	if query.Consecutive(lists) {
		return yes
	}
	return no
}

// near judges words within slop positions of each other.
func (f *docFacts) near(ids, need []uint32, slop int) uint8 {
	var lbuf [8][]int
	var nbuf [8]int
	lists, counts := lbuf[:0], nbuf[:0]
	for i, id := range ids {
		if !f.has(id) {
			return no
		}
		lists, counts = append(lists, f.pos[id]), append(counts, int(need[i]))
	}
	if query.Within(lists, counts, slop) {
		return yes
	}
	return no
}

// dateValue judges the index's date filter id exactly as the matcher
// does, working out its interval once per Match. The caller holds the read
// lock.
func (x *Index) dateValue(id uint32, f *docFacts) uint8 {
	t := f.p.Doc.Published
	if t.IsZero() {
		return no
	}
	if f.gen == 0 { // a new docFacts: zero entries must not look current
		f.gen = 1
	}
	if int(id) >= len(f.dates) {
		f.dates = append(f.dates, make([]dateInterval, len(x.dateFilters)-len(f.dates))...)
	}
	di := &f.dates[id]
	if di.gen != f.gen {
		di.from, di.to = x.dateFilters[id].Interval(f.now, f.loc)
		di.gen = f.gen
	}
	if (di.from.IsZero() || !t.Before(di.from)) && (di.to.IsZero() || t.Before(di.to)) {
		return yes
	}
	return no
}

// isASCII reports whether s has only ASCII characters.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// regionAncestors calls fn with each code a region code lies in or is:
// "15", "15.71", "15.71.01" and "15.71.01.1001" for the last.
func regionAncestors(code string, fn func(string)) {
	for i := 0; i < len(code); i++ {
		if code[i] == '.' {
			fn(code[:i])
		}
	}
	fn(code)
}

// number replaces the fact and date filter references of a draft's code
// by the index's numbers for them, and returns the finished program.
func (d *draft) number(factID func(fact) uint32, dateID func(*query.DateFilter) uint32) *program {
	code := make([]uint32, len(d.code))
	copy(code, d.code)
	for i := 0; i < len(code); i++ {
		op, arg := code[i]&0xff, code[i]>>8
		switch op {
		case opFact, opAttr:
			code[i] = op | factID(d.facts[arg])<<8
		case opSeq:
			for j := i + 1; j <= i+int(arg); j++ {
				code[j] = factID(d.facts[code[j]])
			}
			i += int(arg)
		case opNear:
			for j := i + 2; j < i+2+int(arg); j++ {
				code[j] = factID(d.facts[code[j]])
			}
			i += 1 + 2*int(arg)
		case opDate:
			code[i] = op | dateID(d.dates[arg])<<8
		case opAgency:
			i += 2 * int(arg)
		}
	}
	return &program{code: code}
}
