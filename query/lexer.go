package query

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind int

const (
	tEOF    tokenKind = iota
	tWord             // a bare word; operators (AND, OR, NOT, ...) are words the parser recognises
	tQuoted           // "quoted text", maybe followed by ~N
	tField            // name: (the text is the name as written)
	tLParen           // (
	tRParen           // )
	tMinus            // - directly before a term, phrase, field or group
)

// token is one lexical token. off and end are byte offsets into the query.
type token struct {
	kind  tokenKind
	off   int
	end   int
	text  string   // tWord, tField
	words []string // tQuoted
	slop  int      // tQuoted: N of ~N, 0 without
	value bool     // tWord: the value right after a field's colon, never an operator
}

// lexer splits a query into tokens. It stops at the first error.
type lexer struct {
	src  string
	pos  int
	toks []token
}

// lex returns the tokens of src, ending with tEOF.
func lex(src string) ([]token, *Error) {
	l := &lexer{src: src}
	for {
		l.skipSpace()
		if l.pos >= len(src) {
			l.toks = append(l.toks, token{kind: tEOF, off: len(src), end: len(src)})
			return l.toks, nil
		}
		if err := l.next(); err != nil {
			return nil, err
		}
	}
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[l.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		l.pos += n
	}
}

// isBreak reports whether r ends a bare word.
func isBreak(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == '~'
}

// next reads one token at l.pos, which is not white space.
func (l *lexer) next() *Error {
	start := l.pos
	switch c := l.src[start]; c {
	case '(':
		l.emit(token{kind: tLParen, off: start, end: start + 1})
		l.pos++
		return nil
	case ')':
		l.emit(token{kind: tRParen, off: start, end: start + 1})
		l.pos++
		return nil
	case '"':
		return l.quoted()
	case '~':
		return newError(l.src, start, keyUnexpectedTilde)
	case '-':
		if start+1 >= len(l.src) {
			return newError(l.src, start, keyDanglingMinus)
		}
		if r, _ := utf8.DecodeRuneInString(l.src[start+1:]); unicode.IsSpace(r) || r == ')' {
			return newError(l.src, start, keyDanglingMinus)
		}
		l.emit(token{kind: tMinus, off: start, end: start + 1})
		l.pos++
		return nil
	}
	end := l.wordEnd(start)
	word := l.src[start:end]
	colon := strings.IndexByte(word, ':')
	if colon < 0 {
		l.emit(token{kind: tWord, off: start, end: end, text: word})
		l.pos = end
		return nil
	}
	if colon == 0 {
		return newError(l.src, start, keyColon)
	}
	l.emit(token{kind: tField, off: start, end: start + colon + 1, text: word[:colon]})
	if rest := start + colon + 1; rest < end {
		l.emit(token{kind: tWord, off: rest, end: end, text: l.src[rest:end], value: true})
	}
	l.pos = end
	return nil
}

func (l *lexer) wordEnd(i int) int {
	for i < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[i:])
		if isBreak(r) {
			break
		}
		i += n
	}
	return i
}

func (l *lexer) emit(t token) { l.toks = append(l.toks, t) }

// quoted reads "text" with the escapes \" and \\, then an optional ~N.
func (l *lexer) quoted() *Error {
	start := l.pos
	var b strings.Builder
	i := start + 1
	for {
		if i >= len(l.src) {
			return newError(l.src, start, keyUnclosedQuote)
		}
		c := l.src[i]
		if c == '"' {
			i++
			break
		}
		if c == '\\' && i+1 < len(l.src) && (l.src[i+1] == '"' || l.src[i+1] == '\\') {
			b.WriteByte(l.src[i+1])
			i += 2
			continue
		}
		b.WriteByte(c)
		i++
	}
	t := token{kind: tQuoted, off: start, words: strings.Fields(b.String())}
	if i < len(l.src) && l.src[i] == '~' {
		tilde := i
		i++
		d := i
		for i < len(l.src) && l.src[i] >= '0' && l.src[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(l.src[d:i])
		if d == i || err != nil || i-d > 4 || n < 1 || n > MaxSlop {
			return newError(l.src, tilde, keyBadProximity, MaxSlop)
		}
		t.slop = n
	}
	t.end = i
	l.emit(t)
	l.pos = i
	return nil
}
