package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi/dedup"
)

// dedupe finds the story of each new document: an earlier item with the
// same canonical URL, the same normalised text (dedup.ContentHash) or a
// near-identical text (MinHash-LSH over word shingles, dedup.Index), which
// is how syndicated regional news spreads. The agency's memory of stories
// is rebuilt from the store on first use (Options.StoryWindow) and kept up
// to date as batches are stored.
//
// Contract: every document becomes an appearance; a document that starts
// a new story goes on to enrich and is stored as an item; a copy is
// dropped from the chain as a duplicate, and recorded, not lost: its
// appearance is stored against the story's item, so reach can be counted.
// An error (the store failing while the memory is rebuilt) fails the poll.
func (p *Pipeline) dedupe(ctx context.Context, o origin, docs []*doc, seen time.Time) ([]*doc, []Appearance, tally, error) {
	t := tally{in: len(docs)}
	stories, err := p.storiesOf(ctx, o.agencyID)
	if err != nil {
		t.failed = len(docs)
		return nil, nil, t, err
	}
	firsts := make([]*doc, 0, len(docs))
	apps := make([]Appearance, 0, len(docs))
	for _, d := range docs {
		a, story := stories.Add(dedup.Item{ID: d.ident, Source: d.source, URL: d.url, Time: seen, Text: d.title + "\n" + d.text})
		apps = append(apps, Appearance{
			Ident: d.ident, StoryIdent: story.ID, AgencyID: o.agencyID, SourceID: o.sourceID, FeedID: o.feedID,
			Source: d.source, URL: d.url, How: a.How, Similarity: a.Similarity, Published: d.published, Seen: seen,
		})
		if a.How == dedup.First {
			firsts = append(firsts, d)
		}
	}
	t.out, t.dropped = len(firsts), len(docs)-len(firsts)
	return firsts, apps, t, nil
}

// origin is where a batch's documents came from.
type origin struct {
	agencyID         int64
	sourceID, feedID int64 // zero for an upload
}

// storiesOf returns the agency's memory of stories, loading it from the
// store on first use: the stories first seen within Options.StoryWindow,
// oldest first, as they were first met.
func (p *Pipeline) storiesOf(ctx context.Context, agencyID int64) (*dedup.Stories, error) {
	p.mu.Lock()
	as, ok := p.stories[agencyID]
	if !ok {
		as = &agencyStories{}
		p.stories[agencyID] = as
	}
	p.mu.Unlock()
	as.once.Do(func() {
		index, err := dedup.NewIndex(dedup.Options{})
		if err != nil {
			as.err = fmt.Errorf("ingest: stories: %w", err)
			return
		}
		s := dedup.NewStories(index, p.urls)
		since := p.clock.Now().Add(-p.opts.StoryWindow)
		err = p.store.RecentItems(ctx, agencyID, since, p.opts.StoryMemory, func(it StoredItem) error {
			s.Add(dedup.Item{ID: it.Ident, URL: it.URL, Time: it.Seen, Text: it.Text})
			return nil
		})
		if err != nil {
			as.err = fmt.Errorf("ingest: load stories of agency %d: %w", agencyID, err)
			return
		}
		as.stories = s
	})
	if as.err != nil {
		p.forgetStories(agencyID)
		return nil, as.err
	}
	return as.stories, nil
}

// forgetStories drops an agency's memory so that the next batch rebuilds it
// from the store: after a load or a batch failed, the memory may hold
// stories that were never stored.
func (p *Pipeline) forgetStories(agencyID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.stories, agencyID)
}
