// Command genbackground writes the news background the hoax matcher
// ships (hoax/match/data/background.tsv.gz): the content words of the
// IndoSum news articles, as the matcher reads them, and in how many
// articles each occurs. Run from the repository root:
//
//	go run ./hoax/match/internal/genbackground [-data ../shared/data]
//
// The same data give the same bytes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/hoax/match"
)

func main() {
	data := flag.String("data", "../shared/data", "folder of the shared data sets")
	out := flag.String("out", "hoax/match/data/background.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genbackground:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	terms, err := analysis.NewTerms()
	if err != nil {
		return err
	}
	path := filepath.Join(data, "news-indosum", "articles.text.jsonl")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ix := match.New(match.Options{})
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		ix.Observe(match.Text{Terms: terms.Terms(a.Text)})
		n++
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := ix.WriteBackground(zw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("genbackground: %d articles → %s (%d bytes)\n", n, out, buf.Len())
	return nil
}
