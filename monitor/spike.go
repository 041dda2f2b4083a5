package monitor

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// Early warning: the Alerter counts each saved search's matches per hour
// (HourCount), and RegionVolume each agency's public items per region and
// hour (region.go); CheckSpikes replays the last spikeHistory of those
// counts through the spike detector (package spike: a baseline per hour of
// the day and kind of day, k·σ at medium sensitivity, a minimum volume)
// and, when the detector fires on the hour just closed, notifies the
// search's owner or the region's watchers with the explanation ("12
// artikel cocok dengan pencarian \"banjir\" dalam 3 jam terakhir; biasanya
// 2 ± 1,4 pada jam ini (14 hari terakhir); ambang 5,5 (2,5σ)"), the
// spike's top sources, words and sentiment, and a link to the archive
// search that finds exactly the items counted. One episode alerts once.

// spikeHistory is how far back the counts are replayed: the baseline's
// 14-day span and the week the detector keeps besides.
const spikeHistory = 21 * 24 * time.Hour

// spikeMinVolume is the fewest items a window needs to alert. The detector
// was measured on real series (docs/benchmarks.md): at 5, a broad search
// alarms a few times a month on ordinary days; at 10, once in seven months.
const spikeMinVolume = 10

// SpikeStore keeps the hourly counts and the last spike of each search.
type SpikeStore interface {
	// SearchHours returns a search's hourly counts from since on.
	SearchHours(ctx context.Context, searchID int64, since time.Time) ([]HourCount, error)
	// SpikeAlert adds the notification of a spike and records its end as
	// the search's last spike, in one transaction.
	SpikeAlert(ctx context.Context, searchID int64, until time.Time, n *Notification) error

	RegionStore
	IssueSpikeStore
}

// CheckSpikes looks for spikes in every saved search's volume, every
// region's and every issue's (issuespike.go) at now and notifies; it returns how many spikes it raised. Run
// it a few times an hour: the detector judges closed hours, and an
// episode already alerted is not alerted again.
func (s *Service) CheckSpikes(ctx context.Context) (int, error) {
	searches, err := s.store.MatchingSearches(ctx)
	if err != nil {
		return 0, fmt.Errorf("monitor: spikes: %w", err)
	}
	now := s.clock.Now().UTC()
	raised := 0
	for _, ss := range searches {
		a, ok, err := s.searchSpike(ctx, ss, now)
		if err != nil {
			return raised, err
		}
		if !ok {
			continue
		}
		owner, err := s.store.FindUserByID(ctx, ss.OwnerID)
		switch {
		case sinergi.KindOf(err) == sinergi.KindNotFound:
			continue
		case err != nil:
			return raised, fmt.Errorf("monitor: owner of search %d: %w", ss.ID, err)
		case owner.Disabled:
			continue
		}
		key, args := a.Reason("spike", fmt.Sprintf("%q", ss.Name))
		q := windowQuery(ss.Query, a)
		details, err := s.explain(ctx, owner.Actor(), q, ss.Query, a)
		if err != nil {
			return raised, fmt.Errorf("monitor: spike of search %d: %w", ss.ID, err)
		}
		n := &Notification{UserID: ss.OwnerID, SearchID: ss.ID, Created: now.Truncate(time.Microsecond),
			Link: archiveLink(q), Message: Message{Key: key, Args: args, Details: details}}
		if err := s.store.SpikeAlert(ctx, ss.ID, a.Until, n); err != nil {
			return raised, fmt.Errorf("monitor: spike of search %d: %w", ss.ID, err)
		}
		raised++
	}
	n, err := s.checkRegionSpikes(ctx, now)
	raised += n
	if err != nil {
		return raised, err
	}
	n, err = s.checkIssueSpikes(ctx, now)
	return raised + n, err
}

// searchSpike replays a search's counts and returns the spike that ends at
// the last closed hour, if there is one and it was not alerted yet.
func (s *Service) searchSpike(ctx context.Context, ss *SavedSearch, now time.Time) (spike.Alert, bool, error) {
	_, alerts, err := s.replay(ctx, ss, now)
	if err != nil {
		return spike.Alert{}, false, err
	}
	a, ok := newSpike(alerts, now.Truncate(time.Hour), ss.LastSpike)
	return a, ok, nil
}

// replay runs the detector over a search's counts of the last
// spikeHistory up to the last closed hour before now, and returns it (for
// its Band) with the alerts it raised. The search's page draws the same
// replay, so the picture agrees with the alerts.
func (s *Service) replay(ctx context.Context, ss *SavedSearch, now time.Time) (*spike.Series, []spike.Alert, error) {
	end := now.Truncate(time.Hour) // the last closed hour ends here
	counts, err := s.store.SearchHours(ctx, ss.ID, end.Add(-spikeHistory))
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: volume of search %d: %w", ss.ID, err)
	}
	return s.rebuild(counts, end, ss.TimeZone.Location(), ss.Sensitivity)
}

