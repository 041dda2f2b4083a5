package hoax

import (
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

// A recirculation alert reaches its watchers in the app (a notification)
// and, when the server sends e-mail, in their inbox: one e-mail per
// watcher with an address, in their language, naming the hoax, the new
// source and what matched, with the link to the claim's page. The e-mails
// go to the mail outbox in the transaction that stores the appearance and
// its notifications, and the outbox sends them, retrying while the mail
// server is down: an alert is never lost to it.

// Outbox is where the alerts' e-mails wait to be sent; *mail.Outbox sends
// them (Kick: now, without waiting for the periodic job).
type Outbox interface {
	Kick()
}

// OutboxOrigin is the origin of the alerts' e-mails in the outbox, with
// the claim's ID.
const OutboxOrigin = "hoax_alert"

// alertMail writes an alert for one watcher in their language.
func (s *Service) alertMail(msg monitor.Message, claimID int64, to string, lang i18n.Lang, now time.Time) (*mail.Outgoing, error) {
	tr := s.catalogs.Translator(lang)
	var b strings.Builder
	b.WriteString(tr.T(msg.Key, msg.Args...) + "\n\n")
	for _, d := range msg.Details {
		b.WriteString(tr.T(d.Key, d.Args...) + "\n")
	}
	b.WriteString("\n" + tr.T("hoax.mail.open", s.publicURL+ClaimPath(claimID)) + "\n")
	return mail.NewOutgoing(OutboxOrigin, claimID,
		mail.Message{To: []string{to}, Subject: tr.T("hoax.mail.subject", msg.Args[0]), Text: b.String()}, now)
}
