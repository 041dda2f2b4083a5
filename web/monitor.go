package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/query"
)

// The pages of Pantau's saved searches. A saved search's page is the
// archive search run with its query, under its name; its alert, when it
// has one, fills the notifications centre of its owner (notification.go). The rules (who may use, change and delete a search; what a valid
// one is) are monitor.Service's; the pages mirror them only to decide which
// buttons to show.

// searchesPerPage is the length of a page of the saved search list.
const searchesPerPage = 50

// labelParam is the query parameter of the saved search list's label.
const labelParam = "label"

// savedSearchRow is a saved search with what the pages show beside it.
type savedSearchRow struct {
	*monitor.SavedSearch
	Owner       string // the owner's name; "" when the account is gone
	OwnerAgency string
	SharingKey  string
	AlertKey    string
	// SensitivityKey names its early warning's sensitivity.
	SensitivityKey string
	Mine           bool
}

// savedSearchListPage is the data of the list of saved searches.
type savedSearchListPage struct {
	pageLayout
	Query    string // part of the name
	Label    string
	Searches []savedSearchRow
	Pager    pager
	// ManagesWebhook: the viewer may set the agency's alert webhook.
	ManagesWebhook bool
}

// handleSavedSearchList lists the saved searches the viewer may use (their
// own, their agency's shared ones, the network's), by name, filtered by a
// part of the name and a label.
func (s *Server) handleSavedSearchList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	q := r.URL.Query()
	data := &savedSearchListPage{pageLayout: s.page(r), Query: strings.TrimSpace(q.Get(queryParam)),
		Label: strings.ToLower(strings.TrimSpace(q.Get(labelParam))), ManagesWebhook: monitor.ManagesAgencyWebhook(rc.actor())}
	page := pageNumber(r)
	list, total, err := s.svc.Monitor.List(r.Context(), rc.actor(), monitor.SearchFilter{Label: data.Label, Query: data.Query,
		Limit: searchesPerPage, Offset: (page - 1) * searchesPerPage})
	if err == nil {
		data.Searches, err = s.savedSearchRows(r.Context(), rc, list)
	}
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Pager = newPager(r, page, total, searchesPerPage)
	s.render(w, r, http.StatusOK, "search_list", data)
}

// savedSearchRows adds to each search its owner's name and agency and the
// keys naming its sharing and alert. A search's owner is named to whoever
// may use it (sharing a search shares who made it), so the owners are read
// as the system: the viewer may not administer their accounts.
func (s *Server) savedSearchRows(ctx context.Context, rc *request, list []*monitor.SavedSearch) ([]savedSearchRow, error) {
	type owner struct{ name, agency string }
	owners := map[int64]owner{}
	rows := make([]savedSearchRow, len(list))
	for i, ss := range list {
		o, ok := owners[ss.OwnerID]
		if !ok {
			u, err := s.svc.Auth.FindUser(ctx, access.SystemActor(), ss.OwnerID)
			switch {
			case err == nil:
				o = owner{name: u.Name, agency: u.AgencyName}
			case sinergi.KindOf(err) != sinergi.KindNotFound:
				return nil, fmt.Errorf("web: owner of search %d: %w", ss.ID, err)
			}
			owners[ss.OwnerID] = o
		}
		rows[i] = savedSearchRow{SavedSearch: ss, Owner: o.name, OwnerAgency: o.agency, SharingKey: sharingKey(ss.Sharing),
			AlertKey: alertModeKey(ss.Alert), SensitivityKey: sensitivityKey(ss.Sensitivity), Mine: rc.user != nil && ss.OwnerID == rc.user.ID}
	}
	return rows, nil
}

