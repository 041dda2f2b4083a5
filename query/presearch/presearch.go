// Package presearch finds the stored queries that match a new document
// without running every one of them: the alerting half of Sinergi's query
// language, after Lucene Monitor. Each stored query is indexed under the
// keys of one clause of query.RequiredTerms (the words at least one of which
// every matching document contains); a document looks up its own words,
// and only the queries found, the candidates, are judged: by the query's
// program over the document's facts (program.go), or by its full compiled
// matcher when the program cannot decide. The answer is therefore exactly
// the set of queries whose compiled matcher accepts the document: the
// index only decides which queries are worth asking, and how cheaply.
//
// A query that no clause can key (filters only, an OR with a branch of
// filters, a term whose analysis is empty) is verified against every
// document, never dropped.
package presearch

import (
	"fmt"
	"slices"
	"strings"
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
// take a write lock for the few list updates of one query, never a
// rebuild.
type Index struct {
	a   query.Analyzer
	cfg Config

	mu      sync.RWMutex
	entries map[int64]*entry
	// bySlot holds the entries by slot, the small number that stands for
	// a query in posting lists and in the bitset that skips duplicates.
	bySlot []*entry
	// keys holds every fact the programs read and every key queries are
	// indexed under (a root, a folded form or a prefix: the keys are facts
	// too), each with its number and its posting list. A posting list is a
	// stream of records, each a query's slot, id and program (see
	// record), so that the candidates of one key are judged reading memory
	// in order. Facts are never forgotten: their number is bounded by the
	// words of the queries ever stored.
	keys [factKinds]map[string]*keyEntry
	// nfacts is the number of facts in keys.
	nfacts int
	// prefixLens lists, ascending, the byte lengths of the prefix facts,
	// so a document only tries the lengths that exist.
	prefixLens []int
	// always holds the records of the queries judged on every document.
	always []uint32
	// free holds the slots of removed entries.
	free []int
	// dateFilters numbers the distinct date filters of the programs
	// (dateIDs by canonical form), so a Match works each interval out once.
	dateFilters []*query.DateFilter
	dateIDs     map[string]uint32
	// scratch holds the buffers of finished Match calls for the next ones.
	scratch sync.Pool
}

// keyEntry is a fact's number and the postings of the queries indexed
// under it.
type keyEntry struct {
	id       uint32
	postings []uint32
}

// entry is one stored query with the keys it is indexed under (none when
// it is in the always list).
type entry struct {
	id   int64
	slot int
	q    *query.Query
	keys []key
	// sure is set when finding the query under one of its keys is the
	// whole match (a single word, or an OR of single words): such a
	// candidate needs no program.
	sure bool
	// prog is the query as a program over numbered facts, nil for a
	// query too deep for one.
	prog *program
}

// A record is the posting of one query: its slot, a header, its id in two
// words, and its program's code. The header holds the code's length and
// two flags.
const (
	recordHead = 4
	flagSure   = 1 << 31 // a candidate matches: no program to run
	flagFull   = 1 << 30 // no program: run the full matcher
	lenMask    = 1<<30 - 1
)

// record returns e's posting.
func (e *entry) record() []uint32 {
	hdr := uint32(0)
	var code []uint32
	switch {
	case e.sure:
		hdr = flagSure
	case e.prog == nil:
		hdr = flagFull
	default:
		code = e.prog.code
		hdr = uint32(len(code))
	}
	r := make([]uint32, 0, recordHead+len(code))
	r = append(r, uint32(e.slot), hdr, uint32(uint64(e.id)), uint32(uint64(e.id)>>32))
	return append(r, code...)
}

// withoutRecord removes the record of slot from a stream, reusing its
// array.
func withoutRecord(stream []uint32, slot int) []uint32 {
	out := stream[:0]
	for i := 0; i < len(stream); {
		n := recordHead + int(stream[i+1]&lenMask)
		if stream[i+1]&(flagSure|flagFull) != 0 {
			n = recordHead
		}
		if int(stream[i]) != slot {
			out = append(out, stream[i:i+n]...)
		}
		i += n
	}
	return out
}

// scratch is the working memory of one Match.
type scratch struct {
	ids   []int64
	full  []*entry   // candidates the programs could not judge
	seen  []uint64   // a bit per slot
	lists [][]uint32 // the posting lists of the document's keys
	facts docFacts
	cands int
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
		entries: map[int64]*entry{},

		dateIDs: map[string]uint32{},
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
	e.sure = len(e.keys) > 0 && keyIsQuery(q, x.a)
	d := compileProgram(q, x.a, x.cfg.Options)
	x.mu.Lock()
	defer x.mu.Unlock()
	if d != nil {
		e.prog = d.number(x.factID, x.dateID)
	}
	x.remove(id)
	if n := len(x.free); n > 0 {
		e.slot, x.free = x.free[n-1], x.free[:n-1]
		x.bySlot[e.slot] = e
	} else {
		e.slot = len(x.bySlot)
		x.bySlot = append(x.bySlot, e)
	}
	x.entries[id] = e
	rec := e.record()
	if len(e.keys) == 0 {
		x.always = append(x.always, rec...)
		return nil
	}
	for _, k := range e.keys {
		ke := x.key(k.fact())
		ke.postings = append(ke.postings, rec...)
	}
	return nil
}

// key returns the entry of f, numbering f if it is new. The caller holds
// the write lock.
func (x *Index) key(f fact) *keyEntry {
	m := x.keys[f.kind]
	if m == nil {
		m = map[string]*keyEntry{}
		x.keys[f.kind] = m
	}
	ke, ok := m[f.text]
	if !ok {
		ke = &keyEntry{id: uint32(x.nfacts)}
		x.nfacts++
		m[f.text] = ke
		if (f.kind == factPrefix || f.kind == factTitlePrefix) && !slices.Contains(x.prefixLens, len(f.text)) {
			x.prefixLens = append(x.prefixLens, len(f.text))
			slices.Sort(x.prefixLens)
		}
	}
	return ke
}

// factID returns the number of f. The caller holds the write lock.
func (x *Index) factID(f fact) uint32 { return x.key(f).id }

// dateID returns the number of a date filter, giving it the next one if
// no equal filter has one. The caller holds the write lock.
func (x *Index) dateID(d *query.DateFilter) uint32 {
	k := d.String()
	id, ok := x.dateIDs[k]
	if !ok {
		id = uint32(len(x.dateFilters))
		x.dateIDs[k] = id
		x.dateFilters = append(x.dateFilters, d)
	}
	return id
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
	x.bySlot[e.slot] = nil
	x.free = append(x.free, e.slot)
	if len(e.keys) == 0 {
		x.always = withoutRecord(x.always, e.slot)
		return
	}
	for _, k := range e.keys {
		f := k.fact()
		ke := x.keys[f.kind][f.text]
		if ke.postings = withoutRecord(ke.postings, e.slot); len(ke.postings) == 0 {
			ke.postings = nil
		}
	}
}

// Len returns the number of stored queries.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// Stats describes the work of one Match.
type Stats struct {
	// Candidates is the number of queries judged: by their program, or by
	// their full matcher when the program cannot tell (Full of them).
	Candidates, Full int
}

// Match returns, in ascending order, the ids of the stored queries that
// match the prepared document at now, with dates counted in days of loc
// (as query.Query.Match).
func (x *Index) Match(p *query.Prepared, now time.Time, loc *time.Location) []int64 {
	ids, _ := x.MatchStats(p, now, loc)
	return ids
}

// MatchStats is Match that also reports how many candidates it judged.
// Candidates are judged by their programs under the read lock; those a
// program cannot judge are run with their full matcher after the lock is
// released (a compiled query is immutable), so a long document never
// holds up Add and Remove for long.
func (x *Index) MatchStats(p *query.Prepared, now time.Time, loc *time.Location) ([]int64, Stats) {
	s, _ := x.scratch.Get().(*scratch)
	if s == nil {
		s = new(scratch)
	}
	if loc == nil {
		loc = time.UTC
	}
	s.facts.now, s.facts.loc = now, loc
	x.candidates(s, p)
	ids := s.ids
	for _, e := range s.full {
		if e.q.Match(p, now, loc) {
			ids = append(ids, e.id)
		}
	}
	slices.Sort(ids)
	out := slices.Clone(ids)
	st := Stats{Candidates: s.cands, Full: len(s.full)}
	clear(s.full) // let removed queries go
	s.full, s.ids, s.cands = s.full[:0], s.ids[:0], 0
	s.facts.reset()
	s.facts.p = nil
	x.scratch.Put(s)
	return out, st
}

// candidates judges, once each, the queries a document may match: those
// indexed under its words and the always list. The ids of matches go to
// s.ids, the candidates their programs cannot judge to s.full.
func (x *Index) candidates(s *scratch, p *query.Prepared) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.setFacts(s, p)
	n := (len(x.bySlot) + 63) / 64
	if cap(s.seen) < n {
		s.seen = make([]uint64, n)
	}
	s.seen = s.seen[:n]
	clear(s.seen)
	x.judge(s, x.always)
	for _, l := range s.lists {
		x.judge(s, l)
	}
	clear(s.lists)
	s.lists = s.lists[:0]
}

