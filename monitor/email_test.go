package monitor_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// smtpSender sends the Mailer's e-mails with a mail.Sender, as
// cmd/sinergi wires them.
type smtpSender struct{ s *mail.Sender }

func (a smtpSender) SendEmail(ctx context.Context, e *monitor.Email) error {
	return a.s.Send(ctx, &mail.Message{To: []string{e.To}, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Header: e.Header})
}

// mailEnv is the monitor on a clock the test moves, with a Mailer sending
// to a loopback SMTP server.
type mailEnv struct {
	*env
	clock  *testenv.Clock
	smtp   *testenv.SMTPServer
	mailer *monitor.Mailer
}

const publicURL = "https://sinergi.jambiprov.go.id"

func forMailEngine(t *testing.T, start time.Time, fn func(t *testing.T, e *mailEnv)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			var db *store.DB
			var err error
			if engine == "sqlite" {
				db, err = sqlite.Open(t.Context(), t.TempDir()+"/sinergi.db")
			} else {
				db, err = postgres.Open(t.Context(), testenv.Postgres(t))
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			clock := testenv.NewClock(start)
			e := &mailEnv{env: newEnvAt(t, db, clock), clock: clock, smtp: testenv.SMTP(t)}
			e.svc.MailEnabled = true
			sender, err := mail.New(e.smtp.URL(), "Sinergi <sinergi@jambiprov.go.id>")
			if err != nil {
				t.Fatal(err)
			}
			catalogs, err := i18n.Load()
			if err != nil {
				t.Fatal(err)
			}
			e.mailer = monitor.NewMailer(db, e.auth, smtpSender{sender}, catalogs, publicURL, clock,
				slog.New(slog.NewTextHandler(io.Discard, nil)))
			fn(t, e)
		})
	}
}

// upload imports items through the pipeline, as published now.
func (e *mailEnv) upload(t *testing.T, items ...*archive.Item) {
	t.Helper()
	for _, it := range items {
		it.Published = e.clock.Now().Add(-10 * time.Minute)
	}
	if _, err := e.pipeline.Upload(t.Context(), access.SystemActor(), items); err != nil {
		t.Fatalf("Upload: %v", err)
	}
}

// deliver runs the Mailer and returns the messages received since before.
func (e *mailEnv) deliver(t *testing.T, before int) []*testenv.Received {
	t.Helper()
	if _, err := e.mailer.Deliver(t.Context()); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	return e.smtp.Messages()[before:]
}

var (
	confirmLink = regexp.MustCompile(regexp.QuoteMeta(publicURL) + `/surel/konfirmasi/([A-Z2-7]+)`)
	unsubLink   = regexp.MustCompile(regexp.QuoteMeta(publicURL) + `/surel/berhenti/([A-Z2-7]+)`)
)

func to(msgs []*testenv.Received, addr string) []*testenv.Received {
	var out []*testenv.Received
	for _, m := range msgs {
		if m.To[0] == addr {
			out = append(out, m)
		}
	}
	return out
}

