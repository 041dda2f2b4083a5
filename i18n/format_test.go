package i18n

import (
	"math"
	"testing"
	"time"
)

// Zones of Indonesia, as an agency's configuration would give them.
var (
	wib  = time.FixedZone("WIB", 7*3600)
	wita = time.FixedZone("WITA", 8*3600)
	wit  = time.FixedZone("WIT", 9*3600)
)

// translators returns the Indonesian and English translators.
func translators(t testing.TB) map[Lang]*Translator {
	c := loadTest(t)
	return map[Lang]*Translator{ID: c.Translator(ID), EN: c.Translator(EN)}
}

// dateCase is one input to the date and time formatters.
type dateCase struct {
	tm   time.Time
	loc  *time.Location
	zone string
	want map[Lang]string
}

// checkDates runs one date formatter, named call, over tests in both
// languages.
func checkDates(t *testing.T, call string, format func(*Translator, time.Time, *time.Location, string) string, tests []dateCase) {
	t.Helper()
	trs := translators(t)
	for _, tt := range tests {
		for _, l := range Langs {
			if got := format(trs[l], tt.tm, tt.loc, tt.zone); got != tt.want[l] {
				t.Errorf("Translator(%q).%s(%s, %v, %q) = %q, want %q",
					l, call, tt.tm.Format(time.RFC3339), tt.loc, tt.zone, got, tt.want[l])
			}
		}
	}
}

var (
	// 2026-11-23 02:30 UTC is Monday 09.30 in WIB.
	monday = time.Date(2026, 11, 23, 2, 30, 0, 0, time.UTC)
	// 2026-01-04 17:05 UTC is already Monday 5 January in WIT.
	newYear = time.Date(2026, 1, 4, 17, 5, 0, 0, time.UTC)
)

func TestDate(t *testing.T) {
	checkDates(t, "Date", (*Translator).Date, []dateCase{
		{monday, wib, "WIB", map[Lang]string{ID: "Senin, 23 November 2026", EN: "Monday, 23 November 2026"}},
		{newYear, wit, "WIT", map[Lang]string{ID: "Senin, 5 Januari 2026", EN: "Monday, 5 January 2026"}},
		{newYear, nil, "WIT", map[Lang]string{ID: "Minggu, 4 Januari 2026", EN: "Sunday, 4 January 2026"}},
		{time.Date(2026, 8, 17, 10, 0, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "Senin, 17 Agustus 2026", EN: "Monday, 17 August 2026"}},
		{time.Date(2027, 5, 7, 0, 0, 0, 0, wita), wita, "WITA", map[Lang]string{ID: "Jumat, 7 Mei 2027", EN: "Friday, 7 May 2027"}},
	})
}

