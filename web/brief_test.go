package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
)

// seedBriefItems uploads Jambi's items of the last hours: one story told
// by two outlets (an issue), another item, and a TERBATAS one that a brief
// without cleared recipients leaves out.
func (f *fixture) seedBriefItems() {
	f.t.Helper()
	a := f.newsItem("jambi", "Banjir bandang terjang Kerinci Jambi", "Banjir bandang melanda Kabupaten Kerinci, Provinsi Jambi. Ratusan warga mengungsi.")
	b := f.newsItem("jambi", "Ratusan warga Kerinci mengungsi akibat banjir bandang", "BPBD Jambi mencatat ratusan warga Kerinci mengungsi ke posko setelah banjir bandang menerjang desa mereka.")
	b.URL, b.Source = "https://antaranews.com/banjir-kerinci", "antaranews.com"
	c := f.newsItem("jambi", "Festival budaya Batanghari ramai", "Festival budaya digelar di tepi sungai Batanghari, Jambi.")
	d := f.newsItem("jambi", "Catatan terbatas banjir Kerinci", "Catatan terbatas tentang banjir.")
	d.Classification = access.Terbatas
	// Half an hour ago: inside the brief's last hour even when a minute
	// turns between the upload and the brief (its window ends at a whole
	// minute).
	for _, it := range []*archive.Item{a, b, c, d} {
		it.Published = time.Now().UTC().Add(-30 * time.Minute)
	}
	f.upload(a, b, c, d)
}

var briefLinkRE = regexp.MustCompile(`/pantau/brief/(\d+)`)

func TestBriefPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedBriefItems()
	c := f.signedIn("kepala")
	res := c.get("/pantau/brief")
	wantStatus(t, "the brief list", res, http.StatusOK)
	wantBody(t, "the brief list", res, "Ringkasan pimpinan", "Buat sekarang", "Belum ada ringkasan.", "pukul 06.00 WIB")

	res = c.submit("/pantau/brief", "/pantau/brief", url.Values{"agency": {"0"}})
	wantStatus(t, "generate now", res, http.StatusSeeOther)
	m := briefLinkRE.FindStringSubmatch(res.location())
	if m == nil {
		t.Fatalf("generate now leads to %q", res.location())
	}
	briefURL := res.location()
	page := c.get(briefURL)
	wantStatus(t, "the brief", page, http.StatusOK)
	wantBody(t, "the brief", page, "Ringkasan pimpinan: Humas Pemerintah Provinsi Jambi", "Banjir bandang terjang Kerinci Jambi",
		"Isu utama", "2 pada jam terakhir", "Berisi berita hingga klasifikasi PUBLIK", "Unduh PDF", "Sidik SHA-256")
	if strings.Contains(page.body, "Catatan terbatas") {
		t.Error("a brief for no cleared recipient shows a TERBATAS item")
	}
	// The page links the brief's own stylesheet, which is served.
	css := regexp.MustCompile(`href="(/static/brief\.[0-9a-f]+\.css)"`).FindStringSubmatch(page.body)
	if css == nil {
		t.Fatal("the brief's page links no brief stylesheet")
	}
	sheet := c.get(css[1])
	wantStatus(t, "the brief's stylesheet", sheet, http.StatusOK)
	wantBody(t, "the brief's stylesheet", sheet, ".brief h2{")
	pdf := c.get(res.location() + ".pdf")
	wantStatus(t, "the PDF", pdf, http.StatusOK)
	if ct := pdf.header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(pdf.body, "%PDF-") {
		t.Errorf("the PDF answers %q, %.8q", ct, pdf.body)
	}
	list := c.get("/pantau/brief")
	wantBody(t, "the list after", list, res.location(), "Atas permintaan")
	if strings.Contains(page.body, "Surel ringkasan ini") {
		t.Error("a brief nobody was e-mailed shows an e-mail section")
	}
	// Its e-mails, as the outbox keeps them: one waiting after a refusal,
	// one sent.
	id, _ := strconv.ParseInt(m[1], 10, 64)
	now := time.Now()
	waiting, err := mail.NewOutgoing(brief.OutboxOrigin, id, mail.Message{To: []string{"kepala@jambiprov.go.id"}, Subject: "Ringkasan", Text: "Teks"}, now)
	if err != nil {
		t.Fatal(err)
	}
	sent, err := mail.NewOutgoing(brief.OutboxOrigin, id, mail.Message{To: []string{"pimpinan@jambiprov.go.id"}, Subject: "Ringkasan", Text: "Teks"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.AddOutgoing(t.Context(), []*mail.Outgoing{waiting, sent}); err != nil {
		t.Fatal(err)
	}
	claimed, err := f.db.ClaimOutgoing(t.Context(), now, now.Add(time.Minute), 10)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("ClaimOutgoing = %d, %v", len(claimed), err)
	}
	for _, o := range claimed {
		o.Attempts = 2
		if o.Message.To[0] == "kepala@jambiprov.go.id" {
			o.LastError, o.NextAttempt = "451 4.3.0 server busy", now.Add(time.Minute)
		} else {
			o.Status, o.Sent = mail.OutboxSent, now
		}
	}
	if err := f.db.FinishOutgoing(t.Context(), claimed); err != nil {
		t.Fatal(err)
	}
	wantBody(t, "the brief's e-mails", c.get(briefURL), "Surel ringkasan ini", "kepala@jambiprov.go.id",
		"Menunggu dikirim (sudah dicoba 2 kali)", "451 4.3.0 server busy", "pimpinan@jambiprov.go.id", "Terkirim")

	// Staff of the kabupaten below (child agency), the other province, and
	// a PUBLIK-cleared person may not read it; none may make Jambi's.
	for _, u := range []string{"staf", "editorsulsel"} {
		o := f.signedIn(u)
		wantStatus(t, "the brief as "+u, o.get(res.location()), http.StatusNotFound)
		wantStatus(t, "the PDF as "+u, o.get(res.location()+".pdf"), http.StatusNotFound)
	}
	wantStatus(t, "the brief as Komdigi's admin", f.signedIn("admin").get(res.location()), http.StatusOK)
	o := f.signedIn("editorsulsel")
	res = o.submit("/pantau/brief", "/pantau/brief", url.Values{"agency": {"2"}})
	wantStatus(t, "generate Jambi's as Sulsel's editor", res, http.StatusForbidden)
	wantStatus(t, "a brief that does not exist", c.get("/pantau/brief/999999"), http.StatusNotFound)
	wantStatus(t, "a malformed brief ID", c.get("/pantau/brief/x.pdf"), http.StatusNotFound)

	if err := f.svc.Auth.SetLanguage(t.Context(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	en := f.signedIn("kepala")
	wantBody(t, "the brief in English", en.get(briefURL), "Leadership brief: Humas Pemerintah Provinsi Jambi", "Top issues")
}

// TestBrowserBrief: the head of Jambi's Humas makes a brief in Chromium
// and reads it: the page shows the brief without a console error (the
// charts are SVG under the page's content security policy).
func TestBrowserBrief(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	f.seedBriefItems()
	base := f.ts.URL
	f.browserLogin(b, "kepala")
	b.Run(t, "open the briefs and make one",
		chromedp.Navigate(base+"/pantau/brief"),
		chromedp.Click(chromedp.CSS(`form[action="/pantau/brief"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("article.brief")),
	)
	txt := b.Text(t)
	for _, want := range []string{"Ringkasan pimpinan: Humas Pemerintah Provinsi Jambi", "Volume per jam", "Banjir bandang terjang Kerinci Jambi", "Wilayah"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the brief page lacks %q:\n%s", want, txt)
		}
	}
	n, err := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`document.querySelectorAll("article.brief svg rect").length`))
	if err != nil || n == 0 {
		t.Errorf("the brief's charts have %d bars, %v", n, err)
	}
	b.CheckNoErrors(t)
}
