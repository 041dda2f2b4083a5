package ingest

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/extract"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

// extractPages fetches the page of each new document of a feed that asks
// for it (or of a sitemap, whose entries have no text) and takes the
// page's main text, title, author and date where they are better than the
// feed's: go-trafilatura, falling back to readability, sanitised with
// bluemonday (package extract). The item keeps the address the page
// declares (rel=canonical).
//
// Contract: at most Options.PagesPerPoll pages a poll; the documents past
// that are dropped for now (deferred is how many) and the caller makes
// the next poll fetch the feed again, so they come back. A page that
// cannot be fetched or read counts as failed, and its document goes on
// with the feed's own text; a document with no text at all is dropped.
func (p *Pipeline) extractPages(ctx context.Context, docs []*doc) (kept []*doc, deferred int, t tally) {
	t.in = len(docs)
	if len(docs) > p.opts.PagesPerPoll {
		deferred = len(docs) - p.opts.PagesPerPoll
		docs = docs[:p.opts.PagesPerPoll]
	}
	kept = docs[:0]
	for _, d := range docs {
		if d.url != "" {
			if err := p.extractPage(ctx, d); err != nil {
				t.failed++
				p.log.Debug("extract page", "url", d.link, "err", err)
			}
		}
		if d.title == "" && d.text == "" {
			continue
		}
		kept = append(kept, d)
	}
	t.out = len(kept)
	t.dropped = t.in - t.out - deferred
	return kept, deferred, t
}

// extractPage fetches one article page and improves d with it.
func (p *Pipeline) extractPage(ctx context.Context, d *doc) error {
	release, err := p.hosts.acquire(ctx, d.link)
	if err != nil {
		return err
	}
	defer release()
	resp, err := p.client.Get(ctx, d.link, http.Header{"Accept": {"text/html, application/xhtml+xml;q=0.9, */*;q=0.5"}})
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	page, _, err := resp.Text()
	if err != nil {
		return err
	}
	// The address the page declares (rel=canonical, og:url, on its own
	// registrable domain) is the one the item keeps; its identity stays
	// the feed's, which is what the next poll lists.
	if canon, err := p.urls.CanonicalFromHTML(resp.URL.String(), page); err == nil && len(canon) <= archive.MaxURL {
		d.url = canon
	}
	a, err := extract.FromHTML(resp.URL.String(), []byte(page))
	if err != nil {
		return err
	}
	if text := strings.TrimSpace(a.Text); len(text) > len(d.text) {
		d.text = textcut.Bytes(text, archive.MaxText)
	}
	if d.title == "" {
		d.title = textcut.Runes(strings.Join(strings.Fields(a.Title), " "), archive.MaxTitle)
	}
	if d.author == "" {
		d.author = textcut.Runes(strings.Join(strings.Fields(a.Author), " "), archive.MaxAuthor)
	}
	if d.published.IsZero() {
		d.published = a.Published
	}
	if d.lang == "" {
		d.lang = a.Lang
	}
	return nil
}
