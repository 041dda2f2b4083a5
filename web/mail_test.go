package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

// seedMailTokens gives a saved search an outside e-mail recipient and
// returns a confirm and an unsubscribe token of it, as the Mailer makes
// them (monitor/mailer.go; TestEmailAlerts sends real ones).
func (f *fixture) seedMailTokens(ss *monitor.SavedSearch, owner string) (confirm, unsub string) {
	f.t.Helper()
	ctx := context.Background()
	f.svc.Monitor.MailEnabled = true
	upd := *ss
	upd.Emails = []string{"warga@example.org"}
	if _, err := f.svc.Monitor.Update(ctx, f.user[owner].Actor(), ss.ID, &upd); err != nil {
		f.t.Fatalf("add a recipient: %v", err)
	}
	rs, err := f.svc.Monitor.Recipients(ctx, f.user[owner].Actor(), ss.ID)
	if err != nil || len(rs) != 1 {
		f.t.Fatalf("recipients = %v, %v", rs, err)
	}
	confirm, unsub = "KONFIRMASI"+strings.Repeat("A", 16), "BERHENTI"+strings.Repeat("B", 18)
	for token, purpose := range map[string]string{confirm: monitor.TokenConfirm, unsub: monitor.TokenUnsubscribe} {
		if err := f.db.AddMailToken(ctx, monitor.TokenHash(token), rs[0].ID, purpose, time.Now()); err != nil {
			f.t.Fatal(err)
		}
	}
	return confirm, unsub
}

// TestMailPages: the confirm link's GET shows a button and confirms
// nothing (mail scanners open links); its POST confirms, with no account.
// The unsubscribe link's one-click POST (RFC 8058), from no session,
// without a form token, even marked cross-site, unsubscribes. An unknown
// token is not found. The saved search's page lists the recipient and its
// state for its owner; its form has the recipients and quiet hours.
func TestMailPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srch := f.seedSearches()
	ss := srch["gubernur"]
	confirm, unsub := f.seedMailTokens(ss, "analis")
	status := func() monitor.RecipientStatus {
		rs, err := f.svc.Monitor.Recipients(context.Background(), f.user["analis"].Actor(), ss.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rs[0].Status
	}
	visitor := f.client()
	res := visitor.get("/surel/konfirmasi/" + confirm)
	wantStatus(t, "GET confirm", res, http.StatusOK)
	if !strings.Contains(res.body, "warga@example.org") || !strings.Contains(res.body, `method="post"`) || status() != monitor.RecipientPending {
		t.Errorf("GET confirm: status %s; body:\n%s", status(), res.body)
	}
	res = visitor.post("/surel/konfirmasi/"+confirm, url.Values{})
	wantStatus(t, "POST confirm", res, http.StatusOK)
	if status() != monitor.RecipientConfirmed || !strings.Contains(res.body, "Gubernur") {
		t.Errorf("after POST confirm: %s", status())
	}
	wantStatus(t, "GET unknown token", visitor.get("/surel/konfirmasi/TIDAKADA"), http.StatusNotFound)
	wantStatus(t, "POST confirm with an unsubscribe token", visitor.post("/surel/konfirmasi/"+unsub, url.Values{}), http.StatusNotFound)

	owner := f.signedIn("analis")
	page := owner.get(savedSearchPath(ss.ID))
	if !strings.Contains(page.body, "warga@example.org") || !strings.Contains(page.body, `id="mail-heading"`) {
		t.Errorf("the search's page lacks its recipients")
	}
	form := owner.get(savedSearchPath(ss.ID) + "/ubah")
	if !strings.Contains(form.body, `name="emails"`) || !strings.Contains(form.body, "warga@example.org") || !strings.Contains(form.body, `name="quiet_hours"`) {
		t.Errorf("the change form lacks the recipients or quiet hours")
	}
	if other := f.signedIn("kepala").get(savedSearchPath(ss.ID)); strings.Contains(other.body, "warga@example.org") {
		t.Errorf("a colleague who may not change the search sees its recipients (status %d)", other.status)
	}

	res = visitor.get("/surel/berhenti/" + unsub)
	if res.status != http.StatusOK || status() != monitor.RecipientConfirmed {
		t.Errorf("GET unsubscribe: %d, recipient %s; want 200 and still confirmed", res.status, status())
	}
	oneClick := f.client()
	oneClick.header.Set("Sec-Fetch-Site", "cross-site")
	res = oneClick.post("/surel/berhenti/"+unsub, url.Values{"List-Unsubscribe": {"One-Click"}})
	wantStatus(t, "one-click POST", res, http.StatusOK)
	if status() != monitor.RecipientUnsubscribed {
		t.Errorf("after the one-click POST: %s", status())
	}

	// A form of the saved search with an invalid address or quiet hours
	// shows the error beside its field.
	res = owner.submit(savedSearchPath(ss.ID)+"/ubah", savedSearchPath(ss.ID), url.Values{"name": {"Gubernur"},
		"query": {"gubernur"}, "emails": {"warga@example.org\nbukan-alamat"}, "quiet_hours": {"22:00-06:00"}})
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "bukan-alamat") {
		t.Errorf("invalid address: %d", res.status)
	}
	res = owner.submit(savedSearchPath(ss.ID)+"/ubah", savedSearchPath(ss.ID), url.Values{"name": {"Gubernur"},
		"query": {"gubernur"}, "emails": {"warga@example.org"}, "quiet_hours": {"malam"}})
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, "JJ:MM-JJ:MM") {
		t.Errorf("invalid quiet hours: %d", res.status)
	}
}

