package main

import (
	"context"
	"sync/atomic"

	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

// mailSender hands the Mailer's e-mails to the mail package's Sender: the
// domain says what to send, the mail package how.
type mailSender struct{ sender *mail.Sender }

// SendEmail sends one of the Mailer's e-mails.
func (s mailSender) SendEmail(ctx context.Context, e *monitor.Email) error {
	return s.sender.Send(ctx, &mail.Message{To: []string{e.To}, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Header: e.Header})
}

// serverKick lets the domains kick the mail outbox once the process
// serves: a command (`sinergi ingest`) leaves what it queued to the
// servers' deliver_mail job, as its own background send would be cut off
// when it ends.
type serverKick struct {
	outbox *mail.Outbox
	on     atomic.Bool
}

// Kick sends the outbox's due messages now, in a server.
func (k *serverKick) Kick() {
	if k.on.Load() {
		k.outbox.Kick()
	}
}
