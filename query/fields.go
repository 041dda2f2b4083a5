package query

import (
	"strconv"
	"strings"
	"time"
)

// fieldNames maps every accepted field name, in lower case, to its
// canonical English name. The Indonesian aliases let analysts write the
// whole query in Indonesian.
var fieldNames = map[string]string{
	"title": "title", "judul": "title",
	"source": "source", "sumber": "source",
	"region": "region", "wilayah": "region",
	"lang": "lang", "bahasa": "lang",
	"sentiment": "sentiment", "sentimen": "sentiment",
	"type": "type", "jenis": "type",
	"agency": "agency", "instansi": "agency",
	"date": "date", "tanggal": "date",
}

// fieldList is the list of fields shown in the unknown-field message.
const fieldList = "title, source, region, lang, sentiment, type, agency, date"

// textFields are the fields whose values are searched text (terms and
// phrases); the other fields are filters.
var textFields = map[string]bool{"title": true}

// sentiments and types map accepted values (and Indonesian aliases) to the
// canonical value of a Filter.
var (
	sentiments = map[string]string{
		"positive": "positive", "positif": "positive",
		"neutral": "neutral", "netral": "neutral",
		"negative": "negative", "negatif": "negative",
	}
	types = map[string]string{
		"news": "news", "berita": "news",
		"social": "social", "sosial": "social",
		"print": "print", "cetak": "print",
		"tv": "tv", "radio": "radio", "blog": "blog", "forum": "forum", "video": "video",
	}
)

const (
	sentimentList = "positive, neutral, negative"
	typeList      = "news, social, print, tv, radio, blog, forum, video"
)

// filter turns the value token t of a filter field into a Filter.
func (p *parser) filter(field string, t token) (Node, *Error) {
	var v string
	if t.kind == tQuoted {
		if t.slop > 0 {
			return nil, p.errAt(t.off, keyProximityInFilter, field)
		}
		if len(t.words) == 0 {
			return nil, p.errAt(t.off, keyEmptyPhrase)
		}
		v = strings.Join(t.words, " ")
	} else {
		v = t.text
		if i := strings.IndexByte(v, '*'); i >= 0 {
			return nil, p.errAt(t.off+i, keyWildcardInFilter, field)
		}
	}
	switch field {
	case "sentiment", "type":
		m, list := sentiments, sentimentList
		if field == "type" {
			m, list = types, typeList
		}
		c, ok := m[strings.ToLower(v)]
		if !ok {
			return nil, p.errAt(t.off, keyBadValue, field, v, list)
		}
		v = c
	case "lang":
		v = strings.ToLower(v)
		if !isLangCode(v) {
			return nil, p.errAt(t.off, keyBadLang, v)
		}
	case "region":
		if v[0] >= '0' && v[0] <= '9' && !isRegionCode(v) {
			return nil, p.errAt(t.off, keyBadRegion, v)
		}
	}
	return &Filter{Field: field, Value: v}, nil
}

// IsLangCode reports whether s is written as a language code: two or three
// lower-case letters (ISO 639), as lang: takes them and the archive and the
// source registry store them.
func IsLangCode(s string) bool { return isLangCode(s) }

func isLangCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// isRegionCode reports whether s has the shape of a kode wilayah (Kemendagri):
// province 15, kabupaten/kota 15.71, kecamatan 15.71.01, desa 15.71.01.1001.
// IsRegionCode reports whether s is written as a kode wilayah ("15",
// "15.71", "15.71.01", "15.71.01.1001"), as region: takes it literally.
func IsRegionCode(s string) bool { return isRegionCode(s) }

func isRegionCode(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return false
	}
	for i, part := range parts {
		want := 2
		if i == 3 {
			want = 4
		}
		if len(part) != want {
			return false
		}
		for j := 0; j < len(part); j++ {
			if part[j] < '0' || part[j] > '9' {
				return false
			}
		}
	}
	return true
}

// parseDate parses the value token of date:.
func (p *parser) parseDate(t token) (Node, *Error) {
	s := t.text
	bad := p.errAt(t.off, keyBadDate, s)
	d := &DateFilter{}
	for _, op := range []DateOp{DateFrom, DateUntil, DateAfter, DateBefore} {
		if strings.HasPrefix(s, string(op)) {
			// A month or a year: after and until it count from its
			// last day, from and before it from its first.
			b, ok := parsePeriodBound(s[len(op):], op == DateAfter || op == DateUntil)
			if !ok {
				return nil, bad
			}
			d.Op, d.From = op, b
			return d, nil
		}
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, ok1 := parsePeriodBound(a, false)
		to, ok2 := parsePeriodBound(b, true)
		if !ok1 || !ok2 {
			return nil, bad
		}
		if from.after(to) {
			return nil, p.errAt(t.off, keyDateOrder)
		}
		d.Op, d.From, d.To = DateRange, from, to
		return d, nil
	}
	if first, last, ok := parsePeriod(s); ok {
		d.Op, d.From, d.To = DateRange, DateBound{Day: first}, DateBound{Day: last}
		return d, nil
	}
	b, ok := parseBound(s)
	if !ok || b.Day == "" || b.Clock != "" {
		return nil, bad
	}
	d.Op, d.From = DateOn, b
	return d, nil
}

