package stem

import (
	"strings"

	"github.com/sinergi-id/sinergi/bahasa/stem/internal/morph"
)

// colloquial reads a word that has no formal decomposition as informal
// (Jakarta) Indonesian, which posts and chain messages are written in:
//
//   - the suffix -in for -kan or -i, after a stem of at least four letters:
//     naikin → naik, dibeliin → beli, disebarin → sebar (what is left may
//     carry formal prefixes, not suffixes);
//   - the bare nasal prefix for meN-: nge- before a consonant (ngecek,
//     ngebantu), ng- before a vowel (ngambil, ngopi → kopi), ny- (nyebar
//     → sebar, nyari → cari) and n- (nulis → tulis, nembak → tembak)
//     before a vowel, with the consonant the nasal replaced restored. The
//     bare m- (mukul → pukul) is not read: too many roots begin with m and
//     a vowel (makar, minang, manik);
//   - both: nyebarin → sebar, nyalahin → salah.
//
// A reading counts only when the lexicon knows its root; among several
// the most frequent root wins (nyari: cari before sari). The generator of
// the lexicon does not read these affixes, so no root is learned from them.
func (s *Stemmer) colloquial(w string) (string, bool) {
	if len(w) < 2+morph.MinRoot || !isASCIILetters(w) || colloquialRoots[w] {
		return "", false
	}
	if base, ok := strings.CutSuffix(w, "in"); ok && len(base) >= 4 {
		// bestOf tries base itself first: a root is its own best reading.
		if r, ok := s.bestOf(base, prefixesOnly); ok {
			return r, true
		}
		if r, ok := s.nasal(base); ok {
			return r, true
		}
	}
	return s.nasal(w)
}

// prefixesOnly admits the decompositions that remove no suffix.
func prefixesOnly(a morph.Analysis) bool { return a.Suffixes == 0 }

// colloquialRoots are roots missing from the lexicon that read as an
// informal nasal form of a commoner one (ngakak is not kakak, nyeri not
// seri, nanah not tanah).
var colloquialRoots = map[string]bool{"ngakak": true, "nyeri": true, "ngemil": true, "ngilu": true, "nanah": true}

// nasal returns the most frequent lexicon root of w read with the bare
// nasal prefix of informal Indonesian (see colloquial).
func (s *Stemmer) nasal(w string) (string, bool) {
	var cands [2]string
	switch {
	case strings.HasPrefix(w, "nge") && len(w) > 3 && morph.Consonant(w[3]):
		cands[0] = w[3:]
	case strings.HasPrefix(w, "ng") && len(w) > 2 && morph.Vowel(w[2]):
		cands[0], cands[1] = w[2:], "k"+w[2:]
	case strings.HasPrefix(w, "ny") && len(w) > 2 && morph.Vowel(w[2]):
		cands[0], cands[1] = "s"+w[2:], "c"+w[2:]
	case w[0] == 'n' && morph.Vowel(w[1]):
		cands[0] = "t" + w[1:]
	}
	var (
		root string
		freq uint32
	)
	for _, r := range cands {
		if f, ok := s.roots[r]; ok && len(r) >= morph.MinRoot && (root == "" || f > freq) {
			root, freq = r, f
		}
	}
	return root, root != ""
}
