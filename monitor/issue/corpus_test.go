package issue

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// doc is one text of the shared news and hoax corpora, analysed as the
// archive analyses an item (words and named entities; sentiment and
// places are not needed for clustering and are left out to save time).
type doc struct {
	set  string // the corpus it comes from
	item *archive.Item
	an   *archive.Analysis
}

var wib = time.FixedZone("WIB", 7*3600)

// loadCorpus reads every dated text of the shared news and hoax corpora
// (see docs/benchmarks.md, "Issue clustering"), in time order (ties in
// file order), IDs 1, 2, 3, ... in that order.
func loadCorpus(tb testing.TB) []doc {
	tb.Helper()
	var docs []doc
	add := func(set, source, link, title, text string, at time.Time) {
		if at.IsZero() || strings.TrimSpace(title+text) == "" {
			return
		}
		docs = append(docs, doc{set: set, item: &archive.Item{
			Title: strings.Join(strings.Fields(title), " "), Text: strings.TrimSpace(text),
			URL: link, Source: source, Published: at, Type: "news",
		}})
	}
	readIndoSum(tb, add)
	readScrape(tb, add)
	readDetik(tb, add)
	readTempo(tb, add)
	readTBH(tb, add)
	slices.SortStableFunc(docs, func(a, b doc) int { return a.item.Published.Compare(b.item.Published) })
	for i := range docs {
		docs[i].item.ID = int64(i + 1)
	}
	analyse(tb, docs)
	return docs
}

type adder func(set, source, link, title, text string, at time.Time)