// judge runs the records of a posting stream not seen before. The caller
// holds the read lock.
func (x *Index) judge(s *scratch, stream []uint32) {
	for i := 0; i < len(stream); {
		slot, hdr := stream[i], stream[i+1]
		n := int(hdr & lenMask)
		if hdr&(flagSure|flagFull) != 0 {
			n = 0
		}
		rec := stream[i : i+recordHead+n]
		i += recordHead + n
		w, bit := slot/64, uint64(1)<<(slot%64)
		if s.seen[w]&bit != 0 {
			continue
		}
		s.seen[w] |= bit
		s.cands++
		v := maybe
		switch {
		case hdr&flagSure != 0:
			v = yes
		case hdr&flagFull == 0:
			v = x.run(rec[recordHead:], slot, &s.facts)
		}
		switch v {
		case yes:
			s.ids = append(s.ids, int64(uint64(rec[2])|uint64(rec[3])<<32))
		case maybe:
			s.full = append(s.full, x.bySlot[slot])
		}
	}
}

// setFacts sets the bits of the facts the document holds, among those the
// programs read, and gathers in s.lists the posting lists of the keys it
// holds. The caller holds the read lock.
func (x *Index) setFacts(s *scratch, p *query.Prepared) {
	f := &s.facts
	n := (x.nfacts + 63) / 64
	if len(f.bits) < n {
		f.bits = append(f.bits, make([]uint64, n-len(f.bits))...)
	}
	if len(f.pos) < x.nfacts {
		f.pos = append(f.pos, make([][]int, x.nfacts-len(f.pos))...)
	}
	f.p = p
	visit := func(kind factKind, k string) *keyEntry {
		ke, ok := x.keys[kind][k]
		if ok && f.setBit(ke.id) && ke.postings != nil {
			s.lists = append(s.lists, ke.postings)
		}
		return ke
	}
	words := func(kind factKind, keys []string, pos [][]int) {
		for i, k := range keys {
			if ke := visit(kind, k); ke != nil {
				f.pos[ke.id] = pos[i]
			}
		}
	}
	words(factRoot, p.Roots(), p.RootPositions(false))
	words(factFolded, p.FoldedForms(), p.FoldedPositions(false))
	words(factTitleRoot, p.TitleRoots(), p.RootPositions(true))
	words(factTitleFolded, p.TitleFoldedForms(), p.FoldedPositions(true))
	if len(x.prefixLens) > 0 {
		prefixes := func(kind factKind, keys []string) {
			for _, k := range keys {
				for _, n := range x.prefixLens {
					if n > len(k) {
						break
					}
					visit(kind, k[:n])
				}
			}
		}
		prefixes(factPrefix, p.Roots())
		prefixes(factPrefix, p.FoldedForms())
		prefixes(factTitlePrefix, p.TitleRoots())
		prefixes(factTitlePrefix, p.TitleFoldedForms())
	}
	d := &p.Doc
	query.SourceDomains(d.Source, func(s string) { visit(factSource, s) })
	f.attrsUnsure = !isASCII(d.Lang) || !isASCII(d.Sentiment) || !isASCII(d.Type)
	visit(factLang, strings.ToLower(d.Lang))
	visit(factSentiment, strings.ToLower(d.Sentiment))
	visit(factType, strings.ToLower(d.Type))
	for _, r := range d.Regions {
		regionAncestors(r, func(c string) { visit(factRegion, c) })
	}
}
