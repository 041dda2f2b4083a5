package lexicon

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/sinergi-id/sinergi/bahasa/stem/internal/morph"
	"github.com/sinergi-id/sinergi/region"
)

// Corpora are the licensed corpora roots are learned from, relative to the
// shared data folder. NER test splits are left out: they are NER's
// held-out data.
var Corpora = []string{
	"sentiment-smsa/train_preprocess.tsv",
	"sentiment-smsa/valid_preprocess.tsv",
	"ner-indonlu/nergrit/train_preprocess.txt",
	"ner-indonlu/nergrit/valid_preprocess.txt",
	"ner-indonlu/nerp/train_preprocess.txt",
	"ner-indonlu/nerp/valid_preprocess.txt",
	"news-indosum/articles.text.jsonl",
}

// Learning thresholds: a corpus word becomes a root when it occurs alone at
// least MinAlone times and at least MinDerived distinct corpus words
// decompose to it.
const (
	MinAlone   = 2
	MinDerived = 2
	// MinLearned is the shortest learned root: three-letter strings that
	// occur alone and end many words (ang, kan, mat) are mostly debris of
	// names and other languages; real three-letter roots come from UD.
	MinLearned = 4
	// MinIndependent is how many corpus words must derive from a root r2
	// other than a candidate r and r's own derived words for r to count as
	// an affixed form of r2: pemerintah → perintah (memerintahkan), but
	// penjara stays (nothing derives from jara but penjara's family).
	MinIndependent = 1
)

// Entry is one root with its frequency (corpus occurrences plus UD lemma
// occurrences), which the stemmer uses to break ties.
type Entry struct {
	Root string
	Freq int
}

// Build returns the lexicon, sorted by root, from the UD files named
// (inside dataDir/ud-indonesian) and the corpora in dataDir, with the
// one-word names of provinces and kabupaten/kota (PlaceRoots).
func Build(dataDir string, udFiles []string) ([]Entry, error) {
	freq, err := CorpusCounts(dataDir)
	if err != nil {
		return nil, err
	}
	lemmas, err := udLemmas(dataDir, udFiles)
	if err != nil {
		return nil, err
	}
	roots := Learn(freq, lemmas)
	g, err := region.Load()
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	cased, err := CaseCounts(dataDir)
	if err != nil {
		return nil, err
	}
	for name := range PlaceRoots(g, cased) {
		roots[name] = true
	}
	out := make([]Entry, 0, len(roots))
	for r := range roots {
		out = append(out, Entry{Root: r, Freq: freq[r] + lemmas[r]})
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Root, b.Root) })
	return out, nil
}

// udLemmas returns the lemmas of the UD files with their counts, leaving
// out proper nouns, numbers and symbols, and lemmas that are, as a form,
// mostly given another lemma: the gold has a few menjadi → menjadi among
// many menjadi → jadi, and keeping menjadi as a root would block jadi.
func udLemmas(dataDir string, udFiles []string) (map[string]int, error) {
	lemmas := map[string]int{}
	asForm := map[string][2]int{} // form → {as its own lemma, as another}
	for _, name := range udFiles {
		toks, err := ReadUD(filepath.Join(dataDir, "ud-indonesian", name))
		if err != nil {
			return nil, err
		}
		for _, t := range toks {
			switch t.UPOS {
			case "PROPN", "PUNCT", "SYM", "X", "NUM":
				continue
			case "ADP":
				if len(t.Lemma) <= 3 {
					continue // per, di, ke: prepositions shaped like prefixes (peri → per)
				}
			}
			if wordish(t.Lemma) && strings.Trim(t.Lemma, "-") == t.Lemma {
				lemmas[t.Lemma]++
			}
			c := asForm[t.Form]
			if t.Form == t.Lemma {
				c[0]++
			} else {
				c[1]++
			}
			asForm[t.Form] = c
		}
	}
	for l := range lemmas {
		if c := asForm[l]; c[1] > c[0] || Reduced[l] {
			delete(lemmas, l)
		}
	}
	return lemmas, nil
}

// Reduced lists UD lemmas that are affixed forms the product reduces to
// their root anyway, so that a search for kerja finds bekerja (issue 4's
// hard cases); the UD gold keeps them whole, which costs a few tokens.
var Reduced = map[string]bool{
	"belajar": true, "bekerja": true, "pelajar": true, "pengawas": true,
}

