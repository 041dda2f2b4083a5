package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
)

// floodNews are three outlets' reports of one flood and one unrelated
// item, for an agency's issues.
var floodNews = []struct{ title, text, source string }{
	{"Banjir Rendam Ratusan Rumah di Kota Jambi",
		"Hujan deras sejak Senin malam membuat Sungai Batanghari meluap dan merendam ratusan rumah warga di Kota Jambi. BPBD Kota Jambi mengevakuasi warga ke posko pengungsian.",
		"jambiekspres.co.id"},
	{"BPBD Evakuasi Ratusan Warga Korban Banjir Jambi",
		"Badan Penanggulangan Bencana Daerah Kota Jambi mengevakuasi ratusan warga yang rumahnya terendam banjir akibat luapan Sungai Batanghari.",
		"antaranews.com"},
	{"Sungai Batanghari Meluap, Ratusan Rumah di Jambi Terendam Banjir",
		"Banjir merendam ratusan rumah di Kota Jambi setelah Sungai Batanghari meluap. Warga mengungsi dan BPBD Kota Jambi membuka posko pengungsian.",
		"kompas.com"},
	{"Timnas Indonesia Kalahkan Vietnam 2-0 di Stadion GBK",
		"Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi Piala Dunia di Stadion Gelora Bung Karno.",
		"bola.kompas.com"},
}

// seedIssues uploads floodNews into an agency's archive through the
// pipeline and returns the flood's issue and the items.
func (f *fixture) seedIssues(agency string) (*issuetrack.Issue, []*archive.Item) {
	f.t.Helper()
	var items []*archive.Item
	for i, n := range floodNews {
		items = append(items, &archive.Item{AgencyID: f.agency[agency].ID, Title: n.title, Text: n.text, Source: n.source,
			URL: "https://" + n.source + "/berita-" + strconv.Itoa(i), Published: time.Now().UTC().Add(time.Duration(i-30) * time.Minute)})
	}
	f.upload(items...)
	list, _, err := f.svc.Issues.List(context.Background(), access.SystemActor(), issuetrack.ListFilter{All: true, MinItems: 3})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, is := range list {
		if is.AgencyID == f.agency[agency].ID {
			return is, items
		}
	}
	f.t.Fatalf("no issue of three items in %s", agency)
	return nil, nil
}

