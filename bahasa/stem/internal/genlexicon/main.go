// Command genlexicon regenerates the stemmer's root lexicon,
// bahasa/stem/data/roots.txt, from the shared data sets. Run from the
// repository root:
//
//	go run ./bahasa/stem/internal/genlexicon [-data ../shared/data]
//
// The output depends only on the input files, so rerunning it gives the
// same bytes. See bahasa/stem/data/SOURCE.md for the sources and method.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/sinergi-id/sinergi/bahasa/stem/internal/lexicon"
)

func main() {
	data := flag.String("data", "../shared/data", "folder of the shared data sets")
	out := flag.String("out", "bahasa/stem/data/roots.txt", "lexicon to write")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlexicon:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	entries, err := lexicon.Build(data, lexicon.UDFiles)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := lexicon.Write(&buf, entries); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("genlexicon: %d roots → %s\n", len(entries), out)
	return nil
}
