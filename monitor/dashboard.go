package monitor

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// Dashboards: what an agency's archive held over a period, counted from
// the items the viewer may see, so that each number is the count of the
// archive search "agency:<the agency> date:>now-<period>" (with the
// region, source or sentiment added) run by the same viewer at the same
// moment. An item counts at its publication time; an item without one is
// in no period, as it matches no date filter.

// Period is the span of a dashboard, ending now.
type Period string

// The periods a dashboard offers.
const (
	Period24h Period = "24jam"
	Period7d  Period = "7hari"
	Period30d Period = "30hari"
)

// Periods are the periods, shortest first.
var Periods = []Period{Period24h, Period7d, Period30d}

// ParsePeriod reads a period; an empty or unknown one is 7 days.
func ParsePeriod(s string) Period {
	if p := Period(s); slices.Contains(Periods, p) {
		return p
	}
	return Period7d
}

// Duration returns the period's length.
func (p Period) Duration() time.Duration {
	switch p {
	case Period24h:
		return 24 * time.Hour
	case Period30d:
		return 30 * 24 * time.Hour
	}
	return 7 * 24 * time.Hour
}

// Hourly reports whether the period's series are counted per hour (else
// per day of the agency's calendar).
func (p Period) Hourly() bool { return p == Period24h }

// Query returns the date filter of the archive search that covers the
// period: "date:>now-24h".
func (p Period) Query() string {
	if p == Period24h {
		return "date:>now-24h"
	}
	return "date:>now-" + strings.TrimSuffix(string(p), "hari") + "d"
}

// DashboardFilter is the scope of a dashboard's counts: an agency's
// items published after From and at or before To, classified at most
// MaxLevel (what the viewer may see of that agency, access.Can's rule).
type DashboardFilter struct {
	AgencyID int64
	From, To time.Time
	MaxLevel access.Level
	// TopSources is how many sources to count, the most frequent first.
	TopSources int
}

// DashboardCounts are the counts the store reads for a dashboard.
type DashboardCounts struct {
	// Hours are the items per clock hour (UTC) and sentiment.
	Hours []SentimentHour
	// Sources are the most frequent sources, with their items.
	Sources []archive.Count
	// RegionSets are the items per set of region codes, Key being the
	// codes between spaces as stored (" 15 15.71 "); items without
	// regions are left out.
	RegionSets []archive.Count
}

// SentimentHour is how many items of one sentiment one hour held.
type SentimentHour struct {
	Hour      time.Time
	Sentiment string
	N         int
}

// DashboardStore reads a dashboard's counts.
type DashboardStore interface {
	DashboardCounts(ctx context.Context, f DashboardFilter) (*DashboardCounts, error)
}

// dashboardSources is how many sources a dashboard lists.
const dashboardSources = 10

// Dashboard is an agency's archive over a period, as its charts show it.
type Dashboard struct {
	AgencyID int64
	Period   Period
	From, To time.Time
	// Buckets are the starts of the series' hours or days, in the
	// agency's zone, oldest first; the series have one value per bucket.
	Buckets []time.Time
	Volume  []int
	// Sentiments are the items per bucket of each sentiment
	// (archive.Sentiments order; "not_rated" holds items with none).
	Sentiments map[string][]int
	Total      int
	// Sources are the most frequent sources, Provinces and Regencies
	// every province and kabupaten/kota named by an item (an item counts
	// once in each), most items first.
	Sources              []archive.Count
	Provinces, Regencies []archive.Count
}

// Dashboard counts the items of an agency (its ID and path) in the period
// ending now that the actor may see, in loc (the agency's zone).
func (s *Service) Dashboard(ctx context.Context, actor access.Actor, agencyID int64, agencyPath []int64, p Period,
	loc *time.Location) (*Dashboard, error) {
	if agencyID <= 0 || len(agencyPath) == 0 || agencyPath[len(agencyPath)-1] != agencyID {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "dashboard.error.agency")
	}
	to := s.clock.Now().UTC().Truncate(time.Microsecond)
	from := to.Add(-p.Duration())
	c, err := s.store.DashboardCounts(ctx, DashboardFilter{AgencyID: agencyID, From: from, To: to,
		MaxLevel: maxVisible(actor, agencyPath), TopSources: dashboardSources})
	if err != nil {
		return nil, fmt.Errorf("monitor: dashboard of agency %d: %w", agencyID, err)
	}
	d := &Dashboard{AgencyID: agencyID, Period: p, From: from, To: to, Sources: c.Sources, Sentiments: map[string][]int{}}
	d.Buckets = buckets(from, to, p.Hourly(), loc)
	d.Volume = make([]int, len(d.Buckets))
	for _, sn := range archive.Sentiments {
		d.Sentiments[sn] = make([]int, len(d.Buckets))
	}
	for _, h := range c.Hours {
		i := bucketOf(d.Buckets, h.Hour)
		if i < 0 {
			continue
		}
		d.Volume[i] += h.N
		d.Total += h.N
		sn := h.Sentiment
		if _, ok := d.Sentiments[sn]; !ok {
			sn = "not_rated"
		}
		d.Sentiments[sn][i] += h.N
	}
	d.Provinces, d.Regencies = regionCounts(c.RegionSets)
	return d, nil
}

