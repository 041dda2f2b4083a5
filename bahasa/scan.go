package bahasa

import (
	"strings"
	"unicode/utf8"
)

// scanWordish scans a token that starts with a letter at text[i]: an e-mail
// address, a URL, an abbreviation, an amount in rupiah or a word.
func scanWordish(text string, i int) (Kind, int, string) {
	if i+2 < len(text) && (text[i]|0x20) == 'r' && (text[i+1]|0x20) == 'p' {
		if e := moneyEnd(text, i+2); e > 0 {
			return Money, e, ""
		}
	}
	j := alnumEnd(text, i)
	if j < len(text) {
		switch text[j] {
		case ':':
			if strings.HasPrefix(text[j:], "://") && isScheme(text[i:j]) {
				if e := urlEnd(text, j+3); e > j+3 {
					return URL, e, ""
				}
			}
		case '@', '.', '_', '+', '%', '-':
			if e := emailEnd(text, i); e > 0 {
				return Email, e, ""
			}
		}
		if text[j] == '.' {
			if e := domainEnd(text, i); e > 0 {
				return URL, e, ""
			}
			if e := dottedAbbrevEnd(text, i, j); e > 0 {
				return Abbrev, e, ""
			}
		}
	}
	end, hyphen := j, -1
	for end < len(text) {
		sep := 0
		switch {
		case text[end] == '-' || text[end] == '\'':
			sep = 1
		case strings.HasPrefix(text[end:], "’"):
			sep = len("’")
		}
		if sep == 0 {
			break
		}
		// A part after a hyphen or apostrophe begins with a letter or a
		// digit: a combining mark there marks nothing, and folding drops it.
		if ok, _ := wordRuneAt(text, end+sep); !ok || markAt(text, end+sep) {
			break
		}
		if text[end] == '-' && hyphen < 0 {
			hyphen = end
		}
		end = alnumEnd(text, end+sep)
	}
	switch {
	case hyphen >= 0:
		second := text[hyphen+1 : end]
		if k := strings.IndexAny(second, "-'’"); k >= 0 {
			second = second[:k]
		}
		return Word, end, redupBase(text[i:hyphen], second)
	case end == j:
		if isUndottedAbbrev(text[i:j]) {
			return Abbrev, j, ""
		}
		return Word, j, digitRedupBase(text[i:j])
	}
	return Word, end, ""
}

// redupBase returns the base of a hyphenated word that is a reduplication,
// or "" when it is an ordinary compound ("Jawa-Bali", "covid-19").
func redupBase(a, b string) string {
	if len(a) < 2 || len(b) < 2 || len(a) > 64 || len(b) > 64 || !lettersOnly(a) || !lettersOnly(b) {
		return ""
	}
	// Full or affixed: anak-anak, anak-anaknya, berlari-lari, sebaik-baiknya.
	for k := min(len(a), len(b)); k >= 2; k-- {
		if strings.EqualFold(a[len(a)-k:], b[:k]) {
			return b[:k]
		}
	}
	// With a changed first sound: tembak-menembak, sayur-mayur, lauk-pauk.
	if len(a) >= 4 && len(b) >= len(a)-1 && strings.EqualFold(b[len(b)-(len(a)-1):], a[1:]) {
		return a
	}
	// With changed vowels: warna-warni, bolak-balik, mondar-mandir.
	if len(a) == len(b) && len(a) >= 4 && sameConsonants(a, b) {
		return a
	}
	return ""
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) {
			return false
		}
	}
	return true
}

func isVowel(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func sameConsonants(a, b string) bool {
	diff := 0
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x == y {
			continue
		}
		if !isVowel(x) || !isVowel(y) {
			return false
		}
		diff++
	}
	return diff > 0
}

// digitRedupBase returns "anak" for the informal reduplication "anak2"
// (also "anak2nya"), or "".
func digitRedupBase(w string) string {
	p := strings.IndexByte(w, '2')
	if p < 2 || !lettersOnly(w[:p]) {
		return ""
	}
	for _, suffix := range [...]string{"", "nya", "ku", "mu", "lah", "kah", "pun", "an"} {
		if strings.EqualFold(w[p+1:], suffix) {
			return w[:p]
		}
	}
	return ""
}

func isScheme(s string) bool {
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https") || strings.EqualFold(s, "ftp")
}

// urlEnd returns the end of a URL whose host starts at j: up to white space
// or an invalid byte, without trailing punctuation.
func urlEnd(text string, j int) int {
	e := j
	for e < len(text) {
		c := text[e]
		if c <= ' ' || c == '"' || c == '<' || c == '>' || c == 0x7f {
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[e:])
			if (r == utf8.RuneError && size == 1) || r == 0xA0 || r == '“' || r == '”' || isEmoji(r) {
				break
			}
			e += size
			continue
		}
		e++
	}
	for e > j && strings.IndexByte(".,;:!?)]}'", text[e-1]) >= 0 {
		e--
	}
	return e
}

