package region

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is how well a name matched a query; a higher Match is better.
type Match int

// The kinds of match, from the weakest.
const (
	MatchWord   Match = iota + 1 // a later word of the name begins with the query
	MatchPrefix                  // the name begins with the query
	MatchExact                   // the name, its short form or an abbreviation equals the query
)

// String returns "word", "prefix" or "exact".
func (m Match) String() string {
	switch m {
	case MatchWord:
		return "word"
	case MatchPrefix:
		return "prefix"
	case MatchExact:
		return "exact"
	}
	return "none"
}

// Candidate is one result of Search.
type Candidate struct {
	Region
	Match Match
	// Score orders candidates as the package documentation describes: it
	// falls with match quality, then with level. 1 is an exact match of a
	// province; an exact match of any level scores above 0.8.
	Score float64
}

// entry is one key of the search index: a normalised name, a suffix of one
// that starts at a word, a short form or an abbreviation.
type entry struct {
	key   string
	id    int32 // index into Gazetteer.regions
	whole bool  // key is a whole name (full, short form or abbreviation), not a later word
}

// Normalize returns s as the search compares it: lower case; letters and
// digits kept; apostrophes dropped ("Ma'rang" is "marang"); every other run
// of characters turned into one space, trimmed at both ends; and runs of
// single letters joined, so that "D.I. Yogyakarta" and "DI Yogyakarta" are
// both "di yogyakarta".
func Normalize(s string) string {
	return string(appendNormalized(nil, s))
}

// appendNormalized appends Normalize(s) to dst.
func appendNormalized(dst []byte, s string) []byte {
	base := len(dst)
	tok := -1 // where the current token starts in dst; -1 between tokens
	runes, letter := 0, false
	prevSingle := false // the previous token was a single letter
	for i := 0; i <= len(s); {
		r, size := rune(-1), 1
		if i < len(s) {
			r = rune(s[i])
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		i += size
		if isApostrophe(r) {
			continue
		}
		if r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if tok < 0 {
				if len(dst) > base {
					dst = append(dst, ' ')
				}
				tok, runes, letter = len(dst), 0, unicode.IsLetter(r)
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			runes++
			continue
		}
		if tok >= 0 { // a separator or the end closes the token
			single := runes == 1 && letter
			if single && prevSingle {
				dst = append(dst[:tok-1], dst[tok:]...) // drop the space before it
			}
			prevSingle, tok = single, -1
		}
	}
	return dst
}

// isApostrophe reports whether r is one of the apostrophes written inside
// names ("Ba'u", "Regapu’u"), which Normalize drops rather than treat as
// a word break.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', 'ʼ':
		return true
	}
	return false
}

// adminPrefixes are the words before the name proper of a region of level
// l, in the gazetteer's names, normalised: "kabupaten administrasi ",
// "kota " and the like for a regency, "daerah khusus ibukota ", "daerah
// istimewa " or "provinsi " for a province; none for other levels.
func adminPrefixes(l Level) []string {
	switch l {
	case Province:
		return []string{"daerah khusus ibukota ", "daerah istimewa ", "provinsi "}
	case Regency:
		return []string{"kabupaten administrasi ", "kota administrasi ", "kabupaten ", "kota "}
	}
	return nil
}

// shortStart returns where the short form begins in key, the normalised
// name of a region of level l (after its adminPrefixes); 0 if the name
// has no such prefix.
func shortStart(key string, l Level) int {
	for _, p := range adminPrefixes(l) {
		if strings.HasPrefix(key, p) && len(key) > len(p) {
			return len(p)
		}
	}
	return 0
}

// ShortName returns the region's name without the words of its level, as
// people write it: "Muaro Jambi" for Kabupaten Muaro Jambi, "Jambi" for
// Kota Jambi, "Yogyakarta" for Daerah Istimewa Yogyakarta. A name without
// them (a kecamatan, a desa, "Jawa Barat") is returned as it is.
func (r Region) ShortName() string {
	for _, p := range adminPrefixes(r.Level) {
		if len(r.Name) > len(p) && strings.EqualFold(r.Name[:len(p)], p) {
			return r.Name[len(p):]
		}
	}
	return r.Name
}