// maxVisible is the highest classification the actor may see of the
// agency's records: one agency's items are visible up to a level, so the
// store filters by a number, and the rule stays access.Can's.
func maxVisible(actor access.Actor, agencyPath []int64) access.Level {
	top := access.Publik // PUBLIK is everyone's
	for _, l := range access.Levels {
		if access.Can(actor, access.View, access.Resource{Classification: l, AgencyPath: agencyPath}) {
			top = l
		}
	}
	return top
}

// buckets returns the starts of the hours (hourly) or local days from the
// one holding from to the one holding to.
func buckets(from, to time.Time, hourly bool, loc *time.Location) []time.Time {
	var out []time.Time
	if hourly {
		for t := from.In(loc).Truncate(time.Hour); !t.After(to); t = t.Add(time.Hour) {
			out = append(out, t)
		}
		return out
	}
	f := from.In(loc)
	for t := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc); !t.After(to); t = t.AddDate(0, 0, 1) {
		out = append(out, t)
	}
	return out
}

// bucketOf returns the index of the bucket holding t, or -1.
func bucketOf(bs []time.Time, t time.Time) int {
	i, found := slices.BinarySearchFunc(bs, t, func(b, t time.Time) int { return b.Compare(t) })
	if found {
		return i
	}
	return i - 1 // -1 when t is before the first
}

// regionCounts counts items per province and per kabupaten/kota as the
// archive's facets do: an item naming several places of one province
// counts once for it.
func regionCounts(sets []archive.Count) (provinces, regencies []archive.Count) {
	pm, rm := map[string]int{}, map[string]int{}
	for _, set := range sets {
		seenP, seenR := map[string]bool{}, map[string]bool{}
		for _, r := range strings.Fields(set.Key) {
			if p := r[:min(2, len(r))]; !seenP[p] {
				seenP[p] = true
				pm[p] += set.N
			}
			if len(r) >= 5 && !seenR[r[:5]] {
				seenR[r[:5]] = true
				rm[r[:5]] += set.N
			}
		}
	}
	return sortedCounts(pm), sortedCounts(rm)
}

func sortedCounts(m map[string]int) []archive.Count {
	out := make([]archive.Count, 0, len(m))
	for k, n := range m {
		out = append(out, archive.Count{Key: k, N: n})
	}
	slices.SortFunc(out, func(a, b archive.Count) int {
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// Volume is a saved search's hourly volume as the early warning sees it:
// each closed hour's count, the count of the window ending there, and the
// detector's baseline band (expected ± k·σ) and spikes: the picture of
// what the spike alerts say.
type Volume struct {
	Points []spike.Point
	Window time.Duration // the detector's window
	K      float64       // its k
}

// Volume replays the search's hourly counts through the spike detector, as
// CheckSpikes does, and returns the closed hours of the last span (at most
// the detector's Keep, 7 days). The counts are those of the items the
// search's owner may see, so only the owner (or the system) is shown them;
// anyone else gets NotFound.
func (s *Service) Volume(ctx context.Context, actor access.Actor, ss *SavedSearch, span time.Duration) (*Volume, error) {
	if !actor.System && actor.UserID != ss.OwnerID {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "monitor.error.not_found")
	}
	now := s.clock.Now().UTC()
	det, _, err := s.replay(ctx, ss, now)
	if err != nil {
		return nil, err
	}
	end := now.Truncate(time.Hour)
	span = min(max(span, time.Hour), det.Config().Keep)
	cfg := det.Config()
	return &Volume{Points: det.Band(end.Add(-span), end), Window: cfg.Window, K: cfg.Sensitivity.K()}, nil
}
