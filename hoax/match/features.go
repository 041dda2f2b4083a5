package match

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/query"
)

// Text is what the matcher compares of a text: its analysed terms (the
// normalised, stemmed words of package bahasa, through
// analysis.Terms.Terms or an archive item's stored analysis), its named
// entities ("PER:Joko Widodo"), its regions (kode wilayah) and its time.
type Text struct {
	Terms    []query.AnalyzedTerm
	Entities []string
	Regions  []string
	At       time.Time // zero: no recency weighting
}

// features is a text reduced to what the similarity compares: its
// distinct content roots, the names among them, and its shingles, the
// unordered pairs of content roots that stand next to each other once stop
// words are gone (so that "vaksin mengandung babi" and "babi dalam vaksin"
// share "babi+vaksin").
type features struct {
	words []string // distinct, in order of first occurrence
	// group numbers, for each word, the named entity it belongs to (1,
	// 2, ...; 0 for none): a name of several words ("Sakti Wahyu
	// Trenggono") weighs as one word, so that a text naming the same
	// person is not taken for one saying the same thing.
	group    []uint8
	shingles []string // distinct "a+b" with a < b
	short    bool     // fewer distinct content words than ShortText
}

// extract reduces a text to its features.
func extract(t Text, stop bahasa.StopSet) features {
	var f features
	names, n := nameWords(t.Entities)
	groupSpelledOut(t.Terms, names, n)
	seen := map[string]bool{}
	shingled := map[string]bool{}
	prev := ""
	terms := plainTerms(t.Terms)
	for len(terms) > 0 {
		term := terms[0]
		terms = terms[1:]
		w, surface := term.Root, term.Folded
		if bahasa.IsNumberWord(term.Folded) { // "dua puluh lima" is "25"
			n := 1
			for n <= len(terms) && bahasa.IsNumberWord(terms[n-1].Folded) {
				n++
			}
			words := make([]string, n)
			words[0] = term.Folded
			for i := 1; i < n; i++ {
				words[i] = terms[i-1].Folded
			}
			if v, ok := bahasa.WordsToNumber(strings.Join(words, " ")); ok && (n > 1 || v < 1000) {
				w = strconv.FormatInt(v, 10)
				surface = w
				terms = terms[n-1:]
			}
		}
		if !contentWord(w, surface, stop) {
			continue
		}
		if !seen[w] {
			seen[w] = true
			f.words = append(f.words, w)
			f.group = append(f.group, names[term.Folded])
		}
		if prev != "" && prev != w {
			a, b := prev, w
			if b < a {
				a, b = b, a
			}
			if s := a + "+" + b; !shingled[s] {
				shingled[s] = true
				f.shingles = append(f.shingles, s)
			}
		}
		prev = w
	}
	f.short = len(f.words) < ShortText // distinct: a headline repeated as the lead says no more
	return f
}

// plainTerms returns terms as the matcher compares them: a term of several
// words split into them and an amount into its number and unit, so that
// texts writing the same thing differently share words. A pair joined by
// a hyphen ("prabowo-gibran", "covid-19") is its two words, as
// "Prabowo Gibran" is; "rp 20 triliun", "Rp20 triliun" and "20 triliun"
// are all "20 triliun"; "19jt" is "19 juta", "600rb" "600 ribu"; and
// "12.000" is "12000". Terms that need none of this are returned as they
// are.
func plainTerms(terms []query.AnalyzedTerm) []query.AnalyzedTerm {
	if !slices.ContainsFunc(terms, needsPlain) {
		return terms
	}
	out := make([]query.AnalyzedTerm, 0, len(terms)+8)
	for _, t := range terms {
		if !needsPlain(t) {
			out = append(out, t)
			continue
		}
		for _, w := range strings.FieldsFunc(t.Folded, isJoiner) {
			for _, part := range amountWords(w) {
				p := t
				p.Root, p.Folded = part, part
				out = append(out, p)
			}
		}
	}
	return out
}

// needsPlain reports whether plainTerms rewrites t: a term of several
// words, or one that starts with a digit or "rp" and a digit.
func needsPlain(t query.AnalyzedTerm) bool {
	w := t.Root
	return strings.ContainsFunc(w, isJoiner) || w != "" && isDigit(w[0]) || len(w) > 2 && w[:2] == "rp" && isDigit(w[2])
}

