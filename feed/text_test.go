package feed

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/internal/textcut"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		in         string
		paragraphs bool
		want       string
	}{
		{"  Banjir   di\n Jambi ", false, "Banjir di Jambi"},
		{"<b>Banjir</b> di <i>Jambi</i> &amp; Riau", false, "Banjir di Jambi & Riau"},
		{"Banjir&nbsp;di&#160;Jambi &quot;parah&quot; &#8211; BPBD", false, `Banjir di Jambi "parah" – BPBD`},
		{"Judul<br>anak judul", false, "Judul anak judul"},
		{"<p>satu</p><p>dua</p>", false, "satu dua"},
		{"<script>alert(1)</script>Aman<style>p{}</style>", false, "Aman"},
		{`<a href="javascript:alert(1)" onclick="x()">tautan</a>`, false, "tautan"},
		{"&lt;b&gt;teks&lt;/b&gt;", false, "<b>teks</b>"}, // escaped markup is text
		{"<p>satu\n dua</p>\n<p>tiga</p>", true, "satu dua\n\ntiga"},
		{"baris satu<br>baris dua<br><br>paragraf dua", true, "baris satu baris dua\n\nparagraf dua"},
		{"<div><h2>Judul</h2><ul><li>a</li><li>b</li></ul></div>", true, "Judul\n\na\n\nb"},
		{"teks biasa\n\n\n  paragraf kedua  ", true, "teks biasa\n\nparagraf kedua"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in, tt.paragraphs); got != tt.want {
			t.Errorf("plainText(%q, %v) = %q, want %q", tt.in, tt.paragraphs, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	base := mustURL("https://warta.example.id/kanal/feed.xml")
	tests := []struct{ ref, want string }{
		{"/2026/11/berita", "https://warta.example.id/2026/11/berita"},
		{"berita-2", "https://warta.example.id/kanal/berita-2"},
		{"../berita-3?utm_source=rss", "https://warta.example.id/berita-3?utm_source=rss"},
		{"//cdn.example.id/a.jpg", "https://cdn.example.id/a.jpg"},
		{"  http://lain.example.id/x  ", "http://lain.example.id/x"},
		{"javascript:alert(1)", ""},
		{"data:text/html,hai", ""},
		{"mailto:redaksi@example.id", ""},
		{"", ""},
		{"https://" + strings.Repeat("a", maxURLBytes), ""},
	}
	for _, tt := range tests {
		if got := resolve(base, tt.ref); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
	if got := resolve(nil, "/relatif"); got != "" {
		t.Errorf("resolve(nil, /relatif) = %q, want \"\"", got)
	}
}

func TestLangCode(t *testing.T) {
	for in, want := range map[string]string{
		"id": "id", "id-ID": "id", "ID": "id", "in": "id", "ind": "id", "en-us": "en", "eng": "en",
		"jv": "jv", "": "", "bahasa": "", "i": "", "1d": "",
	} {
		if got := LangCode(in); got != want {
			t.Errorf("LangCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	long := strings.Repeat("é", MaxTitleRunes+5)
	if got := textcut.Runes(long, MaxTitleRunes); utf8.RuneCountInString(got) != MaxTitleRunes {
		t.Errorf("textcut.Runes: %d runes, want %d", utf8.RuneCountInString(got), MaxTitleRunes)
	}
	if got := textcut.Bytes("aé", 2); got != "a" {
		t.Errorf(`textcut.Bytes("aé", 2) = %q, want "a"`, got)
	}
	// Through Parse: a title over the limit is cut on a rune boundary.
	body := `<rss version="2.0"><channel><title>t</title><item><title>` + long +
		`</title><link>https://a.example.id/1</link><description>` + strings.Repeat("kata ", MaxSummaryRunes) +
		`</description></item></channel></rss>`
	doc, err := Parse([]byte(body), "https://a.example.id/rss")
	if err != nil {
		t.Fatalf("Parse(long title) error: %v", err)
	}
	e := doc.Entries[0]
	if n := utf8.RuneCountInString(e.Title); n != MaxTitleRunes || !utf8.ValidString(e.Title) {
		t.Errorf("Parse(long title): title of %d runes, want %d", n, MaxTitleRunes)
	}
	if n := utf8.RuneCountInString(e.Summary); n != MaxSummaryRunes {
		t.Errorf("Parse(long summary): summary of %d runes, want %d", n, MaxSummaryRunes)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
