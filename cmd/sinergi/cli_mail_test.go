package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
)

// TestEmailAlertsEndToEnd: a saved search with e-mail recipients, saved
// from the command line, and items imported by the command line yield
// e-mails on a real SMTP server, sent by a running server's deliver_mail
// job from the outbox the commands wrote (a command sends nothing
// itself): the outside address's confirmation, then the user's alert
// with the matched word marked and a one-click unsubscribe that the
// server honours.
func TestEmailAlertsEndToEnd(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			srv := testenv.SMTP(t)
			const public = "https://sinergi.jambiprov.go.id"
			mailArgs := []string{"--smtp-url", srv.URL(), "--mail-from", "Sinergi <sinergi@jambiprov.go.id>", "--public-url", public}
			mustRun(t, with("agency", "add", "--region", "15")...)
			mustRun(t, with("user", "add", "--username", "analis", "--agency", "1", "--role", "analis", "--clearance", "TERBATAS",
				"--email", "analis@jambiprov.go.id")...)

			save := []string{"search", "save", "Banjir Jambi", "banjir", "--owner", "analis", "--alert", "instant",
				"--email", "analis@jambiprov.go.id", "--email", "warga@example.org"}
			if _, errOut, code := runCLI(t, "", with(save...)...); code == 0 || !strings.Contains(errOut, "--smtp-url") {
				t.Errorf("search save --email without SMTP: exit %d, %q; want a refusal naming --smtp-url", code, errOut)
			}
			if _, errOut, code := runCLI(t, "", with(append(save, "--smtp-url", srv.URL())...)...); code != exitUsage || !strings.Contains(errOut, "--mail-from") {
				t.Errorf("--smtp-url without --mail-from: exit %d, %q", code, errOut)
			}
			out := mustRun(t, with(append(save, mailArgs...)...)...)
			if !strings.Contains(out, "warga@example.org") {
				t.Errorf("search save: %q", out)
			}

			m := NewMain()
			m.Config.DataDir, m.Config.Addr = db[1], "127.0.0.1:0"
			if len(db) > 2 {
				m.Config.DB = db[3]
			}
			m.Config.SMTPURL, m.Config.MailFrom, m.Config.PublicURL = srv.URL(), "sinergi@jambiprov.go.id", public
			if err := m.Run(t.Context()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { m.Close() })
			got := srv.Wait(t, 1, 60*time.Second)
			if got[0].To[0] != "warga@example.org" || !strings.Contains(got[0].Text, public+"/surel/konfirmasi/") {
				t.Fatalf("first e-mail: to %v, text %q; want the confirmation", got[0].To, got[0].Text)
			}

			file := filepath.Join(t.TempDir(), "items.jsonl")
			published := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
			items := `{"title": "Banjir rendam Kota Jambi", "text": "Air setinggi lutut di tiga kelurahan Kota Jambi.", "source": "jambiupdate.co", "url": "https://jambiupdate.co/banjir", "published": "` + published + `"}
{"title": "Harga cabai naik", "text": "Pedagang di Pasar Angso Duo mengeluh.", "source": "jambiupdate.co", "published": "` + published + `"}
`
			if err := os.WriteFile(file, []byte(items), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, with("ingest", "--file", file, "--agency", "1")...)
			got = srv.Wait(t, 2, 60*time.Second)
			alert := got[1]
			if alert.To[0] != "analis@jambiprov.go.id" || !strings.Contains(alert.HTML, "<mark>Banjir</mark> rendam Kota Jambi") ||
				!strings.Contains(alert.Subject(), "Banjir Jambi") || !strings.Contains(alert.Text, "https://jambiupdate.co/banjir") {
				t.Fatalf("alert e-mail: to %v, subject %q\n%s", alert.To, alert.Subject(), alert.HTML)
			}
			link := regexp.MustCompile(`<(https://[^>]+)>`).FindStringSubmatch(alert.Header.Get("List-Unsubscribe"))
			if link == nil || alert.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
				t.Fatalf("List-Unsubscribe = %q", alert.Header.Get("List-Unsubscribe"))
			}
			// The mail client's one-click POST, sent to this server.
			res, err := http.PostForm(strings.Replace(link[1], public, m.URL(), 1), url.Values{"List-Unsubscribe": {"One-Click"}})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "analis@jambiprov.go.id") {
				t.Errorf("one-click unsubscribe: %d", res.StatusCode)
			}
			list, _, err := m.Services.Monitor.List(t.Context(), access.SystemActor(), monitor.SearchFilter{})
			if err != nil || len(list) != 1 {
				t.Fatalf("saved searches = %d, %v", len(list), err)
			}
			rs, err := m.Services.Monitor.Recipients(t.Context(), access.SystemActor(), list[0].ID)
			if err != nil || len(rs) != 2 || rs[0].Address != "analis@jambiprov.go.id" || rs[0].Status != monitor.RecipientUnsubscribed {
				t.Errorf("recipients after the one-click POST = %+v, %v", rs, err)
			}
		})
	}
}
