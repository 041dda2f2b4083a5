package web

import (
	"net/http"
	"strings"

	"github.com/sinergi-id/sinergi"
)

// agencyWebhookPath is the page of the agency's alert webhook, among the
// saved searches whose alerts it completes.
const agencyWebhookPath = "/pantau/pencarian/webhook"

// agencyWebhookPage is the data of the page of the agency's alert
// webhook: its address, the secret receivers check signatures with, and
// the last deliveries.
type agencyWebhookPage struct {
	pageLayout
	Webhook *webhookView // nil while none is set
	URL     string       // the address in the form
	Form    formState
}

// handleAgencyWebhook shows the agency's alert webhook to its head of
// Humas and administrators.
func (s *Server) handleAgencyWebhook(w http.ResponseWriter, r *http.Request) {
	s.renderAgencyWebhook(w, r, http.StatusOK, nil, formState{})
}

func (s *Server) renderAgencyWebhook(w http.ResponseWriter, r *http.Request, status int, url *string, form formState) {
	hook, log, err := s.svc.Monitor.AgencyWebhook(r.Context(), requestOf(r).actor(), webhookLogRows)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &agencyWebhookPage{pageLayout: s.page(r), URL: hook.URL, Form: form}
	if hook.URL != "" {
		data.Webhook = &webhookView{URL: hook.URL, Secret: hook.Secret, Deliveries: log}
	}
	if url != nil {
		data.URL = *url
	}
	s.render(w, r, status, "agency_webhook", data)
}

// handleAgencyWebhookSave sets (or, empty, removes) the agency's alert
// webhook.
func (s *Server) handleAgencyWebhookSave(w http.ResponseWriter, r *http.Request) {
	url := strings.TrimSpace(r.PostForm.Get("webhook"))
	if _, err := s.svc.Monitor.SetAgencyWebhook(r.Context(), requestOf(r).actor(), url); err != nil {
		form, status, ok := s.formError(r, err)
		if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
			s.renderError(w, r, 0, err)
			return
		}
		form.Field = "webhook"
		s.renderAgencyWebhook(w, r, status, &url, form)
		return
	}
	http.Redirect(w, r, withNotice(agencyWebhookPath, "agency_webhook_saved"), http.StatusSeeOther)
}
