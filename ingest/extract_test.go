package ingest_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
)

// newsSite serves two articles (IndoSum text, CC BY-SA) as pages of a news
// site, an RSS feed giving only their first sentence, and a news sitemap.
func newsSite(t *testing.T, texts []string, titles []string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("GET /berita/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscan(r.PathValue("n"), &n); err != nil || n < 0 || n >= len(texts) {
			http.NotFound(w, r)
			return
		}
		var body strings.Builder
		for _, p := range strings.Split(texts[n], "\n") {
			if strings.TrimSpace(p) != "" {
				fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
		fmt.Fprintf(w, `<!doctype html><html lang="id"><head><title>%[1]s | Warta Daerah</title>
<meta property="og:title" content="%[1]s"><link rel="canonical" href="%[2]s/berita/%[3]d"></head>
<body><nav><a href="/">Beranda</a> <a href="/politik">Politik</a> <a href="/ekonomi">Ekonomi</a></nav>
<article><h1>%[1]s</h1><div class="byline">Oleh Redaksi</div>%[4]s</article>
<aside><h3>Baca juga</h3><ul><li><a href="/berita/9">Berita lain</a></li></ul></aside>
<footer>Hak cipta Warta Daerah. Semua hak dilindungi.</footer></body></html>`,
			html.EscapeString(titles[n]), srv.URL, n, body.String())
	})
	mux.HandleFunc("GET /rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta Daerah</title><link>`+srv.URL+`</link>`)
		for n := range texts {
			first, _, _ := strings.Cut(texts[n], ".")
			fmt.Fprintf(w, `<item><title>%s</title><link>%s/berita/%d</link><description>%s.</description><pubDate>Mon, 23 Nov 2026 08:0%d:00 +0700</pubDate></item>`,
				html.EscapeString(titles[n]), srv.URL, n, html.EscapeString(first), n)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("GET /sitemap-news.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
		for n := range texts {
			fmt.Fprintf(w, `<url><loc>%s/berita/%d</loc><news:news><news:publication><news:name>Warta Daerah</news:name><news:language>id</news:language></news:publication><news:publication_date>2026-11-23T08:0%d:00+07:00</news:publication_date><news:title>%s</news:title></news:news></url>`,
				srv.URL, n, n, html.EscapeString(titles[n]))
		}
		fmt.Fprint(w, `</urlset>`)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestFullText: a feed that gives only summaries, with FullText asked, and
// a news sitemap (no text at all) both store each article's main text as
// the page has it, without the site's menus and footer.
func TestFullText(t *testing.T) {
	texts := demoTexts(t, 2)
	bodies := []string{texts[0].Body, texts[1].Body}
	titles := []string{texts[0].Title, texts[1].Title}
	for _, kind := range []source.FeedKind{source.Feed, source.Sitemap} {
		t.Run(string(kind), func(t *testing.T) {
			forEngine(t, func(t *testing.T, db *store.DB) {
				site := newsSite(t, bodies, titles)
				e := newEnv(t, db, allowOnly(t, site.URL), ingest.Options{})
				feedURL := site.URL + "/rss.xml"
				if kind == source.Sitemap {
					feedURL = site.URL + "/sitemap-news.xml"
				}
				e.addSource(t, "Warta Daerah", "https://warta.example.id/",
					source.FeedURL{URL: feedURL, Kind: kind, FullText: true})
				results, err := e.pipeline.PollDue(t.Context(), true)
				if err != nil || len(results) != 1 || results[0].Stored != 2 {
					t.Fatalf("PollDue = %+v, %v; want 2 items stored", results, err)
				}
				res, err := e.archive.Search(t.Context(), access.SystemActor(), archive.Request{Query: "source:warta.example.id", Limit: 10})
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != 2 {
					t.Errorf("search found %d items of the source, want 2", res.Total)
				}
				for _, h := range res.Hits {
					want := bodies[0]
					if strings.HasSuffix(h.Item.URL, "/berita/1") {
						want = bodies[1]
					}
					last := lastSentence(want)
					if !strings.Contains(h.Item.Text, last) {
						t.Errorf("item %s text lacks the article's last sentence %q:\n%s", h.Item.URL, last, h.Item.Text)
					}
					if len(h.Item.Entities) == 0 {
						t.Errorf("item %s: no named entities found", h.Item.URL)
					}
					if strings.Contains(h.Item.Text, "Hak cipta") || strings.Contains(h.Item.Text, "Baca juga") {
						t.Errorf("item %s text keeps the site's boilerplate:\n%s", h.Item.URL, h.Item.Text)
					}
				}
			})
		})
	}
}

func lastSentence(text string) string {
	text = strings.TrimSpace(text)
	parts := strings.Split(strings.TrimSuffix(text, "."), ". ")
	return strings.TrimSpace(parts[len(parts)-1])
}
