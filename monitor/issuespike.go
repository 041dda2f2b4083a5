package monitor

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// Early warning per issue: an issue (package monitor/issuetrack) lives
// days, not the weeks a seasonal baseline needs, so its baseline is its
// own pace: the items per hour from its first hour to the window, as a
// Poisson rate. CheckSpikes alerts when the last window (the service's
// SpikeWindow, 3 hours by default) holds at least the minimum volume and
// more than the pace's expectation plus k·σ (σ = √max(expected, 1), k of
// medium sensitivity), for an issue at least issueMinAge old: "Isu
// \"Banjir Jambi\" naik: 14 berita dalam 3 jam terakhir; biasanya 2,1 ±
// 1,4 per 3 jam sejak isu muncul (18 jam); ambang 5,6 (2,5σ)". The
// agency's heads of Humas and analysts who may see the issue are told,
// once per episode.

// issueMinAge is the youngest an issue may be to alert: before that its
// pace says nothing.
const issueMinAge = 6 * time.Hour

// IssueKey names an issue that may be rising.
type IssueKey struct {
	IssueID        int64
	AgencyID       int64
	Title          string
	FirstSeen      time.Time
	Classification access.Level
}

// IssueSpikeStore reads the issues' hourly counts and keeps their last
// spikes.
type IssueSpikeStore interface {
	// BusyIssues returns the issues (not merged away) with at least min
	// items at or after since.
	BusyIssues(ctx context.Context, since time.Time, min int) ([]IssueKey, error)
	// IssueHours returns an issue's items per hour from since on.
	IssueHours(ctx context.Context, issueID int64, since time.Time) ([]HourCount, error)
	// LastIssueSpike returns the end of an issue's last spike alert; zero
	// when it had none.
	LastIssueSpike(ctx context.Context, issueID int64) (time.Time, error)
	// IssueSpikeAlert adds a spike's notifications and its delivery to the
	// agency's webhook (nil for none) and records its end as the issue's
	// last spike, in one transaction.
	IssueSpikeAlert(ctx context.Context, issueID int64, until time.Time, ns []*Notification, d *WebhookDelivery) error
}

// checkIssueSpikes looks for rising issues at now.
func (s *Service) checkIssueSpikes(ctx context.Context, now time.Time) (int, error) {
	end := now.Truncate(time.Hour)
	window := cmp.Or(s.SpikeWindow, spike.DefaultWindow)
	minVolume := cmp.Or(s.SpikeMinVolume, spikeMinVolume)
	keys, err := s.store.BusyIssues(ctx, end.Add(-window), minVolume)
	if err != nil {
		return 0, fmt.Errorf("monitor: issue spikes: %w", err)
	}
	raised := 0
	for _, key := range keys {
		first := key.FirstSeen.Truncate(time.Hour)
		if end.Sub(first) < issueMinAge+window {
			continue
		}
		counts, err := s.store.IssueHours(ctx, key.IssueID, first)
		if err != nil {
			return raised, fmt.Errorf("monitor: volume of issue %d: %w", key.IssueID, err)
		}
		a, ok := issueSpike(counts, first, end, window, minVolume)
		if !ok {
			continue
		}
		last, err := s.store.LastIssueSpike(ctx, key.IssueID)
		if err != nil {
			return raised, fmt.Errorf("monitor: issue %d: %w", key.IssueID, err)
		}
		if last.After(a.Since) { // the same episode, alerted already
			continue
		}
		if err := s.issueAlert(ctx, key, a, now); err != nil {
			return raised, err
		}
		raised++
	}
	return raised, nil
}

// issueSpike judges the window that ends at end against the pace of the
// hours from first to the window's start.
func issueSpike(counts []HourCount, first, end time.Time, window time.Duration, minVolume int) (spike.Alert, bool) {
	since := end.Add(-window)
	before, observed := 0, 0
	for _, c := range counts {
		switch {
		case c.Hour.Before(first) || !c.Hour.Before(end):
		case c.Hour.Before(since):
			before += c.N
		default:
			observed += c.N
		}
	}
	hours := since.Sub(first).Hours()
	expected := float64(before) / hours * window.Hours()
	k := spike.Medium.K()
	sd := math.Sqrt(math.Max(expected, 1))
	a := spike.Alert{Since: since, Until: end, Window: window, Observed: observed, Expected: expected, StdDev: sd,
		K: k, Threshold: expected + k*sd, MinVolume: minVolume}
	return a, observed >= minVolume && float64(observed) > a.Threshold
}

// issueAlert tells the agency's watchers who may see the issue of its rise.
func (s *Service) issueAlert(ctx context.Context, key IssueKey, a spike.Alert, now time.Time) error {
	h := int(a.Window / time.Hour)
	args := []any{a.Observed, strconv.Quote(key.Title), h, math.Round(a.Expected*10) / 10, math.Round(a.StdDev*10) / 10,
		int(a.Since.Sub(key.FirstSeen.Truncate(time.Hour)).Hours()), math.Round(a.Threshold*10) / 10, a.K}
	msg := Message{Key: "spike.issue.reason", Args: args}
	link := "/pantau/isu/" + strconv.FormatInt(key.IssueID, 10)
	users, err := AgencyWatchers(ctx, s.store, key.AgencyID)
	if err != nil {
		return err
	}
	var ns []*Notification
	for _, u := range users {
		if u.Disabled || u.Clearance < key.Classification {
			continue
		}
		ns = append(ns, &Notification{UserID: u.ID, Created: now.Truncate(time.Microsecond), Link: link, Message: msg})
	}
	p := newSpikePayload(key.AgencyID, a, link)
	p.Issue = &spikeIssue{ID: key.IssueID, Classification: key.Classification.String()}
	if key.Classification == access.Publik {
		p.Issue.Title = key.Title
	}
	d, err := AgencyDelivery(ctx, s.store, key.AgencyID, EventIssueSpike, p, now.Truncate(time.Microsecond))
	if err != nil {
		return err
	}
	if err := s.store.IssueSpikeAlert(ctx, key.IssueID, a.Until, ns, d); err != nil {
		return fmt.Errorf("monitor: spike of issue %d: %w", key.IssueID, err)
	}
	return nil
}
