package monitor

import (
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
)

// Quiet hours: a saved search may name a span of the day, in its agency's
// zone ("22:00-06:00", crossing midnight, or "12:00-13:00"), during which
// no alert e-mail or webhook goes out at once. In-app notifications still
// appear (they make no sound); what matched is e-mailed as one summary
// when the quiet hours end, and webhooks wait until then.

// parseQuiet reads "HH:MM-HH:MM" into minutes of the day.
func parseQuiet(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return 0, 0, fmt.Errorf("want HH:MM-HH:MM")
	}
	ta, err := time.Parse("15:04", strings.ReplaceAll(a, ".", ":"))
	if err != nil {
		return 0, 0, err
	}
	tb, err := time.Parse("15:04", strings.ReplaceAll(b, ".", ":"))
	if err != nil {
		return 0, 0, err
	}
	from, to = ta.Hour()*60+ta.Minute(), tb.Hour()*60+tb.Minute()
	if from == to {
		return 0, 0, fmt.Errorf("empty span")
	}
	return from, to, nil
}

// cleanQuiet checks a search's quiet hours and writes them "22:00-06:00".
func cleanQuiet(ss *SavedSearch) error {
	ss.QuietHours = strings.TrimSpace(ss.QuietHours)
	if ss.QuietHours == "" {
		return nil
	}
	from, to, err := parseQuiet(ss.QuietHours)
	if err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.quiet_hours", ss.QuietHours)
	}
	ss.QuietHours = fmt.Sprintf("%02d:%02d-%02d:%02d", from/60, from%60, to/60, to%60)
	return nil
}

// QuietAt reports whether now falls in the search's quiet hours (in its
// agency's zone) and, if so, when they end.
func (ss *SavedSearch) QuietAt(now time.Time) (bool, time.Time) {
	if ss.QuietHours == "" {
		return false, time.Time{}
	}
	from, to, err := parseQuiet(ss.QuietHours)
	if err != nil {
		return false, time.Time{}
	}
	local := now.In(ss.TimeZone.Location())
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
	m := local.Hour()*60 + local.Minute()
	at := func(day, minute int) time.Time {
		return midnight.AddDate(0, 0, day).Add(time.Duration(minute) * time.Minute).UTC()
	}
	switch {
	case from < to && m >= from && m < to:
		return true, at(0, to)
	case from > to && m >= from:
		return true, at(1, to)
	case from > to && m < to:
		return true, at(0, to)
	}
	return false, time.Time{}
}
