package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// seedArchive imports the fixture's monitored items, as the console:
//
//	kota      Jambi   PUBLIK    kompas.com    15 Jan 2026 09.30 WIB  15.71  negative
//	muaro     Jambi   PUBLIK    detik.com     16 Jan 2026 20.00 WIB  15.05  negative
//	bantuan   Jambi   TERBATAS  Antara News   16 Jan 2026 10.00 WIB  15     positive
//	rahasia   Jambi   RAHASIA   (no URL)      undated                15     neutral
//	makassar  Sulsel  TERBATAS  kompas.com    15 Jan 2026 12.00 WITA 73.71  negative
//	festival  Jambi   PUBLIK    jambiekspres  14 Jan 2026            15     positive
//
// Every item but the festival mentions a flood (banjir, kebanjiran).
func (f *fixture) seedArchive() map[string]*archive.Item {
	f.t.Helper()
	wib, wita := region.WIB.Location(), region.WITA.Location()
	jambi, sulsel := f.agency["jambi"].ID, f.agency["sulsel"].ID
	items := map[string]*archive.Item{
		"kota": {AgencyID: jambi, Classification: access.Publik, Title: "Banjir melanda Kota Jambi",
			Text: "Hujan deras sejak pagi membuat banjir setinggi lutut di Kota Jambi. Warga mengungsi ke posko.",
			URL:  "https://kompas.com/banjir-kota-jambi", Source: "kompas.com",
			Published: time.Date(2026, 1, 15, 9, 30, 0, 0, wib), Regions: []string{"15.71"}, Sentiment: "negative"},
		"muaro": {AgencyID: jambi, Classification: access.Publik, Title: "Warga Muaro Jambi kebanjiran",
			Text: "Ratusan rumah di Kabupaten Muaro Jambi kebanjiran setelah sungai meluap.",
			URL:  "https://detik.com/muaro-kebanjiran", Source: "detik.com",
			Published: time.Date(2026, 1, 16, 20, 0, 0, 0, wib), Regions: []string{"15.05"}, Sentiment: "negative"},
		"bantuan": {AgencyID: jambi, Classification: access.Terbatas, Title: "Gubernur salurkan bantuan korban banjir",
			Text: "Bantuan logistik untuk korban banjir disalurkan gubernur Jambi.",
			URL:  "https://antaranews.com/bantuan-banjir", Source: "Antara News",
			Published: time.Date(2026, 1, 16, 10, 0, 0, 0, wib), Regions: []string{"15"}, Sentiment: "positive"},
		"rahasia": {AgencyID: jambi, Classification: access.Rahasia, Title: "Arahan rahasia penanganan banjir",
			Text: "Catatan internal tentang banjir untuk pimpinan.", Source: "Catatan internal",
			Regions: []string{"15"}, Sentiment: "neutral"},
		"makassar": {AgencyID: sulsel, Classification: access.Terbatas, Title: "Banjir rob di Makassar",
			Text: "Banjir rob menggenangi pesisir Kota Makassar.", URL: "https://kompas.com/rob-makassar", Source: "kompas.com",
			Published: time.Date(2026, 1, 15, 12, 0, 0, 0, wita), Regions: []string{"73.71"}, Sentiment: "negative"},
		"festival": {AgencyID: jambi, Classification: access.Publik, Title: "Festival budaya Batanghari",
			Text: "Festival budaya digelar di tepi sungai Batanghari.", URL: "https://jambiekspres.co.id/festival",
			Published: time.Date(2026, 1, 14, 19, 0, 0, 0, wib), Regions: []string{"15"}, Sentiment: "positive"},
	}
	var list []*archive.Item
	for _, k := range []string{"kota", "muaro", "bantuan", "rahasia", "makassar", "festival"} {
		list = append(list, items[k])
	}
	if err := f.svc.Archive.Import(context.Background(), access.SystemActor(), list); err != nil {
		f.t.Fatalf("import the archive items: %v", err)
	}
	return items
}

// hrefRE finds the links of a page.
var hrefRE = regexp.MustCompile(`<a href="([^"]*)"`)

// link returns the first link of res whose address contains part, as the
// browser would follow it.
func link(t *testing.T, res *response, part string) string {
	t.Helper()
	for _, m := range hrefRE.FindAllStringSubmatch(res.body, -1) {
		if href := html.UnescapeString(m[1]); strings.Contains(href, part) {
			return href
		}
	}
	t.Fatalf("no link containing %q in the page:\n%s", part, res.body)
	return ""
}

// searchPath is the search page for q.
func searchPath(q string) string { return "/pantau?q=" + url.QueryEscape(q) }

