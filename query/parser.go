package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The limits of a query. A query over any of them is refused with an Error.
const (
	MaxLength = 4096 // bytes
	MaxDepth  = 32   // nested parentheses and NOTs
	MaxTerms  = 256  // terms, phrases and filters
	MaxSlop   = 100  // largest N of "a b"~N
	MinPrefix = 3    // letters or digits before the * of a prefix
)

// Parse parses a query. The error, if any, is an *Error.
//
// Precedence is NOT (also -term and BUKAN) over AND (also DAN, or two parts
// side by side) over OR (also ATAU); operators are recognised in any case.
// A field (title:, source:, region:, lang:, sentiment:, type:, agency:,
// date:, or an Indonesian alias such as judul:) applies to the term, phrase
// or parenthesised group right after its colon; on a group it applies to
// every part, so title:(banjir OR longsor) equals title:banjir OR
// title:longsor. A query with no positive part, or with an OR branch that
// has none, is refused.
func Parse(q string) (Node, error) {
	n, err := parse(q)
	if err != nil {
		return nil, err
	}
	return n, nil
}

func parse(q string) (Node, *Error) {
	if len(q) > MaxLength {
		off := MaxLength
		for off > 0 && !utf8.RuneStart(q[off]) {
			off--
		}
		return nil, newError(q, off, keyTooLong, MaxLength)
	}
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		if r == utf8.RuneError && n == 1 {
			return nil, newError(q, i, keyInvalidUTF8)
		}
		i += n
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{src: q, toks: toks}
	if p.peek().kind == tEOF {
		return nil, newError(q, 0, keyEmpty)
	}
	n, err := p.parseOr("")
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, newError(q, t.off, keyUnmatchedParen)
	}
	if negativeOnly(n) {
		return nil, newError(q, toks[0].off, keyOnlyNegative)
	}
	return n, nil
}

