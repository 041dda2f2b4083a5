package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/region"
)

// TestBriefMailedEndToEnd: items imported by the command line form issues
// (the tracker), a running server's generate_briefs job makes the
// agency's brief of the day once its brief time (00.00 WIB here) has passed, and e-mails it
// to the head of Humas over a real SMTP server, the PDF attached: its text
// (pdftotext) names the agency and the largest tracked issue.
func TestBriefMailedEndToEnd(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		testenv.Missing(t, "pdftotext (apt install poppler-utils)")
	}
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			srv := testenv.SMTP(t)
			// The brief is due at 00.00 WIB, so it is due whenever the
			// test runs (at 06.00 it would not be between 00.00 and 06.00).
			mustRun(t, with("agency", "add", "--region", "31", "--brief-at", "00.00")...)
			mustRun(t, with("user", "add", "--username", "kepala", "--agency", "1", "--role", "kepala_humas",
				"--clearance", "TERBATAS", "--email", "kepala@jakarta.go.id")...)
			// The brief due now covers the 24 hours before today's 00.00 WIB.
			wib := region.WIB.Location()
			now := time.Now().In(wib)
			at := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, wib)
			items := filepath.Join(t.TempDir(), "items.jsonl")
			writeShifted(t, items, at.Add(-30*time.Minute), 40)
			mustRun(t, with("ingest", "--file", items, "--agency", "1")...)
			// Three outlets' reports of one flood: an issue.
			published := at.Add(-2 * time.Hour).UTC().Format(time.RFC3339)
			flood := `{"title": "Banjir Rendam Ratusan Rumah di Jakarta Utara", "text": "Hujan deras sejak Senin malam membuat Kali Ciliwung meluap dan merendam ratusan rumah warga di Jakarta Utara. BPBD DKI mengevakuasi warga ke posko pengungsian.", "source": "poskota.co.id", "url": "https://poskota.co.id/banjir", "published": "` + published + `"}
{"title": "BPBD Evakuasi Ratusan Warga Korban Banjir Jakarta Utara", "text": "Badan Penanggulangan Bencana Daerah DKI mengevakuasi ratusan warga Jakarta Utara yang rumahnya terendam banjir akibat luapan Kali Ciliwung.", "source": "antaranews.com", "url": "https://antaranews.com/banjir", "published": "` + published + `"}
{"title": "Kali Ciliwung Meluap, Ratusan Rumah di Jakarta Utara Terendam Banjir", "text": "Banjir merendam ratusan rumah di Jakarta Utara setelah Kali Ciliwung meluap. Warga mengungsi dan BPBD DKI membuka posko pengungsian.", "source": "kompas.com", "url": "https://kompas.com/banjir", "published": "` + published + `"}
`
			if err := os.WriteFile(items, []byte(flood), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, with("ingest", "--file", items, "--agency", "1")...)

			m := NewMain()
			m.Config.DataDir, m.Config.Addr = db[1], "127.0.0.1:0"
			if len(db) > 2 {
				m.Config.DB = db[3]
			}
			m.Config.SMTPURL, m.Config.MailFrom, m.Config.PublicURL = srv.URL(), "sinergi@jakarta.go.id", "https://sinergi.jakarta.go.id"
			if err := m.Run(t.Context()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { m.Close() })
			issues, _, err := m.Services.Issues.List(t.Context(), access.SystemActor(),
				issuetrack.ListFilter{All: true, MinItems: 2, Order: issuetrack.OrderSize, Limit: 1})
			if err != nil || len(issues) == 0 {
				t.Fatalf("tracked issues = %v, %v; want the imported items' issues", issues, err)
			}

			got := srv.Wait(t, 1, 120*time.Second)
			mail := got[0]
			if mail.To[0] != "kepala@jakarta.go.id" || !strings.HasPrefix(mail.Subject(), "Ringkasan pimpinan") {
				t.Fatalf("e-mail to %v, subject %q; want the brief to the head of Humas", mail.To, mail.Subject())
			}
			var pdf []byte
			for name, data := range mail.Attachments {
				if strings.HasSuffix(name, ".pdf") {
					pdf = data
				}
			}
			if pdf == nil {
				t.Fatalf("the brief's e-mail has no PDF among %d attachments", len(mail.Attachments))
			}
			file := filepath.Join(t.TempDir(), "brief.pdf")
			if err := os.WriteFile(file, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			text, err := exec.CommandContext(t.Context(), pdftotext, "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			flat := strings.Join(strings.Fields(string(text)), " ")
			title := strings.Join(strings.Fields(issues[0].Title), " ")
			for _, want := range []string{"Humas Pemerintah Provinsi Daerah Khusus Ibukota Jakarta", title[:min(len(title), 40)]} {
				if !strings.Contains(flat, want) {
					t.Errorf("the mailed PDF lacks %q:\n%s", want, flat)
				}
			}
		})
	}
}