// savedSearchPage is the data of a saved search's page: the archive search
// page run with its query, under its name and details.
type savedSearchPage struct {
	searchPage
	Saved     savedSearchRow
	CanChange bool
	CanDelete bool
	// Webhook is shown to those who may change the search: its address,
	// the secret receivers check signatures with, and the last deliveries.
	Webhook *webhookView
	// Mail is shown to those who may change the search when it has
	// recipients: their state and the last e-mails sent.
	Mail *mailView
	// SearchHref opens the query in the archive search, to refine it.
	SearchHref string
	// Charts draw its volume with the early warning's band, its
	// sentiment over time, its top sources and regions.
	Charts *savedSearchCharts
}

// handleSavedSearchView shows a saved search: its name, owner, sharing,
// labels and alert, and the archive search run with its query now (the
// live count, a page of results, the facets), newest first unless asked
// otherwise: a saved search is opened to see what came in. What the
// results hold is what the viewer may see, whoever owns the search.
func (s *Server) handleSavedSearchView(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ss, ok := s.savedSearchFromPath(w, r)
	if !ok {
		return
	}
	rows, err := s.savedSearchRows(r.Context(), rc, []*monitor.SavedSearch{ss})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &savedSearchPage{
		searchPage: searchPage{pageLayout: s.page(r), Query: ss.Query, Order: orderNewest, Orders: searchOrders(),
			CanRegister: mayRegister(rc)},
		Saved: rows[0], CanChange: monitor.CanChange(rc.actor(), ss), CanDelete: canDeleteSearch(rc.actor(), ss),
	}
	if r.URL.Query().Get(orderParam) == orderRelevant {
		data.Order = orderRelevant
	}
	data.SearchHref = searchHref(ss.Query, data.Order)
	if data.CanChange && ss.WebhookURL != "" {
		log, err := s.svc.Monitor.WebhookLog(r.Context(), rc.actor(), ss.ID, webhookLogRows)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		data.Webhook = &webhookView{URL: ss.WebhookURL, Secret: ss.WebhookSecret, Deliveries: log}
	}
	if data.CanChange {
		recipients, err := s.svc.Monitor.Recipients(r.Context(), rc.actor(), ss.ID)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		if len(recipients) > 0 {
			log, err := s.svc.Monitor.MailLog(r.Context(), rc.actor(), ss.ID, mailLogRows)
			if err != nil {
				s.renderError(w, r, 0, err)
				return
			}
			data.Mail = &mailView{Recipients: recipients, Deliveries: log}
		}
	}
	if err := s.runSearch(r, &data.searchPage); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if data.Charts, err = s.savedSearchCharts(r.Context(), rc, ss, &data.searchPage); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "search_view", data)
}

// webhookView is a webhook on its page: a saved search's or an agency's.
type webhookView struct {
	URL, Secret string
	Deliveries  []*monitor.WebhookDelivery
}

// webhookLogRows is how many deliveries the page lists.
const webhookLogRows = 20

// runSearch runs the query of p on the archive as the viewer, as the
// archive search page does: a page of hits, the pager and the facets. A
// query the archive refuses (a saved query naming an agency since renamed)
// sets p.Problem; the error is only for a failure.
func (s *Server) runSearch(r *http.Request, p *searchPage) error {
	rc := requestOf(r)
	page := pageNumber(r)
	res, err := s.svc.Archive.Search(r.Context(), rc.actor(), archive.Request{
		Query: p.Query, Newest: p.Order == orderNewest, Facets: true, Location: rc.loc,
		Limit: resultsPerPage, Offset: (page - 1) * resultsPerPage,
	})
	if qe := (*query.Error)(nil); errors.As(err, &qe) {
		rc.log.Debug("saved query refused", "key", qe.Key, "offset", qe.Offset)
		p.Problem = newQueryProblem(p.Query, qe, string(rc.tr.Lang()))
		return nil
	}
	if err != nil {
		return err
	}
	p.Searched, p.Total, p.Hits, p.Counts = true, res.Total, res.Hits, res.Facets
	p.First = (page-1)*resultsPerPage + 1
	p.Pager = newPager(r, page, res.Total, resultsPerPage)
	if q, err := query.Parse(res.Query); err == nil && res.Facets != nil {
		p.Facets = facetGroups(q, res.Facets, p.Order, rc.loc)
	}
	return nil
}

