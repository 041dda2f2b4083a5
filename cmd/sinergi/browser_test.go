package main

// Browser tests: Main on a free port, driven by Debian's headless Chromium
// through chromedp, as a person would use it, in Indonesian and English.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/query"
)

// browser is Chromium for these tests: testenv's, which leaves out the
// 4xx answers the tests provoke (wrong passwords, missing pages), with the
// steps a person takes on Sinergi.
type browser struct{ *testenv.Browser }

func newBrowser(t *testing.T) *browser {
	t.Helper()
	return &browser{testenv.NewBrowser(t, func(text, _ string) bool {
		return strings.Contains(text, "the server responded with a status of 4")
	})}
}

func (b *browser) lang(t *testing.T) string {
	t.Helper()
	return testenv.Get(t, b.Browser, "read html lang", chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
}

// login signs in through the form and waits for the dashboard.
func (b *browser) login(t *testing.T, base, username, password string) {
	t.Helper()
	b.Run(t, "log in as "+username,
		chromedp.Navigate(base+"/masuk"),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/keluar"]`)),
	)
}

func (b *browser) logout(t *testing.T) {
	t.Helper()
	b.Run(t, "log out",
		chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/masuk"]`)),
	)
}

// demoServer starts `serve --demo` and gives the named demo accounts known
// passwords (the generated ones are printed, not returned).
func demoServer(t *testing.T, usernames ...string) (*Main, map[string]string) {
	t.Helper()
	m, _ := startServer(t, t.TempDir())
	passwords := map[string]string{}
	for _, u := range usernames {
		user, err := m.Services.Auth.FindUserByUsername(t.Context(), access.SystemActor(), u)
		if err != nil {
			t.Fatalf("demo account %s: %v", u, err)
		}
		passwords[u] = "uji-peramban-" + strings.Repeat("x", len(u)) + "-sandi"
		if err := m.Services.Auth.SetPassword(t.Context(), access.SystemActor(), user.ID, passwords[u]); err != nil {
			t.Fatal(err)
		}
	}
	return m, passwords
}

func TestBrowserLoginInBothLanguages(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "admin")
	id, en := m.Catalogs.Translator(i18n.ID), m.Catalogs.Translator(i18n.EN)

	b.Run(t, "open the login page", chromedp.Navigate(m.URL()+"/"), chromedp.WaitVisible(chromedp.CSS("#username")))
	if got := b.lang(t); got != "id" {
		t.Errorf("login page lang = %q, want id (Indonesian by default)", got)
	}
	if txt := b.Text(t); !strings.Contains(txt, id.T("login.title")) {
		t.Errorf("login page text %q lacks %q", txt, id.T("login.title"))
	}

	b.Run(t, "log in with a wrong password",
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "bukan-kata-sandinya"),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#form-error")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Nama pengguna atau kata sandi salah.") {
		t.Errorf("after a wrong password the page says %q, want the Indonesian message", txt)
	}

	b.login(t, m.URL(), "admin", pw["admin"])
	if txt := b.Text(t); !strings.Contains(txt, "Administrator Sinergi") {
		t.Errorf("dashboard text %q lacks the user's name", txt)
	}
	// A signed-in person's choice is kept in their profile.
	b.Run(t, "switch to English while signed in",
		chromedp.Click(chromedp.CSS(`form.lang-switch button[value="en"]`)),
		chromedp.WaitReady(chromedp.CSS(`html[lang="en"]`)),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Administrator Sinergi") {
		t.Errorf("English dashboard text %q", txt)
	}
	b.logout(t)
	if got := b.lang(t); got != "en" {
		t.Errorf("login page after signing out in English: lang = %q, want en (the cookie)", got)
	}
	if txt := b.Text(t); !strings.Contains(txt, en.T("login.title")) {
		t.Errorf("English login page text %q lacks %q", txt, en.T("login.title"))
	}
	b.Run(t, "log in with a wrong password in English",
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "not-the-password"),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#form-error")),
	)
	if txt := b.Text(t); !strings.Contains(txt, en.T("login.error.invalid")) {
		t.Errorf("English wrong-password page %q lacks %q", txt, en.T("login.error.invalid"))
	}
	b.login(t, m.URL(), "admin", pw["admin"])
	if got := b.lang(t); got != "en" {
		t.Errorf("signing in again: lang = %q, want en (the profile)", got)
	}
	b.Run(t, "switch back to Indonesian",
		chromedp.Click(chromedp.CSS(`form.lang-switch button[value="id"]`)),
		chromedp.WaitReady(chromedp.CSS(`html[lang="id"]`)),
	)
	b.CheckNoErrors(t)
}