func open(tb testing.TB, set, name string) *os.File {
	tb.Helper()
	f, err := os.Open(filepath.Join(testenv.SharedData(tb, set), name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func eachJSON(tb testing.TB, r io.Reader, v func(dec func(any) error)) {
	tb.Helper()
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		v(func(x any) error { return json.Unmarshal(sc.Bytes(), x) })
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}

func eachCSV(tb testing.TB, r io.Reader, row func(map[string]string)) {
	tb.Helper()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			tb.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		row(m)
	}
}

// slugTitle makes a title of the last path segment of a URL (IndoSum and
// TurnBackHoax 2019 have none): its words, the trailing number dropped.
func slugTitle(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	seg := strings.Trim(u.Path, "/")
	seg = seg[strings.LastIndex(seg, "/")+1:]
	seg = regexp.MustCompile(`-?\d{5,}$`).ReplaceAllString(seg, "")
	return strings.ReplaceAll(seg, "-", " ")
}

func host(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func readIndoSum(tb testing.TB, add adder) {
	eachJSON(tb, open(tb, "news-indosum", "articles.text.jsonl"), func(dec func(any) error) {
		var r struct {
			Source    string
			SourceURL string `json:"source_url"`
			Text      string
			Time      time.Time `json:"id_timestamp_utc"`
		}
		if err := dec(&r); err != nil {
			tb.Fatal(err)
		}
		add("indosum", r.Source, r.SourceURL, slugTitle(r.SourceURL), r.Text, r.Time)
	})
}

var (
	kompasDate = regexp.MustCompile(`(\d\d)/(\d\d)/(\d{4}), (\d\d):(\d\d)`)
	isoDate    = regexp.MustCompile(`(\d{4})/(\d\d)/(\d\d) (\d\d):(\d\d)`)
)

// scrapeTime reads news-scrape-2025's dates: Kompas "03/07/2025, 19:37
// WIB", CNN and Detik "2025/07/02 13:30:42" (WIB); Tempo rows have none.
func scrapeTime(s string) time.Time {
	if m := kompasDate.FindStringSubmatch(s); m != nil {
		t, _ := time.ParseInLocation("02/01/2006 15:04", m[1]+"/"+m[2]+"/"+m[3]+" "+m[4]+":"+m[5], wib)
		return t
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		t, _ := time.ParseInLocation("2006/01/02 15:04", m[0], wib)
		return t
	}
	return time.Time{}
}

func readScrape(tb testing.TB, add adder) {
	eachCSV(tb, open(tb, "news-scrape-2025", "articles.csv"), func(r map[string]string) {
		if strings.TrimSpace(r["FullText"]) == "" {
			return
		}
		add("scrape", host(r["Url"]), r["Url"], r["Title"], r["FullText"], scrapeTime(r["Date"]))
	})
}

func readDetik(tb testing.TB, add adder) {
	eachCSV(tb, open(tb, "news-detik-2025-summaries", "data_berita.csv"), func(r map[string]string) {
		t, err := time.ParseInLocation("1/2/2006 15:04", r["tanggal"], wib)
		if err != nil {
			tb.Fatalf("detik: date %q: %v", r["tanggal"], err)
		}
		add("detik", host(r["tautan"]), r["tautan"], r["judul"], r["isi_berita"], t)
	})
}

func readTempo(tb testing.TB, add adder) {
	eachJSON(tb, open(tb, "rss-tempo", "items.jsonl"), func(dec func(any) error) {
		var r struct{ Title, Link, PubDate, Description string }
		if err := dec(&r); err != nil {
			tb.Fatal(err)
		}
		t, err := time.Parse(time.RFC1123Z, r.PubDate)
		if err != nil {
			t, err = time.Parse(time.RFC1123, r.PubDate)
		}
		if err != nil {
			tb.Fatalf("tempo: date %q: %v", r.PubDate, err)
		}
		add("tempo", "tempo.co", r.Link, r.Title, r.Description, t)
	})
}

func readTBH(tb testing.TB, add adder) {
	const src = "turnbackhoax.id"
	eachJSON(tb, open(tb, "hoax-turnbackhoax-2019", "turnbackhoax_2016_2019.jsonl"), func(dec func(any) error) {
		var r struct {
			URL, Text string
			Date      string `json:"url_date"`
		}
		if err := dec(&r); err != nil {
			tb.Fatal(err)
		}
		t, _ := time.ParseInLocation("2006-01-02", r.Date, wib)
		add("tbh2019", src, r.URL, slugTitle(r.URL), r.Text, t)
	})
	for _, f := range []string{"politics_hoax_text.csv", "others_hoax_text.csv", "scam_hoax_text.csv"} {
		eachCSV(tb, open(tb, "hoax-turnbackhoax-2024", f), func(r map[string]string) {
			t, _ := time.ParseInLocation("2 Jan 2006", r["DATE"], wib)
			add("tbh2024", src, "", r["TITLE"], r["HOAX_TEXT"], t)
		})
	}
	eachCSV(tb, open(tb, "hoax-turnbackhoax-2025", "articles.csv"), func(r map[string]string) {
		t, _ := time.ParseInLocation("January 2, 2006", r["Date"], wib)
		add("tbh2025", src, r["Url"], r["Title"], r["FullText"], t)
	})
}

// analyse fills each doc's analysis and entities as archive.Prepare does,
// on every core.
func analyse(tb testing.TB, docs []doc) {
	tb.Helper()
	terms, err := analysis.NewTerms()
	if err != nil {
		tb.Fatal(err)
	}
	names, err := ner.Load()
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				it := docs[i].item
				docs[i].an = &archive.Analysis{Title: terms.Terms(it.Title), Text: terms.Terms(it.Text)}
				for _, e := range names.Entities(it.Title + "\n" + it.Text) {
					name := e.Type + ":" + strings.Join(strings.Fields(e.Text), " ")
					if !slices.Contains(it.Entities, name) && len(it.Entities) < archive.MaxEntities {
						it.Entities = append(it.Entities, name)
					}
				}
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// countBy counts docs by corpus, for messages.
func countBy(docs []doc) string {
	n := map[string]int{}
	for _, d := range docs {
		n[d.set]++
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(n[b], n[a]) })
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(k + " " + itoa(n[k]))
	}
	return b.String()
}
