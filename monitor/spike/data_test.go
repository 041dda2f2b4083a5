package spike

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// The real series of these tests: publication times from the shared news
// and feed corpora (../shared/data, see each SOURCE.md), never copied into
// the repository.

var wib = time.FixedZone("WIB", 7*3600)

// doc is one dated item of a corpus.
type doc struct {
	feed string    // Tempo feed, IndoSum source, or the corpus name
	text string    // lower-cased title and description, for keyword series
	t    time.Time // publication time
}

// realSeries is an hourly count series built from a corpus.
type realSeries struct {
	name   string
	start  time.Time   // the first hour, in WIB
	counts []int       // items per hour from start
	times  []time.Time // the items' publication times, to recount from
}

// tempoStart is the day after the first snapshot of rss-tempo (2025-06-26):
// the items dated before it are the feeds' backlog at the first fetch, not
// a pace of publication, and are left out.
var tempoStart = time.Date(2025, 6, 27, 0, 0, 0, 0, wib)

// loadTempo reads rss-tempo/items.jsonl: 5,747 items of five Tempo feeds,
// June 2025 to March 2026, with their feed's pubDate (+0700); those dated
// from tempoStart on.
func loadTempo(t testing.TB) []doc {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.SharedData(t, "rss-tempo"), "items.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var it struct{ Feed, Title, Description, PubDate string }
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("rss-tempo: %v", err)
		}
		pt, err := mail.ParseDate(it.PubDate)
		if err != nil {
			t.Fatalf("rss-tempo: pubDate %q: %v", it.PubDate, err)
		}
		if pt.Before(tempoStart) {
			continue
		}
		docs = append(docs, doc{feed: it.Feed, text: strings.ToLower(it.Title + " " + it.Description), t: pt})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// loadIndoSum reads news-indosum/articles.text.jsonl: 2,771 articles of
// 2016–2018 with the aggregator's time (the Unix-time prefix of the id).
func loadIndoSum(t testing.TB) []doc {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.SharedData(t, "news-indosum"), "articles.text.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []doc
	dec := json.NewDecoder(f)
	for {
		var it struct {
			Source         string
			IDTimestampUTC string `json:"id_timestamp_utc"`
		}
		if err := dec.Decode(&it); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("news-indosum: %v", err)
		}
		pt, err := time.Parse(time.RFC3339, it.IDTimestampUTC)
		if err != nil {
			t.Fatalf("news-indosum: %v", err)
		}
		docs = append(docs, doc{feed: it.Source, t: pt})
	}
	return docs
}

var (
	kompasDate = regexp.MustCompile(`(\d\d)/(\d\d)/(\d{4}), (\d\d):(\d\d)`)
	slashDate  = regexp.MustCompile(`(\d{4})/(\d\d)/(\d\d) (\d\d):(\d\d)`)
)

// loadScrape reads news-scrape-2025/articles.csv: CNN Indonesia, Kompas and
// Detik articles of May–July 2025 with their WIB publication time (Tempo's
// rows have none and are left out).
func loadScrape(t testing.TB) []doc {
	t.Helper()
	var docs []doc
	for _, r := range readCSV(t, filepath.Join(testenv.SharedData(t, "news-scrape-2025"), "articles.csv")) {
		title, date := r["Title"], r["Date"]
		var y, mo, d, h, mi string
		if m := kompasDate.FindStringSubmatch(date); m != nil {
			d, mo, y, h, mi = m[1], m[2], m[3], m[4], m[5]
		} else if m := slashDate.FindStringSubmatch(date); m != nil {
			y, mo, d, h, mi = m[1], m[2], m[3], m[4], m[5]
		} else {
			continue
		}
		pt, err := time.ParseInLocation("2006-01-02 15:04", y+"-"+mo+"-"+d+" "+h+":"+mi, wib)
		if err != nil {
			t.Fatalf("news-scrape-2025: %q: %v", date, err)
		}
		docs = append(docs, doc{feed: "scrape", text: strings.ToLower(title), t: pt})
	}
	return docs
}

// loadDetik reads news-detik-2025-summaries/data_berita.csv: 800 Detik
// articles of 2025 with their WIB time (M/D/YYYY H:MM).
func loadDetik(t testing.TB) []doc {
	t.Helper()
	var docs []doc
	for _, r := range readCSV(t, filepath.Join(testenv.SharedData(t, "news-detik-2025-summaries"), "data_berita.csv")) {
		pt, err := time.ParseInLocation("1/2/2006 15:04", r["tanggal"], wib)
		if err != nil {
			t.Fatalf("news-detik-2025-summaries: %q: %v", r["tanggal"], err)
		}
		docs = append(docs, doc{feed: "detik", text: strings.ToLower(r["judul"]), t: pt})
	}
	return docs
}

// readCSV reads a CSV file with a header into one map per row.
func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		row := make(map[string]string, len(head))
		for i, h := range head {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// hasWord reports whether text contains one of the word forms as a whole
// word (so "demo" is not found in "demokrasi").
func hasWord(text string, forms ...string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(forms, w) {
			return true
		}
	}
	return false
}

// hourly counts the items of docs per hour, from the hour of the earliest
// to the hour of the latest.
func hourly(name string, docs []doc) realSeries {
	if len(docs) == 0 {
		return realSeries{name: name}
	}
	lo, hi := unixHour(docs[0].t), unixHour(docs[0].t)
	for _, d := range docs {
		lo, hi = min(lo, unixHour(d.t)), max(hi, unixHour(d.t))
	}
	counts := make([]int, hi-lo+1)
	times := make([]time.Time, len(docs))
	for i, d := range docs {
		counts[unixHour(d.t)-lo]++
		times[i] = d.t
	}
	return realSeries{name: name, start: time.Unix(lo*3600, 0).In(wib), counts: counts, times: times}
}

// filter returns the docs keep accepts.
func filter(docs []doc, keep func(doc) bool) []doc {
	var out []doc
	for _, d := range docs {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// keywords are the keyword series: word forms matched in the title and
// description of Tempo's items.
var keywords = []struct {
	name  string
	forms []string
}{
	{"korupsi", []string{"korupsi", "koruptor"}},
	{"polisi", []string{"polisi", "kepolisian", "polri", "polda", "polres"}},
	{"demo", []string{"demo", "demonstrasi", "demonstran", "unjuk"}},
	{"banjir", []string{"banjir", "kebanjiran"}},
}

// realCorpusSeries returns every real series of the tests.
func realCorpusSeries(t testing.TB) []realSeries {
	t.Helper()
	tempo := loadTempo(t)
	indosum := loadIndoSum(t)
	out := []realSeries{hourly("tempo/all", tempo)}
	for _, f := range []string{"hukum", "ekonomi", "cekfakta"} {
		out = append(out, hourly("tempo/"+f, filter(tempo, func(d doc) bool { return d.feed == f })))
	}
	for _, k := range keywords {
		out = append(out, hourly("tempo/'"+k.name+"'", filter(tempo, func(d doc) bool { return hasWord(d.text, k.forms...) })))
	}
	out = append(out,
		hourly("indosum/all", indosum),
		hourly("indosum/cnn", filter(indosum, func(d doc) bool { return d.feed == "cnn indonesia" })),
		hourly("scrape-2025/all", loadScrape(t)),
		hourly("detik-2025/all", loadDetik(t)),
	)
	return out
}
