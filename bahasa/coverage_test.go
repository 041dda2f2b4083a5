package bahasa

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// coverage counts how the normaliser treats a lexicon of informal forms.
type coverage struct {
	forms     int // distinct informal forms (one word, differing from their standard form)
	agree     int // NormalizeWord gives one of the lexicon's standard forms
	listAgree int // our slang list alone maps the form to one of them
	sameNorm  int // NormalizeWord gives what Normalize makes of one of them ("gak" → "tidak" = Normalize("enggak"))
	differ    int // NormalizeWord changes the form, to something else
	// rows and rowsAgree weigh each form by the number of lexicon rows
	// naming it (in kamus-alay a row is one sighting in a real comment).
	rows, rowsAgree int
}

func measure(pairs map[string]map[string]bool, weights map[string]int) coverage {
	var c coverage
	slang := Slang()
	for informal, standards := range pairs {
		c.forms++
		got := NormalizeWord(informal)
		c.rows += weights[informal]
		switch {
		case standards[got]:
			c.agree++
			c.rowsAgree += weights[informal]
		case got != informal:
			c.differ++
		}
		if standards[slang[informal]] {
			c.listAgree++
		}
		for s := range standards {
			if Normalize(s) == got && got != informal {
				c.sameNorm++
				break
			}
		}
	}
	return c
}

// addPair records informal → standard when both are usable and differ.
func addPair(pairs map[string]map[string]bool, weights map[string]int, informal, standard string) {
	informal = strings.ToLower(strings.TrimSpace(informal))
	standard = strings.ToLower(strings.TrimSpace(standard))
	if informal == "" || standard == "" || informal == standard || strings.ContainsAny(informal, " \t") {
		return
	}
	if pairs[informal] == nil {
		pairs[informal] = map[string]bool{}
	}
	pairs[informal][standard] = true
	weights[informal]++
}

// TestSlangCoverage measures, on the two shared slang lexicons (no licence
// and CC BY-NC-SA: used here to evaluate only, never shipped), how many of
// their informal forms our normaliser maps to the same standard form. The
// figures are in RESULTS-core.md.
func TestSlangCoverage(t *testing.T) {
	alay, alayRows := readPairs(t, filepath.Join(testenv.SharedData(t, "slang-kamus-alay"), "colloquial-indonesian-lexicon.csv"), true)
	ibrohim, ibrohimRows := readPairs(t, filepath.Join(testenv.SharedData(t, "hatespeech-abusive-ibrohim"), "new_kamusalay.csv"), false)
	for _, lex := range []struct {
		name  string
		pairs map[string]map[string]bool
		rows  map[string]int
		floor float64
	}{{"slang-kamus-alay", alay, alayRows, 0.20}, {"hatespeech-abusive-ibrohim/new_kamusalay", ibrohim, ibrohimRows, 0.06}} {
		c := measure(lex.pairs, lex.rows)
		share := float64(c.agree) / float64(c.forms)
		pct := func(n int) float64 { return 100 * float64(n) / float64(c.forms) }
		t.Logf("%s: %d informal forms; NormalizeWord gives their standard form for %d (%.1f%%), slang.tsv alone for %d (%.1f%%); "+
			"NormalizeWord equals Normalize(their form) for %d (%.1f%%); changes %d (%.1f%%) to another form",
			lex.name, c.forms, c.agree, pct(c.agree), c.listAgree, pct(c.listAgree), c.sameNorm, pct(c.sameNorm),
			c.differ, pct(c.differ))
		t.Logf("%s: weighted by rows: %d of %d rows (%.1f%%) get their standard form",
			lex.name, c.rowsAgree, c.rows, 100*float64(c.rowsAgree)/float64(c.rows))
		if share < lex.floor {
			t.Errorf("NormalizeWord agrees with %s on %.1f%% of forms, want at least %.0f%%", lex.name, 100*share, 100*lex.floor)
		}
	}
}

// readPairs reads a slang CSV: with a header and slang,formal first
// (kamus-alay), or without a header, two columns (Ibrohim). Bytes that are
// not UTF-8 are kept; such forms simply do not match.
func readPairs(t *testing.T, path string, header bool) (map[string]map[string]bool, map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	pairs, weights := map[string]map[string]bool{}, map[string]int{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		if (first && header) || len(rec) < 2 {
			continue
		}
		addPair(pairs, weights, rec[0], rec[1])
	}
	if len(pairs) == 0 {
		t.Fatalf("read %s: no pairs", path)
	}
	return pairs, weights
}
