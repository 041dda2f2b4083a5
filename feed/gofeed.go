package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"

	"github.com/sinergi-id/sinergi/internal/textcut"
)

// parseFeed reads RSS, Atom or JSON Feed through gofeed.
func parseFeed(body []byte, base *url.URL) (*Document, error) {
	var hub string
	if body[0] == '{' {
		var err error
		if hub, err = jsonFeedHead(body); err != nil {
			return nil, err
		}
	}
	f, err := gofeedParse(body)
	if err != nil {
		return nil, err
	}
	doc := &Document{
		Title:   textcut.Runes(plainText(f.Title, false), MaxTitleRunes),
		Link:    resolve(base, f.Link),
		Self:    resolve(base, f.FeedLink),
		Updated: pickTime(f.Updated, f.UpdatedParsed),
	}
	if doc.Updated.IsZero() {
		doc.Updated = pickTime(f.Published, f.PublishedParsed)
	}
	var jf *jsonfeed.Feed
	switch f.FeedType {
	case "rss":
		doc.Format = RSS
		doc.Hub = resolve(base, rssHub(f))
	case "atom":
		doc.Format = Atom
		if af, ok := f.OriginalFeed().(*atom.Feed); ok {
			doc.Hub = resolve(base, atomHub(af.Links))
		}
	case "json":
		doc.Format = JSONFeed
		jf, _ = f.OriginalFeed().(*jsonfeed.Feed)
		doc.Hub = resolve(base, hub)
	default:
		return nil, fmt.Errorf("unknown feed type %q", f.FeedType)
	}
	feedAuthor := textcut.Runes(plainText(personName(f.Authors), false), maxAuthorRunes)
	feedLang := LangCode(f.Language)
	items := f.Items[:min(len(f.Items), MaxEntries)]
	doc.Entries = make([]Entry, 0, len(items))
	for i, it := range items {
		if it == nil {
			continue
		}
		e := entry(it, base)
		if jf != nil && i < len(jf.Items) && jf.Items[i] != nil {
			jsonText(&e, jf.Items[i])
		}
		if e.Author == "" {
			e.Author = feedAuthor
		}
		if e.Lang == "" {
			e.Lang = feedLang
		}
		doc.Entries = append(doc.Entries, e)
	}
	return doc, nil
}

// gofeedParse runs gofeed, turning a panic into an error: gofeed v1.4.2
// dereferences nil for a JSON Feed whose items or authors hold null, and a
// fetched document must never bring the process down.
func gofeedParse(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("gofeed: panic: %v", r)
		}
	}()
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true // for Atom's rel=hub and JSON Feed's plain-text fields
	return p.Parse(bytes.NewReader(body))
}

// entry converts one gofeed item.
func entry(it *gofeed.Item, base *url.URL) Entry {
	e := Entry{
		GUID:    textcut.Bytes(strings.TrimSpace(it.GUID), maxGUIDBytes),
		URL:     resolve(base, it.Link),
		Title:   textcut.Runes(plainText(it.Title, false), MaxTitleRunes),
		Summary: textcut.Runes(plainText(it.Description, false), MaxSummaryRunes),
		Content: textcut.Bytes(plainText(it.Content, true), MaxContentBytes),
		Author:  textcut.Runes(plainText(personName(it.Authors), false), maxAuthorRunes),
		Updated: pickTime(it.Updated, it.UpdatedParsed),
		Image:   resolve(base, itemImage(it)),
	}
	if e.URL == "" {
		for _, l := range it.Links {
			if e.URL = resolve(base, l); e.URL != "" {
				break
			}
		}
	}
	e.Published = pickTime(it.Published, it.PublishedParsed)
	if e.Published.IsZero() {
		e.Published = e.Updated
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Language) > 0 {
		e.Lang = LangCode(it.DublinCoreExt.Language[0])
	}
	return e
}

// jsonText redoes the text fields JSON Feed defines as plain text (title,
// summary, content_text) without treating "<" and "&" as markup, and takes
// the item's language (JSON Feed 1.1).
func jsonText(e *Entry, it *jsonfeed.Item) {
	e.Title = textcut.Runes(plainTextOnly(it.Title, false), MaxTitleRunes)
	e.Summary = textcut.Runes(plainTextOnly(it.Summary, false), MaxSummaryRunes)
	if it.ContentHTML == "" {
		e.Content = textcut.Bytes(plainTextOnly(it.ContentText, true), MaxContentBytes)
	}
	if lang := LangCode(it.Language); lang != "" {
		e.Lang = lang
	}
}

// personName returns the first author's name, or "".
func personName(people []*gofeed.Person) string {
	for _, p := range people {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return p.Name
		}
	}
	return ""
}

// itemImage picks an item's image: media:thumbnail, then a plain
// <thumbnail> (as Tempo's feeds write it), then what gofeed found (an image
// enclosure or media:content, iTunes image, JSON Feed image, the first
// <img> of the content), then any enclosure of type image.
func itemImage(it *gofeed.Item) string {
	if media, ok := it.Extensions["media"]; ok {
		for _, name := range []string{"thumbnail", "group"} {
			for _, m := range media[name] {
				if u := m.Attrs["url"]; u != "" {
					return u
				}
				for _, th := range m.Children["thumbnail"] {
					if u := th.Attrs["url"]; u != "" {
						return u
					}
				}
			}
		}
	}
	if u := strings.TrimSpace(it.Custom["thumbnail"]); u != "" {
		return u
	}
	if it.Image != nil && it.Image.URL != "" {
		return it.Image.URL
	}
	for _, enc := range it.Enclosures {
		if enc != nil && strings.HasPrefix(enc.Type, "image") {
			return enc.URL
		}
	}
	return ""
}

// rssHub returns the href of an atom:link rel="hub" in an RSS channel.
func rssHub(f *gofeed.Feed) string {
	for _, prefix := range []string{"atom", "atom10", "atom03"} {
		for _, l := range f.Extensions[prefix]["link"] {
			if strings.EqualFold(strings.TrimSpace(l.Attrs["rel"]), "hub") {
				return l.Attrs["href"]
			}
		}
	}
	return ""
}

// atomHub returns the href of an Atom feed's link rel="hub".
func atomHub(links []*atom.Link) string {
	for _, l := range links {
		if l != nil && strings.EqualFold(strings.TrimSpace(l.Rel), "hub") {
			return l.Href
		}
	}
	return ""
}

// jsonFeedHead checks that a JSON document is a JSON Feed (gofeed takes
// any JSON object for one) and returns the URL of its WebSub hub, which
// gofeed does not read. A feed may list hubs of other kinds (rssCloud): only
// WebSub is taken, or a hub that names no type.
func jsonFeedHead(body []byte) (hub string, err error) {
	var v struct {
		Version string `json:"version"`
		Hubs    []struct {
			Type string `json:"type"`
			URL  string `json:"url"`
		} `json:"hubs"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return "", err
	}
	if !strings.HasPrefix(v.Version, "https://jsonfeed.org/version/") && !strings.HasPrefix(v.Version, "http://jsonfeed.org/version/") {
		return "", fmt.Errorf("JSON without a JSON Feed version (%.60q)", v.Version)
	}
	for _, h := range v.Hubs {
		if h.Type == "" || strings.EqualFold(h.Type, "websub") || strings.EqualFold(h.Type, "pubsubhubbub") {
			return h.URL, nil
		}
	}
	return "", nil
}
