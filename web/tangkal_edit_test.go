package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// mercury is a hoax an analyst of Jambi registers by hand.
var mercury = url.Values{
	"title":          {"Air Sungai Batanghari Tercemar Merkuri, Warga Dilarang Mandi"},
	"narrative":      {"Pesan berantai menyebut air Sungai Batanghari tercemar merkuri dari tambang emas ilegal sehingga warga Kota Jambi dilarang mandi dan mencuci di sungai selama sebulan."},
	"explanation":    {"Dinas Lingkungan Hidup belum menemukan merkuri di atas baku mutu."},
	"fact_checker":   {"Humas Jambi"},
	"sources":        {"WhatsApp\nhttps://sosmed.example/p/9"},
	"regions":        {"Kota Jambi"},
	"first_seen":     {"2026-11-20"},
	"verdict":        {"turnbackhoax|BELUM TERBUKTI"},
	"classification": {"0"},
	"active":         {"1"},
}

var claimLink = regexp.MustCompile(`/tangkal/klaim/(\d+)\?notice=claim_created`)

// TestTangkalRegister: an analyst registers a hoax through the form and
// finds it with the analysts' check; the form keeps what was typed when it
// refuses; staff, who do not write, are refused the form.
func TestTangkalRegister(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedHoaxes()

	staf := f.signedIn("staf")
	wantStatus(t, "staff open the form", staf.get("/tangkal/baru"), http.StatusForbidden)
	wantStatus(t, "staff register", staf.submit("/tangkal", "/tangkal/baru", cloneValues(mercury)), http.StatusForbidden)
	if res := staf.get("/tangkal"); strings.Contains(res.body, `href="/tangkal/baru"`) {
		t.Error("the registry offers staff the form")
	}

	c := f.signedIn("analis")
	list := c.get("/tangkal")
	wantBody(t, "the registry", list, `href="/tangkal/baru"`, `href="/tangkal/impor"`)
	form := c.get("/tangkal/baru")
	wantStatus(t, "the form", form, http.StatusOK)
	wantBody(t, "the form", form, `value="turnbackhoax|SALAH" selected`, `name="narrative"`)
	if strings.Contains(form.body, `value="2"`) {
		t.Error("the form offers RAHASIA to an analyst cleared for TERBATAS")
	}

	bad := cloneValues(mercury)
	bad.Set("regions", "Kota Atlantis")
	res := c.submit("/tangkal/baru", "/tangkal/baru", bad)
	wantStatus(t, "an unknown region", res, http.StatusBadRequest)
	wantBody(t, "an unknown region", res, "Wilayah &#34;Kota Atlantis&#34; tidak dikenal", "Pesan berantai menyebut air Sungai Batanghari")
	bad = cloneValues(mercury)
	bad.Set("classification", "2")
	wantStatus(t, "RAHASIA by an analyst cleared for TERBATAS", c.submit("/tangkal/baru", "/tangkal/baru", bad), http.StatusBadRequest)
	bad = cloneValues(mercury)
	bad.Set("url", "javascript:alert(1)")
	res = c.submit("/tangkal/baru", "/tangkal/baru", bad)
	wantStatus(t, "a javascript: link", res, http.StatusBadRequest)
	wantBody(t, "a javascript: link", res, `id="url" name="url" type="url" maxlength="2048" value="javascript:alert(1)" aria-invalid="true"`)

	res = c.submit("/tangkal/baru", "/tangkal/baru", cloneValues(mercury))
	wantStatus(t, "register", res, http.StatusSeeOther)
	m := claimLink.FindStringSubmatch(res.location())
	if m == nil {
		t.Fatalf("register: Location %q", res.location())
	}
	page := c.get(res.location())
	wantBody(t, "the new claim", page, "Air Sungai Batanghari Tercemar Merkuri", "Hoaks didaftarkan.", "BELUM TERBUKTI",
		"Kota Jambi", "Humas Jambi", `href="https://sosmed.example/p/9"`, "20 November 2026")

	// From a monitored item: the form holds its text, link and date.
	items := f.seedArchive()
	search := c.get("/pantau?q=banjir")
	item := regexp.MustCompile(`/tangkal/baru\?butir=(\d+)`).FindStringSubmatch(search.body)
	if item == nil {
		t.Fatalf("Pantau's results link no item to the form:\n%s", search.body)
	}
	prefilled := c.get(item[0])
	wantStatus(t, "the form from an item", prefilled, http.StatusOK)
	if !strings.Contains(prefilled.body, `name="narrative"`) || strings.Contains(prefilled.body, `id="title" name="title" type="text" maxlength="500" value=""`) {
		t.Errorf("the form from an item holds no headline")
	}
	wantStatus(t, "an item that does not exist", c.get("/tangkal/baru?butir=999999"), http.StatusNotFound)
	rahasia := "/tangkal/baru?butir=" + strconv.FormatInt(items["rahasia"].ID, 10)
	wantStatus(t, "a RAHASIA item for an analyst cleared for TERBATAS", c.get(rahasia), http.StatusNotFound)
	wantStatus(t, "a TERBATAS item of Jambi for Sulsel's editor", f.signedIn("editorsulsel").get("/tangkal/baru?butir="+
		strconv.FormatInt(items["bantuan"].ID, 10)), http.StatusNotFound)
	if res := staf.get("/pantau?q=banjir"); strings.Contains(res.body, "/tangkal/baru?butir=") {
		t.Error("Pantau offers staff the link to register a hoax")
	}

	check := c.submit("/tangkal/cek", "/tangkal/cek", url.Values{"text": {"Warga Kota Jambi dilarang mandi dan mencuci di Sungai Batanghari selama sebulan karena airnya tercemar merkuri dari tambang emas ilegal."}})
	wantBody(t, "the analysts' check", check, `href="/tangkal/klaim/`+m[1]+`"`)

	// What the claim says, changed on its page.
	edit := cloneValues(mercury)
	edit.Set("op", "text")
	edit.Set("title", "Sungai Batanghari Tercemar Merkuri")
	edit.Set("regions", "15.71, Kabupaten Muaro Jambi")
	claimPath := "/tangkal/klaim/" + m[1]
	res = c.submit(claimPath, claimPath, edit)
	wantStatus(t, "edit", res, http.StatusSeeOther)
	wantBody(t, "after the edit", c.get(claimPath), "<h1>Sungai Batanghari Tercemar Merkuri</h1>", "Muaro Jambi")
	edit.Set("first_seen", "20-11-2026x")
	res = c.submit(claimPath, claimPath, edit)
	wantStatus(t, "a bad date", res, http.StatusBadRequest)
	wantBody(t, "a bad date", res, "Tanggal &#34;20-11-2026x&#34; tidak sah.", `value="20-11-2026x"`)
	wantStatus(t, "staff edit", staf.submit("/tangkal", claimPath, edit), http.StatusForbidden)
}

