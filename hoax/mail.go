package hoax

import (
	"context"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/monitor"
)

// A recirculation alert reaches its watchers in the app (a notification,
// stored with the appearance) and, when the server sends e-mail, in
// their inbox: one e-mail per watcher with an address, in their language,
// naming the hoax, the new source and what matched, with the link to the
// claim's page. E-mails are sent after the appearances are stored, in
// the background, so the pipeline does not wait on the mail server; one
// that fails is logged (the notification stays).

// Mail is a recirculation alert as an e-mail to one watcher.
type Mail struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends one e-mail.
type Mailer func(ctx context.Context, m Mail) error

// mailTimeout bounds the sending of one alert's e-mails.
const mailTimeout = 2 * time.Minute

// alertMail is an alert waiting for its e-mails.
type alertMail struct {
	msg     monitor.Message
	claimID int64
	to      []recipient
}

// recipient is a watcher with an address.
type recipient struct {
	email string
	lang  i18n.Lang
}

// mailAlerts sends the alerts' e-mails in the background.
func (s *Service) mailAlerts(alerts []alertMail) {
	if s.mailer == nil || s.catalogs == nil || len(alerts) == 0 {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), mailTimeout)
		defer cancel()
		for _, a := range alerts {
			for _, r := range a.to {
				if err := s.mailer(ctx, s.renderMail(a, r)); err != nil {
					s.log.Error("hoax alert e-mail", "claim_id", a.claimID, "err", err)
				}
			}
		}
	}()
}

// renderMail writes an alert for one watcher in their language.
func (s *Service) renderMail(a alertMail, r recipient) Mail {
	tr := s.catalogs.Translator(r.lang)
	var b strings.Builder
	b.WriteString(tr.T(a.msg.Key, a.msg.Args...) + "\n\n")
	for _, d := range a.msg.Details {
		b.WriteString(tr.T(d.Key, d.Args...) + "\n")
	}
	b.WriteString("\n" + tr.T("hoax.mail.open", s.publicURL+ClaimPath(a.claimID)) + "\n")
	return Mail{To: r.email, Subject: tr.T("hoax.mail.subject", a.msg.Args[0]), Text: b.String()}
}
