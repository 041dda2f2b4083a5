package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cue classifies a lower-cased word that often stands next to an entity:
// "T" a title before a person, "O" a word that begins an organisation's
// name, "L" a place word or a preposition of place, "E" a word of an
// event's name; "" otherwise. A switch rather than a map keeps the lists
// immutable.
func cue(w string) string {
	switch w {
	case "bapak", "pak", "ibu", "bu", "presiden", "wapres", "gubernur", "wagub",
		"bupati", "wabup", "walikota", "wali", "menteri", "menko", "ketua", "direktur",
		"dirut", "kepala", "kapolda", "kapolres", "kapolri", "kapolsek", "panglima",
		"jenderal", "kolonel", "letjen", "mayjen", "brigjen", "irjen", "kombes", "akbp",
		"kompol", "dr", "prof", "ir", "haji", "hj", "kh", "ustaz", "ustadz", "habib",
		"saudara", "sdr", "tuan", "nyonya", "mbak", "mas", "bang", "pelatih", "kapten",
		"sekjen", "sekda", "camat", "lurah", "kades", "jubir", "juru", "raja", "sultan",
		"pangeran", "ratu", "paus", "uskup", "kiai", "kyai", "senator", "anggota", "mr", "mrs":
		return "T"
	case "pt", "cv", "tbk", "kementerian", "kemenkes", "kemendagri", "dinas", "badan",
		"universitas", "institut", "sekolah", "sma", "smp", "smk", "sd", "bank", "partai",
		"komisi", "dewan", "dprd", "dpr", "mpr", "polda", "polres", "polsek", "kodam",
		"kodim", "pemkab", "pemkot", "pemprov", "pemerintah", "lembaga", "yayasan", "perum",
		"persero", "koperasi", "rsud", "rs", "pengadilan", "kejaksaan", "kejati", "kejari",
		"mahkamah", "direktorat", "balai", "biro", "kantor", "asosiasi", "himpunan",
		"ikatan", "persatuan", "federasi", "fc", "klub", "perusahaan", "grup", "group",
		"inc", "ltd", "corp", "majelis", "fraksi", "komite", "kepolisian", "tim":
		return "O"
	case "jalan", "jl", "kota", "kabupaten", "kab", "provinsi", "desa", "kelurahan",
		"kecamatan", "kampung", "pulau", "gunung", "sungai", "danau", "selat", "teluk",
		"pantai", "bandara", "pelabuhan", "stasiun", "terminal", "negara", "kawasan",
		"wilayah", "daerah", "di", "ke", "dari", "menuju", "asal":
		return "L"
	case "festival", "piala", "liga", "kejuaraan", "pekan", "olimpiade", "konferensi",
		"kongres", "pilkada", "pemilu", "pilpres", "hari", "hut", "perayaan", "lomba",
		"turnamen", "seminar", "konser", "pameran", "expo", "muktamar", "munas", "sea", "asian":
		return "E"
	}
	return ""
}

// shape maps each rune of w to X (upper case), x (lower case), d (digit)
// or itself, collapsing repeats and keeping at most four classes: "Xx",
// "X", "d", "Xx.".
func shape(dst []byte, w string) []byte {
	n, last := 0, byte(0)
	for _, r := range w {
		c := byte('-')
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		}
		if c == last {
			continue
		}
		if n == 4 {
			break
		}
		dst = append(dst, c)
		last, n = c, n+1
	}
	return dst
}

// kind says whether a lower-cased word is letters ("a"), digits ("d"),
// both ("m") or neither ("p").
func kind(w string) string {
	letters, digits := false, false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters = true
		case unicode.IsDigit(r):
			digits = true
		}
	}
	switch {
	case letters && digits:
		return "m"
	case letters:
		return "a"
	case digits:
		return "d"
	}
	return "p"
}

// sentenceInfo holds what the features of a sentence's tokens are made of.
type sentenceInfo struct {
	words, lower, shapes, cues []string
	casing                     []string // how the word is usually written in news: see Model.casing
	gaz                        []string // "B-R", "I-PER+R", "-": where the token is in a known name
	clusters                   []string // the word's cluster path, "?" if unknown
}

// analyse prepares the features of words. gaz maps lower-cased names to
// their types, maxWords is the most words a name has.
func analyse(words []string, cased bool, gaz map[string]string, maxWords int, casing, clusters map[string]string) *sentenceInfo {
	s := &sentenceInfo{
		words:    words,
		lower:    make([]string, len(words)),
		shapes:   make([]string, len(words)),
		cues:     make([]string, len(words)),
		gaz:      make([]string, len(words)),
		casing:   make([]string, len(words)),
		clusters: make([]string, len(words)),
	}
	var buf []byte
	for i, w := range words {
		s.lower[i] = strings.ToLower(w)
		s.cues[i] = cue(s.lower[i])
		s.casing[i] = "?"
		if c, ok := casing[s.lower[i]]; ok {
			s.casing[i] = c
		}
		s.gaz[i] = "-"
		s.clusters[i] = "?"
		if c, ok := clusters[s.lower[i]]; ok {
			s.clusters[i] = c
		}
		if cased {
			buf = shape(buf[:0], w)
			s.shapes[i] = string(buf)
		}
	}
	var key []byte
	for i := 0; i < len(words); {
		n, typ := 0, ""
		key = key[:0]
		for k := 1; k <= min(maxWords, len(words)-i); k++ {
			if k > 1 {
				key = append(key, ' ')
			}
			key = append(key, s.lower[i+k-1]...)
			if t, ok := gaz[string(key)]; ok {
				n, typ = k, t
			}
		}
		if n == 0 {
			i++
			continue
		}
		s.gaz[i] = "B-" + typ
		for j := i + 1; j < i+n; j++ {
			s.gaz[j] = "I-" + typ
		}
		i += n
	}
	return s
}

