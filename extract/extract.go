// Package extract finds the main text of an article page: the story without
// the site's navigation, menus, "Baca juga" links, advertisements, comments
// and footer, with its title, author, date, language, canonical URL and
// image.
//
// The text is found by github.com/markusmobius/go-trafilatura; when it
// finds nothing or too little (under MinText runes), by
// codeberg.org/readeck/go-readability instead, and the longer text wins.
// The HTML returned is sanitised by bluemonday's UGC policy, safe to show.
// The page must be UTF-8 already (safehttp converts it); FromHTML fetches
// nothing.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"

	"github.com/sinergi-id/sinergi/feed"
)

// Errors FromHTML wraps.
var (
	// ErrNoContent: the page has no main text to find.
	ErrNoContent = errors.New("no main text found")
	// ErrTooLarge: the page is over MaxPage bytes, or its elements nest
	// deeper than the HTML parser allows (512 open elements).
	ErrTooLarge = errors.New("page too large")
)

// Limits.
const (
	// MaxPage is the largest page FromHTML reads, in bytes; a news article
	// is rarely over 1 MiB.
	MaxPage = 5 << 20
	// MinText is the length of text, in runes, under which trafilatura's
	// result is checked against readability's.
	MinText = 200
	// MinContent is the shortest main text, in runes, that counts: less
	// than a sentence is what an error page, or a page whose text scripts
	// draw, leaves (its menu), not an article.
	MinContent = 80
)

// Article is what FromHTML finds in a page.
type Article struct {
	Title  string
	Author string
	// Published is in UTC, zero if unknown.
	Published time.Time
	// Text is the plain text of the main content, paragraphs separated by
	// "\n\n".
	Text string
	// HTML is the main content sanitised with bluemonday's UGC policy
	// (no scripts, no event handlers, links rel="nofollow"), with its links
	// and images made absolute: safe to show.
	HTML string
	// Lang is the page's language as ISO 639-1 ("id"), "" if not given.
	Lang string
	// Canonical is the page's rel=canonical (else og:url), absolute, "" if
	// none.
	Canonical string
	// Image is the page's lead image (og:image and the like), absolute.
	Image string
}

// ugcPolicy is built once, on first use; a bluemonday policy is safe for
// concurrent use once built.
var ugcPolicy = sync.OnceValue(bluemonday.UGCPolicy)

// FromHTML finds the article in page, fetched from pageURL (against which
// relative links are resolved). Errors wrap ErrTooLarge or ErrNoContent;
// a panic in an extractor is an error too.
func FromHTML(pageURL string, page []byte) (*Article, error) {
	if len(page) > MaxPage {
		return nil, fmt.Errorf("extract: %s: %d bytes, over %d: %w", pageURL, len(page), MaxPage, ErrTooLarge)
	}
	if !utf8.Valid(page) {
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	// Parse fails only when the elements nest too deep (a bytes.Reader
	// gives no read errors); the limit also keeps the extractors, which
	// walk the tree recursively, off a deep stack.
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %v: %w", pageURL, err, ErrTooLarge)
	}
	base, _ := url.Parse(pageURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	a, err := extract(doc, base)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", pageURL, err)
	}
	return a, nil
}

// extract runs trafilatura and, when it finds little, readability; the
// longer text wins. What the extractors leave blank comes from the page.
func extract(doc *html.Node, base *url.URL) (*Article, error) {
	content, meta, trafErr := runTrafilatura(doc, base)
	text := mainText(content, meta.title)
	if utf8.RuneCountInString(text) < MinText {
		// An error from readability leaves trafilatura's result standing.
		if node, r, err := runReadability(doc, base); err == nil && node != nil {
			meta.fill(r)
			if t := mainText(node, meta.title); utf8.RuneCountInString(t) > utf8.RuneCountInString(text) {
				content, text = node, t
			}
		}
	}
	if utf8.RuneCountInString(text) < MinContent {
		if trafErr != nil {
			return nil, fmt.Errorf("%w (%v)", ErrNoContent, trafErr)
		}
		return nil, ErrNoContent
	}
	absolutise(content, base)
	var b strings.Builder
	if err := html.Render(&b, content); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	a := &Article{
		Title:     oneLine(meta.title),
		Author:    oneLine(meta.author),
		Published: pageDate(doc, base),
		Text:      text,
		HTML:      strings.TrimSpace(ugcPolicy().Sanitize(b.String())),
		Lang:      feed.LangCode(meta.lang),
		Canonical: canonical(doc, base),
		Image:     resolve(base, meta.image),
	}
	if a.Lang == "" {
		a.Lang = feed.LangCode(htmlLang(doc))
	}
	return a, nil
}

// mainText removes from content what is not the story (see
// dropBoilerplate) and returns its text; "" for no content.
func mainText(content *html.Node, title string) string {
	if content == nil {
		return ""
	}
	dropBoilerplate(content, title)
	return textOf(content)
}

// metadata is what the extractors say about the page.
type metadata struct {
	title, author, lang, image string
}

// fill sets what m lacks from readability's reading.
func (m *metadata) fill(r readability.Article) {
	if m.title == "" {
		m.title = r.Title()
	}
	if m.author == "" {
		m.author = r.Byline()
	}
	if m.lang == "" {
		m.lang = r.Language()
	}
	if m.image == "" {
		m.image = r.ImageURL()
	}
}

// runTrafilatura extracts with trafilatura; no content is a nil node. A
// panic in it (a fetched page must never bring the process down) is an
// error, and readability still gets its turn.
func runTrafilatura(doc *html.Node, base *url.URL) (content *html.Node, meta metadata, err error) {
	defer func() {
		if r := recover(); r != nil {
			content, err = nil, fmt.Errorf("trafilatura: panic: %v", r)
		}
	}()
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     base,
		ExcludeComments: true,
		IncludeLinks:    true,
		// Precision: no "rescue" that returns the whole page's text when
		// little is found (readability gets its turn instead), and fewer
		// "Baca juga" lines.
		Focus: trafilatura.FavorPrecision,
		// The date is found by pageDate, which knows Indonesian dates.
		HtmlDateMode: trafilatura.Disabled,
	})
	if err != nil || res == nil {
		// trafilatura reports "no content" as an error; readability gets
		// its turn.
		return nil, meta, nil
	}
	m := res.Metadata
	meta = metadata{title: m.Title, author: m.Author, lang: m.Language, image: m.Image}
	return res.ContentNode, meta, nil
}

// runReadability extracts with readability, a panic being an error.
func runReadability(doc *html.Node, base *url.URL) (node *html.Node, art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			node, err = nil, fmt.Errorf("readability: panic: %v", r)
		}
	}()
	p := readability.NewParser()
	art, err = p.ParseDocument(doc, base)
	if err != nil {
		return nil, art, err
	}
	return art.Node, art, nil
}
