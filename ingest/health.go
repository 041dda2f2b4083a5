package ingest

import (
	"math"
	"strconv"
	"time"
)

// Health is a feed's state as an officer reads it on the health page.
type Health string

// The states of a feed.
const (
	// New: not polled yet.
	New Health = "new"
	// Healthy: answers, and publishes about as often as it used to.
	Healthy Health = "healthy"
	// Late: answers, but nothing new for much longer than usual (Media
	// Cloud's most repeated bug: feeds that quietly stop).
	Late Health = "late"
	// Failing: the last attempts failed (network, server error, invalid
	// feed).
	Failing Health = "failing"
	// Gone: the address answers that the feed is not there (404, 410).
	Gone Health = "gone"
)

// Healths lists the states in the order the health page shows them.
var Healths = []Health{Gone, Failing, Late, Healthy, New}

// Alarming reports whether a feed in this state raises an alarm.
func (h Health) Alarming() bool { return h == Late || h == Failing || h == Gone }

// Thresholds of the health states.
const (
	// failingAfter is how many consecutive failures make a feed failing:
	// one failure is weather, three in a row (with backoff, hours apart)
	// is a problem.
	failingAfter = 3
	// lateFactor: a feed is late when it has been silent this many times
	// its usual gap between items...
	lateFactor = 3
	// ...and at least minSilence: nobody wants an alarm for a feed that
	// is two hours quiet on a Sunday night.
	minSilence = 24 * time.Hour
	// minHistory is how long a feed without dated entries must have been
	// watched (since its first new item) before it can be late: a usual
	// rate needs history.
	minHistory = 48 * time.Hour
)

// assess returns the feed's health at now and the reason, in words an
// officer can act on ("Tidak ada artikel baru selama 3 hari; biasanya 40
// per hari").
func assess(st *State, now time.Time) (Health, Message) {
	switch {
	case st.Polls == 0:
		return New, Message{}
	case st.Failures > 0 && (st.LastStatus == 410 || st.LastStatus == 404 && st.Failures >= failingAfter):
		return Gone, Message{Key: "ingest.health.gone", Args: []string{strconv.Itoa(st.LastStatus), strconv.Itoa(st.Failures)}}
	case st.Failures >= failingAfter:
		return Failing, Message{Key: "ingest.health.failing", Args: []string{strconv.Itoa(st.Failures)}}
	}
	// The feed's own dates say best how often it publishes and when it
	// last did; without them, what polling has seen over minHistory.
	perDay, last := st.DatedPerDay, st.LastPublished
	if perDay <= 0 {
		if st.LastNew.Sub(st.FirstNew) < minHistory {
			return Healthy, Message{}
		}
		perDay = usualPerDay(st)
	}
	if last.IsZero() {
		last = st.LastNew
	}
	if perDay <= 0 || last.IsZero() {
		return Healthy, Message{}
	}
	silence := now.Sub(last)
	usualGap := time.Duration(float64(24*time.Hour) / perDay)
	if silence < max(lateFactor*usualGap, minSilence) {
		return Healthy, Message{}
	}
	return Late, lateReason(silence, perDay)
}

// usualPerDay is how many new items a day the feed published while it
// was watched: from its first new item to its last.
func usualPerDay(st *State) float64 {
	if st.FirstNew.IsZero() || st.ItemsNew < 2 {
		return 0
	}
	days := max(st.LastNew.Sub(st.FirstNew).Hours()/24, 1)
	return float64(st.ItemsNew-1) / days
}

// lateReason says how long the feed has been silent (hours under two days,
// days from then) and how often it usually publishes (a day, or a week
// when less than daily), in whole numbers as an officer would say them.
func lateReason(silence time.Duration, perDay float64) Message {
	days := strconv.Itoa(int(silence.Hours() / 24))
	switch {
	case perDay < 1:
		return Message{Key: "ingest.health.late_weekly", Args: []string{days, strconv.Itoa(max(1, int(math.Round(perDay*7))))}}
	case silence < 48*time.Hour:
		return Message{Key: "ingest.health.late_hours", Args: []string{strconv.Itoa(int(silence.Hours())), strconv.Itoa(int(math.Round(perDay)))}}
	}
	return Message{Key: "ingest.health.late", Args: []string{days, strconv.Itoa(int(math.Round(perDay)))}}
}
