package feed

import (
	"strconv"
	"strings"
	"time"
)

// Offsets of Indonesia's three zones. A date written without a zone is
// taken as WIB, where most Indonesian newsrooms are.
const (
	wib  = 7 * 3600
	wita = 8 * 3600
	wit  = 9 * 3600
)

// zoneKind says how a parsed date gave its zone.
type zoneKind int

const (
	zoneNone     zoneKind = iota // none written: WIB assumed
	zoneLocal                    // WIB, WITA or WIT, which gofeed does not know
	zoneExplicit                 // a numeric offset, Z, UTC or GMT
)

// ParseTime parses a date as feeds and news pages write it, in English or
// Indonesian, and returns it in UTC. It reads RFC 3339 and RFC 822/1123
// dates and the usual variants: day and month names in either language
// (Senin, Jum'at, Mei, Agustus, Agu, Okt, Des, also Pebruari and
// Nopember), the zones WIB (+07:00), WITA (+08:00) and WIT (+09:00),
// numeric offsets ("+0700", "GMT+7"), "10.00" for "10:00", "|", "-" and
// "pukul" between date and time, and day-first numeric dates (23/11/2026).
// A date without a zone is taken as WIB; a date without a time as its
// midnight. Relative dates ("2 jam yang lalu") are not read.
func ParseTime(s string) (time.Time, bool) {
	t, _, ok := parseTime(s)
	return t, ok
}

// pickTime chooses between gofeed's reading of a date (parsed, nil if it
// failed) and ours. gofeed's is used when it succeeded, except where it is
// known to be wrong: it reads an unknown zone name such as WIB as UTC and
// a date without a zone as UTC, where Indonesian feeds mean WIB.
func pickTime(raw string, parsed *time.Time) time.Time {
	own, zone, ok := parseTime(raw)
	if parsed != nil && !parsed.IsZero() && (!ok || zone == zoneExplicit) {
		return parsed.UTC()
	}
	if ok {
		return own
	}
	return time.Time{}
}

// dateParts collects the fields of a date as parseTime finds them.
type dateParts struct {
	year, month, day     int
	hour, minute, second int
	nanos                int
	meridiem             byte // 'a', 'p' or 0
	hasTime              bool
	offset               int // seconds east of UTC
	zone                 zoneKind
}

func parseTime(s string) (time.Time, zoneKind, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, zoneNone, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), zoneExplicit, true
	}
	var p dateParts
	for _, f := range strings.Fields(strings.Map(separator, strings.ToLower(s))) {
		if !p.field(f) {
			return time.Time{}, zoneNone, false
		}
	}
	t, ok := p.instant()
	return t, p.zone, ok
}

// separator turns the punctuation sites put between the parts of a date
// into spaces.
func separator(r rune) rune {
	switch r {
	case ',', '|', '(', ')', '[', ']', '–', '—', '•', '·', '\u00a0':
		return ' '
	}
	return r
}

// field reads one space-separated field into p; false means the string is
// not a date this parser reads.
func (p *dateParts) field(f string) bool {
	f = strings.TrimRight(f, ":.")
	if f == "" || f == "-" || skipWords[f] || dayNames[f] {
		return true
	}
	if p.zoneName(f) || p.meridiemWord(f) {
		return true
	}
	if m, ok := monthNames[f]; ok {
		return p.set(&p.month, m)
	}
	if f[0] == '+' || f[0] == '-' {
		return p.numericOffset(f)
	}
	if !isDigit(f[0]) {
		return false
	}
	if n, ok := ordinal(f); ok { // 23rd
		return p.number(n)
	}
	if i := strings.IndexByte(f, 't'); i > 0 { // 2026-11-23t10:00:00+07:00
		return p.date(f[:i]) && p.clock(f[i+1:])
	}
	if strings.Contains(f, ":") || isDottedClock(f) {
		return p.clock(f)
	}
	if strings.ContainsAny(f, "-/.") {
		return p.date(f)
	}
	return p.number(f)
}

// ordinal returns the number of an English ordinal day ("1st", "23rd").
func ordinal(f string) (string, bool) {
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(f, suffix); ok && allDigits(n) {
			return n, true
		}
	}
	return "", false
}

