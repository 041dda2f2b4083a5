package feedfarm

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// get fetches url with the given request headers.
func get(t *testing.T, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return resp, body
}

// tempoFile is one snapshot file of the rss-tempo set, as the test reads it.
type tempoFile struct {
	at   time.Time
	path string
}

// tempoFiles lists the snapshot files of each feed, ascending.
func tempoFiles(t *testing.T, dir string) map[string][]tempoFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("Glob(%s): %d files, %v", dir, len(paths), err)
	}
	files := map[string][]tempoFile{}
	for _, p := range paths {
		at, err := time.Parse("20060102T150405Z", strings.SplitN(filepath.Base(p), "_", 2)[0])
		if err != nil {
			t.Fatalf("snapshot name %s: %v", p, err)
		}
		feed := filepath.Base(filepath.Dir(p))
		files[feed] = append(files[feed], tempoFile{at, p})
	}
	for _, fs := range files {
		slices.SortFunc(fs, func(a, b tempoFile) int { return a.at.Compare(b.at) })
	}
	return files
}

// feedLinks returns the item links of an RSS document; an empty or
// unparsable one has none.
func feedLinks(body []byte) []string {
	var doc rssDoc
	if xml.Unmarshal(body, &doc) != nil {
		return nil
	}
	var links []string
	for _, it := range doc.Channel.Items {
		links = append(links, it.Link)
	}
	return links
}

// TestTempoReplay replays the rss-tempo snapshots step by step: each feed
// serves exactly the file of its latest snapshot, its validators give 304,
// and the links served so far are those items.jsonl says were first seen
// by then.
func TestTempoReplay(t *testing.T) {
	data := testenv.SharedData(t, "rss-tempo")
	dir := filepath.Join(data, "snapshots")
	files := tempoFiles(t, dir)
	farm, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(%s): %v", dir, err)
	}
	farm.Start()
	defer farm.Close()

	if got, want := farm.Feeds(), slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
		t.Fatalf("Feeds() = %v, want %v", got, want)
	}
	distinct := map[time.Time]bool{}
	for _, fs := range files {
		for _, f := range fs {
			distinct[f.at.UTC()] = true
		}
	}
	steps := farm.Steps()
	if len(steps) != len(distinct) || !slices.IsSortedFunc(steps, time.Time.Compare) {
		t.Fatalf("Steps() = %d times (sorted: %v), want the %d distinct snapshot times, ascending",
			len(steps), slices.IsSortedFunc(steps, time.Time.Compare), len(distinct))
	}

	farm.SetTime(steps[0].Add(-time.Second))
	for _, feed := range farm.Feeds() {
		if resp, _ := get(t, "GET", farm.URL(feed), nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s before the first step: %d, want 404", feed, resp.StatusCode)
		}
	}

	items, err := Items(data)
	if err != nil {
		t.Fatalf("Items(%s): %v", data, err)
	}
	seen := map[string]bool{}
	empty := 0
	for _, step := range steps {
		farm.SetTime(step)
		for _, feed := range farm.Feeds() {
			fs := files[feed]
			i := slices.IndexFunc(fs, func(f tempoFile) bool { return f.at.After(step) })
			if i == -1 {
				i = len(fs)
			}
			if i == 0 {
				continue // this feed has no snapshot yet
			}
			body := checkServed(t, farm.URL(feed), fs[i-1])
			if len(bytes.TrimSpace(body)) == 0 && fs[i-1].at.Equal(step) {
				empty++
			}
			for _, l := range feedLinks(body) {
				seen[l] = true
			}
		}
		if want := DistinctLinksUpTo(items, step); !maps.Equal(seen, want) {
			t.Fatalf("at %s: %d links served so far, DistinctLinksUpTo = %d", step, len(seen), len(want))
		}
	}
	if empty == 0 {
		t.Errorf("no empty snapshot served; the data set has some")
	}
	if st := farm.Stats(); len(st.Unknown) != 0 || st.OK == 0 || st.NotModified == 0 {
		t.Errorf("Stats() = %+v, want OK and 304 answers and no unknown paths", st)
	}
}

