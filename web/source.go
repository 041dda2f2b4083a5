package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
)

// The pages of Pantau's source registry: the list, the forms that add and
// change a source, and a source's own page with what polling knows of each
// of its feeds. The rules (who may change what, what a valid source is)
// are source.Service's; the pages only mirror them to decide which buttons
// to show.

// sourcesPerPage is the length of a page of the source list.
const sourcesPerPage = 50

// activityDays is how many days a source's page charts, today included:
// two weeks show a weekly rhythm twice.
const activityDays = 14

// The query parameters of the source list.
const (
	collectionParam = "koleksi"
	statusParam     = "status"
	statusActive    = "aktif"
	statusPaused    = "jeda"
)

// sourceListPage is the data of the list of the agency's sources.
type sourceListPage struct {
	pageLayout
	Query      string
	Collection string
	Status     string // "", statusActive or statusPaused
	Sources    []sourceRow
	Pager      pager
	CanCreate  bool
}

// sourceRow is one source of the list.
type sourceRow struct {
	*source.Source
	RegionName string // "" for a national source
	MediaKey   string
}

// handleSourceList lists the sources the viewer's agency watches, by
// name, filtered by a part of the name or domain, a collection and the
// status.
func (s *Server) handleSourceList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	q := r.URL.Query()
	data := &sourceListPage{
		pageLayout: s.page(r),
		Query:      strings.TrimSpace(q.Get(queryParam)),
		Collection: strings.TrimSpace(q.Get(collectionParam)),
		CanCreate:  canManageSources(rc.actor(), rc.user.AgencyPath),
	}
	page := pageNumber(r)
	f := source.Filter{AgencyID: rc.user.AgencyID, Query: data.Query, Collection: data.Collection,
		Limit: sourcesPerPage, Offset: (page - 1) * sourcesPerPage}
	switch q.Get(statusParam) {
	case statusActive:
		data.Status, f.Paused = statusActive, new(false)
	case statusPaused:
		data.Status, f.Paused = statusPaused, new(true)
	}
	list, total, err := s.svc.Sources.List(r.Context(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	for _, src := range list {
		data.Sources = append(data.Sources, sourceRow{Source: src, RegionName: s.regionName(src.Region), MediaKey: mediaKey(src.MediaType)})
	}
	data.Pager = newPager(r, page, total, sourcesPerPage)
	s.render(w, r, http.StatusOK, "source_list", data)
}

// regionName names a source's region; "" for none or an unknown code.
func (s *Server) regionName(code string) string {
	if code == "" {
		return ""
	}
	if reg, ok := s.regions.Lookup(region.Code(code)); ok {
		return reg.Name
	}
	return code
}

// canManageSources mirrors the rule of source.Service: a person may add,
// change and pause the sources of an agency when they may change its
// records (a role that writes, in that very agency).
func canManageSources(actor access.Actor, agencyPath []int64) bool {
	return access.Can(actor, access.Change, access.Resource{Classification: access.Publik, AgencyPath: agencyPath})
}

// sourceViewPage is the data of a source's page.
type sourceViewPage struct {
	pageLayout
	Source     *source.Source
	RegionName string
	MediaKey   string
	CanEdit    bool
	// Watched is set when the source is the viewer's agency's, whose
	// feeds' states the page shows; the registry itself is open to all.
	Watched bool
	Feeds   []feedView
}

// feedView is one feed of a source's page, its messages translated.
type feedView struct {
	source.FeedURL
	KindKey string
	State   ingest.State
	Badge   healthBadge
	// NextDue is set when the feed is due now: it is fetched in the next
	// round.
	NextDue   bool
	Reason    string // why it is in its state; "" when healthy
	LastError string // why the last attempt failed; "" when it did not
	Activity  []dayCount
	// ActivityTotal is the sum of Activity.
	ActivityTotal int
}

// dayCount is one day of a feed's activity, with its bar's length in
// percent of the busiest day (at least 1 for a day with items).
type dayCount struct {
	Day   time.Time
	Count int
	Bar   int
}

// handleSourceView shows a source: its fields, and to its own agency
// what polling knows of each feed (health and why, last attempts, counts,
// new items per day over two weeks) with the pause and resume buttons for
// those who may use them.
func (s *Server) handleSourceView(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ctx := r.Context()
	src, ok := s.sourceFromPath(w, r)
	if !ok {
		return
	}
	path, err := s.agencyPath(ctx, src.AgencyID)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &sourceViewPage{pageLayout: s.page(r), Source: src, RegionName: s.regionName(src.Region), MediaKey: mediaKey(src.MediaType),
		CanEdit: canManageSources(rc.actor(), path), Watched: src.AgencyID == rc.user.AgencyID}
	states := map[int64]*ingest.Feed{}
	if data.Watched {
		feeds, _, err := s.svc.Ingest.Feeds(ctx, rc.actor(), ingest.FeedFilter{SourceID: src.ID, Limit: source.MaxFeeds})
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		for _, f := range feeds {
			states[f.ID] = f
		}
	}
	for _, f := range src.Feeds {
		v := feedView{FeedURL: f, KindKey: feedKindKey(f.Kind)}
		if st, ok := states[f.ID]; ok {
			v.State, v.Badge = st.State, badgeOf(st.State.Health)
			v.NextDue = !st.State.NextPoll.After(s.clock.Now())
			v.Reason, v.LastError = messageText(rc, st.State.HealthReason), messageText(rc, st.State.LastError)
			days, err := s.svc.Ingest.Activity(ctx, rc.actor(), f.ID, activityDays, rc.loc)
			if err != nil {
				s.renderError(w, r, 0, err)
				return
			}
			v.Activity, v.ActivityTotal = withDayBars(days)
		}
		data.Feeds = append(data.Feeds, v)
	}
	s.render(w, r, http.StatusOK, "source_view", data)
}

// messageText translates a message the pipeline stored; "" for none.
func messageText(rc *request, m ingest.Message) string {
	if m.Key == "" {
		return ""
	}
	return rc.tr.T(m.Key, m.Values()...)
}

// withDayBars sizes each day's bar against the busiest day and sums the
// days.
func withDayBars(days []ingest.DayCount) ([]dayCount, int) {
	top, total := 0, 0
	for _, d := range days {
		top, total = max(top, d.Count), total+d.Count
	}
	out := make([]dayCount, len(days))
	for i, d := range days {
		out[i] = dayCount{Day: d.Day, Count: d.Count}
		if d.Count > 0 {
			out[i].Bar = max(d.Count*100/top, 1)
		}
	}
	return out, total
}

// sourceFromPath loads the source named by the {id} of the path, or
// answers 404.
func (s *Server) sourceFromPath(w http.ResponseWriter, r *http.Request) (*source.Source, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return nil, false
	}
	src, err := s.svc.Sources.Find(r.Context(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return nil, false
	}
	return src, true
}

// agencyPath returns the path of an agency in the tree, for the access
// policy.
func (s *Server) agencyPath(ctx context.Context, id int64) ([]int64, error) {
	a, err := s.svc.Agencies.Find(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("web: agency %d: %w", id, err)
	}
	return a.Path, nil
}

// sourceForm holds what the source forms submit, as typed. Lists are
// text: domains separated by spaces or commas, collections by commas or
// lines, feeds one a line (see parseFeedLines).
type sourceForm struct {
	Name        string
	HomePage    string
	MediaType   string
	Lang        string
	Region      string
	AltDomains  string
	Collections string
	Notes       string
	Feeds       string
}

// readSourceForm reads the fields of the source forms.
func readSourceForm(r *http.Request) sourceForm {
	f := r.PostForm
	return sourceForm{
		Name: f.Get("name"), HomePage: f.Get("home_page"), MediaType: f.Get("media_type"), Lang: f.Get("lang"),
		Region: strings.TrimSpace(f.Get("region")), AltDomains: f.Get("alt_domains"), Collections: f.Get("collections"),
		Notes: f.Get("notes"), Feeds: f.Get("feeds"),
	}
}

// sourceFormOf fills the form with a source's fields.
func sourceFormOf(src *source.Source) sourceForm {
	lines := make([]string, len(src.Feeds))
	for i, f := range src.Feeds {
		lines[i] = string(f.Kind) + " " + f.URL
		if f.FullText {
			lines[i] += " " + fullTextMark
		}
	}
	return sourceForm{
		Name: src.Name, HomePage: src.HomePage, MediaType: string(src.MediaType), Lang: src.Lang, Region: src.Region,
		AltDomains: strings.Join(src.AltDomains, " "), Collections: strings.Join(src.Collections, ", "),
		Notes: src.Notes, Feeds: strings.Join(lines, "\n"),
	}
}

// source returns the source the form describes, for the service to clean
// and check; only the feed lines are checked here.
func (v sourceForm) source() (*source.Source, error) {
	feeds, err := parseFeedLines(v.Feeds)
	if err != nil {
		return nil, err
	}
	return &source.Source{
		Name: v.Name, HomePage: v.HomePage, MediaType: source.MediaType(v.MediaType), Lang: v.Lang, Region: v.Region,
		AltDomains: splitList(v.AltDomains, true), Collections: splitList(v.Collections, false), Notes: v.Notes, Feeds: feeds,
	}, nil
}

// splitList splits a typed list at commas, semicolons and line ends and,
// when spaces is set, at spaces too (a collection's name may hold spaces,
// a domain may not).
func splitList(s string, spaces bool) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r' || spaces && unicode.IsSpace(r)
	})
}