// skipWords are words sites write around a date that carry nothing.
var skipWords = map[string]bool{
	"pukul": true, "jam": true, "at": true, "on": true, "tanggal": true, "tgl": true,
	"diperbarui": true, "dipublikasikan": true, "diterbitkan": true, "terbit": true,
	"published": true, "updated": true, "update": true, "posted": true,
}

// dayNames are the weekday names, which a date needs not: they are skipped.
var dayNames = map[string]bool{
	"senin": true, "selasa": true, "rabu": true, "kamis": true, "jumat": true, "jum'at": true,
	"jum’at": true, "sabtu": true, "minggu": true, "ahad": true,
	"sen": true, "sel": true, "rab": true, "kam": true, "jum": true, "sab": true, "min": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
}

// monthNames holds English and Indonesian month names, full and short,
// with the old spellings Pebruari and Nopember still seen on sites.
var monthNames = map[string]int{
	"januari": 1, "january": 1, "jan": 1,
	"februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
	"maret": 3, "march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"agustus": 8, "august": 8, "agu": 8, "ags": 8, "agt": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nopember": 11, "nov": 11, "nop": 11,
	"desember": 12, "december": 12, "des": 12, "dec": 12,
}

// zoneName reads WIB, WITA, WIT, UTC, GMT (also "gmt+7") and Z.
func (p *dateParts) zoneName(f string) bool {
	switch f {
	case "wib":
		return p.setZone(wib, zoneLocal)
	case "wita":
		return p.setZone(wita, zoneLocal)
	case "wit":
		return p.setZone(wit, zoneLocal)
	case "utc", "gmt", "ut", "z":
		return p.setZone(0, zoneExplicit)
	}
	for _, prefix := range []string{"gmt", "utc"} {
		if rest, ok := strings.CutPrefix(f, prefix); ok && rest != "" && (rest[0] == '+' || rest[0] == '-') {
			return p.numericOffset(rest)
		}
	}
	return false
}

func (p *dateParts) setZone(offset int, kind zoneKind) bool {
	if p.zone != zoneNone {
		// "+0700 (WIB)" says the same thing twice; the number wins.
		return true
	}
	p.offset, p.zone = offset, kind
	return true
}

// meridiemWord reads am/pm.
func (p *dateParts) meridiemWord(f string) bool {
	switch strings.ReplaceAll(f, ".", "") {
	case "am":
		p.meridiem = 'a'
	case "pm":
		p.meridiem = 'p'
	default:
		return false
	}
	return true
}

