package bahasa

import (
	"math"
	"strings"
)

// numberUnits are the spelled digits.
var numberUnits = map[string]int64{"nol": 0, "kosong": 0, "satu": 1, "dua": 2, "tiga": 3,
	"empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}

// numberScales are the words that multiply a group of up to 999.
var numberScales = map[string]int64{"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9,
	"triliun": 1e12}

// IsNumberWord reports whether w (lower case) can be part of a spelled
// number ("dua", "puluh", "seribu", "setengah").
func IsNumberWord(w string) bool { return isNumberWord(w) }

func isNumberWord(w string) bool {
	if _, ok := numberUnits[w]; ok {
		return true
	}
	if _, ok := numberScales[w]; ok {
		return true
	}
	switch w {
	case "belas", "puluh", "ratus", "sepuluh", "sebelas", "seratus", "seribu", "sejuta",
		"semiliar", "setengah":
		return true
	}
	return false
}

// WordsToNumber reads a number spelled in Indonesian words: "dua puluh
// lima" → 25, "seratus dua belas" → 112, "seribu" → 1000, "tiga juta lima
// ratus ribu" → 3500000, "satu setengah juta" → 1500000, "setengah juta" →
// 500000. Case does not matter. It reports false for anything else,
// including an ill-formed sequence such as "dua tiga".
func WordsToNumber(s string) (int64, bool) {
	words := strings.Fields(strings.ToLower(s))
	if len(words) == 0 {
		return 0, false
	}
	var total, group, pending int64
	hasPending, half := false, false
	lastScale := int64(math.MaxInt64)
	for _, w := range words {
		if u, ok := numberUnits[w]; ok {
			if hasPending {
				return 0, false
			}
			pending, hasPending = u, true
			continue
		}
		switch w {
		case "sepuluh", "sebelas", "seratus":
			if hasPending || half {
				return 0, false
			}
			group += wordValue(w)
			continue
		case "belas", "puluh", "ratus":
			if !hasPending || pending == 0 || half {
				return 0, false
			}
			group += pending*wordValue(w) + 10*btoi(w == "belas")
			pending, hasPending = 0, false
			continue
		case "setengah":
			if half {
				return 0, false
			}
			half = true
			continue
		case "seribu", "sejuta", "semiliar":
			w = w[2:] // "se" + scale: one of it
			if hasPending || group != 0 || half {
				return 0, false
			}
			pending, hasPending = 1, true
		}
		scale, ok := numberScales[w]
		if !ok || scale >= lastScale {
			return 0, false
		}
		g := group + pending
		if g == 0 && !half {
			return 0, false
		}
		total += g * scale
		if half {
			total += scale / 2
		}
		group, pending, hasPending, half, lastScale = 0, 0, false, false, scale
	}
	if half {
		return 0, false // "satu setengah" alone is not an integer
	}
	if !hasPending && group == 0 && total == 0 {
		return 0, words[len(words)-1] == "nol" || words[len(words)-1] == "kosong"
	}
	return total + group + pending, true
}

// wordValue is the value of the tens and hundreds words, or the multiplier
// of "belas", "puluh" and "ratus".
func wordValue(w string) int64 {
	switch w {
	case "sepuluh", "puluh":
		return 10
	case "sebelas":
		return 11
	case "seratus", "ratus":
		return 100
	}
	return 1 // belas
}

func btoi(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
