// Command evalud scores the stemmer against the lemmas of the shared UD
// Indonesian files: content words (NOUN, VERB, ADJ, ADV) whose form is
// letters and '-', lower-cased, as in PEERS.md. It prints the accuracy of
// the shipped lexicon (which has seen these lemmas) and the cross-validated
// accuracy (each file stemmed with a lexicon built without it), overall and
// per UPOS, and the most frequent errors. Run from the repository root:
//
//	go run ./bahasa/stem/internal/evalud [-data ../shared/data/ud-indonesian] [-top 40]
//
// To score a peer on the same tokens, write the distinct forms with -words,
// stem them with the peer into a TSV of form<TAB>root, and pass it to -peer
// (an empty root counts as the form itself).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sinergi-id/sinergi/bahasa/stem"
	"github.com/sinergi-id/sinergi/bahasa/stem/internal/lexicon"
)

func main() {
	data := flag.String("data", "../shared/data/ud-indonesian", "folder of the UD Indonesian .conllu files")
	top := flag.Int("top", 40, "number of error pairs to print")
	words := flag.String("words", "", "if set, write the distinct gold forms, one a line, to this file (for peers)")
	peer := flag.String("peer", "", "if set, also score this TSV of form<TAB>root produced by a peer stemmer")
	flag.Parse()
	if err := run(*data, *top, *words, *peer); err != nil {
		fmt.Fprintln(os.Stderr, "evalud:", err)
		os.Exit(1)
	}
}

func run(udDir string, top int, words, peer string) error {
	dataDir := filepath.Dir(udDir)
	shipped, err := stem.New()
	if err != nil {
		return err
	}
	var all, cv lexicon.Score
	for _, name := range lexicon.UDFiles {
		toks, err := lexicon.ReadUD(filepath.Join(udDir, name))
		if err != nil {
			return err
		}
		s := lexicon.Evaluate(lexicon.Content(toks), shipped.Stem)
		all.Add(s)
		report("shipped lexicon, "+name, s, 0)
	}
	report("shipped lexicon, both files", all, top)
	scores, err := lexicon.CrossValidate(dataDir, func(e []lexicon.Entry) (lexicon.Stemmer, error) {
		var buf bytes.Buffer
		if err := lexicon.Write(&buf, e); err != nil {
			return nil, err
		}
		return stem.Load(&buf, stem.DefaultMemo)
	})
	if err != nil {
		return err
	}
	for _, name := range lexicon.UDFiles {
		report("cross-validated (lexicon without this file), "+name, scores[name], 0)
		cv.Add(scores[name])
	}
	report("cross-validated, both files", cv, top)
	if words != "" {
		if err := writeWords(udDir, words); err != nil {
			return err
		}
	}
	if peer != "" {
		return scorePeer(udDir, peer, top)
	}
	return nil
}

// scorePeer scores a peer's form → root table on the same tokens.
func scorePeer(udDir, path string, top int) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	roots := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		form, root, _ := strings.Cut(line, "\t")
		if root, _, _ = strings.Cut(root, "|"); root != "" {
			roots[form] = root
		}
	}
	var all lexicon.Score
	for _, name := range lexicon.UDFiles {
		toks, err := lexicon.ReadUD(filepath.Join(udDir, name))
		if err != nil {
			return err
		}
		all.Add(lexicon.Evaluate(lexicon.Content(toks), func(w string) string {
			if r, ok := roots[w]; ok {
				return r
			}
			return w
		}))
	}
	report("peer "+path+", both files", all, top)
	return nil
}

func report(title string, s lexicon.Score, top int) {
	fmt.Printf("== %s\n%-5s %6.2f %%  (%d/%d)\n", title, "ALL", s.Accuracy(), s.Correct, s.Total)
	for _, u := range []string{"NOUN", "VERB", "ADJ", "ADV"} {
		c := s.ByUPOS[u]
		fmt.Printf("%-5s %6.2f %%  (%d/%d)\n", u, s.UPOSAccuracy(u), c[0], c[1])
	}
	for _, e := range s.TopErrors(top) {
		fmt.Printf("  %4d  %s (gold %s)\n", e.Count, e.Pair[0], e.Pair[1])
	}
}

func writeWords(udDir, path string) error {
	seen := map[string]bool{}
	var buf bytes.Buffer
	for _, name := range lexicon.UDFiles {
		toks, err := lexicon.ReadUD(filepath.Join(udDir, name))
		if err != nil {
			return err
		}
		for _, t := range lexicon.Content(toks) {
			if !seen[t.Form] {
				seen[t.Form] = true
				buf.WriteString(t.Form + "\n")
			}
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
