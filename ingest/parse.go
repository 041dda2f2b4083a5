package ingest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sinergi-id/sinergi/extract"
	"github.com/sinergi-id/sinergi/feed"
	"github.com/sinergi-id/sinergi/source"
)

// maxChildSitemaps is how many child sitemaps of a sitemap index one poll
// reads: news sitemaps list the newest first, and a publisher's index can
// name thousands of archive sitemaps nobody needs to read every poll.
const maxChildSitemaps = 3

// parse reads the fetched body as RSS, Atom, JSON Feed or a (news)
// sitemap, resolving relative addresses against where it came from. A
// sitemap index is followed to its first child sitemaps.
//
// A watched page (source.Page) is read as one entry by extracting its
// main text.
//
// Contract: every entry goes on; an empty document goes on with no entries
// (a feed may be empty for a while). A body that is none of these formats
// (or a page without main text) fails the poll (o.Err: ingest.error.parse,
// ingest.error.page) and nothing is stored. The hub a feed advertises is
// kept in the state for WebSub.
func (p *Pipeline) parse(ctx context.Context, f *Feed, got *fetched, o *Outcome) ([]feed.Entry, error) {
	if f.Kind == source.Page {
		return page(f, got, o)
	}
	doc, err := feed.Parse(got.body, got.url)
	if err != nil {
		o.Err = Message{Key: "ingest.error.parse", Args: []string{f.URL}}
		return nil, fmt.Errorf("ingest: parse feed %d: %w", f.ID, err)
	}
	if doc.Hub != "" {
		f.State.Hub, f.State.HubTopic = doc.Hub, doc.Self
		if f.State.HubTopic == "" {
			f.State.HubTopic = f.URL
		}
	}
	entries := doc.Entries
	for i, child := range doc.Sitemaps {
		if i == maxChildSitemaps || len(entries) >= feed.MaxEntries {
			break
		}
		more, err := p.childSitemap(ctx, child)
		if err != nil {
			p.log.Warn("child sitemap", "feed_id", f.ID, "url", child, "err", err)
			continue
		}
		entries = append(entries, more...)
	}
	return entries[:min(len(entries), feed.MaxEntries)], nil
}

// page reads a watched single page as one entry: its main text, title,
// author and date (package extract).
func page(f *Feed, got *fetched, o *Outcome) ([]feed.Entry, error) {
	a, err := extract.FromHTML(got.url, got.body)
	if err != nil {
		o.Err = Message{Key: "ingest.error.page", Args: []string{f.URL}}
		return nil, fmt.Errorf("ingest: page %d: %w", f.ID, err)
	}
	return []feed.Entry{{URL: got.url, Title: a.Title, Content: a.Text, Author: a.Author, Published: a.Published, Lang: a.Lang}}, nil
}

// childSitemap fetches and parses one child of a sitemap index.
func (p *Pipeline) childSitemap(ctx context.Context, rawURL string) ([]feed.Entry, error) {
	release, err := p.hosts.acquire(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	defer release()
	resp, err := p.client.Get(ctx, rawURL, http.Header{"Accept": {"application/xml, text/xml;q=0.9, */*;q=0.8"}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	text, _, err := resp.Text()
	if err != nil {
		return nil, err
	}
	doc, err := feed.Parse([]byte(text), resp.URL.String())
	if err != nil {
		return nil, err
	}
	return doc.Entries, nil
}

// wantsPages reports whether the feed's articles are fetched and
// extracted: when the source asks for it, and always for a sitemap, whose
// entries carry no text.
func wantsPages(f *Feed) bool { return f.FullText || f.Kind == source.Sitemap }
