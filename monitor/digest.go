package monitor

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
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
		upTo := entries[len(entries)-1].Created
		mails, err := s.digestMails(ctx, ss, upTo, now)
		if err != nil {
			return sent, err
		}
		if err := s.store.FinishDigest(ctx, ss.ID, upTo, now, n, mails...); err != nil {
			return sent, fmt.Errorf("monitor: digest of search %d: %w", ss.ID, err)
		}
		sent++
	}
	held, err := s.sendHeld(ctx, now)
	return sent + held, err
}

// digestMails returns a digest's e-mails, one to each confirmed recipient
// of the search (the Mailer keeps to each the items they may see).
func (s *Service) digestMails(ctx context.Context, ss *SavedSearch, upTo, now time.Time) ([]*MailDelivery, error) {
	recipients, err := s.store.MailRecipients(ctx, ss.ID)
	if err != nil || !slices.ContainsFunc(recipients, func(r *Recipient) bool { return r.Status == RecipientConfirmed }) {
		return nil, err
	}
	items, err := s.store.DigestMailItems(ctx, ss.ID, upTo)
	if err != nil {
		return nil, fmt.Errorf("monitor: digest e-mail of search %d: %w", ss.ID, err)
	}
	s.highlightTitles(ss, items)
	return fanOut(ss.ID, recipients, MailDigest, MailPayload{Items: items}, now), nil
}

// highlightTitles marks in the items' titles the words the search looks
// for, when the Service's query checker can analyse text (the archive's
// does); titles stay plain otherwise.
func (s *Service) highlightTitles(ss *SavedSearch, items []MailItem) {
	c, ok := s.queries.(interface {
		Analyzer() (*analysis.Analyzer, error)
	})
	if !ok {
		return
	}
	q, err := query.Parse(ss.Query)
	if err != nil {
		return
	}
	an, err := c.Analyzer()
	if err != nil {
		return
	}
	for i, it := range items {
		title := it.PlainTitle()
		items[i].Title = archive.Highlight(q, an.Terms, title, an.Terms.Terms(title))
	}
}

// fanOut returns one delivery of a payload to each confirmed recipient.
func fanOut(searchID int64, recipients []*Recipient, kind MailKind, p MailPayload, now time.Time) []*MailDelivery {
	if len(p.Items) > maxPayloadItems {
		p.Items = p.Items[:maxPayloadItems]
	}
	var out []*MailDelivery
	for _, r := range recipients {
		if r.Status == RecipientConfirmed {
			out = append(out, &MailDelivery{SearchID: searchID, RecipientID: r.ID, Kind: kind, Payload: p,
				Status: DeliveryPending, NextAttempt: now, Created: now})
		}
	}
	return out
}

// maxPayloadItems bounds the items a summary or digest e-mail carries (and
// counts): its delivery row stays small.
const maxPayloadItems = 500

// sendHeld summarises what the hourly cap and quiet hours held back: for
// each search, once the hour of its capped matches has ended, one
// notification "and N more"; once its quiet hours have ended (and the
// hour of capped matches), one e-mail to each recipient, listing what
// matched in the quiet hours, or counting what the cap held. It returns
// how many summaries it wrote.
func (s *Service) sendHeld(ctx context.Context, now time.Time) (int, error) {
	hour, sent := now.Truncate(time.Hour), 0
	more, err := s.store.MoreCounts(ctx, hour)
	if err != nil {
		return 0, fmt.Errorf("monitor: held alerts: %w", err)
	}
	for _, c := range more {
		ss, err := s.store.FindSavedSearchByID(ctx, c.SearchID)
		if err != nil {
			return sent, fmt.Errorf("monitor: held alerts of search %d: %w", c.SearchID, err)
		}
		n := &Notification{UserID: ss.OwnerID, SearchID: ss.ID, Created: now, Link: searchLink(ss.ID),
			Message: Message{Key: "monitor.alert.more_count", Args: []any{ss.Name, c.N, MaxPerHour}}}
		if err := s.store.FinishMore(ctx, c, n); err != nil {
			return sent, fmt.Errorf("monitor: held alerts of search %d: %w", ss.ID, err)
		}
		sent++
	}
	searches, err := s.store.HeldSearches(ctx)
	if err != nil {
		return sent, fmt.Errorf("monitor: held e-mails: %w", err)
	}
	for _, ss := range searches {
		held, err := s.store.HeldItems(ctx, ss.ID)
		if err != nil || len(held) == 0 {
			if err != nil {
				return sent, fmt.Errorf("monitor: held e-mails of search %d: %w", ss.ID, err)
			}
			continue
		}
		quietRows := slices.ContainsFunc(held, func(h HeldItem) bool { return h.Quiet })
		if quiet, _ := ss.QuietAt(now); quiet || !quietRows && !held[len(held)-1].Created.Before(hour) {
			continue
		}
		recipients, err := s.store.MailRecipients(ctx, ss.ID)
		if err != nil {
			return sent, fmt.Errorf("monitor: held e-mails of search %d: %w", ss.ID, err)
		}
		p := MailPayload{Quiet: quietRows}
		for _, h := range held {
			p.Items = append(p.Items, h.Item)
		}
		ds := fanOut(ss.ID, recipients, MailSummary, p, now)
		if err := s.store.FinishHeld(ctx, ss.ID, held[len(held)-1].Created, ds); err != nil {
			return sent, fmt.Errorf("monitor: held e-mails of search %d: %w", ss.ID, err)
		}
		if len(ds) > 0 && s.mailKick != nil {
			s.mailKick()
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
