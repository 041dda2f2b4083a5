package issue

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
)

// Restored is an item as the integrator stored it: the item, its
// analysis, the issue its stored assignment names (after every merge and
// split) and the analyst's sentiment of the item ("" when none).
type Restored struct {
	Item      *archive.Item
	Analysis  *archive.Analysis
	Issue     ID
	Sentiment string
}

// State is what analysts set on an issue, as the integrator stored it.
type State struct {
	ID ID
	// Title is the analyst's name; "" when the model names the issue.
	Title     string
	Pinned    bool
	Sentiment string
	// Reshaped is set when a merge or a split changed the issue's items:
	// its centroid is then the sum of all its items' vectors, as a merge
	// or a split computes it, rather than the sum kept item by item.
	Reshaped bool
}

// Restore rebuilds a clusterer from what an integrator stored, without
// deciding anything again: each item joins the issue its stored
// assignment names, in the order given (the order the items were added),
// so IDs and assignments are exactly the stored ones whatever the model
// would decide from a part of the stream, and corrections (which stored
// assignments and states already carry) keep winning. The document
// frequencies and centroids are those of the items given: a restart that
// gives the items of the last Keep gets, for issues no analyst reshaped,
// the centroids the running clusterer had when those were all its items.
//
// states gives the analysts' names, pins and sentiments (issues without
// items given are ignored); next is the ID the next new issue takes, at
// least one more than every stored issue's, so that a forgotten issue's
// ID is never given again.
func Restore(opts Options, items iter.Seq[Restored], states []State, next ID) (*Clusterer, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	byID := make(map[ID]State, len(states))
	for _, st := range states {
		if !validSentiment(st.Sentiment) {
			return nil, fmt.Errorf("issue: restore: issue %d: sentiment %q", st.ID, st.Sentiment)
		}
		byID[st.ID] = st
	}
	for r := range items {
		if err := c.restore(r, byID); err != nil {
			return nil, fmt.Errorf("issue: restore: %w", err)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range states {
		if s, ok := c.issues[st.ID]; ok && st.Reshaped {
			c.recompute(s)
		}
	}
	c.nextID = max(c.nextID, next)
	return c, nil
}

// restore adds one stored item to its stored issue, as Add would have
// when the item joined it.
func (c *Clusterer) restore(r Restored, states map[ID]State) error {
	it := r.Item
	if it == nil || r.Issue <= 0 || !validSentiment(r.Sentiment) {
		return sinergi.Errorf(sinergi.KindInvalid, "error.invalid")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[it.ID]; ok {
		return fmt.Errorf("item %d given twice", it.ID)
	}
	at := itemTime(it, c.clock)
	if at.After(c.clock) {
		c.clock = at
	}
	c.sweep()
	c.seq++
	c.counts = features(c.counts, r.Analysis, it.Entities, float32(c.opts.TitleWeight), c.stop)
	c.df.count(c.counts)
	m := &member{
		id: it.ID, seq: c.seq, at: at, title: it.Title, source: it.Source,
		regions: slices.Clone(it.Regions), sentiment: it.Sentiment, corrected: r.Sentiment,
		entities: keyEntities(it.Entities),
		vec:      weigh(c.counts, c.df, float32(c.opts.EntityWeight), c.opts.ItemTerms),
	}
	s, ok := c.issues[r.Issue]
	if !ok {
		st := states[r.Issue]
		s = &issueState{id: r.Issue, title: st.Title, renamed: st.Title != "", pinned: st.Pinned, sentiment: st.Sentiment}
		c.issues[s.id] = s
		c.nextID = max(c.nextID, s.id+1)
	}
	c.items[m.id] = m
	c.join(s, m)
	return nil
}

// When is the time the clusterer gives an item (its publication time,
// unless unknown or later than its fetch; then the fetch or import time),
// with clock for an item that has none: what growth and the Window read.
func When(it *archive.Item, clock time.Time) time.Time { return itemTime(it, clock) }