// TestDateNames checks every day and month name against the tables.
func TestDateNames(t *testing.T) {
	days := map[Lang][]string{
		ID: {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
		EN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	}
	months := map[Lang][]string{
		ID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
		EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
	trs := translators(t)
	for _, l := range Langs {
		// 1 March 2026 is a Sunday.
		for i, day := range days[l] {
			tm := time.Date(2026, 3, 1+i, 12, 0, 0, 0, time.UTC)
			want := day + ", " + string(rune('1'+i)) + " " + months[l][2] + " 2026"
			if got := trs[l].Date(tm, time.UTC, "UTC"); got != want {
				t.Errorf("Translator(%q).Date(%s, UTC, %q) = %q, want %q", l, tm.Format(time.DateOnly), "UTC", got, want)
			}
		}
		for i, month := range months[l] {
			tm := time.Date(2026, time.Month(i+1), 1, 12, 0, 0, 0, time.UTC)
			got := trs[l].Date(tm, time.UTC, "UTC")
			if want := days[l][tm.Weekday()] + ", 1 " + month + " 2026"; got != want {
				t.Errorf("Translator(%q).Date(%s, UTC, %q) = %q, want %q", l, tm.Format(time.DateOnly), "UTC", got, want)
			}
		}
	}
}

func TestDateTime(t *testing.T) {
	checkDates(t, "DateTime", (*Translator).DateTime, []dateCase{
		{monday, wib, "WIB", map[Lang]string{ID: "Senin, 23 November 2026 09.30 WIB", EN: "Monday, 23 November 2026 09:30 WIB"}},
		{monday, wita, "WITA", map[Lang]string{ID: "Senin, 23 November 2026 10.30 WITA", EN: "Monday, 23 November 2026 10:30 WITA"}},
		{monday, wit, "WIT", map[Lang]string{ID: "Senin, 23 November 2026 11.30 WIT", EN: "Monday, 23 November 2026 11:30 WIT"}},
		{newYear, wit, "WIT", map[Lang]string{ID: "Senin, 5 Januari 2026 02.05 WIT", EN: "Monday, 5 January 2026 02:05 WIT"}},
		// No location: UTC, whatever label the caller gave.
		{monday, nil, "WIB", map[Lang]string{ID: "Senin, 23 November 2026 02.30 UTC", EN: "Monday, 23 November 2026 02:30 UTC"}},
		// No label: the location's own abbreviation.
		{monday, wib, "", map[Lang]string{ID: "Senin, 23 November 2026 09.30 WIB", EN: "Monday, 23 November 2026 09:30 WIB"}},
		{time.Date(2026, 12, 31, 23, 59, 59, 0, wib), wib, "WIB", map[Lang]string{ID: "Kamis, 31 Desember 2026 23.59 WIB", EN: "Thursday, 31 December 2026 23:59 WIB"}},
		{time.Date(2026, 2, 28, 0, 0, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "Sabtu, 28 Februari 2026 00.00 WIB", EN: "Saturday, 28 February 2026 00:00 WIB"}},
	})
}

func TestShortDateTime(t *testing.T) {
	checkDates(t, "ShortDateTime", (*Translator).ShortDateTime, []dateCase{
		{monday, wib, "WIB", map[Lang]string{ID: "23 Nov 2026 09.30 WIB", EN: "23 Nov 2026 09:30 WIB"}},
		{newYear, wit, "WIT", map[Lang]string{ID: "5 Jan 2026 02.05 WIT", EN: "5 Jan 2026 02:05 WIT"}},
		{time.Date(2026, 5, 1, 13, 0, 0, 0, wita), wita, "WITA", map[Lang]string{ID: "1 Mei 2026 13.00 WITA", EN: "1 May 2026 13:00 WITA"}},
		{time.Date(2026, 8, 17, 10, 0, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "17 Agu 2026 10.00 WIB", EN: "17 Aug 2026 10:00 WIB"}},
		{time.Date(2026, 10, 28, 8, 0, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "28 Okt 2026 08.00 WIB", EN: "28 Oct 2026 08:00 WIB"}},
		{time.Date(2026, 12, 25, 20, 15, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "25 Des 2026 20.15 WIB", EN: "25 Dec 2026 20:15 WIB"}},
		{monday, nil, "", map[Lang]string{ID: "23 Nov 2026 02.30 UTC", EN: "23 Nov 2026 02:30 UTC"}},
	})
}

func TestTime(t *testing.T) {
	checkDates(t, "Time", (*Translator).Time, []dateCase{
		{monday, wib, "WIB", map[Lang]string{ID: "09.30 WIB", EN: "09:30 WIB"}},
		{monday, wita, "WITA", map[Lang]string{ID: "10.30 WITA", EN: "10:30 WITA"}},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, wit), wit, "WIT", map[Lang]string{ID: "00.00 WIT", EN: "00:00 WIT"}},
		{time.Date(2026, 1, 1, 23, 59, 0, 0, wib), wib, "WIB", map[Lang]string{ID: "23.59 WIB", EN: "23:59 WIB"}},
		{monday, nil, "WIB", map[Lang]string{ID: "02.30 UTC", EN: "02:30 UTC"}},
	})
}

