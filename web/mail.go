package web

import (
	"net/http"
	"strings"

	"github.com/sinergi-id/sinergi/monitor"
)

// The e-mail alerts on the web: the recipients and delivery log on a saved
// search's page, and the two public pages an e-mail links to, which need
// no account (the random token in the path is the permission):
//
//   - /surel/konfirmasi/{token}: GET shows the address, the search and a
//     button; the button's POST confirms. A mail scanner that opens the
//     link confirms nothing.
//   - /surel/berhenti/{token}: GET shows a button; POST unsubscribes. The
//     POST is also RFC 8058's one-click unsubscribe that mail clients make
//     from List-Unsubscribe-Post: no session, no form token.

// mailView is a saved search's e-mail recipients and last deliveries.
type mailView struct {
	Recipients []*monitor.Recipient
	Deliveries []*monitor.MailDelivery
}

// mailLogRows is how many e-mail deliveries a search's page lists.
const mailLogRows = 20

// mailTokenPage is the data of the public confirm and unsubscribe pages.
type mailTokenPage struct {
	pageLayout
	Action  string // the form's action: the page's own path
	Address string
	Search  string
	Done    bool // confirmed, or unsubscribed
	// Kind is "confirm" or "unsubscribe": which texts the page shows.
	Kind string
}

// handleMailConfirmForm shows the confirm button of a confirmation link.
func (s *Server) handleMailConfirmForm(w http.ResponseWriter, r *http.Request) {
	s.mailTokenPage(w, r, monitor.TokenConfirm, false)
}

// handleMailConfirm confirms an address.
func (s *Server) handleMailConfirm(w http.ResponseWriter, r *http.Request) {
	s.mailTokenPage(w, r, monitor.TokenConfirm, true)
}

// handleMailUnsubscribeForm shows the unsubscribe button of an e-mail's
// link.
func (s *Server) handleMailUnsubscribeForm(w http.ResponseWriter, r *http.Request) {
	s.mailTokenPage(w, r, monitor.TokenUnsubscribe, false)
}

// handleMailUnsubscribe unsubscribes an address: the page's button, or a
// mail client's one-click POST (RFC 8058).
func (s *Server) handleMailUnsubscribe(w http.ResponseWriter, r *http.Request) {
	s.mailTokenPage(w, r, monitor.TokenUnsubscribe, true)
}

// mailTokenPage finds the token's recipient and, when post, acts on it; an
// unknown token gets the not-found page.
func (s *Server) mailTokenPage(w http.ResponseWriter, r *http.Request, purpose string, post bool) {
	token := r.PathValue("token")
	var (
		tr  *monitor.TokenRecipient
		err error
	)
	switch {
	case !post:
		tr, err = s.svc.Monitor.MailToken(r.Context(), token, purpose)
	case purpose == monitor.TokenConfirm:
		tr, err = s.svc.Monitor.ConfirmMail(r.Context(), token)
	default:
		tr, err = s.svc.Monitor.Unsubscribe(r.Context(), token)
	}
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if post {
		requestOf(r).log.Info("mail recipient changed by link", "purpose", purpose, "recipient_id", tr.Recipient.ID)
	}
	done := post || purpose == monitor.TokenConfirm && tr.Recipient.Status == monitor.RecipientConfirmed ||
		purpose == monitor.TokenUnsubscribe && tr.Recipient.Status == monitor.RecipientUnsubscribed
	s.render(w, r, http.StatusOK, "mail_token", &mailTokenPage{pageLayout: s.page(r), Action: r.URL.Path,
		Address: tr.Recipient.Address, Search: tr.Search, Done: done, Kind: purpose})
}

// emailLines returns the form's e-mail recipients, one a line (commas and
// semicolons separate too); never nil, so that an empty field removes
// every recipient.
func emailLines(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// recipientLines writes recipients one a line, for the change form.
func recipientLines(list []*monitor.Recipient) string {
	var b strings.Builder
	for _, r := range list {
		b.WriteString(r.Address + "\n")
	}
	return b.String()
}
