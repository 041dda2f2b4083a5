package issue

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
)

// ID identifies an issue. Issues are numbered 1, 2, 3, ... in the order
// they are created (by an item that joins no issue, or by a split), so the
// same input gives the same IDs.
type ID int64

// Options tune a Clusterer. The zero value gives the defaults, which are
// the values measured in docs/benchmarks.md.
type Options struct {
	// Threshold is the cosine similarity between an item and an issue's
	// centroid from which the item joins the issue (default 0.30).
	Threshold float64
	// Window is how long an issue stays open to new items after its
	// newest item (default 72 hours: a story not reported for three days
	// is over; the next report starts a new issue). Pinned issues stay
	// open.
	Window time.Duration
	// Keep is how long an issue and its items stay in memory after its
	// newest item, open to corrections and listed (default 14 days).
	// Pinned issues are kept. What is forgotten stays in the integrator's
	// records (Assignment, Issue).
	Keep time.Duration
	// TitleWeight is how many times a word of the title counts (default 3).
	TitleWeight float64
	// EntityWeight multiplies the IDF of a named entity (default 2).
	EntityWeight float64
	// ItemTerms is the number of heaviest features kept of an item's
	// vector (default 32).
	ItemTerms int
	// CentroidTerms is the number of heaviest features kept of an
	// issue's centroid (default 64).
	CentroidTerms int
	// IndexTerms is the number of an issue's heaviest centroid features
	// under which the candidate index lists it (default 12).
	IndexTerms int
	// QueryTerms is the number of an item's heaviest features it looks up
	// in the candidate index (default 12).
	QueryTerms int
	// HalfLife is the number of items after which a document frequency
	// counts half (default 20,000).
	HalfLife int
	// Slots is the size of each of the two rows of the document-frequency
	// table, a power of two (default 2^19: 4 MiB).
	Slots int
}

func (o Options) withDefaults() (Options, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Threshold, 0.30)
	def(&o.TitleWeight, 3)
	def(&o.EntityWeight, 2)
	defInt(&o.ItemTerms, 32)
	defInt(&o.CentroidTerms, 64)
	defInt(&o.IndexTerms, 12)
	defInt(&o.QueryTerms, 12)
	defInt(&o.HalfLife, 20_000)
	defInt(&o.Slots, 1<<19)
	if o.Window == 0 {
		o.Window = 72 * time.Hour
	}
	if o.Keep == 0 {
		o.Keep = 14 * 24 * time.Hour
	}
	switch {
	case o.Threshold <= 0 || o.Threshold > 1, o.Window < 0, o.Keep < o.Window,
		o.TitleWeight < 1, o.EntityWeight <= 0, o.ItemTerms < 1, o.CentroidTerms < o.IndexTerms,
		o.IndexTerms < 1, o.QueryTerms < 1, o.HalfLife < 1, o.Slots < 2 || o.Slots&(o.Slots-1) != 0:
		return o, fmt.Errorf("issue: options %+v out of range", o)
	}
	return o, nil
}

// Assignment says which issue an item went to: what the integrator stores
// per item. Seq is the item's place in the order Add saw it, from 1; a
// Replay must give the items in that order. A merge moves the other
// issue's items to the kept one, a split moves the named items to the new
// issue (Correction says which), so stored assignments follow corrections
// without a new Assignment per item.
type Assignment struct {
	Seq    int64
	ItemID int64
	Issue  ID
	// Similarity is the cosine similarity to the issue's centroid that
	// made the item join it; 0 when the item started the issue.
	Similarity float64
	// New is set when the item started the issue.
	New bool
}

// Clusterer groups items into issues online, in arrival order. It is safe
// for concurrent use (calls are serialised: the result depends on the
// order of calls, and only on it).
type Clusterer struct {
	opts Options
	stop stopSet

	mu     sync.Mutex
	df     *docFreq
	clock  time.Time // the newest item time seen
	seq    int64     // items added
	nextID ID
	issues map[ID]*issueState
	// alias maps the ID of a merged-away issue to the issue that took its
	// items, so that a correction or a lookup naming it still lands.
	alias map[ID]ID
	items map[int64]*member
	// post is the candidate index: a feature's hash → the open issues
	// whose centroid has it among its IndexTerms heaviest.
	post      map[uint64][]*issueState
	nextSweep time.Time
	// exhaustive makes nearest compare every open issue instead of the
	// candidates of the index: the evaluation measures what the index
	// misses.
	exhaustive bool

	// Scratch buffers, reused by Add under mu.
	counts  []counted
	sum     vector
	scratch vector
}

// member is what the clusterer keeps of an item in an issue: enough to
// recompute the issue's centroid, title and figures after a correction.
type member struct {
	id        int64
	seq       int64
	at        time.Time
	title     string
	source    string
	regions   []string
	sentiment string // the model's
	corrected string // the analyst's, "" when none
	entities  []string
	vec       vector
	issue     *issueState
}