// parsePeriodBound parses a bound as parseBound does, or a month
// (2026-01) or a year (2026) as its first day, or its last when last is
// set.
func parsePeriodBound(s string, last bool) (DateBound, bool) {
	first, end, ok := parsePeriod(s)
	switch {
	case !ok:
		return parseBound(s)
	case last:
		return DateBound{Day: end}, true
	}
	return DateBound{Day: first}, true
}

// parsePeriod parses a month (2026-01) or a year (2026) into its first and
// last days.
func parsePeriod(s string) (first, last string, ok bool) {
	var start, end time.Time
	switch len(s) {
	case len("2006"):
		t, err := time.Parse("2006", s)
		if err != nil {
			return "", "", false
		}
		start, end = t, t.AddDate(1, 0, -1)
	case len("2006-01"):
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return "", "", false
		}
		start, end = t, t.AddDate(0, 1, -1)
	default:
		return "", "", false
	}
	return start.Format(time.DateOnly), end.Format(time.DateOnly), true
}

// parseBound parses 2026-01-31, 2026-01-31T14:00 (or T14.00, as
// Indonesians write the time), now or now-7d.
func parseBound(s string) (DateBound, bool) {
	if s == "now" {
		return DateBound{}, true
	}
	if rest, ok := strings.CutPrefix(s, "now-"); ok {
		if len(rest) < 2 || len(rest) > 5 || strings.IndexByte("hdwmy", rest[len(rest)-1]) < 0 {
			return DateBound{}, false
		}
		n, err := strconv.Atoi(rest[:len(rest)-1])
		if err != nil || n < 1 || rest[0] < '0' || rest[0] > '9' {
			return DateBound{}, false
		}
		return DateBound{Ago: n, Unit: rest[len(rest)-1]}, true
	}
	day, clock, timed := strings.Cut(s, "T")
	if _, err := time.Parse(time.DateOnly, day); err != nil || len(day) != 10 {
		return DateBound{}, false
	}
	if !timed {
		return DateBound{Day: day}, true
	}
	clock = strings.Replace(clock, ".", ":", 1)
	if _, err := time.Parse("15:04", clock); err != nil || len(clock) != 5 {
		return DateBound{}, false
	}
	return DateBound{Day: day, Clock: clock}, true
}

// hours is the rough length of each unit, used only to order relative
// bounds.
var hours = map[byte]int{'h': 1, 'd': 24, 'w': 24 * 7, 'm': 24 * 30, 'y': 24 * 365}

// after reports whether b is certainly later than c. Bounds of different
// kinds (a day and a relative time) are not compared; a day and a moment
// of that same day are not either (the day stands for all of it).
func (b DateBound) after(c DateBound) bool {
	switch {
	case b.Day != "" && c.Day != "":
		if b.Day == c.Day && b.Clock != "" && c.Clock != "" {
			return b.Clock > c.Clock
		}
		return b.Day > c.Day
	case b.Day == "" && c.Day == "":
		return b.Ago*hours[b.Unit] < c.Ago*hours[c.Unit]
	}
	return false
}

// Time returns the moment b stands for when the query runs at now, in loc
// (a day starts at midnight in loc). Matching by whole days (DateOn, the
// end of DateRange) is the matcher's business.
func (b DateBound) Time(now time.Time, loc *time.Location) time.Time {
	if b.Clock != "" {
		t, _ := time.ParseInLocation(time.DateOnly+"T15:04", b.Day+"T"+b.Clock, loc)
		return t
	}
	if b.Day != "" {
		t, _ := time.ParseInLocation(time.DateOnly, b.Day, loc)
		return t
	}
	now = now.In(loc)
	switch b.Unit {
	case 'h':
		return now.Add(-time.Duration(b.Ago) * time.Hour)
	case 'd':
		return now.AddDate(0, 0, -b.Ago)
	case 'w':
		return now.AddDate(0, 0, -7*b.Ago)
	case 'm':
		return now.AddDate(0, -b.Ago, 0)
	case 'y':
		return now.AddDate(-b.Ago, 0, 0)
	}
	return now
}

// CanonicalValue returns the canonical value of a sentiment or type written
// in English or Indonesian ("negatif" → "negative", "berita" → "news"), or
// v itself when it is not one: the archive stores what the filters compare.
func CanonicalValue(field, v string) string {
	m := sentiments
	if field == "type" {
		m = types
	}
	if c, ok := m[strings.ToLower(v)]; ok {
		return c
	}
	return v
}
