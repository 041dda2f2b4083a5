package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// doc is one text of the evaluation collection.
type doc struct {
	ID     string
	Set    string // the shared data set it came from
	URL    string
	Topic  string // a topic key for hard negatives: detik's search keyword, IndoSum's day+category
	Title  string // normalised title, for the cross-scrape rule
	Text   string
	Origin int    // for a synthetic copy: the index of the document it copies; else -1
	Edit   string // for a synthetic copy: the edits made
}

// loadCorpus reads the shared news and hoax sets under dir.
func loadCorpus(dir string) ([]doc, error) {
	var docs []doc
	add := func(d doc) {
		if strings.TrimSpace(d.Text) == "" {
			return
		}
		d.Origin = -1
		docs = append(docs, d)
	}
	// IndoSum (CC BY-SA 4.0): tokenised text; topic = day + category.
	err := jsonLines(filepath.Join(dir, "news-indosum/articles.text.jsonl"), func(m map[string]any) {
		add(doc{ID: "indosum:" + str(m["id"]), Set: "indosum", URL: str(m["source_url"]),
			Topic: "indosum:" + str(m["id_timestamp_utc"])[:10] + ":" + str(m["category"]), Text: str(m["text"])})
	})
	if err != nil {
		return nil, err
	}
	err = csvRows(filepath.Join(dir, "news-scrape-2025/articles.csv"), func(r map[string]string) {
		add(doc{ID: "scrape:" + r["Url"], Set: "news-scrape-2025", URL: r["Url"], Title: r["Title"],
			Text: joinTitle(r["Title"], r["FullText"], r["FullText"] != "")})
	})
	if err != nil {
		return nil, err
	}
	err = csvRows(filepath.Join(dir, "news-detik-2025-summaries/data_berita.csv"), func(r map[string]string) {
		add(doc{ID: "detik:" + r["id"], Set: "news-detik-2025", URL: r["tautan"], Title: r["judul"],
			Topic: "detik:" + r["keyword_sumber"], Text: joinTitle(r["judul"], r["isi_berita"], true)})
	})
	if err != nil {
		return nil, err
	}
	err = jsonLines(filepath.Join(dir, "hoax-turnbackhoax-2019/turnbackhoax_2016_2019.jsonl"), func(m map[string]any) {
		add(doc{ID: "tbh2019:" + str(m["url"]), Set: "turnbackhoax-2019", URL: str(m["url"]), Text: str(m["text"])})
	})
	if err != nil {
		return nil, err
	}
	err = csvRows(filepath.Join(dir, "hoax-turnbackhoax-2025/articles.csv"), func(r map[string]string) {
		add(doc{ID: "tbh2025:" + r["Url"], Set: "turnbackhoax-2025", URL: r["Url"], Title: r["Title"],
			Text: joinTitle(r["Title"], r["FullText"], r["FullText"] != "")})
	})
	if err != nil {
		return nil, err
	}
	for _, f := range []string{"politics", "others", "scam"} {
		err = csvRows(filepath.Join(dir, "hoax-turnbackhoax-2024/"+f+"_hoax_text.csv"), func(r map[string]string) {
			add(doc{ID: "tbh2024:" + r["ID"], Set: "turnbackhoax-2024", Title: r["TITLE"],
				Text: joinTitle(r["TITLE"], r["HOAX_TEXT"], true)})
		})
		if err != nil {
			return nil, err
		}
	}
	// Tempo RSS items: title + summary, the short texts of the collection.
	err = jsonLines(filepath.Join(dir, "rss-tempo/items.jsonl"), func(m map[string]any) {
		add(doc{ID: "tempo:" + str(m["link"]), Set: "rss-tempo", URL: str(m["link"]), Title: str(m["title"]),
			Topic: "tempo:" + str(m["feed"]), Text: str(m["title"]) + ". " + str(m["description"])})
	})
	return docs, err
}

func joinTitle(title, body string, ok bool) string {
	if !ok {
		return ""
	}
	return strings.TrimSpace(title) + "\n\n" + body
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func jsonLines(path string, f func(map[string]any)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		f(m)
	}
	return sc.Err()
}

func csvRows(path string, f func(map[string]string)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[strings.TrimPrefix(h, "\ufeff")] = rec[i]
			}
		}
		f(m)
	}
}
