package web

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// seedDashboard uploads Jambi's items of the dashboard tests: four PUBLIK
// items of the last days (two about banjir), and a RAHASIA one from a
// source nobody else writes about.
func (f *fixture) seedDashboard() {
	f.t.Helper()
	now := time.Now().UTC()
	item := func(title, source, sentiment string, ago time.Duration, class access.Level, regions ...string) *archive.Item {
		it := f.newsItem("jambi", title, title+".")
		it.Source, it.Sentiment, it.Published, it.Classification, it.Regions = source, sentiment, now.Add(-ago), class, regions
		return it
	}
	f.upload(
		item("Banjir rendam Kota Jambi", "jambiekspres.co.id", "negative", time.Hour, access.Publik, "15", "15.71"),
		item("Banjir surut di Muaro Jambi", "antaranews.com", "positive", 30*time.Hour, access.Publik, "15.05"),
		item("Festival Danau Kerinci dibuka", "antaranews.com", "positive", 3*24*time.Hour, access.Publik, "15.01"),
		item("Harga cabai naik", "tribunjambi.com", "neutral", 5*24*time.Hour, access.Publik),
		item("Arahan rahasia penanganan karhutla", "sumber-rahasia.example", "negative", 2*time.Hour, access.Rahasia, "15.71"),
	)
}

// TestPantauDashboard: the dashboard counts what the viewer may see, in
// charts with their tables and links to the searches behind them.
func TestPantauDashboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSearches()
	f.seedDashboard()
	kepala := f.signedIn("kepala")

	res := kepala.get("/pantau/dasbor")
	wantStatus(t, "GET /pantau/dasbor as kepala", res, 200)
	wantBody(t, "the dashboard", res,
		"Dasbor Pantau", "5 item", "7 hari terakhir", `agency:&#34;Humas Pemerintah Provinsi Jambi&#34; date:&gt;now-7d`,
		`<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg"`, `role="img"`,
		"Item per hari", "Sentimen dari waktu ke waktu", "Sumber teratas", "Peta provinsi", "Peta kabupaten/kota",
		`<th scope="row">antaranews.com</th><td class="num">2</td>`,
		// share of voice: "Banjir Jambi" (banjir) matches 2 of the 5 items.
		`<th scope="row">Banjir Jambi</th><td class="num">40,0% (2 dari 5)</td>`,
		`<th scope="row">Jambi (15)</th><td class="num">4</td>`,
		"Kota Jambi", "sumber-rahasia.example", "Kesehatan feed")
	if n := strings.Count(res.body, "<svg xmlns"); n != 6 {
		t.Errorf("the dashboard draws %d charts, want 6", n)
	}
	// Each chart links to the archive search behind it; the sources' bars
	// to that search with the source added.
	for _, want := range []string{
		searchHref(`agency:"Humas Pemerintah Provinsi Jambi" date:>now-7d`, orderNewest),
		searchHref(`agency:"Humas Pemerintah Provinsi Jambi" date:>now-7d source:antaranews.com`, orderNewest),
	} {
		if !strings.Contains(res.body, strings.ReplaceAll(want, "&", "&amp;")) {
			t.Errorf("the dashboard lacks the link %s", want)
		}
	}

	// The analyst's clearance is TERBATAS: the RAHASIA item is not
	// counted, and its source is nowhere on the page.
	res = f.signedIn("analis").get("/pantau/dasbor?periode=24jam")
	wantStatus(t, "GET /pantau/dasbor?periode=24jam as analis", res, 200)
	wantBody(t, "the analyst's dashboard", res, "1 item", "24 jam terakhir", "Item per jam")
	if strings.Contains(res.body, "sumber-rahasia") || strings.Contains(res.body, "karhutla") {
		t.Error("the analyst's dashboard shows the RAHASIA item")
	}

	// Sulawesi Selatan's staff may not choose Jambi; Komdigi's
	// administrator may (an agency below theirs), without feed health.
	res = f.signedIn("kepalasulsel").get("/pantau/dasbor?instansi=" + strconv.FormatInt(f.agency["jambi"].ID, 10))
	wantStatus(t, "GET another branch's dashboard", res, 404)
	res = f.signedIn("admin").get("/pantau/dasbor?instansi=" + strconv.FormatInt(f.agency["jambi"].ID, 10) + "&periode=30hari")
	wantStatus(t, "GET a dashboard below one's agency", res, 200)
	// Komdigi's administrator sees Jambi's items up to the clearance the
	// access policy gives over a subtree: not the RAHASIA one.
	wantBody(t, "the administrator's view of Jambi", res, "4 item", "30 hari terakhir",
		"Kesehatan feed hanya ditampilkan untuk instansi Anda sendiri.")
	res = kepala.get("/pantau/dasbor?instansi=abc")
	wantStatus(t, "GET /pantau/dasbor?instansi=abc", res, 404)

	// The regions table's links reproduce its counts.
	res = kepala.get(searchHref(`agency:"Humas Pemerintah Provinsi Jambi" date:>now-7d region:15.71`, orderNewest))
	wantBody(t, "the archive search of Kota Jambi", res, `<p class="search-count" role="status">2 hasil</p>`)

	// In English, numbers and words are English.
	en := f.signedIn("kepala")
	en.submit("/profil", "/profil/bahasa", url.Values{"lang": {"en"}})
	res = en.get("/pantau/dasbor")
	wantBody(t, "the English dashboard", res, "Pantau dashboard", "5 items", "Items per day", "Share of voice", "the last 7 days")
}

