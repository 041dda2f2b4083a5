package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
)

// UploadResult is what an upload did.
type UploadResult struct {
	Items       int // new stories stored as items
	Appearances int // appearances recorded, stories' first included
	Known       int // items already in the archive (the file was imported before)
	Duplicates  int // copies of a story in the file or the archive, recorded as appearances
}

// Upload brings items an officer imports (a CSV or JSONL file: clippings,
// a monitoring vendor's export) through the same stages as a polled feed,
// after fetch and parse: enrich, normalise, known, dedupe, store, match.
// Enrich comes first here because an upload is all or nothing: every item
// is checked (and analysed) before anything is stored, and an invalid one
// fails the whole upload with its position (archive.ItemError). An item
// already in the archive is skipped, so importing a file twice stores it
// once; a copy of a stored story is recorded as its appearance.
//
// The items of each agency are stored in one transaction; an upload that
// names several agencies (the console's) is stored agency by agency.
func (p *Pipeline) Upload(ctx context.Context, actor access.Actor, items []*archive.Item) (UploadResult, error) {
	var res UploadResult
	var analyses []*archive.Analysis
	err := p.timed(StageEnrich, func() (tally, error) {
		var err error
		analyses, err = p.archive.Prepare(ctx, actor, items)
		if err != nil {
			return tally{in: len(items), failed: len(items)}, err
		}
		return tally{in: len(items), out: len(items)}, nil
	})
	if err != nil {
		return res, err
	}
	now := p.clock.Now().UTC().Truncate(time.Microsecond)
	docs := make([]*doc, len(items))
	for i, it := range items {
		docs[i] = uploadDoc(it, analyses[i], p)
	}
	slices.SortStableFunc(docs, func(a, b *doc) int { return cmp.Compare(a.item.AgencyID, b.item.AgencyID) })
	var stored []*archive.Item
	for group := range agencyGroups(docs) {
		r, err := p.upload(ctx, group, now)
		if err != nil {
			return res, err
		}
		res.Items += len(r.Items)
		res.Appearances += len(r.Appearances)
		stored = append(stored, r.Items...)
		res.Known += r.known
	}
	res.Duplicates = res.Appearances - res.Items
	if err := p.archive.RecordImport(ctx, actor, stored); err != nil {
		return res, fmt.Errorf("ingest: upload: %w", err)
	}
	return res, nil
}

// uploaded is what one agency's part of an upload stored.
type uploaded struct {
	*Batch
	known int
}

// upload stores one agency's documents.
func (p *Pipeline) upload(ctx context.Context, docs []*doc, now time.Time) (uploaded, error) {
	agencyID := docs[0].item.AgencyID
	var r uploaded
	p.timed(StageNormalise, func() (tally, error) {
		t := tally{in: len(docs)}
		seen := make(map[string]bool, len(docs))
		docs = slices.DeleteFunc(docs, func(d *doc) bool {
			dup := seen[d.ident]
			seen[d.ident] = true
			return dup
		})
		t.out = len(docs)
		t.dropped = t.in - t.out
		return t, nil
	})
	before := len(docs)
	err := p.timed(StageKnown, func() (t tally, err error) {
		docs, t, err = p.known(ctx, agencyID, docs)
		return t, err
	})
	if err != nil {
		return r, err
	}
	r.known = before - len(docs)
	b := &Batch{AgencyID: agencyID}
	var firsts []*doc
	err = p.timed(StageDedupe, func() (t tally, err error) {
		firsts, b.Appearances, t, err = p.dedupe(ctx, origin{agencyID: agencyID}, docs, now)
		return t, err
	})
	if err != nil {
		return r, err
	}
	for _, d := range firsts {
		b.Items, b.Analyses, b.Idents = append(b.Items, d.item), append(b.Analyses, d.analysis), append(b.Idents, d.ident)
	}
	if err := p.timed(StageStore, func() (tally, error) { return p.save(ctx, b) }); err != nil {
		return r, err
	}
	p.timed(StageMatch, func() (tally, error) { return p.match(ctx, b.Items, b.Analyses), nil })
	r.Batch = b
	return r, nil
}

// uploadDoc is an uploaded item as a document of the chain: its identity
// is its canonical URL, or its source and text when it has none.
func uploadDoc(it *archive.Item, a *archive.Analysis, p *Pipeline) *doc {
	d := &doc{title: it.Title, text: it.Text, author: it.Author, published: it.Published, lang: it.Lang,
		source: it.Source, item: it, analysis: a}
	if canon, err := p.urls.Canonical(it.URL); err == nil && it.URL != "" {
		d.url, d.link = canon, it.URL
		d.ident = canon
	} else {
		d.ident = textIdent(it.Source, it.Title, it.Text)
	}
	return d
}

// agencyGroups yields runs of documents of one agency (docs sorted by
// agency).
func agencyGroups(docs []*doc) func(yield func([]*doc) bool) {
	return func(yield func([]*doc) bool) {
		for start := 0; start < len(docs); {
			end := start + 1
			for end < len(docs) && docs[end].item.AgencyID == docs[start].item.AgencyID {
				end++
			}
			if !yield(docs[start:end]) {
				return
			}
			start = end
		}
	}
}