// fakeCheckPage is a fact-check page with its ClaimReview.
const fakeCheckPage = `<!doctype html><html lang="id"><head><title>Cek fakta</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ClaimReview",
 "url": "https://cek.example.id/minyak-plastik",
 "claimReviewed": "Minyak goreng dari plastik beredar di pasar tradisional Jambi",
 "author": {"@type": "Organization", "name": "Cek Contoh"},
 "datePublished": "2026-11-01",
 "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "Salah"}}
</script></head><body><article>Artikel cek fakta.</article></body></html>`

// tempoLines are two Tempo Cek Fakta items as JSON lines, the second
// broken on purpose when broken is set.
func tempoLines(broken bool) string {
	second := `{"feed": "cekfakta", "title": "Keliru: Video Banjir Bandang di Kerinci Terjadi Pekan Ini", "link": "https://cekfakta.example/kerinci", "pubDate": "Tue, 17 Nov 2026 10:00:00 +0700", "description": "Video banjir bandang yang disebut terjadi di Kerinci pekan ini adalah rekaman lama dari 2023."}`
	if broken {
		second = `{"feed": "cekfakta", "title": "Keliru: Video Banjir`
	}
	return `{"feed": "cekfakta", "title": "Menyesatkan: Harga Beras di Jambi Naik Dua Kali Lipat", "link": "https://cekfakta.example/beras", "pubDate": "Mon, 16 Nov 2026 09:00:00 +0700", "description": "Unggahan yang menyebut harga beras di Jambi naik dua kali lipat menyesatkan; kenaikannya sekitar 8 persen."}
` + second + "\n"
}

