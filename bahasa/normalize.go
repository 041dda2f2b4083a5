package bahasa

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Options change what a Normalizer does. The zero value is the default.
type Options struct {
	// NumberWords writes numbers spelled as words as digits
	// ("dua puluh lima" → "25", "seribu" → "1000"); see WordsToNumber.
	NumberWords bool
	// KeepSlang leaves informal spellings as they are (case, accents and
	// elongation are still folded).
	KeepSlang bool
	// WriteOut makes AppendTerms write an abbreviation of more than
	// three letters that stands for several words as those words, one
	// position each ("Pemkab" → pemerintah, kabupaten; "Bansos" → bantuan,
	// sosial), and a compound that standard spelling writes as two words
	// but that is often joined as its two words ("walikota" → wali, kota),
	// so that search and matching find each spelling from the other.
	// Acronyms of up to three letters ("DPR") stay one term: they are
	// abbreviations only in capitals, and "dpr" typed in lower case must
	// give the same terms.
	WriteOut bool
}

// Normalizer folds case and accents, shortens elongated letters and maps
// informal spellings to standard Indonesian. It is safe for concurrent use.
type Normalizer struct {
	lex  *lexicon
	opts Options
}

// NewNormalizer returns a Normalizer with the built-in lists.
func NewNormalizer(opts Options) *Normalizer {
	return &Normalizer{lex: builtinLexicon(), opts: opts}
}

// defaultNormalizer is built on first use and never changed afterwards.
var defaultNormalizer = sync.OnceValue(func() *Normalizer { return NewNormalizer(Options{}) })

// Normalize normalises a word or a text with the default options: see
// (*Normalizer).Normalize.
func Normalize(s string) string { return defaultNormalizer().Normalize(s) }

// NormalizeWord normalises one word with the default options: see
// (*Normalizer).Word.
func NormalizeWord(w string) string { return defaultNormalizer().Word(w) }

// Normalize normalises a text (or a single word): words go through Word;
// abbreviations, numbers, dates, mentions, hashtags and e-mail addresses
// are lower-cased; URLs, punctuation, symbols and emoji are kept. Tokens are
// separated by one space where the input had any white space, and by
// nothing where it had none. "anak2" becomes "anak-anak". The result is a
// fixed point: Normalize(Normalize(s)) == Normalize(s).
func (n *Normalizer) Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	prevEnd := -1
	for t, ok := nextToken(s, 0); ok; t, ok = nextToken(s, prevEnd) {
		if prevEnd >= 0 && t.Start > prevEnd {
			b.WriteByte(' ')
		}
		prevEnd = t.End
		switch t.Kind {
		case Word:
			if n.opts.NumberWords {
				if text, last, ok := n.numberRun(s, t); ok {
					b.WriteString(text)
					prevEnd = last.End
					break
				}
			}
			if strings.EqualFold(t.Text, "dr") {
				if next, ok := nextToken(s, t.End); ok && isTitleNext(t, next) {
					b.WriteString("dr.") // a title without its dot, as in "dr Budi"
					break
				}
			}
			n.writeWord(&b, t)
		case Abbrev:
			if n.keepAcronymCase(t.Text) {
				b.WriteString(t.Text)
			} else {
				b.WriteString(strings.ToLower(t.Text))
			}
		case URL, Punct, Symbol, Emoji:
			b.WriteString(t.Text)
		default:
			b.WriteString(strings.ToLower(t.Text))
		}
	}
	return b.String()
}

// isTitleNext reports whether next follows t after white space and starts
// with a capital letter, as a name after the title "dr" does.
func isTitleNext(t, next Token) bool {
	if next.Kind != Word || next.Start == t.End {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next.Text)
	return unicode.IsUpper(r)
}

// keepAcronymCase reports whether an acronym must keep its capitals because
// its lower-case spelling is informal for another word ("BPK", the audit
// board, against "bpk" for "bapak").
func (n *Normalizer) keepAcronymCase(a string) bool {
	if len(a) > 3 || !allUpper(a) || n.opts.KeepSlang {
		return false
	}
	_, ok := n.lex.slang[strings.ToLower(a)]
	return ok
}

