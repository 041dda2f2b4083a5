package query

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Options tells Compile what package query cannot know by itself.
type Options struct {
	// Regions turns a region name written in the query (`region:jambi`)
	// into kode wilayah; each includes everything below it. Without it, or
	// when it returns nothing, a region name never matches.
	Regions func(name string) []string
	// Agencies turns an agency name (`agency:"Diskominfo Jambi"`) into
	// agency IDs. A numeric value is taken as the ID itself. Without it an
	// agency name never matches.
	Agencies func(name string) []int64
}

// Query is a compiled query: its terms analysed once, ready to be matched
// against prepared documents. Archive search (to verify candidates) and
// alerts both use it, so they agree exactly. It is read-only and safe for
// concurrent use.
type Query struct {
	root matcher
}

// Compile analyses the terms of q with a, which must be the Analyzer that
// prepares the documents.
func Compile(q Node, a Analyzer, opts Options) (*Query, error) {
	if q == nil {
		return nil, errors.New("query: compile: empty query")
	}
	m, err := compile(q, a, opts)
	if err != nil {
		return nil, fmt.Errorf("query: compile: %w", err)
	}
	return &Query{root: m}, nil
}

// Match reports whether the prepared document matches the query run at now;
// dates are counted in days of loc (the agency's WIB, WITA or WIT; nil is
// UTC).
func (q *Query) Match(p *Prepared, now time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	return q.root.match(p, env{now: now, loc: loc})
}

// Match compiles q and matches it against p once: a convenience for a
// single use. A query run against many documents is compiled once instead.
func Match(q Node, a Analyzer, opts Options, p *Prepared, now time.Time, loc *time.Location) (bool, error) {
	c, err := Compile(q, a, opts)
	if err != nil {
		return false, err
	}
	return c.Match(p, now, loc), nil
}

// env is what a match needs besides the document.
type env struct {
	now time.Time
	loc *time.Location
}

type matcher interface {
	match(p *Prepared, e env) bool
}

func compile(n Node, a Analyzer, opts Options) (matcher, error) {
	switch n := n.(type) {
	case *And:
		ms, err := compileAll(n.Nodes, a, opts)
		return andMatcher(ms), err
	case *Or:
		ms, err := compileAll(n.Nodes, a, opts)
		return orMatcher(ms), err
	case *Not:
		m, err := compile(n.X, a, opts)
		return notMatcher{m}, err
	case *Term:
		return compileTerm(n, a), nil
	case *Phrase:
		return compilePhrase(n, a), nil
	case *Filter:
		return compileFilter(n, opts)
	case *DateFilter:
		return dateMatcher{n}, nil
	}
	return nil, fmt.Errorf("unknown node %T", n)
}

func compileAll(ns []Node, a Analyzer, opts Options) ([]matcher, error) {
	ms := make([]matcher, len(ns))
	for i, n := range ns {
		m, err := compile(n, a, opts)
		if err != nil {
			return nil, err
		}
		ms[i] = m
	}
	return ms, nil
}

type andMatcher []matcher

func (ms andMatcher) match(p *Prepared, e env) bool {
	for _, m := range ms {
		if !m.match(p, e) {
			return false
		}
	}
	return true
}

type orMatcher []matcher

func (ms orMatcher) match(p *Prepared, e env) bool {
	for _, m := range ms {
		if m.match(p, e) {
			return true
		}
	}
	return false
}

type notMatcher struct{ x matcher }

func (m notMatcher) match(p *Prepared, e env) bool { return !m.x.match(p, e) }

// never matches no document: a term with no words, an unresolved name.
type never struct{}

func (never) match(*Prepared, env) bool { return false }

// field returns the index a text node searches.
func (p *Prepared) field(name string) *fieldIndex {
	if name == "title" {
		return &p.title
	}
	return &p.body
}

// compileTerm analyses a plain term. A term the analysis splits into
// several words (an informal "gpp" for "tidak apa-apa") needs their roots at
// consecutive positions; a prefix compares the folded form as written.
func compileTerm(t *Term, a Analyzer) matcher {
	ts := a.Terms(t.Text)
	if len(ts) == 0 {
		return never{}
	}
	if t.Prefix {
		if len(ts) != 1 {
			return never{}
		}
		return prefixMatcher{field: t.Field, prefix: ts[0].Folded}
	}
	roots := make([]string, len(ts))
	for i, x := range ts {
		roots[i] = x.Root
	}
	return seqMatcher{field: t.Field, words: roots, byRoot: true}
}

// compilePhrase folds the words of a phrase; stemming plays no part.
func compilePhrase(ph *Phrase, a Analyzer) matcher {
	ts := a.Terms(strings.Join(ph.Words, " "))
	if len(ts) == 0 {
		return never{}
	}
	words := make([]string, len(ts))
	for i, x := range ts {
		words[i] = x.Folded
	}
	if ph.Slop > 0 {
		return newProxMatcher(ph.Field, words, ph.Slop)
	}
	return seqMatcher{field: ph.Field, words: words}
}

// prefixMatcher matches a word whose folded form or root begins with prefix.
type prefixMatcher struct {
	field, prefix string
}

func (m prefixMatcher) match(p *Prepared, _ env) bool {
	f := p.field(m.field)
	return hasPrefix(f.foldedKeys, m.prefix) || hasPrefix(f.rootKeys, m.prefix)
}

// seqMatcher matches words at consecutive positions, compared by root
// (plain terms) or by folded form (phrases).
type seqMatcher struct {
	field  string
	words  []string
	byRoot bool
}

func (m seqMatcher) match(p *Prepared, _ env) bool {
	f := p.field(m.field)
	idx := f.folded
	if m.byRoot {
		idx = f.roots
	}
	if len(m.words) == 1 {
		return len(idx[m.words[0]]) > 0
	}
	var buf [8][]int
	lists := buf[:0]
	for _, w := range m.words {
		lists = append(lists, idx[w])
	}
	return Consecutive(lists)
}

// Consecutive reports whether the words occur at consecutive positions:
// lists[i] holds the ascending positions of the i-th word. The
// stored-query matcher runs it too, so both judge phrases alike.
func Consecutive(lists [][]int) bool {
	if len(lists) == 0 {
		return false
	}
	for _, start := range lists[0] {
		ok := true
		for i, ps := range lists[1:] {
			if !contains(ps, start+i+1) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// contains reports whether the ascending positions ps hold x.
func contains(ps []int, x int) bool {
	lo, hi := 0, len(ps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch {
		case ps[mid] == x:
			return true
		case ps[mid] < x:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}
