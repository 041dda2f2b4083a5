// Package morph enumerates the ways an Indonesian word can be split into
// affixes and a root, following the confix-stripping rules of the
// Nazief–Adriani family as refined by Enhanced Confix Stripping (ECS):
// particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu, -nya),
// derivational suffixes (-kan, -an, -i), up to three prefixes among di-,
// ke-, se-, be(r)-, te(r)-, me(N)-, pe(N)- and per- with their allomorphs
// and nasal restoration, and the infixes -el-, -em-, -er- of the words that
// have them (a closed list).
//
// It knows no words but the infixed ones: every candidate is emitted with
// a cost (the number of affixes removed) and the caller decides, with a
// lexicon, which one is the root. The stemmer and the lexicon generator
// share it, so a root learned from a corpus is one the stemmer can reach.
package morph

import "strings"

// MinRoot is the shortest root, in bytes, that a decomposition may leave.
const MinRoot = 3

// maxPrefixes is the ECS limit on stacked prefixes (mem-per-, di-per-, ke-ber-).
const maxPrefixes = 3

// infixCost is the cost of removing an infix; higher than an affix because
// -el-/-em-/-er- are rare and unproductive, so an affix reading wins ties.
const infixCost = 2

// Analysis says how a candidate root was reached.
type Analysis struct {
	Prefixes int // prefixes removed (mem-per- counts 2)
	Suffixes int // particles, possessives and derivational suffixes removed
	Infix    bool
	// Confix is set when the outer prefix and -an form one nominalising
	// circumfix (ke-…-an, pe(N)-…-an, per-…-an, ber-…-an), which counts as
	// one affix: pengawasan is peng-awas-an before peng-kawasan.
	Confix bool
	// Kan is set when the derivational suffix removed is -kan, which
	// without a prefix is a rare imperative: masakan is masak-an first.
	Kan bool
}

// Cost is the number of affixes removed, a confix counting once and an
// infix double.
func (a Analysis) Cost() int {
	c := a.Prefixes + a.Suffixes
	if a.Infix {
		c += infixCost
	}
	if a.Confix {
		c--
	}
	return c
}

// confixes are the first prefixes that form a circumfix with -an.
var confixes = map[string]bool{"ke": true, "pe": true, "per": true, "be": true}

// Decompose calls emit once for every candidate root of word, including
// word itself with the zero Analysis. The same root may be emitted more
// than once with different analyses. word must be lower-case; the strings
// given to emit may share memory with word.
func Decompose(word string, emit func(root string, a Analysis)) {
	if !ascii(word) {
		emit(word, Analysis{})
		return
	}
	emitRoot(word, Analysis{}, emit)
	forSuffixes(word, func(base, deriv string, n int) {
		a := Analysis{Suffixes: n, Kan: deriv == "kan"}
		if n > 0 && len(base) >= MinRoot {
			emitRoot(base, a, emit)
		}
		stripPrefixes(base, deriv, "", a, emit)
	})
}

// emitRoot emits a candidate root and, when it is an infixed word
// (gemetar, telunjuk, gerigi), the root without the infix.
func emitRoot(root string, a Analysis, emit func(string, Analysis)) {
	emit(root, a)
	if r, ok := infixed[root]; ok {
		a.Infix = true
		emit(r, a)
	}
}

// infixed lists the words formed with the infixes -el-, -em- and -er- (and
// the partial reduplications lelaki, leluhur, rerata, which look alike) with
// their roots. The infixes are no longer productive, so the words are a
// closed set; reading every word of their shape as infixed made jelang
// jang, relawan rawan, seminar sinar, berantai bantai and Semarang sarang.
var infixed = map[string]string{
	"telunjuk": "tunjuk", "gelembung": "gembung", "geletar": "getar", "gelegar": "gegar",
	"selidik": "sidik", "telapak": "tapak", "gelantung": "gantung", "pelatuk": "patuk",
	"gemetar": "getar", "gemuruh": "guruh", "gemerlap": "gerlap", "gemilang": "gilang",
	"kemilau": "kilau", "temali": "tali", "cemerlang": "cerlang", "jemari": "jari",
	"kemuning": "kuning", "semerbak": "serbak", "gemercik": "gercik", "temurun": "turun",
	"gerigi": "gigi", "seruling": "suling", "serabut": "sabut", "gerumbul": "gumbul",
	"kerudung": "kudung",
	"lelaki":   "laki", "leluhur": "luhur", "rerata": "rata",
}

var (
	particles   = [...]string{"lah", "kah", "tah", "pun"}
	possessives = [...]string{"nya", "ku", "mu"}
	derivations = [...]string{"kan", "an", "i"}
)

// forSuffixes calls f with word stripped of every allowed combination of
// particle, possessive and derivational suffix, in that order from the end.
// deriv names the derivational suffix removed ("" if none), which limits
// the prefixes it may combine with.
func forSuffixes(word string, f func(base, deriv string, cost int)) {
	withPossessive := func(w string, cost int) {
		withDeriv := func(w string, cost int) {
			f(w, "", cost)
			for _, d := range derivations {
				if b, ok := strings.CutSuffix(w, d); ok && len(b) >= MinRoot {
					f(b, d, cost+1)
				}
			}
		}
		withDeriv(w, cost)
		for _, p := range possessives {
			if b, ok := strings.CutSuffix(w, p); ok && len(b) >= MinRoot {
				withDeriv(b, cost+1)
			}
		}
	}
	withPossessive(word, 0)
	for _, p := range particles {
		if b, ok := strings.CutSuffix(word, p); ok && len(b) >= MinRoot {
			withPossessive(b, 1)
		}
	}
}

