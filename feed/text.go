package feed

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// strictPolicy strips every tag, keeping text; built once, on first use
// (a bluemonday policy is safe for concurrent use once built).
var strictPolicy = sync.OnceValue(bluemonday.StrictPolicy)

// blockTag matches the tags that end a line (<br>) or a block, so that
// stripping them leaves words apart and, in content, paragraphs apart.
var blockTag = regexp.MustCompile(`(?i)<(?:br|/?(?:p|div|h[1-6]|li|dd|dt|blockquote|pre|tr|td|th|table|ul|ol|dl|section|article|figure|figcaption|header|footer|aside|nav|main|hr))\b[^>]*>`)

// plainText turns a feed's HTML (or text) into plain text: tags stripped by
// bluemonday's strict policy, entities decoded, white space collapsed. With
// paragraphs, blocks are separated by "\n\n" (a <br> is a line break, two
// make a paragraph break).
func plainText(s string, paragraphs bool) string {
	if strings.ContainsAny(s, "<&") {
		if strings.IndexByte(s, '<') >= 0 {
			s = blockTag.ReplaceAllStringFunc(s, func(tag string) string {
				switch {
				case !paragraphs:
					return tag + " "
				case len(tag) > 2 && tag[1]|0x20 == 'b' && tag[2]|0x20 == 'r': // <br>
					return tag + "\n"
				}
				return tag + "\n\n"
			})
		}
		s = html.UnescapeString(strictPolicy().Sanitize(s))
	}
	if paragraphs {
		return collapseParagraphs(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapseParagraphs collapses white space within paragraphs and joins
// them with "\n\n"; a blank line (or a double <br>) separates paragraphs.
func collapseParagraphs(s string) string {
	var b strings.Builder
	blank := false
	for line := range strings.Lines(s) {
		words := strings.Fields(line)
		if len(words) == 0 {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		blank = false
		for i, w := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}

// plainTextOnly collapses the white space of a field the format defines as
// plain text (JSON Feed's title, summary and content_text), leaving "<"
// and "&" as they are.
func plainTextOnly(s string, paragraphs bool) string {
	if paragraphs {
		return collapseParagraphs(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// resolve returns ref made absolute against base, or "" when ref is empty,
// too long, unparsable, or not http(s) once resolved (javascript:, data:,
// and relative links with nothing to resolve against).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > maxURLBytes {
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
	s := u.String()
	if len(s) > maxURLBytes {
		return ""
	}
	return s
}

// langCode returns the ISO 639-1 code of a language tag ("id-ID" → "id"),
// or "" when the tag names none. The legacy "in" and the ISO 639-2/3 codes
// of Indonesian and English, which Indonesian feeds use, are mapped.
func LangCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "in", "ind":
		return "id"
	case "eng":
		return "en"
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
