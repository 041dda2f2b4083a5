package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/mail"
)

// TestMailOutboxCommands: the operator lists the outbox, finds a message
// that failed for good, and queues it again, by ID or with every failed
// one; a pending message is left as it is.
func TestMailOutboxCommands(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("migrate")...)
			m := openForTest(t, db)
			now := time.Now()
			var out []*mail.Outgoing
			for _, to := range []string{"kepala@jambiprov.go.id", "analis@jambiprov.go.id", "pimpinan@jambiprov.go.id"} {
				o, err := mail.NewOutgoing("hoax_alert", 7, mail.Message{To: []string{to}, Subject: "Hoaks beredar lagi", Text: "Teks"}, now)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, o)
			}
			if err := m.DB.AddOutgoing(t.Context(), out); err != nil {
				t.Fatal(err)
			}
			claimed, err := m.DB.ClaimOutgoing(t.Context(), now, now.Add(time.Minute), 10)
			if err != nil || len(claimed) != 3 {
				t.Fatalf("ClaimOutgoing = %d, %v", len(claimed), err)
			}
			for _, o := range claimed {
				o.Attempts = mail.MaxAttempts
				if o.Message.To[0] != "pimpinan@jambiprov.go.id" {
					o.Status, o.LastError = mail.OutboxFailed, "550 5.1.1 mailbox unavailable"
				} else {
					o.Attempts, o.NextAttempt = 1, now.Add(time.Hour)
				}
			}
			if err := m.DB.FinishOutgoing(t.Context(), claimed); err != nil {
				t.Fatal(err)
			}
			m.Close()

			listed := mustRun(t, with("mail", "list", "--status", "failed")...)
			if !strings.Contains(listed, "kepala@jambiprov.go.id") || !strings.Contains(listed, "550 5.1.1") || strings.Contains(listed, "pimpinan@") {
				t.Errorf("mail list --status failed:\n%s", listed)
			}
			var failed []outgoingJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("mail", "list", "--status", "failed", "--json")...)), &failed); err != nil || len(failed) != 2 {
				t.Fatalf("mail list --json = %d, %v", len(failed), err)
			}
			first := failed[0].ID
			if got := mustRun(t, with("mail", "retry", itoa64(first))...); !strings.Contains(got, "1 pesan gagal dijadwalkan ulang") {
				t.Errorf("mail retry %d: %q", first, got)
			}
			if got := mustRun(t, with("mail", "retry", "--failed")...); !strings.Contains(got, "1 pesan gagal") {
				t.Errorf("mail retry --failed: %q", got)
			}
			var pending []outgoingJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("mail", "list", "--status", "pending", "--json")...)), &pending); err != nil || len(pending) != 3 {
				t.Fatalf("pending after the retries = %d, %v; want 3", len(pending), err)
			}
			for _, o := range pending {
				if o.To[0] == "pimpinan@jambiprov.go.id" && o.Attempts != 1 || o.To[0] != "pimpinan@jambiprov.go.id" && o.Attempts != 0 {
					t.Errorf("%s: %d attempts after the retries", o.To[0], o.Attempts)
				}
			}
			if _, _, code := runCLI(t, "", with("mail", "retry")...); code != exitUsage {
				t.Errorf("mail retry without IDs: exit %d, want %d", code, exitUsage)
			}
			if _, _, code := runCLI(t, "", with("mail", "list", "--status", "lost")...); code != exitUsage {
				t.Errorf("mail list --status lost: exit %d, want %d", code, exitUsage)
			}
		})
	}
}