// fullTextMark, on a feed line, asks for each new article's page to be
// fetched and its text extracted; fullTextMarkEN is its English spelling.
const (
	fullTextMark   = "+teks"
	fullTextMarkEN = "+text"
)

// parseFeedLines reads the feed field: one feed a line, its address with,
// before it, its kind (feed, sitemap, page; feed when left out) and, after
// it, "+teks" to extract each article's full text:
//
//	feed https://jambiekspres.co.id/feed +teks
//	sitemap https://jambiekspres.co.id/sitemap-news.xml
//	https://jambiekspres.co.id/rss/daerah
//
// Blank lines are skipped. Kinds and addresses are the service's to check.
func parseFeedLines(text string) ([]source.FeedURL, error) {
	var feeds []source.FeedURL
	for n, line := range strings.Split(text, "\n") {
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		var f source.FeedURL
		ok := len(words) <= 3
		for i, w := range words {
			switch {
			case strings.EqualFold(w, fullTextMark) || strings.EqualFold(w, fullTextMarkEN):
				ok = ok && !f.FullText && f.URL != ""
				f.FullText = true
			case strings.ContainsAny(w, ":/."): // an address, valid or not
				ok = ok && f.URL == ""
				f.URL = w
			case i == 0:
				f.Kind = source.FeedKind(strings.ToLower(w))
			default:
				ok = false
			}
		}
		if !ok || f.URL == "" {
			return nil, sinergi.Errorf(sinergi.KindInvalid, "source.error.feed_line", n+1, strings.TrimSpace(line))
		}
		feeds = append(feeds, f)
	}
	return feeds, nil
}

