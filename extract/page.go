package extract

import (
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sinergi-id/sinergi/feed"
)

// skipped elements hold no text a reader sees.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Head: true,
}

// blocks are the elements a paragraph ends at.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Hr: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Section: true, atom.Article: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Aside: true, atom.Nav: true, atom.Body: true,
}

// textOf returns the plain text of n: white space collapsed within
// paragraphs, paragraphs (blocks, line breaks) separated by "\n\n".
func textOf(n *html.Node) string {
	var w paragraphs
	w.walk(n)
	w.flush()
	return strings.Join(w.done, "\n\n")
}

type paragraphs struct {
	done []string
	cur  strings.Builder
}

func (w *paragraphs) walk(n *html.Node) {
	a := tag(n)
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[a] {
			return
		}
	case html.CommentNode, html.DoctypeNode, html.RawNode:
		return
	}
	block := blocks[a]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	switch {
	case block:
		w.flush()
	case a == atom.Td || a == atom.Th:
		w.cur.WriteByte(' ')
	}
}

// tag returns n's element name as an atom. Nodes the extractors create
// may carry only the name (Data), not the atom.
func tag(n *html.Node) atom.Atom {
	if n.Type != html.ElementNode || n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

func (w *paragraphs) flush() {
	if words := strings.Fields(w.cur.String()); len(words) > 0 {
		w.done = append(w.done, strings.Join(words, " "))
	}
	w.cur.Reset()
}

// oneLine collapses white space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// absolutise resolves the links and image sources under n against base,
// so that the HTML shows the same on another site; srcset, which would
// need the same for each of its URLs, is dropped.
func absolutise(n *html.Node, base *url.URL) {
	if n.Type == html.ElementNode {
		attrs := n.Attr[:0]
		for _, a := range n.Attr {
			switch a.Key {
			case "srcset":
				continue
			case "href", "src":
				if base != nil {
					a.Val = resolve(base, a.Val)
				}
			}
			attrs = append(attrs, a)
		}
		n.Attr = attrs
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		absolutise(c, base)
	}
}

// resolve returns ref made absolute against base, or "" if it is empty or
// not http(s) once resolved.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 4096 {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find calls visit on the elements of doc in document order, until it
// returns true.
func find(doc *html.Node, visit func(*html.Node) bool) bool {
	if doc.Type == html.ElementNode && visit(doc) {
		return true
	}
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if find(c, visit) {
			return true
		}
	}
	return false
}

// canonical returns the page's <link rel="canonical">, else its og:url,
// absolute.
func canonical(doc *html.Node, base *url.URL) string {
	var link, og string
	find(doc, func(n *html.Node) bool {
		switch {
		case n.DataAtom == atom.Link && link == "" && hasToken(attr(n, "rel"), "canonical"):
			link = resolve(base, attr(n, "href"))
		case n.DataAtom == atom.Meta && og == "" && attr(n, "property") == "og:url":
			og = resolve(base, attr(n, "content"))
		}
		return link != ""
	})
	if link != "" {
		return link
	}
	return og
}

func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// htmlLang returns the lang attribute of <html>.
func htmlLang(doc *html.Node) string {
	var lang string
	find(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.Html {
			lang = attr(n, "lang")
			return true
		}
		return false
	})
	return lang
}

// dateMeta names the meta tags (property, name or itemprop) that hold a
// page's publication date.
var dateMeta = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true,
	"pubdate": true, "publishdate": true, "publish-date": true, "date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.created": true, "content_publisheddate": true,
}

// dateWords mark, in a class or id, an element that shows the date.
var dateWords = []string{"date", "time", "tanggal", "tgl", "publish", "posted", "waktu"}

// visibleDate returns the first date the page shows or declares that
// feed.ParseTime reads: a meta tag, a <time>, or the text of an element
// whose class or id says it holds the date ("Senin, 23 Nov 2026 10:00 WIB").
// It is the fallback for when the extractors found no date.
func visibleDate(doc *html.Node) time.Time {
	var found time.Time
	tries := 0
	find(doc, func(n *html.Node) bool {
		var candidate string
		switch {
		case n.DataAtom == atom.Meta:
			key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
			if !dateMeta[key] {
				return false
			}
			candidate = attr(n, "content")
		case n.DataAtom == atom.Time && attr(n, "datetime") != "":
			candidate = attr(n, "datetime")
		case n.DataAtom == atom.Time || hasDateWord(attr(n, "class")+" "+attr(n, "id")):
			candidate = shortText(n, maxDateText)
		default:
			return false
		}
		tries++
		found = parseLoose(candidate)
		return !found.IsZero() || tries >= 50
	})
	return found
}

func hasDateWord(s string) bool {
	s = strings.ToLower(s)
	for _, w := range dateWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// maxDateText is the longest text read as a date: an element holding more
// holds more than its date.
const maxDateText = 200

// shortText returns the text under n, or "" once it passes limit bytes.
func shortText(n *html.Node, limit int) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return b.Len() <= limit
		}
		if n.Type == html.ElementNode && skipped[tag(n)] {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return ""
	}
	return b.String()
}

// parseLoose finds a date in a short text that may carry words around it
// ("Kompas.com - 23/11/2026, 10:00 WIB", "Senin, 23 Nov 2026 | Dibaca 5
// kali"): the first run of its words that feed.ParseTime reads, dropping up
// to eight words from the start and, for each start, from the end.
func parseLoose(s string) time.Time {
	if len(s) > maxDateText {
		return time.Time{}
	}
	words := strings.Fields(s)
	for i := 0; i < len(words) && i <= 8; i++ {
		for j := len(words); j > i && j >= len(words)-8; j-- {
			if t, ok := feed.ParseTime(strings.Join(words[i:j], " ")); ok {
				return t
			}
		}
	}
	return time.Time{}
}