// canDeleteSearch mirrors the rule of monitor.Service.Delete: the owner,
// or an administrator of the search's agency or one above it.
func canDeleteSearch(actor access.Actor, ss *monitor.SavedSearch) bool {
	return actor.UserID != 0 && ss.OwnerID == actor.UserID ||
		actor.Role == access.Administrator && access.Can(actor, access.Administer, access.Resource{AgencyPath: ss.AgencyPath})
}

// savedSearchFromPath loads the saved search named by the {id} of the
// path, when the viewer may use it; otherwise it answers 404.
func (s *Server) savedSearchFromPath(w http.ResponseWriter, r *http.Request) (*monitor.SavedSearch, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return nil, false
	}
	ss, err := s.svc.Monitor.Find(r.Context(), requestOf(r).actor(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return nil, false
	}
	return ss, true
}

// savedSearchForm holds what the saved search forms submit, as typed;
// labels are separated by commas, the daily digest's time is "06:30".
type savedSearchForm struct {
	Name     string
	Query    string
	Sharing  string
	Locked   bool
	Labels   string
	Alert    string
	DigestAt string
	Webhook  string
	Emails   string // one address a line
	Quiet    string // "22:00-06:00"
	// Sensitivity is the early warning's: "low", "medium" or "high".
	Sensitivity string
	// EmailsSet: the form had the recipients field (a form without it
	// leaves the recipients as they are).
	EmailsSet bool
}

// readSavedSearchForm reads the fields of the saved search forms.
func readSavedSearchForm(r *http.Request) savedSearchForm {
	f := r.PostForm
	return savedSearchForm{Name: f.Get("name"), Query: f.Get("query"), Sharing: f.Get("sharing"),
		Locked: f.Get("locked") != "", Labels: f.Get("labels"), Alert: f.Get("alert"), DigestAt: strings.TrimSpace(f.Get("digest_at")),
		Webhook: strings.TrimSpace(f.Get("webhook")), Emails: f.Get("emails"), Quiet: strings.TrimSpace(f.Get("quiet_hours")),
		EmailsSet: f.Has("emails"), Sensitivity: f.Get("sensitivity")}
}

// savedSearchFormOf fills the form with a saved search's fields.
func savedSearchFormOf(ss *monitor.SavedSearch) savedSearchForm {
	return savedSearchForm{Name: ss.Name, Query: ss.Query, Sharing: string(ss.Sharing), Locked: ss.Locked,
		Labels: strings.Join(ss.Labels, ", "), Alert: string(ss.Alert), DigestAt: ss.DigestAt, Webhook: ss.WebhookURL,
		Quiet: ss.QuietHours, Sensitivity: ss.Sensitivity.String()}
}

// applyTo writes the form's fields into ss, for the service to clean and
// check; what the form does not show (the webhook's secret) stays as it is
// in ss.
func (v savedSearchForm) applyTo(ss *monitor.SavedSearch) {
	ss.Name, ss.Query, ss.Sharing, ss.Locked = v.Name, v.Query, monitor.Sharing(v.Sharing), v.Locked
	ss.Labels, ss.Alert, ss.DigestAt = splitList(v.Labels, false), monitor.AlertMode(v.Alert), v.DigestAt
	ss.WebhookURL, ss.QuietHours, ss.Emails = v.Webhook, v.Quiet, nil
	var err error
	if ss.Sensitivity, err = spike.ParseSensitivity(v.Sensitivity); err != nil {
		ss.Sensitivity = -1 // refused by the service, on the field
	}
	if v.EmailsSet {
		ss.Emails = emailLines(v.Emails)
	}
}

// defaultDigestAt is the time the form offers for a daily digest: before
// the morning meeting.
const defaultDigestAt = "06:00"

