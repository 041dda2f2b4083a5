// Package spike is Pantau's early warning: it keeps, for one time series of
// hourly counts (the items matching a saved search, an issue or a region),
// a baseline of what is usual at each hour of the day, and says when the
// last window of hours is a spike, with an explanation a Humas officer can
// check by hand.
//
// The method, every number of which an Alert carries:
//
//   - Counts are kept per clock hour (UTC hours, which are the local hours of
//     WIB, WITA and WIT). The observed value is the window count: the items of
//     the last Window hours (default 3), evaluated as each hour ends.
//   - The baseline of a window is learnt from the windows that ended at the
//     same hour of the day on earlier days, in the agency's time zone: an
//     exponentially weighted mean and variance whose weights fall by a factor
//     1−α per day, α = 2/(Span+1). With Span = 14 ("14 hari terakhir") a day
//     two weeks old weighs 13 % of today's, and the weights are worth 14 days
//     of equally weighted data (2/α − 1 = Span).
//   - Day-of-week seasonality: working days and days off (Saturday, Sunday
//     and, when Config.Holiday says so, holidays) keep separate slots per hour;
//     a window belongs to the day of its last hour.
//     A slot that has seen little is pulled towards the slot of the same hour
//     on all days, with the weight of one day (shrinkage), so a new series or
//     a first weekend still has a sensible baseline.
//   - The spread σ is the weighted standard deviation of those windows
//     (unbiased for the weights, and counting the gap between the day-kind
//     slot and the all-days slot), never less than a Poisson count's
//     √max(expected, 1), so a quiet hour whose history is all zeros is
//     "0 ± 1", never "0 ± 0"; then widened by √(1 + 1/n) because the mean
//     itself is learnt from n days' worth of history (n = (Σw)²/Σw², which
//     is Span once the history is long). It is the spread of the next
//     window, not of the past ones.
//   - A window is a spike when its count exceeds expected + k·σ, k = 3, 2.5
//     or 2 for low, medium or high sensitivity, and reaches MinVolume (default
//     5), after at least MinHistory (default 7 days) of history.
//   - One alert per episode: after an alert, no other until the window count
//     has stayed at or under the threshold for CoolDown (default 6 hours).
//   - A spike does not teach the baseline that spikes are usual: a window
//     enters the baseline capped at expected + 3σ (the low sensitivity's
//     threshold, whatever the series' sensitivity, so one baseline serves
//     all three).
//
// The package is pure: no database, no clock of its own. The caller feeds
// counts, asks at each hour, stores the state (MarshalBinary) and turns
// Alert.Reason into text with the i18n catalogs.
package spike

import (
	"errors"
	"fmt"
	"time"
)

// Sensitivity is how readily a series alerts. The zero value means Medium.
type Sensitivity int

// The sensitivities, from the fewest alerts to the most.
const (
	Low    Sensitivity = 1 // k = 3: only clear bursts
	Medium Sensitivity = 2 // k = 2.5, the default
	High   Sensitivity = 3 // k = 2: earlier, and more false alarms
)

// Sensitivities lists the sensitivities, from the fewest alerts to the
// most.
var Sensitivities = []Sensitivity{Low, Medium, High}

// K returns the number of standard deviations above the expected count that
// a window must exceed: 3, 2.5 or 2. An unknown value counts as Medium.
func (s Sensitivity) K() float64 {
	switch s {
	case Low:
		return 3
	case High:
		return 2
	}
	return 2.5
}

// String returns "low", "medium" or "high".
func (s Sensitivity) String() string {
	switch s {
	case Low:
		return "low"
	case High:
		return "high"
	}
	return "medium"
}

// ParseSensitivity reads "low", "medium" or "high" (also the Indonesian
// "rendah", "sedang", "tinggi").
func ParseSensitivity(s string) (Sensitivity, error) {
	switch s {
	case "low", "rendah":
		return Low, nil
	case "medium", "sedang", "":
		return Medium, nil
	case "high", "tinggi":
		return High, nil
	}
	return 0, fmt.Errorf("spike: unknown sensitivity %q (low, medium or high)", s)
}

// Defaults, each explained where Config uses it.
const (
	DefaultWindow     = 3 * time.Hour
	DefaultMinVolume  = 5
	DefaultMinHistory = 7 * 24 * time.Hour
	DefaultCoolDown   = 6 * time.Hour
	DefaultSpan       = 14
	DefaultKeep       = 7 * 24 * time.Hour
)

