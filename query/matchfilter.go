package query

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// proxMatcher matches `"a b"~N`: every word (folded) at its own position,
// the first and last of them at most N positions apart, in any order. A
// word written twice needs two occurrences.
type proxMatcher struct {
	field string
	words []string // distinct folded words
	need  []int    // occurrences needed of each word
	slop  int
}

func newProxMatcher(field string, words []string, slop int) proxMatcher {
	m := proxMatcher{field: field, slop: slop}
	m.words, m.need = Distinct(words)
	return m
}

// Distinct returns the distinct words of a proximity phrase, in order of
// first occurrence, and how many times each is written: Within's words
// and needs.
func Distinct(words []string) (distinct []string, need []int) {
	for _, w := range words {
		if i := slices.Index(distinct, w); i >= 0 {
			need[i]++
			continue
		}
		distinct = append(distinct, w)
		need = append(need, 1)
	}
	return distinct, need
}

func (m proxMatcher) match(p *Prepared, _ env) bool {
	f := p.field(m.field)
	var buf [8][]int
	lists := buf[:0]
	for _, w := range m.words {
		lists = append(lists, f.folded[w])
	}
	return Within(lists, m.need, m.slop)
}

// hit is one occurrence of a word of a proximity phrase.
type hit struct{ pos, word int }

// Within reports whether words occur within slop positions of each other,
// first to last, in any order: lists[i] holds the ascending positions of
// word i, which must occur need[i] times in the window. Distinct words
// never share a position. The stored-query matcher runs it too, so both
// judge proximity alike.
func Within(lists [][]int, need []int, slop int) bool {
	var hits []hit
	for i, ps := range lists {
		if len(ps) < need[i] {
			return false
		}
		for _, pos := range ps {
			hits = append(hits, hit{pos, i})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.pos - b.pos })
	// Slide a window over the occurrences.
	have := make([]int, len(lists))
	missing := len(lists)
	lo := 0
	for _, h := range hits {
		have[h.word]++
		if have[h.word] == need[h.word] {
			missing--
		}
		for hits[lo].pos < h.pos-slop {
			w := hits[lo].word
			if have[w] == need[w] {
				missing++
			}
			have[w]--
			lo++
		}
		if missing == 0 {
			return true
		}
	}
	return false
}

// compileFilter turns an attribute filter into a matcher, resolving region
// and agency names through opts.
func compileFilter(f *Filter, opts Options) (matcher, error) {
	switch f.Field {
	case "source":
		return sourceMatcher(normalizeSource(f.Value)), nil
	case "region":
		codes := []string{f.Value}
		if !isRegionCode(f.Value) {
			if opts.Regions == nil {
				return never{}, nil
			}
			codes = opts.Regions(f.Value)
		}
		if len(codes) == 0 {
			return never{}, nil
		}
		return regionMatcher(codes), nil
	case "agency":
		if id, err := strconv.ParseInt(f.Value, 10, 64); err == nil {
			return agencyMatcher{id}, nil
		}
		if opts.Agencies == nil {
			return never{}, nil
		}
		ids := opts.Agencies(f.Value)
		if len(ids) == 0 {
			return never{}, nil
		}
		return agencyMatcher(ids), nil
	case "lang", "sentiment", "type":
		return attrMatcher{field: f.Field, value: f.Value}, nil
	}
	return nil, &unknownFilterError{f.Field}
}

type unknownFilterError struct{ field string }

func (e *unknownFilterError) Error() string { return "unknown filter field " + e.field }

// NormalizeSource is the form in which source: compares sources.
func NormalizeSource(s string) string { return normalizeSource(s) }

// normalizeSource reduces a source to a comparable form: lower case,
// without scheme, "www." and trailing slash, so `source:kompas.com` finds
// "https://www.Kompas.com/".
func normalizeSource(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"https://", "http://", "www."} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSuffix(s, "/")
}

// SourceDomains calls fn with a source in its normalised form and then
// with each domain it lies under: "nasional.kompas.com", "kompas.com",
// "com". A source that is a name ("Antara News") has no domain above it.
// `source:V` matches a source when fn is called with V.
func SourceDomains(source string, fn func(string)) {
	s := normalizeSource(source)
	for {
		fn(s)
		_, parent, ok := strings.Cut(s, ".")
		if !ok || parent == "" {
			return
		}
		s = parent
	}
}

// sourceMatcher matches a source equal to its value or under it, as a
// subdomain: source:kompas.com finds nasional.kompas.com, as news sites
// publish under a host per desk.
type sourceMatcher string

func (m sourceMatcher) match(p *Prepared, _ env) bool {
	s := normalizeSource(p.Doc.Source)
	return s == string(m) || m != "" && strings.HasSuffix(s, "."+string(m))
}

// regionMatcher matches a document with a region code equal to, or below,
// one of its codes: 15 covers 15.71 and 15.71.01.1001, not 150.
type regionMatcher []string

func (m regionMatcher) match(p *Prepared, _ env) bool {
	for _, r := range p.Doc.Regions {
		for _, c := range m {
			if r == c || (len(r) > len(c) && r[len(c)] == '.' && r[:len(c)] == c) {
				return true
			}
		}
	}
	return false
}

type agencyMatcher []int64

func (m agencyMatcher) match(p *Prepared, _ env) bool {
	return slices.Contains(m, p.Doc.AgencyID)
}

// attrMatcher compares lang, sentiment or type, ignoring case.
type attrMatcher struct{ field, value string }

func (m attrMatcher) match(p *Prepared, _ env) bool {
	var v string
	switch m.field {
	case "lang":
		v = p.Doc.Lang
	case "sentiment":
		v = p.Doc.Sentiment
	case "type":
		v = p.Doc.Type
	}
	return strings.EqualFold(v, m.value)
}

// dateMatcher compares the publication time with the filter's Interval. A
// document without a publication time matches no date filter.
type dateMatcher struct{ d *DateFilter }

func (m dateMatcher) match(p *Prepared, e env) bool {
	t := p.Doc.Published
	if t.IsZero() {
		return false
	}
	from, to := m.d.Interval(e.now, e.loc)
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// Interval returns the times the filter admits, run at now with days in
// loc, as the half-open interval [from, to); a zero bound is open. A
// calendar day stands for the whole day: date:2026-01-15 is from its
// midnight to the next, `>2026-01-15` starts at the next midnight,
// `<=2026-01-15` ends there. A relative bound (now-7d) and a moment
// (2026-01-15T14:00) are instants: `>now-7d` excludes it, `<=now-7d`
// includes it, and `>=2026-01-15T12:00 <2026-01-15T15:00` is exactly the
// three hours from noon.
func (d *DateFilter) Interval(now time.Time, loc *time.Location) (from, to time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	start := func(b DateBound) time.Time { return b.Time(now, loc) }
	// after is the first time after the bound: the next midnight for a
	// day, the next instant for a relative bound.
	after := func(b DateBound) time.Time {
		if b.Day != "" && b.Clock == "" {
			return start(b).AddDate(0, 0, 1)
		}
		return start(b).Add(time.Nanosecond)
	}
	switch d.Op {
	case DateOn:
		return start(d.From), start(d.From).AddDate(0, 0, 1)
	case DateRange:
		return start(d.From), after(d.To)
	case DateAfter:
		return after(d.From), time.Time{}
	case DateFrom:
		return start(d.From), time.Time{}
	case DateBefore:
		return time.Time{}, start(d.From)
	case DateUntil:
		return time.Time{}, after(d.From)
	}
	return time.Time{}, time.Time{}
}