func TestArchiveSearchResults(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	res := f.signedIn("kepala").get(searchPath("banjir"))
	wantStatus(t, "search banjir", res, http.StatusOK)
	wantBody(t, "search banjir", res,
		`<p class="search-count" role="status">4 hasil</p>`,
		`value="banjir"`,
		// Highlights: the word, and its derived form through the stemmer.
		`<mark>Banjir</mark> melanda Kota Jambi`,
		`Warga Muaro Jambi <mark>kebanjiran</mark>`,
		`membuat <mark>banjir</mark> setinggi lutut`,
		// The link to the original, its source, date, sentiment and class.
		`<a href="https://kompas.com/banjir-kota-jambi" rel="noopener noreferrer" target="_blank">`,
		`<span class="hit__source">Antara News</span>`,
		`<time datetime="2026-01-15T02:30:00Z">15 Jan 2026 09.30 WIB</time>`,
		"Sentimen: Negatif", "Sentimen: Positif",
		"Tanggal terbit tidak diketahui", // the undated RAHASIA note
		`badge--rahasia`,
		// Facets, each value named and counted.
		`<h3 id="facet-days">Per hari</h3>`, "Kamis, 15 Januari 2026",
		`<h3 id="facet-regencies">Kabupaten/kota</h3>`, `Kota Jambi <span class="muted">15.71</span>`,
		`<h3 id="facet-sentiments">Sentimen</h3>`,
	)
	if strings.Contains(res.body, "Festival budaya") {
		t.Error("search banjir shows the festival, which does not mention a flood")
	}
	// The RAHASIA note has no URL: its title is not a link.
	if !regexp.MustCompile(`<h3 class="hit__title">Arahan rahasia penanganan <mark>banjir</mark></h3>`).MatchString(res.body) {
		t.Error("the title of an item without URL is not shown plainly with its highlight")
	}
	// Each facet value links to the query with its filter, quoted where
	// the language needs quotes.
	for _, want := range []string{
		"banjir AND source:kompas.com",
		`banjir AND source:"Antara News"`,
		"banjir AND region:15.71",
		"banjir AND region:15",
		"banjir AND date:2026-01-15",
		"banjir AND sentiment:negative",
	} {
		link(t, res, searchPath(want))
	}
	if strings.Contains(res.body, "sentiment%3Anot_rated") {
		t.Error("a facet links to sentiment:not_rated, which the query language cannot write")
	}
}

func TestArchiveSearchFacetAddsFilter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	c := f.signedIn("kepala")
	first := c.get(searchPath("banjir") + "&urut=terbaru")
	res := c.get(link(t, first, "source%3A%22Antara"))
	wantStatus(t, "follow the Antara News facet", res, http.StatusOK)
	wantBody(t, "follow the Antara News facet", res,
		`value="banjir AND source:&#34;Antara News&#34;"`,
		`<option value="terbaru" selected>`, // the order is kept
		"1 hasil", "Gubernur salurkan bantuan korban <mark>banjir</mark>")
	if strings.Contains(res.body, "Banjir melanda Kota Jambi") {
		t.Error("the source filter let another source's item through")
	}
	// The active value links back to the query without it.
	back := regexp.MustCompile(`<a href="([^"]*)" class="facet__link--active" aria-current="true">Antara News`).FindStringSubmatch(res.body)
	if back == nil {
		t.Fatalf("the Antara News facet is not marked active:\n%s", res.body)
	}
	if got, want := html.UnescapeString(back[1]), searchPath("banjir")+"&urut=terbaru"; got != want {
		t.Errorf("the active facet links to %q, want %q", got, want)
	}
	// A day filter narrows to that day in the viewer's zone.
	res = c.get(link(t, first, "date%3A2026-01-16"))
	wantBody(t, "follow the 16 January facet", res, "2 hasil", "Warga Muaro Jambi", "Gubernur salurkan")
	// A regency filter.
	res = c.get(link(t, first, "region%3A15.05"))
	wantBody(t, "follow the Muaro Jambi facet", res, "1 hasil", "Warga Muaro Jambi")
}

func TestToggleFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query, filter, want string
		active              bool
	}{
		{"banjir", "source:kompas.com", "banjir AND source:kompas.com", false},
		{"banjir jambi", `source:"Antara News"`, `banjir AND jambi AND source:"Antara News"`, false},
		{"banjir OR longsor", "region:15.71", "(banjir OR longsor) AND region:15.71", false},
		{"banjir ATAU longsor -sepakbola", "date:2026-01-15", "(banjir OR longsor AND -sepakbola) AND date:2026-01-15", false},
		{"banjir sumber:kompas.com", "source:kompas.com", "banjir", true},
		{"banjir source:kompas.com sentimen:negatif", "sentiment:negative", "banjir AND source:kompas.com", true},
		{"source:kompas.com", "source:kompas.com", "", true},
	}
	for _, tt := range tests {
		q, err := query.Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		filter, err := query.Parse(tt.filter)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.filter, err)
		}
		got, active := toggleFilter(q, filter)
		if got != tt.want || active != tt.active {
			t.Errorf("toggleFilter(%q, %q) = %q, %v; want %q, %v", tt.query, tt.filter, got, active, tt.want, tt.active)
		}
		if got != "" {
			if _, err := query.Parse(got); err != nil {
				t.Errorf("toggleFilter(%q, %q) = %q, which does not parse: %v", tt.query, tt.filter, got, err)
			}
		}
	}
}

func TestArchiveSearchPagination(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const n = resultsPerPage + 5
	items := make([]*archive.Item, n)
	start := time.Date(2026, 2, 1, 8, 0, 0, 0, region.WIB.Location())
	for i := range items {
		items[i] = &archive.Item{AgencyID: f.agency["jambi"].ID, Title: fmt.Sprintf("Genangan di jalan protokol, laporan %d", i+1),
			Text: "Genangan air setinggi mata kaki.", Source: "pantau.example", Published: start.Add(time.Duration(i) * time.Hour)}
	}
	if err := f.svc.Archive.Import(context.Background(), access.SystemActor(), items); err != nil {
		t.Fatal(err)
	}
	c := f.signedIn("analis")
	res := c.get(searchPath("genangan") + "&urut=terbaru")
	wantStatus(t, "page 1", res, http.StatusOK)
	wantBody(t, "page 1", res, "25 hasil", `<ol class="hits" start="1">`, "Halaman 1 dari 2", "laporan 25<", "laporan 6<")
	if got := strings.Count(res.body, `<li class="hit">`); got != resultsPerPage {
		t.Errorf("page 1 shows %d hits, want %d", got, resultsPerPage)
	}
	if strings.Contains(res.body, "laporan 5<") {
		t.Error("page 1 of the newest first shows the fifth oldest item")
	}
	res = c.get(link(t, res, "halaman=2"))
	wantStatus(t, "page 2", res, http.StatusOK)
	wantBody(t, "page 2", res, "25 hasil", `<ol class="hits" start="21">`, "Halaman 2 dari 2", "laporan 5<", "laporan 1<", `value="genangan"`)
	if got := strings.Count(res.body, `<li class="hit">`); got != n-resultsPerPage {
		t.Errorf("page 2 shows %d hits, want %d", got, n-resultsPerPage)
	}
	link(t, res, "urut=terbaru") // the previous page keeps the order
	res = c.get(searchPath("genangan") + "&halaman=9")
	wantStatus(t, "page 9 of 2", res, http.StatusOK)
	wantBody(t, "page 9 of 2", res, "25 hasil", "Halaman ini melewati akhir hasil pencarian.")
	if href := link(t, res, "halaman="); !strings.Contains(href, "halaman=2") {
		t.Errorf("past the end, the pager links to %q, want the last page", href)
	}
}

func TestArchiveSearchMalformedQuery(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(s *Services) { s.Archive.MaxExpansions = 1 })
	f.seedArchive()
	c := f.signedIn("kepala")
	tests := []struct {
		query string
		want  []string
	}{
		{`banjir "kota jambi`, []string{
			"Tanda kutip pembuka di posisi 8 tidak ditutup.",
			`banjir <mark>&#34;</mark>kota jambi`,
			"\n<span aria-hidden=\"true\">       ^</span>"}},
		{"banjir AND", []string{
			"Operator AND di posisi 8 tidak diikuti kata pencarian.", "banjir <mark>A</mark>ND"}},
		{"banjir OR", []string{"Operator OR di posisi 8"}},
		{"wilayah:", []string{"Kolom wilayah di posisi 1 tidak punya nilai", `<mark>w</mark>ilayah:`}},
		// Refused by the archive, not the parser: ban* stands for more
		// words of this archive (banjir, bantuan) than it may.
		{"jambi ban*", []string{"posisi 7", `jambi <mark>b</mark>an*`}},
	}
	for _, tt := range tests {
		res := c.get(searchPath(tt.query))
		wantStatus(t, "query "+tt.query, res, http.StatusBadRequest)
		wantBody(t, "query "+tt.query, res, append(tt.want, `aria-invalid="true"`, `id="query-error" role="alert"`,
			`<h2 id="help-heading">`)...)
		if strings.Contains(res.body, `id="results-heading"`) {
			t.Errorf("query %q: the refused query shows results", tt.query)
		}
	}
}

func TestNewQueryProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src                      string
		off                      int
		before, at, after, caret string
	}{
		{`banjir "kota`, 7, "banjir ", `"`, "kota", "       ^"},
		{"banjir AND", 10, "banjir AND", "", "", "          ^"},                         // at the end: nothing to mark
		{"banjir\nAND jambi", 7, "", "A", "ND jambi", "^"},                              // the line of the spot only
		{"kebakaran hutan é*x", 16, "kebakaran hutan ", "é", "*x", "                ^"}, // a rune, not a byte
		{"banjir \xff*", 7, "banjir ", "\uFFFD", "*", "       ^"},
	}
	for _, tt := range tests {
		p := newQueryProblem(tt.src, query.ErrorAt(tt.src, tt.off, "query.error.bad_wildcard"), "en")
		if p.Before != tt.before || p.At != tt.at || p.After != tt.after || p.Caret != tt.caret {
			t.Errorf("newQueryProblem(%q, offset %d) = %q|%q|%q caret %q; want %q|%q|%q caret %q",
				tt.src, tt.off, p.Before, p.At, p.After, p.Caret, tt.before, tt.at, tt.after, tt.caret)
		}
		if !strings.HasPrefix(p.Message, "The * at position") {
			t.Errorf("newQueryProblem(%q): message %q, want the English one", tt.src, p.Message)
		}
	}
}

func TestArchiveSearchAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	items := f.seedArchive()
	tests := []struct {
		user      string
		count     string
		sees, not []string
	}{
		{"kepala", "4 hasil", []string{items["rahasia"].Title[:15], "Gubernur salurkan", "Catatan internal"}, []string{"Banjir rob di Makassar"}},
		{"analis", "3 hasil", []string{"Gubernur salurkan"}, []string{"Arahan rahasia", "Catatan internal", "Banjir rob"}},
		// Another agency: the PUBLIK items of Jambi, its own TERBATAS one,
		// never Jambi's RAHASIA or TERBATAS, not even in a facet; times
		// in WITA.
		{"kepalasulsel", "3 hasil", []string{"<mark>Banjir</mark> rob di Makassar", "15 Jan 2026 10.30 WITA", "Kota Makassar"},
			[]string{"Arahan rahasia", "Catatan internal", "Gubernur salurkan", "Antara News"}},
	}
	for _, tt := range tests {
		res := f.signedIn(tt.user).get(searchPath("banjir"))
		what := "search banjir as " + tt.user
		wantStatus(t, what, res, http.StatusOK)
		wantBody(t, what, res, append(tt.sees, `role="status">`+tt.count+"<")...)
		for _, s := range tt.not {
			if strings.Contains(res.body, s) {
				t.Errorf("%s: the page shows %q", what, s)
			}
		}
	}
}

func TestArchiveSearchEnglish(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	c := f.signedIn("kepala")
	res := c.get(searchPath("banjir"))
	wantStatus(t, "English search", res, http.StatusOK)
	wantBody(t, "English search", res, `<html lang="en">`, "Results: 4", "Search results", "Sentiment: Negative",
		"15 Jan 2026 09:30 WIB", "Thursday, 15 January 2026", "By day", "Regencies and cities", "Publication date unknown",
		"Most relevant", "(opens in a new tab)")
	res = c.get(searchPath(`banjir "kota jambi`))
	wantStatus(t, "English malformed query", res, http.StatusBadRequest)
	wantBody(t, "English malformed query", res, "The opening quote at position 8 is not closed.", "How to write a query")
	res = c.get("/pantau")
	wantBody(t, "English empty query", res, "How to write a query", "the word banjir in any form")
}

func TestArchiveSearchEmptyQuery(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("staf")
	for _, path := range []string{"/pantau", "/pantau?q=+++", "/pantau?urut=terbaru"} {
		res := c.get(path)
		wantStatus(t, path, res, http.StatusOK)
		wantBody(t, path, res, `aria-current="page">Pantau</a>`, "Cara menulis kueri", `<label for="q">Kueri</label>`,
			`value=""`, `<a href="/pantau?q=banjir"><code>banjir</code></a>`,
			`<a href="/pantau?q=%22harga&#43;beras%22~5">`)
		if strings.Contains(res.body, "Modul ini belum tersedia") || strings.Contains(res.body, `id="results-heading"`) {
			t.Errorf("%s: the empty search shows the placeholder or results", path)
		}
	}
}
