package dedup

import (
	"html"
	"net"
	"net/url"
	"strings"
)

// maxHead is how much of a page CanonicalFromHTML reads: the <head> of a
// news page is a few tens of kilobytes; a link after that is not trusted
// to be in the head.
const maxHead = 256 << 10

// CanonicalFromHTML is (*URLRules).CanonicalFromHTML with DefaultURLRules.
func CanonicalFromHTML(pageURL, page string) (string, error) {
	return defaultRules.CanonicalFromHTML(pageURL, page)
}

// CanonicalFromHTML returns the canonical URL of the page fetched from
// pageURL: the page's <link rel="canonical" href>, else its <meta
// property="og:url" content>, else pageURL itself, each through Canonical.
// Only the head is read (up to </head>, <body> or 256 KiB). A declared URL
// is resolved against pageURL and accepted only when it is http(s) and on
// the same registrable domain as pageURL (amp.kompas.com may point to
// nasional.kompas.com; a page on one outlet may not claim another's URL,
// which would let any page merge itself into someone else's story). An
// error means pageURL itself is invalid.
func (r *URLRules) CanonicalFromHTML(pageURL, page string) (string, error) {
	own, err := r.Canonical(pageURL)
	if err != nil {
		return "", err
	}
	base, _ := url.Parse(strings.TrimSpace(pageURL))
	var link, og string
	for tag := range headTags(page) {
		switch tag.name {
		case "link":
			if link == "" && hasToken(tag.attr("rel"), "canonical") {
				link = tag.attr("href")
			}
		case "meta":
			if og == "" && strings.EqualFold(tag.attr("property"), "og:url") {
				og = tag.attr("content")
			}
		}
	}
	for _, cand := range []string{link, og} {
		if c, ok := r.resolve(base, own, cand); ok {
			return c, nil
		}
	}
	return own, nil
}

// resolve returns the canonical form of href relative to base when it is on
// the registrable domain of own.
func (r *URLRules) resolve(base *url.URL, own, href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" {
		return "", false
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	c, err := r.Canonical(base.ResolveReference(ref).String())
	if err != nil {
		return "", false
	}
	cu, _ := url.Parse(c)
	ou, _ := url.Parse(own)
	if RegistrableDomain(cu.Hostname()) != RegistrableDomain(ou.Hostname()) {
		return "", false
	}
	return c, true
}

// twoLevel are the public suffixes of two labels that Indonesian outlets and
// agencies sit under; RegistrableDomain keeps three labels below them.
var twoLevel = map[string]bool{
	"co.id": true, "go.id": true, "ac.id": true, "or.id": true, "web.id": true, "sch.id": true,
	"my.id": true, "biz.id": true, "net.id": true, "mil.id": true, "desa.id": true,
	"ponpes.id": true,
	"co.uk":     true, "com.au": true, "com.sg": true, "com.my": true, "co.jp": true,
}

// RegistrableDomain returns the part of host that one owner registers:
// "nasional.kompas.com" → "kompas.com", "www.jatimprov.go.id" →
// "jatimprov.go.id". It knows the second-level suffixes under .id and a few
// others (not the whole public-suffix list); an IP address is its own
// domain.
func RegistrableDomain(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if net.ParseIP(host) != nil {
		return host
	}
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 && twoLevel[strings.Join(labels[len(labels)-2:], ".")] {
		n = 3
	}
	if len(labels) <= n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

// hasToken reports whether the space-separated list s holds tok.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// tag is a start tag with its attributes (names lower-cased, values
// unescaped).
type tag struct {
	name  string
	attrs [][2]string
}

func (t tag) attr(name string) string {
	for _, a := range t.attrs {
		if a[0] == name {
			return a[1]
		}
	}
	return ""
}

// headTags yields the <link> and <meta> start tags of the page's head. It is
// a scanner, not a parser: comments, scripts and styles are skipped, and
// anything malformed ends the head.
func headTags(page string) func(yield func(tag) bool) {
	if len(page) > maxHead {
		page = page[:maxHead]
	}
	return func(yield func(tag) bool) {
		s := page
		for {
			i := strings.IndexByte(s, '<')
			if i < 0 {
				return
			}
			s = s[i+1:]
			switch {
			case strings.HasPrefix(s, "!--"):
				end := strings.Index(s, "-->")
				if end < 0 {
					return
				}
				s = s[end+3:]
				continue
			case hasPrefixFold(s, "script"), hasPrefixFold(s, "style"):
				closing := "</script"
				if hasPrefixFold(s, "style") {
					closing = "</style"
				}
				end := indexFold(s, closing)
				if end < 0 {
					return
				}
				s = s[end+len(closing):]
				continue
			case hasPrefixFold(s, "/head"), hasPrefixFold(s, "body"):
				return
			}
			name, rest := tagName(s)
			if name != "link" && name != "meta" {
				continue
			}
			t, rest, ok := attrs(name, rest)
			if !ok || !yield(t) {
				return
			}
			s = rest
		}
	}
}

func tagName(s string) (name, rest string) {
	i := 0
	for i < len(s) && (isLetter(s[i]) || (i > 0 && s[i] >= '0' && s[i] <= '9')) {
		i++
	}
	return strings.ToLower(s[:i]), s[i:]
}

// attrs reads the attributes up to the end of the tag.
func attrs(name, s string) (tag, string, bool) {
	t := tag{name: name}
	for {
		s = strings.TrimLeft(s, " \t\r\n\f/")
		if s == "" {
			return t, s, false
		}
		if s[0] == '>' {
			return t, s[1:], true
		}
		i := strings.IndexAny(s, "= \t\r\n\f/>")
		if i < 0 {
			return t, "", false
		}
		if i == 0 { // a stray '='
			s = s[1:]
			continue
		}
		key := strings.ToLower(s[:i])
		s = strings.TrimLeft(s[i:], " \t\r\n\f")
		val := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t\r\n\f")
			val, s = attrValue(s)
		}
		t.attrs = append(t.attrs, [2]string{key, html.UnescapeString(val)})
	}
}

func attrValue(s string) (val, rest string) {
	if s == "" {
		return "", s
	}
	if q := s[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return s[1:], ""
		}
		return s[1 : 1+end], s[2+end:]
	}
	end := strings.IndexAny(s, " \t\r\n\f>")
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is strings.Index of the lower-case ASCII sub in s, ignoring
// ASCII case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if hasPrefixFold(s[i:], sub) {
			return i
		}
	}
	return -1
}
