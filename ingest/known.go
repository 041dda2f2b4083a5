package ingest

import (
	"context"
	"fmt"
)

// known drops the documents the agency has already recorded: an entry a
// feed still lists from an earlier poll, or one another feed brought first.
// It runs before extraction, so no page is fetched twice.
//
// Contract: dropped means already stored (as an item or an appearance);
// a database error fails the poll, which is tried again later with
// nothing written.
func (p *Pipeline) known(ctx context.Context, agencyID int64, docs []*doc) ([]*doc, tally, error) {
	t := tally{in: len(docs)}
	if len(docs) == 0 {
		return docs, t, nil
	}
	idents := make([]string, len(docs))
	for i, d := range docs {
		idents[i] = d.ident
	}
	seen, err := p.store.KnownIdents(ctx, agencyID, idents)
	if err != nil {
		t.failed = len(docs)
		return nil, t, fmt.Errorf("ingest: known: %w", err)
	}
	fresh := docs[:0]
	for _, d := range docs {
		if _, ok := seen[d.ident]; !ok {
			fresh = append(fresh, d)
		}
	}
	t.out, t.dropped = len(fresh), len(docs)-len(fresh)
	return fresh, t, nil
}