// issueState is an issue in memory.
type issueState struct {
	id          ID
	members     []*member // in arrival order
	first, last time.Time
	centroid    vector   // sum of the members' vectors, CentroidTerms heaviest
	norm        float64  // of centroid
	index       []uint64 // the hashes it is listed under in post, ascending
	indexed     bool
	mark        int64 // the seq of the last item that considered it
	title       string
	renamed     bool
	pinned      bool
	sentiment   string
}

// New returns an empty clusterer.
func New(opts Options) (*Clusterer, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Clusterer{
		opts: o, stop: newStopSet(), df: newDocFreq(o.Slots, float64(o.HalfLife)), nextID: 1,
		issues: map[ID]*issueState{}, alias: map[ID]ID{}, items: map[int64]*member{},
		post: map[uint64][]*issueState{},
	}, nil
}

// Options returns the options in force, defaults filled.
func (c *Clusterer) Options() Options { return c.opts }

// Len returns the number of items added.
func (c *Clusterer) Len() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seq
}

// Now returns the clusterer's clock: the newest item time it has seen.
func (c *Clusterer) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clock
}

// itemTime is when an item happened: its publication time, unless that is
// unknown or later than when it was fetched (a wrong clock or time zone at
// the source), then the fetch time, the import time, or the clock.
func itemTime(it *archive.Item, clock time.Time) time.Time {
	t := it.Published
	late := it.Fetched
	if late.IsZero() {
		late = it.ImportedAt
	}
	if t.IsZero() || !late.IsZero() && t.After(late.Add(time.Hour)) {
		t = late
	}
	if t.IsZero() {
		t = clock
	}
	return t
}

// Add assigns an item, analysed as the archive analyses it, to the open
// issue whose centroid is most similar to it, if that similarity reaches
// Threshold, or to a new issue. Adding an item ID again returns its
// assignment unchanged, while the clusterer remembers it.
func (c *Clusterer) Add(it *archive.Item, a *archive.Analysis) (Assignment, error) {
	if it == nil {
		return Assignment{}, fmt.Errorf("issue: add: %w", sinergi.Errorf(sinergi.KindInvalid, "error.invalid"))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.items[it.ID]; ok {
		return Assignment{Seq: m.seq, ItemID: m.id, Issue: m.issue.id}, nil
	}
	at := itemTime(it, c.clock)
	if at.After(c.clock) {
		c.clock = at
	}
	c.sweep()
	c.seq++
	c.counts = features(c.counts, a, it.Entities, float32(c.opts.TitleWeight), c.stop)
	c.df.count(c.counts)
	m := &member{
		id: it.ID, seq: c.seq, at: at, title: it.Title, source: it.Source,
		regions: slices.Clone(it.Regions), sentiment: it.Sentiment,
		entities: keyEntities(it.Entities),
		vec:      weigh(c.counts, c.df, float32(c.opts.EntityWeight), c.opts.ItemTerms),
	}
	var query []uint64
	query, c.scratch = heaviest(m.vec, c.opts.QueryTerms, c.scratch)
	best, sim := c.nearest(m.vec, query)
	asg := Assignment{Seq: c.seq, ItemID: it.ID, Similarity: sim}
	if best == nil {
		best = c.newIssue()
		asg.New, asg.Similarity = true, 0
	}
	asg.Issue = best.id
	c.items[m.id] = m
	c.join(best, m)
	return asg, nil
}

// keyEntities keeps the people and organisations of an item, which an
// issue lists; other types only weigh in its vector.
func keyEntities(es []string) []string {
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e, "PER:") || strings.HasPrefix(e, "ORG:") {
			out = append(out, e)
		}
	}
	return out
}

// open reports whether an issue takes new items at the clock.
func (c *Clusterer) open(s *issueState) bool {
	return s.pinned || !s.last.Before(c.clock.Add(-c.opts.Window))
}

// nearest returns the open issue most similar to v, if the similarity
// reaches the threshold: the candidates are the issues listed under one of
// the features query (v's heaviest); ties go to the older issue.
func (c *Clusterer) nearest(v vector, query []uint64) (*issueState, float64) {
	var best *issueState
	var bestSim float64
	consider := func(s *issueState) {
		if s.mark == c.seq {
			return
		}
		s.mark = c.seq
		if !c.open(s) {
			return // removed from the index at the next sweep
		}
		sim := dot(v, s.centroid) / s.norm
		if sim > bestSim || sim == bestSim && best != nil && s.id < best.id {
			best, bestSim = s, sim
		}
	}
	if c.exhaustive {
		for _, s := range c.issues {
			consider(s)
		}
	}
	for _, h := range query {
		for _, s := range c.post[h] {
			consider(s)
		}
	}
	if bestSim < c.opts.Threshold {
		return nil, 0
	}
	return best, bestSim
}

