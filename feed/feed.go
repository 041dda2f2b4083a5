// Package feed turns what a poller fetched (an RSS 0.9x/1.0/2.0, Atom or
// JSON Feed document, a sitemap or a sitemap index) into entries the
// ingestion pipeline can follow: absolute URLs, plain-text titles and
// summaries, and times in UTC, including the broken dates Indonesian sites
// write ("Senin, 23 Nov 2026 10:00:00 WIB").
//
// Feeds are read by github.com/mmcdole/gofeed; sitemaps (which gofeed does
// not read) by encoding/xml here. Parse expects UTF-8: the caller converts
// charsets first (safehttp does), so an XML declaration naming another
// encoding is believed to be stale and ignored. Parse never fetches anything.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrFormat is wrapped by every error Parse returns: the body is empty, is
// malformed, or is not a feed or sitemap at all.
var ErrFormat = errors.New("not a feed or sitemap")

// Limits on what one document yields. Entries past MaxEntries are dropped
// (a sitemap's are not even read): a poller sees the newest items of a feed
// first, and a sitemap larger than that is a site's archive, not its news.
// Text fields longer than their limit are cut on a rune boundary.
const (
	MaxEntries      = 10_000  // entries (or child sitemaps) per document
	MaxTitleRunes   = 1_000   // Entry.Title
	MaxSummaryRunes = 10_000  // Entry.Summary
	MaxContentBytes = 200_000 // Entry.Content
	maxAuthorRunes  = 1_000   // Entry.Author
	maxGUIDBytes    = 2_048   // Entry.GUID: longer is not an identifier but noise
	maxURLBytes     = 4_096   // longer URLs are treated as missing
)

// Format is the kind of document Parse found.
type Format int

// The formats Parse reads. The zero Format is not one of them.
const (
	RSS          Format = iota + 1 // RSS 0.9x, 1.0 (RDF) or 2.0
	Atom                           // Atom 0.3 or 1.0
	JSONFeed                       // JSON Feed 1.0 or 1.1
	Sitemap                        // a sitemaps.org urlset, with Google News fields if present
	SitemapIndex                   // a sitemaps.org sitemapindex: Document.Sitemaps
)

// String names the format as its specification does.
func (f Format) String() string {
	switch f {
	case RSS:
		return "RSS"
	case Atom:
		return "Atom"
	case JSONFeed:
		return "JSON Feed"
	case Sitemap:
		return "sitemap"
	case SitemapIndex:
		return "sitemap index"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Document is what one fetched feed or sitemap holds.
type Document struct {
	Format Format
	Title  string
	// Link is the site's home page, absolute; for a sitemap, the root of
	// the host it was fetched from (the protocol keeps a sitemap's URLs on
	// its own host).
	Link string
	// Hub is the WebSub hub URL (<link rel="hub">, atom:link rel=hub, JSON
	// Feed hubs), absolute, "" if none.
	Hub string
	// Self is the rel="self" topic URL (JSON Feed: feed_url), "" if none.
	Self string
	// Updated is when the document last changed, zero if unknown; for a
	// sitemap, its latest lastmod.
	Updated time.Time
	Entries []Entry
	// Sitemaps lists a sitemap index's child sitemaps, absolute.
	Sitemaps []string
}

// Entry is one item of a feed or one URL of a sitemap.
type Entry struct {
	// GUID is the item's identifier as given (cut at 2 KiB); it may be
	// empty or unstable (some feeds number their items 1..9), so callers
	// key on URL.
	GUID string
	// URL is absolute (resolved against the document URL), http or https,
	// "" if none.
	URL string
	// Title, Summary and Content are plain text: tags stripped, entities
	// decoded, whitespace collapsed; Content keeps paragraph breaks as
	// "\n\n". Content is the full text (content:encoded, Atom content, JSON
	// content_html/content_text) when the feed carries it.
	Title   string
	Summary string
	Content string
	Author  string
	// Published is zero if unknown; Updated stands in when the document
	// gives only that. Both are in UTC.
	Published time.Time
	Updated   time.Time
	// Lang is the entry's or document's language as ISO 639-1 in lower
	// case ("id"), "" if not given.
	Lang string
	// Image is the enclosure, media thumbnail or <thumbnail> URL, "" if none.
	Image string
}

// Parse reads a fetched feed or sitemap. docURL is where it was fetched
// from: relative links are resolved against it. body must be UTF-8 (see the
// package comment). Every error wraps ErrFormat.
func Parse(body []byte, docURL string) (*Document, error) {
	body = normalise(body)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("feed: parse: %w: empty body", ErrFormat)
	}
	base, _ := url.Parse(docURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	if body[0] == '<' {
		root, err := rootElement(body)
		if err != nil {
			return nil, fmt.Errorf("feed: parse: %w: %v", ErrFormat, err)
		}
		if isSitemapRoot(root) {
			doc, err := parseSitemap(body, base)
			if err != nil {
				return nil, fmt.Errorf("feed: parse sitemap: %w: %v", ErrFormat, err)
			}
			return doc, nil
		}
	}
	doc, err := parseFeed(body, base)
	if err != nil {
		return nil, fmt.Errorf("feed: parse: %w: %v", ErrFormat, err)
	}
	return doc, nil
}

// normalise makes body safe for the XML and JSON decoders: invalid UTF-8
// becomes U+FFFD, a byte-order mark and leading white space go, and an XML
// declaration naming a charset is rewritten to UTF-8, because the bytes
// already are UTF-8 (gofeed would otherwise decode them a second time).
func normalise(body []byte) []byte {
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	body = bytes.TrimLeft(body, " \t\r\n")
	if !bytes.HasPrefix(body, []byte("<?xml")) {
		return body
	}
	end := bytes.Index(body[:min(len(body), 512)], []byte("?>"))
	if end < 0 {
		return body
	}
	decl := strings.ToLower(string(body[:end]))
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return body
	}
	value := strings.Trim(strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n="), " \t\r\n\"'")
	if value == "utf-8" || value == "utf8" {
		return body
	}
	const utf8Decl = `<?xml version="1.0" encoding="UTF-8"?>`
	out := make([]byte, 0, len(utf8Decl)+len(body)-end-2)
	out = append(out, utf8Decl...)
	return append(out, body[end+2:]...)
}

// newDecoder returns an encoding/xml decoder as lenient as real feeds and
// sitemaps need: HTML entities and unclosed tags are tolerated, and any
// declared charset is taken to be UTF-8 already.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	return d
}

// rootElement returns the name of the document's first element.
func rootElement(body []byte) (xml.Name, error) {
	d := newDecoder(bytes.NewReader(body))
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, fmt.Errorf("no root element: %v", err)
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start.Name, nil
		}
	}
}