func TestBrowserAdministratorCreatesAgencyAndUser(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "admin")
	b.login(t, m.URL(), "admin", pw["admin"])

	b.Run(t, "find Kabupaten Muaro Jambi in the gazetteer",
		chromedp.Navigate(m.URL()+"/instansi/baru"),
		chromedp.SendKeys(chromedp.CSS("#wilayah"), "Kab. Muaro Jambi"),
		chromedp.Submit(chromedp.CSS("#wilayah")),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/instansi/wilayah"] button`)),
	)
	code := testenv.Get(t, b.Browser, "read the first candidate",
		chromedp.AttributeValue(chromedp.CSS(`form[action="/instansi/wilayah"] input[name="kode"]`), "value")).Value
	if code != "15.05" {
		t.Fatalf("first gazetteer candidate for Kab. Muaro Jambi = %q, want 15.05", code)
	}
	b.Run(t, "create the agency from the gazetteer",
		chromedp.Click(chromedp.CSS(`form[action="/instansi/wilayah"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/instansi/wilayah"]`)),
	)
	const agencyName = "Humas Pemerintah Kabupaten Muaro Jambi"
	if txt := b.Text(t); !strings.Contains(txt, agencyName) {
		t.Fatalf("after creating from the gazetteer the page says %q", txt)
	}
	list, _, err := m.Services.Agencies.List(t.Context(), agency.Filter{Query: "Muaro Jambi"})
	if err != nil || len(list) != 1 {
		t.Fatalf("agencies named Muaro Jambi: %v, %v", list, err)
	}
	created := list[0]
	if created.RegionCode != "15.05" || created.Kind != agency.Kabupaten || created.TimeZone != "WIB" || created.Depth() != 2 {
		t.Errorf("created agency = %+v, want kabupaten 15.05 in WIB under the province", created)
	}

	b.Run(t, "create a user in the new agency",
		chromedp.Navigate(m.URL()+"/pengguna/baru"),
		chromedp.SendKeys(chromedp.CSS("#username"), "editor.muarojambi"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Editor Humas Muaro Jambi"),
		chromedp.SendKeys(chromedp.CSS("#email"), "humas@muarojambikab.go.id"),
		chromedp.SetValue(chromedp.CSS("#agency"), fmt.Sprint(created.ID)),
		chromedp.SetValue(chromedp.CSS("#role"), string(access.Editor)),
		chromedp.SetValue(chromedp.CSS("#clearance"), fmt.Sprint(int(access.Terbatas))),
		chromedp.SendKeys(chromedp.CSS("#password"), "kata-sandi-editor-baru"),
		chromedp.Click(chromedp.CSS(`form[action="/pengguna"] button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#password`)),
	)
	b.Run(t, "open the user list", chromedp.Navigate(m.URL()+"/pengguna"), chromedp.WaitVisible(chromedp.CSS("main table")))
	if txt := b.Text(t); !strings.Contains(txt, "editor.muarojambi") {
		t.Errorf("user list %q lacks the new user", txt)
	}

	b.Run(t, "open the audit log", chromedp.Navigate(m.URL()+"/audit"), chromedp.WaitVisible(chromedp.CSS("main table")))
	txt := b.Text(t)
	for _, want := range []string{agencyName, "editor.muarojambi"} {
		if !strings.Contains(txt, want) {
			t.Errorf("audit log page lacks %q:\n%s", want, txt)
		}
	}
	b.CheckNoErrors(t)
}

