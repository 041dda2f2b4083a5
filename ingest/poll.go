package ingest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi/feed"
	"github.com/sinergi-id/sinergi/source"
)

// Result is what one poll of a feed did.
type Result struct {
	FeedID      int64
	Outcome     Outcome
	Stored      int // new items (stories)
	Appearances int // appearances recorded, stories' first included
	Deferred    int // articles left for the next poll (Options.PagesPerPoll)
	Health      Health
}

// Poll polls one feed now and stores what it found. The error is nil when
// the poll's outcome was recorded, even a failed fetch (Result.Outcome.Err
// says why); it is not nil when nothing could be recorded (the database
// failed, ctx ended), and then the feed is polled again later.
func (p *Pipeline) Poll(ctx context.Context, f *Feed) (Result, error) {
	return p.poll(ctx, f, nil)
}

// poll runs the chain for one feed; pushed, when not nil, is a body a
// WebSub hub delivered, which takes the place of the fetch.
func (p *Pipeline) poll(ctx context.Context, f *Feed, pushed *fetched) (Result, error) {
	if f.Source == nil || f.Source.AgencyID == 0 {
		return Result{}, fmt.Errorf("ingest: feed %d: %w", f.ID, errNoAgency)
	}
	log := p.log.With("feed_id", f.ID, "source_id", f.Source.ID)
	o := Outcome{At: p.clock.Now().UTC().Truncate(time.Microsecond)}
	res := Result{FeedID: f.ID}
	b := &Batch{AgencyID: f.Source.AgencyID, Feed: f}

	docs, err := p.read(ctx, f, &o, pushed)
	if err != nil && !o.Failed() {
		return res, err // the caller's context or the database, not the feed
	}
	if err != nil {
		log.Info("poll failed", "reason", o.Err.Key, "status", o.Status, "err", err)
	}
	if len(docs) > 0 && wantsPages(f) {
		p.timed(StageExtract, func() (t tally, _ error) {
			docs, res.Deferred, t = p.extractPages(ctx, docs)
			return t, nil
		})
		if res.Deferred > 0 {
			// Make the next poll fetch the feed again rather than hear 304.
			f.State.ETag, f.State.LastModified = "", ""
			o.FreshUntil = time.Time{}
		}
	}
	o.New = len(docs) + res.Deferred

	var firsts []*doc
	err = p.timed(StageDedupe, func() (t tally, err error) {
		firsts, b.Appearances, t, err = p.dedupe(ctx, origin{f.Source.AgencyID, f.Source.ID, f.ID}, docs, o.At)
		return t, err
	})
	if err != nil {
		return res, err
	}
	err = p.timed(StageEnrich, func() (t tally, err error) {
		b.Items, b.Analyses, b.Idents, t, err = p.enrich(ctx, f.Source, firsts, o.At)
		return t, err
	})
	if err != nil {
		p.forgetStories(b.AgencyID)
		return res, err
	}
	if len(b.Items) < len(firsts) {
		b.Appearances = withoutRefused(b.Appearances, firsts, b.Idents)
		p.forgetStories(b.AgencyID)
	}

	schedule(&f.State, o, f.ID, p.opts.MinInterval, p.opts.MaxInterval)
	switch {
	case res.Deferred > 0:
		f.State.NextPoll = o.At.Add(p.opts.MinInterval)
	case f.State.HubLease.After(o.At):
		// The hub pushes what is new; polling is only the safety net.
		f.State.NextPoll = later(f.State.NextPoll, o.At.Add(pushedInterval))
	}
	subscribe := p.prepareSubscription(f, o)
	p.assessHealth(f, b, o.At)
	err = p.timed(StageStore, func() (tally, error) { return p.save(ctx, b) })
	if err != nil {
		return res, err
	}
	if subscribe {
		p.subscribe(ctx, f)
	}
	p.metrics.poll(o)
	p.timed(StageMatch, func() (tally, error) { return p.match(ctx, b.Items, b.Analyses), nil })

	res.Outcome, res.Stored, res.Appearances, res.Health = o, len(b.Items), len(b.Appearances), f.State.Health
	return res, nil
}

// read runs the stages up to known: fetch, parse, normalise, known. It
// returns the new documents; a failure of the feed is in o.Err, with the
// error for the log.
func (p *Pipeline) read(ctx context.Context, f *Feed, o *Outcome, pushed *fetched) ([]*doc, error) {
	got := pushed
	err := p.timed(StageFetch, func() (tally, error) {
		if pushed != nil {
			o.Status = 200
			return tally{in: 1, out: 1}, nil
		}
		var err error
		got, err = p.fetch(ctx, f, o)
		t := tally{in: 1}
		switch {
		case err != nil:
			t.failed = 1
		case got == nil:
			t.dropped = 1 // 304: nothing new
		default:
			t.out = 1
		}
		return t, err
	})
	if err != nil || got == nil {
		return nil, err
	}
	var entries []feed.Entry
	err = p.timed(StageParse, func() (tally, error) {
		var err error
		if entries, err = p.parse(ctx, f, got, o); err != nil {
			return tally{in: 1, failed: 1}, err
		}
		return tally{in: 1, out: 1}, nil
	})
	if err != nil {
		return nil, err
	}
	o.Entries = len(entries)
	datePublishing(entries, o)
	var docs []*doc
	p.timed(StageNormalise, func() (t tally, _ error) {
		docs, t = normalise(entries, f.Source.Domain, f.Kind == source.Page, p.urls, o.At)
		return t, nil
	})
	err = p.timed(StageKnown, func() (t tally, err error) {
		docs, t, err = p.known(ctx, f.Source.AgencyID, docs)
		return t, err
	})
	return docs, err
}

