package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
)

// What the health page, a source's page and the pipeline page read. A
// user sees the feeds of their own agency; the console sees any.

// Feeds returns the feeds matching f for the actor: a user's own agency's,
// whatever f.AgencyID says.
func (p *Pipeline) Feeds(ctx context.Context, actor access.Actor, f FeedFilter) ([]*Feed, int, error) {
	if !actor.System {
		f.AgencyID = actor.AgencyID()
	}
	feeds, n, err := p.store.FindFeeds(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("ingest: feeds: %w", err)
	}
	return feeds, n, nil
}

// Feed returns one feed; NotFound when it belongs to another agency than
// the actor's.
func (p *Pipeline) Feed(ctx context.Context, actor access.Actor, id int64) (*Feed, error) {
	f, err := p.store.FindFeedByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("ingest: feed %d: %w", id, err)
	}
	if !actor.System && f.Source.AgencyID != actor.AgencyID() {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "ingest.error.feed_not_found")
	}
	return f, nil
}

// Alarms returns the open alarms of the actor's agency, newest first:
// for its administrators and heads of Humas, who act on them; nothing for
// others.
func (p *Pipeline) Alarms(ctx context.Context, actor access.Actor) ([]*Alarm, error) {
	if !actor.System && actor.Role != access.Administrator && actor.Role != access.KepalaHumas {
		return nil, nil
	}
	alarms, err := p.store.FindAlarms(ctx, actor.AgencyID())
	if err != nil {
		return nil, fmt.Errorf("ingest: alarms: %w", err)
	}
	return alarms, nil
}

// DayCount is how many new appearances a feed brought on one day.
type DayCount struct {
	Day   time.Time // midnight in the viewer's zone
	Count int
}

// Activity returns a feed's new appearances per day over the last days
// (today included), in loc, oldest first, days without any included.
func (p *Pipeline) Activity(ctx context.Context, actor access.Actor, feedID int64, days int, loc *time.Location) ([]DayCount, error) {
	if _, err := p.Feed(ctx, actor, feedID); err != nil {
		return nil, err
	}
	now := p.clock.Now().In(loc)
	first := time.Date(now.Year(), now.Month(), now.Day()-days+1, 0, 0, 0, 0, loc)
	seen, err := p.store.FeedSeen(ctx, feedID, first)
	if err != nil {
		return nil, fmt.Errorf("ingest: activity of feed %d: %w", feedID, err)
	}
	out := make([]DayCount, days)
	for i := range out {
		out[i].Day = first.AddDate(0, 0, i)
	}
	for _, t := range seen {
		t = t.In(loc)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if i := int(day.Sub(first).Hours()+12) / 24; i >= 0 && i < days {
			out[i].Count++
		}
	}
	return out, nil
}
