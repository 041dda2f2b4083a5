package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/chart"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/query"
)

// Pantau's dashboard: an agency's archive over the last 24 hours, 7 or 30
// days, as charts. Every number is an archive search's count, run as the
// viewer: the page names the search ("agency:… date:>now-7d") and each
// chart links to it, with the source, region or sentiment added.

// The query parameters of the dashboard.
const (
	agencyParam = "instansi"
	periodParam = "periode"
)

// maxChooserAgencies is how many agencies the chooser lists: the viewer's
// and those below it.
const maxChooserAgencies = 500

// dashboardSearches is how many saved searches share of voice compares.
const dashboardSearches = 10

// pantauDashboardPage is the data of the dashboard.
type pantauDashboardPage struct {
	pageLayout
	Agencies []*agency.Agency // the chooser's
	Chosen   *agency.Agency
	Period   monitor.Period
	Periods  []periodOption
	Zone     string
	Total    int
	// Scope is the archive search every number is counted by, and
	// ScopeHref opens it.
	Scope, ScopeHref          string
	Volume, Sentiment         template.HTML
	Sources, Share            template.HTML
	Provinces, Regencies      template.HTML
	ProvinceRows, RegencyRows []regionRow
	// Issues are the agency's largest issues of the period that the
	// viewer may see.
	Issues []issueRow
	// Health counts the feeds per state; nil when the chosen agency is
	// not the viewer's own (feed health is each agency's own).
	Health []healthCount
}

// periodOption is one choice of the period selector.
type periodOption struct {
	Value monitor.Period
	Key   string
}

// handlePantauDashboard shows the dashboard of the chosen agency (the
// viewer's own, or one below it) over the chosen period.
func (s *Server) handlePantauDashboard(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ctx := r.Context()
	q := r.URL.Query()
	data := &pantauDashboardPage{pageLayout: s.page(r), Period: monitor.ParsePeriod(q.Get(periodParam))}
	for _, p := range monitor.Periods {
		data.Periods = append(data.Periods, periodOption{Value: p, Key: periodKey(p)})
	}
	var err error
	if data.Agencies, data.Chosen, err = s.chooseAgency(ctx, rc, q); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	loc := data.Chosen.Location()
	data.Zone = string(cmp.Or(data.Chosen.TimeZone, "WIB"))
	d, err := s.svc.Monitor.Dashboard(ctx, rc.actor(), data.Chosen.ID, data.Chosen.Path, data.Period, loc)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Total = d.Total
	data.Scope = (&query.Filter{Field: "agency", Value: data.Chosen.Name}).String() + " " + data.Period.Query()
	data.ScopeHref = searchHref(data.Scope, orderNewest)
	s.dashboardCharts(rc, data, d, loc)
	if data.Share, err = s.shareOfVoice(ctx, rc, data.Scope, d.Total, loc); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if data.Issues, err = s.topIssues(ctx, rc, data.Chosen, data.Period); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if data.Chosen.ID == rc.user.AgencyID {
		if data.Health, err = s.healthCounts(ctx, rc); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "pantau_dashboard", data)
}

