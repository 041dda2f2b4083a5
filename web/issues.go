package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/region"
)

// The pages of Pantau's issues: the agency's issues of a period, and an
// issue with its items, its corrections and the forms that correct it.
// They read the stored issues (issuetrack), never the clusterer's memory;
// the rules (who sees an issue, who corrects it, what a valid correction
// is) are issuetrack's, and the pages mirror them only to decide which
// forms to show.

// issuesPath is the list of issues.
const issuesPath = "/pantau/isu"

// issuesPerPage is the length of a page of the issue list.
const issuesPerPage = 30

// The query parameters of the issue list: the period, the order and the
// least number of items.
const (
	minParam    = "min"
	orderSize   = "besar"
	orderGrowth = "cepat"
)

// issueRow is an issue with its figures written for the page.
type issueRow struct {
	*issuetrack.Issue
	Href    string
	PerHour string // the mean per hour, "1,5"
	Growth  string // the last hour against the mean, "2,0"
	Regions []namedCount
	// The shares of negative, neutral and positive items (percent), and
	// where the positive part of the mix bar begins.
	Negative, Neutral, Positive, PositiveAt int
}

// namedCount is a region with its name and the number of items naming it.
type namedCount struct {
	Code, Name string
	N          int
}

// issueListPage is the data of the issue list.
type issueListPage struct {
	pageLayout
	Agencies []*agency.Agency // the chooser's: the viewer's and those below it
	Chosen   *agency.Agency
	Period   string
	Periods  []option
	Order    string
	Orders   []option
	Min      int
	Issues   []issueRow
	Pager    pager
}

// handleIssueList lists the issues of the viewer's agency, or of one
// below it, of the last 24 hours (or 7 or 30 days), the largest or the
// fastest growing first, pinned ones at the top.
func (s *Server) handleIssueList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	q := r.URL.Query()
	agencies, chosen, err := s.chooseAgency(r.Context(), rc, q)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	period := monitor.Period24h // the morning's question: what rose overnight
	if v := q.Get(periodParam); v != "" {
		period = monitor.ParsePeriod(v)
	}
	data := &issueListPage{pageLayout: s.page(r), Agencies: agencies, Chosen: chosen, Period: string(period), Order: orderSize, Min: 2}
	since := period.Duration()
	order := issuetrack.OrderSize
	if q.Get(orderParam) == orderGrowth {
		data.Order, order = orderGrowth, issuetrack.OrderGrowth
	}
	if n, err := strconv.Atoi(q.Get(minParam)); err == nil && n >= 1 && n <= 1000 {
		data.Min = n
	}
	for _, p := range monitor.Periods {
		data.Periods = append(data.Periods, option{Value: string(p), Key: periodKey(p)})
	}
	data.Orders = []option{{Value: orderSize, Key: "issue.order.size"}, {Value: orderGrowth, Key: "issue.order.growth"}}
	page := pageNumber(r)
	list, total, err := s.svc.Issues.List(r.Context(), rc.actor(), issuetrack.ListFilter{Agency: chosen.Path, Since: s.clock.Now().Add(-since),
		MinItems: data.Min, Order: order, Limit: issuesPerPage, Offset: (page - 1) * issuesPerPage})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	for _, is := range list {
		data.Issues = append(data.Issues, s.issueRow(rc, is))
	}
	data.Pager = newPager(r, page, total, issuesPerPage)
	s.render(w, r, http.StatusOK, "issue_list", data)
}

// issueRow writes an issue's figures for the pages.
func (s *Server) issueRow(rc *request, is *issuetrack.Issue) issueRow {
	row := issueRow{Issue: is, Href: issuePath(is.ID), PerHour: rc.tr.Decimal(is.PerHour, 1), Growth: rc.tr.Decimal(is.Growth, 1)}
	for _, c := range is.Regions {
		name := c.Name
		if reg, ok := s.regions.Lookup(region.Code(c.Name)); ok {
			name = reg.Name
		}
		row.Regions = append(row.Regions, namedCount{Code: c.Name, Name: name, N: c.N})
	}
	if n := is.Mix.Positive + is.Mix.Neutral + is.Mix.Negative + is.Mix.NotRated; n > 0 {
		row.Negative, row.Neutral, row.Positive = 100*is.Mix.Negative/n, 100*is.Mix.Neutral/n, 100*is.Mix.Positive/n
		row.PositiveAt = row.Negative + row.Neutral
	}
	return row
}

// issuePath is the URL of an issue's page.
func issuePath(id int64) string { return issuesPath + "/" + strconv.FormatInt(id, 10) }

// issueItemRow is an item of an issue on its page.
type issueItemRow struct {
	Item *archive.Item
	// Sentiment is the analyst's when set, otherwise the model's;
	// Corrected says which.
	Sentiment string
	Corrected bool
	At        time.Time
}

// correctionRow is a line of an issue's correction history.
type correctionRow struct {
	*issuetrack.Correction
	Text string
}

