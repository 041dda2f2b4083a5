// Package presearch finds the stored queries that match a new document
// without running every one of them: the alerting half of Sinergi's query
// language, after Lucene Monitor. Each stored query is indexed under the
// keys of one clause of query.RequiredTerms (the words at least one of which
// every matching document contains); a document looks up its own words,
// and only the queries found, the candidates, are run with the full
// matcher. The answer is therefore exactly the set of queries whose
// compiled matcher accepts the document: the index only decides which
// queries are worth asking.
//
// A query that no clause can key (filters only, an OR with a branch of
// filters, a term whose analysis is empty) is verified against every
// document, never dropped.
package presearch

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/query"
)

// Config tunes an Index. The zero value is usable.
type Config struct {
	// Options are passed to query.Compile (region and agency names).
	Options query.Options
	// Weight estimates how many documents contain key: a root (plain
	// terms), a folded form (phrases), or with prefix true any word that
	// begins with key. Of the clauses of a query the index picks the one of
	// least total weight, so that it is asked as rarely as possible. A
	// document-frequency table of recent news is the best source; without
	// one, longer keys count as rarer (DefaultWeight).
	Weight func(key string, prefix bool) float64
}

// DefaultWeight is the weight used without a frequency table: long words
// are rare words, and a prefix stands for many words.
func DefaultWeight(key string, prefix bool) float64 {
	w := 1 / float64(len(key)*len(key))
	if prefix {
		w *= 16
	}
	return w
}

// Index holds stored queries for matching against new documents. It is
// safe for concurrent use: Match calls run side by side; Add and Remove
// take a write lock for the few map updates of one query, never a rebuild.
type Index struct {
	a   query.Analyzer
	cfg Config

	mu      sync.RWMutex
	entries map[int64]*entry
	// byRoot, byFolded and byPrefix map a key to the queries indexed
	// under it; a document's roots, folded forms and their prefixes are
	// looked up in them. The order of a posting list does not matter.
	byRoot, byFolded, byPrefix map[string][]*entry
	// prefixLens counts the indexed prefixes of each byte length, and
	// lens lists those lengths in ascending order, so a document only tries
	// the lengths that exist.
	prefixLens map[int]int
	lens       []int
	// always holds the queries verified against every document.
	always []*entry
	// Every entry has a slot, a small number for the bitset that removes
	// duplicate candidates; free holds the slots of removed entries and
	// slots is one past the highest slot given out.
	free  []int
	slots int
	// scratch holds the buffers of finished Match calls for the next ones.
	scratch sync.Pool
}

// entry is one stored query with the keys it is indexed under (none when
// it is in the always list).
type entry struct {
	id   int64
	slot int
	q    *query.Query
	keys []key
}

// scratch is the working memory of one Match.
type scratch struct {
	cands []*entry
	seen  []uint64 // a bit per slot
}

// New returns an empty index whose queries are analysed with a, which
// must be the Analyzer that prepares the documents.
func New(a query.Analyzer) *Index { return NewConfig(a, Config{}) }

// NewConfig is New with a Config.
func NewConfig(a query.Analyzer, cfg Config) *Index {
	if cfg.Weight == nil {
		cfg.Weight = DefaultWeight
	}
	return &Index{
		a: a, cfg: cfg,
		entries:  map[int64]*entry{},
		byRoot:   map[string][]*entry{},
		byFolded: map[string][]*entry{},
		byPrefix: map[string][]*entry{},

		prefixLens: map[int]int{},
	}
}

// Add compiles q and stores it under id, replacing the query stored under
// id before. On error the index is unchanged.
func (x *Index) Add(id int64, q query.Node) error {
	c, err := query.Compile(q, x.a, x.cfg.Options)
	if err != nil {
		return fmt.Errorf("presearch: add query %d: %w", id, err)
	}
	e := &entry{id: id, q: c, keys: chooseKeys(q, x.a, x.cfg.Weight)}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.remove(id)
	if n := len(x.free); n > 0 {
		e.slot, x.free = x.free[n-1], x.free[:n-1]
	} else {
		e.slot, x.slots = x.slots, x.slots+1
	}
	x.entries[id] = e
	if len(e.keys) == 0 {
		x.always = append(x.always, e)
		return nil
	}
	for _, k := range e.keys {
		m := x.postings(k.kind)
		m[k.text] = append(m[k.text], e)
		if k.kind == prefixKey {
			x.countPrefix(len(k.text), +1)
		}
	}
	return nil
}