// writeWord writes the normal form of a word token. Hyphenated words are
// normalised part by part; "anak2nya" becomes "anak-anaknya", decided on
// the folded word so that normalising again changes nothing.
func (n *Normalizer) writeWord(b *strings.Builder, t Token) {
	if strings.IndexByte(t.Text, '-') >= 0 {
		for i, part := range strings.Split(t.Text, "-") {
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteString(n.part(part))
		}
		return
	}
	w := n.Word(t.Text)
	if strings.IndexByte(t.Text, '2') >= 0 {
		// The folded word, or its normal form: a suffix may only read as
		// a clitic once its elongation is shortened ("anak2nnnya").
		for _, f := range [...]string{n.fold(t.Text), w} {
			if base := digitRedupBase(f); base != "" {
				first := n.part(base)
				b.WriteString(first)
				b.WriteByte('-')
				b.WriteString(n.part(first + f[len(base)+1:]))
				return
			}
		}
	}
	b.WriteString(w)
}

// part normalises one part of a hyphenated word: a standard form of several
// words is not used there.
func (n *Normalizer) part(p string) string {
	w := n.Word(p)
	if strings.ContainsAny(w, " -") {
		return n.shape(fold(p))
	}
	return w
}

// Word normalises a single word: lower case, accents folded ("café" →
// "cafe"), elongation shortened ("bangeeet" → "banget", "maaaaf" → "maaf"),
// laughter made canonical ("wkwkwk" → "wkwk") and an informal spelling
// replaced by its standard form ("gak" → "tidak", "yg" → "yang"), which may
// be several words ("gpp" → "tidak apa-apa").
//
// The elongation rule: a run of three or more equal letters becomes one
// letter, unless the word is known with two ("saaaat" → "saat") or is one
// letter repeated ("PPP", "www"); a word
// that is not known but becomes a known word or an informal spelling when
// its double letters are made single is replaced ("bangett" → "banget").
// Known words are the stop words, the standard forms of the slang list and
// data/words.txt.
func (n *Normalizer) Word(w string) string {
	f := n.shape(n.fold(w))
	if !n.opts.KeepSlang {
		if t, ok := n.lex.slang[f]; ok {
			return t
		}
	}
	return f
}

// shape applies the elongation and laughter rules to a folded word. A
// word of one letter repeated ("ppp", "www", "iii") is an acronym or a
// numeral, and is left as it is.
func (n *Normalizer) shape(f string) string {
	if f == "" || strings.Count(f, f[:1]) == len(f) {
		return f
	}
	if hasRun(f, 3) {
		r1 := collapse(f, 1)
		switch {
		case n.lex.known[r1] || n.isSlang(r1):
			f = r1
		case n.lex.known[collapse(f, 2)] || n.isSlang(collapse(f, 2)):
			f = collapse(f, 2)
		default:
			f = r1
		}
	}
	if !n.lex.known[f] && !n.isSlang(f) && hasRun(f, 2) {
		if r := collapse(f, 1); n.lex.known[r] || n.isSlang(r) {
			f = r
		}
	}
	return laughter(f)
}

func (n *Normalizer) isSlang(w string) bool {
	if n.opts.KeepSlang {
		return false
	}
	_, ok := n.lex.slang[w]
	return ok
}

