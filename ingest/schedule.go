package ingest

import (
	"hash/fnv"
	"math"
	"strconv"
	"time"
)

// Outcome is what one poll of a feed came to, as scheduling and health
// see it.
type Outcome struct {
	At          time.Time
	Status      int     // HTTP status; 0 when no response came
	Err         Message // set when the poll failed
	NotModified bool
	Entries     int // entries the feed listed
	New         int // of which new to the archive
	// RetryAfter is when the server asked to be asked again (Retry-After
	// on 429 or 503); zero when it did not.
	RetryAfter time.Time
	// FreshUntil is until when the answer is fresh by Cache-Control
	// max-age or Expires; zero when it did not say.
	FreshUntil time.Time
	// Dated is how many entries had a credible publication time (see
	// datePublishing); Oldest and Newest are the extremes of those times.
	Dated          int
	Oldest, Newest time.Time
}

// Failed reports whether the poll failed.
func (o Outcome) Failed() bool { return o.Err.Key != "" }

// rateWindow is the time constant of the publishing-rate estimate: the
// rate is a count of new items that decays by e every rateWindow, divided
// by it. A week keeps the interval steady through a feed's daily rhythm and
// its bursts (a site that publishes its day at once): with a one-day
// window the interval shrank right after each burst and grew just before
// the next, the worst timing there is (BenchmarkPollLag: mean lag 42
// minutes against 19 for fixed polling at the same number of requests).
// A feed that stops drifts to the maximum interval over weeks; it is late
// long before.
const rateWindow = 7 * 24 * time.Hour

// itemHours sets the poll interval from the rate: interval =
// sqrt(itemHours / rate) hours. Polling each feed at an interval
// proportional to 1/sqrt(rate) is what minimises the mean delay of an
// article for a given number of requests (a feed twice as busy is polled
// 1.4 times as often, not twice); itemHours = 0.25 gives a national outlet
// (300 items a day) the minimum interval, a busy regional one (40 a day)
// 19 minutes, a government site (2 a day) an hour and a half.
const itemHours = 0.25

// schedule updates st after outcome o and sets its next poll:
//
//   - the publishing rate counts the new items found, decaying over
//     rateWindow; the first poll, which sees the feed's backlog rather
//     than its rate, takes the rate from the entries' publication times;
//   - the interval is sqrt(itemHours / rate) within [min, max];
//   - a poll where every listed entry was new may have missed some (a feed
//     shows only its last few items): the next poll comes at half the
//     last interval, or sooner;
//   - a failure backs off exponentially from the current interval (twice,
//     four times, ... up to max), and never sooner than Retry-After;
//   - a fresh answer (Cache-Control, Expires) is not asked for again
//     before it goes stale, up to max;
//   - a small jitter, fixed per feed and poll, keeps feeds of one host
//     from falling due together.
func schedule(st *State, o Outcome, feedID int64, minI, maxI time.Duration) {
	st.LastPoll = o.At
	st.LastStatus = o.Status
	st.Polls++
	if o.Failed() {
		st.Failures++
		st.LastError = o.Err
		backoff := max(st.Interval, minI) * time.Duration(1<<min(st.Failures, 10))
		next := o.At.Add(jitter(min(backoff, maxI), feedID, st.Polls))
		if o.RetryAfter.After(next) {
			next = o.RetryAfter
		}
		if lim := o.At.Add(maxI); next.After(lim) && !o.RetryAfter.After(lim) {
			next = lim
		}
		st.NextPoll = next
		return
	}
	first := st.LastOK.IsZero()
	since := o.At.Sub(st.LastOK)
	st.Failures, st.LastError, st.LastOK = 0, Message{}, o.At
	if o.NotModified {
		st.NotModified++
	}
	if o.Newest.After(st.LastPublished) {
		st.LastPublished = o.Newest
	}
	if span := o.Newest.Sub(o.Oldest); o.Dated >= 3 && span >= time.Hour {
		st.DatedPerDay = float64(o.Dated-1) / (span.Hours() / 24)
	}
	if o.New > 0 {
		st.ItemsNew += o.New
		st.LastNew = o.At
		if st.FirstNew.IsZero() {
			st.FirstNew = o.At
		}
	}
	switch {
	case first:
		st.RatePerHour = backlogRate(o)
	case since > 0:
		st.RatePerHour = st.RatePerHour*math.Exp(-since.Hours()/rateWindow.Hours()) + float64(o.New)/rateWindow.Hours()
	}
	interval := maxI
	if st.RatePerHour > 0 {
		// In hours first: a rate decayed near zero would overflow a Duration.
		hours := min(math.Sqrt(itemHours/st.RatePerHour), maxI.Hours())
		interval = time.Duration(hours * float64(time.Hour))
	}
	if o.New > 0 && o.New == o.Entries && !first && st.Interval > 0 {
		interval = min(interval, st.Interval/2)
	}
	interval = min(max(interval, minI), maxI)
	st.Interval = interval
	next := o.At.Add(jitter(interval, feedID, st.Polls))
	if o.FreshUntil.After(next) {
		next = o.FreshUntil
		if lim := o.At.Add(maxI); next.After(lim) {
			next = lim
		}
	}
	st.NextPoll = next
}

// backlogRate estimates a feed's rate from its first poll: the entries
// listed over the time their publication dates span, or one an hour when
// the dates say nothing.
func backlogRate(o Outcome) float64 {
	span := o.Newest.Sub(o.Oldest)
	if o.Dated < 2 || span <= 0 {
		return 1
	}
	return min(float64(o.Dated-1)/span.Hours(), 600)
}

// jitter shortens d by up to a tenth, by an amount fixed for the feed and
// poll (no random source: the schedule is reproducible).
func jitter(d time.Duration, feedID int64, poll int) time.Duration {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(feedID, 10) + ":" + strconv.Itoa(poll)))
	f := float64(h.Sum64()%1000) / 1000
	return d - time.Duration(math.Round(f*float64(d)/10))
}
