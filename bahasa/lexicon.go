package bahasa

import (
	_ "embed"
	"strings"
	"sync"
)

// The shipped lists; data/SOURCE.md gives their origin and licence.
var (
	//go:embed data/slang.tsv
	slangTSV string
	//go:embed data/words.txt
	wordsTxt string
	//go:embed data/stopwords-id.txt
	stopwordsTxt string
)

// lexicon holds the tables a Normalizer reads. It is built once and never
// changed afterwards.
type lexicon struct {
	slang map[string]string // informal → standard
	known map[string]bool   // standard words, for the elongation rule
	stop  map[string]bool   // stop words
	// intern maps every known word and informal spelling to itself, so
	// that lower-casing a capitalised word need not allocate.
	intern map[string]string
}

// builtinLexicon parses the embedded lists on first use.
var builtinLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{slang: map[string]string{}, known: map[string]bool{}, stop: map[string]bool{}}
	for line := range lines(slangTSV) {
		informal, standard, ok := strings.Cut(line, "\t")
		if ok {
			lx.slang[informal] = standard
		}
	}
	for w := range lines(stopwordsTxt) {
		lx.stop[w] = true
		lx.known[w] = true
	}
	for w := range lines(wordsTxt) {
		lx.known[w] = true
	}
	for _, standard := range lx.slang {
		for _, w := range strings.FieldsFunc(standard, func(r rune) bool { return r == ' ' || r == '-' }) {
			lx.known[w] = true
		}
	}
	for informal := range lx.slang {
		delete(lx.known, informal)
	}
	lx.intern = make(map[string]string, len(lx.known)+len(lx.slang))
	for w := range lx.known {
		lx.intern[w] = w
	}
	for w := range lx.slang {
		lx.intern[w] = w
	}
	return lx
})

// lines yields the non-empty lines of s that are not # comments, trimmed.
func lines(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for line := range strings.Lines(s) {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(line) {
				return
			}
		}
	}
}

// Slang returns a copy of the built-in list of informal spellings and their
// standard forms.
func Slang() map[string]string {
	m := make(map[string]string, len(builtinLexicon().slang))
	for k, v := range builtinLexicon().slang {
		m[k] = v
	}
	return m
}
