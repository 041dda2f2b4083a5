package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// baseDoc is one text of the shared data sets, before repetition.
type baseDoc struct {
	Set       string // the data set it comes from
	Title     string
	Text      string
	URL       string
	Source    string
	Type      string // "news" or "social"
	Sentiment string
	Published time.Time // always set: undated texts get a synthetic date
	Dated     bool      // whether Published comes from the data set
}

// wib is Western Indonesia time, the zone of the news sites' dates.
var wib = time.FixedZone("WIB", 7*3600)

// readCorpus reads every text of the shared sets under dir, in a fixed
// order. Texts without a date get a synthetic one between 2019 and 2024
// (a hash of the text), so every item can be found by a date filter.
func readCorpus(dir string) ([]baseDoc, error) {
	readers := []struct {
		name string
		read func(dir string) ([]baseDoc, error)
	}{
		{"news-indosum", readIndoSum},
		{"news-scrape-2025", readScrape},
		{"news-detik-2025-summaries", readDetik},
		{"rss-tempo", readTempo},
		{"hoax-pratiwi-2017", readPratiwi},
		{"hoax-turnbackhoax-2019", readTBH2019},
		{"hoax-turnbackhoax-2024", readTBH2024},
		{"hoax-turnbackhoax-2025", readTBH2025},
		{"sentiment-smsa", readSmSA},
		{"hatespeech-abusive-ibrohim", readIbrohim},
	}
	var all []baseDoc
	for _, r := range readers {
		docs, err := r.read(filepath.Join(dir, r.name))
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", r.name, err)
		}
		for _, d := range docs {
			d.Set = r.name
			d.Title = strings.Join(strings.Fields(d.Title), " ")
			d.Text = strings.TrimSpace(d.Text)
			if d.Title == "" && d.Text == "" || !utf8.ValidString(d.Title+d.Text) {
				continue
			}
			if d.Type == "" {
				d.Type = "news"
			}
			if d.Sentiment == "" {
				d.Sentiment = "not_rated"
			}
			if d.Source == "" && d.URL != "" {
				if u, err := url.Parse(d.URL); err == nil {
					d.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
				}
			}
			if d.Source == "" {
				d.Source = r.name
			}
			d.Dated = !d.Published.IsZero()
			if !d.Dated {
				d.Published = syntheticDate(d.Title + d.Text)
			}
			d.Published = d.Published.UTC().Truncate(time.Microsecond)
			all = append(all, d)
		}
	}
	return all, nil
}

// syntheticDate spreads undated texts over 2019-01-01 … 2024-12-31 WIB.
func syntheticDate(s string) time.Time {
	h := fnv.New64a()
	io.WriteString(h, s)
	v := h.Sum64()
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, wib)
	return start.Add(time.Duration(v%(6*365*24*3600)) * time.Second)
}

func readJSONL(path string, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return sc.Err()
}