// TestIssuePages: the agency's issues and an issue's page in both
// languages; an analyst renames, splits and sets a sentiment, which the
// history shows; a leader reads but may not correct; another agency
// gets 404.
func TestIssuePages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	flood, items := f.seedIssues("jambi")
	c := f.signedIn("analis")
	res := c.get("/pantau/isu")
	wantStatus(t, "the issue list", res, http.StatusOK)
	wantBody(t, "the issue list", res, `aria-current="page" class="button button--small">Isu</a>`, "1 isu",
		`<a href="`+issuePath(flood.ID)+`">`, "jambiekspres.co.id (1)", "Kota Jambi <span class=\"muted\">15.71</span>",
		"3 berita dalam 1 jam terakhir")
	res = c.get("/pantau/isu?periode=7hari&urut=cepat&min=1")
	wantBody(t, "the issue list of 7 days, fastest first, singletons too", res, "2 isu", "Timnas Indonesia")
	res = c.get("/pantau/dasbor?periode=24jam")
	wantBody(t, "the dashboard's largest issues", res, "Isu terbesar", `<a href="`+issuePath(flood.ID)+`">`,
		"3 berita · ", `<a href="/pantau/isu?instansi=`+strconv.FormatInt(f.agency["jambi"].ID, 10)+`&amp;periode=24jam">`)

	// The national agency above reads Jambi's issues, chosen by name, and
	// corrects none; an agency beside Jambi may not ask for them.
	jambiIssues := "/pantau/isu?instansi=" + strconv.FormatInt(f.agency["jambi"].ID, 10)
	above := f.signedIn("admin")
	res = above.get("/pantau/isu")
	wantBody(t, "the national agency's own issue list", res, "0 isu", `<option value="`+strconv.FormatInt(f.agency["jambi"].ID, 10)+`"`)
	res = above.get(jambiIssues)
	wantStatus(t, "Jambi's issues from above", res, http.StatusOK)
	wantBody(t, "Jambi's issues from above", res, "1 isu", `<a href="`+issuePath(flood.ID)+`">`)
	res = above.get(issuePath(flood.ID))
	wantStatus(t, "Jambi's issue from above", res, http.StatusOK)
	wantBody(t, "Jambi's issue from above", res, "Isu milik "+f.agency["jambi"].Name, `href="`+jambiIssues+`"`)
	if strings.Contains(res.body, "Koreksi isu") {
		t.Errorf("the agency above sees the correction forms of Jambi's issue")
	}
	wantStatus(t, "Jambi's issues asked by Sulawesi Selatan", f.signedIn("editorsulsel").get(jambiIssues), http.StatusNotFound)

	page := issuePath(flood.ID)
	res = c.get(page)
	wantStatus(t, "the issue page", res, http.StatusOK)
	wantBody(t, "the issue page", res, floodNews[0].title, floodNews[2].title, "Koreksi isu", `name="item" value="`+strconv.FormatInt(items[1].ID, 10)+`"`,
		"Belum ada koreksi")

	res = c.submit(page, page+"/koreksi", url.Values{"op": {"rename"}, "title": {"Banjir Batanghari"}})
	wantStatus(t, "rename", res, http.StatusSeeOther)
	if res.location() != page+"?notice=issue_corrected" {
		t.Errorf("rename sends to %q", res.location())
	}
	res = c.submit(page, page+"/koreksi", url.Values{"op": {"item_sentiment"}, "sentiment": {"positive"}, "item": {strconv.FormatInt(items[0].ID, 10)}})
	wantStatus(t, "item sentiment", res, http.StatusSeeOther)
	res = c.submit(page, page+"/koreksi", url.Values{"op": {"split"}})
	wantStatus(t, "split of no item", res, http.StatusBadRequest)
	wantBody(t, "split of no item", res, "Centang paling sedikit satu berita.")
	res = c.submit(page, page+"/koreksi", url.Values{"op": {"split"}, "item": {strconv.FormatInt(items[2].ID, 10)}})
	wantStatus(t, "split", res, http.StatusSeeOther)

	res = c.get(page + "?notice=issue_corrected")
	wantBody(t, "the corrected issue", res, "<h1>Banjir Batanghari</h1>", "Koreksi telah disimpan", "koreksi analis",
		"Dinamai “Banjir Batanghari”.", "1 berita dipisahkan ke isu", "Sentimen 1 berita: Positif.", "— analis,")
	if strings.Contains(res.body, `id="item-`+strconv.FormatInt(items[2].ID, 10)+`"`) {
		t.Errorf("the issue page still lists the split item")
	}
	wantStatus(t, "English", c.submit(page, "/bahasa", url.Values{"lang": {"en"}, "next": {page}}), http.StatusSeeOther)
	res = c.get(page)
	wantBody(t, "the issue page in English", res, "Correction history", "Named “Banjir Batanghari”.", "Items in this issue")

	// A leader of Jambi reads the issue but has no forms, and a correction
	// is refused.
	if _, err := f.svc.Auth.CreateUser(context.Background(), access.SystemActor(), auth.NewUser{AgencyID: f.agency["jambi"].ID,
		Username: "pimpinan", Name: "Pimpinan Jambi", Role: access.Pimpinan, Clearance: access.Rahasia, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	lead := f.signedIn("pimpinan")
	res = lead.get(page)
	wantStatus(t, "the issue page as a leader", res, http.StatusOK)
	if strings.Contains(res.body, "Koreksi isu") {
		t.Errorf("a leader sees the correction forms")
	}
	res = lead.submit(page, page+"/koreksi", url.Values{"op": {"pin"}})
	wantStatus(t, "pin by a leader", res, http.StatusForbidden)

	// Another agency's people learn nothing of the issue.
	other := f.signedIn("editorsulsel")
	wantStatus(t, "the issue page for Sulawesi Selatan", other.get(page), http.StatusNotFound)
	res = other.get("/pantau/isu")
	if strings.Contains(res.body, "Banjir") {
		t.Errorf("Sulawesi Selatan's issue list shows Jambi's issue")
	}
	res = other.submit("/pantau/isu", page+"/koreksi", url.Values{"op": {"pin"}})
	wantStatus(t, "pin by another agency", res, http.StatusNotFound)
}

// TestBrowserIssueFromAlert: in Chromium, the head of Jambi's Humas saves
// a search with an instant alert; three outlets' reports of a flood
// arrive through the pipeline; the menu counts the notifications, the
// centre shows them, and the issue they formed is on /pantau/isu, where
// its page lists them and a rename takes effect.
func TestBrowserIssueFromAlert(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	base := f.ts.URL
	f.browserLogin(b, "kepala")
	b.Run(t, "save a search with an instant alert",
		chromedp.Navigate(base+"/pantau/pencarian/baru"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Banjir Batanghari"),
		chromedp.SendKeys(chromedp.CSS("#query"), "banjir batanghari"),
		chromedp.Click(chromedp.CSS("#alert-instant")),
		chromedp.Click(chromedp.CSS(`form[action="/pantau/pencarian"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
	)
	flood, items := f.seedIssues("jambi")
	b.Run(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`a[href="/notifikasi"] .nav-count`)))
	if count := testenv.Get(t, b, "read the unread count", chromedp.Text(chromedp.CSS(`a[href="/notifikasi"] .nav-count`))); !strings.HasPrefix(count, "3") {
		t.Errorf("the menu's unread count is %q; want 3", count)
	}
	b.Run(t, "open the notifications",
		chromedp.Click(chromedp.CSS(`a[href="/notifikasi"]`)),
		chromedp.WaitVisible(chromedp.CSS("ol.notifications")),
	)
	if txt := b.Text(t); !strings.Contains(txt, `Berita baru cocok dengan pencarian "Banjir Batanghari": `+items[0].Title) {
		t.Errorf("the centre lacks the notification:\n%s", txt)
	}
	b.Run(t, "open the issues",
		chromedp.Navigate(base+"/pantau"),
		chromedp.Click(chromedp.CSS(`a[href="/pantau/isu"]`)),
		chromedp.WaitVisible(chromedp.CSS("ol.issues")),
	)
	txt := b.Text(t)
	for _, want := range []string{flood.Title, "3 berita dalam 1 jam terakhir", "jambiekspres.co.id (1)", "Kota Jambi 15.71"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the issue list lacks %q:\n%s", want, txt)
		}
	}
	b.Run(t, "open the issue",
		chromedp.Click(chromedp.CSS(`ol.issues a[href="`+issuePath(flood.ID)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#items-heading")),
	)
	txt = b.Text(t)
	for _, it := range items[:3] {
		if !strings.Contains(txt, it.Title) {
			t.Errorf("the issue page lacks item %q", it.Title)
		}
	}
	b.Run(t, "rename it",
		chromedp.SetValue(chromedp.CSS("#title"), "Banjir Kota Jambi"),
		chromedp.Click(chromedp.CSS(`form:has(#title) button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Koreksi telah disimpan") || !strings.Contains(txt, "Dinamai “Banjir Kota Jambi”.") {
		t.Errorf("after the rename the page reads:\n%s", txt)
	}
	if h1 := testenv.Get(t, b, "read the title", chromedp.Text(chromedp.CSS("h1"))); h1 != "Banjir Kota Jambi" {
		t.Errorf("the issue's title after the rename is %q", h1)
	}
	b.CheckNoErrors(t)
}