func (c *Clusterer) newIssue() *issueState {
	s := &issueState{id: c.nextID}
	c.nextID++
	c.issues[s.id] = s
	return s
}

// join adds m to s and updates the centroid and the index.
func (c *Clusterer) join(s *issueState, m *member) {
	m.issue = s
	s.members = append(s.members, m)
	if s.first.IsZero() || m.at.Before(s.first) {
		s.first = m.at
	}
	if m.at.After(s.last) {
		s.last = m.at
	}
	c.sum = add(c.sum, s.centroid, m.vec)
	c.setCentroid(s, c.sum)
}

// setCentroid makes sum (the members' vectors added up) the centroid of s,
// keeping its CentroidTerms heaviest features, and lists s under its
// IndexTerms heaviest.
func (c *Clusterer) setCentroid(s *issueState, sum vector) {
	s.centroid = append(s.centroid[:0], top(sum, c.opts.CentroidTerms)...)
	s.norm = s.centroid.norm()
	var idx []uint64
	idx, c.scratch = heaviest(s.centroid, c.opts.IndexTerms, c.scratch)
	if !c.open(s) {
		c.unindex(s)
		s.index = idx
		return
	}
	if !s.indexed {
		s.index = nil
	}
	i, j := 0, 0
	for i < len(s.index) || j < len(idx) {
		switch {
		case j == len(idx) || i < len(s.index) && s.index[i] < idx[j]:
			c.unpost(s.index[i], s)
			i++
		case i == len(s.index) || idx[j] < s.index[i]:
			c.post[idx[j]] = append(c.post[idx[j]], s)
			j++
		default:
			i++
			j++
		}
	}
	s.index, s.indexed = idx, true
}

// unpost removes s from the posting list of h.
func (c *Clusterer) unpost(h uint64, s *issueState) {
	list := c.post[h]
	if k := slices.Index(list, s); k >= 0 {
		list = slices.Delete(list, k, k+1)
	}
	if len(list) == 0 {
		delete(c.post, h)
		return
	}
	c.post[h] = list
}

// unindex takes s out of the candidate index.
func (c *Clusterer) unindex(s *issueState) {
	if !s.indexed {
		return
	}
	for _, h := range s.index {
		c.unpost(h, s)
	}
	s.indexed = false
}

// reindex lists s again, as setCentroid would, after it reopened (pinned).
func (c *Clusterer) reindex(s *issueState) {
	if s.indexed || !c.open(s) {
		return
	}
	for _, h := range s.index {
		c.post[h] = append(c.post[h], s)
	}
	s.indexed = true
}

// sweep, a few times per Window of the clock, takes closed issues out of
// the index and forgets issues idle for longer than Keep. What it removes
// no item could reach, so when it runs does not change any assignment.
func (c *Clusterer) sweep() {
	if c.clock.Before(c.nextSweep) {
		return
	}
	c.nextSweep = c.clock.Add(c.opts.Window / 8)
	keepFrom := c.clock.Add(-c.opts.Keep)
	for _, s := range c.issues {
		if !c.open(s) {
			c.unindex(s)
		}
		if !s.pinned && s.last.Before(keepFrom) {
			c.forget(s)
		}
	}
	for from, to := range c.alias {
		if _, ok := c.issues[to]; !ok {
			delete(c.alias, from)
		}
	}
}

// forget drops an issue and its items from memory.
func (c *Clusterer) forget(s *issueState) {
	c.unindex(s)
	for _, m := range s.members {
		delete(c.items, m.id)
	}
	delete(c.issues, s.id)
}

// resolve finds an issue by its ID or the ID of an issue merged into it.
func (c *Clusterer) resolve(id ID) (*issueState, error) {
	if to, ok := c.alias[id]; ok {
		id = to
	}
	s, ok := c.issues[id]
	if !ok {
		return nil, fmt.Errorf("issue %d: %w", id, sinergi.Errorf(sinergi.KindNotFound, "error.not_found"))
	}
	return s, nil
}

// recompute rebuilds the centroid of s from its members, after a merge or
// a split changed them.
func (c *Clusterer) recompute(s *issueState) {
	sum := c.sum[:0]
	var next vector
	s.first, s.last = time.Time{}, time.Time{}
	for _, m := range s.members {
		next = add(next[:0], sum, m.vec)
		sum, next = next, sum
		if s.first.IsZero() || m.at.Before(s.first) {
			s.first = m.at
		}
		if m.at.After(s.last) {
			s.last = m.at
		}
	}
	c.sum = sum
	c.setCentroid(s, sum)
}

// sortMembers puts members in arrival order.
func sortMembers(ms []*member) {
	slices.SortFunc(ms, func(a, b *member) int { return cmp.Compare(a.seq, b.seq) })
}
