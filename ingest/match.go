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
	for i, err := range MatchAll(ctx, p.matcher, items, analyses) {
		if err != nil {
			t.failed++
			p.log.Error("match item", "item_id", items[i].ID, "err", err)
			continue
		}
		t.out++
	}
	return t
}

// ItemsMatcher is a Matcher that also takes the items of one poll or
// upload at once, so that what it stores of them is one transaction (the
// issue tracker). MatchItems returns one error per item, nil when it was
// matched.
type ItemsMatcher interface {
	Matcher
	MatchItems(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) []error
}

// MatchAll hands items to m, at once when it is an ItemsMatcher, and
// returns one error per item.
func MatchAll(ctx context.Context, m Matcher, items []*archive.Item, analyses []*archive.Analysis) []error {
	if im, ok := m.(ItemsMatcher); ok {
		return im.MatchItems(ctx, items, analyses)
	}
	errs := make([]error, len(items))
	for i, it := range items {
		errs[i] = m.MatchItem(ctx, it, analyses[i])
	}
	return errs
}

// Matchers hands each item to several matchers in turn: the Alerter and
// the issue tracker both take every stored item. A matcher that fails
// does not keep the item from the others; the errors are joined.
type Matchers []Matcher

// MatchItem calls every matcher with the item.
func (ms Matchers) MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error {
	return ms.MatchItems(ctx, []*archive.Item{it}, []*archive.Analysis{a})[0]
}

// MatchItems hands the items to every matcher (MatchAll).
func (ms Matchers) MatchItems(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) []error {
	errs := make([]error, len(items))
	for _, m := range ms {
		for i, err := range MatchAll(ctx, m, items, analyses) {
			errs[i] = errors.Join(errs[i], err)
		}
	}
	return errs
}