// readCSV calls fn with every record after the header, keyed by column.
func readCSV(path string, comma rune, fn func(rec map[string]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for i := range head {
		head[i] = strings.TrimPrefix(strings.TrimSpace(head[i]), "\ufeff")
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		m := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		if err := fn(m); err != nil {
			return err
		}
	}
}

// slugTitle turns the last segment of a URL into a title ("ketua-mpr-…"
// → "ketua mpr …"), for sets without a headline.
func slugTitle(u string) string {
	u = strings.TrimRight(u, "/")
	seg := u[strings.LastIndex(u, "/")+1:]
	return strings.ReplaceAll(seg, "-", " ")
}

func readIndoSum(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readJSONL(filepath.Join(dir, "articles.text.jsonl"), func(line []byte) error {
		var r struct {
			Source    string `json:"source"`
			SourceURL string `json:"source_url"`
			Time      string `json:"id_timestamp_utc"`
			Text      string `json:"text"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		t, _ := time.Parse(time.RFC3339, r.Time)
		out = append(out, baseDoc{Title: slugTitle(r.SourceURL), Text: r.Text, URL: r.SourceURL, Published: t})
		return nil
	})
	return out, err
}

// newsDate parses the scraped outlets' date formats; unknown is zero.
func newsDate(s string) time.Time {
	s = strings.TrimSpace(strings.TrimPrefix(s, "Kompas.com- "))
	s = strings.TrimSuffix(s, " WIB")
	for _, layout := range []string{"2006/01/02 15:04:05", "02/01/2006, 15:04", "1/2/2006 15:04", "January 2, 2006", "2 Jan 2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, wib); err == nil {
			return t
		}
	}
	return time.Time{}
}

func readScrape(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readCSV(filepath.Join(dir, "articles.csv"), ',', func(r map[string]string) error {
		out = append(out, baseDoc{Title: r["Title"], Text: r["FullText"], URL: r["Url"], Published: newsDate(r["Date"])})
		return nil
	})
	return out, err
}

func readDetik(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readCSV(filepath.Join(dir, "data_berita.csv"), ',', func(r map[string]string) error {
		out = append(out, baseDoc{Title: r["judul"], Text: r["isi_berita"], URL: r["tautan"], Published: newsDate(r["tanggal"])})
		return nil
	})
	return out, err
}

func readTempo(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readJSONL(filepath.Join(dir, "items.jsonl"), func(line []byte) error {
		var r struct {
			Title, Link, PubDate, Description string
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		t, _ := time.Parse(time.RFC1123Z, r.PubDate)
		out = append(out, baseDoc{Title: r.Title, Text: r.Description, URL: r.Link, Published: t})
		return nil
	})
	return out, err
}

func readPratiwi(dir string) ([]baseDoc, error) {
	var out []baseDoc
	for _, name := range []string{"news_600.utf8.jsonl", "news_250.utf8.jsonl"} {
		err := readJSONL(filepath.Join(dir, name), func(line []byte) error {
			var r struct{ Text string }
			if err := json.Unmarshal(line, &r); err != nil {
				return err
			}
			out = append(out, baseDoc{Text: r.Text, Source: "hoax-pratiwi-2017"})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readTBH2019(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readJSONL(filepath.Join(dir, "turnbackhoax_2016_2019.jsonl"), func(line []byte) error {
		var r struct {
			URL     string `json:"url"`
			URLDate string `json:"url_date"`
			Text    string `json:"text"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		t, _ := time.ParseInLocation("2006-01-02", r.URLDate, wib)
		out = append(out, baseDoc{Title: slugTitle(r.URL), Text: r.Text, URL: r.URL, Published: t})
		return nil
	})
	return out, err
}

func readTBH2024(dir string) ([]baseDoc, error) {
	var out []baseDoc
	for _, name := range []string{"politics_hoax_text.csv", "others_hoax_text.csv", "scam_hoax_text.csv"} {
		err := readCSV(filepath.Join(dir, name), ',', func(r map[string]string) error {
			out = append(out, baseDoc{Title: r["TITLE"], Text: r["HOAX_TEXT"], Source: "turnbackhoax.id", Published: newsDate(r["DATE"])})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readTBH2025(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readCSV(filepath.Join(dir, "articles.csv"), ',', func(r map[string]string) error {
		out = append(out, baseDoc{Title: r["Title"], Text: r["FullText"], URL: r["Url"], Published: newsDate(r["Date"])})
		return nil
	})
	return out, err
}

func readSmSA(dir string) ([]baseDoc, error) {
	var out []baseDoc
	for _, name := range []string{"train_preprocess.tsv", "valid_preprocess.tsv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			text, label, ok := strings.Cut(line, "\t")
			if !ok {
				continue
			}
			out = append(out, baseDoc{Text: text, Sentiment: strings.TrimSpace(label), Type: "social", Source: "smsa"})
		}
	}
	return out, nil
}

func readIbrohim(dir string) ([]baseDoc, error) {
	var out []baseDoc
	err := readCSV(filepath.Join(dir, "re_dataset.csv"), ',', func(r map[string]string) error {
		out = append(out, baseDoc{Text: r["Tweet"], Type: "social", Source: "twitter.com"})
		return nil
	})
	return out, err
}
