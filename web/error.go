package web

import (
	"net/http"

	"github.com/sinergi-id/sinergi"
)

// statusOf is the one place that decides the HTTP status of an error: by
// its kind, except that too many failed logins answer 429 Too Many
// Requests, which is what the visitor must do (wait), not a fault of the
// service.
func statusOf(err error) int {
	if key, _, ok := sinergi.MessageOf(err); ok && key == "login.error.rate_limited" {
		return http.StatusTooManyRequests
	}
	switch sinergi.KindOf(err) {
	case sinergi.KindNotFound:
		return http.StatusNotFound
	case sinergi.KindInvalid:
		return http.StatusBadRequest
	case sinergi.KindForbidden:
		return http.StatusForbidden
	case sinergi.KindConflict:
		return http.StatusConflict
	case sinergi.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// statusPage is the title and default message of an error page.
type statusPage struct {
	Status     int
	TitleKey   string
	MessageKey string
}

// statusPageOf returns the texts of the error page for status.
func statusPageOf(status int) statusPage {
	pages := []statusPage{
		{Status: http.StatusBadRequest, TitleKey: "error.title.bad_request", MessageKey: "error.invalid"},
		{Status: http.StatusForbidden, TitleKey: "error.title.forbidden", MessageKey: "error.forbidden"},
		{Status: http.StatusNotFound, TitleKey: "error.title.not_found", MessageKey: "error.not_found"},
		{Status: http.StatusConflict, TitleKey: "error.title.conflict", MessageKey: "error.conflict"},
		{Status: http.StatusRequestEntityTooLarge, TitleKey: "error.title.too_large", MessageKey: "error.too_large"},
		{Status: http.StatusTooManyRequests, TitleKey: "error.title.too_many", MessageKey: "error.too_many"},
		{Status: http.StatusServiceUnavailable, TitleKey: "error.title.unavailable", MessageKey: "error.unavailable"},
	}
	for _, p := range pages {
		if p.Status == status {
			return p
		}
	}
	return statusPage{Status: http.StatusInternalServerError, TitleKey: "error.title.internal", MessageKey: "error.internal"}
}

// errorData is the data of the error page.
type errorData struct {
	pageLayout
	Status     int
	TitleKey   string
	MessageKey string
	// Message is the translated message of a user-facing error, shown
	// instead of the page's default; never internal detail.
	Message string
}

// renderError answers with the error page. A zero status is taken from
// err by statusOf. Server-side failures are logged with their cause; the
// page shows only a translated message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status == 0 {
		status = statusOf(err)
	}
	rc := s.ensureLoaded(w, r)
	if status >= http.StatusInternalServerError {
		rc.log.Error("request failed", "status", status, "err", err)
	} else if err != nil {
		rc.log.Debug("request refused", "status", status, "err", err)
	}
	p := statusPageOf(status)
	data := &errorData{pageLayout: s.page(r), Status: status, TitleKey: p.TitleKey, MessageKey: p.MessageKey}
	if key, args, ok := sinergi.MessageOf(err); ok && status < http.StatusInternalServerError {
		data.Message = rc.tr.T(key, args...)
	}
	s.render(w, r, status, "error", data)
}

// renderErrorKey answers with the error page for status, with the message
// of key instead of the default one.
func (s *Server) renderErrorKey(w http.ResponseWriter, r *http.Request, status int, key string) {
	s.renderError(w, r, status, sinergi.Errorf(sinergi.KindInternal, key))
}

// ensureLoaded completes the request context when the error happened
// before withRequest ran (a request refused by the cross-origin check).
func (s *Server) ensureLoaded(w http.ResponseWriter, r *http.Request) *request {
	rc := requestOf(r)
	if !rc.loaded {
		if err := s.load(w, r, rc); err != nil {
			rc.log.Error("load request context for an error page", "err", err)
		}
	}
	return rc
}

// handleNotFound answers every path no route claims.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound, nil)
}

// handleCrossOrigin answers a state-changing request that
// http.CrossOriginProtection refused.
func (s *Server) handleCrossOrigin(w http.ResponseWriter, r *http.Request) {
	requestOf(r).log.Warn("cross-origin request refused", "origin", r.Header.Get("Origin"),
		"sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	s.renderErrorKey(w, r, http.StatusForbidden, "error.cross_origin")
}

// formState is what a re-rendered form shows of the error that stopped it.
type formState struct {
	Error string // the translated message
	Field string // the form field it concerns, "" when none
}

// formError turns a service error into the message a re-rendered form
// shows and the status to answer with. ok is false when the error is not
// the user's to fix (not found, internal, a dependency down): the caller
// shows the error page instead.
func (s *Server) formError(r *http.Request, err error) (form formState, status int, ok bool) {
	kind := sinergi.KindOf(err)
	key, args, hasMessage := sinergi.MessageOf(err)
	switch {
	case kind == sinergi.KindNotFound || kind == sinergi.KindInternal:
		return formState{}, 0, false
	case kind == sinergi.KindUnavailable && !hasMessage:
		return formState{}, 0, false
	case !hasMessage:
		key = statusPageOf(statusOf(err)).MessageKey
	}
	requestOf(r).log.Debug("form refused", "err", err)
	return formState{Error: requestOf(r).tr.T(key, args...), Field: fieldOf(key)}, statusOf(err), true
}

// fieldOf names the form field a message is about, so the form can mark
// that field invalid and point it at the message.
func fieldOf(key string) string {
	switch key {
	case "agency.error.name_required", "agency.error.name_too_long":
		return "name"
	case "agency.error.short_name_too_long":
		return "short_name"
	case "agency.error.kind_unknown", "agency.error.region_kind_mismatch":
		return "kind"
	case "agency.error.email_invalid", "user.error.email_invalid":
		return "email"
	case "agency.error.website_invalid":
		return "website"
	case "agency.error.leader_too_long":
		return "leader"
	case "agency.error.brief_at_invalid":
		return "brief_at"
	case "agency.error.timezone_invalid":
		return "time_zone"
	case "agency.error.region_required", "agency.error.region_unknown", "agency.error.region_level", "region.code.invalid":
		return "region_code"
	case "agency.error.parent_unknown", "agency.error.cycle", "agency.error.root_forbidden":
		return "parent"
	case "user.error.username_length", "user.error.username_chars", "user.error.username_taken":
		return "username"
	case "user.error.name_required":
		return "name"
	case "user.error.agency_unknown":
		return "agency"
	case "user.error.role_unknown":
		return "role"
	case "user.error.clearance_unknown", "user.error.clearance_above_own":
		return "clearance"
	case "user.error.password_short", "user.error.password_long", "user.error.password_username":
		return "password"
	case "profile.error.current_password":
		return "current"
	case "profile.error.password_mismatch":
		return "confirm"
	case "keymessage.error.title_required", "keymessage.error.title_too_long":
		return "title"
	case "keymessage.error.body_required", "keymessage.error.body_too_long":
		return "body"
	case "keymessage.error.classification":
		return "classification"
	case "audit.error.date", "audit.error.range":
		return "dates"
	}
	return ""
}