// smtpSender sends the Mailer's e-mails with a mail.Sender, as
// cmd/sinergi wires them.
type smtpSender struct{ s *mail.Sender }

func (a smtpSender) SendEmail(ctx context.Context, e *monitor.Email) error {
	return a.s.Send(ctx, &mail.Message{To: []string{e.To}, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Header: e.Header})
}

// TestBrowserEmailAlert, in Chromium: a saved search is given an outside
// e-mail recipient on its form; the confirmation e-mail arrives on a real
// SMTP server, and its link opens a page whose button confirms; an item
// then imported is e-mailed with the matched word marked, and the
// e-mail's unsubscribe link opens a page whose button stops the e-mails.
func TestBrowserEmailAlert(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	f.svc.Monitor.MailEnabled = true
	srv := testenv.SMTP(t)
	sender, err := mail.New(srv.URL(), "Sinergi <sinergi@jambiprov.go.id>")
	if err != nil {
		t.Fatal(err)
	}
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	mailer := monitor.NewMailer(f.db, f.svc.Auth, smtpSender{sender}, cats, f.ts.URL, sinergi.SystemClock{},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	deliver := func(want int) *testenv.Received {
		t.Helper()
		if _, err := mailer.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		return srv.Wait(t, want, 10*time.Second)[want-1]
	}
	base := f.ts.URL
	f.browserLogin(b, "kepala")
	b.Run(t, "save a search that e-mails an outside address",
		chromedp.Navigate(base+"/pantau/pencarian/baru?q=banjir"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Banjir Jambi"),
		chromedp.Click(chromedp.CSS("#alert-instant")),
		chromedp.SendKeys(chromedp.CSS("#emails"), "warga@example.org"),
		chromedp.Click(chromedp.CSS(`form[action="/pantau/pencarian"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#mail-heading")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "warga@example.org") || !strings.Contains(txt, "Menunggu konfirmasi") {
		t.Errorf("the search's page lacks the pending recipient:\n%s", txt)
	}
	confirm := deliver(1)
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/surel/konfirmasi/[A-Z2-7]+`).FindString(confirm.Text)
	if link == "" {
		t.Fatalf("the confirmation has no link:\n%s", confirm.Text)
	}
	b.Run(t, "open the confirmation link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main form button")))
	if got := srv.Messages(); len(got) != 1 {
		t.Errorf("opening the link sent %d e-mails", len(got)-1)
	}
	b.Run(t, "confirm", chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS(`main [role="status"]`)))
	if txt := b.Text(t); !strings.Contains(txt, "kini menerima peringatan") {
		t.Errorf("after confirming:\n%s", txt)
	}

	f.upload(f.newsItem("jambi", "Banjir bandang terjang Kerinci", "Banjir bandang melanda Kabupaten Kerinci."))
	alert := deliver(2)
	if !strings.Contains(alert.HTML, "<mark>Banjir</mark> bandang terjang Kerinci") {
		t.Errorf("the alert:\n%s", alert.HTML)
	}
	unsub := regexp.MustCompile(regexp.QuoteMeta(base) + `/surel/berhenti/[A-Z2-7]+`).FindString(alert.Text)
	b.Run(t, "open the unsubscribe link", chromedp.Navigate(unsub), chromedp.WaitVisible(chromedp.CSS("main form button")))
	b.Run(t, "unsubscribe", chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS(`main [role="status"]`)))
	if txt := b.Text(t); !strings.Contains(txt, "tidak akan menerima") {
		t.Errorf("after unsubscribing:\n%s", txt)
	}
	b.CheckNoErrors(t)
}
