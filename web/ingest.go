package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/ingest"
)

// The pages of Pantau's ingestion pipeline: the health of the agency's
// feeds, the stages of the pipeline with their counts, and the open alarms
// (on the health page and the dashboard).

// feedsPerPage is the length of a page of the health page.
const feedsPerPage = 50

// healthParam filters the health page by state.
const healthParam = "keadaan"

// feedHealthPage is the data of the health page.
type feedHealthPage struct {
	pageLayout
	Counts []healthCount
	Total  int // feeds of the agency, any state
	Health string
	Feeds  []feedRow
	Pager  pager
	Alarms []alarmView
}

// healthCount is how many of the agency's feeds are in one state, and the
// link that lists them.
type healthCount struct {
	Health  ingest.Health
	Badge   healthBadge
	N       int
	Href    string
	Current bool
}

// feedRow is one feed of the health page, its messages translated.
type feedRow struct {
	*ingest.Feed
	Badge     healthBadge
	Reason    string
	LastError string
}

// handleFeedHealth lists the feeds of the viewer's agency, the worst
// first (gone, failing, late, new, healthy), with why each is in its
// state, when it was last fetched and when it last brought something new;
// the counts per state on top, each a link to its feeds; and, for those
// who act on them, the open alarms.
func (s *Server) handleFeedHealth(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	ctx := r.Context()
	data := &feedHealthPage{pageLayout: s.page(r)}
	f := ingest.FeedFilter{}
	if h := ingest.Health(r.URL.Query().Get(healthParam)); slices.Contains(ingest.Healths, h) {
		f.Health, data.Health = h, string(h)
	}
	for _, h := range ingest.Healths {
		_, n, err := s.svc.Ingest.Feeds(ctx, rc.actor(), ingest.FeedFilter{Health: h, Limit: 1})
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		data.Total += n
		data.Counts = append(data.Counts, healthCount{Health: h, Badge: badgeOf(h), N: n,
			Href: "/pantau/kesehatan?" + healthParam + "=" + string(h), Current: h == f.Health})
	}
	page := pageNumber(r)
	f.Limit, f.Offset = feedsPerPage, (page-1)*feedsPerPage
	feeds, total, err := s.svc.Ingest.Feeds(ctx, rc.actor(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	for _, fd := range feeds {
		data.Feeds = append(data.Feeds, feedRow{Feed: fd, Badge: badgeOf(fd.State.Health),
			Reason: messageText(rc, fd.State.HealthReason), LastError: messageText(rc, fd.State.LastError)})
	}
	data.Pager = newPager(r, page, total, feedsPerPage)
	if data.Alarms, err = s.alarms(ctx, rc); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, http.StatusOK, "feed_health", data)
}

// healthBadge is a feed's state as the pages show it: its name and the
// class that colours it (healthy green, failing and gone red).
type healthBadge struct {
	Key   string // "" for a state this version does not know
	Class string
}

func badgeOf(h ingest.Health) healthBadge {
	b := healthBadge{Key: healthKey(h)}
	switch h {
	case ingest.Healthy:
		b.Class = "status--on"
	case ingest.Failing, ingest.Gone:
		b.Class = "status--off"
	}
	return b
}

// alarmView is an open alarm as the pages show it: its text in the
// viewer's language and the page to act on it.
type alarmView struct {
	Message string
	Badge   healthBadge // the state the alarm is about
	Raised  time.Time
	Href    string
}

// alarms returns the open alarms of the viewer's agency, for its
// administrators and heads of Humas (ingest.Pipeline.Alarms decides),
// each linked to its feed's source, or to the health page when the feed
// is gone from the registry.
func (s *Server) alarms(ctx context.Context, rc *request) ([]alarmView, error) {
	list, err := s.svc.Ingest.Alarms(ctx, rc.actor())
	if err != nil {
		return nil, err
	}
	out := make([]alarmView, 0, len(list))
	for _, a := range list {
		v := alarmView{Message: messageText(rc, a.Message), Raised: a.Raised, Href: "/pantau/kesehatan",
			Badge: badgeOf(ingest.Health(strings.TrimPrefix(a.Kind, "feed_")))}
		if n, ok := ingest.SubjectFeed(a.Subject); ok {
			f, err := s.svc.Ingest.Feed(ctx, rc.actor(), n)
			switch {
			case err == nil:
				v.Href = sourcePath(f.Source.ID)
			case sinergi.KindOf(err) != sinergi.KindNotFound:
				return nil, fmt.Errorf("web: feed of alarm %d: %w", a.ID, err)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// pipelinePage is the data of the pipeline page.
type pipelinePage struct {
	pageLayout
	Stages   []stageRow
	LastPoll time.Time // zero before the first poll of this process
}

// stageRow is one stage's totals since the process started.
type stageRow struct {
	NameKey    string
	DroppedKey string // what "dropped" means in this stage
	In, Out    int
	Dropped    int
	Failed     int
	Runs       int
	Time       string // all runs together
	Mean       string // per run; "" before the first
}

// handlePipeline shows the stages of the ingestion pipeline, in chain
// order, with what each did since this process started: documents in,
// out, dropped (and what dropping means there) and failed, how often it
// ran and how long it took; and when the last poll ended.
func (s *Server) handlePipeline(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	m := s.svc.Ingest.Metrics()
	data := &pipelinePage{pageLayout: s.page(r), LastPoll: m.LastPoll()}
	for _, t := range m.Totals() {
		row := stageRow{NameKey: stageKey(t.Stage), DroppedKey: stageDroppedKey(t.Stage),
			In: int(t.In), Out: int(t.Out), Dropped: int(t.Dropped), Failed: int(t.Failed), Runs: int(t.Runs),
			Time: durationText(rc, t.Time)}
		if t.Runs > 0 {
			row.Mean = durationText(rc, t.Time/time.Duration(t.Runs))
		}
		data.Stages = append(data.Stages, row)
	}
	s.render(w, r, http.StatusOK, "pipeline", data)
}

// durationText writes a duration in the unit that reads best: milliseconds
// under a second, seconds under a minute, minutes beyond.
func durationText(rc *request, d time.Duration) string {
	switch {
	case d < time.Second:
		return rc.tr.T("pipeline.unit.ms", rc.tr.Decimal(float64(d)/float64(time.Millisecond), 1))
	case d < time.Minute:
		return rc.tr.T("pipeline.unit.s", rc.tr.Decimal(d.Seconds(), 1))
	}
	return rc.tr.T("pipeline.unit.min", rc.tr.Decimal(d.Minutes(), 1))
}