// TestEmailAlerts: a user recipient receives alerts at once, in their
// language, with the matched words marked; an outside address receives
// only the confirmation until it confirms, then PUBLIK items only, in
// Indonesian and English, each with a one-click unsubscribe; after it
// unsubscribes nothing more arrives; a server that refuses is retried
// with back-off and nothing is lost.
func TestEmailAlerts(t *testing.T) {
	// 10.00 WIB
	forMailEngine(t, time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC), func(t *testing.T, e *mailEnv) {
		ctx := t.Context()
		const outside = "warga@example.org"
		user := "analis@jambiprov.go.id"
		for _, tt := range []struct {
			emails []string
			key    string
		}{
			{[]string{"bukan alamat"}, "monitor.error.email"},
			{[]string{"a@localhost"}, "monitor.error.email"},
			{strings.Fields(strings.Repeat("x@example.org ", 1)) /* one is fine */, ""},
		} {
			ss := &monitor.SavedSearch{Name: "Uji", Query: "banjir", Alert: monitor.Instant, Emails: tt.emails}
			err := e.svc.Save(ctx, e.actor("analis"), ss)
			if key, _, _ := sinergi.MessageOf(err); key != tt.key {
				t.Errorf("Save(emails %q) = %v, want %q", tt.emails, err, tt.key)
			}
			if err == nil {
				e.svc.Delete(ctx, e.actor("analis"), ss.ID)
			}
		}
		var many []string
		for i := range monitor.MaxRecipients + 1 {
			many = append(many, fmt.Sprintf("orang%d@example.org", i))
		}
		if err := e.svc.Save(ctx, e.actor("analis"), &monitor.SavedSearch{Name: "Banyak", Query: "banjir", Emails: many}); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Save(%d recipients) = %v, want Invalid", len(many), err)
		}
		e.svc.MailEnabled = false
		if err := e.svc.Save(ctx, e.actor("analis"), &monitor.SavedSearch{Name: "Tanpa SMTP", Query: "banjir", Emails: []string{outside}}); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Save(e-mail without SMTP) = %v, want Invalid", err)
		}
		e.svc.MailEnabled = true

		ss := &monitor.SavedSearch{Name: "Banjir Jambi", Query: "banjir", Alert: monitor.Instant,
			Emails: []string{" Warga@Example.org ", "ANALIS@jambiprov.go.id"}}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		rs, err := e.svc.Recipients(ctx, e.actor("analis"), ss.ID)
		if err != nil || len(rs) != 2 || rs[0].Address != user || rs[0].Status != monitor.RecipientConfirmed ||
			rs[1].Address != outside || rs[1].Status != monitor.RecipientPending {
			t.Fatalf("Recipients = %+v, %v", rs, err)
		}
		if _, err := e.svc.Recipients(ctx, e.actor("aceh"), ss.ID); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("Recipients of another's private search = %v, want NotFound", err)
		}

		// Only the confirmation goes out; a public item reaches the user.
		got := e.deliver(t, 0)
		if len(got) != 1 || got[0].To[0] != outside || !confirmLink.MatchString(got[0].Text) || got[0].Header.Get("List-Unsubscribe") != "" {
			t.Fatalf("after saving: %d messages, first %+v; want the confirmation only", len(got), got)
		}
		confirm := confirmLink.FindStringSubmatch(got[0].Text)[1]
		e.upload(t, e.item("Banjir rendam tiga desa di Muaro Jambi", "Warga mengungsi setelah sungai meluap."))
		got = e.deliver(t, 1)
		if len(got) != 1 || got[0].To[0] != user {
			t.Fatalf("after an item: %d messages; want one, to the user", len(got))
		}
		m := got[0]
		if !strings.Contains(m.Subject(), "Banjir Jambi") || !strings.Contains(m.HTML, "<mark>Banjir</mark> rendam tiga desa") ||
			!strings.Contains(m.Text, "Banjir rendam tiga desa") || strings.Contains(m.Text, "<mark>") ||
			!strings.Contains(m.Text, "23 November 2026 09.50 WIB") || !strings.Contains(m.Text, "banjir") ||
			!strings.Contains(m.Text, publicURL+"/pantau/pencarian/") {
			t.Errorf("user's alert: subject %q\ntext %s\nhtml %s", m.Subject(), m.Text, m.HTML)
		}
		if !unsubLink.MatchString(m.Header.Get("List-Unsubscribe")) || m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" ||
			!unsubLink.MatchString(m.Text) {
			t.Errorf("user's alert has no one-click unsubscribe: %v", m.Header)
		}

		// Confirmed, the outside address receives PUBLIK items only.
		if _, err := e.svc.ConfirmMail(ctx, "TOKENPALSU"); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("ConfirmMail(wrong token) = %v, want NotFound", err)
		}
		if _, err := e.svc.Unsubscribe(ctx, confirm); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("Unsubscribe(confirm token) = %v, want NotFound", err)
		}
		if tr, err := e.svc.ConfirmMail(ctx, confirm); err != nil || tr.Recipient.Status != monitor.RecipientConfirmed || tr.Search != ss.Name {
			t.Fatalf("ConfirmMail = %+v, %v", tr, err)
		}
		secret := e.item("Banjir bandang: laporan internal", "Catatan rapat tertutup.")
		secret.Classification = access.Terbatas
		e.upload(t, e.item("Banjir surut di Kota Jambi", "Air mulai surut."), secret)
		got = e.deliver(t, 2)
		if len(to(got, user)) != 2 || len(to(got, outside)) != 1 {
			t.Fatalf("after confirming: %d to the user, %d outside; want 2 and 1 (no TERBATAS item outside)", len(to(got, user)), len(to(got, outside)))
		}
		ext := to(got, outside)[0]
		if !strings.Contains(ext.Text, "Banjir surut di Kota Jambi") || strings.Contains(ext.Text, "internal") ||
			!strings.Contains(ext.Text, "Berita baru cocok") || !strings.Contains(ext.Text, "New item matches") {
			t.Errorf("outside alert, text:\n%s", ext.Text)
		}

		// One click (the POST the mail client makes) unsubscribes: what
		// was queued for the address is cancelled, and nothing more is
		// queued.
		e.upload(t, e.item("Banjir lagi di Sungai Penuh", "Hujan deras semalam."))
		unsub := unsubLink.FindStringSubmatch(ext.Header.Get("List-Unsubscribe"))[1]
		if tr, err := e.svc.Unsubscribe(ctx, unsub); err != nil || tr.Recipient.Status != monitor.RecipientUnsubscribed {
			t.Fatalf("Unsubscribe = %+v, %v", tr, err)
		}
		e.upload(t, e.item("Banjir susulan di Kerinci", "Sungai kembali meluap pagi ini."))
		got = e.deliver(t, 5)
		if len(to(got, outside)) != 0 || len(to(got, user)) != 2 {
			t.Fatalf("after unsubscribing: %d outside, %d to the user; want 0 and 2", len(to(got, outside)), len(to(got, user)))
		}
		log, _ := e.svc.MailLog(ctx, e.actor("analis"), ss.ID, 50)
		cancelled := 0
		for _, d := range log {
			if d.Recipient.Address == outside && d.Status == monitor.DeliveryCancelled {
				cancelled++
			}
		}
		if cancelled != 1 {
			t.Errorf("log: %d cancelled deliveries to the unsubscribed address, want 1 (queued before it unsubscribed)", cancelled)
		}

		// The server refuses: retried with back-off, logged, then sent.
		e.smtp.Refuse(1)
		e.upload(t, e.item("Banjir di Bungo", "Jalan lintas terputus."))
		if got := e.deliver(t, 7); len(got) != 0 {
			t.Fatalf("a refusing server received %d", len(got))
		}
		last := func() *monitor.MailDelivery {
			log, _ := e.svc.MailLog(ctx, e.actor("analis"), ss.ID, 50)
			for _, d := range log {
				if d.Recipient.Address == user {
					return d
				}
			}
			t.Fatal("no delivery to the user in the log")
			return nil
		}
		if d := last(); d.Status != monitor.DeliveryPending || d.Attempts != 1 || !strings.Contains(d.LastError, "451") {
			t.Errorf("log after a refusal = %+v", d)
		}
		if got := e.deliver(t, 7); len(got) != 0 {
			t.Errorf("retried before its back-off: %d", len(got))
		}
		e.clock.Add(31 * time.Second)
		if got := e.deliver(t, 7); len(got) != 1 || !strings.Contains(got[0].Text, "Banjir di Bungo") {
			t.Fatalf("after the back-off: %d messages", len(got))
		}
		if d := last(); d.Status != monitor.DeliveryDelivered || d.Attempts != 2 {
			t.Errorf("log after the retry = %+v", d)
		}
		// Removing an address removes it; the audit log has every change.
		upd := *ss
		upd.Emails = []string{user}
		if _, err := e.svc.Update(ctx, e.actor("analis"), ss.ID, &upd); err != nil {
			t.Fatal(err)
		}
		if rs, _ := e.svc.Recipients(ctx, e.actor("analis"), ss.ID); len(rs) != 1 || rs[0].Address != user {
			t.Errorf("after removing the outside address: %+v", rs)
		}
	})
}