// Aliases returns the abbreviations and other names people write for
// provinces and kabupaten/kota, by code ("Jabar", "DKI", "Solo" for Kota
// Surakarta, "Jaksel"). It makes a new map on each call, so none is shared.
func Aliases() map[Code][]string {
	return map[Code][]string{
		"11": {"NAD", "Nanggroe Aceh Darussalam"},
		"12": {"Sumut"},
		"13": {"Sumbar"},
		"16": {"Sumsel"},
		"19": {"Babel", "Bangka Belitung"},
		"21": {"Kepri"},
		"31": {"DKI", "DKI Jakarta", "DKJ", "Daerah Khusus Jakarta"},
		"32": {"Jabar"},
		"33": {"Jateng"},
		"34": {"DIY", "DI Yogyakarta", "Jogja", "Jogjakarta", "Yogya"},
		"35": {"Jatim"},
		"52": {"NTB"},
		"53": {"NTT"},
		"61": {"Kalbar"},
		"62": {"Kalteng"},
		"63": {"Kalsel"},
		"64": {"Kaltim"},
		"65": {"Kaltara"},
		"71": {"Sulut"},
		"72": {"Sulteng"},
		"73": {"Sulsel"},
		"74": {"Sultra"},
		"76": {"Sulbar"},
		"82": {"Malut"},
		"92": {"Pabar"},
		"93": {"Papsel"},
		"94": {"Papteng"},
		"95": {"Papeg"},
		"96": {"PBD"},
		// Kabupaten and kota.
		"31.71": {"Jakpus"},
		"31.72": {"Jakut"},
		"31.73": {"Jakbar"},
		"31.74": {"Jaksel"},
		"31.75": {"Jaktim"},
		"33.72": {"Solo"},
		"36.74": {"Tangsel"},
	}
}

