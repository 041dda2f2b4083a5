package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/sinergi-id/sinergi/internal/textcut"
)

// sitemapNamespaces are the namespaces a sitemap's root may be in. No
// namespace at all is accepted too: sites that forget it are common, and
// the root's name is distinctive enough.
var sitemapNamespaces = []string{
	"http://www.sitemaps.org/schemas/sitemap/0.9",
	"https://www.sitemaps.org/schemas/sitemap/0.9",
	"http://www.google.com/schemas/sitemap/0.84",
	"http://www.google.com/schemas/sitemap/0.9",
}

// isSitemapRoot reports whether a document's root element makes it a
// sitemap or a sitemap index.
func isSitemapRoot(root xml.Name) bool {
	if root.Local != "urlset" && root.Local != "sitemapindex" {
		return false
	}
	space := strings.TrimSpace(root.Space)
	if space == "" {
		return true
	}
	for _, ns := range sitemapNamespaces {
		if strings.EqualFold(space, ns) {
			return true
		}
	}
	return false
}

// sitemapURL is one <url> of a urlset or one <sitemap> of an index, with
// the Google News and image extensions. The tags name no namespace, so a
// sitemap that binds the extensions' prefixes wrongly still reads.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
		Publication     struct {
			Language string `xml:"language"`
		} `xml:"publication"`
	} `xml:"news"`
	Images []struct {
		Loc string `xml:"loc"`
	} `xml:"image"`
}

// parseSitemap reads a urlset or sitemapindex element by element, so that
// it stops after MaxEntries without reading the rest.
func parseSitemap(body []byte, base *url.URL) (*Document, error) {
	d := newDecoder(bytes.NewReader(body))
	doc := &Document{Format: Sitemap, Link: siteRoot(base)}
	depth := 0
	for len(doc.Entries)+len(doc.Sitemaps) < MaxEntries {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if t.Name.Local == "sitemapindex" {
					doc.Format = SitemapIndex
				}
				continue
			}
			if depth == 2 && (t.Name.Local == "url" || t.Name.Local == "sitemap") {
				var u sitemapURL
				if err := d.DecodeElement(&u, &t); err != nil {
					return nil, err
				}
				depth--
				doc.addSitemapURL(&u, base)
				continue
			}
			if err := d.Skip(); err != nil {
				return nil, err
			}
			depth--
		case xml.EndElement:
			depth--
		}
	}
	return doc, nil
}

// addSitemapURL adds u to doc as an entry or, in an index, a child
// sitemap. A <url> without a usable <loc> is skipped.
func (doc *Document) addSitemapURL(u *sitemapURL, base *url.URL) {
	loc := resolve(base, u.Loc)
	if loc == "" {
		return
	}
	updated, _ := ParseTime(u.LastMod)
	if updated.After(doc.Updated) {
		doc.Updated = updated
	}
	if doc.Format == SitemapIndex {
		doc.Sitemaps = append(doc.Sitemaps, loc)
		return
	}
	e := Entry{
		URL:     loc,
		Title:   textcut.Runes(plainText(u.News.Title, false), MaxTitleRunes),
		Updated: updated,
		Lang:    LangCode(u.News.Publication.Language),
	}
	e.Published, _ = ParseTime(u.News.PublicationDate)
	if e.Published.IsZero() {
		e.Published = e.Updated
	}
	for _, img := range u.Images {
		if e.Image = resolve(base, img.Loc); e.Image != "" {
			break
		}
	}
	doc.Entries = append(doc.Entries, e)
}

// siteRoot returns the root of base's host ("https://host/"), or "".
func siteRoot(base *url.URL) string {
	if base == nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return ""
	}
	return (&url.URL{Scheme: base.Scheme, Host: base.Host, Path: "/"}).String()
}