// sourceFormPage is the data of the forms that add and change a source.
type sourceFormPage struct {
	pageLayout
	Source     *source.Source // nil when adding
	Values     sourceForm
	Form       formState
	MediaTypes []choice
}

// choice is one option of a select.
type choice struct {
	Value, Key string
}

// mediaChoices lists the media types a source may have.
func mediaChoices() []choice {
	out := make([]choice, len(source.MediaTypes))
	for i, m := range source.MediaTypes {
		out[i] = choice{Value: string(m), Key: mediaKey(m)}
	}
	return out
}

// handleSourceNew shows the form that adds a source.
func (s *Server) handleSourceNew(w http.ResponseWriter, r *http.Request) {
	s.renderSourceForm(w, r, http.StatusOK, nil, sourceForm{MediaType: string(source.Online), Lang: "id"}, formState{})
}

// handleSourceEdit shows the form that changes a source.
func (s *Server) handleSourceEdit(w http.ResponseWriter, r *http.Request) {
	src, ok := s.sourceFromPath(w, r)
	if !ok {
		return
	}
	s.renderSourceForm(w, r, http.StatusOK, src, sourceFormOf(src), formState{})
}

// renderSourceForm renders the add form (src nil) or the change form, to
// those who may use it; others get the forbidden page.
func (s *Server) renderSourceForm(w http.ResponseWriter, r *http.Request, status int, src *source.Source, v sourceForm, form formState) {
	rc := requestOf(r)
	path, name := rc.user.AgencyPath, "source_new"
	if src != nil {
		var err error
		if path, err = s.agencyPath(r.Context(), src.AgencyID); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		name = "source_edit"
	}
	if !canManageSources(rc.actor(), path) {
		s.renderErrorKey(w, r, http.StatusForbidden, "source.error.forbidden")
		return
	}
	s.render(w, r, status, name, &sourceFormPage{pageLayout: s.page(r), Source: src, Values: v, Form: form,
		MediaTypes: mediaChoices()})
}