// features calls emit with each feature of token i. key is only valid
// during the call. buf is scratch space, returned for reuse. Training
// uses it; decoding computes the same features, in the same order, from
// pieces cached per word (inference.emissions), so a change here must be
// made there too: TestDecodeMatchesReference fails until it is.
func (s *sentenceInfo) features(i int, cased bool, buf []byte, emit func(key []byte)) []byte {
	add := func(name string, parts ...string) {
		buf = append(buf[:0], name...)
		buf = append(buf, '=')
		for j, p := range parts {
			if j > 0 {
				buf = append(buf, '|')
			}
			buf = append(buf, p...)
		}
		emit(buf)
	}
	at := func(v []string, j int) string {
		switch {
		case j < 0:
			return "<s>"
		case j >= len(v):
			return "</s>"
		}
		return v[j]
	}
	gz := func(j int) string {
		if j < 0 || j >= len(s.gaz) {
			return "_"
		}
		return s.gaz[j]
	}
	w := s.lower[i]
	add("b")
	add("w", w)
	add("k", kind(w))
	for n, j := 1, 0; n <= 4; n++ {
		j = prefixLen(w, n)
		if j < 0 {
			break
		}
		if n <= 3 {
			add("p", w[:j])
		}
		add("s", w[suffixStart(w, n):])
	}
	add("w-1", at(s.lower, i-1))
	add("w+1", at(s.lower, i+1))
	add("w-2", at(s.lower, i-2))
	add("w+2", at(s.lower, i+2))
	add("w-+", at(s.lower, i-1), at(s.lower, i+1))
	add("w--", at(s.lower, i-2), at(s.lower, i-1))
	if i > 0 {
		add("s-1", s.lower[i-1][suffixStart(s.lower[i-1], 3):])
	}
	if i+1 < len(s.lower) {
		add("s+1", s.lower[i+1][suffixStart(s.lower[i+1], 3):])
	}
	add("ww-", at(s.lower, i-1), w)
	add("ww+", w, at(s.lower, i+1))
	add("c", s.cues[i])
	add("c-1", at(s.cues, i-1))
	add("c+1", at(s.cues, i+1))
	add("c-2", at(s.cues, i-2))
	add("g", gz(i))
	add("g-1", gz(i-1))
	add("g+1", gz(i+1))
	add("gc", gz(i), at(s.cues, i-1))
	add("cr", s.casing[i])
	add("cr-1", at(s.casing, i-1))
	add("cr+1", at(s.casing, i+1))
	add("crr", at(s.casing, i-1), s.casing[i], at(s.casing, i+1))
	add("crc", s.casing[i], at(s.cues, i-1))
	// Cluster path prefixes: short ones are coarse classes, long ones
	// near-synonyms.
	c := s.clusters[i]
	for _, n := range [...]int{4, 6, 8, 10, 12, 16} {
		add("K"+string(rune('a'+n)), clusterPrefix(c, n))
	}
	add("K-1", clusterPrefix(at(s.clusters, i-1), 6))
	add("K+1", clusterPrefix(at(s.clusters, i+1), 6))
	add("Kc", clusterPrefix(c, 8), at(s.cues, i-1))
	if cased {
		add("S", s.shapes[i])
		add("S-1", at(s.shapes, i-1))
		add("S+1", at(s.shapes, i+1))
		add("SS-", at(s.shapes, i-1), s.shapes[i])
		add("SS+", s.shapes[i], at(s.shapes, i+1))
		add("Sw-", s.shapes[i], at(s.lower, i-1))
		if i == 0 {
			add("F", s.shapes[i])
		}
	}
	return buf
}

// clusterPrefix returns the first n characters of a cluster path.
func clusterPrefix(c string, n int) string { return c[:min(n, len(c))] }

// prefixLen returns the byte length of the first n runes of w, or -1 if w
// has no more than n runes (an affix as long as the word says nothing new).
func prefixLen(w string, n int) int {
	for j := range w {
		if n == 0 {
			return j
		}
		n--
	}
	return -1
}

// suffixStart returns where the last n runes of w begin.
func suffixStart(w string, n int) int {
	j := len(w)
	for ; n > 0 && j > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(w[:j])
		j -= size
	}
	return j
}
