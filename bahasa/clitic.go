package bahasa

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clitics are the enclitics SplitClitic removes, longest first.
var clitics = [...]string{"nya", "lah", "kah", "pun", "ku", "mu"}

// cliticRoots are words whose ending only looks like a clitic: they are
// roots, or derived words whose root ends in those letters. Words of five
// letters or fewer never split unless the rest is three letters long, so
// "buku", "ilmu" and "daku" need no entry.
var cliticRoots = map[string]bool{
	"hanya": true, "punya": true, "tanya": true, "bertanya": true, "ditanya": true,
	"menanyakan": true, "mempunyai": true, "berpunya": true, "sanya": true,
	"salah": true, "kalah": true, "olah": true, "sekolah": true, "masalah": true, "lelah": true,
	"celah": true, "telah": true, "belah": true, "sebelah": true, "galah": true, "allah": true,
	"jumlah": true, "bilah": true, "kilah": true, "pilah": true, "ulah": true, "tulah": true,
	"adalah": true, "ialah": true, "ibadah": true, "berkilah": true, "bersalah": true,
	"kesalah": true, "mengolah": true, "diolah": true, "pengolah": true, "terbelah": true,
	"sholah": true, "musibah": true, "nikah": true, "langkah": true,
	"tingkah": true, "sedekah": true, "berkah": true, "nafkah": true, "mekah": true,
	"makkah": true, "rekah": true, "merekah": true, "barakah": true, "melangkah": true,
	"menikah": true, "bertingkah": true, "bersedekah": true, "ampun": true, "rumpun": true,
	"himpun": true, "menghimpun": true, "dihimpun": true, "terhimpun": true, "mengampun": true,
	"bangku": true, "tungku": true, "mengaku": true, "diaku": true, "pengaku": true,
	"tengku": true, "teungku": true, "beku": true, "membeku": true, "suku": true,
	"bertemu": true, "ketemu": true, "bertamu": true, "menjamu": true, "meramu": true,
	"jamu": true, "tamu": true, "temu": true, "kamu": true, "ramu": true, "semu": true,
	"jemu": true, "ilmu": true, "berilmu": true, "kalbu": true, "pelaku": true, "berlaku": true,
	"kelaku": true, "perilaku": true, "selaku": true, "melaku": true, "kaku": true,
	"baku": true, "paku": true, "saku": true, "laku": true, "buku": true, "daku": true,
	"siku": true, "kuku": true, "liku": true, "aku": true,
}

// SplitClitic splits an enclitic (-nya, -lah, -kah, -pun, -ku, -mu) off a
// word: "rumahnya" → ("rumah", "nya"), "bukanlah" → ("bukan", "lah").
// A word whose ending belongs to its root is returned whole with an empty
// clitic: "hanya", "punya", "salah", "sekolah", "ilmu", "buku", "bertemu".
// The remainder must be at least three letters and contain a vowel. The
// word is compared in lower case but returned in its own case.
func SplitClitic(word string) (base, clitic string) {
	var arr [64]byte
	low, ok := lowerASCII(arr[:0], word)
	if !ok {
		return word, ""
	}
	w := string(low)
	if cliticRoots[w] {
		return word, ""
	}
	for _, c := range clitics {
		if !strings.HasSuffix(w, c) {
			continue
		}
		rest := w[:len(w)-len(c)]
		if len(rest) < 3 || !hasVowel(rest) || !lettersOrHyphens(rest) || strings.HasSuffix(rest, "-") {
			return word, ""
		}
		return word[:len(rest)], word[len(rest):]
	}
	return word, ""
}

func lettersOrHyphens(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

// SplitHashtag returns the words of a hashtag, in lower case:
// "#BanjirJambi" → [banjir jambi], "#banjir_jambi" → [banjir jambi],
// "#PPKMLevel4" → [ppkm level 4]. An all-lower-case tag stays one word.
// The leading '#' is optional.
func SplitHashtag(tag string) []string {
	var parts []string
	for _, p := range HashtagParts(tag) {
		parts = append(parts, strings.ToLower(tag[p[0]:p[1]]))
	}
	return parts
}

// HashtagParts returns the byte ranges [start, end) of the words of a
// hashtag within tag (see SplitHashtag), so that a caller can point at
// each word inside the original text.
func HashtagParts(tag string) [][2]int {
	var parts [][2]int
	start := -1
	var prev rune // class of the previous rune: 'u' upper, 'l' lower, 'd' digit
	emit := func(end int) {
		if start >= 0 && end > start {
			parts = append(parts, [2]int{start, end})
		}
		start = -1
	}
	for i := 0; i < len(tag); {
		r, size := utf8.DecodeRuneInString(tag[i:])
		var class rune
		switch {
		case unicode.IsUpper(r):
			class = 'u'
		case unicode.IsLetter(r) || unicode.IsMark(r):
			class = 'l'
		case unicode.IsDigit(r):
			class = 'd'
		}
		switch {
		case class == 0:
			emit(i)
		case start < 0:
			start = i
		case class == 'd' && prev != 'd', class != 'd' && prev == 'd':
			emit(i)
			start = i
		case class == 'u' && prev == 'l':
			emit(i)
			start = i
		case class == 'l' && prev == 'u' && i-start > 1:
			// "PPKMLevel": the last capital starts the next word.
			_, psize := utf8.DecodeLastRuneInString(tag[:i])
			if i-psize > start {
				emit(i - psize)
				start = i - psize
			}
		}
		prev = class
		i += size
	}
	emit(len(tag))
	return parts
}