// TestBrowserClassifiedIsNotFound: a TERBATAS analyst of the Jambi province
// opens a RAHASIA key message of their own agency and a TERBATAS one of an
// unrelated agency by URL, and sees the not-found page both times.
func TestBrowserClassifiedIsNotFound(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "analis")
	console := access.SystemActor()
	aceh, _, err := m.Services.Agencies.List(t.Context(), agency.Filter{Query: "Setda Aceh"})
	if err != nil || len(aceh) != 1 {
		t.Fatalf("demo agency Aceh: %v, %v", aceh, err)
	}
	acehLine := &network.KeyMessage{AgencyID: aceh[0].ID, Title: "Garis Aceh terbatas", Body: "Hanya untuk Aceh dan atasannya.", Classification: access.Terbatas}
	if err := m.Services.Network.Create(t.Context(), console, acehLine); err != nil {
		t.Fatal(err)
	}
	all, _, err := m.Services.Network.List(t.Context(), console, network.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var secret, own *network.KeyMessage
	for _, msg := range all {
		if msg.Classification == access.Rahasia && strings.Contains(msg.AgencyName, "Jambi") {
			secret = msg
		}
		if msg.Classification == access.Terbatas && strings.Contains(msg.AgencyName, "Provinsi Jambi") {
			own = msg
		}
	}
	if secret == nil || own == nil {
		t.Fatal("demo lacks the RAHASIA and TERBATAS key messages of Jambi")
	}
	b.login(t, m.URL(), "analis", pw["analis"])
	notFound := m.Catalogs.Translator(i18n.ID).T("error.not_found")
	for _, msg := range []*network.KeyMessage{secret, acehLine} {
		b.Run(t, "open a key message the analyst may not see", chromedp.Navigate(fmt.Sprintf("%s/sinergi/pesan/%d", m.URL(), msg.ID)))
		txt := b.Text(t)
		if !strings.Contains(txt, notFound) || strings.Contains(txt, msg.Title) {
			t.Errorf("as a TERBATAS analyst, /sinergi/pesan/%d (%s %s) shows %q; want the not-found page", msg.ID, msg.Classification, msg.AgencyName, txt)
		}
	}
	b.Run(t, "open the own TERBATAS key message", chromedp.Navigate(fmt.Sprintf("%s/sinergi/pesan/%d", m.URL(), own.ID)))
	if txt := b.Text(t); !strings.Contains(txt, own.Title) {
		t.Errorf("as a TERBATAS analyst, the own TERBATAS message shows %q", txt)
	}
	b.Run(t, "list key messages", chromedp.Navigate(m.URL()+"/sinergi/pesan"))
	if txt := b.Text(t); strings.Contains(txt, secret.Title) || strings.Contains(txt, acehLine.Title) || !strings.Contains(txt, own.Title) {
		t.Errorf("the analyst's key message list shows what they may not see, or not what they may:\n%s", txt)
	}
}