// labelEnd returns the end of a host label ([A-Za-z0-9-]) from i.
func labelEnd(text string, i int) int {
	for i < len(text) && (isASCIIAlnum(text[i]) || text[i] == '-') {
		i++
	}
	return i
}

// maxHost bounds the length of a host name (RFC 1035 allows 253 bytes),
// and so the work spent on a run of dotted words that is not one: the
// tokeniser stays linear in its input.
const maxHost = 253

// emailEnd returns the end of the e-mail address starting at i, or -1.
func emailEnd(text string, i int) int {
	k := i
	for k < len(text) && k-i <= 64 && (isASCIIAlnum(text[k]) || strings.IndexByte("._%+-", text[k]) >= 0) {
		k++
	}
	if k == i || k-i > 64 || k >= len(text) || text[k] != '@' || text[k-1] == '.' {
		return -1
	}
	e, dots := k+1, 0
	for e-k <= maxHost {
		le := labelEnd(text, e)
		if le == e {
			return -1
		}
		e = le
		if e+1 < len(text) && text[e] == '.' && isASCIIAlnum(text[e+1]) {
			e++
			dots++
			continue
		}
		break
	}
	if dots == 0 || e-k > maxHost {
		return -1
	}
	return e
}

// topLevel lists the last labels that make "kominfo.go.id" a URL without a
// scheme.
var topLevel = map[string]bool{"id": true, "com": true, "net": true, "org": true, "info": true,
	"io": true, "gov": true, "edu": true, "biz": true, "tv": true, "news": true, "co": true,
	"my": true, "sg": true, "uk": true, "app": true, "dev": true, "xyz": true}

// domainEnd returns the end of a host name (and path) without a scheme,
// such as "www.jambiprov.go.id/berita" or "kominfo.go.id", or -1.
func domainEnd(text string, i int) int {
	e, labels, last := i, 0, ""
	for e-i <= maxHost {
		le := labelEnd(text, e)
		if le == e {
			return -1
		}
		labels++
		last = text[e:le]
		e = le
		if e+1 < len(text) && text[e] == '.' && isASCIILetter(text[e+1]) {
			e++
			continue
		}
		break
	}
	if e-i > maxHost {
		return -1
	}
	first := text[i:labelEnd(text, i)]
	www := strings.EqualFold(first, "www")
	if labels < 2 || len(first) < 2 || (!www && !topLevel[strings.ToLower(last)]) {
		return -1
	}
	if ok, _ := wordRuneAt(text, e); ok {
		return -1
	}
	if e < len(text) && text[e] == '/' {
		return urlEnd(text, e)
	}
	return e
}

// dottedAbbrevEnd returns the end of a known dotted abbreviation ("Kab.",
// "S.H.", "M.Si.", "a.n.") or of an initial ("B.") that starts at i, where
// text[j] is the first dot; or -1.
func dottedAbbrevEnd(text string, i, j int) int {
	var ends [4]int
	n := 0
	ends[n], n = j+1, 1
	for k := j + 1; n < len(ends); n++ {
		e := alnumEnd(text, k)
		if e == k || e-k > 5 || e >= len(text) || text[e] != '.' {
			break
		}
		k = e + 1
		ends[n] = k
	}
	for ; n > 0; n-- {
		if isDottedAbbrev(text[i:ends[n-1]]) {
			return ends[n-1]
		}
	}
	if j-i == 1 && isASCIILetter(text[i]) {
		return j + 1
	}
	return -1
}

// moneyEnd returns the end of an amount after "Rp" (at j): "Rp 1,2 miliar",
// "Rp. 500.000", "Rp1.500.000,00"; or -1.
func moneyEnd(text string, j int) int {
	k := j
	if k < len(text) && text[k] == '.' {
		k++
	}
	if k < len(text) && text[k] == ' ' {
		k++
	}
	if k >= len(text) || !isASCIIDigit(text[k]) {
		return -1
	}
	e := numberEnd(text, k)
	if ok, _ := wordRuneAt(text, e); ok {
		return -1
	}
	if e < len(text) && text[e] == ' ' {
		w := alnumEnd(text, e+1)
		if isScale(text[e+1 : w]) {
			if ok, _ := wordRuneAt(text, w); !ok {
				return w
			}
		}
	}
	return e
}