// TestQuietHoursAndCap: during quiet hours nothing is e-mailed and the
// webhook waits; when they end one summary lists what matched. Past the
// hourly cap nothing more is sent that hour; when it ends one "and N more"
// notification and one e-mail say how many.
func TestQuietHoursAndCap(t *testing.T) {
	// 23.00 WIB
	forMailEngine(t, time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC), func(t *testing.T, e *mailEnv) {
		ctx := t.Context()
		hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		defer hook.Close()
		const user = "analis@jambiprov.go.id"
		if err := e.svc.Save(ctx, e.actor("analis"), &monitor.SavedSearch{Name: "X", Query: "banjir", QuietHours: "25:00-06:00"}); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Save(quiet 25:00-06:00) = %v, want Invalid", err)
		}
		ss := &monitor.SavedSearch{Name: "Banjir", Query: "banjir", Alert: monitor.Instant, QuietHours: "22.00-06.00",
			Emails: []string{user}, WebhookURL: hook.URL}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		if ss.QuietHours != "22:00-06:00" {
			t.Errorf("quiet hours kept as %q", ss.QuietHours)
		}
		for i := range 3 {
			e.upload(t, e.item(fmt.Sprintf("Banjir malam ke-%d", i+1), fmt.Sprintf("Air naik di kecamatan nomor %d sejak pukul %d.", i+1, 20+i)))
		}
		if got := e.deliver(t, 0); len(got) != 0 {
			t.Fatalf("%d e-mails in quiet hours", len(got))
		}
		if _, unread, _ := unreadOf(t, e.env, "analis"); unread != 3 {
			t.Errorf("in-app notifications in quiet hours = %d, want 3 (they make no sound)", unread)
		}
		hooks, _ := e.svc.WebhookLog(ctx, e.actor("analis"), ss.ID, 10)
		end := time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC) // 06.00 WIB
		if len(hooks) != 3 || !hooks[0].NextAttempt.Equal(end) {
			t.Errorf("webhooks in quiet hours = %d, next attempt %v; want 3 at %v", len(hooks), hooks[0].NextAttempt, end)
		}
		e.clock.Add(3 * time.Hour) // 02.00 WIB: still quiet
		if _, err := e.svc.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.deliver(t, 0); len(got) != 0 {
			t.Fatalf("%d e-mails in quiet hours", len(got))
		}
		e.clock.Add(4*time.Hour + time.Minute) // 06.01 WIB
		if _, err := e.svc.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		got := e.deliver(t, 0)
		if len(got) != 1 || !strings.Contains(got[0].Text, "22:00-06:00") || strings.Count(got[0].Text, "Banjir malam ke-") != 3 ||
			strings.Count(got[0].HTML, "<mark>Banjir</mark> malam") != 3 {
			t.Fatalf("after the quiet hours: %d e-mails; want one summary of 3: %+v", len(got), got)
		}

		// 10.05 WIB: a flood past the cap.
		e.clock.Add(4 * time.Hour)
		var flood []*archive.Item
		for i := range monitor.MaxPerHour + 5 {
			flood = append(flood, e.item(fmt.Sprintf("Banjir siang nomor %d", i+1), fmt.Sprintf("Laporan %d.", i+1)))
		}
		e.upload(t, flood...)
		if got := e.deliver(t, 1); len(got) != monitor.MaxPerHour {
			t.Fatalf("e-mails in the flood's hour = %d, want %d", len(got), monitor.MaxPerHour)
		}
		e.clock.Add(20 * time.Minute)
		if _, err := e.svc.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.deliver(t, 1+monitor.MaxPerHour); len(got) != 0 {
			t.Fatalf("%d e-mails before the hour ended", len(got))
		}
		e.clock.Add(40 * time.Minute) // 11.05 WIB
		if _, err := e.svc.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		got = e.deliver(t, 1+monitor.MaxPerHour)
		if len(got) != 1 || !strings.Contains(got[0].Text, "dan 5 berita lainnya") || strings.Contains(got[0].Text, "Banjir siang nomor") {
			t.Fatalf("after the hour: %d e-mails; want one saying 5 more: %+v", len(got), got)
		}
		list, _, _ := unreadOf(t, e.env, "analis")
		if list[0].Message.Key != "monitor.alert.more_count" || fmt.Sprint(list[0].Message.Args[1]) != "5" {
			t.Errorf("newest notification = %+v, want the one saying 5 more", list[0].Message)
		}
		if _, err := e.svc.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.deliver(t, 2+monitor.MaxPerHour); len(got) != 0 {
			t.Errorf("the summary was sent twice")
		}
	})
}

