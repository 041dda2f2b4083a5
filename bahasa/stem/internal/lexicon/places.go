package lexicon

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/sinergi-id/sinergi/region"
)

// CasedCorpus is the corpus, relative to the shared data folder, whose
// capitals tell names from words: IndoSum keeps the case of its news.
const CasedCorpus = "news-indosum/articles.text.jsonl"

// PlaceRoots returns the one-word names of the provinces and
// kabupaten/kota of g (bekasi, semarang, maluku, kuningan) that news writes
// with a capital at least four times as often as without one, or never
// writes at all: names, which the stemmer must leave whole, where its rules
// would read bekas-i, s-em-arang or malu-ku. counts holds each word's
// occurrences inside sentences, capitalised and not (CaseCounts).
func PlaceRoots(g *region.Gazetteer, counts map[string][2]int) map[string]bool {
	out := map[string]bool{}
	for r := range g.All() {
		if r.Level != region.Province && r.Level != region.Regency {
			continue
		}
		name := region.Normalize(r.ShortName())
		if len(name) < MinLearned || !wordish(name) || strings.Contains(name, "-") {
			continue
		}
		if c := counts[name]; c[1]*4 <= c[0] {
			out[name] = true
		}
	}
	return out
}

// CaseCounts counts, for each lower-cased word of the cased corpus in
// dataDir, how often it is written with a capital ([0]) and without ([1])
// inside a sentence: a sentence's first word says nothing of its case.
func CaseCounts(dataDir string) (map[string][2]int, error) {
	path := filepath.Join(dataDir, CasedCorpus)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	counts := map[string][2]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", path, err)
		}
		start := true
		for _, field := range strings.Fields(a.Text) {
			w := strings.TrimFunc(field, func(r rune) bool { return !unicode.IsLetter(r) })
			if low := strings.ToLower(w); w != "" && !start && wordish(low) {
				c := counts[low]
				if unicode.IsUpper([]rune(w)[0]) {
					c[0]++
				} else {
					c[1]++
				}
				counts[low] = c
			}
			// A full stop, perhaps before a closing quote, ends a sentence.
			start = strings.ContainsAny(field[max(0, len(field)-2):], ".!?")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: read %s: %w", path, err)
	}
	return counts, nil
}