// forbidden lists the confixes ECS disallows: a first prefix with a
// derivational suffix that never occur together (be-…-i, di-…-an, ke-…-i,
// me-…-an, se-…-i, te-…-an).
var forbidden = map[[2]string]bool{
	{"be", "i"}: true, {"di", "an"}: true, {"ke", "i"}: true,
	{"me", "an"}: true, {"se", "i"}: true, {"te", "an"}: true,
}

// stripPrefixes removes prefixes from s one at a time, emitting each
// remainder. used holds the kinds already removed, comma-separated.
func stripPrefixes(s, deriv, used string, a Analysis, emit func(string, Analysis)) {
	depth := a.Prefixes
	if depth == maxPrefixes {
		return
	}
	prefixes(s, func(rest, kind string) {
		if len(rest) < MinRoot || strings.Contains(used, kind+",") {
			return
		}
		if depth == 0 && deriv != "" && forbidden[[2]string{kind, deriv}] {
			return
		}
		b := a
		b.Prefixes++
		if depth == 0 && deriv == "an" && confixes[kind] {
			b.Confix = true
		}
		emitRoot(rest, b, emit)
		stripPrefixes(rest, deriv, used+kind+",", b, emit)
	})
}

// prefixes yields every way to remove one prefix from s, with the prefix's
// kind. Nasal prefixes yield both readings (menulis: nulis and tulis) and
// the lexicon decides.
func prefixes(s string, yield func(rest, kind string)) {
	if len(s) < 2+MinRoot {
		return
	}
	switch s[:2] {
	case "di", "ke", "se":
		yield(s[2:], s[:2])
	case "be":
		riPrefix(s, "be", yield)
		if strings.HasPrefix(s, "belajar") {
			yield(s[3:], "be")
		}
	case "te":
		riPrefix(s, "te", yield)
	case "me":
		nasal(s, "me", yield)
	case "pe":
		if r, ok := strings.CutPrefix(s, "per"); ok {
			yield(r, "per")
			if Vowel(r[0]) {
				yield("r"+r, "pe")
			}
			return
		}
		if strings.HasPrefix(s, "pelajar") {
			yield(s[3:], "pe")
		}
		nasal(s, "pe", yield)
	}
}

// riPrefix handles ber- and ter-: ber-V also reads be-rV (berambut /
// beranak), and be-/te- before C+er keep the syllable (bekerja, beserta).
func riPrefix(s, kind string, yield func(rest, kind string)) {
	r := s[2:]
	if r[0] == 'r' {
		yield(r[1:], kind)
		if Vowel(r[1]) {
			yield(r, kind)
		}
		return
	}
	if len(r) >= 4 && Consonant(r[0]) && r[1:3] == "er" {
		yield(r, kind)
	}
}

// nasal handles me(N)- and pe(N)- with nasal substitution: mem-p, men-t,
// meng-k and meny-s drop the root's first consonant, which is restored.
func nasal(s, kind string, yield func(rest, kind string)) {
	r := s[2:]
	switch {
	case strings.HasPrefix(r, "ng"):
		q := r[2:]
		switch {
		case q == "":
		case strings.IndexByte("ghqk", q[0]) >= 0:
			yield(q, kind)
		case Vowel(q[0]):
			yield(q, kind)
			yield("k"+q, kind)
			if q[0] == 'e' && len(q) == 4 && Consonant(q[1]) {
				yield(q[1:], kind) // menge- before one-syllable roots: mengecat, pengeboman
			}
		}
	case strings.HasPrefix(r, "ny"):
		if q := r[2:]; q != "" && Vowel(q[0]) {
			yield("s"+q, kind)
			yield(r, kind)
		}
	case r[0] == 'm':
		q := r[1:]
		switch {
		case strings.IndexByte("bfvp", q[0]) >= 0:
			yield(q, kind)
		case Vowel(q[0]):
			yield(r, kind)
			yield("p"+q, kind)
		}
	case r[0] == 'n':
		q := r[1:]
		switch {
		case strings.IndexByte("cdjzts", q[0]) >= 0:
			yield(q, kind)
		case Vowel(q[0]):
			yield(r, kind)
			yield("t"+q, kind)
		}
	case strings.IndexByte("lrwy", r[0]) >= 0:
		yield(r, kind)
	case kind == "pe" && Consonant(r[0]):
		yield(r, kind) // pe- before other consonants: petani, pekerja, pedagang
	}
}

// Vowel reports whether c is one of a, i, u, e, o.
func Vowel(c byte) bool { return strings.IndexByte("aiueo", c) >= 0 }

// Consonant reports whether c is a lower-case ASCII letter other than a vowel.
func Consonant(c byte) bool { return c >= 'a' && c <= 'z' && !Vowel(c) }

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