// capK is the k at which a window's count is capped before it enters the
// baseline: the low sensitivity's, so the baseline is the same whatever the
// series' sensitivity.
const capK = 3

// shrinkDays is the weight, in days, of the all-days slot when it is mixed
// into a working-day or day-off slot.
const shrinkDays = 1.0

// Config sets up a Series. The zero value of every field but Location means
// its default; Location is required, because "at this hour" is the agency's
// hour.
type Config struct {
	// Location is the agency's zone (region.WIB.Location(), ...): it decides
	// the hour of the day and the day of the week of each window.
	Location *time.Location
	// Window is the length of the window compared with its baseline, a
	// whole number of hours from 1 to 24. Default 3 hours; 1, 6 and 24 are
	// the other choices the interface offers.
	Window time.Duration
	// Sensitivity chooses k; default Medium.
	Sensitivity Sensitivity
	// MinVolume is the fewest items in a window that may alert, so tiny
	// counts (0 to 2) never do. Default 5.
	MinVolume int
	// MinHistory is how long the series must have been counted before it
	// may alert. Default 7 days; at least Window.
	MinHistory time.Duration
	// CoolDown is how long the window count must stay at or under the
	// threshold before a new episode may alert. Default 6 hours, or Window
	// when that is longer.
	CoolDown time.Duration
	// Span is the baseline's memory in days: weights fall by 1−2/(Span+1)
	// per day. Default 14, from 2 to 365.
	Span int
	// Keep is how much of the past Band can draw, in whole hours from 24
	// hours to 60 days. Default 7 days.
	Keep time.Duration
	// Holiday, when set, reports whether a calendar day (given at midnight
	// in Location) is a day off besides Saturday and Sunday, such as a
	// national holiday or cuti bersama; such days use the day-off slots.
	Holiday func(day time.Time) bool
}

// ErrIncompatible is returned by UnmarshalBinary when the stored state was
// built with another Window, Span or time zone: the baseline must then be
// rebuilt from the counts (Rebuild).
var ErrIncompatible = errors.New("spike: state built with another window, span or zone")

// withDefaults returns c with defaults filled in, or an error naming the
// field that is out of range.
func (c Config) withDefaults() (Config, error) {
	if c.Location == nil {
		return c, errors.New("spike: config: Location is required (the agency's WIB, WITA or WIT)")
	}
	if c.Window == 0 {
		c.Window = DefaultWindow
	}
	if c.Window < time.Hour || c.Window > 24*time.Hour || c.Window%time.Hour != 0 {
		return c, fmt.Errorf("spike: config: Window %v must be a whole number of hours from 1 to 24", c.Window)
	}
	switch c.Sensitivity {
	case 0:
		c.Sensitivity = Medium
	case Low, Medium, High:
	default:
		return c, fmt.Errorf("spike: config: unknown Sensitivity %d", c.Sensitivity)
	}
	if c.MinVolume == 0 {
		c.MinVolume = DefaultMinVolume
	}
	if c.MinVolume < 1 {
		return c, fmt.Errorf("spike: config: MinVolume %d must be at least 1", c.MinVolume)
	}
	if c.MinHistory == 0 {
		c.MinHistory = DefaultMinHistory
	}
	if c.MinHistory < c.Window {
		return c, fmt.Errorf("spike: config: MinHistory %v must be at least Window %v", c.MinHistory, c.Window)
	}
	if c.CoolDown == 0 {
		c.CoolDown = max(DefaultCoolDown, c.Window)
	}
	if c.CoolDown < time.Hour {
		return c, fmt.Errorf("spike: config: CoolDown %v must be at least an hour", c.CoolDown)
	}
	if c.Span == 0 {
		c.Span = DefaultSpan
	}
	if c.Span < 2 || c.Span > 365 {
		return c, fmt.Errorf("spike: config: Span %d days must be from 2 to 365", c.Span)
	}
	if c.Keep == 0 {
		c.Keep = DefaultKeep
	}
	if c.Keep < 24*time.Hour || c.Keep > 60*24*time.Hour || c.Keep%time.Hour != 0 {
		return c, fmt.Errorf("spike: config: Keep %v must be whole hours from 24 hours to 60 days", c.Keep)
	}
	return c, nil
}

// hours returns d in whole hours.
func hours(d time.Duration) int64 { return int64(d / time.Hour) }
