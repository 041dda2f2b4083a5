package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/source"
)

// enrich turns the documents that start new stories into archive items of
// the source's agency and analyses them with bahasa (archive.Prepare):
// language, sentiment, places as kode wilayah, the words search and
// stored queries match on. A source's language and region fill what the
// analysis leaves open.
//
// Contract: an item the archive refuses (archive.ItemError: a field it
// cannot take) is dropped as invalid and so is its appearance, with a
// warning in the log; the rest go on. Any other error fails the poll.
func (p *Pipeline) enrich(ctx context.Context, src *source.Source, docs []*doc, fetched time.Time) ([]*archive.Item, []*archive.Analysis, []string, tally, error) {
	t := tally{in: len(docs)}
	items := make([]*archive.Item, len(docs))
	idents := make([]string, len(docs))
	for i, d := range docs {
		items[i] = &archive.Item{
			AgencyID: src.AgencyID, Classification: access.Publik, Title: d.title, Text: d.text,
			URL: d.url, Source: src.Domain, Author: d.author, Published: d.published, Fetched: fetched,
			Lang: d.lang, Type: itemType(src.MediaType),
		}
		idents[i] = d.ident
	}
	for {
		analyses, err := p.archive.Prepare(ctx, access.Actor{System: true}, items)
		var bad *archive.ItemError
		switch {
		case err == nil:
			for _, it := range items {
				if len(it.Regions) == 0 && src.Region != "" {
					it.Regions = []string{src.Region}
				}
			}
			t.out = len(items)
			t.dropped = t.in - t.out
			return items, analyses, idents, t, nil
		case errors.As(err, &bad) && bad.Index < len(items):
			p.log.Warn("item refused", "source_id", src.ID, "ident", idents[bad.Index], "err", bad.Err)
			items = slices.Delete(items, bad.Index, bad.Index+1)
			idents = slices.Delete(idents, bad.Index, bad.Index+1)
		default:
			t.failed = t.in
			return nil, nil, nil, t, fmt.Errorf("ingest: enrich: %w", err)
		}
	}
}

// itemType is the archive type of a source's items.
func itemType(m source.MediaType) string {
	switch m {
	case source.Print:
		return "print"
	case source.TV:
		return "tv"
	case source.Radio:
		return "radio"
	case source.Social:
		return "social"
	}
	return "news"
}
