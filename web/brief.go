package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/mail"
)

// The leadership brief's pages: the list of an agency's briefs with the
// button that makes one now, a brief as a page (readable on a phone,
// printable) and as a PDF. What a brief shows was fixed when it was made
// (package brief); these pages only render the stored snapshot.

// briefsPerPage is the length of a page of the brief list.
const briefsPerPage = 30

// The brief list takes the dashboard's agencyParam: an overseeing
// agency's staff may read the briefs of the agencies below theirs.

// briefListPage is the data of the brief list.
type briefListPage struct {
	pageLayout
	Agency      *agency.Agency
	Briefs      []briefRow
	Total       int
	Pager       pager
	MayGenerate bool
	// BriefAt is the agency's daily brief time as its reader writes it
	// ("06.00 WIB").
	BriefAt string
}

// briefRow is one brief of the list.
type briefRow struct {
	ID           int64
	Since, Until time.Time
	Generated    time.Time
	Scheduled    bool
	Ceiling      string
}

// briefViewPage is the data of a brief's page.
type briefViewPage struct {
	pageLayout
	ID       int64
	Agency   string
	AgencyID int64
	Body     template.HTML // rendered by package brief from the snapshot
	SHA256   string
	PDF      string
	// Mails are the brief's e-mails: to whom and how each went.
	Mails []briefMail
}

// briefMail is one of a brief's e-mails as its page shows it.
type briefMail struct {
	To        string
	StatusKey string // brief.mail.status.*
	Attempts  int
	At        time.Time // sent, or the next attempt
	Error     string    // the mail server's last refusal
}

// briefMailKey names the state of a brief's e-mail.
func briefMailKey(st mail.OutboxStatus) string { return "brief.mail.status." + string(st) }

// handleBriefList lists the briefs of the viewer's agency (or, with
// ?instansi=ID, of an agency the viewer oversees), newest first.
func (s *Server) handleBriefList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	id := rc.user.AgencyID
	if v := r.URL.Query().Get(agencyParam); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			s.renderError(w, r, http.StatusNotFound, nil)
			return
		}
		id = n
	}
	a, err := s.svc.Agencies.Find(r.Context(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	page := pageNumber(r)
	list, total, err := s.svc.Briefs.List(r.Context(), rc.actor(), brief.Filter{AgencyID: a.ID, Limit: briefsPerPage,
		Offset: (page - 1) * briefsPerPage})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &briefListPage{pageLayout: s.page(r), Agency: a, Total: total, Pager: newPager(r, page, total, briefsPerPage),
		MayGenerate: s.svc.Briefs.MayGenerate(rc.actor(), a), BriefAt: a.BriefAt}
	if h, m, err := agency.ParseBriefAt(a.BriefAt); err == nil {
		day := time.Date(2026, 1, 1, h, m, 0, 0, a.Location())
		data.BriefAt = rc.tr.Time(day, a.Location(), string(a.TimeZone))
	}
	for _, b := range list {
		data.Briefs = append(data.Briefs, briefRow{ID: b.ID, Since: b.Since, Until: b.Until, Generated: b.Generated,
			Scheduled: b.Day != "", Ceiling: b.Classification.String()})
	}
	s.render(w, r, http.StatusOK, "brief_list", data)
}

// handleBriefCreate makes an agency's brief now and shows it.
func (s *Server) handleBriefCreate(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	id, err := strconv.ParseInt(r.PostForm.Get("agency"), 10, 64)
	if err != nil || id <= 0 {
		id = rc.user.AgencyID
	}
	snap, err := s.svc.Briefs.Create(r.Context(), rc.actor(), id, time.Time{})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	http.Redirect(w, r, briefPath(snap.ID), http.StatusSeeOther)
}

// handleBriefView shows a brief, or sends its PDF when the path ends in
// ".pdf" (/pantau/brief/12.pdf), in the viewer's language.
func (s *Server) handleBriefView(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	raw, wantPDF := strings.CutSuffix(r.PathValue("id"), ".pdf")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	snap, err := s.svc.Briefs.Find(r.Context(), rc.actor(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	b, err := snap.Brief()
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if wantPDF {
		pdf, err := brief.PDF(b, rc.tr)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+brief.FileName(b, snap.ID)+`"`)
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
		_, _ = w.Write(pdf)
		return
	}
	body, err := brief.HTML(b, rc.tr, false)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	mails, err := s.svc.Briefs.Mails(r.Context(), rc.actor(), snap.ID)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &briefViewPage{pageLayout: s.page(r), ID: snap.ID, Agency: snap.AgencyName,
		AgencyID: snap.AgencyID, Body: body, SHA256: snap.SHA256, PDF: briefPath(snap.ID) + ".pdf"}
	for _, m := range mails {
		row := briefMail{To: strings.Join(m.Message.To, ", "), StatusKey: briefMailKey(m.Status), Attempts: m.Attempts,
			At: m.NextAttempt, Error: m.LastError}
		if m.Status == mail.OutboxSent {
			row.At, row.Error = m.Sent, ""
		}
		data.Mails = append(data.Mails, row)
	}
	s.render(w, r, http.StatusOK, "brief_view", data)
}

// briefPath is the URL of a brief's page.
func briefPath(id int64) string { return "/pantau/brief/" + strconv.FormatInt(id, 10) }
