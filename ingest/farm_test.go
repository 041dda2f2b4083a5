package ingest_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
)

// allowOnly lets the client reach exactly the server at baseURL.
func allowOnly(t testing.TB, baseURL string) safehttp.Options {
	t.Helper()
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return safehttp.Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(u.Host)}}
}

// appearances returns the agency's appearances: canonical URL → how many
// rows, and how many are first appearances (stories).
func appearances(t *testing.T, db *store.DB, agencyID int64) (byURL map[string]int, firsts int) {
	t.Helper()
	rows, err := db.SQL().QueryContext(t.Context(), db.Dialect().Rebind(`SELECT url, how FROM appearances WHERE agency_id = ?`), agencyID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byURL = map[string]int{}
	for rows.Next() {
		var u, how string
		if err := rows.Scan(&u, &how); err != nil {
			t.Fatal(err)
		}
		byURL[u]++
		if how == dedup.First.String() {
			firsts++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return byURL, firsts
}

// TestReplayTempo replays a year of five real Tempo feeds (1,309
// snapshots) in time order, polling after each step, and checks that every
// distinct article is recorded exactly once, that validators produced 304s
// and that nothing was fetched outside the farm; then a pipeline started
// afresh on the same store stores nothing more.
func TestReplayTempo(t *testing.T) {
	dir := testenv.SharedData(t, "rss-tempo")
	want, err := feedfarm.Items(dir)
	if err != nil {
		t.Fatalf("feedfarm.Items: %v", err)
	}
	forEngine(t, func(t *testing.T, db *store.DB) {
		farm, err := feedfarm.Load(filepath.Join(dir, "snapshots"))
		if err != nil {
			t.Fatalf("feedfarm.Load: %v", err)
		}
		base := farm.Start()
		defer farm.Close()
		fetch := allowOnly(t, base)
		e := newEnv(t, db, fetch, ingest.Options{})
		var feeds []source.FeedURL
		for _, name := range farm.Feeds() {
			feeds = append(feeds, source.FeedURL{URL: farm.URL(name)})
		}
		e.addSource(t, "Tempo", "https://www.tempo.co/", feeds...)

		steps := farm.Steps()
		var unparsable int
		for i, at := range steps {
			farm.SetTime(at)
			e.clock.Set(at.Add(time.Minute))
			results, err := e.pipeline.PollDue(t.Context(), true)
			if err != nil {
				t.Fatalf("PollDue at %s: %v", at, err)
			}
			for _, r := range results {
				switch {
				case r.Outcome.Err.Key == "ingest.error.parse":
					unparsable++
				case r.Outcome.Err.Key == "ingest.error.not_found" && i < len(farm.Feeds()):
					// The feeds' first snapshots came seconds apart: a feed
					// is not there yet at the first steps.
				case r.Outcome.Failed():
					t.Errorf("poll of feed %d at %s failed: %+v", r.FeedID, at, r.Outcome.Err)
				}
			}
		}
		// The first snapshot of four feeds is an empty file, served until the
		// feed's next snapshot: unparsable, the only failure allowed.
		if unparsable == 0 || unparsable > 20 {
			t.Errorf("%d polls found an unparsable feed, want the few of the empty first snapshots", unparsable)
		}

		links := feedfarm.DistinctLinksUpTo(want, steps[len(steps)-1])
		byURL, firsts := appearances(t, db, e.agency.ID)
		for link := range links {
			canon, err := dedup.CanonicalURL(link)
			if err != nil {
				t.Fatalf("CanonicalURL(%q): %v", link, err)
			}
			if byURL[canon] != 1 {
				t.Errorf("article %s recorded %d times, want once", link, byURL[canon])
			}
		}
		if len(byURL) != len(links) {
			t.Errorf("%d distinct appearances, want %d articles", len(byURL), len(links))
		}
		items, err := e.archive.Count(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		// An article Tempo republished under a second address (satu.tempo.co
		// to www.tempo.co, an edited slug) is one story with two
		// appearances: one item.
		if items != firsts || items > len(links) || items < len(links)*95/100 {
			t.Errorf("%d items stored, %d first appearances, %d articles", items, firsts, len(links))
		}
		stats := farm.Stats()
		if stats.NotModified == 0 {
			t.Errorf("no 304 answers in %d requests: validators not sent", stats.Requests)
		}
		if len(stats.Unknown) > 0 {
			t.Errorf("requests outside the farm's feeds: %q", stats.Unknown)
		}
		if asked := e.dns.Asked(); len(asked) > 0 {
			t.Errorf("looked up %d names outside the farm, e.g. %q", len(asked), asked[0])
		}
		t.Logf("%d steps, %d requests (%d not modified, %d unparsable), %d articles, %d items", len(steps), stats.Requests,
			stats.NotModified, unparsable, len(links), items)

		// A new process on the same store: every article is known.
		again := e.restart(t, fetch, ingest.Options{})
		results, err := again.PollDue(t.Context(), true)
		if err != nil {
			t.Fatalf("PollDue after restart: %v", err)
		}
		for _, r := range results {
			if r.Stored != 0 || r.Appearances != 0 {
				t.Errorf("after restart, feed %d stored %d items and %d appearances, want none", r.FeedID, r.Stored, r.Appearances)
			}
		}
	})
}

// demoTexts returns IndoSum articles from the demo content (CC BY-SA) as
// texts for generated feeds.
func demoTexts(t *testing.T, n int) []feedfarm.Text {
	t.Helper()
	items, _, err := archive.ReadFile(demo.Items(), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		t.Fatal(err)
	}
	if n > len(items) {
		t.Fatalf("want %d texts, the demo has %d", n, len(items))
	}
	texts := make([]feedfarm.Text, n)
	for i, it := range items[:n] {
		texts[i] = feedfarm.Text{Title: it.Title, Body: it.Text}
	}
	return texts
}

// TestCopiesAreAppearances: three feeds carry the same twenty articles
// under their own addresses (syndication): each article is stored once and
// every copy is recorded as an appearance of it.
func TestCopiesAreAppearances(t *testing.T) {
	forEngine(t, func(t *testing.T, db *store.DB) {
		const feeds, perStep, steps = 3, 5, 4
		farm := feedfarm.NewGenerated(feeds, perStep, steps, demoTexts(t, 20))
		base := farm.Start()
		defer farm.Close()
		e := newEnv(t, db, allowOnly(t, base), ingest.Options{})
		for i, name := range farm.Feeds() {
			e.addSource(t, "Media "+name, "https://media"+string(rune('a'+i))+".example.id/", source.FeedURL{URL: farm.URL(name)})
		}
		for _, at := range farm.Steps() {
			farm.SetTime(at)
			e.clock.Set(at.Add(time.Minute))
			if _, err := e.pipeline.PollDue(t.Context(), true); err != nil {
				t.Fatalf("PollDue: %v", err)
			}
		}
		byURL, firsts := appearances(t, db, e.agency.ID)
		if len(byURL) != feeds*perStep*steps || firsts != 20 {
			t.Errorf("%d appearances, %d stories; want %d and 20", len(byURL), firsts, feeds*perStep*steps)
		}
		if n, _ := e.archive.Count(t.Context()); n != 20 {
			t.Errorf("%d items stored, want 20", n)
		}
		var stories int
		err := db.SQL().QueryRowContext(t.Context(), `SELECT count(DISTINCT item_id) FROM appearances`).Scan(&stories)
		if err != nil || stories != 20 {
			t.Errorf("appearances point at %d items (%v), want 20", stories, err)
		}
	})
}

// TestSilentFeedIsLate: a feed that published every ten minutes and then
// stops is late after three days of silence, with the reason in words, and
// its agency's administrators get an alarm; it clears when the feed
// publishes again.
func TestSilentFeedIsLate(t *testing.T) {
	forEngine(t, func(t *testing.T, db *store.DB) {
		farm := feedfarm.NewGenerated(1, 1, 600, demoTexts(t, 200))
		base := farm.Start()
		defer farm.Close()
		e := newEnv(t, db, allowOnly(t, base), ingest.Options{})
		e.addSource(t, "Media Satu", "https://satu.example.id/", source.FeedURL{URL: farm.URL("feed1")})
		steps := farm.Steps()
		for _, at := range steps[:100] {
			farm.SetTime(at)
			e.clock.Set(at.Add(time.Minute))
			if _, err := e.pipeline.PollDue(t.Context(), true); err != nil {
				t.Fatalf("PollDue: %v", err)
			}
		}
		feeds, _, err := db.FindFeeds(t.Context(), ingest.FeedFilter{AgencyID: e.agency.ID})
		if err != nil || len(feeds) != 1 {
			t.Fatalf("FindFeeds = %d, %v", len(feeds), err)
		}
		if h := feeds[0].State.Health; h != ingest.Healthy {
			t.Fatalf("health while publishing = %s, want healthy", h)
		}

		e.clock.Set(steps[99].Add(3*24*time.Hour + time.Minute))
		if _, err := e.pipeline.PollDue(t.Context(), true); err != nil {
			t.Fatalf("PollDue: %v", err)
		}
		f, err := db.FindFeedByID(t.Context(), feeds[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if f.State.Health != ingest.Late || f.State.HealthReason.Key != "ingest.health.late" ||
			f.State.HealthReason.Args[0] != "3" || f.State.HealthReason.Args[1] != "144" {
			t.Errorf("after 3 silent days: health %s, reason %+v; want late, 3 days, usually 144 a day", f.State.Health, f.State.HealthReason)
		}
		alarms, err := db.FindAlarms(t.Context(), e.agency.ID)
		if err != nil || len(alarms) != 1 || alarms[0].Kind != "feed_late" {
			t.Fatalf("alarms = %+v, %v; want one feed_late", alarms, err)
		}

		farm.SetTime(steps[540])
		e.clock.Set(steps[540].Add(time.Minute))
		if _, err := e.pipeline.PollDue(t.Context(), true); err != nil {
			t.Fatalf("PollDue: %v", err)
		}
		if alarms, _ := db.FindAlarms(t.Context(), e.agency.ID); len(alarms) != 0 {
			t.Errorf("alarms after the feed published again = %+v, want none", alarms)
		}
	})
}

// TestHostileFeeds points sources at servers that misbehave: each poll
// fails with the right reason and backs off (honouring Retry-After), the
// Windows-1252 feed is read correctly, repeated failures make the feed
// failing with an alarm, and a redirect to a loopback address is refused
// unless the operator allows private addresses.
func TestHostileFeeds(t *testing.T) {
	forEngine(t, func(t *testing.T, db *store.DB) {
		h := feedfarm.NewHostile()
		base := h.Start()
		defer h.Close()
		fetch := allowOnly(t, base)
		fetch.TotalTimeout, fetch.MaxBody, fetch.MaxDecompressed = 3*time.Second, 4<<20, 8<<20
		e := newEnv(t, db, fetch, ingest.Options{})
		feedOf := map[string]int64{}
		for _, name := range feedfarm.HostileNames() {
			src := e.addSource(t, "Server "+name, "https://"+name+".example.id/", source.FeedURL{URL: h.URL(name)})
			feedOf[name] = src.Feeds[0].ID
		}
		start := e.clock.Now()
		if _, err := e.pipeline.PollDue(t.Context(), true); err != nil {
			t.Fatalf("PollDue: %v", err)
		}
		wantErr := map[string]string{
			"slow":              "fetch.error.timeout",
			"error500":          "ingest.error.server",
			"ratelimited":       "ingest.error.rate_limited",
			"unavailable":       "ingest.error.server",
			"huge":              "fetch.error.too_large",
			"gzipbomb":          "fetch.error.decompressed_too_large",
			"invalid":           "ingest.error.parse",
			"redirect-loopback": "fetch.error.private_address",
			"cp1252":            "",
			"notmodified-liar":  "ingest.error.not_modified_unasked",
		}
		for name, key := range wantErr {
			f, err := db.FindFeedByID(t.Context(), feedOf[name])
			if err != nil {
				t.Fatal(err)
			}
			if f.State.LastError.Key != key {
				t.Errorf("%s: last error %+v, want %q", name, f.State.LastError, key)
			}
			if key != "" && !f.State.NextPoll.After(start) {
				t.Errorf("%s: next poll %s, not after the failure", name, f.State.NextPoll)
			}
		}
		for name, min := range map[string]time.Duration{"ratelimited": feedfarm.RetryAfterSeconds * time.Second, "unavailable": 59 * time.Minute} {
			f, _ := db.FindFeedByID(t.Context(), feedOf[name])
			if f.State.NextPoll.Before(start.Add(min)) {
				t.Errorf("%s: next poll %s, want at least %s after (Retry-After)", name, f.State.NextPoll, min)
			}
		}
		if h.Stats().ByFeed["redirect-target"].Requests != 0 {
			t.Errorf("the loopback redirect target was reached")
		}
		hits, err := e.archive.Search(t.Context(), access.SystemActor(), archive.Request{Query: `"Pekan Budaya"`, Limit: 5})
		if err != nil || hits.Total != 1 || hits.Hits[0].Item.Title != feedfarm.CP1252Title {
			t.Errorf("Windows-1252 feed: search = %+v, %v; want its item titled %q", hits, err, feedfarm.CP1252Title)
		}

		// Two more failed polls make a feed failing, with an alarm.
		for range 2 {
			e.clock.Add(7 * 24 * time.Hour)
			if _, err := e.pipeline.PollDue(t.Context(), false); err != nil {
				t.Fatalf("PollDue: %v", err)
			}
		}
		f, _ := db.FindFeedByID(t.Context(), feedOf["error500"])
		if f.State.Health != ingest.Failing || f.State.Failures != 3 {
			t.Errorf("error500 after 3 polls: health %s, %d failures; want failing, 3", f.State.Health, f.State.Failures)
		}
		alarms, err := db.FindAlarms(t.Context(), e.agency.ID)
		if err != nil || len(alarms) != len(wantErr)-1 {
			t.Errorf("alarms = %d, %v; want %d (every feed but cp1252)", len(alarms), err, len(wantErr)-1)
		}

		// The operator allows private addresses: the redirect is followed.
		allowed := fetch
		allowed.AllowPrivate = true
		p := e.restart(t, allowed, ingest.Options{})
		f, _ = db.FindFeedByID(t.Context(), feedOf["redirect-loopback"])
		res, err := p.Poll(t.Context(), f)
		if err != nil || res.Outcome.Failed() || res.Stored == 0 {
			t.Errorf("redirect with --fetch-allow-private: %+v, %v; want its items stored", res, err)
		}
		if f, _ := db.FindFeedByID(t.Context(), feedOf["redirect-loopback"]); f.State.Health != ingest.Healthy {
			t.Errorf("redirect feed after a good poll: %s, want healthy", f.State.Health)
		}
		if !strings.Contains(h.TargetURL(), "127.0.0.1") {
			t.Errorf("TargetURL %s is not loopback", h.TargetURL())
		}
	})
}

// TestStaleFeedIsLateAtFirstPoll: a feed whose newest article is five days
// old, after a pace of one every four hours, is late at its very first
// poll, with the reason from its own dates, and raises an alarm.
func TestStaleFeedIsLateAtFirstPoll(t *testing.T) {
	forEngine(t, func(t *testing.T, db *store.DB) {
		texts := demoTexts(t, 10)
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			now := time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC) // the env's clock
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Senyap</title><link>`+srv.URL+`</link>`)
			for i, tx := range texts {
				at := now.Add(-5*24*time.Hour - time.Duration(i)*4*time.Hour)
				fmt.Fprintf(w, `<item><title>%s</title><link>%s/berita/%d</link><description>%s</description><pubDate>%s</pubDate></item>`,
					html.EscapeString(tx.Title), srv.URL, i, html.EscapeString(tx.Body), at.Format(time.RFC1123Z))
			}
			fmt.Fprint(w, `</channel></rss>`)
		}))
		defer srv.Close()
		e := newEnv(t, db, allowOnly(t, srv.URL), ingest.Options{})
		e.addSource(t, "Media Senyap", "https://senyap.example.id/", source.FeedURL{URL: srv.URL + "/rss.xml"})
		results, err := e.pipeline.PollDue(t.Context(), true)
		if err != nil || len(results) != 1 || results[0].Stored != 10 {
			t.Fatalf("PollDue = %+v, %v; want the 10 items stored", results, err)
		}
		f, err := db.FindFeedByID(t.Context(), results[0].FeedID)
		if err != nil {
			t.Fatal(err)
		}
		if f.State.Health != ingest.Late || f.State.HealthReason.Key != "ingest.health.late" ||
			f.State.HealthReason.Args[0] != "5" || f.State.HealthReason.Args[1] != "6" {
			t.Errorf("health after the first poll: %s %+v; want late, 5 days, usually 6 a day", f.State.Health, f.State.HealthReason)
		}
		if alarms, err := db.FindAlarms(t.Context(), e.agency.ID); err != nil || len(alarms) != 1 {
			t.Errorf("alarms = %d, %v; want one", len(alarms), err)
		}
	})
}