// TestBrowserDemoStory: what a new user meets in `serve --demo`, in
// Chromium. Jambi's analyst opens the Pantau dashboard and finds the last
// week's items counted and drawn; the notification centre holds the
// recirculation alert the demo's chain message raised, and it leads to
// the hoax's page, which lists where it appeared again.
func TestBrowserDemoStory(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "analis")
	analis, err := m.Services.Auth.FindUserByUsername(t.Context(), access.SystemActor(), "analis")
	if err != nil {
		t.Fatal(err)
	}
	b.login(t, m.URL(), "analis", pw["analis"])
	b.Run(t, "open the dashboard of the last 7 days",
		chromedp.Navigate(m.URL()+"/pantau/dasbor?periode=7hari"),
		chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="volume-heading"] svg`)),
	)
	scope := testenv.Get(t, b.Browser, "read the scope", chromedp.Text(chromedp.CSS(".search-count + a + code")))
	week, err := m.Services.Archive.Search(t.Context(), analis.Actor(), archive.Request{Query: scope, Limit: 1})
	if err != nil {
		t.Fatalf("Search(%q): %v", scope, err)
	}
	if week.Total < 40 {
		t.Errorf("the demo's last 7 days hold %d items of the analyst's agency, want about 50", week.Total)
	}
	want := m.Catalogs.Translator(i18n.ID).T("pantau.dashboard.total", week.Total)
	if got := testenv.Get(t, b.Browser, "read the count", chromedp.Text(chromedp.CSS(".search-count"))); got != want {
		t.Errorf("the dashboard counts %q, want %q (the archive search %q)", got, want, scope)
	}

	alert := chromedp.CSS(`a[href^="/tangkal/klaim/"]`)
	b.Run(t, "open the notifications", chromedp.Navigate(m.URL()+"/notifikasi"), chromedp.WaitVisible(alert))
	if got := testenv.Get(t, b.Browser, "read the alert", chromedp.Text(alert)); !strings.Contains(got, "beredar lagi") || !strings.Contains(got, "Grup WhatsApp Warga RT 05") {
		t.Errorf("the first hoax notification reads %q, want the demo post's recirculation alert", got)
	}
	b.Run(t, "follow the alert to the hoax", chromedp.Click(alert), chromedp.WaitVisible(chromedp.CSS("h1")))
	if txt := b.Text(t); !strings.Contains(txt, "Grup WhatsApp Warga RT 05") {
		t.Errorf("the hoax's page does not list the demo post where it appeared again:\n%s", txt)
	}
	b.CheckNoErrors(t)
}

// TestBrowserArchiveSearch: the administrator searches the demo archive
// (200 PUBLIK news articles and 3 social media posts) in Pantau, sees the matched words
// highlighted, narrows the result by a source facet (which writes the
// filter into the query box), then mistypes a query and sees the message
// with the spot marked.
func TestBrowserArchiveSearch(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "admin")
	ctx := t.Context()
	admin, err := m.Services.Auth.FindUserByUsername(ctx, access.SystemActor(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	count := func(q string) string {
		t.Helper()
		res, err := m.Services.Archive.Search(ctx, admin.Actor(), archive.Request{Query: q, Limit: 1, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return m.Catalogs.Translator(i18n.ID).T("search.count", res.Total)
	}
	submit := chromedp.CSS(`form.search-form button[type=submit]`)
	sources := chromedp.CSS(`section[aria-labelledby="facet-sources"] a`)
	shoot := func(name string) { // to look at, with SINERGI_GALLERY_DIR
		if dir := os.Getenv("SINERGI_GALLERY_DIR"); dir != "" {
			png := testenv.Get(t, b.Browser, "screenshot "+name, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	b.login(t, m.URL(), "admin", pw["admin"])
	b.Run(t, "search the archive",
		chromedp.Navigate(m.URL()+"/pantau"),
		chromedp.SendKeys(chromedp.CSS("#q"), "jakarta"),
		chromedp.Click(submit),
		chromedp.WaitVisible(chromedp.CSS(".hits mark")),
	)
	if txt := b.Text(t); !strings.Contains(txt, count("jakarta")) {
		t.Errorf("the result page lacks the count %q:\n%s", count("jakarta"), txt)
	}
	if got := testenv.Get(t, b.Browser, "read a highlight", chromedp.Text(chromedp.CSS(".hits mark"))); !strings.EqualFold(got, "jakarta") {
		t.Errorf("the first highlight is %q, want jakarta", got)
	}
	shoot("id-pantau-results")
	source := strings.TrimSpace(testenv.Get(t, b.Browser, "read the first source", chromedp.Text(sources)))
	b.Run(t, "narrow by the first source",
		chromedp.Click(sources),
		chromedp.WaitVisible(chromedp.CSS(".facet__link--active")),
	)
	want := "jakarta AND " + (&query.Filter{Field: "source", Value: source}).String()
	if got := testenv.Get(t, b.Browser, "read the query box", chromedp.Value(chromedp.CSS("#q"))); got != want {
		t.Errorf("after choosing the source %q the query box holds %q, want %q", source, got, want)
	}
	if txt := b.Text(t); !strings.Contains(txt, count(want)) {
		t.Errorf("the narrowed page lacks the count %q:\n%s", count(want), txt)
	}
	shoot("id-pantau-narrowed")

	b.Run(t, "mistype a query",
		chromedp.Clear(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), `jakarta "kota`),
		chromedp.Click(submit),
		chromedp.WaitVisible(chromedp.CSS("#query-error")),
	)
	if got := testenv.Get(t, b.Browser, "read the error", chromedp.Text(chromedp.CSS("#query-error"))); !strings.Contains(got, "Tanda kutip pembuka di posisi 9 tidak ditutup.") {
		t.Errorf("the error of an unclosed quote reads %q", got)
	}
	if got := testenv.Get(t, b.Browser, "read the marked spot", chromedp.Text(chromedp.CSS("#query-error mark"))); got != `"` {
		t.Errorf("the marked spot is %q, want the quote", got)
	}
	if got := testenv.Get(t, b.Browser, "read aria-invalid", chromedp.AttributeValue(chromedp.CSS("#q"), "aria-invalid")).Value; got != "true" {
		t.Errorf("the query box of a refused query has aria-invalid=%q", got)
	}
	b.CheckNoErrors(t)
}