// rebuild replays hourly counts of the spikeHistory before end through a
// new detector, its seasons in loc, and returns it with the alerts it
// raised.
func (s *Service) rebuild(counts []HourCount, end time.Time, loc *time.Location, sens spike.Sensitivity) (*spike.Series, []spike.Alert, error) {
	det, err := spike.New(spike.Config{Location: loc, Window: s.SpikeWindow, Sensitivity: sens,
		MinVolume: cmp.Or(s.SpikeMinVolume, spikeMinVolume)})
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: spike detector: %w", err)
	}
	if len(counts) == 0 {
		return det, nil, nil
	}
	start := end.Add(-spikeHistory)
	series := make([]int, int(end.Sub(start)/time.Hour))
	for _, c := range counts {
		if i := int(c.Hour.Sub(start) / time.Hour); i >= 0 && i < len(series) {
			series[i] += c.N
		}
	}
	return det, det.Rebuild(start, series), nil
}

// newSpike returns the last of alerts when it ends at end (the last closed
// hour) and after last (the end of the last spike alerted).
func newSpike(alerts []spike.Alert, end, last time.Time) (spike.Alert, bool) {
	if len(alerts) == 0 {
		return spike.Alert{}, false
	}
	a := alerts[len(alerts)-1]
	if !a.Until.Equal(end) || !a.Until.After(last) {
		return spike.Alert{}, false
	}
	return a, true
}

// windowQuery restricts q to the spike's window, to the minute in the
// window's zone: the archive search of the alert's link.
func windowQuery(q string, a spike.Alert) string {
	at := func(t time.Time) string { return t.In(a.Since.Location()).Format("2006-01-02T15:04") }
	return "(" + q + ") date:>=" + at(a.Since) + " date:<" + at(a.Until)
}

// archiveLink is the path of the archive search for q.
func archiveLink(q string) string { return "/pantau?" + url.Values{"q": {q}}.Encode() }

// Explanations list this many sources and words.
const (
	spikeTopSources = 3
	spikeTopWords   = 5
)

// explain searches the archive, as the alert's reader, for the items of a
// spike (q, restricted to its window) and returns the details of its
// explanation: how many the reader may see of them when that is fewer
// than were counted, the top sources, the words their titles share (but
// those of known: the search's query, the region's name) and the
// sentiment mix.
func (s *Service) explain(ctx context.Context, reader access.Actor, q, known string, a spike.Alert) ([]Message, error) {
	res, err := s.queries.Search(ctx, reader, archive.Request{Query: q, Facets: true, Newest: true,
		Limit: archive.MaxLimit, Location: a.Since.Location()})
	if err != nil {
		return nil, fmt.Errorf("explain spike: %w", err)
	}
	var details []Message
	if res.Total < a.Observed {
		details = append(details, Message{Key: "spike.detail.visible", Args: []any{res.Total}})
	}
	if res.Facets == nil || res.Total == 0 {
		return details, nil
	}
	if src := res.Facets.Sources; len(src) > 0 {
		list := ""
		for i, c := range src[:min(len(src), spikeTopSources)] {
			if i > 0 {
				list += ", "
			}
			list += c.Key + " (" + strconv.Itoa(c.N) + ")"
		}
		details = append(details, Message{Key: "spike.detail.sources", Args: []any{list}})
	}
	titles := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		titles[i] = h.Item.Title
	}
	if words := topWords(titles, known, spikeTopWords); words != "" {
		details = append(details, Message{Key: "spike.detail.words", Args: []any{words}})
	}
	mix := map[string]int{}
	for _, c := range res.Facets.Sentiments {
		mix[c.Key] = c.N
	}
	details = append(details, Message{Key: "spike.detail.sentiment",
		Args: []any{mix["negative"], mix["neutral"], mix["positive"]}})
	return details, nil
}

// topWords returns the k words most titles share, with how many titles
// have each ("demo (12), dpr (8)"): stop words, numbers, words of fewer
// than three letters and the words of known left out, and only words of
// at least two titles.
func topWords(titles []string, known string, k int) string {
	skip := map[string]bool{}
	for _, t := range bahasa.Terms(known) {
		skip[t.Text] = true
	}
	df := map[string]int{}
	for _, title := range titles {
		seen := map[string]bool{}
		for _, t := range bahasa.Terms(title) {
			w := t.Text
			if t.Kind != bahasa.Word || len(w) < 3 || skip[w] || seen[w] || bahasa.IsStopWord(w) {
				continue
			}
			seen[w] = true
			df[w]++
		}
	}
	words := make([]string, 0, len(df))
	for w, n := range df {
		if n >= 2 {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(cmp.Compare(df[b], df[a]), cmp.Compare(a, b)) })
	var out []string
	for _, w := range words[:min(len(words), k)] {
		out = append(out, fmt.Sprintf("%s (%d)", w, df[w]))
	}
	return strings.Join(out, ", ")
}