func TestNumber(t *testing.T) {
	tests := []struct {
		n      int64
		id, en string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{12345, "12.345", "12,345"},
		{123456, "123.456", "123,456"},
		{1234567, "1.234.567", "1,234,567"},
		{-1, "-1", "-1"},
		{-999, "-999", "-999"},
		{-1000, "-1.000", "-1,000"},
		{-1234567, "-1.234.567", "-1,234,567"},
		{math.MaxInt64, "9.223.372.036.854.775.807", "9,223,372,036,854,775,807"},
		{math.MinInt64, "-9.223.372.036.854.775.808", "-9,223,372,036,854,775,808"},
	}
	trs := translators(t)
	for _, tt := range tests {
		for l, want := range map[Lang]string{ID: tt.id, EN: tt.en} {
			if got := trs[l].Number(tt.n); got != want {
				t.Errorf("Translator(%q).Number(%d) = %q, want %q", l, tt.n, got, want)
			}
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		f      float64
		digits int
		id, en string
	}{
		{1234.56, 2, "1.234,56", "1,234.56"},
		{1234.5, 2, "1.234,50", "1,234.50"},
		{1234.567, 2, "1.234,57", "1,234.57"},
		{1234.567, 0, "1.235", "1,235"},
		{0, 2, "0,00", "0.00"},
		{0.5, 1, "0,5", "0.5"},
		{-1234567.891, 1, "-1.234.567,9", "-1,234,567.9"},
		{-0.001, 2, "0,00", "0.00"}, // rounds to zero: no minus sign
		{math.Copysign(0, -1), 1, "0,0", "0.0"},
		{999.996, 2, "1.000,00", "1,000.00"},
		{1234.5, -1, "1.234,5", "1,234.5"},
		{0.1, -1, "0,1", "0.1"},
		{1e21, -1, "1.000.000.000.000.000.000.000", "1,000,000,000,000,000,000,000"},
		{math.NaN(), 2, "NaN", "NaN"},
		{math.Inf(1), 2, "∞", "∞"},
		{math.Inf(-1), 2, "-∞", "-∞"},
	}
	trs := translators(t)
	for _, tt := range tests {
		for l, want := range map[Lang]string{ID: tt.id, EN: tt.en} {
			if got := trs[l].Decimal(tt.f, tt.digits); got != want {
				t.Errorf("Translator(%q).Decimal(%v, %d) = %q, want %q", l, tt.f, tt.digits, got, want)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		f      float64
		digits int
		id, en string
	}{
		{12.5, 1, "12,5%", "12.5%"},
		{12.5, 0, "12%", "12%"}, // half to even
		{100, 0, "100%", "100%"},
		{0, 1, "0,0%", "0.0%"},
		{33.333, 2, "33,33%", "33.33%"},
		{-4.25, 1, "-4,2%", "-4.2%"},
		{1250.5, 1, "1.250,5%", "1,250.5%"},
	}
	trs := translators(t)
	for _, tt := range tests {
		for l, want := range map[Lang]string{ID: tt.id, EN: tt.en} {
			if got := trs[l].Percent(tt.f, tt.digits); got != want {
				t.Errorf("Translator(%q).Percent(%v, %d) = %q, want %q", l, tt.f, tt.digits, got, want)
			}
		}
	}
}

func TestRelativeTime(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 30, 0, 0, wib)
	tests := []struct {
		ago    time.Duration
		id, en string
	}{
		{0, "baru saja", "just now"},
		{59 * time.Second, "baru saja", "just now"},
		{-30 * time.Second, "baru saja", "just now"}, // a clock slightly ahead
		{time.Minute, "1 menit yang lalu", "1 minute ago"},
		{5*time.Minute + 59*time.Second, "5 menit yang lalu", "5 minutes ago"},
		{59 * time.Minute, "59 menit yang lalu", "59 minutes ago"},
		{time.Hour, "1 jam yang lalu", "1 hour ago"},
		{2*time.Hour + 10*time.Minute, "2 jam yang lalu", "2 hours ago"},
		{23 * time.Hour, "23 jam yang lalu", "23 hours ago"},
		{24 * time.Hour, "1 hari yang lalu", "1 day ago"},
		{3*24*time.Hour + 5*time.Hour, "3 hari yang lalu", "3 days ago"},
		{7*24*time.Hour - time.Second, "6 hari yang lalu", "6 days ago"},
		{7 * 24 * time.Hour, "Senin, 16 November 2026", "Monday, 16 November 2026"},
		{400 * 24 * time.Hour, "Minggu, 19 Oktober 2025", "Sunday, 19 October 2025"},
		{-2 * time.Minute, "Senin, 23 November 2026", "Monday, 23 November 2026"}, // the future
	}
	trs := translators(t)
	for _, tt := range tests {
		tm := now.Add(-tt.ago)
		for l, want := range map[Lang]string{ID: tt.id, EN: tt.en} {
			if got := trs[l].RelativeTime(tm, now); got != want {
				t.Errorf("Translator(%q).RelativeTime(now-%v, now) = %q, want %q", l, tt.ago, got, want)
			}
		}
	}
}

// TestRelativeTimeUsesLocation checks that a date falls on tm's own
// calendar day: 16 Nov 20:00 UTC is already 17 Nov in WIB.
func TestRelativeTimeUsesLocation(t *testing.T) {
	tr := translators(t)[ID]
	tm := time.Date(2026, 11, 16, 20, 0, 0, 0, time.UTC)
	now := tm.Add(10 * 24 * time.Hour)
	tests := []struct {
		tm   time.Time
		want string
	}{
		{tm, "Senin, 16 November 2026"},
		{tm.In(wib), "Selasa, 17 November 2026"},
	}
	for _, tt := range tests {
		if got := tr.RelativeTime(tt.tm, now); got != tt.want {
			t.Errorf("RelativeTime(%s, now) = %q, want %q", tt.tm.Format(time.RFC3339), got, tt.want)
		}
	}
}

func BenchmarkDateTime(b *testing.B) {
	tr := translators(b)[ID]
	for b.Loop() {
		tr.DateTime(monday, wib, "WIB")
	}
}

func TestShortDateAndClock(t *testing.T) {
	// 23:30 UTC on 16 August is the 17th in WIB.
	tm := time.Date(2026, 8, 16, 23, 30, 0, 0, time.UTC)
	checkDates(t, "ShortDate", func(tr *Translator, tm time.Time, loc *time.Location, _ string) string {
		return tr.ShortDate(tm, loc)
	}, []dateCase{
		{tm: tm, loc: wib, want: map[Lang]string{ID: "17 Agu", EN: "17 Aug"}},
		{tm: tm, loc: nil, want: map[Lang]string{ID: "16 Agu", EN: "16 Aug"}},
	})
	checkDates(t, "Clock", func(tr *Translator, tm time.Time, loc *time.Location, _ string) string {
		return tr.Clock(tm, loc)
	}, []dateCase{
		{tm: tm, loc: wit, want: map[Lang]string{ID: "08.30", EN: "08:30"}},
		{tm: tm, loc: nil, want: map[Lang]string{ID: "23.30", EN: "23:30"}},
	})
}