// handleSourceCreate adds a source for the viewer's agency.
func (s *Server) handleSourceCreate(w http.ResponseWriter, r *http.Request) {
	v := readSourceForm(r)
	src, err := v.source()
	if err == nil {
		err = s.svc.Sources.Add(r.Context(), requestOf(r).actor(), src)
	}
	if err != nil {
		s.sourceFormError(w, r, nil, v, err)
		return
	}
	http.Redirect(w, r, withNotice(sourcePath(src.ID), "source_created"), http.StatusSeeOther)
}

// handleSourceUpdate saves the change form.
func (s *Server) handleSourceUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.sourceFromPath(w, r)
	if !ok {
		return
	}
	v := readSourceForm(r)
	upd, err := v.source()
	if err == nil {
		_, err = s.svc.Sources.Update(r.Context(), requestOf(r).actor(), old.ID, upd)
	}
	if err != nil {
		s.sourceFormError(w, r, old, v, err)
		return
	}
	http.Redirect(w, r, withNotice(sourcePath(old.ID), "source_updated"), http.StatusSeeOther)
}

// sourceFormError shows the form again with the service's message beside
// it; a refusal (forbidden) or a failure gets the error page.
func (s *Server) sourceFormError(w http.ResponseWriter, r *http.Request, src *source.Source, v sourceForm, err error) {
	if sinergi.KindOf(err) == sinergi.KindConflict {
		if _, _, has := sinergi.MessageOf(err); !has {
			// The only unique thing of a source is its domain within the
			// agency.
			err = &sinergi.Error{Kind: sinergi.KindConflict, Key: "source.error.domain_taken", Err: err}
		}
	}
	form, status, ok := s.formError(r, err)
	if !ok || sinergi.KindOf(err) == sinergi.KindForbidden {
		s.renderError(w, r, 0, err)
		return
	}
	if form.Field == "" {
		key, args, _ := sinergi.MessageOf(err)
		form.Field = sourceField(key, args, v)
	}
	s.renderSourceForm(w, r, status, src, v, form)
}

// sourceField names the field of the source form a message is about.
func sourceField(key string, args []any, v sourceForm) string {
	switch key {
	case "source.error.name_required", "source.error.name_too_long":
		return "name"
	case "source.error.notes_too_long":
		return "notes"
	case "source.error.media_type":
		return "media_type"
	case "source.error.lang":
		return "lang"
	case "source.error.region", "source.error.region_level":
		return "region"
	case "source.error.too_many_domains":
		return "alt_domains"
	case "source.error.too_many_collections":
		return "collections"
	case "source.error.domain_taken":
		return "home_page"
	case "source.error.too_many_feeds", "source.error.feed_kind", "source.error.feed_twice", "source.error.feed_line":
		return "feeds"
	case "source.error.url":
		// The address the service refused says which field held it.
		bad := ""
		if len(args) > 0 {
			bad = fmt.Sprint(args[0])
		}
		switch {
		case bad == strings.TrimSpace(v.HomePage):
			return "home_page"
		case strings.Contains(v.AltDomains, strings.TrimPrefix(bad, "https://")):
			return "alt_domains"
		}
		return "feeds"
	}
	return ""
}

// handleSourcePause and handleSourceResume stop and restart the polling
// of a source's feeds.
func (s *Server) handleSourcePause(w http.ResponseWriter, r *http.Request) {
	s.setSourcePaused(w, r, true, "source_paused")
}

func (s *Server) handleSourceResume(w http.ResponseWriter, r *http.Request) {
	s.setSourcePaused(w, r, false, "source_resumed")
}

func (s *Server) setSourcePaused(w http.ResponseWriter, r *http.Request, paused bool, notice string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	if _, err := s.svc.Sources.SetPaused(r.Context(), requestOf(r).actor(), id, paused); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	http.Redirect(w, r, withNotice(sourcePath(id), notice), http.StatusSeeOther)
}

// sourcePath is the URL of a source's page.
func sourcePath(id int64) string { return "/pantau/sumber/" + strconv.FormatInt(id, 10) }