// TestBrowserGallery renders every page in Chromium in both languages as
// the administrator. With SINERGI_GALLERY_DIR set it saves a screenshot of
// each, to look at.
func TestBrowserGallery(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "admin")
	dir := os.Getenv("SINERGI_GALLERY_DIR")
	shoot := func(name string) {
		if dir == "" {
			return
		}
		png := testenv.Get(t, b.Browser, "screenshot "+name, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	messages, _, err := m.Services.Network.List(t.Context(), access.SystemActor(), network.Filter{Limit: 1})
	if err != nil || len(messages) == 0 {
		t.Fatalf("demo key messages: %v", err)
	}
	pages := []string{
		"/dasbor", "/pantau", "/tangkal", "/siaran", "/sinergi", "/aspirasi", "/informasi", "/mitra",
		"/instansi", "/instansi?q=jambi", "/instansi/1", "/instansi/1/ubah", "/instansi/baru", "/instansi/baru?wilayah=jambi",
		"/pengguna", "/pengguna/baru", "/sinergi/pesan", "/sinergi/pesan/baru", fmt.Sprintf("/sinergi/pesan/%d", messages[0].ID),
		"/audit", "/audit?aksi=auth.", "/profil", "/halaman-yang-tidak-ada",
		"/pantau?q=banjir", "/pantau?q=banjir+%22kota",
	}
	for _, lang := range []string{"id", "en"} {
		b.Run(t, "open the login page", chromedp.Navigate(m.URL()+"/masuk"), chromedp.WaitVisible(chromedp.CSS("#username")))
		if b.lang(t) != lang {
			b.Run(t, "switch language to "+lang,
				chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.lang-switch button[value=%q]`, lang))),
				chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`html[lang=%q]`, lang))))
		}
		shoot(lang + "-masuk")
		b.login(t, m.URL(), "admin", pw["admin"])
		if b.lang(t) != lang {
			b.Run(t, "switch language to "+lang+" while signed in",
				chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.lang-switch button[value=%q]`, lang))),
				chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`html[lang=%q]`, lang))))
		}
		for _, p := range pages {
			b.Run(t, lang+" "+p, chromedp.Navigate(m.URL()+p), chromedp.WaitReady(chromedp.CSS("footer")))
			html := testenv.Get(t, b.Browser, "read "+p, chromedp.OuterHTML(chromedp.CSS("html")))
			if got := b.lang(t); got != lang {
				t.Errorf("%s in %s: lang = %q", p, lang, got)
			}
			if strings.Contains(html, "[[") {
				i := strings.Index(html, "[[")
				t.Errorf("%s in %s: missing translation near %q", p, lang, html[i:min(len(html), i+60)])
			}
			nodes := testenv.Get(t, b.Browser, "find the heading of "+p, chromedp.Nodes(chromedp.CSS("main h1"), chromedp.AtLeast(0)))
			if len(nodes) == 0 {
				t.Errorf("%s in %s: no <h1> in main", p, lang)
			}
			shoot(lang + strings.NewReplacer("/", "-", "?", "_", "=", "_").Replace(p))
		}
		b.logout(t)
	}
	b.CheckNoErrors(t)
}