// TestTangkalImport: an analyst imports a Tempo file and a fact-check
// page; importing again updates instead of copying; a broken file is
// refused whole, with its lines.
func TestTangkalImport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, fakeCheckPage)
	}))
	t.Cleanup(page.Close)
	c := f.signedIn("analis")
	wantStatus(t, "the import form", c.get("/tangkal/impor"), http.StatusOK)

	res := c.upload("/tangkal/impor", url.Values{"format": {"auto"}, "classification": {"0"}, "publish": {"1"}}, "tempo.jsonl", tempoLines(false))
	wantStatus(t, "import a file", res, http.StatusOK)
	wantBody(t, "import a file", res, "2 klaim dibaca: 2 baru, 0 diperbarui.")
	res = c.upload("/tangkal/impor", url.Values{"format": {"tempo"}, "classification": {"0"}}, "tempo.jsonl", tempoLines(false))
	wantBody(t, "import it again", res, "2 klaim dibaca: 0 baru, 2 diperbarui.")
	res = c.upload("/tangkal/impor", url.Values{"format": {"auto"}, "classification": {"0"}}, "rusak.jsonl", tempoLines(true))
	wantStatus(t, "a broken file", res, http.StatusBadRequest)
	wantBody(t, "a broken file", res, "Ada 1 masalah; tidak ada yang diimpor.", "Baris 2:")

	res = c.submit("/tangkal/impor", "/tangkal/impor", url.Values{"url": {page.URL + "/cek"}, "format": {"auto"}, "classification": {"1"}})
	wantStatus(t, "import a page", res, http.StatusOK)
	wantBody(t, "import a page", res, "1 klaim dibaca: 1 baru, 0 diperbarui.")
	list := c.get("/tangkal?q=minyak")
	wantBody(t, "the imported page's claim", list, "Minyak goreng dari plastik", "TERBATAS")
	wantBody(t, "the public list", f.client().get("/hoaks"), "Harga Beras di Jambi Naik Dua Kali Lipat")

	res = c.submit("/tangkal/impor", "/tangkal/impor", url.Values{"format": {"auto"}, "classification": {"0"}})
	wantStatus(t, "nothing to import", res, http.StatusBadRequest)
	wantBody(t, "nothing to import", res, "Pilih berkas atau tulis tautan halaman cek fakta.")
	big := strings.Repeat("x", maxUploadBytes+1)
	wantStatus(t, "a file over the limit", c.upload("/tangkal/impor", url.Values{"format": {"auto"}, "classification": {"0"}}, "besar.csv", big),
		http.StatusRequestEntityTooLarge)
	wantStatus(t, "staff import", f.signedIn("staf").upload("/tangkal/impor", url.Values{"format": {"auto"}, "classification": {"0"}},
		"tempo.jsonl", tempoLines(false)), http.StatusForbidden)
}

// upload posts a multipart form with a file, the form token of path's
// page added.
func (c *client) upload(path string, fields url.Values, name, content string) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields = cloneValues(fields)
	fields.Set("csrf", c.token(path))
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				c.t.Fatal(err)
			}
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	io.WriteString(fw, content)
	if err := mw.Close(); err != nil {
		c.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.f.ts.URL+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// TestBrowserTangkalForms: in Chromium an analyst registers a hoax from
// the registry's button and imports a file through the upload form.
func TestBrowserTangkalForms(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	base := f.ts.URL
	f.browserLogin(b, "analis")
	b.Run(t, "register a hoax",
		chromedp.Navigate(base+"/tangkal"),
		chromedp.Click(chromedp.CSS(`a[href="/tangkal/baru"]`)),
		chromedp.WaitVisible(chromedp.CSS("#narrative")),
		chromedp.SendKeys(chromedp.CSS("#title"), mercury.Get("title")),
		chromedp.SendKeys(chromedp.CSS("#narrative"), mercury.Get("narrative")),
		chromedp.SendKeys(chromedp.CSS("#regions"), "Kota Jambi"),
		chromedp.Click(chromedp.CSS(`form[action="/tangkal/baru"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#text-heading")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Hoaks didaftarkan.") || !strings.Contains(txt, "Air Sungai Batanghari Tercemar Merkuri") {
		t.Errorf("after registering:\n%s", txt)
	}
	file := filepath.Join(t.TempDir(), "tempo.jsonl")
	if err := os.WriteFile(file, []byte(tempoLines(false)), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Run(t, "import a file",
		chromedp.Navigate(base+"/tangkal/impor"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/tangkal/impor"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-result")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "2 klaim dibaca: 2 baru, 0 diperbarui.") {
		t.Errorf("after importing:\n%s", txt)
	}
	b.CheckNoErrors(t)
}
