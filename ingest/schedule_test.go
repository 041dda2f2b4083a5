package ingest

import (
	"net/http"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/feed"
	"github.com/sinergi-id/sinergi/internal/textcut"
)

var t0 = time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)

const minI, maxI = 5 * time.Minute, 24 * time.Hour

// TestScheduleAdapts: the interval follows how often a feed publishes,
// within its bounds.
func TestScheduleAdapts(t *testing.T) {
	tests := []struct {
		name           string
		perPoll        int // new items found every poll
		every          time.Duration
		wantLo, wantHi time.Duration
	}{
		{"forty a day", 1, 36 * time.Minute, 18 * time.Minute, 28 * time.Minute},
		{"busy", 10, 30 * time.Minute, minI, 8 * time.Minute},
		{"silent", 0, 12 * time.Hour, maxI * 9 / 10, maxI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := State{}
			at := t0
			for range 1000 {
				schedule(&st, Outcome{At: at, Entries: 20, New: tt.perPoll}, 7, minI, maxI)
				at = at.Add(tt.every)
			}
			if st.Interval < tt.wantLo || st.Interval > tt.wantHi {
				t.Errorf("interval after 1000 polls every %s finding %d = %s, want %s..%s", tt.every, tt.perPoll, st.Interval, tt.wantLo, tt.wantHi)
			}
			if got := st.NextPoll.Sub(st.LastPoll); got > st.Interval || got < st.Interval*9/10 {
				t.Errorf("next poll %s after the last, want the interval %s less a tenth at most", got, st.Interval)
			}
		})
	}
}

// TestScheduleOverflow: a poll where every entry listed was new may have
// missed some, so the next comes sooner.
func TestScheduleOverflow(t *testing.T) {
	st := State{}
	schedule(&st, Outcome{At: t0, Entries: 10, New: 10}, 1, minI, maxI)
	schedule(&st, Outcome{At: t0.Add(10 * time.Hour), Entries: 10, New: 1}, 1, minI, maxI)
	before := st.Interval
	schedule(&st, Outcome{At: t0.Add(20 * time.Hour), Entries: 10, New: 10}, 1, minI, maxI)
	if st.Interval > before/2 {
		t.Errorf("interval after an overflowing poll = %s, want at most half of %s", st.Interval, before)
	}
}

// TestScheduleFailures: failures back off exponentially, never past the
// maximum, and never before Retry-After.
func TestScheduleFailures(t *testing.T) {
	st := State{Interval: 10 * time.Minute}
	var last time.Duration
	for i := range 12 {
		schedule(&st, Outcome{At: t0, Err: Message{Key: "ingest.error.server"}}, 3, minI, maxI)
		d := st.NextPoll.Sub(t0)
		if d > maxI {
			t.Fatalf("failure %d: next poll in %s, past the maximum", i+1, d)
		}
		if i > 0 && i < 6 && d <= last {
			t.Errorf("failure %d: next poll in %s, not later than after the one before (%s)", i+1, d, last)
		}
		last = d
	}
	if st.Failures != 12 || st.LastError.Key != "ingest.error.server" {
		t.Errorf("after 12 failures: %d failures, last error %+v", st.Failures, st.LastError)
	}
	st = State{Interval: 10 * time.Minute}
	retry := t0.Add(3 * 24 * time.Hour)
	schedule(&st, Outcome{At: t0, Status: 503, Err: Message{Key: "ingest.error.server"}, RetryAfter: retry}, 3, minI, maxI)
	if !st.NextPoll.Equal(retry) {
		t.Errorf("next poll %s, want Retry-After %s even past the maximum", st.NextPoll, retry)
	}
	schedule(&st, Outcome{At: retry, Entries: 3}, 3, minI, maxI)
	if st.Failures != 0 || st.LastError.Key != "" {
		t.Errorf("a good poll leaves %d failures, error %+v", st.Failures, st.LastError)
	}
}

// TestScheduleDates: a good answer records what the entries' dates say.
func TestScheduleDates(t *testing.T) {
	st := State{}
	o := Outcome{At: t0, Entries: 10, New: 10, Dated: 10, Oldest: t0.Add(-7 * 24 * time.Hour), Newest: t0.Add(-5 * 24 * time.Hour)}
	schedule(&st, o, 1, minI, maxI)
	if !st.LastPublished.Equal(o.Newest) || st.DatedPerDay != 4.5 {
		t.Errorf("after a dated answer: last published %s, %v a day; want %s, 4.5", st.LastPublished, st.DatedPerDay, o.Newest)
	}
	schedule(&st, Outcome{At: t0.Add(time.Hour), NotModified: true}, 1, minI, maxI)
	if !st.LastPublished.Equal(o.Newest) || st.DatedPerDay != 4.5 {
		t.Errorf("a 304 changed what the dates said: %s, %v", st.LastPublished, st.DatedPerDay)
	}
}

