package monitor

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DigestEntry is a match waiting for its search's next digest.
type DigestEntry struct {
	SearchID int64
	ItemID   int64
	Title    string
	Created  time.Time
}

// digestTitles is how many titles a digest names; the rest are on the
// search's results page.
const digestTitles = 3

// SendDigests sends the digests that are due at now: for each saved search
// with matches waiting whose period has passed, one notification to its
// owner saying how many items matched, naming the first few. It returns how
// many it sent. A digest is written in one transaction with the removal of
// what it covers: a crash sends it later, never twice.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	searches, err := s.store.DigestSearches(ctx)
	if err != nil {
		return 0, fmt.Errorf("monitor: digests: %w", err)
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	sent := 0
	for _, ss := range searches {
		if !DigestDue(ss, now) {
			continue
		}
		entries, err := s.store.DigestEntries(ctx, ss.ID)
		if err != nil {
			return sent, fmt.Errorf("monitor: digest of search %d: %w", ss.ID, err)
		}
		if len(entries) == 0 {
			continue
		}
		titles := make([]string, 0, digestTitles)
		for _, e := range entries[:min(len(entries), digestTitles)] {
			titles = append(titles, e.Title)
		}
		n := &Notification{UserID: ss.OwnerID, SearchID: ss.ID, Created: now,
			Link:    "/pantau/pencarian/" + strconv.FormatInt(ss.ID, 10),
			Message: Message{Key: "monitor.alert.digest", Args: []any{ss.Name, len(entries), strings.Join(titles, " · ")}}}
		if err := s.store.FinishDigest(ctx, ss.ID, entries[len(entries)-1].Created, now, n); err != nil {
			return sent, fmt.Errorf("monitor: digest of search %d: %w", ss.ID, err)
		}
		sent++
	}
	return sent, nil
}

// DigestDue reports whether a search's digest is due at now: 15 minutes or
// an hour after the last one, or, for a daily digest, once the day's
// DigestAt (in the agency's zone) has passed since the last one.
func DigestDue(ss *SavedSearch, now time.Time) bool {
	switch ss.Alert {
	case Digest15m:
		return now.Sub(ss.LastDigest) >= 15*time.Minute
	case DigestHourly:
		return now.Sub(ss.LastDigest) >= time.Hour
	case DigestDaily:
		at, err := time.Parse("15:04", ss.DigestAt)
		if err != nil {
			return false
		}
		local := now.In(ss.TimeZone.Location())
		today := time.Date(local.Year(), local.Month(), local.Day(), at.Hour(), at.Minute(), 0, 0, local.Location())
		if local.Before(today) {
			today = today.AddDate(0, 0, -1)
		}
		return ss.LastDigest.Before(today)
	}
	return false
}
