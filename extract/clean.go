package extract

import (
	"net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// seeAlso are the openings of the lines Indonesian news sites put inside
// a story to send the reader elsewhere ("Baca juga: ..."), which the
// extractors keep because they sit among the story's paragraphs.
var seeAlso = []string{
	"baca juga", "baca pula", "baca:", "simak juga", "lihat juga", "tonton juga",
	"artikel terkait", "berita terkait", "baca berita terkait",
}

// bylines open the short lines that credit the story ("Reporter: Lina ·
// Editor: Yudi"); Article.Author says who wrote it.
var bylines = []string{"reporter:", "reporter :", "penulis:", "penulis :", "editor:", "editor :", "pewarta:", "pewarta :", "redaktur:"}

// maxByline is the longest line taken for a byline.
const maxByline = 150

// dropBoilerplate removes from the extracted content the "Baca juga"
// lines, the paragraphs that are nothing but a link (the same, with the
// words left out), the bylines and the headline (Article.Title has it), so
// that Text is the story.
func dropBoilerplate(content *html.Node, title string) {
	title = strings.ToLower(oneLine(title))
	var drop []*html.Node
	headline := false
	find(content, func(n *html.Node) bool {
		switch a := tag(n); {
		case a == atom.H1 || a == atom.H2:
			if !headline && title != "" && strings.ToLower(oneLine(shortText(n, 300))) == title {
				drop, headline = append(drop, n), true
			}
		case blocks[a] && a != atom.Body:
			text := strings.ToLower(oneLine(shortText(n, 300)))
			if text != "" && (hasPrefix(text, seeAlso) || (len(text) <= maxByline && hasPrefix(text, bylines)) || linkOnly(n)) {
				drop = append(drop, n)
			}
		}
		return false
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// linkOnly reports whether all the text under n is the text of links.
func linkOnly(n *html.Node) bool {
	linked := false
	var walk func(n *html.Node, inLink bool) bool
	walk = func(n *html.Node, inLink bool) bool {
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) != "":
			linked = linked || inLink
			return inLink
		case n.Type == html.ElementNode && tag(n) == atom.A:
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c, inLink) {
				return false
			}
		}
		return true
	}
	return walk(n, false) && linked
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// pageDate returns when the page was published, in UTC, or zero. The page's
// metadata, JSON-LD, <time> elements and URL are read by go-htmldate; a
// time it finds without a zone is taken as WIB, as feed.ParseTime takes
// it. Where it finds only a day (often from the URL), or nothing, the date
// the page shows (visibleDate: "Senin, 23 Nov 2026 10:45 WITA") is used if
// it falls on that day, or if there is nothing else.
func pageDate(doc *html.Node, base *url.URL) time.Time {
	opts := htmldate.Options{ExtractTime: true, UseOriginalDate: true, SkipExtensiveSearch: true, DeferUrlExtractor: true}
	if base != nil {
		opts.URL = base.String()
	}
	var day time.Time // midnight WIB of the day found, when only a day is
	if res, err := htmldate.FromDocument(doc, opts); err == nil && !res.IsZero() {
		d := res.DateTime
		switch {
		case res.HasTime && res.HasTimezone:
			return d.UTC()
		case res.HasTime:
			return time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.UTC).Add(-7 * time.Hour)
		}
		day = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Add(-7 * time.Hour)
	}
	shown := visibleDate(doc)
	// WIT is two hours ahead of WIB: a day starts at day-2h in UTC terms.
	if day.IsZero() || (!shown.IsZero() && !shown.Before(day.Add(-2*time.Hour)) && shown.Before(day.Add(24*time.Hour))) {
		return shown
	}
	return day
}