// checkServed fetches url, checks it serves exactly the file f with its
// validators and that they give 304, and returns the body.
func checkServed(t *testing.T, url string, f tempoFile) []byte {
	t.Helper()
	want, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, "GET", url, nil)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, want) {
		t.Fatalf("GET %s = %d, %d bytes; want 200 and the %d bytes of %s", url, resp.StatusCode, len(body), len(want), f.path)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/rss+xml; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", url, ct)
	}
	lm, err := http.ParseTime(resp.Header.Get("Last-Modified"))
	if err != nil || !lm.Equal(f.at) {
		t.Errorf("GET %s: Last-Modified %q, want %s", url, resp.Header.Get("Last-Modified"), f.at)
	}
	etag := resp.Header.Get("ETag")
	for _, h := range []map[string]string{
		{"If-None-Match": etag},
		{"If-Modified-Since": resp.Header.Get("Last-Modified")},
	} {
		if r, _ := get(t, "GET", url, h); r.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with %v = %d, want 304", url, h, r.StatusCode)
		}
	}
	return body
}

// TestTempoItems checks items.jsonl against the snapshots: every link is in
// one, and the fields a test relies on are there.
func TestTempoItems(t *testing.T) {
	data := testenv.SharedData(t, "rss-tempo")
	items, err := Items(data)
	if err != nil {
		t.Fatalf("Items(%s): %v", data, err)
	}
	if len(items) == 0 {
		t.Fatalf("Items(%s): no items", data)
	}
	inSnapshots := map[string]bool{}
	for _, fs := range tempoFiles(t, filepath.Join(data, "snapshots")) {
		for _, f := range fs {
			body, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range feedLinks(body) {
				inSnapshots[l] = true
			}
		}
	}
	first := FirstSeen(items)
	for _, it := range items {
		if !inSnapshots[it.Link] {
			t.Errorf("item %s is in no snapshot", it.Link)
		}
		if _, err := it.Published(); err != nil {
			t.Errorf("Published() of %s: %v", it.Link, err)
		}
		if it.FirstSeen.IsZero() || it.LastSeen.Before(it.FirstSeen) || !first[it.Link].Equal(it.FirstSeen) {
			t.Errorf("item %s: first seen %s, last seen %s, FirstSeen %s", it.Link, it.FirstSeen, it.LastSeen, first[it.Link])
		}
		if !slices.Contains(it.Feeds, it.Feed) {
			t.Errorf("item %s: feed %q not among its feeds %v", it.Link, it.Feed, it.Feeds)
		}
	}
	if len(inSnapshots) != len(items) {
		t.Errorf("snapshots hold %d distinct links, Items %d", len(inSnapshots), len(items))
	}
}

