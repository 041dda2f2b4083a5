package ingest

import (
	"context"
	"errors"

	"github.com/sinergi-id/sinergi/archive"
)

// match hands each stored item to the stored-query matcher, which raises
// the alerts of the queries it satisfies.
//
// Contract: runs after the store stage committed, so an alert never names
// an item that is not in the archive. An item the matcher fails on counts
// as failed and is logged; the item stays stored (a search finds it) and
// the others are still matched.
func (p *Pipeline) match(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) tally {
	t := tally{in: len(items)}
	if p.matcher == nil {
		t.out = len(items)
		return t
	}
	for i, it := range items {
		if err := p.matcher.MatchItem(ctx, it, analyses[i]); err != nil {
			t.failed++
			p.log.Error("match item", "item_id", it.ID, "err", err)
			continue
		}
		t.out++
	}
	return t
}

// Matchers hands each item to several matchers in turn: the Alerter and
// the issue tracker both take every stored item. A matcher that fails
// does not keep the item from the others; the errors are joined.
type Matchers []Matcher

// MatchItem calls every matcher with the item.
func (ms Matchers) MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error {
	var errs []error
	for _, m := range ms {
		if err := m.MatchItem(ctx, it, a); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