// TestSavedSearchCharts: a saved search's page draws its volume with the
// early warning's band for its owner, and its other charts for anyone who
// may use it.
func TestSavedSearchCharts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srch := f.seedSearches()
	f.seedDashboard()
	path := savedSearchPath(srch["banjir"].ID)

	res := f.signedIn("kepala").get(path)
	wantStatus(t, "GET the saved search as its owner", res, 200)
	wantBody(t, "the owner's charts", res, "Volume dan peringatan dini", "Item dalam 3 jam", "Biasanya (± 2,5σ)",
		"Sentimen dari waktu ke waktu", "Sumber teratas", "Peta provinsi", "Kabupaten/kota teratas",
		`<th scope="row">Kota Jambi (15.71)</th><td class="num">1</td>`)
	if n := strings.Count(res.body, "<svg xmlns"); n != 5 {
		t.Errorf("the owner's page draws %d charts, want 5", n)
	}

	res = f.signedIn("analis").get(path)
	wantStatus(t, "GET the shared search as a colleague", res, 200)
	wantBody(t, "a colleague's charts", res, "hanya ditampilkan kepadanya", "Sumber teratas", "Item per hari",
		`<th scope="row">Kota Jambi (15.71)</th><td class="num">1</td>`)
	if strings.Contains(res.body, "Volume dan peringatan dini") || strings.Contains(res.body, "Biasanya (±") {
		t.Error("a colleague sees the owner's early-warning chart")
	}
	if n := strings.Count(res.body, "<svg xmlns"); n != 5 {
		t.Errorf("a colleague's page draws %d charts, want 5 (the volume per day without the band)", n)
	}
}

// TestBrowserPantauDashboard opens the dashboard in Chromium on a phone's
// screen: every chart is drawn, within the screen's width, with no
// console error.
func TestBrowserPantauDashboard(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	srch := f.seedSearches()
	f.seedDashboard()
	base := f.ts.URL
	b.Run(t, "use a phone's screen", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	f.browserLogin(b, "kepala")
	b.Run(t, "open the dashboard from the home page",
		chromedp.Click(chromedp.CSS(`main a[href="/pantau/dasbor"]`)),
		chromedp.WaitVisible(chromedp.CSS("svg.chart__svg")),
	)
	type box struct{ Width, Height, Right float64 }
	boxes := testenv.Get(t, b, "measure the charts", chromedp.Evaluate[[]box](`[...document.querySelectorAll("svg.chart__svg")].map(s => {
		const r = s.getBoundingClientRect(); return {Width: r.width, Height: r.height, Right: r.right}; })`))
	if len(boxes) != 6 {
		t.Fatalf("%d charts drawn, want 6", len(boxes))
	}
	for i, bx := range boxes {
		if bx.Width < 200 || bx.Height < 40 || bx.Right > 360 {
			t.Errorf("chart %d is %+v on a 360 px screen", i+1, bx)
		}
	}
	shapes := testenv.Get(t, b, "count the shapes",
		chromedp.Evaluate[int](`document.querySelectorAll("svg.chart__svg rect, svg.chart__svg polyline, svg.chart__svg circle").length`))
	if shapes < 100 { // 38 provinces and 514 kabupaten/kota cells at least
		t.Errorf("%d shapes in the charts", shapes)
	}
	wide := testenv.Get(t, b, "check the page's width", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if wide {
		t.Error("the dashboard is wider than the phone's screen")
	}
	if dir := os.Getenv("SINERGI_SCREENSHOT_DIR"); dir != "" {
		png := testenv.Get(t, b, "screenshot", chromedp.FullScreenshot(90))
		if err := os.WriteFile(filepath.Join(dir, "pantau-dashboard-phone.png"), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	if txt := b.Text(t); !strings.Contains(txt, "5 item") {
		t.Errorf("the dashboard lacks its total:\n%s", txt)
	}
	b.CheckNoErrors(t)

	b.Run(t, "open a saved search of one's own",
		chromedp.Navigate(base+savedSearchPath(srch["banjir"].ID)),
		chromedp.WaitVisible(chromedp.CSS("svg.chart__svg")),
	)
	if n := testenv.Get(t, b, "count its charts", chromedp.Evaluate[int](`document.querySelectorAll("svg.chart__svg").length`)); n != 5 {
		t.Errorf("the saved search's page draws %d charts, want 5", n)
	}
	if dir := os.Getenv("SINERGI_SCREENSHOT_DIR"); dir != "" {
		png := testenv.Get(t, b, "screenshot", chromedp.FullScreenshot(90))
		if err := os.WriteFile(filepath.Join(dir, "saved-search-phone.png"), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	b.CheckNoErrors(t)
}
