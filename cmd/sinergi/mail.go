package main

import (
	"context"

	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/hoax"
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

// briefMailer sends the leadership briefs through sender, the PDF
// attached; nil (no e-mail) without one.
func briefMailer(sender *mail.Sender) brief.Mailer {
	if sender == nil {
		return nil
	}
	return func(ctx context.Context, m brief.Mail) error {
		return sender.Send(ctx, &mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML,
			Attachments: []mail.Attachment{{Name: m.Attachment.Name, ContentType: m.Attachment.ContentType, Data: m.Attachment.Data}}})
	}
}

// hoaxMailer sends Tangkal's recirculation alerts through sender; nil (no
// e-mail) without one.
func hoaxMailer(sender *mail.Sender) hoax.Mailer {
	if sender == nil {
		return nil
	}
	return func(ctx context.Context, m hoax.Mail) error {
		return sender.Send(ctx, &mail.Message{To: []string{m.To}, Subject: m.Subject, Text: m.Text})
	}
}
