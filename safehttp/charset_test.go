package safehttp

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// latin is a sentence in windows-1252: é (E9), ’ (92), “ ” (93 94), — (97),
// ð (F0). latinUTF8 is the same in UTF-8.
const (
	latin     = "Pak Andr\xe9 bilang \x93halo\x94 \x97 it\x92s ma\xf0ur"
	latinUTF8 = "Pak André bilang “halo” — it’s maður"
)

var charsetCases = []struct {
	name, body, contentType string
	want, charset           string
}{
	{"header windows-1252", latin, "text/html; charset=windows-1252", latinUTF8, "windows-1252"},
	{"header ISO-8859-1 read as windows-1252", latin, "text/html; charset=ISO-8859-1", latinUTF8, "windows-1252"},
	{"header quoted label", latin, `text/plain; charset="Windows-1252"`, latinUTF8, "windows-1252"},
	{"meta charset", `<html><head><meta charset="windows-1252"></head>` + latin,
		"text/html", `<html><head><meta charset="windows-1252"></head>` + latinUTF8, "windows-1252"},
	{"meta http-equiv", `<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">` + latin,
		"", `<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">` + latinUTF8, "windows-1252"},
	{"meta in a comment is not a declaration", `<!-- <meta charset="koi8-r"> -->` + latinUTF8,
		"text/html", `<!-- <meta charset="koi8-r"> -->` + latinUTF8, "utf-8"},
	{"XML declaration, rewritten", `<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>` + latin + `</title></rss>`,
		"application/rss+xml", `<?xml version="1.0" encoding="UTF-8"?><rss><title>` + latinUTF8 + `</title></rss>`, "windows-1252"},
	{"XML declaration with single quotes", "\n<?xml version='1.0' encoding='windows-1252'?><feed>" + latin,
		"application/atom+xml", "\n<?xml version='1.0' encoding='UTF-8'?><feed>" + latinUTF8, "windows-1252"},
	{"header wins over the XML declaration", `<?xml version="1.0" encoding="windows-1252"?><rss>` + latinUTF8,
		"application/xml; charset=utf-8", `<?xml version="1.0" encoding="UTF-8"?><rss>` + latinUTF8, "utf-8"},
	{"UTF-8 BOM wins over the header", "\xef\xbb\xbf" + latinUTF8, "text/html; charset=windows-1252", latinUTF8, "utf-8"},
	{"UTF-16LE BOM", "\xff\xfeh\x00\xe9\x00 \x00\x19\x20", "", "hé ’", "utf-16le"},
	{"UTF-16BE BOM", "\xfe\xff\x00h\x00\xe9\x00 \x20\x19", "text/plain; charset=utf-8", "hé ’", "utf-16be"},
	{"Latin-1 header over a UTF-8 body", latinUTF8, "text/html; charset=iso-8859-1", latinUTF8, "utf-8"},
	{"Latin-1 header over ASCII", "plain ascii", "text/html; charset=iso-8859-1", "plain ascii", "windows-1252"},
	{"nothing declared, valid UTF-8", latinUTF8, "text/html", latinUTF8, "utf-8"},
	{"nothing declared, not UTF-8", latin, "", latinUTF8, "windows-1252"},
	{"UTF-8 header over a windows-1252 document", `<meta charset="windows-1252">` + latin,
		"text/html; charset=UTF-8", `<meta charset="windows-1252">` + latinUTF8, "windows-1252"},
	{"UTF-8 header over invalid bytes", "a\xffb", "text/plain; charset=utf-8", "a\uFFFDb", "utf-8"},
	{"unknown header label", `<meta charset="windows-1252">` + latin, "text/html; charset=x-nonsense",
		`<meta charset="windows-1252">` + latinUTF8, "windows-1252"},
	{"meta UTF-16 means UTF-8", `<meta charset="utf-16">` + latinUTF8, "", `<meta charset="utf-16">` + latinUTF8, "utf-8"},
	{"malformed content type", latin, "text/html; charset", latinUTF8, "windows-1252"},
	{"empty", "", "", "", "utf-8"},
}

func TestToUTF8(t *testing.T) {
	t.Parallel()
	for _, tc := range charsetCases {
		text, charset := ToUTF8([]byte(tc.body), tc.contentType)
		if text != tc.want || charset != tc.charset {
			t.Errorf("%s: ToUTF8(%q, %q) = %q, %q; want %q, %q", tc.name, tc.body, tc.contentType, text, charset, tc.want, tc.charset)
		}
	}
}

// TestResponseText fetches a windows-1252 RSS feed and a UTF-8 page with
// a BOM through the client.
func TestResponseText(t *testing.T) {
	t.Parallel()
	feed := `<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><item><title>` + latin + `</title></item></channel></rss>`
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(feed))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("\xef\xbb\xbf<p>" + latinUTF8 + "</p>"))
	})
	c := newClient(Options{AllowPrivate: true})
	for path, want := range map[string]string{
		"/feed": `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>` + latinUTF8 + `</title></item></channel></rss>`,
		"/page": "<p>" + latinUTF8 + "</p>",
	} {
		resp, err := get(c, srv.URL+path)
		if err != nil {
			t.Fatalf("Get(%s): %v", path, err)
		}
		text, charset, err := resp.Text()
		if text != want || err != nil {
			t.Errorf("Get(%s).Text() = %q (%s), %v; want %q", path, text, charset, err, want)
		}
	}
}

func FuzzToUTF8(f *testing.F) {
	for _, tc := range charsetCases {
		f.Add([]byte(tc.body), tc.contentType)
	}
	f.Add([]byte("<?xml encoding='"), "application/xml")
	f.Add([]byte("<meta charset=>"), "text/html; charset=")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text, charset := ToUTF8(body, contentType)
		if !utf8.ValidString(text) {
			t.Fatalf("ToUTF8(%q, %q) = %q, not valid UTF-8", body, contentType, text)
		}
		if _, err := htmlindex.Get(charset); err != nil {
			t.Fatalf("ToUTF8(%q, %q) charset = %q, not a known name", body, contentType, charset)
		}
		if strings.HasPrefix(text, "\uFEFF") {
			return // a second pass would take it for a byte-order mark
		}
		again, cs := ToUTF8([]byte(text), "text/plain; charset=utf-8")
		if again != text || cs != "utf-8" {
			t.Fatalf("ToUTF8 of its own UTF-8 output %q = %q (%s), want it unchanged", text, again, cs)
		}
	})
}

// BenchmarkToUTF8 decodes a 100 KB page: windows-1252 (declared by a meta
// element) and UTF-8 (the common case, which is only validated).
func BenchmarkToUTF8(b *testing.B) {
	for _, bc := range []struct{ name, head, line string }{
		{"windows-1252", `<html><head><meta charset="windows-1252"></head><body>`, latin},
		{"utf-8", `<html><head><meta charset="utf-8"></head><body>`, latinUTF8},
	} {
		page := []byte(bc.head + strings.Repeat("<p>"+bc.line+"</p>\n", 100000/len(bc.line)))
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				ToUTF8(page, "text/html")
			}
		})
	}
}