func isScale(w string) bool {
	for _, s := range [...]string{"ribu", "rb", "juta", "jt", "miliar", "milyar", "m", "triliun", "t"} {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

func digitsEnd(text string, i int) int {
	for i < len(text) && isASCIIDigit(text[i]) {
		i++
	}
	return i
}

// numberEnd returns the end of digits with '.' and ',' between digit groups.
func numberEnd(text string, i int) int {
	j := digitsEnd(text, i)
	for j+1 < len(text) && (text[j] == '.' || text[j] == ',') && isASCIIDigit(text[j+1]) {
		j = digitsEnd(text, j+1)
	}
	return j
}

// scanNumeric scans a token starting with an ASCII digit at text[i]: a date,
// a time, a percentage, a number, or a word such as "5G".
func scanNumeric(text string, i int) (Kind, int, string) {
	j := digitsEnd(text, i)
	n := j - i
	if j < len(text) {
		c := text[j]
		if n == 4 && c == '-' {
			if e := isoDateEnd(text, i); e > 0 {
				return Date, e, ""
			}
		}
		if n <= 2 && (c == '/' || c == '-' || c == '.') {
			if e := dmyDateEnd(text, i, j); e > 0 {
				return Date, e, ""
			}
		}
		if n <= 2 && (c == '.' || c == ':') {
			if e := timeEnd(text, i, j); e > 0 {
				return Time, e, ""
			}
		}
		if n <= 2 && c == ' ' {
			if e := dayMonthEnd(text, i, j); e > 0 {
				return Date, e, ""
			}
		}
	}
	if ok, _ := wordRuneAt(text, j); ok {
		return scanWordish(text, i)
	}
	e := numberEnd(text, i)
	if e < len(text) && text[e] == '%' {
		return Percent, e + 1, ""
	}
	return Number, e, ""
}

// atoi2 converts one or two ASCII digits.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// numEndsAt reports whether a numeric token may end at e: no digit, letter,
// or separator-and-digit follows.
func numEndsAt(text string, e int) bool {
	if ok, _ := wordRuneAt(text, e); ok {
		return false
	}
	if e+1 < len(text) && strings.IndexByte(".,:/-", text[e]) >= 0 && isASCIIDigit(text[e+1]) {
		return false
	}
	return true
}

func isoDateEnd(text string, i int) int {
	if i+10 > len(text) || text[i+4] != '-' || text[i+7] != '-' {
		return -1
	}
	for _, k := range [...]int{5, 6, 8, 9} {
		if !isASCIIDigit(text[i+k]) {
			return -1
		}
	}
	m, d := atoi(text[i+5:i+7]), atoi(text[i+8:i+10])
	if m < 1 || m > 12 || d < 1 || d > 31 || !numEndsAt(text, i+10) {
		return -1
	}
	return i + 10
}

func dmyDateEnd(text string, i, j int) int {
	sep := text[j]
	k := digitsEnd(text, j+1)
	if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(text) || text[k] != sep {
		return -1
	}
	e := digitsEnd(text, k+1)
	yl := e - (k + 1)
	if (yl != 4 && (yl != 2 || sep == '.')) || !numEndsAt(text, e) {
		return -1
	}
	d, m := atoi(text[i:j]), atoi(text[j+1:k])
	if d < 1 || d > 31 || m < 1 || m > 12 {
		return -1
	}
	return e
}

func timeEnd(text string, i, j int) int {
	k := digitsEnd(text, j+1)
	if k-(j+1) != 2 || atoi(text[i:j]) > 24 || atoi(text[j+1:k]) > 59 {
		return -1
	}
	if k+2 < len(text) && text[k] == text[j] && isASCIIDigit(text[k+1]) {
		s := digitsEnd(text, k+1)
		if s-(k+1) != 2 || atoi(text[k+1:s]) > 59 {
			return -1
		}
		k = s
	}
	if !numEndsAt(text, k) {
		return -1
	}
	z := k
	if z < len(text) && text[z] == ' ' {
		z++
	}
	w := alnumEnd(text, z)
	switch strings.ToUpper(text[z:min(w, z+4)]) {
	case "WIB", "WITA", "WIT":
		if w-z <= 4 {
			return w
		}
	}
	return k
}

var monthNames = [...]string{"januari", "februari", "maret", "april", "mei", "juni", "juli",
	"agustus", "september", "oktober", "november", "desember", "january", "february", "march",
	"may", "june", "july", "august", "october", "december", "jan", "feb", "mar", "apr", "jun",
	"jul", "agu", "agt", "agus", "aug", "sep", "sept", "okt", "oct", "nov", "des", "dec"}

func isMonth(w string) bool {
	for _, m := range monthNames {
		if strings.EqualFold(w, m) {
			return true
		}
	}
	return false
}

// dayMonthEnd matches "23 November 2026" or "23 Nov" from i (text[j] is
// the space after the day).
func dayMonthEnd(text string, i, j int) int {
	if d := atoi(text[i:j]); d < 1 || d > 31 {
		return -1
	}
	w := alnumEnd(text, j+1)
	if w-(j+1) < 3 || w-(j+1) > 9 || !isMonth(text[j+1:w]) {
		return -1
	}
	if w+5 <= len(text) && text[w] == ' ' {
		y := digitsEnd(text, w+1)
		if y-(w+1) == 4 && numEndsAt(text, y) {
			return y
		}
	}
	return w
}