// NotRoots lists strings that Learn takes for roots but are pieces of
// other words, found by reading the stems of the IndoSum words seen at
// least five times that reduce to a learned root of little support
// (2026-11-24): each broke a common word, as bertanya → berta (not tanya),
// berani → rani, nyaman → nyam, penjara → jara, pengemudi → mudi (not
// kemudi), medali → medal, menyala → sala (not nyala), pemerkosaan → kosa
// (not perkosa), pemindai → pinda (not pindai), keping → ping, mengecek →
// ecek (not cek); and ber, which oneSyllable would read in mengeber and
// di-ber-i. Real words that only lose a contest between two readings
// (nyaring, tang, pala) are not listed: they are words.
var NotRoots = map[string]bool{
	"asan": true, "ber": true, "berli": true, "berta": true, "ecek": true, "jang": true, "jara": true, "kerem": true,
	"kesebelas": true, "kosa": true, "lang": true, "mang": true, "medal": true, "mudi": true, "nyam": true,
	"nyang": true, "nyia": true, "pinda": true, "ping": true, "radu": true, "ranta": true, "rani": true, "sala": true,
	"tiwi": true, "want": true,
}

// ExtraRoots lists common words that Learn cannot take for roots because
// they read as an affixed form of a root it knows, though news writes them
// alone far more often than that root (IndoSum: balai 72 times, bala 4;
// milan 162, mil 2; petang 17, tang 2; terapi 13, terap never): without
// them balai was bala, milan mil, petang tang, terapi terap, menara tara
// and labuan labu (2026-11-24).
var ExtraRoots = []string{"balai", "labuan", "menara", "milan", "petang", "terapi"}

// Learn returns the corpus words that are roots by the rule "occurs alone
// and under affixes the stemmer's own rules strip back to it", less those
// that are themselves an affixed form of a lemma or learned root with
// support of its own (pemerintah → perintah, laporan → lapor): a derived
// word common in news also occurs alone and under affixes, but its root
// also heads words outside its family. The test keeps perang (not rang),
// keras (not ras) and penjara (not jara).
//
// UD lemmas are all kept but for those ending in the verbal suffixes -kan
// and -i that are that suffix on a more productive root: the gold has
// imperatives such as lakukan → lakukan and miliki → miliki, which would
// otherwise block melakukan → laku and memiliki → milik. For -i the root
// must also occur alone more often (mulai stays: mula is rarer alone); a
// root ending in -kan is rare enough that the productivity test suffices.
func Learn(freq map[string]int, lemmas map[string]int) map[string]bool {
	derived := map[string]int{}
	from := map[string][]string{} // root → the corpus words that decompose to it
	for _, w := range sortedKeys(freq) {
		seen := map[string]bool{}
		morph.Decompose(w, func(r string, a morph.Analysis) {
			if a.Cost() > 0 && !a.Infix && r != w && !seen[r] {
				seen[r] = true
				derived[r]++
				from[r] = append(from[r], w)
			}
		})
	}
	// independent counts the words deriving to r2 other than r and r's own
	// derived words: the support r2 has on its own.
	independent := func(r2, r string) int {
		mine := map[string]bool{r: true}
		for _, w := range from[r] {
			mine[w] = true
		}
		n := 0
		for _, w := range from[r2] {
			if !mine[w] {
				n++
			}
		}
		return n
	}
	// fragment reports whether all of r's support comes from one more
	// frequent word and its family: jara only from penjara, dipenjara.
	fragment := func(r string) bool {
		for _, w := range from[r] {
			if freq[w] >= freq[r] && independent(r, w) < MinIndependent {
				return true
			}
		}
		return false
	}
	cand := map[string]bool{}
	for r, n := range derived {
		if n >= MinDerived && freq[r] >= MinAlone && len(r) >= MinLearned && !fragment(r) && !NotRoots[r] {
			cand[r] = true
		}
	}
	productive := func(r2, r string) bool { return independent(r2, r) >= MinIndependent }
	derivable := func(r string, suffixOnly bool) bool {
		found := false
		morph.Decompose(r, func(r2 string, a morph.Analysis) {
			if a.Infix || suffixOnly && (a.Prefixes > 0 || freq[r2] < freq[r] && !strings.HasSuffix(r, "kan")) {
				return
			}
			if a.Cost() > 0 && r2 != r && (cand[r2] || lemmas[r2] > 0) && productive(r2, r) {
				found = true
			}
		})
		return found
	}
	roots := map[string]bool{}
	for r := range cand {
		if !derivable(r, false) {
			roots[r] = true
		}
	}
	for l := range lemmas {
		if !verbSuffix(l) || !derivable(l, true) {
			roots[l] = true
		}
	}
	for r := range oneSyllable(freq, roots) {
		roots[r] = true
	}
	for _, r := range ExtraRoots {
		roots[r] = true
	}
	return roots
}

