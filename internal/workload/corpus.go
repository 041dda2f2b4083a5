// Package workload supplies what the query tests and benchmarks share
// (the presearcher's, the archive's agreement test on both engines, the
// PostgreSQL comparison): news documents read from the corpora of
// ../shared/data (or from testdata), their vocabulary with document
// frequencies, and stored queries generated from the grammar over that
// vocabulary. Nothing here is part of the product.
package workload

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/query"
)

// ReadIndoSum reads up to limit articles (all when limit ≤ 0) of IndoSum's
// articles.text.jsonl. IndoSum has no headline, so the title is the slug of
// the article's URL with hyphens as spaces; the date is the aggregator's
// time of the id.
func ReadIndoSum(path string, limit int) ([]query.Document, error) {
	var docs []query.Document
	err := eachJSONLine(path, func(line []byte) (bool, error) {
		var a struct {
			Source, Text string
			URL          string `json:"source_url"`
			Time         string `json:"id_timestamp_utc"`
		}
		if err := json.Unmarshal(line, &a); err != nil {
			return false, err
		}
		t, _ := time.Parse(time.RFC3339, a.Time)
		docs = append(docs, query.Document{
			Title: slugTitle(a.URL), Text: a.Text, Source: a.Source,
			Lang: "id", Type: "news", Published: t,
		})
		return limit <= 0 || len(docs) < limit, nil
	})
	if err != nil {
		return nil, fmt.Errorf("workload: read IndoSum %s: %w", path, err)
	}
	return docs, nil
}

// slugTitle turns the last path segment of a URL into words.
func slugTitle(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	slug := filepath.Base(strings.TrimSuffix(u.Path, "/"))
	return strings.Join(strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' }), " ")
}

// ReadTempoRSS reads the items of rss-tempo/items.jsonl: a title and a
// one-sentence description each.
func ReadTempoRSS(path string) ([]query.Document, error) {
	var docs []query.Document
	err := eachJSONLine(path, func(line []byte) (bool, error) {
		var it struct{ Title, Description, Link, PubDate string }
		if err := json.Unmarshal(line, &it); err != nil {
			return false, err
		}
		t, _ := time.Parse(time.RFC1123Z, it.PubDate)
		docs = append(docs, query.Document{
			Title: it.Title, Text: it.Description, Source: host(it.Link),
			Lang: "id", Type: "news", Published: t,
		})
		return true, nil
	})
	if err != nil {
		return nil, fmt.Errorf("workload: read Tempo RSS %s: %w", path, err)
	}
	return docs, nil
}

// scrapeDate finds "31/05/2025, 14:58" in the Date column of the scrape.
var scrapeDate = regexp.MustCompile(`(\d{2}/\d{2}/\d{4}), (\d{2}:\d{2})`)

// ReadNewsScrape reads news-scrape-2025/articles.csv (Title, FullText,
// Author, Url, Date, ...); dates are taken as WIB.
func ReadNewsScrape(path string) ([]query.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("workload: read news scrape: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	wib := time.FixedZone("WIB", 7*3600)
	var docs []query.Document
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("workload: read news scrape %s: %w", path, err)
		}
		if i == 0 || len(rec) < 5 {
			continue // the header
		}
		var t time.Time
		if m := scrapeDate.FindStringSubmatch(rec[4]); m != nil {
			t, _ = time.ParseInLocation("02/01/2006 15:04", m[1]+" "+m[2], wib)
		}
		docs = append(docs, query.Document{
			Title: rec[0], Text: rec[1], Source: host(rec[3]),
			Lang: "id", Type: "news", Published: t,
		})
	}
}

// ReadNews reads the three news corpora under dir (../shared/data):
// news-indosum, news-scrape-2025 and rss-tempo, in that order.
func ReadNews(dir string) ([]query.Document, error) {
	indo, err := ReadIndoSum(filepath.Join(dir, "news-indosum", "articles.text.jsonl"), 0)
	if err != nil {
		return nil, err
	}
	scrape, err := ReadNewsScrape(filepath.Join(dir, "news-scrape-2025", "articles.csv"))
	if err != nil {
		return nil, err
	}
	rss, err := ReadTempoRSS(filepath.Join(dir, "rss-tempo", "items.jsonl"))
	if err != nil {
		return nil, err
	}
	return append(append(indo, scrape...), rss...), nil
}

func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Host, "www.")
}

// eachJSONLine calls fn for each non-empty line of a file until fn returns
// false or an error.
func eachJSONLine(path string, fn func([]byte) (bool, error)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		more, err := fn(sc.Bytes())
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if !more {
			return nil
		}
	}
	return sc.Err()
}

// Articles returns n of the corpus's prepared documents whose text is a
// full article (at least 1,000 bytes, so not a feed's one-line summary),
// evenly spaced through it; fewer if the corpus has fewer.
func (c *Corpus) Articles(n int) []*query.Prepared {
	var full []*query.Prepared
	for i, d := range c.Docs {
		if len(d.Text) >= 1000 {
			full = append(full, c.Prepared[i])
		}
	}
	if len(full) <= n {
		return full
	}
	out := make([]*query.Prepared, n)
	for i := range out {
		out[i] = full[i*len(full)/n]
	}
	return out
}

// Latest returns the latest publication time of the corpus: a "now" at
// which date:>now-7d finds the newest documents.
func (c *Corpus) Latest() time.Time {
	var t time.Time
	for _, d := range c.Docs {
		if d.Published.After(t) {
			t = d.Published
		}
	}
	return t
}