// option is one radio button of a form, with its hint.
type option struct {
	Value, Key, HintKey string
}

// savedSearchFormPage is the data of the forms that save and change a
// search.
type savedSearchFormPage struct {
	pageLayout
	Search *monitor.SavedSearch // nil when saving a new one
	Values savedSearchForm
	Form   formState
	// Problem is the query's error with its spot marked; nil when none.
	Problem  *queryProblem
	Sharings []option
	Alerts   []option
	// Sensitivities are the early warning's choices, least alerts first.
	Sensitivities []option
	// CanLock: only the owner locks and unlocks (anyone saving a new one).
	CanLock bool
	// AgencyName is the agency "shared with the agency" means, and
	// TimeZone the zone of the daily digest: the owner's agency's.
	AgencyName string
	TimeZone   string
	MaxPerHour int
	// MailEnabled: this server sends e-mail (--smtp-url); otherwise the
	// recipients field says so and takes nothing.
	MailEnabled   bool
	MaxRecipients int
}

// handleSavedSearchNew shows the form that saves a search, its query
// taken from ?q= (the archive search page links here with its query).
func (s *Server) handleSavedSearchNew(w http.ResponseWriter, r *http.Request) {
	v := savedSearchForm{Query: strings.TrimSpace(r.URL.Query().Get(queryParam)), Sharing: string(monitor.Private),
		DigestAt: defaultDigestAt}
	s.renderSavedSearchForm(w, r, http.StatusOK, nil, v, formState{}, nil)
}

// handleSavedSearchEdit shows the form that changes a saved search.
func (s *Server) handleSavedSearchEdit(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.savedSearchFromPath(w, r)
	if !ok {
		return
	}
	v := savedSearchFormOf(ss)
	if monitor.CanChange(requestOf(r).actor(), ss) {
		recipients, err := s.svc.Monitor.Recipients(r.Context(), requestOf(r).actor(), ss.ID)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		v.Emails = recipientLines(recipients)
	}
	s.renderSavedSearchForm(w, r, http.StatusOK, ss, v, formState{}, nil)
}

// renderSavedSearchForm renders the form that saves a search (ss nil) or
// the one that changes ss, to those who may change it; a locked search
// gets the forbidden page, saying so.
func (s *Server) renderSavedSearchForm(w http.ResponseWriter, r *http.Request, status int, ss *monitor.SavedSearch,
	v savedSearchForm, form formState, problem *queryProblem) {
	rc := requestOf(r)
	data := &savedSearchFormPage{pageLayout: s.page(r), Search: ss, Values: v, Form: form, Problem: problem,
		CanLock: true, AgencyName: rc.agency.Name, TimeZone: string(rc.agency.TimeZone), MaxPerHour: monitor.MaxPerHour,
		MailEnabled: s.svc.Monitor.MailEnabled, MaxRecipients: monitor.MaxRecipients}
	if data.Values.DigestAt == "" {
		data.Values.DigestAt = defaultDigestAt
	}
	name := "search_new"
	if ss != nil {
		if !monitor.CanChange(rc.actor(), ss) {
			s.renderErrorKey(w, r, http.StatusForbidden, "monitor.error.locked")
			return
		}
		rows, err := s.savedSearchRows(r.Context(), rc, []*monitor.SavedSearch{ss})
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		data.CanLock, data.AgencyName, name = rows[0].Mine, cmp.Or(rows[0].OwnerAgency, rc.agency.Name), "search_edit"
		data.TimeZone = cmp.Or(string(ss.TimeZone), data.TimeZone)
	}
	for _, sh := range monitor.Sharings {
		data.Sharings = append(data.Sharings, option{Value: string(sh), Key: sharingKey(sh), HintKey: sharingHintKey(sh)})
	}
	for _, a := range monitor.AlertModes {
		data.Alerts = append(data.Alerts, option{Value: string(a), Key: alertModeKey(a), HintKey: alertModeHintKey(a)})
	}
	for _, sens := range spike.Sensitivities {
		data.Sensitivities = append(data.Sensitivities, option{Value: sens.String(), Key: sensitivityKey(sens)})
	}
	s.render(w, r, status, name, data)
}

