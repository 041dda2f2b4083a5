package spike

import (
	"math"
	"time"
)

// Suffixes of the message keys of Alert.Reason, after the caller's prefix;
// the catalogs hold their texts.
const (
	KeyReason     = ".reason"      // a window of 2 to 23 hours
	KeyReasonHour = ".reason_hour" // a window of one hour
	KeyReasonDay  = ".reason_day"  // a window of 24 hours
)

// Keys returns the message keys Reason may return for prefix.
func Keys(prefix string) []string {
	return []string{prefix + KeyReason, prefix + KeyReasonHour, prefix + KeyReasonDay}
}

// Alert is one spike: the window, what it held and the baseline it was
// compared with. Every number can be recomputed from the hourly counts; see
// the package comment for the method.
type Alert struct {
	Since, Until time.Time     // the window [Since, Until), in the series' Location
	Window       time.Duration // Until − Since
	Observed     int           // items in the window
	Expected     float64       // the baseline's mean for a window ending at this hour
	StdDev       float64       // the baseline's spread (σ), at least √max(Expected, 1)
	K            float64       // the sensitivity's k
	Threshold    float64       // Expected + K·StdDev; Observed exceeded it
	MinVolume    int           // the fewest items that may alert; Observed reached it
	BaselineDays int           // days of history behind the baseline, at most Span
	DayOff       bool          // the baseline was that of days off (weekend, holiday)
}

// Reason returns an i18n key and its arguments explaining the alert, such
// as "42 artikel tentang 'banjir' di Kota Jambi dalam 3 jam terakhir;
// biasanya 5 ± 2 pada jam ini (14 hari terakhir); ambang 11 (3σ)". The
// key is prefix and one of the KeyReason suffixes, by the window; subject
// is the caller's name of what is counted ("banjir", "Kota Jambi"). The
// arguments, in order: {0} Observed (int), {1} subject,
// {2} the window in hours (int), {3} Expected and {4} StdDev rounded to one
// decimal, {5} BaselineDays (int), {6} Threshold rounded to one decimal,
// {7} K (float64). Numbers stay numbers, so the translator writes them the
// reader's way ("2,5" in Indonesian, "2.5" in English).
func (a Alert) Reason(prefix, subject string) (key string, args []any) {
	h := int(a.Window / time.Hour)
	key = prefix + KeyReason
	switch h {
	case 1:
		key = prefix + KeyReasonHour
	case 24:
		key = prefix + KeyReasonDay
	}
	return key, []any{a.Observed, subject, h, round1(a.Expected), round1(a.StdDev),
		a.BaselineDays, round1(a.Threshold), a.K}
}

// round1 rounds to one decimal, as the explanation shows it.
func round1(f float64) float64 { return math.Round(f*10) / 10 }