func isJoiner(r rune) bool { return r == ' ' || r == '-' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// units are the units written after a number, in their full form.
var units = map[string]string{
	"jt": "juta", "juta": "juta", "rb": "ribu", "ribu": "ribu",
	"milyar": "miliar", "miliar": "miliar", "trilyun": "triliun", "triliun": "triliun",
}

// amountWords splits one word of an amount into its number and unit
// ("rp19jt": "19", "juta"), the number without thousands separators; a
// word of another kind ("5g") is returned alone, "rp" alone is dropped.
func amountWords(w string) []string {
	switch {
	case w == "rp":
		return nil
	case len(w) > 2 && w[:2] == "rp" && isDigit(w[2]):
		w = w[2:]
	}
	n := 0
	for n < len(w) && (isDigit(w[n]) || w[n] == '.' || w[n] == ',') {
		n++
	}
	if n == 0 || !isDigit(w[0]) {
		if u, ok := units[w]; ok {
			return []string{u}
		}
		return []string{w}
	}
	num, unit := strings.TrimRight(w[:n], ".,"), w[n:]
	if thousands.MatchString(num) {
		num = strings.ReplaceAll(num, ".", "")
	}
	if u, ok := units[unit]; ok {
		return []string{num, u}
	}
	if unit != "" { // "5g", "10kg": not an amount
		return []string{w}
	}
	return []string{num}
}

// thousands matches a number written with dots between its thousands
// ("12.000", "1.500.000", "2.500,75").
var thousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+(,\d+)?$`)

// nameWords numbers the named entities of several words ("PER:Sakti Wahyu
// Trenggono") and maps each of their folded words to its entity's number,
// the first entity winning; at most 255 entities. It also returns the
// last number given.
func nameWords(entities []string) (map[string]uint8, uint8) {
	names := map[string]uint8{}
	n := uint8(0)
	for _, e := range entities {
		_, name, ok := strings.Cut(e, ":")
		words := strings.Fields(bahasa.Fold(name))
		if !ok || len(words) < 2 || n == 255 {
			continue
		}
		n++
		for _, w := range words {
			if _, ok := names[w]; !ok {
				names[w] = n
			}
		}
	}
	return names, n
}

// groupSpelledOut gives each word that the analysis wrote out as several
// terms ("BPJS" as badan, penyelenggara, jaminan, sosial; an informal
// "gpp") a group of its own in groups, numbered after n, the names' last,
// as a name of several words has one: its words weigh as one word, so
// that a text writing "BPJS" does not seem to say four times more than it
// did.
func groupSpelledOut(terms []query.AnalyzedTerm, groups map[string]uint8, n uint8) {
	for i := 1; i < len(terms); i++ {
		t := terms[i]
		if !t.SameWord(terms[i-1]) {
			continue
		}
		if _, ok := groups[t.Folded]; ok || n == 255 {
			continue
		}
		n++
		groups[t.Folded] = n
	}
}

// domainStop are the words of how a claim circulated rather than what it
// says: fact-checks describe every hoax with them ("sebuah video beredar
// di Facebook dengan klaim ..."), so they would make unrelated claims
// look alike. Roots, as the stemmer gives them.
var domainStop = map[string]bool{
	"video": true, "foto": true, "gambar": true, "edar": true, "klaim": true, "unggah": true,
	"akun": true, "media": true, "sosial": true, "medsos": true, "facebook": true, "tiktok": true,
	"instagram": true, "youtube": true, "twitter": true, "whatsapp": true, "wa": true, "threads": true,
	"muat": true, "konten": true, "narasi": true, "pesan": true, "berantai": true, "sebar": true,
	"viral": true, "tangkap": true, "layar": true, "posting": true, "postingan": true, "informasi": true,
	"kabar": true, "hoaks": true, "hoax": true, "fakta": true, "cek": true, "periksa": true,
	"warganet": true, "netizen": true, "unggahan": true, "bagi": true, "sebut": true, "isi": true,
	"tulis": true, "judul": true, "artikel": true, "rekam": true, "cuplik": true, "tayang": true,
	"salah": true, "keliru": true, "benar": true, "sesat": true,
	"grup": true, "channel": true, "kanal": true, "fyp": true, "foryou": true, "foryoupage": true,
	"trending": true, "news": true, "berita": true,
}

// contentWord reports whether a term carries meaning for matching: not a
// stop word, not a word of circulation, not a link or a mention, at least
// two letters, two digits, or letters and digits ("5g", "g30s").
func contentWord(root, folded string, stop bahasa.StopSet) bool {
	if len(root) < 2 || stop.Has(root) || stop.Has(folded) || domainStop[root] {
		return false
	}
	if strings.Contains(root, "://") || strings.HasPrefix(root, "www.") || strings.HasPrefix(root, "@") {
		return false
	}
	letters, digits := 0, 0
	for _, r := range root {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters >= 2 || digits >= 2 || letters > 0 && digits > 0
}

// sortedUnique sorts ids and drops repeats.
func sortedUnique(ids []uint32) []uint32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}