// TestScheduleFreshness: a fresh answer is not asked for again before it
// goes stale, up to the maximum.
func TestScheduleFreshness(t *testing.T) {
	st := State{}
	schedule(&st, Outcome{At: t0, Entries: 5, New: 5, FreshUntil: t0.Add(6 * time.Hour)}, 1, minI, maxI)
	if !st.NextPoll.Equal(t0.Add(6 * time.Hour)) {
		t.Errorf("next poll %s, want when the answer goes stale", st.NextPoll)
	}
	schedule(&st, Outcome{At: t0, NotModified: true, FreshUntil: t0.Add(30 * 24 * time.Hour)}, 1, minI, maxI)
	if !st.NextPoll.Equal(t0.Add(maxI)) {
		t.Errorf("next poll %s, want the maximum interval", st.NextPoll)
	}
	if st.NotModified != 1 {
		t.Errorf("NotModified = %d, want 1", st.NotModified)
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"120", t0.Add(2 * time.Minute)},
		{" 0 ", t0},
		{"-5", time.Time{}},
		{"soon", time.Time{}},
		{t0.Add(time.Hour).Format(http.TimeFormat), t0.Add(time.Hour)},
		{"99999999", t0.Add(7 * 24 * time.Hour)},
		{t0.Add(30 * 24 * time.Hour).Format(http.TimeFormat), t0.Add(7 * 24 * time.Hour)},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, t0); !got.Equal(tt.want) {
			t.Errorf("retryAfter(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFreshUntil(t *testing.T) {
	tests := []struct {
		cacheControl, expires string
		want                  time.Time
	}{
		{"", "", time.Time{}},
		{"public, max-age=600", "", t0.Add(10 * time.Minute)},
		{"max-age=600, no-cache", "", time.Time{}},
		{"no-store", t0.Add(time.Hour).Format(http.TimeFormat), time.Time{}},
		{"", t0.Add(time.Hour).Format(http.TimeFormat), t0.Add(time.Hour)},
		{"", t0.Add(-time.Hour).Format(http.TimeFormat), time.Time{}},
		{"max-age=x", "", time.Time{}},
		{"max-age=\"60\"", "", t0.Add(time.Minute)},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.cacheControl != "" {
			h.Set("Cache-Control", tt.cacheControl)
		}
		if tt.expires != "" {
			h.Set("Expires", tt.expires)
		}
		if got := freshUntil(h, t0); !got.Equal(tt.want) {
			t.Errorf("freshUntil(Cache-Control %q, Expires %q) = %s, want %s", tt.cacheControl, tt.expires, got, tt.want)
		}
	}
}

func TestStatusMessage(t *testing.T) {
	tests := []struct {
		status      int
		conditional bool
		want        string
	}{
		{304, false, "ingest.error.not_modified_unasked"},
		{404, false, "ingest.error.not_found"},
		{410, true, "ingest.error.not_found"},
		{429, false, "ingest.error.rate_limited"},
		{403, false, "ingest.error.forbidden"},
		{503, false, "ingest.error.server"},
		{418, false, "ingest.error.status"},
	}
	for _, tt := range tests {
		if got := statusMessage(tt.status, tt.conditional); got.Key != tt.want {
			t.Errorf("statusMessage(%d, %v) = %q, want %q", tt.status, tt.conditional, got.Key, tt.want)
		}
	}
}

// TestAssess walks a feed through its health states.
func TestAssess(t *testing.T) {
	watched := State{Polls: 100, FirstNew: t0.Add(-10 * 24 * time.Hour), LastNew: t0, ItemsNew: 401}
	tests := []struct {
		name     string
		st       State
		now      time.Time
		want     Health
		wantKey  string
		wantArgs []string
	}{
		{"never polled", State{}, t0, New, "", nil},
		{"publishing", watched, t0.Add(time.Hour), Healthy, "", nil},
		{"quiet a few hours", watched, t0.Add(20 * time.Hour), Healthy, "", nil},
		{"silent three days", watched, t0.Add(3*24*time.Hour + time.Hour), Late, "ingest.health.late", []string{"3", "40"}},
		{"silent 30 hours", State{Polls: 50, FirstNew: t0.Add(-10 * 24 * time.Hour), LastNew: t0, ItemsNew: 101}, t0.Add(30 * time.Hour),
			Late, "ingest.health.late_hours", []string{"30", "10"}},
		{"weekly feed, silent a week", State{Polls: 50, FirstNew: t0.Add(-70 * 24 * time.Hour), LastNew: t0, ItemsNew: 11}, t0.Add(7 * 24 * time.Hour),
			Healthy, "", nil},
		{"weekly feed, silent a month", State{Polls: 50, FirstNew: t0.Add(-70 * 24 * time.Hour), LastNew: t0, ItemsNew: 11}, t0.Add(30 * 24 * time.Hour),
			Late, "ingest.health.late_weekly", []string{"30", "1"}},
		{"too little history", State{Polls: 5, FirstNew: t0.Add(-time.Hour), LastNew: t0, ItemsNew: 50}, t0.Add(5 * 24 * time.Hour), Healthy, "", nil},
		{"first poll of a feed silent for 5 days (its dates say so)", State{Polls: 1, FirstNew: t0, LastNew: t0, ItemsNew: 10,
			LastPublished: t0.Add(-5 * 24 * time.Hour), DatedPerDay: 6}, t0, Late, "ingest.health.late", []string{"5", "6"}},
		{"dated feed publishing", State{Polls: 1, FirstNew: t0, LastNew: t0, ItemsNew: 10,
			LastPublished: t0.Add(-3 * time.Hour), DatedPerDay: 6}, t0, Healthy, "", nil},
		{"failed twice", State{Polls: 9, Failures: 2, LastStatus: 500}, t0, Healthy, "", nil},
		{"failed thrice", State{Polls: 9, Failures: 3, LastStatus: 500}, t0, Failing, "ingest.health.failing", []string{"3"}},
		{"gone (410)", State{Polls: 9, Failures: 1, LastStatus: 410}, t0, Gone, "ingest.health.gone", []string{"410", "1"}},
		{"404 once", State{Polls: 9, Failures: 1, LastStatus: 404}, t0, Healthy, "", nil},
		{"404 thrice", State{Polls: 9, Failures: 3, LastStatus: 404}, t0, Gone, "ingest.health.gone", []string{"404", "3"}},
	}
	for _, tt := range tests {
		h, reason := assess(&tt.st, tt.now)
		if h != tt.want || reason.Key != tt.wantKey || !equalStrings(reason.Args, tt.wantArgs) {
			t.Errorf("%s: assess = %s %+v, want %s %s %v", tt.name, h, reason, tt.want, tt.wantKey, tt.wantArgs)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNormalise: canonical identity, duplicates within a document, cut
// fields, future dates.
func TestNormalise(t *testing.T) {
	long := make([]rune, 1500)
	for i := range long {
		long[i] = 'é'
	}
	entries := []feed.Entry{
		{URL: "https://www.example.id/berita/1?utm_source=x", Title: "  Banjir   di Jambi ", Summary: "Ringkas."},
		{URL: "https://example.id/berita/1/", Title: "Salinan", Summary: "Alamat yang sama."},
		{URL: "", Title: "", Summary: "", Content: ""},
		{URL: "", Title: "Tanpa alamat", Summary: "Teks."},
		{URL: "https://example.id/berita/2", Title: string(long), Content: "Isi penuh.", Summary: "Ringkas.",
			Published: t0.Add(48 * time.Hour)},
	}
	docs, tl := normalise(entries, "example.id", false, dedup.DefaultURLRules(), t0)
	if tl.in != 5 || tl.out != 3 || tl.dropped != 2 {
		t.Fatalf("normalise tally = %+v, want 5 in, 3 out, 2 dropped", tl)
	}
	if docs[0].ident != "https://example.id/berita/1" || docs[0].title != "Banjir di Jambi" || docs[0].link != entries[0].URL {
		t.Errorf("doc 0 = %+v", docs[0])
	}
	if docs[1].url != "" || docs[1].ident != textIdent("example.id", "Tanpa alamat", "Teks.") {
		t.Errorf("doc without address = %+v", docs[1])
	}
	if got := []rune(docs[2].title); len(got) != 1000 || docs[2].text != "Isi penuh." || !docs[2].published.Equal(t0) {
		t.Errorf("doc 2: title of %d runes, text %q, published %s", len(got), docs[2].text, docs[2].published)
	}
	versions, _ := normalise(entries[:1], "example.id", true, dedup.DefaultURLRules(), t0)
	if versions[0].ident == docs[0].ident {
		t.Errorf("a watched page's identity %q does not change with its text", versions[0].ident)
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in    string
		n     int
		runes bool
		want  string
	}{
		{"abc", 5, false, "abc"},
		{"abcdef", 3, false, "abc"},
		{"ééé", 3, false, "é"},
		{"ééé", 2, true, "éé"},
		{"ab", 2, true, "ab"},
	}
	for _, tt := range tests {
		cut := textcut.Bytes
		if tt.runes {
			cut = textcut.Runes
		}
		if got := cut(tt.in, tt.n); got != tt.want {
			t.Errorf("cut(%q, %d, %v) = %q, want %q", tt.in, tt.n, tt.runes, got, tt.want)
		}
	}
}