func unreadOf(t *testing.T, e *env, user string) ([]*monitor.Notification, int, error) {
	t.Helper()
	list, _, unread, err := e.svc.Notifications(t.Context(), e.actor(user), monitor.NotificationFilter{Unread: true, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return list, unread, err
}

// TestDigestEmail: a digest search's recipients receive one e-mail per
// period listing its items, with the in-app digest, and never twice.
func TestDigestEmail(t *testing.T) {
	forMailEngine(t, time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC), func(t *testing.T, e *mailEnv) {
		ctx := t.Context()
		ss := &monitor.SavedSearch{Name: "Harga", Query: "harga", Alert: monitor.DigestHourly, Emails: []string{"kepala@jambiprov.go.id"}}
		if err := e.svc.Save(ctx, e.actor("analis"), ss); err != nil {
			t.Fatal(err)
		}
		e.upload(t, e.item("Harga cabai naik di Pasar Angso Duo", "Pedagang mengeluh sepi pembeli."),
			e.item("Harga beras stabil menjelang Natal", "Stok Bulog cukup sampai awal tahun."))
		if got := e.deliver(t, 0); len(got) != 0 {
			t.Fatalf("%d e-mails before the digest", len(got))
		}
		e.clock.Add(61 * time.Minute)
		if n, err := e.svc.SendDigests(ctx); err != nil || n != 1 {
			t.Fatalf("SendDigests = %d, %v", n, err)
		}
		got := e.deliver(t, 0)
		if len(got) != 1 || got[0].To[0] != "kepala@jambiprov.go.id" || !strings.Contains(got[0].Subject(), "2 berita baru") ||
			!strings.Contains(got[0].Text, "Harga cabai naik") || !strings.Contains(got[0].Text, "Harga beras stabil") ||
			!strings.Contains(got[0].HTML, "<mark>Harga</mark> cabai naik") {
			t.Fatalf("digest e-mails = %d: %+v", len(got), got)
		}
		e.clock.Add(61 * time.Minute)
		if n, _ := e.svc.SendDigests(ctx); n != 0 {
			t.Errorf("a second digest with nothing new: %d", n)
		}
		if got := e.deliver(t, 1); len(got) != 0 {
			t.Errorf("the digest was e-mailed twice")
		}
	})
}