// writeFeeds makes a farm folder of small feeds: name -> file -> body.
func writeFeeds(t *testing.T, feeds map[string]map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for feed, files := range feeds {
		if err := os.Mkdir(filepath.Join(dir, feed), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, feed, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		feeds map[string]map[string]string
	}{
		{"no feeds", map[string]map[string]string{}},
		{"feed without snapshots", map[string]map[string]string{"a": {"README": "x"}}},
		{"bad name", map[string]map[string]string{"a": {"2025-01-01_x.xml": "x"}}},
		{"two at one time", map[string]map[string]string{"a": {"20250101T000000Z_1.xml": "x", "20250101T000000Z_2.xml": "y"}}},
	} {
		dir := writeFeeds(t, tc.feeds)
		if _, err := Load(dir); err == nil {
			t.Errorf("Load(%s) = nil error, want one", tc.name)
		}
	}
}

// TestConditional checks the validators and the preconditions, RFC 9110
// order, over a small farm.
func TestConditional(t *testing.T) {
	dir := writeFeeds(t, map[string]map[string]string{
		"a": {"20250101T000000Z_1.xml": "<rss/>", "20250102T000000Z_2.xml": "<rss>2</rss>", "notes.txt": "ignored"},
		"b": {"20250103T000000Z_1.xml": ""},
	})
	at := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	httpDate := func(t time.Time) string { return t.UTC().Format(http.TimeFormat) }
	both, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	none, err := LoadWith(dir, Options{})
	if err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	for _, f := range []*Farm{both, none} {
		f.Start()
		defer f.Close()
		f.SetTime(at.Add(time.Hour))
	}
	etag := newSnapshot(at, []byte("<rss>2</rss>")).etag
	for _, tc := range []struct {
		name   string
		farm   *Farm
		method string
		feed   string
		header map[string]string
		status int
		body   string
	}{
		{"unconditional", both, "GET", "a", nil, 200, "<rss>2</rss>"},
		{"HEAD", both, "HEAD", "a", nil, 200, ""},
		{"POST", both, "POST", "a", nil, 405, "method not allowed\n"},
		{"before the first snapshot", both, "GET", "b", nil, 404, "404 page not found\n"},
		{"If-None-Match", both, "GET", "a", map[string]string{"If-None-Match": etag}, 304, ""},
		{"If-None-Match weak, in a list", both, "GET", "a", map[string]string{"If-None-Match": `"x", W/` + etag}, 304, ""},
		{"If-None-Match *", both, "GET", "a", map[string]string{"If-None-Match": "*"}, 304, ""},
		{"If-None-Match stale wins over If-Modified-Since", both, "GET", "a",
			map[string]string{"If-None-Match": `"old"`, "If-Modified-Since": httpDate(at.Add(time.Hour))}, 200, "<rss>2</rss>"},
		{"If-Modified-Since same", both, "GET", "a", map[string]string{"If-Modified-Since": httpDate(at)}, 304, ""},
		{"If-Modified-Since later", both, "HEAD", "a", map[string]string{"If-Modified-Since": httpDate(at.Add(time.Minute))}, 304, ""},
		{"If-Modified-Since earlier", both, "GET", "a", map[string]string{"If-Modified-Since": httpDate(at.Add(-time.Second))}, 200, "<rss>2</rss>"},
		{"If-Modified-Since invalid", both, "GET", "a", map[string]string{"If-Modified-Since": "gestern"}, 200, "<rss>2</rss>"},
		{"no validators: If-None-Match", none, "GET", "a", map[string]string{"If-None-Match": etag}, 200, "<rss>2</rss>"},
		{"no validators: If-Modified-Since", none, "GET", "a", map[string]string{"If-Modified-Since": httpDate(at)}, 200, "<rss>2</rss>"},
	} {
		resp, body := get(t, tc.method, tc.farm.URL(tc.feed), tc.header)
		if resp.StatusCode != tc.status || string(body) != tc.body {
			t.Errorf("%s: %s %s = %d %q, want %d %q", tc.name, tc.method, tc.feed, resp.StatusCode, body, tc.status, tc.body)
		}
		hasETag, hasLM := resp.Header.Get("ETag") != "", resp.Header.Get("Last-Modified") != ""
		if wantValidators := tc.farm == both && (tc.status == 200 || tc.status == 304); hasETag != wantValidators || hasLM != wantValidators {
			t.Errorf("%s: ETag %q, Last-Modified %q; want them: %v", tc.name, resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), wantValidators)
		}
		if tc.method == "HEAD" && tc.status == 200 && resp.ContentLength != int64(len("<rss>2</rss>")) {
			t.Errorf("%s: Content-Length %d", tc.name, resp.ContentLength)
		}
	}

	both.SetTime(time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC))
	if resp, body := get(t, "GET", both.URL("b"), nil); resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength != 0 {
		t.Errorf("GET b at its empty snapshot = %d, %d bytes (Content-Length %d), want 200 and nothing", resp.StatusCode, len(body), resp.ContentLength)
	}
	get(t, "GET", strings.TrimSuffix(both.URL("a"), "a.xml")+"c.xml", nil)
	st := both.Stats()
	if st.Requests != 14 || st.OK != 6 || st.NotModified != 5 || st.NotFound != 1 ||
		st.ByFeed["a"].Other != 1 || !slices.Equal(st.Unknown, []string{"/c.xml"}) {
		t.Errorf("Stats() = %+v", st)
	}
}

func testTexts(n int) []Text {
	var texts []Text
	for i := range n {
		texts = append(texts, Text{Title: fmt.Sprintf("Judul %d & <uji>", i), Body: fmt.Sprintf("Isi berita %d.\nBaris kedua.", i)})
	}
	return texts
}