// chooseAgency returns the agencies a viewer may choose between on
// Pantau's pages (their own and those below it, at most
// maxChooserAgencies) and the one the query's instansi names, the
// viewer's own when it names none. Any agency of the viewer's subtree may
// be named, listed or not; another is NotFound.
func (s *Server) chooseAgency(ctx context.Context, rc *request, q url.Values) ([]*agency.Agency, *agency.Agency, error) {
	list, _, err := s.svc.Agencies.List(ctx, agency.Filter{Under: rc.user.AgencyID, Limit: maxChooserAgencies})
	if err != nil {
		return nil, nil, fmt.Errorf("web: agencies to choose from: %w", err)
	}
	v := q.Get(agencyParam)
	if v == "" || v == strconv.FormatInt(rc.user.AgencyID, 10) {
		return list, rc.agency, nil
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	a, err := s.svc.Agencies.Find(ctx, id)
	if err == nil && !slices.Contains(a.Path, rc.user.AgencyID) {
		err = sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
	}
	if err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(list, func(l *agency.Agency) bool { return l.ID == a.ID }) {
		list = append(list, a)
	}
	return list, a, nil
}

// dashboardCharts draws the dashboard's charts from its counts.
func (s *Server) dashboardCharts(rc *request, data *pantauDashboardPage, d *monitor.Dashboard, loc *time.Location) {
	hourly := d.Period.Hourly()
	f := chartFormat(rc, loc, hourly)
	volume := make([]float64, len(d.Volume))
	for i, n := range d.Volume {
		volume[i] = float64(n)
	}
	data.Volume = (&chart.TimeSeries{Text: chartByKey(rc, volumeKey(hourly), "pantau.chart.volume_desc", data.ScopeHref),
		Format: f, TimeHead: timeHead(rc, hourly, data.Zone), Times: d.Buckets,
		Lines: []chart.Line{{Name: rc.tr.T("chart.items"), Values: volume}}}).SVG()
	data.Sentiment = (&chart.Stacked{Text: chartByKey(rc, "pantau.chart.sentiment", "pantau.chart.sentiment_desc", data.ScopeHref),
		Format: f, TimeHead: timeHead(rc, hourly, data.Zone), Times: d.Buckets, Parts: sentimentParts(rc, d.Sentiments)}).SVG()
	data.Sources = (&chart.Bars{Text: chartByKey(rc, "pantau.chart.sources", "pantau.chart.sources_desc", data.ScopeHref),
		Format: f, LabelHead: rc.tr.T("pantau.chart.source"), ValueHead: rc.tr.T("chart.items"),
		Bars: countBars(d.Sources, "source", data.Scope, len(d.Sources), func(c archive.Count) string { return c.Key })}).SVG()
	data.Provinces = (&chart.Map{Text: chartByKey(rc, "pantau.chart.provinces", "pantau.chart.provinces_desc", data.ScopeHref),
		Format: f, AreaHead: rc.tr.T("pantau.chart.province"), ValueHead: rc.tr.T("chart.items"),
		ScaleName: rc.tr.T("pantau.chart.scale"), Areas: provinceAreas(s.regions, d.Provinces, data.Scope)}).SVG()
	data.Regencies = (&chart.Map{Text: chartByKey(rc, "pantau.chart.regencies", "pantau.chart.regencies_desc", data.ScopeHref),
		Format: f, AreaHead: rc.tr.T("pantau.chart.regency"), ValueHead: rc.tr.T("chart.items"),
		ScaleName: rc.tr.T("pantau.chart.scale"), Areas: regencyAreas(s.regions, d.Regencies, data.Scope)}).SVG()
	data.ProvinceRows = regionRows(s.regions, d.Provinces, data.Scope, len(d.Provinces))
	data.RegencyRows = regionRows(s.regions, d.Regencies, data.Scope, maxRegionRows)
}

// volumeKey titles the volume chart: items per hour or per day.
func volumeKey(hourly bool) string {
	if hourly {
		return "pantau.chart.volume_hour"
	}
	return "pantau.chart.volume_day"
}

// maxRegionRows is how many kabupaten and kota the regions table lists.
const maxRegionRows = 20

// shareOfVoice compares the saved searches the viewer may use within the
// dashboard's scope: each one's matches among the scope's items, divided
// by the scope's items (total), as a percentage. Each count is the archive
// search "(<saved query>) <scope>" run as the viewer; a saved query the
// archive refuses (an agency since renamed) is left out.
func (s *Server) shareOfVoice(ctx context.Context, rc *request, scope string, total int, loc *time.Location) (template.HTML, error) {
	text := chartByKey(rc, "pantau.chart.share", "pantau.chart.share_desc", "")
	text.Empty = rc.tr.T("pantau.chart.share_none")
	c := &chart.Bars{Text: text, Format: chartFormat(rc, loc, false), LabelHead: rc.tr.T("pantau.chart.search"),
		ValueHead: rc.tr.T("pantau.chart.share_head"), Max: 100}
	if total == 0 {
		c.Empty = rc.tr.T("chart.empty")
		return c.SVG(), nil
	}
	list, _, err := s.svc.Monitor.List(ctx, rc.actor(), monitor.SearchFilter{Limit: dashboardSearches})
	if err != nil {
		return "", err
	}
	for _, ss := range list {
		q := "(" + ss.Query + ") " + scope
		res, err := s.svc.Archive.Search(ctx, rc.actor(), archive.Request{Query: q, Location: loc, Limit: 1})
		if qe := (*query.Error)(nil); errors.As(err, &qe) || sinergi.KindOf(err) == sinergi.KindInvalid {
			rc.log.Debug("saved query left out of share of voice", "search_id", ss.ID, "err", err)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("web: share of voice of search %d: %w", ss.ID, err)
		}
		pct := 100 * float64(res.Total) / float64(total)
		c.Bars = append(c.Bars, chart.Bar{Label: ss.Name, Value: pct, Href: searchHref(q, orderNewest),
			Text: rc.tr.T("pantau.chart.share_value", rc.tr.Percent(pct, 1), res.Total, total)})
	}
	return c.SVG(), nil
}

// healthCounts counts the viewer's agency's feeds per state, each linked
// to the health page's list of them.
func (s *Server) healthCounts(ctx context.Context, rc *request) ([]healthCount, error) {
	var out []healthCount
	for _, h := range ingest.Healths {
		_, n, err := s.svc.Ingest.Feeds(ctx, rc.actor(), ingest.FeedFilter{Health: h, Limit: 1})
		if err != nil {
			return nil, err
		}
		out = append(out, healthCount{Health: h, Badge: badgeOf(h), N: n, Href: "/pantau/kesehatan?" + healthParam + "=" + string(h)})
	}
	return out, nil
}

// dashboardIssues is how many issues the dashboard lists.
const dashboardIssues = 5

// topIssues returns an agency's largest issues (of two items or more)
// seen in the period that the viewer may see, written for the page.
func (s *Server) topIssues(ctx context.Context, rc *request, a *agency.Agency, p monitor.Period) ([]issueRow, error) {
	list, _, err := s.svc.Issues.List(ctx, rc.actor(), issuetrack.ListFilter{Agency: a.Path, Since: s.clock.Now().Add(-p.Duration()),
		MinItems: 2, Order: issuetrack.OrderSize, Limit: dashboardIssues})
	if err != nil {
		return nil, err
	}
	rows := make([]issueRow, len(list))
	for i, is := range list {
		rows[i] = s.issueRow(rc, is)
	}
	return rows, nil
}