// hasRun reports whether s has a run of at least k equal ASCII letters.
func hasRun(s string, k int) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && isASCIILetter(s[i]) {
			run++
			if run >= k {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

// collapse shortens every run of at least max(keep+1, 2) equal ASCII
// letters to keep letters; with keep 1 a double letter becomes single,
// with keep 2 only runs of three or more shrink.
func collapse(s string, keep int) string {
	b := make([]byte, 0, len(s))
	run := 0
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] && isASCIILetter(s[i]) {
			run++
		} else {
			run = 1
		}
		if run <= keep {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// laughter makes "wkwkwk", "hahaha", "hehehe" and the like canonical
// ("wkwk", "haha", "hehe").
func laughter(s string) string {
	if len(s) < 4 {
		return s
	}
	for i := 2; i < len(s); i++ {
		if s[i] != s[i%2] {
			return s
		}
	}
	switch s[:2] {
	case "wk", "kw":
		return "wkwk"
	case "ha", "ah":
		return "haha"
	case "he", "eh":
		return "hehe"
	case "hi", "ih":
		return "hihi"
	case "xi":
		return "xixi"
	}
	return s
}

// accentGroups lists the accented Latin letters folded to each ASCII letter.
var accentGroups = [...]struct {
	from string
	to   string
}{
	{"àáâãäåāăąǎ", "a"}, {"çćĉċč", "c"}, {"ďđ", "d"}, {"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"},
	{"ĥħ", "h"}, {"ìíîïĩīĭįıǐ", "i"}, {"ĵ", "j"}, {"ķ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉ", "n"},
	{"òóôõöøōŏőǒ", "o"}, {"ŕŗř", "r"}, {"śŝşšș", "s"}, {"ţťŧț", "t"}, {"ùúûüũūŭůűųǔ", "u"},
	{"ŵ", "w"}, {"ýÿŷ", "y"}, {"źżž", "z"}, {"æ", "ae"}, {"œ", "oe"}, {"ß", "ss"},
	{"’‘ʼ`´", "'"},
}

// fold is fold with the lexicon's own strings for known words, which
// saves an allocation per capitalised word.
func (n *Normalizer) fold(s string) string {
	var arr [32]byte
	if low, ok := lowerASCII(arr[:0], s); ok {
		if string(low) == s {
			return s
		}
		if w, ok := n.lex.intern[string(low)]; ok {
			return w
		}
	}
	return fold(s)
}

// Fold lower-cases s, folds accents, drops combining marks and reads
// styled letters (𝐆𝐄𝐁𝐘𝐀𝐑, ＢＰＪＳ, ᴅɪꜰᴏʟʟᴏᴡ) as plain ones, and nothing
// else: the form exact phrases and prefixes in search compare. It returns
// s itself when nothing changes.
func Fold(s string) string { return fold(s) }

func fold(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || isASCIIUpper(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(unicode.ToLower(r)))
			continue
		}
		if unicode.IsMark(r) {
			continue
		}
		// Lower case first: a capital may have a styled small letter
		// (Ғ, ғ), which plainLetter reads.
		r = unicode.ToLower(r)
		if c, ok := plainLetter(r); ok {
			b = append(b, c)
			continue
		}
		if a := foldAccent(r); a != "" {
			b = append(b, a...)
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

func foldAccent(r rune) string {
	if r < 0xC0 || r > 0x2BC {
		if r != '’' && r != '‘' {
			return ""
		}
	}
	for _, g := range accentGroups {
		if strings.ContainsRune(g.from, r) {
			return g.to
		}
	}
	return ""
}

// numberRun converts the longest run of number words that starts with
// first (words separated by white space) to digits, and returns the last
// token it used; false when first is not a number word.
func (n *Normalizer) numberRun(s string, first Token) (string, Token, bool) {
	var toks [16]Token
	var words [16]string
	m := 0
	for t, ok := first, true; ok && m < len(toks) && t.Kind == Word; t, ok = nextToken(s, t.End) {
		w := n.Word(t.Text)
		if !isNumberWord(w) || (m > 0 && t.Start == toks[m-1].End) {
			break
		}
		toks[m], words[m] = t, w
		m++
	}
	if m > 0 && joined(s, first.Start, -1) {
		return "", Token{}, false
	}
	for ; m > 0; m-- {
		if joined(s, toks[m-1].End, 1) {
			continue
		}
		if v, ok := WordsToNumber(strings.Join(words[:m], " ")); ok {
			return strconv.FormatInt(v, 10), toks[m-1], true
		}
	}
	return "", Token{}, false
}

// joined reports whether a number word ending (dir 1) or starting (dir
// -1) at offset i of s is joined by a '.' or ',' to a letter or digit on
// that side ("dua.5", "5,dua", "du2,dua"): written as digits it could
// join them into one number ("2.5"), so it stays a word, and normalising
// twice reads the text as normalising once did.
func joined(s string, i, dir int) bool {
	if dir > 0 {
		if i+1 >= len(s) || (s[i] != '.' && s[i] != ',') {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	if i < 2 || (s[i-1] != '.' && s[i-1] != ',') {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i-1])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
