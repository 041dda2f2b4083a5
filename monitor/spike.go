package monitor

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi/monitor/spike"
)

// Early warning: the Alerter counts each saved search's matches per hour
// (HourCount); CheckSpikes replays the last spikeHistory of those counts
// through the spike detector (package spike: a baseline per hour of the day
// and kind of day, k·σ at medium sensitivity, a minimum volume) and, when
// the detector fires on the hour just closed, notifies the search's owner
// with the explanation ("12 artikel tentang \"banjir\" dalam 3 jam
// terakhir; biasanya 2 ± 1,4 pada jam ini (14 hari terakhir); ambang 5,5
// (2,5σ)"). One episode alerts once.

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
}

// CheckSpikes looks for spikes in every saved search's volume at now and
// notifies their owners; it returns how many it raised. Run it a few
// times an hour: the detector judges closed hours, and an episode already
// alerted is not alerted again.
func (s *Service) CheckSpikes(ctx context.Context) (int, error) {
	searches, err := s.store.MatchingSearches(ctx)
	if err != nil {
		return 0, fmt.Errorf("monitor: spikes: %w", err)
	}
	now := s.clock.Now().UTC()
	raised := 0
	for _, ss := range searches {
		a, ok, err := s.spikeOf(ctx, ss, now)
		if err != nil {
			return raised, err
		}
		if !ok {
			continue
		}
		key, args := a.Reason(fmt.Sprintf("%q", ss.Name))
		n := &Notification{UserID: ss.OwnerID, SearchID: ss.ID, Created: now.Truncate(time.Microsecond),
			Link: "/pantau/pencarian/" + strconv.FormatInt(ss.ID, 10), Message: Message{Key: key, Args: args}}
		if err := s.store.SpikeAlert(ctx, ss.ID, a.Until, n); err != nil {
			return raised, fmt.Errorf("monitor: spike of search %d: %w", ss.ID, err)
		}
		raised++
	}
	return raised, nil
}

// spikeOf replays a search's counts and returns the spike that ends at the
// last closed hour, if there is one and it was not alerted yet.
func (s *Service) spikeOf(ctx context.Context, ss *SavedSearch, now time.Time) (spike.Alert, bool, error) {
	_, alerts, err := s.replay(ctx, ss, now)
	if err != nil || len(alerts) == 0 {
		return spike.Alert{}, false, err
	}
	last := alerts[len(alerts)-1]
	if !last.Until.Equal(now.Truncate(time.Hour)) || !last.Until.After(ss.LastSpike) {
		return spike.Alert{}, false, nil
	}
	return last, true, nil
}

// replay runs the detector over a search's counts of the last
// spikeHistory up to the last closed hour before now, and returns it (for
// its Band) with the alerts it raised. The search's page draws the same
// replay, so the picture agrees with the alerts.
func (s *Service) replay(ctx context.Context, ss *SavedSearch, now time.Time) (*spike.Series, []spike.Alert, error) {
	end := now.Truncate(time.Hour) // the last closed hour ends here
	start := end.Add(-spikeHistory)
	det, err := spike.New(spike.Config{Location: ss.TimeZone.Location(), Window: s.SpikeWindow,
		MinVolume: cmp.Or(s.SpikeMinVolume, spikeMinVolume)})
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: spike detector: %w", err)
	}
	counts, err := s.store.SearchHours(ctx, ss.ID, start)
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: volume of search %d: %w", ss.ID, err)
	}
	if len(counts) == 0 {
		return det, nil, nil
	}
	series := make([]int, int(end.Sub(start)/time.Hour))
	for _, c := range counts {
		if i := int(c.Hour.Sub(start) / time.Hour); i >= 0 && i < len(series) {
			series[i] += c.N
		}
	}
	return det, det.Rebuild(start, series), nil
}
