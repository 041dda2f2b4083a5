// Package stem reduces Indonesian words to their roots (menyelesaikan →
// selesai, perekonomian → ekonomi, negara-negara → negara) for search,
// alerts and clustering.
//
// The Stemmer enumerates every confix-stripping decomposition of a word
// (see internal/morph) and keeps the one whose root is in a lexicon,
// preferring fewer affixes and then the more frequent root; a word with no
// such reading is tried with the affixes of informal Indonesian (dinaikin,
// nyebarin: see colloquial). The lexicon
// (data/roots.txt) is built only from redistributable sources — UD
// Indonesian lemmas (CC BY-SA 4.0) and roots learned from Apache-2.0 and
// CC BY-SA 4.0 corpora; data/SOURCE.md states how. Results are memoised in
// a bounded cache, so a Stemmer is cheap on running text and safe for
// concurrent use.
package stem

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/bahasa/stem/internal/morph"
)

//go:embed data/roots.txt
var embeddedRoots []byte

// DefaultMemo is the number of words New's Stemmer remembers.
const DefaultMemo = 1 << 18

// maxMemoLen is the longest word, in bytes, that is memoised: longer input
// is rare in text and would let hostile input fill the memo with junk.
const maxMemoLen = 48

// Stemmer maps words to roots. It is safe for concurrent use; its lexicon
// is immutable after construction and its memo is bounded.
type Stemmer struct {
	roots map[string]uint32 // root → corpus frequency, for tie-breaking
	memo  *memo
}

// New returns a Stemmer backed by the embedded lexicon.
func New() (*Stemmer, error) {
	return Load(bytes.NewReader(embeddedRoots), DefaultMemo)
}

// Load returns a Stemmer backed by the lexicon read from r, in the format
// of data/roots.txt: one root per line, optionally followed by a tab and
// its frequency. memoSize bounds the memo in words (0 or less disables it).
func Load(r io.Reader, memoSize int) (*Stemmer, error) {
	roots := make(map[string]uint32, 1<<15)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		word, count, hasCount := strings.Cut(line, "\t")
		freq := uint64(1)
		if hasCount {
			var err error
			if freq, err = strconv.ParseUint(count, 10, 32); err != nil {
				return nil, fmt.Errorf("stem: lexicon line %d: bad frequency %q", n, count)
			}
		}
		roots[word] = uint32(freq)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("stem: read lexicon: %w", err)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("stem: empty lexicon")
	}
	return &Stemmer{roots: roots, memo: newMemo(memoSize)}, nil
}

// Len reports the number of roots in the lexicon.
func (s *Stemmer) Len() int { return len(s.roots) }

// IsRoot reports whether word (lower-case) is in the lexicon.
func (s *Stemmer) IsRoot(word string) bool {
	_, ok := s.roots[word]
	return ok
}

// Stem returns the root of word. Upper case is folded first. A word with no
// root in the lexicon is returned lower-cased and unchanged, except that a
// ber- before a consonant is stripped. Stem may be called concurrently.
func (s *Stemmer) Stem(word string) string {
	if root, ok := s.memo.get(word); ok {
		return root
	}
	root := s.stem(lower(word))
	if len(word) <= maxMemoLen {
		s.memo.put(word, root)
	}
	return root
}

// stem is Stem without the memo, on lower-case input.
func (s *Stemmer) stem(w string) string {
	if w == "" {
		return w
	}
	if _, ok := s.roots[w]; ok {
		return w
	}
	if root, ok := s.reduplicated(w); ok {
		return root
	}
	if root, ok := s.best(w); ok {
		return root
	}
	if root, ok := s.colloquial(w); ok {
		return root
	}
	return guess(w)
}

// guess strips the one prefix whose reading needs no lexicon from a word
// with no known root: ber- before a consonant (bermukim → mukim). Nasal
// prefixes, ber- before a vowel and suffixes are ambiguous without a
// lexicon (berapi: ber-api or be-rapi?); di- and ter- begin too many
// loanwords (direktur, terminal); all are left alone.
func guess(w string) string {
	for _, p := range [...]string{"ber"} {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || len(rest) < 4 || !isASCIILetters(rest) {
			continue
		}
		if p == "di" || !strings.ContainsRune("aiueor", rune(rest[0])) {
			return rest
		}
	}
	return w
}

// isASCIILetters reports whether s is non-empty and all a-z.
func isASCIILetters(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// best returns the lexicon root among the decompositions of w with the
// fewest affixes (a confix counting once); then, as in Nazief–Adriani
// where suffixes go first, the fewest prefixes (memberikan: mem-beri-kan,
// not mem-ber-ikan) and the most suffixes (pengawasan: awas, not
// kawasan); then the most frequent root; then the longest.
func (s *Stemmer) best(w string) (string, bool) {
	return s.bestOf(w, func(morph.Analysis) bool { return true })
}

// bestOf is best among the decompositions that admit accepts.
func (s *Stemmer) bestOf(w string, admit func(morph.Analysis) bool) (string, bool) {
	var (
		root  string
		best  morph.Analysis
		freq  uint32
		found bool
	)
	morph.Decompose(w, func(r string, a morph.Analysis) {
		f, ok := s.roots[r]
		if !ok || !admit(a) || found && !better(a, f, r, best, freq, root) {
			return
		}
		root, best, freq, found = r, a, f, true
	})
	return root, found
}

// better reports whether root r reached by a with frequency f beats the
// current choice.
func better(a morph.Analysis, f uint32, r string, b morph.Analysis, bf uint32, br string) bool {
	if c, bc := a.Cost(), b.Cost(); c != bc {
		return c < bc
	}
	if a.Prefixes != b.Prefixes {
		return a.Prefixes < b.Prefixes
	}
	if a.Suffixes != b.Suffixes {
		return a.Suffixes > b.Suffixes
	}
	if a.Prefixes == 0 && a.Kan != b.Kan {
		return !a.Kan
	}
	if f != bf {
		return f > bf
	}
	return len(r) > len(br)
}

// reduplicated handles reduplication: full (negara-negara, anak2), with
// affixes (berlari-lari, perusahaan-perusahaan, terus-menerus,
// sehari-hari) and rhyming (sayur-mayur). A hyphenated word that is none of
// these is stemmed as a whole only if the lexicon knows it.
func (s *Stemmer) reduplicated(w string) (string, bool) {
	if base, ok := strings.CutSuffix(w, "2"); ok && isASCIILetters(base) {
		return s.stem(base), true
	}
	left, right, ok := strings.Cut(w, "-")
	if !ok {
		return "", false
	}
	switch {
	case right == "":
		return s.stem(left), true
	case left == "":
		return s.stem(right), true
	case strings.Contains(right, "-"):
		return "", false
	}
	l, r := s.stem(left), s.stem(right)
	switch {
	case l == r:
		return l, true
	case strings.HasSuffix(left, right) || strings.HasSuffix(left, r):
		return r, true // sehari-hari, berlari-lari
	case len(left) == len(right) && len(left) > 3 && left[1:] == right[1:]:
		return l, true // sayur-mayur
	}
	return "", false
}

// lower folds upper case; lower-case ASCII, the common case, is returned
// without allocating. Invalid UTF-8 becomes U+FFFD.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			if !utf8.ValidString(w) {
				w = strings.ToValidUTF8(w, "\uFFFD")
			}
			return strings.ToLower(w)
		}
	}
	return w
}