// buildIndex makes the search index of regions: for each region its
// normalised name and every suffix of it that starts at a word, the suffix
// that is its short form marked whole; and the aliases (Aliases).
func buildIndex(regions []Region) []entry {
	buf := make([]byte, 0, 2_200_000) // about the size of all names
	ends := make([]int, len(regions))
	for i, r := range regions {
		buf = appendNormalized(buf, r.Name)
		ends[i] = len(buf)
	}
	all := string(buf) // one allocation holds every key
	index := make([]entry, 0, len(regions)*3/2)
	start := 0
	for i, r := range regions {
		key := all[start:ends[i]]
		start = ends[i]
		short := shortStart(key, r.Level)
		index = append(index, entry{key: key, id: int32(i), whole: true})
		for j := 0; j < len(key); j++ {
			if key[j] == ' ' {
				index = append(index, entry{key: key[j+1:], id: int32(i), whole: j+1 == short})
			}
		}
	}
	aliases := Aliases()
	for i, r := range regions {
		for _, a := range aliases[r.Code] {
			index = append(index, entry{key: Normalize(a), id: int32(i), whole: true})
		}
	}
	slices.SortFunc(index, func(a, b entry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return index
}

// filter restricts a search to a level and, for regencies, to kabupaten or
// kota. The zero filter accepts everything.
type filter struct {
	level Level
	city  int // 1: kota only, -1: kabupaten only, 0: either
}

func (f filter) accepts(r Region) bool {
	if f.level != 0 && r.Level != f.level {
		return false
	}
	return f.city == 0 || r.IsCity() == (f.city > 0)
}

// qualify splits a leading level qualifier ("kab", "kota adm", "kec",
// "desa", ...) off the normalised query q. It returns the zero filter and q
// when there is none, or when nothing follows it.
func qualify(q string) (filter, string) {
	word, rest, _ := strings.Cut(q, " ")
	var f filter
	switch word {
	case "provinsi", "propinsi", "prov", "prop":
		f = filter{level: Province}
	case "kabupaten", "kab":
		f = filter{level: Regency, city: -1}
	case "kota", "kotamadya", "kotamadia", "kodya":
		f = filter{level: Regency, city: 1}
	case "kecamatan", "kec", "distrik":
		f = filter{level: District}
	case "desa", "ds", "kelurahan", "kel":
		f = filter{level: Village}
	default:
		return filter{}, q
	}
	if f.level == Regency {
		if w, r, ok := strings.Cut(rest, " "); ok && (w == "administrasi" || w == "adm") {
			rest = r
		}
	}
	if rest == "" {
		return filter{}, q
	}
	return f, rest
}

// variants returns the normalised name q and, if it differs, q with the
// abbreviations "kep", "tj" and "kp" written out.
func variants(q string) []string {
	words := strings.Fields(q)
	changed := false
	for i, w := range words {
		long := ""
		switch w {
		case "kep":
			long = "kepulauan"
		case "tj":
			long = "tanjung"
		case "kp":
			long = "kampung"
		case "sumatra":
			long = "sumatera"
		}
		if long != "" {
			words[i], changed = long, true
		}
	}
	if !changed {
		return []string{q}
	}
	return []string{q, strings.Join(words, " ")}
}

// rank orders matches: match quality first, then level (province highest).
// rank/4 is the Match; (rank+1)/16 is the Score.
func rank(m Match, l Level) int { return int(m)*4 + int(Village-l) }

// collect adds to best every region that f accepts and whose index keys
// begin with q, keeping each region's best rank.
func (g *Gazetteer) collect(q string, f filter, best map[int32]int) {
	lo, _ := slices.BinarySearchFunc(g.index, q, func(e entry, q string) int {
		return strings.Compare(e.key, q)
	})
	for _, e := range g.index[lo:] {
		if !strings.HasPrefix(e.key, q) {
			break
		}
		r := g.regions[e.id]
		if !f.accepts(r) {
			continue
		}
		m := MatchWord
		if e.whole {
			m = MatchPrefix
			if len(e.key) == len(q) {
				m = MatchExact
			}
		}
		if k := rank(m, r.Level); k > best[e.id] {
			best[e.id] = k
		}
	}
}

// Search finds regions by name, best first, at most limit of them (all of
// them if limit <= 0). The package documentation describes what matches
// and how candidates are ranked. A query that normalises to nothing finds
// nothing.
func (g *Gazetteer) Search(name string, limit int) []Candidate {
	q := Normalize(name)
	if q == "" {
		return nil
	}
	best := make(map[int32]int)
	if f, rest := qualify(q); f.level != 0 {
		for _, v := range variants(rest) {
			g.collect(v, f, best)
		}
	}
	for _, v := range variants(q) {
		g.collect(v, filter{}, best)
	}
	ids := make([]int32, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int32) int {
		if c := cmp.Compare(best[b], best[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b) // regions are in code order
	})
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]Candidate, len(ids))
	for i, id := range ids {
		k := best[id]
		out[i] = Candidate{Region: g.regions[id], Match: Match(k / 4), Score: float64(k+1) / 16}
	}
	return out
}

// ResolveAll returns every region s names, as a search filter reads it:
// the region of a code, or every region whose name matches s exactly at
// the best rank, so that "bandung" is both Kota and Kabupaten Bandung and
// "sukajadi" both kecamatan of that name, while "jambi" is the province
// alone (Kota Jambi, a level below, lies inside it). It returns nil when
// Resolve finds nothing.
func (g *Gazetteer) ResolveAll(s string) []Region {
	if c, err := ParseCode(s); err == nil {
		if r, ok := g.Lookup(c); ok {
			return []Region{r}
		}
		return nil
	}
	cs := g.Search(s, 0)
	if len(cs) == 0 || cs[0].Match != MatchExact {
		return nil
	}
	var out []Region
	for _, c := range cs {
		if c.Match != MatchExact || c.Region.Level != cs[0].Region.Level {
			break
		}
		out = append(out, c.Region)
	}
	return out
}

// Resolve returns the one region s names: s may be a code (ParseCode's
// forms) or a name. A code must exist. A name must match exactly (its full
// name, short form or an abbreviation, after Normalize and any qualifier);
// prefix and word matches are not enough. When several regions match
// equally well, the best ranked wins (the higher level, then the lower
// code); callers that must detect such ambiguity should use Search.
func (g *Gazetteer) Resolve(s string) (Region, bool) {
	if c, err := ParseCode(s); err == nil {
		return g.Lookup(c)
	}
	cs := g.Search(s, 1)
	if len(cs) == 0 || cs[0].Match != MatchExact {
		return Region{}, false
	}
	return cs[0].Region, true
}