// Remove deletes the query stored under id, if any.
func (x *Index) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.remove(id)
}

func (x *Index) remove(id int64) {
	e, ok := x.entries[id]
	if !ok {
		return
	}
	delete(x.entries, id)
	x.free = append(x.free, e.slot)
	if len(e.keys) == 0 {
		x.always = without(x.always, e)
		return
	}
	for _, k := range e.keys {
		m := x.postings(k.kind)
		if l := without(m[k.text], e); len(l) > 0 {
			m[k.text] = l
		} else {
			delete(m, k.text)
		}
		if k.kind == prefixKey {
			x.countPrefix(len(k.text), -1)
		}
	}
}

// countPrefix adds d to the number of prefixes of length n, keeping lens.
func (x *Index) countPrefix(n, d int) {
	c := x.prefixLens[n] + d
	if c == 0 {
		delete(x.prefixLens, n)
	} else {
		x.prefixLens[n] = c
	}
	if c == 0 || c == 1 && d > 0 {
		x.lens = slices.Sorted(maps.Keys(x.prefixLens))
	}
}

// without removes e from l (once per occurrence), reusing l's array.
func without(l []*entry, e *entry) []*entry {
	return slices.DeleteFunc(l, func(o *entry) bool { return o == e })
}

func (x *Index) postings(k keyKind) map[string][]*entry {
	switch k {
	case rootKey:
		return x.byRoot
	case foldedKey:
		return x.byFolded
	}
	return x.byPrefix
}

// Len returns the number of stored queries.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// Stats describes the work of one Match.
type Stats struct {
	// Candidates is the number of queries run with the full matcher,
	// always-verified ones included.
	Candidates int
}

// Match returns, in ascending order, the ids of the stored queries that
// match the prepared document at now, with dates counted in days of loc
// (as query.Query.Match).
func (x *Index) Match(p *query.Prepared, now time.Time, loc *time.Location) []int64 {
	ids, _ := x.MatchStats(p, now, loc)
	return ids
}

// MatchStats is Match that also reports how many candidates it verified.
// Candidates are gathered under the read lock and verified after it is
// released (a compiled query is immutable), so a long document never holds
// up Add and Remove.
func (x *Index) MatchStats(p *query.Prepared, now time.Time, loc *time.Location) ([]int64, Stats) {
	s, _ := x.scratch.Get().(*scratch)
	if s == nil {
		s = new(scratch)
	}
	x.candidates(s, p)
	var ids []int64
	for _, e := range s.cands {
		if e.q.Match(p, now, loc) {
			ids = append(ids, e.id)
		}
	}
	st := Stats{Candidates: len(s.cands)}
	clear(s.cands) // let removed queries go
	s.cands = s.cands[:0]
	x.scratch.Put(s)
	slices.Sort(ids)
	return ids, st
}

// candidates gathers in s.cands, once each, the queries a document may
// match.
func (x *Index) candidates(s *scratch, p *query.Prepared) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := (x.slots + 63) / 64
	if cap(s.seen) < n {
		s.seen = make([]uint64, n)
	}
	s.seen = s.seen[:n]
	clear(s.seen)
	s.add(x.always)
	for _, r := range p.Roots() {
		s.add(x.byRoot[r])
	}
	for _, f := range p.FoldedForms() {
		s.add(x.byFolded[f])
	}
	if len(x.byPrefix) > 0 {
		x.addPrefixed(s, p.Roots())
		x.addPrefixed(s, p.FoldedForms())
	}
}

// add appends the entries of l not seen before.
func (s *scratch) add(l []*entry) {
	for _, e := range l {
		w, bit := e.slot/64, uint64(1)<<(e.slot%64)
		if s.seen[w]&bit == 0 {
			s.seen[w] |= bit
			s.cands = append(s.cands, e)
		}
	}
}

// addPrefixed adds the queries indexed under a prefix of one of the keys,
// trying only the prefix lengths in use. The caller holds the lock.
func (x *Index) addPrefixed(s *scratch, keys []string) {
	for _, k := range keys {
		for _, n := range x.lens {
			if n > len(k) {
				break
			}
			s.add(x.byPrefix[k[:n]])
		}
	}
}
