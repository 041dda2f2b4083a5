package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// locale is the formatting data of one language. The values are fixed
// tables, never modified.
type locale struct {
	days        [7]string  // indexed by time.Weekday, Sunday first
	months      [12]string // January first
	shortMonths [12]string
	timeSep     byte // between hours and minutes
	group       byte // between groups of three integer digits
	decimal     byte // before the fraction
	justNow     string
	units       [3][2]string // minute, hour, day; singular and plural
	ago         string       // appended to "<n> <unit>"
}

// Indonesian follows the Pedoman Umum Ejaan Bahasa Indonesia (PUEBI): a
// period between hours and minutes ("09.30") and in thousands ("1.234"), a
// comma before decimals ("1.234,56").
var indonesian = locale{
	days:        [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
	months:      [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	shortMonths: [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
	timeSep:     '.',
	group:       '.',
	decimal:     ',',
	justNow:     "baru saja",
	units:       [3][2]string{{"menit", "menit"}, {"jam", "jam"}, {"hari", "hari"}},
	ago:         " yang lalu",
}

// english keeps the day-month-year order of the Indonesian dates, as
// British English does, so both languages read the same date the same way.
var english = locale{
	days:        [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	shortMonths: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	timeSep:     ':',
	group:       ',',
	decimal:     '.',
	justNow:     "just now",
	units:       [3][2]string{{"minute", "minutes"}, {"hour", "hours"}, {"day", "days"}},
	ago:         " ago",
}

// locale returns the formatting data of the translator's language;
// Indonesian for any language without its own.
func (t *Translator) locale() *locale {
	if t.Lang() == EN {
		return &english
	}
	return &indonesian
}

// inZone returns tm in loc with the zone label to print: zone when given,
// else the abbreviation loc uses at that instant. A nil loc means UTC,
// labelled "UTC" whatever zone says, since a label must match the clock.
func inZone(tm time.Time, loc *time.Location, zone string) (time.Time, string) {
	if loc == nil {
		return tm.UTC(), "UTC"
	}
	tm = tm.In(loc)
	if zone == "" {
		zone, _ = tm.Zone()
	}
	return tm, zone
}

// Date formats the calendar day of tm in loc: "Senin, 23 November 2026" in
// Indonesian, "Monday, 23 November 2026" in English. zone is accepted so
// that all date formatters take the same arguments; the date shows none.
func (t *Translator) Date(tm time.Time, loc *time.Location, zone string) string {
	tm, _ = inZone(tm, loc, zone)
	return t.date(tm)
}

// date formats tm's weekday and day in tm's own location.
func (t *Translator) date(tm time.Time) string {
	lc := t.locale()
	return lc.days[tm.Weekday()] + ", " + strconv.Itoa(tm.Day()) + " " +
		lc.months[tm.Month()-1] + " " + strconv.Itoa(tm.Year())
}

// DateTime formats tm in loc as a date, a 24-hour time and the zone label:
// "Senin, 23 November 2026 09.30 WIB" in Indonesian, "Monday, 23 November
// 2026 09:30 WIB" in English. zone is the label of the agency's time zone
// ("WIB", "WITA", "WIT"); when empty, loc's own abbreviation is used. A nil
// loc formats in UTC, labelled "UTC".
func (t *Translator) DateTime(tm time.Time, loc *time.Location, zone string) string {
	tm, zone = inZone(tm, loc, zone)
	return t.date(tm) + " " + t.clock(tm) + " " + zone
}

// ShortDateTime formats tm in loc compactly, for lists and tables: "23 Nov
// 2026 09.30 WIB" in Indonesian, "23 Nov 2026 09:30 WIB" in English. zone
// and loc are as for DateTime.
func (t *Translator) ShortDateTime(tm time.Time, loc *time.Location, zone string) string {
	tm, zone = inZone(tm, loc, zone)
	lc := t.locale()
	return strconv.Itoa(tm.Day()) + " " + lc.shortMonths[tm.Month()-1] + " " +
		strconv.Itoa(tm.Year()) + " " + t.clock(tm) + " " + zone
}

// Time formats the 24-hour time of tm in loc with the zone label: "09.30
// WIB" in Indonesian, "09:30 WIB" in English. zone and loc are as for
// DateTime.
func (t *Translator) Time(tm time.Time, loc *time.Location, zone string) string {
	tm, zone = inZone(tm, loc, zone)
	return t.clock(tm) + " " + zone
}

// clock formats the hours and minutes of tm as "09.30" or "09:30".
func (t *Translator) clock(tm time.Time) string {
	h, m := tm.Hour(), tm.Minute()
	return string([]byte{
		byte('0' + h/10), byte('0' + h%10),
		t.locale().timeSep,
		byte('0' + m/10), byte('0' + m%10),
	})
}

// Number formats an integer with grouped thousands: "-1.234.567" in
// Indonesian, "-1,234,567" in English.
func (t *Translator) Number(n int64) string {
	return t.localize(strconv.FormatInt(n, 10))
}

// Decimal formats f with digits digits after the decimal separator, rounded
// half to even, with grouped thousands: Decimal(1234.56, 2) is "1.234,56" in
// Indonesian, "1,234.56" in English. A negative digits uses as few digits
// as needed to represent f exactly. A result that rounds to zero carries no
// minus sign. NaN and the infinities are written "NaN", "∞" and "-∞".
func (t *Translator) Decimal(f float64, digits int) string {
	return t.float(f, digits, 64)
}

// Percent formats f, a value in percent (12.5 for twelve and a half
// percent, not 0.125), as Decimal does, followed by a percent sign with no
// space: "12,5%" in Indonesian, "12.5%" in English.
func (t *Translator) Percent(f float64, digits int) string {
	return t.Decimal(f, digits) + "%"
}

// float formats f as Decimal does; bitSize is 32 for a float32 argument, so
// that it is written with the digits a float32 holds.
func (t *Translator) float(f float64, digits, bitSize int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	}
	if digits < 0 {
		digits = -1
	}
	s := strconv.FormatFloat(f, 'f', digits, bitSize)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "-0,00"
	}
	return t.localize(s)
}

// localize rewrites a number formatted by strconv ("-1234567.89") with the
// language's separators ("-1.234.567,89").
func (t *Translator) localize(s string) string {
	lc := t.locale()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(lc.group)
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteByte(lc.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// RelativeTime says how long before now tm was: "baru saja", "5 menit yang
// lalu", "2 jam yang lalu", "3 hari yang lalu" in Indonesian; "just now",
// "5 minutes ago", "1 hour ago", "3 days ago" in English. Under a minute,
// including a moment in the future as clocks drift, is "just now". From a
// week ago, or more than a minute ahead, it gives the Date of tm in tm's own
// location, so pass tm.In(agencyLocation) to show the agency's calendar day.
func (t *Translator) RelativeTime(tm, now time.Time) string {
	lc := t.locale()
	d := now.Sub(tm)
	var n int64
	var unit int
	switch {
	case d < -time.Minute || d >= 7*24*time.Hour:
		return t.date(tm)
	case d < time.Minute:
		return lc.justNow
	case d < time.Hour:
		n, unit = int64(d/time.Minute), 0
	case d < 24*time.Hour:
		n, unit = int64(d/time.Hour), 1
	default:
		n, unit = int64(d/(24*time.Hour)), 2
	}
	word := lc.units[unit][1]
	if n == 1 {
		word = lc.units[unit][0]
	}
	return t.Number(n) + " " + word + lc.ago
}

// ShortDate formats the calendar day of tm in loc with a short month and
// no year, for chart axes: "23 Nov" in both languages ("23 Agu" and "23
// Aug" in August). A nil loc is UTC.
func (t *Translator) ShortDate(tm time.Time, loc *time.Location) string {
	tm, _ = inZone(tm, loc, "")
	return strconv.Itoa(tm.Day()) + " " + t.locale().shortMonths[tm.Month()-1]
}

// Clock formats the 24-hour time of tm in loc without a zone label, for
// chart axes whose zone is said once: "07.30" in Indonesian, "07:30" in
// English. A nil loc is UTC.
func (t *Translator) Clock(tm time.Time, loc *time.Location) string {
	tm, _ = inZone(tm, loc, "")
	return t.clock(tm)
}