// parser is a recursive-descent parser over the tokens of one query.
type parser struct {
	src   string
	toks  []token
	i     int
	depth int
	terms int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errAt(off int, key string, extra ...any) *Error {
	return newError(p.src, off, key, extra...)
}

// isOp reports whether t is one of the operator words names (upper case).
func isOp(t token, names ...string) bool {
	if t.kind != tWord || t.value {
		return false
	}
	for _, n := range names {
		if strings.EqualFold(t.text, n) {
			return true
		}
	}
	return false
}

var (
	opOr  = []string{"OR", "ATAU"}
	opAnd = []string{"AND", "DAN"}
	opNot = []string{"NOT", "BUKAN"}
)

// startsOperand reports whether t can begin an operand of AND.
func startsOperand(t token) bool {
	switch t.kind {
	case tQuoted, tLParen, tMinus, tField:
		return true
	case tWord:
		return !isOp(t, opOr...) && !isOp(t, opAnd...)
	}
	return false
}

// parseOr parses and { OR and }. field is the field of an enclosing
// field group, or "".
func (p *parser) parseOr(field string) (Node, *Error) {
	starts := []int{p.peek().off}
	n, err := p.parseAnd(field)
	if err != nil {
		return nil, err
	}
	nodes := []Node{n}
	for isOp(p.peek(), opOr...) {
		op := p.next()
		if !startsOperand(p.peek()) {
			return nil, p.errAt(op.off, keyMissingOperand, op.text)
		}
		starts = append(starts, p.peek().off)
		if n, err = p.parseAnd(field); err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return n, nil
	}
	for i, c := range nodes {
		if negativeOnly(c) {
			return nil, p.errAt(starts[i], keyNegativeInOr)
		}
	}
	return &Or{Nodes: flatten[*Or](nodes)}, nil
}

// parseAnd parses unary { [AND] unary }.
func (p *parser) parseAnd(field string) (Node, *Error) {
	n, err := p.parseUnary(field)
	if err != nil {
		return nil, err
	}
	nodes := []Node{n}
	for {
		t := p.peek()
		if isOp(t, opAnd...) {
			p.next()
			if !startsOperand(p.peek()) {
				return nil, p.errAt(t.off, keyMissingOperand, t.text)
			}
		} else if !startsOperand(t) {
			break
		}
		if n, err = p.parseUnary(field); err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return n, nil
	}
	return &And{Nodes: flatten[*And](nodes)}, nil
}

// flatten lifts the operands of children of type T (the parent's own type)
// into the parent: grouping does not change AND or OR.
func flatten[T interface{ *And | *Or }](nodes []Node) []Node {
	out := make([]Node, 0, len(nodes))
	for _, n := range nodes {
		switch c := n.(type) {
		case *And:
			if _, same := any(T(nil)).(*And); same {
				out = append(out, c.Nodes...)
				continue
			}
		case *Or:
			if _, same := any(T(nil)).(*Or); same {
				out = append(out, c.Nodes...)
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// parseUnary parses { NOT | - } primary.
func (p *parser) parseUnary(field string) (Node, *Error) {
	t := p.peek()
	if t.kind != tMinus && !isOp(t, opNot...) {
		return p.parsePrimary(field)
	}
	p.next()
	if !startsOperand(p.peek()) {
		if t.kind == tMinus {
			return nil, p.errAt(t.off, keyDanglingMinus)
		}
		return nil, p.errAt(t.off, keyMissingOperand, t.text)
	}
	if p.depth++; p.depth > MaxDepth {
		return nil, p.errAt(t.off, keyTooDeep, MaxDepth)
	}
	x, err := p.parseUnary(field)
	if err != nil {
		return nil, err
	}
	p.depth--
	return &Not{X: x}, nil
}

// parsePrimary parses a group, a phrase, a term or a field.
func (p *parser) parsePrimary(field string) (Node, *Error) {
	t := p.peek()
	switch t.kind {
	case tLParen:
		return p.parseGroup(field)
	case tQuoted:
		p.next()
		return p.leaf(field, t)
	case tField:
		return p.parseField(field)
	case tWord:
		if isOp(t, opOr...) || isOp(t, opAnd...) || isOp(t, opNot...) {
			return nil, p.errAt(t.off, keyUnexpectedOperator, t.text)
		}
		p.next()
		return p.leaf(field, t)
	case tRParen:
		return nil, p.errAt(t.off, keyUnmatchedParen)
	}
	return nil, p.errAt(t.off, keyEmpty)
}

func (p *parser) parseGroup(field string) (Node, *Error) {
	open := p.next()
	if p.depth++; p.depth > MaxDepth {
		return nil, p.errAt(open.off, keyTooDeep, MaxDepth)
	}
	switch p.peek().kind {
	case tRParen:
		return nil, p.errAt(open.off, keyEmptyGroup)
	case tEOF:
		return nil, p.errAt(open.off, keyUnclosedParen)
	}
	n, err := p.parseOr(field)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tRParen {
		return nil, p.errAt(open.off, keyUnclosedParen)
	}
	p.next()
	p.depth--
	return n, nil
}

// parseField parses name: followed, without a space, by a word, a phrase or
// a group.
func (p *parser) parseField(outer string) (Node, *Error) {
	t := p.next()
	name, ok := fieldNames[strings.ToLower(t.text)]
	if !ok {
		return nil, p.errAt(t.off, keyUnknownField, t.text, fieldList)
	}
	if outer != "" {
		return nil, p.errAt(t.off, keyNestedField, t.text)
	}
	v := p.peek()
	adjacent := v.off == t.end
	switch {
	case adjacent && (v.kind == tMinus || v.kind == tWord && strings.HasPrefix(v.text, "-")):
		return nil, p.errAt(v.off, keyMinusAfterField, name)
	case !adjacent || (v.kind != tWord && v.kind != tQuoted && v.kind != tLParen):
		return nil, p.errAt(t.off, keyMissingValue, t.text)
	case name == "date":
		if v.kind != tWord {
			return nil, p.errAt(v.off, keyBadDate, p.src[v.off:v.end])
		}
		p.next()
		if err := p.count(v.off); err != nil {
			return nil, err
		}
		return p.parseDate(v)
	case v.kind == tLParen:
		return p.parseGroup(name)
	}
	p.next()
	return p.leaf(name, v)
}

// count counts one more term at off against MaxTerms.
func (p *parser) count(off int) *Error {
	if p.terms++; p.terms > MaxTerms {
		return p.errAt(off, keyTooManyTerms, MaxTerms)
	}
	return nil
}

// leaf turns a word or quoted token into a Term, Phrase or Filter of field.
func (p *parser) leaf(field string, t token) (Node, *Error) {
	if err := p.count(t.off); err != nil {
		return nil, err
	}
	if field != "" && !textFields[field] {
		return p.filter(field, t)
	}
	if t.kind == tQuoted {
		if len(t.words) == 0 {
			return nil, p.errAt(t.off, keyEmptyPhrase)
		}
		if t.slop > 0 && len(t.words) < 2 {
			return nil, p.errAt(t.off, keyProximityOneWord)
		}
		return &Phrase{Field: field, Words: t.words, Slop: t.slop}, nil
	}
	text := t.text
	star := strings.IndexByte(text, '*')
	if star < 0 {
		return &Term{Field: field, Text: text}, nil
	}
	if star != len(text)-1 {
		return nil, p.errAt(t.off+star, keyBadWildcard)
	}
	text = text[:star]
	if letters(text) < MinPrefix {
		return nil, p.errAt(t.off, keyPrefixTooShort, MinPrefix)
	}
	return &Term{Field: field, Text: text, Prefix: true}, nil
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// negativeOnly reports whether n has no positive part: it could match a
// document without that document containing anything the query names.
func negativeOnly(n Node) bool {
	switch n := n.(type) {
	case *Not:
		return true
	case *And:
		for _, c := range n.Nodes {
			if !negativeOnly(c) {
				return false
			}
		}
		return true
	case *Or:
		for _, c := range n.Nodes {
			if negativeOnly(c) {
				return true
			}
		}
	}
	return false
}
