package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/bahasa/classify/internal/linear"
)

// slang folds common informal spellings to the standard word. The list is
// written for this package from general knowledge of Indonesian chat
// spelling; it copies no lexicon. A switch, not a map: no package state.
func slang(w string) (string, bool) {
	switch w {
	case "gak", "ga", "gk", "nggak", "ngga", "enggak", "engga", "tdk", "tak", "kagak", "g", "nda", "ndak", "gag", "tdk2":
		return "tidak", true
	case "yg":
		return "yang", true
	case "dgn", "dg":
		return "dengan", true
	case "bgt", "bngt":
		return "banget", true
	case "sdh", "udh", "udah", "dah":
		return "sudah", true
	case "blm":
		return "belum", true
	case "krn", "karna":
		return "karena", true
	case "bkn":
		return "bukan", true
	case "jgn":
		return "jangan", true
	case "aja":
		return "saja", true
	case "tp":
		return "tapi", true
	case "sy":
		return "saya", true
	case "aq", "gw", "gue":
		return "aku", true
	case "utk", "untk":
		return "untuk", true
	case "jd", "jdi":
		return "jadi", true
	case "klo", "kalo", "kl":
		return "kalau", true
	case "lg":
		return "lagi", true
	case "bs":
		return "bisa", true
	case "org":
		return "orang", true
	case "sm":
		return "sama", true
	case "dr":
		return "dari", true
	case "pd":
		return "pada", true
	case "dlm":
		return "dalam", true
	case "hrs":
		return "harus", true
	case "msh":
		return "masih", true
	case "bener", "bnr":
		return "benar", true
	case "emg", "emang":
		return "memang", true
	case "mantab", "mantul":
		return "mantap", true
	case "rekomen", "recommended":
		return "rekomendasi", true
	case "trs":
		return "terus", true
	case "bgs":
		return "bagus", true
	case "sangat2":
		return "sangat", true
	case "bkin":
		return "bikin", true
	case "krg":
		return "kurang", true
	case "msk":
		return "masuk", true
	}
	return "", false
}

// isNegator reports whether w starts a negation scope: the next negScope
// words also count as "NEG_" + word, so "tidak enak" does not look like
// "enak".
func isNegator(w string) bool {
	switch w {
	case "tidak", "bukan", "belum", "jangan", "kurang", "tanpa", "gagal":
		return true
	}
	return false
}

const negScope = 2

// normalise lower-cases word, collapses any ASCII letter repeated three
// times or more to one ("bangeeet" → "banget") and folds slang.
func normalise(word string) string {
	w := word
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			w = strings.ToLower(w)
			break
		}
	}
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] && isLetter(w[i]) {
			w = collapse(w)
			break
		}
	}
	if s, ok := slang(w); ok {
		return s
	}
	// Reduplication written with a digit: "anak2" → "anak".
	if n := len(w); n > 2 && w[n-1] == '2' && !isDigit(w[n-2]) {
		return w[:n-1]
	}
	return w
}

// collapse replaces every run of three or more equal ASCII letters by one.
func collapse(w string) string {
	out := make([]byte, 0, len(w))
	for i := 0; i < len(w); {
		j := i
		for j < len(w) && w[j] == w[i] {
			j++
		}
		if j-i >= 3 && isLetter(w[i]) {
			out = append(out, w[i])
		} else {
			out = append(out, w[i:j]...)
		}
		i = j
	}
	return string(out)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// split appends to words the tokens of text: runs of letters and digits,
// with inner hyphens kept ("pecah-pecah").
func split(text string, words []string) ([]string, int) {
	letters := 0
	start := -1
	for i, r := range text {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r)
		if unicode.IsLetter(r) {
			letters++
		}
		if r == '-' && start >= 0 {
			ok = true
		}
		switch {
		case ok && start < 0:
			start = i
		case !ok && start >= 0:
			words = append(words, strings.Trim(text[start:i], "-"))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, strings.Trim(text[start:], "-"))
	}
	return words, letters
}

// features adds the features of text to bag and returns its number of
// letters and how many of the keys are word features. The word features
// come first: every normalised word, the halves of hyphenated words, word
// bigrams and trigrams and negation-marked words; then the character
// 2–5-grams of words. The word-only member of the ensemble reads
// bag.Keys[:nWord], the full member all of bag.Keys.
func features(bag *linear.Bag, text string, buf *[]string) (letters, nWord int) {
	words, letters := split(text, (*buf)[:0])
	for i, w := range words {
		words[i] = normalise(w)
	}
	*buf = words
	neg := 0
	for i, w := range words {
		if w == "" {
			continue
		}
		bag.AddWord(w)
		if i > 0 {
			bag.AddBigram(words[i-1], w)
		}
		if i > 1 {
			bag.AddTrigram(words[i-2], words[i-1], w)
		}
		if a, b, ok := strings.Cut(w, "-"); ok {
			bag.AddWord(a)
			if b != a {
				bag.AddWord(b)
			}
		}
		if neg > 0 {
			bag.AddTag("NEG_", w)
			neg--
		}
		if isNegator(w) {
			neg = negScope
		}
	}
	nWord = len(bag.Keys)
	for _, w := range words {
		if w != "" {
			bag.AddCharGrams(w, 2, 5)
		}
	}
	return letters, nWord
}
