package main

// Browser tests: Main on a free port, driven by Debian's headless Chromium
// through chromedp, as a person would use it, in Indonesian and English.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/query"
)

// browser is one Chromium with an empty profile, and the errors its pages
// reported (exceptions, console errors, blocked resources).
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(testenv.Chromium(t)),
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		// This machine's network is closed: no calls home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b := &browser{ctx: ctx}
	// Collect what pages report: uncaught exceptions, console errors, and
	// browser log errors such as a resource blocked by the CSP.
	messages := chromedp.Console(ctx)
	go func() {
		for msg, err := range messages {
			if err != nil {
				return
			}
			if msg.Type != chromedp.ConsoleError && !msg.IsException() {
				continue
			}
			if strings.HasSuffix(msg.URL, "/favicon.ico") || strings.Contains(msg.Text, "the server responded with a status of 4") {
				continue // wrong passwords and missing pages are visited on purpose
			}
			b.report(fmt.Sprintf("%s (%s)", msg, msg.URL))
		}
	}()
	return b
}

func (b *browser) report(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, s)
}

// run runs steps, each limited to 30 s, and fails the test naming the step.
func (b *browser) run(t *testing.T, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\n%s", step, err, b.describe())
	}
}

// describe returns the address and text of the current page, to explain a
// failed step.
func (b *browser) describe() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	txt, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	return "page " + loc + ":\n" + txt
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browser, step string, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v\n%s", step, err, b.describe())
	}
	return v
}

// text returns the visible text of the page's main element.
func (b *browser) text(t *testing.T) string {
	t.Helper()
	return get(t, b, "read page text", chromedp.Text(chromedp.CSS("main")))
}

func (b *browser) lang(t *testing.T) string {
	t.Helper()
	return get(t, b, "read html lang", chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
}

func (b *browser) checkNoErrors(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("the page reported %s", e)
	}
	b.errors = nil
}

// login signs in through the form and waits for the dashboard.
func (b *browser) login(t *testing.T, base, username, password string) {
	t.Helper()
	b.run(t, "log in as "+username,
		chromedp.Navigate(base+"/masuk"),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/keluar"]`)),
	)
}

func (b *browser) logout(t *testing.T) {
	t.Helper()
	b.run(t, "log out",
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

	b.run(t, "open the login page", chromedp.Navigate(m.URL()+"/"), chromedp.WaitVisible(chromedp.CSS("#username")))
	if got := b.lang(t); got != "id" {
		t.Errorf("login page lang = %q, want id (Indonesian by default)", got)
	}
	if txt := b.text(t); !strings.Contains(txt, id.T("login.title")) {
		t.Errorf("login page text %q lacks %q", txt, id.T("login.title"))
	}

	b.run(t, "log in with a wrong password",
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "bukan-kata-sandinya"),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#form-error")),
	)
	if txt := b.text(t); !strings.Contains(txt, "Nama pengguna atau kata sandi salah.") {
		t.Errorf("after a wrong password the page says %q, want the Indonesian message", txt)
	}

	b.login(t, m.URL(), "admin", pw["admin"])
	if txt := b.text(t); !strings.Contains(txt, "Administrator Sinergi") {
		t.Errorf("dashboard text %q lacks the user's name", txt)
	}
	// A signed-in person's choice is kept in their profile.
	b.run(t, "switch to English while signed in",
		chromedp.Click(chromedp.CSS(`form.lang-switch button[value="en"]`)),
		chromedp.WaitReady(chromedp.CSS(`html[lang="en"]`)),
	)
	if txt := b.text(t); !strings.Contains(txt, "Administrator Sinergi") {
		t.Errorf("English dashboard text %q", txt)
	}
	b.logout(t)
	if got := b.lang(t); got != "en" {
		t.Errorf("login page after signing out in English: lang = %q, want en (the cookie)", got)
	}
	if txt := b.text(t); !strings.Contains(txt, en.T("login.title")) {
		t.Errorf("English login page text %q lacks %q", txt, en.T("login.title"))
	}
	b.run(t, "log in with a wrong password in English",
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "not-the-password"),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#form-error")),
	)
	if txt := b.text(t); !strings.Contains(txt, en.T("login.error.invalid")) {
		t.Errorf("English wrong-password page %q lacks %q", txt, en.T("login.error.invalid"))
	}
	b.login(t, m.URL(), "admin", pw["admin"])
	if got := b.lang(t); got != "en" {
		t.Errorf("signing in again: lang = %q, want en (the profile)", got)
	}
	b.run(t, "switch back to Indonesian",
		chromedp.Click(chromedp.CSS(`form.lang-switch button[value="id"]`)),
		chromedp.WaitReady(chromedp.CSS(`html[lang="id"]`)),
	)
	b.checkNoErrors(t)
}

