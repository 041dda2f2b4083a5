package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPageDate(t *testing.T) {
	tests := []struct {
		name, url, page string
		want            string // RFC 3339; "" for none
	}{
		{"meta with a zone", "https://a.example.id/berita/1",
			`<meta property="article:published_time" content="2026-11-22T21:45:00+07:00">`, "2026-11-22T14:45:00Z"},
		{"meta without a zone: WIB", "https://a.example.id/berita/1",
			`<meta property="article:published_time" content="2026-11-22 21:45:00">`, "2026-11-22T14:45:00Z"},
		{"JSON-LD", "https://a.example.id/berita/1",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-11-22T21:45:00+08:00"}</script>`, "2026-11-22T13:45:00Z"},
		{"a day in the URL, the time on the page", "https://a.example.id/read/2026/11/23/bom-kendari",
			`<div class="post-date">Senin, 23 Nov 2026 10:45 WITA</div>`, "2026-11-23T02:45:00Z"},
		{"a day in the URL, another day on the page", "https://a.example.id/read/2026/11/23/bom-kendari",
			`<div class="post-date">Sabtu, 21 Nov 2026 10:45 WITA</div>`, "2026-11-22T17:00:00Z"},
		{"shown only, among words", "https://a.example.id/berita/1",
			`<p class="meta">Kompas.example - 23/11/2026, 10:00 WIB</p>`, "2026-11-23T03:00:00Z"},
		{"<time> with its datetime", "https://a.example.id/berita/1",
			`<time datetime="2026-11-23T10:00:00+07:00">Senin</time>`, "2026-11-23T03:00:00Z"},
		{"none", "https://a.example.id/berita/1", `<p class="tanggal">kemarin sore</p>`, ""},
	}
	for _, tt := range tests {
		base, _ := url.Parse(tt.url)
		got := pageDate(parse(t, "<html><head></head><body>"+tt.page+"<p>isi</p></body></html>"), base)
		var want time.Time
		if tt.want != "" {
			want = utc(tt.want)
		}
		if !got.Equal(want) {
			t.Errorf("pageDate(%s) = %v, want %v", tt.name, got, want)
		}
	}
}

func TestParseLoose(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Senin, 23 Nov 2026 10:45 WITA", "2026-11-23T02:45:00Z"},
		{"Kompas.com - 23/11/2026, 10:00 WIB", "2026-11-23T03:00:00Z"},
		{"Senin, 23 Nov 2026 | Dibaca 1.234 kali", "2026-11-22T17:00:00Z"},
		{"Oleh Redaksi pada Selasa, 24 November 2026 08:15 WIB", "2026-11-24T01:15:00Z"},
		{"Dibaca 2026 kali", ""},
		{"2 jam yang lalu", ""},
		{strings.Repeat("kata ", 100), ""},
	}
	for _, tt := range tests {
		got := parseLoose(tt.in)
		var want time.Time
		if tt.want != "" {
			want = utc(tt.want)
		}
		if !got.Equal(want) {
			t.Errorf("parseLoose(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestTextOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>satu  dua</p><p>\n tiga </p>", "satu dua\n\ntiga"},
		{"<div>baris<br>kedua</div>", "baris\n\nkedua"},
		{"<p>teks <b>tebal</b> dan <a href=x>tautan</a></p><script>x()</script><style>p{}</style>", "teks tebal dan tautan"},
		{"<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>", "a\n\nb\n\nc d"},
		{"<p>&nbsp;</p><p>isi&amp;lain</p>", "isi&lain"},
	}
	for _, tt := range tests {
		if got := textOf(parse(t, tt.in)); got != tt.want {
			t.Errorf("textOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	base, _ := url.Parse("https://a.example.id/berita/1?utm_source=x")
	tests := []struct{ head, want string }{
		{`<link rel="canonical" href="/berita/1">`, "https://a.example.id/berita/1"},
		{`<link rel="Canonical" href="https://b.example.id/1"><meta property="og:url" content="https://c.example.id/1">`, "https://b.example.id/1"},
		{`<meta property="og:url" content="https://c.example.id/1">`, "https://c.example.id/1"},
		{`<link rel="canonical" href="javascript:alert(1)">`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		if got := canonical(parse(t, "<html><head>"+tt.head+"</head></html>"), base); got != tt.want {
			t.Errorf("canonical(%s) = %q, want %q", tt.head, got, tt.want)
		}
	}
}