// numericOffset reads "+0700", "+07:00", "+07" or "+7".
func (p *dateParts) numericOffset(f string) bool {
	sign := 1
	if f[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(f[1:], ":", "")
	if digits == "" || len(digits) > 4 || !allDigits(digits) {
		return false
	}
	h, m := 0, 0
	switch len(digits) {
	case 1, 2:
		h, _ = strconv.Atoi(digits)
	case 3:
		h, _ = strconv.Atoi(digits[:1])
		m, _ = strconv.Atoi(digits[1:])
	case 4:
		h, _ = strconv.Atoi(digits[:2])
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 14 || m > 59 {
		return false
	}
	p.offset, p.zone = sign*(h*3600+m*60), zoneExplicit
	return true
}

// isDottedClock reports whether f is a time written with dots ("10.00",
// "10.00.00"), as Indonesian sites do, rather than a date (23.11.2026).
func isDottedClock(f string) bool {
	parts := strings.Split(f, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, part := range parts {
		if len(part) == 0 || len(part) > 2 || !allDigits(part) {
			return false
		}
	}
	return true
}

// clock reads "10:00", "10:00:00", "10.00", with fractional seconds and a
// zone ("z", "+07:00") attached.
func (p *dateParts) clock(f string) bool {
	if p.hasTime || f == "" {
		return false
	}
	if strings.HasSuffix(f, "z") {
		f = strings.TrimSuffix(f, "z")
		p.setZone(0, zoneExplicit)
	}
	if i := strings.IndexAny(f, "+-"); i > 0 {
		if !p.numericOffset(f[i:]) {
			return false
		}
		f = f[:i]
	}
	sep := ":"
	if !strings.Contains(f, ":") {
		sep = "."
	}
	parts := strings.Split(f, sep)
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	if len(parts) == 3 {
		sec, frac, _ := strings.Cut(parts[2], ".")
		parts[2] = sec
		if frac != "" {
			if len(frac) > 9 || !allDigits(frac) {
				return false
			}
			n, _ := strconv.Atoi(frac + strings.Repeat("0", 9-len(frac)))
			p.nanos = n
		}
	}
	vals := [3]int{}
	for i, part := range parts {
		if len(part) == 0 || len(part) > 2 || !allDigits(part) {
			return false
		}
		vals[i], _ = strconv.Atoi(part)
	}
	p.hour, p.minute, p.second, p.hasTime = vals[0], vals[1], vals[2], true
	return true
}

// date reads a numeric date: 2026-11-23, 2026/11/23, 23-11-2026,
// 23/11/2026, 23.11.2026, and 23-nov-2026. A date not starting with the
// year is read day first, as Indonesians write it, unless its second number
// cannot be a month and its first can (11/23/2026).
func (p *dateParts) date(f string) bool {
	parts := strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 || p.year != 0 {
		return false
	}
	if len(parts[0]) == 4 { // year first
		return p.number(parts[0]) && p.monthPart(parts[1]) && p.set(&p.day, atoi(parts[2]))
	}
	if !allDigits(parts[0]) || !allDigits(parts[2]) {
		return false
	}
	a, b := atoi(parts[0]), parts[1]
	if m, ok := monthNames[b]; ok {
		return p.set(&p.day, a) && p.set(&p.month, m) && p.yearPart(parts[2])
	}
	if !allDigits(b) {
		return false
	}
	day, month := a, atoi(b)
	if month > 12 && day <= 12 { // 11/23/2026
		day, month = month, day
	}
	return p.set(&p.day, day) && p.set(&p.month, month) && p.yearPart(parts[2])
}

func (p *dateParts) monthPart(s string) bool {
	if m, ok := monthNames[s]; ok {
		return p.set(&p.month, m)
	}
	return allDigits(s) && p.set(&p.month, atoi(s))
}

func (p *dateParts) yearPart(s string) bool {
	switch len(s) {
	case 4:
		return p.set(&p.year, atoi(s))
	case 2:
		return p.set(&p.year, 2000+atoi(s))
	}
	return false
}

// number reads a lone number: a four-digit year, a day, or (after the day,
// month and no year yet) a two-digit year as RFC 822 allows.
func (p *dateParts) number(f string) bool {
	if f == "" || len(f) > 4 || !allDigits(f) {
		return false
	}
	n := atoi(f)
	switch {
	case len(f) == 4:
		return p.set(&p.year, n)
	case p.day == 0:
		return p.set(&p.day, n)
	case len(f) == 2 && p.month != 0:
		return p.set(&p.year, 2000+n)
	}
	return false
}

// set stores v in a field not yet set; a second value is not a date.
func (p *dateParts) set(field *int, v int) bool {
	if *field != 0 || v <= 0 {
		return false
	}
	*field = v
	return true
}

// instant checks the parts and builds the time they name.
func (p *dateParts) instant() (time.Time, bool) {
	if p.year < 1970 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1 {
		return time.Time{}, false
	}
	if p.day > time.Date(p.year, time.Month(p.month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, false
	}
	hour := p.hour
	switch p.meridiem {
	case 'a', 'p':
		if !p.hasTime || hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		if hour == 12 {
			hour = 0
		}
		if p.meridiem == 'p' {
			hour += 12
		}
	}
	if hour > 23 || p.minute > 59 || p.second > 60 {
		return time.Time{}, false
	}
	second := min(p.second, 59) // a leap second is read as the second before
	offset := p.offset
	if p.zone == zoneNone {
		offset = wib
	}
	t := time.Date(p.year, time.Month(p.month), p.day, hour, p.minute, second, p.nanos, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// atoi reads digits already checked; anything else is 0 (not a date).
func atoi(s string) int {
	if !allDigits(s) || len(s) > 9 {
		return 0
	}
	n, _ := strconv.Atoi(s)
	return n
}