// issuePage is the data of an issue's page.
type issuePage struct {
	pageLayout
	Issue       issueRow
	Items       []issueItemRow
	Hidden      int // items the viewer may not see
	Shown, Of   int
	Corrections []correctionRow
	CanCorrect  bool
	// Owner is the agency of an issue of an agency below the viewer's,
	// nil for the viewer's own.
	Owner *agency.Agency
	// Others are the agency's other issues of the last 7 days, for the
	// merge form.
	Others     []*issuetrack.Issue
	Sentiments []option
	Form       formState
}

// handleIssueView shows an issue: its figures, its items the viewer may
// see, its corrections and, to those who may correct it, the forms. An
// issue merged into another sends to the one that took its items.
func (s *Server) handleIssueView(w http.ResponseWriter, r *http.Request) {
	s.renderIssue(w, r, http.StatusOK, formState{})
}

func (s *Server) renderIssue(w http.ResponseWriter, r *http.Request, status int, form formState) {
	rc := requestOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	is, err := s.svc.Issues.Find(r.Context(), rc.actor(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if is.MergedInto != 0 && status == http.StatusOK {
		http.Redirect(w, r, issuePath(is.MergedInto), http.StatusSeeOther)
		return
	}
	data := &issuePage{pageLayout: s.page(r), Issue: s.issueRow(rc, is), Form: form,
		CanCorrect: issuetrack.CanCorrect(rc.actor(), is)}
	if is.AgencyID != rc.user.AgencyID {
		if data.Owner, err = s.svc.Agencies.Find(r.Context(), is.AgencyID); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
	}
	members, total, err := s.svc.Issues.Members(r.Context(), rc.actor(), is)
	if err == nil {
		var cs []*issuetrack.Correction
		cs, err = s.svc.Issues.Corrections(r.Context(), rc.actor(), is, 50)
		for _, c := range cs {
			data.Corrections = append(data.Corrections, correctionRow{Correction: c, Text: correctionText(rc, c)})
		}
	}
	if err == nil && data.CanCorrect {
		data.Others, _, err = s.svc.Issues.List(r.Context(), rc.actor(), issuetrack.ListFilter{
			Since: s.clock.Now().Add(-7 * 24 * time.Hour), Limit: 200})
	}
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	for _, m := range members {
		row := issueItemRow{Item: m.Item, Sentiment: m.Item.Sentiment, At: m.At}
		if m.Sentiment != "" {
			row.Sentiment, row.Corrected = m.Sentiment, true
		}
		data.Items = append(data.Items, row)
	}
	data.Shown, data.Of = len(members), total
	for _, v := range archive.Sentiments {
		data.Sentiments = append(data.Sentiments, option{Value: v, Key: sentimentKey(v)})
	}
	s.render(w, r, status, "issue_view", data)
}

// correctionText says what a correction did, in the viewer's language.
func correctionText(rc *request, c *issuetrack.Correction) string {
	sentiment := func(v string) string {
		if v == "" {
			return rc.tr.T("issue.sentiment.model")
		}
		return rc.tr.T(sentimentKey(v))
	}
	switch c.Op {
	case issue.Rename:
		if c.Title == "" {
			return rc.tr.T("issue.history.rename_model")
		}
		return rc.tr.T("issue.history.rename", c.Title)
	case issue.Merge:
		return rc.tr.T("issue.history.merge", c.OtherID)
	case issue.Split:
		return rc.tr.T("issue.history.split", len(c.Items), c.CreatedID)
	case issue.Pin:
		return rc.tr.T("issue.history.pin")
	case issue.Unpin:
		return rc.tr.T("issue.history.unpin")
	case issue.IssueSentiment:
		return rc.tr.T("issue.history.sentiment", sentiment(c.Sentiment))
	case issue.ItemSentiment:
		return rc.tr.T("issue.history.item_sentiment", len(c.Items), sentiment(c.Sentiment))
	}
	return string(c.Op)
}

// handleIssueCorrect takes one correction from the forms of an issue's
// page: the op and its fields (title, other, item, sentiment).
func (s *Server) handleIssueCorrect(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	f := r.PostForm
	req := issuetrack.Request{Op: issue.Op(f.Get("op")), Title: f.Get("title"), Sentiment: f.Get("sentiment")}
	if v := strings.TrimSpace(f.Get("other")); v != "" {
		if req.Other, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.renderIssue(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("issue.error.merge_other"), Field: "other"})
			return
		}
	}
	if len(f["item"]) > issuetrack.MaxItems {
		s.renderIssue(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("issue.error.too_many_items", issuetrack.MaxItems)})
		return
	}
	for _, v := range f["item"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.renderIssue(w, r, http.StatusBadRequest, formState{Error: rc.tr.T("issue.error.not_member")})
			return
		}
		req.Items = append(req.Items, n)
	}
	is, err := s.svc.Issues.Correct(r.Context(), rc.actor(), id, req)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderIssue(w, r, status, form)
		return
	}
	http.Redirect(w, r, withNotice(issuePath(is.ID), "issue_corrected"), http.StatusSeeOther)
}