// datedWindow is how far back an entry's publication time is believed:
// older dates on a feed's newest entries are a broken CMS more often than
// a feed silent for a season.
const datedWindow = 90 * 24 * time.Hour

// datePublishing records in o the span of the entries' credible
// publication times (not ahead of the poll, at most datedWindow back), from
// which the first poll estimates a feed's rate and health its usual pace.
func datePublishing(entries []feed.Entry, o *Outcome) {
	for _, e := range entries {
		t := e.Published
		if t.IsZero() || t.After(o.At.Add(maxFuture)) || o.At.Sub(t) > datedWindow {
			continue
		}
		o.Dated++
		if o.Oldest.IsZero() || t.Before(o.Oldest) {
			o.Oldest = t
		}
		if t.After(o.Newest) {
			o.Newest = t
		}
	}
}

// timed runs one stage and records its tally and time.
func (p *Pipeline) timed(s Stage, fn func() (tally, error)) error {
	start := time.Now()
	t, err := fn()
	p.metrics.record(s, t, time.Since(start))
	return err
}

// withoutRefused drops from apps the appearances of the stories whose
// first item enrich refused: the refused item's own and its copies'.
func withoutRefused(apps []Appearance, firsts []*doc, kept []string) []Appearance {
	keep := make(map[string]bool, len(kept))
	for _, id := range kept {
		keep[id] = true
	}
	refused := map[string]bool{}
	for _, d := range firsts {
		if !keep[d.ident] {
			refused[d.ident] = true
		}
	}
	out := apps[:0]
	for _, a := range apps {
		if !refused[a.StoryIdent] {
			out = append(out, a)
		}
	}
	return out
}

// assessHealth sets the feed's health after a poll and the change of its
// alarm: raised when it turns late, failing or gone, its text updated while
// it stays so, cleared when it recovers.
func (p *Pipeline) assessHealth(f *Feed, b *Batch, now time.Time) {
	health, reason := assess(&f.State, now)
	was := f.State.Health
	if health != was {
		f.State.HealthSince = now
	}
	f.State.Health, f.State.HealthReason = health, reason
	alarm := &Alarm{AgencyID: f.Source.AgencyID, Subject: FeedSubject(f.ID), Kind: "feed_" + string(health),
		Message: Message{Key: "ingest.alarm.feed_" + string(health), Args: []string{f.Source.Name, f.URL}}, Raised: now}
	switch {
	case health.Alarming():
		b.Alarm = alarm
	case was.Alarming():
		alarm.Cleared = now
		b.Alarm = alarm
	}
}

// FeedSubject is the alarm subject of a feed: "feed:12".
func FeedSubject(id int64) string { return "feed:" + strconv.FormatInt(id, 10) }

// SubjectFeed returns the feed an alarm subject names, if it names one.
func SubjectFeed(subject string) (int64, bool) {
	rest, ok := strings.CutPrefix(subject, "feed:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// PollDue polls every feed that is due, Options.Workers at a time, until
// none is due, and returns the results. all polls every feed of every
// source not paused, due or not (one cycle, for operators and tests).
func (p *Pipeline) PollDue(ctx context.Context, all bool) ([]Result, error) {
	now := p.clock.Now().UTC()
	if all {
		now = now.Add(100 * 365 * 24 * time.Hour) // everything is due
	}
	feeds, err := p.store.DueFeeds(ctx, now, 0)
	if err != nil {
		return nil, fmt.Errorf("ingest: due feeds: %w", err)
	}
	return p.PollFeeds(ctx, feeds)
}

// PollFeeds polls the given feeds, Options.Workers at a time.
func (p *Pipeline) PollFeeds(ctx context.Context, feeds []*Feed) ([]Result, error) {
	results := make([]Result, len(feeds))
	errs := make([]error, len(feeds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(p.opts.Workers, len(feeds)) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = p.Poll(ctx, feeds[i])
			}
		})
	}
	for i := range feeds {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return results, fmt.Errorf("ingest: poll: %w", err)
	}
	return results, errors.Join(errs...)
}

// PollFeedByID polls one feed if it is still due at now (a job queued for
// it may find that another process polled it meanwhile) and its source is
// not paused. It reports whether it polled.
func (p *Pipeline) PollFeedByID(ctx context.Context, id int64) (Result, bool, error) {
	f, err := p.store.FindFeedByID(ctx, id)
	if err != nil {
		return Result{}, false, fmt.Errorf("ingest: poll feed %d: %w", id, err)
	}
	if f.Source.Paused || f.State.NextPoll.After(p.clock.Now()) {
		return Result{}, false, nil
	}
	res, err := p.Poll(ctx, f)
	return res, err == nil, err
}

// DueFeedIDs returns the IDs of the feeds due at now, the most overdue
// first, at most limit: what a scheduler queues jobs for.
func (p *Pipeline) DueFeedIDs(ctx context.Context, limit int) ([]int64, error) {
	feeds, err := p.store.DueFeeds(ctx, p.clock.Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("ingest: due feeds: %w", err)
	}
	ids := make([]int64, len(feeds))
	for i, f := range feeds {
		ids[i] = f.ID
	}
	return ids, nil
}