func TestBrowserAdministratorCreatesAgencyAndUser(t *testing.T) {
	b := newBrowser(t)
	m, pw := demoServer(t, "admin")
	b.login(t, m.URL(), "admin", pw["admin"])

	b.run(t, "find Kabupaten Muaro Jambi in the gazetteer",
		chromedp.Navigate(m.URL()+"/instansi/baru"),
		chromedp.SendKeys(chromedp.CSS("#wilayah"), "Kab. Muaro Jambi"),
		chromedp.Submit(chromedp.CSS("#wilayah")),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/instansi/wilayah"] button`)),
	)
	code := get(t, b, "read the first candidate",
		chromedp.AttributeValue(chromedp.CSS(`form[action="/instansi/wilayah"] input[name="kode"]`), "value")).Value
	if code != "15.05" {
		t.Fatalf("first gazetteer candidate for Kab. Muaro Jambi = %q, want 15.05", code)
	}
	b.run(t, "create the agency from the gazetteer",
		chromedp.Click(chromedp.CSS(`form[action="/instansi/wilayah"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/instansi/wilayah"]`)),
	)
	const agencyName = "Humas Pemerintah Kabupaten Muaro Jambi"
	if txt := b.text(t); !strings.Contains(txt, agencyName) {
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

	b.run(t, "create a user in the new agency",
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
	b.run(t, "open the user list", chromedp.Navigate(m.URL()+"/pengguna"), chromedp.WaitVisible(chromedp.CSS("main table")))
	if txt := b.text(t); !strings.Contains(txt, "editor.muarojambi") {
		t.Errorf("user list %q lacks the new user", txt)
	}

	b.run(t, "open the audit log", chromedp.Navigate(m.URL()+"/audit"), chromedp.WaitVisible(chromedp.CSS("main table")))
	txt := b.text(t)
	for _, want := range []string{agencyName, "editor.muarojambi"} {
		if !strings.Contains(txt, want) {
			t.Errorf("audit log page lacks %q:\n%s", want, txt)
		}
	}
	b.checkNoErrors(t)
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
		b.run(t, "open a key message the analyst may not see", chromedp.Navigate(fmt.Sprintf("%s/sinergi/pesan/%d", m.URL(), msg.ID)))
		txt := b.text(t)
		if !strings.Contains(txt, notFound) || strings.Contains(txt, msg.Title) {
			t.Errorf("as a TERBATAS analyst, /sinergi/pesan/%d (%s %s) shows %q; want the not-found page", msg.ID, msg.Classification, msg.AgencyName, txt)
		}
	}
	b.run(t, "open the own TERBATAS key message", chromedp.Navigate(fmt.Sprintf("%s/sinergi/pesan/%d", m.URL(), own.ID)))
	if txt := b.text(t); !strings.Contains(txt, own.Title) {
		t.Errorf("as a TERBATAS analyst, the own TERBATAS message shows %q", txt)
	}
	b.run(t, "list key messages", chromedp.Navigate(m.URL()+"/sinergi/pesan"))
	if txt := b.text(t); strings.Contains(txt, secret.Title) || strings.Contains(txt, acehLine.Title) || !strings.Contains(txt, own.Title) {
		t.Errorf("the analyst's key message list shows what they may not see, or not what they may:\n%s", txt)
	}
}

// TestBrowserArchiveSearch: the administrator searches the demo archive
// (200 PUBLIK news articles) in Pantau, sees the matched words
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
			png := get(t, b, "screenshot "+name, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	b.login(t, m.URL(), "admin", pw["admin"])
	b.run(t, "search the archive",
		chromedp.Navigate(m.URL()+"/pantau"),
		chromedp.SendKeys(chromedp.CSS("#q"), "jakarta"),
		chromedp.Click(submit),
		chromedp.WaitVisible(chromedp.CSS(".hits mark")),
	)
	if txt := b.text(t); !strings.Contains(txt, count("jakarta")) {
		t.Errorf("the result page lacks the count %q:\n%s", count("jakarta"), txt)
	}
	if got := get(t, b, "read a highlight", chromedp.Text(chromedp.CSS(".hits mark"))); !strings.EqualFold(got, "jakarta") {
		t.Errorf("the first highlight is %q, want jakarta", got)
	}
	shoot("id-pantau-results")
	source := strings.TrimSpace(get(t, b, "read the first source", chromedp.Text(sources)))
	b.run(t, "narrow by the first source",
		chromedp.Click(sources),
		chromedp.WaitVisible(chromedp.CSS(".facet__link--active")),
	)
	want := "jakarta AND " + (&query.Filter{Field: "source", Value: source}).String()
	if got := get(t, b, "read the query box", chromedp.Value(chromedp.CSS("#q"))); got != want {
		t.Errorf("after choosing the source %q the query box holds %q, want %q", source, got, want)
	}
	if txt := b.text(t); !strings.Contains(txt, count(want)) {
		t.Errorf("the narrowed page lacks the count %q:\n%s", count(want), txt)
	}
	shoot("id-pantau-narrowed")

	b.run(t, "mistype a query",
		chromedp.Clear(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), `jakarta "kota`),
		chromedp.Click(submit),
		chromedp.WaitVisible(chromedp.CSS("#query-error")),
	)
	if got := get(t, b, "read the error", chromedp.Text(chromedp.CSS("#query-error"))); !strings.Contains(got, "Tanda kutip pembuka di posisi 9 tidak ditutup.") {
		t.Errorf("the error of an unclosed quote reads %q", got)
	}
	if got := get(t, b, "read the marked spot", chromedp.Text(chromedp.CSS("#query-error mark"))); got != `"` {
		t.Errorf("the marked spot is %q, want the quote", got)
	}
	if got := get(t, b, "read aria-invalid", chromedp.AttributeValue(chromedp.CSS("#q"), "aria-invalid")).Value; got != "true" {
		t.Errorf("the query box of a refused query has aria-invalid=%q", got)
	}
	b.checkNoErrors(t)
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
		png := get(t, b, "screenshot "+name, chromedp.FullScreenshot(100))
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
		b.run(t, "open the login page", chromedp.Navigate(m.URL()+"/masuk"), chromedp.WaitVisible(chromedp.CSS("#username")))
		if b.lang(t) != lang {
			b.run(t, "switch language to "+lang,
				chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.lang-switch button[value=%q]`, lang))),
				chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`html[lang=%q]`, lang))))
		}
		shoot(lang + "-masuk")
		b.login(t, m.URL(), "admin", pw["admin"])
		if b.lang(t) != lang {
			b.run(t, "switch language to "+lang+" while signed in",
				chromedp.Click(chromedp.CSS(fmt.Sprintf(`form.lang-switch button[value=%q]`, lang))),
				chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`html[lang=%q]`, lang))))
		}
		for _, p := range pages {
			b.run(t, lang+" "+p, chromedp.Navigate(m.URL()+p), chromedp.WaitReady(chromedp.CSS("footer")))
			html := get(t, b, "read "+p, chromedp.OuterHTML(chromedp.CSS("html")))
			if got := b.lang(t); got != lang {
				t.Errorf("%s in %s: lang = %q", p, lang, got)
			}
			if strings.Contains(html, "[[") {
				i := strings.Index(html, "[[")
				t.Errorf("%s in %s: missing translation near %q", p, lang, html[i:min(len(html), i+60)])
			}
			nodes := get(t, b, "find the heading of "+p, chromedp.Nodes(chromedp.CSS("main h1"), chromedp.AtLeast(0)))
			if len(nodes) == 0 {
				t.Errorf("%s in %s: no <h1> in main", p, lang)
			}
			shoot(lang + strings.NewReplacer("/", "-", "?", "_", "=", "_").Replace(p))
		}
		b.logout(t)
	}
	b.checkNoErrors(t)
}
