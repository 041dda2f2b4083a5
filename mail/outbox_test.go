package mail_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/storetest"
)

var start = time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)

// queue puts messages to the given addresses in the outbox, a PDF
// attached, raised by claim 7.
func queue(t *testing.T, db *store.DB, now time.Time, to ...string) {
	t.Helper()
	var out []*mail.Outgoing
	for _, addr := range to {
		o, err := mail.NewOutgoing("hoax_alert", 7, mail.Message{To: []string{addr}, Subject: "Hoaks beredar lagi: Vaksin Mengandung Chip",
			Text: "Sumber baru: kabarviral.test", HTML: "<p>Sumber baru</p>",
			Attachments: []mail.Attachment{{Name: "klaim.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 isi")}}}, now)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	if err := db.AddOutgoing(t.Context(), out); err != nil {
		t.Fatal(err)
	}
}

func newOutbox(t *testing.T, db *store.DB, srv *testenv.SMTPServer, clock *testenv.Clock) *mail.Outbox {
	t.Helper()
	sender, err := mail.New(srv.URL(), "Sinergi <sinergi@jambiprov.test>")
	if err != nil {
		t.Fatal(err)
	}
	return mail.NewOutbox(db, sender, clock, slog.New(slog.DiscardHandler))
}

// TestOutboxRetries: a message the mail server refuses waits in the
// outbox and goes out once the server answers; the row keeps only its
// recipients and subject once sent.
func TestOutboxRetries(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		srv := testenv.SMTP(t)
		clock := testenv.NewClock(start)
		outbox := newOutbox(t, db, srv, clock)
		queue(t, db, clock.Now(), "analis@jambiprov.test", "kepala@jambiprov.test")

		srv.Refuse(2) // down for a moment
		if n, err := outbox.Deliver(ctx); err != nil || n != 0 {
			t.Fatalf("Deliver while the server refuses = %d, %v; want 0, nil", n, err)
		}
		list, err := db.FindOutgoing(ctx, "hoax_alert", 7)
		if err != nil || len(list) != 2 {
			t.Fatalf("FindOutgoing = %d, %v", len(list), err)
		}
		for _, o := range list {
			if o.Status != mail.OutboxPending || o.Attempts != 1 || o.LastError == "" || !o.NextAttempt.Equal(start.Add(30*time.Second)) {
				t.Errorf("after a refusal: %s, %d attempts, next %v, error %q", o.Status, o.Attempts, o.NextAttempt, o.LastError)
			}
		}
		if n, err := outbox.Deliver(ctx); err != nil || n != 0 {
			t.Errorf("Deliver before the retry is due = %d, %v; want 0", n, err)
		}

		clock.Add(30 * time.Second)
		if n, err := outbox.Deliver(ctx); err != nil || n != 2 {
			t.Fatalf("Deliver when due = %d, %v; want 2", n, err)
		}
		got := srv.Messages()
		if len(got) != 2 {
			t.Fatalf("the server has %d messages, want 2", len(got))
		}
		for _, m := range got {
			if m.Subject() != "Hoaks beredar lagi: Vaksin Mengandung Chip" || !bytes.Equal(m.Attachments["klaim.pdf"], []byte("%PDF-1.4 isi")) || m.HTML == "" {
				t.Errorf("received %q with attachments %v", m.Subject(), m.Attachments)
			}
		}
		list, err = db.FindOutgoing(ctx, "hoax_alert", 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range list {
			if o.Status != mail.OutboxSent || o.Attempts != 2 || !o.Sent.Equal(clock.Now()) || o.LastError != "" {
				t.Errorf("after sending: %s, %d attempts, sent %v, error %q", o.Status, o.Attempts, o.Sent, o.LastError)
			}
			if o.Message.Subject == "" || len(o.Message.To) != 1 || o.Message.Text != "" || o.Message.Attachments != nil {
				t.Errorf("a sent message keeps %+v, want its recipients and subject only", o.Message)
			}
		}
		if n, err := outbox.Deliver(ctx); err != nil || n != 0 || len(srv.Messages()) != 2 {
			t.Errorf("Deliver again = %d, %v, %d messages; want nothing sent twice", n, err, len(srv.Messages()))
		}
	})
}

// TestOutboxGivesUp: a message refused MaxAttempts times fails for good,
// its waits doubling up to four hours, and keeps its content.
func TestOutboxGivesUp(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		srv := testenv.SMTP(t)
		clock := testenv.NewClock(start)
		outbox := newOutbox(t, db, srv, clock)
		queue(t, db, clock.Now(), "analis@jambiprov.test")
		srv.Refuse(mail.MaxAttempts)
		var waits []time.Duration
		for range mail.MaxAttempts {
			if _, err := outbox.Deliver(ctx); err != nil {
				t.Fatal(err)
			}
			list, err := db.FindOutgoing(ctx, "hoax_alert", 7)
			if err != nil || len(list) != 1 {
				t.Fatalf("FindOutgoing = %d, %v", len(list), err)
			}
			o := list[0]
			if o.Status == mail.OutboxFailed {
				if o.Attempts != mail.MaxAttempts || o.Message.Text == "" {
					t.Errorf("failed after %d attempts, text %q", o.Attempts, o.Message.Text)
				}
				break
			}
			waits = append(waits, o.NextAttempt.Sub(clock.Now()))
			clock.Set(o.NextAttempt)
		}
		want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
			16 * time.Minute, 32 * time.Minute, 64 * time.Minute, 128 * time.Minute}
		if !slices.Equal(waits, want) {
			t.Errorf("waits %v, want %v", waits, want)
		}
	})
}

// TestOutboxClaims: processes claiming at once never get the same
// message, and a claimed message is held until its lease ends.
func TestOutboxClaims(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		var to []string
		for i := range 40 {
			to = append(to, fmt.Sprintf("u%02d@jambiprov.test", i))
		}
		queue(t, db, start, to...)
		var (
			mu      sync.Mutex
			claimed []string
			wg      sync.WaitGroup
		)
		for range 4 {
			wg.Go(func() {
				list, err := db.ClaimOutgoing(ctx, start, start.Add(5*time.Minute), 20)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				for _, o := range list {
					claimed = append(claimed, o.Message.To[0])
				}
			})
		}
		wg.Wait()
		slices.Sort(claimed)
		if !slices.Equal(claimed, to) {
			t.Errorf("four claims of 20 got %d messages (%d distinct), want each of the 40 once", len(claimed), len(slices.Compact(slices.Clone(claimed))))
		}
		if list, err := db.ClaimOutgoing(ctx, start.Add(time.Minute), start.Add(6*time.Minute), 100); err != nil || len(list) != 0 {
			t.Errorf("a claim within the lease = %d, %v; want none", len(list), err)
		}
		if list, err := db.ClaimOutgoing(ctx, start.Add(5*time.Minute), start.Add(10*time.Minute), 100); err != nil || len(list) != 40 {
			t.Errorf("a claim after the lease = %d, %v; want all 40 again", len(list), err)
		}
	})
}

// TestNewOutgoingRefuses: a message the sender would refuse never enters
// the outbox.
func TestNewOutgoingRefuses(t *testing.T) {
	for _, m := range []mail.Message{
		{Subject: "s", Text: "t"},
		{To: []string{"bukan alamat"}, Subject: "s", Text: "t"},
		{To: []string{"a@b.test"}, Text: "t"},
		{To: []string{"a@b.test"}, Subject: "s"},
	} {
		if _, err := mail.NewOutgoing("brief", 1, m, start); err == nil {
			t.Errorf("NewOutgoing(%+v) accepted it", m)
		}
	}
}