// handleSavedSearchCreate saves a search owned by the viewer, in their
// agency.
func (s *Server) handleSavedSearchCreate(w http.ResponseWriter, r *http.Request) {
	v := readSavedSearchForm(r)
	ss := &monitor.SavedSearch{}
	v.applyTo(ss)
	if err := s.svc.Monitor.Save(r.Context(), requestOf(r).actor(), ss); err != nil {
		s.savedSearchFormError(w, r, nil, v, err)
		return
	}
	http.Redirect(w, r, withNotice(savedSearchPath(ss.ID), "search_created"), http.StatusSeeOther)
}

// handleSavedSearchUpdate saves the change form.
func (s *Server) handleSavedSearchUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.savedSearchFromPath(w, r)
	if !ok {
		return
	}
	v := readSavedSearchForm(r)
	upd := *old
	v.applyTo(&upd)
	if _, err := s.svc.Monitor.Update(r.Context(), requestOf(r).actor(), old.ID, &upd); err != nil {
		s.savedSearchFormError(w, r, old, v, err)
		return
	}
	http.Redirect(w, r, withNotice(savedSearchPath(old.ID), "search_updated"), http.StatusSeeOther)
}

// handleSavedSearchDelete deletes a saved search: its owner, or an
// administrator of its agency.
func (s *Server) handleSavedSearchDelete(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	if err := s.svc.Monitor.Delete(r.Context(), requestOf(r).actor(), id); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	http.Redirect(w, r, withNotice("/pantau/pencarian", "search_deleted"), http.StatusSeeOther)
}

// savedSearchFormError shows the form again with the service's message
// beside the field it concerns; a refused query also shows the spot it
// fails at. A refusal (forbidden, a locked search) or a failure gets the
// error page.
func (s *Server) savedSearchFormError(w http.ResponseWriter, r *http.Request, ss *monitor.SavedSearch, v savedSearchForm, err error) {
	if qe := (*query.Error)(nil); errors.As(err, &qe) {
		requestOf(r).log.Debug("saved query refused", "key", qe.Key, "offset", qe.Offset)
		problem := newQueryProblem(v.Query, qe, string(requestOf(r).tr.Lang()))
		s.renderSavedSearchForm(w, r, http.StatusBadRequest, ss, v, formState{Field: "query"}, problem)
		return
	}
	form, status, ok := s.formError(r, err)
	if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
		s.renderError(w, r, 0, err)
		return
	}
	if form.Field == "" {
		key, _, _ := sinergi.MessageOf(err)
		form.Field = savedSearchField(key)
	}
	s.renderSavedSearchForm(w, r, status, ss, v, form, nil)
}

// savedSearchField names the field of the saved search form a message is
// about.
func savedSearchField(key string) string {
	switch key {
	case "monitor.error.name_required", "monitor.error.name_too_long":
		return "name"
	case "monitor.error.query_required", "monitor.error.query_too_long":
		return "query"
	case "monitor.error.sharing":
		return "sharing"
	case "monitor.error.alert":
		return "alert"
	case "monitor.error.digest_at":
		return "digest_at"
	case "monitor.error.webhook_url":
		return "webhook"
	case "monitor.error.email", "monitor.error.too_many_emails", "monitor.error.mail_disabled":
		return "emails"
	case "monitor.error.quiet_hours":
		return "quiet_hours"
	case "monitor.error.sensitivity":
		return "sensitivity"
	case "monitor.error.label", "monitor.error.too_many_labels":
		return "labels"
	}
	return ""
}

// savedSearchPath is the URL of a saved search's page.
func savedSearchPath(id int64) string { return "/pantau/pencarian/" + strconv.FormatInt(id, 10) }
