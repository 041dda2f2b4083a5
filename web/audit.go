package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/i18n"
)

// entriesPerPage is the length of a page of the audit log.
const entriesPerPage = 50

// dateLayout is how an <input type="date"> sends a date.
const dateLayout = "2006-01-02"

// auditPage is the data of the audit log.
type auditPage struct {
	pageLayout
	Entries []*audit.Entry
	Actions []string
	Action  string
	Actor   string
	From    string
	To      string
	Form    formState
	Pager   pager
}

// auditScope is the part of the log an actor reads: their agency's
// subtree; everything for the console operator.
func auditScope(actor access.Actor) string {
	if actor.System {
		return ""
	}
	return access.PathString(actor.AgencyPath)
}

// handleAuditList shows the audit log of the viewer's agency and the
// agencies below it, newest first, to administrators, heads of Humas and
// leaders. Dates of the filter are days in the viewer's time zone.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if !canAudit(rc.user) {
		s.renderError(w, r, http.StatusForbidden, nil)
		return
	}
	q := r.URL.Query()
	data := &auditPage{
		pageLayout: s.page(r),
		Actions:    auditActions(),
		Action:     q.Get("aksi"),
		Actor:      strings.TrimSpace(q.Get("pelaku")),
		From:       q.Get("dari"),
		To:         q.Get("sampai"),
	}
	f := audit.Filter{AgencyPathPrefix: auditScope(rc.actor()), ActorName: data.Actor, Limit: entriesPerPage}
	if actionKey(data.Action) != "" {
		f.Action = data.Action
	} else {
		data.Action = ""
	}
	status := http.StatusOK
	var err error
	if f.Since, f.Until, err = dateRange(data.From, data.To, rc.loc); err != nil {
		form, st, _ := s.formError(r, err)
		data.Form, status = form, st
	}
	page := pageNumber(r)
	f.Offset = (page - 1) * entriesPerPage
	entries, total, err := s.svc.Audit.Find(r.Context(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Entries = entries
	data.Pager = newPager(r, page, total, entriesPerPage)
	s.render(w, r, status, "audit", data)
}

// summaryText returns an entry's summary in the reader's language. The
// services record a message key (audit.summary.*) and its arguments as
// text; arguments that name a role, a classification or a kind of agency
// are translated too, by their place in the message. A summary written
// before summaries were keys is shown as it was recorded.
func summaryText(tr *i18n.Translator, e *audit.Entry) string {
	if !strings.HasPrefix(e.Summary, "audit.summary.") {
		return e.Summary
	}
	var types []argType
	switch e.Summary {
	case "audit.summary.user_create", "audit.summary.user_update":
		types = []argType{argText, argRole, argLevel}
	case "audit.summary.user_disable":
		types = []argType{argText, argNumber}
	case "audit.summary.agency_create":
		types = []argType{argText, argAgencyKind}
	case "audit.summary.keymessage_create":
		types = []argType{argLevel}
	}
	args := make([]any, len(e.SummaryArgs))
	for i, a := range e.SummaryArgs {
		args[i] = a
		if i < len(types) {
			args[i] = summaryArg(tr, types[i], a)
		}
	}
	return tr.T(e.Summary, args...)
}

// argType is what an argument of a summary names.
type argType int

const (
	argText argType = iota
	argRole
	argLevel
	argAgencyKind
	argNumber
)

// summaryArg translates one argument of a summary; a value it does not
// recognise is kept as recorded.
func summaryArg(tr *i18n.Translator, kind argType, a string) any {
	switch kind {
	case argRole:
		if r, err := access.ParseRole(a); err == nil {
			return tr.T(roleKey(r))
		}
	case argLevel:
		if l, err := access.ParseLevel(a); err == nil {
			return tr.T(classKey(l))
		}
	case argAgencyKind:
		if k, err := agency.ParseKind(a); err == nil {
			return tr.T(kindKey(k))
		}
	case argNumber:
		if n, err := strconv.Atoi(a); err == nil {
			return n
		}
	}
	return a
}

// dateRange turns the days of the filter, in loc, into the instants the
// log is searched between: from the start of the first day to the end of
// the last. Either may be empty.
func dateRange(from, to string, loc *time.Location) (since, until time.Time, err error) {
	if from != "" {
		if since, err = time.ParseInLocation(dateLayout, from, loc); err != nil {
			return time.Time{}, time.Time{}, sinergi.Errorf(sinergi.KindInvalid, "audit.error.date", from)
		}
	}
	if to != "" {
		day, err := time.ParseInLocation(dateLayout, to, loc)
		if err != nil {
			return time.Time{}, time.Time{}, sinergi.Errorf(sinergi.KindInvalid, "audit.error.date", to)
		}
		until = day.AddDate(0, 0, 1)
	}
	if !since.IsZero() && !until.IsZero() && !since.Before(until) {
		return time.Time{}, time.Time{}, sinergi.Errorf(sinergi.KindInvalid, "audit.error.range")
	}
	return since, until, nil
}