// TestGenerated checks a generated farm step by step: items per step, the
// 20-item window, links, pubDates, texts and validators.
func TestGenerated(t *testing.T) {
	const feeds, perStep, steps = 3, 7, 6
	texts := testTexts(50)
	farm := NewGenerated(feeds, perStep, steps, texts)
	farm.Start()
	defer farm.Close()
	if got := farm.Feeds(); !slices.Equal(got, []string{"feed1", "feed2", "feed3"}) {
		t.Fatalf("Feeds() = %v", got)
	}
	timeline := farm.Steps()
	if len(timeline) != steps {
		t.Fatalf("Steps() = %d times, want %d", len(timeline), steps)
	}
	if resp, _ := get(t, "GET", farm.URL("feed1"), nil); resp.StatusCode != 404 {
		t.Errorf("GET feed1 before SetTime = %d, want 404", resp.StatusCode)
	}
	etags := map[string]bool{}
	for s, at := range timeline {
		farm.SetTime(at)
		for f, feed := range farm.Feeds() {
			resp, body := get(t, "GET", farm.URL(feed), nil)
			var doc rssDoc
			if err := xml.Unmarshal(body, &doc); err != nil || resp.StatusCode != 200 || doc.Version != "2.0" {
				t.Fatalf("GET %s at step %d = %d, Unmarshal: %v, version %q", feed, s, resp.StatusCode, err, doc.Version)
			}
			total := (s + 1) * perStep
			if want := min(total, GeneratedWindow); len(doc.Channel.Items) != want {
				t.Errorf("%s at step %d: %d items, want %d", feed, s, len(doc.Channel.Items), want)
			}
			for i, it := range doc.Channel.Items {
				n := total - i
				text := texts[((n-1)*feeds+f)%len(texts)]
				pub, err := time.Parse(time.RFC1123Z, it.PubDate)
				if it.Link != fmt.Sprintf("https://%s.example.id/berita/%d", feed, n) || it.GUID.Value != it.Link ||
					it.Title != text.Title || it.Description != text.Body {
					t.Errorf("%s at step %d, item %d = %+v, want item %d of text %+v", feed, s, i, it, n, text)
				}
				itemStep := (n - 1) / perStep
				if err != nil || !strings.HasSuffix(it.PubDate, "+0700") || pub.After(timeline[itemStep]) ||
					(itemStep > 0 && !pub.After(timeline[itemStep-1])) {
					t.Errorf("%s item %d: pubDate %q (%v), want +0700 within step %d", feed, n, it.PubDate, err, itemStep)
				}
			}
			etag := resp.Header.Get("ETag")
			if etags[etag] || resp.Header.Get("Last-Modified") != at.Format(http.TimeFormat) {
				t.Errorf("%s at step %d: ETag %s (seen before: %v), Last-Modified %q", feed, s, etag, etags[etag], resp.Header.Get("Last-Modified"))
			}
			etags[etag] = true
			if r, _ := get(t, "GET", farm.URL(feed), map[string]string{"If-None-Match": etag}); r.StatusCode != 304 {
				t.Errorf("%s at step %d: If-None-Match = %d, want 304", feed, s, r.StatusCode)
			}
		}
	}
	if st := farm.Stats(); st.OK != feeds*steps || st.NotModified != feeds*steps || st.NotFound != 1 {
		t.Errorf("Stats() = %+v", st)
	}
}

func TestNewGeneratedPanics(t *testing.T) {
	for _, args := range [][3]int{{0, 1, 1}, {1, -1, 1}, {1, 1, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewGenerated(%d, %d, %d, texts) did not panic", args[0], args[1], args[2])
				}
			}()
			NewGenerated(args[0], args[1], args[2], testTexts(1))
		}()
	}
}

// BenchmarkTempoServe measures one GET of a feed through the handler.
func BenchmarkTempoServe(b *testing.B) {
	dir := filepath.Join(testenv.SharedData(b, "rss-tempo"), "snapshots")
	farm, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	farm.SetTime(farm.Steps()[len(farm.Steps())-1])
	req, _ := http.NewRequest("GET", "/hukum.xml", nil)
	for b.Loop() {
		farm.ServeHTTP(discard{}, req)
	}
}

// discard is a ResponseWriter that keeps nothing.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(p []byte) (int, error) { return len(p), nil }
func (discard) WriteHeader(int)             {}