// oneSyllable returns the roots of one closed syllable (consonant, vowel,
// consonant) that the corpus writes alone at least MinAlone times and
// under menge- or penge-, the form me(N)- and pe(N)- take before such
// roots, and under di- (passive): mengebom, pengecekan, dites give bom,
// cek and tes. MinLearned keeps every other three-letter string out, and
// the prefix is evidence only for a word that no root of roots explains
// otherwise: mengejar is meng-kejar, not menge-jar; pengeras is
// peng-keras.
func oneSyllable(freq map[string]int, roots map[string]bool) map[string]bool {
	out := map[string]bool{}
	for w := range freq {
		rest, ok := strings.CutPrefix(w, "menge")
		if !ok {
			if rest, ok = strings.CutPrefix(w, "penge"); !ok {
				continue
			}
		}
		explained := false
		morph.Decompose(w, func(r string, a morph.Analysis) {
			explained = explained || roots[r] && r != w
		})
		if explained {
			continue
		}
		for _, suf := range syllableEndings {
			r, ok := strings.CutSuffix(rest, suf)
			if ok && len(r) == 3 && morph.Consonant(r[0]) && morph.Vowel(r[1]) && morph.Consonant(r[2]) && freq[r] >= MinAlone &&
				passive(freq, r) && !NotRoots[r] {
				out[r] = true
				break
			}
		}
	}
	return out
}

// syllableEndings are the endings oneSyllable and passive try, longest first.
var syllableEndings = []string{"kannya", "annya", "kan", "an", "i", "nya", ""}

// passive reports whether the corpus has di-r, with or without a suffix
// (dibom, dicek, ditesnya): menge- alone does not tell a one-syllable root
// from a root of two whose k the prefix dropped (mengebut is meng-kebut,
// pengecut peng-kecut), but di- keeps every root whole.
func passive(freq map[string]int, r string) bool {
	for _, suf := range syllableEndings {
		if freq["di"+r+suf] > 0 {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func verbSuffix(w string) bool {
	return strings.HasSuffix(w, "kan") || strings.HasSuffix(w, "i")
}

// CorpusCounts returns how often each lower-cased ASCII letter word occurs
// in the corpora.
func CorpusCounts(dataDir string) (map[string]int, error) {
	freq := map[string]int{}
	for _, name := range Corpora {
		if err := countFile(filepath.Join(dataDir, name), freq); err != nil {
			return nil, err
		}
	}
	return freq, nil
}

func countFile(path string, freq map[string]int) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	jsonl := strings.HasSuffix(path, ".jsonl")
	for sc.Scan() {
		text := sc.Text()
		switch {
		case jsonl:
			var a struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				return fmt.Errorf("lexicon: %s: %w", path, err)
			}
			text = a.Text
		default: // TSV text<TAB>label or CoNLL word<TAB>tag: first column
			text, _, _ = strings.Cut(text, "\t")
		}
		for _, w := range Words(text) {
			freq[w]++
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: read %s: %w", path, err)
	}
	return nil
}

// Words splits text on anything but letters and lower-cases it, keeping
// only ASCII words (the rules are written for the Latin alphabet).
func Words(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	out := fields[:0]
	for _, w := range fields {
		w = strings.ToLower(w)
		if wordish(w) {
			out = append(out, w)
		}
	}
	return out
}

// Write writes entries in the format stem.Load reads.
func Write(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriter(w)
	for _, e := range entries {
		fmt.Fprintf(bw, "%s\t%d\n", e.Root, e.Freq)
	}
	return bw.Flush()
}
