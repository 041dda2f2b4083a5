package ingest

import (
	"context"
	"fmt"
)

// save writes a poll's work in one transaction: the new stories' items with
// their analyses and index entries, every appearance, the feed's new state
// and the change of its alarm (Store.SaveBatch).
//
// Contract: all or nothing. When it fails, nothing of the poll is stored;
// the agency's memory of stories is dropped (it may hold stories that were
// never stored) and rebuilt by the next batch, and the feed keeps its old
// state, so the next poll does the same work again. An appearance whose
// identity another process stored meanwhile makes the transaction fail
// the same way: the next poll finds it known.
func (p *Pipeline) save(ctx context.Context, b *Batch) (tally, error) {
	t := tally{in: len(b.Items)}
	if err := p.store.SaveBatch(ctx, b); err != nil {
		t.failed = len(b.Items)
		p.forgetStories(b.AgencyID)
		return t, fmt.Errorf("ingest: save: %w", err)
	}
	t.out = len(b.Items)
	return t, nil
}
