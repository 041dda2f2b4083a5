package place

import (
	"slices"

	"github.com/sinergi-id/sinergi/region"
)

// cue is what a level word or title says about the name after it.
type cue struct {
	level  region.Level // 0: no level word
	city   int          // for regencies: 1 kota only, -1 kabupaten only
	inSpan bool         // the word is part of the mention ("Kabupaten"), not a title ("Bupati")
	words  int          // how many words it takes
}

// cueAt returns the level word or title at word i, if any.
func cueAt(ws []word, i int) cue {
	w := ws[i]
	next := func(k string) bool { return i+1 < len(ws) && ws[i+1].key == k }
	switch w.key {
	case "provinsi", "propinsi", "prov", "prop":
		return cue{level: region.Province, inSpan: true, words: 1}
	case "pemprov", "gubernur", "wagub":
		return cue{level: region.Province, words: 1}
	case "kabupaten", "kab":
		c := cue{level: region.Regency, city: -1, inSpan: true, words: 1}
		if next("administrasi") || next("adm") {
			c.words = 2
		}
		return c
	case "pemkab", "bupati", "wabup":
		return cue{level: region.Regency, city: -1, words: 1}
	case "kota", "kotamadya", "kodya":
		c := cue{level: region.Regency, city: 1, inSpan: true, words: 1}
		if i > 0 && (ws[i-1].key == "wali" || ws[i-1].key == "wakil") && ws[i].joined {
			c.inSpan = false
		}
		if next("administrasi") || next("adm") {
			c.words = 2
		}
		return c
	case "pemkot", "walikota", "wawali":
		return cue{level: region.Regency, city: 1, words: 1}
	case "kecamatan", "kec", "distrik":
		return cue{level: region.District, inSpan: true, words: 1}
	case "camat":
		return cue{level: region.District, words: 1}
	case "desa", "kelurahan", "kel", "ds", "nagari", "gampong":
		return cue{level: region.Village, inSpan: true, words: 1}
	case "lurah", "kades":
		return cue{level: region.Village, words: 1}
	}
	return cue{}
}

// raw is a mention before resolution.
type raw struct {
	start, end int
	cands      []region.Code
	cued       bool
	level      region.Level // of the level word, 0 if bare
}

// Find returns the region mentions in text, in order. Mentions that cannot
// be resolved (a desa name found in several places, none of them inside a
// region the text mentions) are left out.
func (f *Finder) Find(text string) []Mention {
	ws := splitWords(text)
	var raws []raw
	var buf []byte
	for i := 0; i < len(ws); {
		if c := cueAt(ws, i); c.level != 0 && i+c.words < len(ws) {
			j := i + c.words
			if ws[j].joined || ws[j-1].dotted {
				if n, cands := f.longest(ws, j, f.named, f.maxName, c, &buf); n > 0 {
					start := ws[j].start
					if c.inSpan {
						start = ws[i].start
					}
					raws = append(raws, raw{start: start, end: ws[j+n-1].end, cands: cands, cued: true, level: c.level})
					i = j + n
					continue
				}
			}
		}
		if n, cands := f.longest(ws, i, f.bare, f.maxBare, cue{}, &buf); n > 0 {
			raws = append(raws, raw{start: ws[i].start, end: ws[i+n-1].end, cands: cands})
			i += n
			continue
		}
		i++
	}
	return f.resolve(text, raws)
}

// longest finds the longest name in m that starts at word i, is written in
// capitalised words joined by spaces or hyphens, and has candidates that c
// accepts. After the level word or title of a province or a
// kabupaten/kota, the words may be in lower case ("kab. muaro jambi",
// "bupati bogor"), as posts are often written: there the cue says a name
// follows.
func (f *Finder) longest(ws []word, i int, m map[string][]region.Code, maxWords int, c cue, buf *[]byte) (int, []region.Code) {
	anyCase := c.level == region.Province || c.level == region.Regency
	if !ws[i].capital && !anyCase {
		return 0, nil
	}
	last := i
	for last+1 < len(ws) && last+1-i < maxWords && (ws[last+1].capital || anyCase) && ws[last+1].joined && !ws[last].dotted {
		last++
	}
	for n := last - i + 1; n >= 1; n-- {
		b := (*buf)[:0]
		for k := i; k < i+n; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = append(b, ws[k].key...)
		}
		*buf = b
		list, ok := m[string(b)]
		if !ok {
			continue
		}
		key := string(b)
		if c.level == 0 && commonBare(key) || c.level >= region.District && commonSmall(key) {
			continue
		}
		var cands []region.Code
		for _, code := range list {
			if accepts(c, code) {
				cands = append(cands, code)
			}
		}
		if len(cands) > 0 {
			return n, cands
		}
	}
	return 0, nil
}

// accepts reports whether the level word c admits a region code.
func accepts(c cue, code region.Code) bool {
	if c.level == 0 {
		return true
	}
	if code.Level() != c.level {
		return false
	}
	if c.level == region.Regency && c.city != 0 {
		city := code[3:] >= "71"
		return city == (c.city > 0)
	}
	return true
}

// resolve picks one region for each raw mention, in the order the package
// documentation gives, and drops the mentions it cannot resolve.
func (f *Finder) resolve(text string, raws []raw) []Mention {
	chosen := make([]region.Code, len(raws))
	score := make([]float64, len(raws))
	sure := map[region.Code]bool{} // regions named without ambiguity
	for i, r := range raws {
		if len(r.cands) == 1 && r.cands[0].Level() <= region.Regency {
			chosen[i], score[i] = r.cands[0], 0.9
			if r.cued {
				score[i] = 1
			}
			sure[r.cands[0]] = true
		}
	}
	// Rule 2: a province among the candidates of a bare name wins.
	for i, r := range raws {
		if chosen[i] == "" && !r.cued {
			if k := slices.IndexFunc(r.cands, func(c region.Code) bool { return c.Level() == region.Province }); k >= 0 {
				chosen[i], score[i] = r.cands[k], 0.9
				sure[r.cands[k]] = true
			}
		}
	}
	provinces := map[region.Code]bool{}
	for c := range sure {
		provinces[c.Province()] = true
	}
	// Rule 3: several kabupaten/kota. The kabupaten/kota that hold a
	// kecamatan, or else a desa, the text names after its level word
	// ("Kecamatan Cibadak, Sukabumi") come before the default, unless a
	// kabupaten/kota named without ambiguity holds it already.
	var holding [2]map[region.Code]bool
	for k, level := range []region.Level{region.District, region.Village} {
		holding[k] = map[region.Code]bool{}
		for _, r := range raws {
			if !r.cued || r.level != level || slices.ContainsFunc(r.cands, func(c region.Code) bool { return sure[ancestor(c, region.Regency)] }) {
				continue
			}
			for _, c := range r.cands {
				holding[k][ancestor(c, region.Regency)] = true
			}
		}
	}
	for i, r := range raws {
		if chosen[i] != "" || r.cands[0].Level() != region.Regency {
			continue
		}
		chosen[i], score[i] = pickRegency(r.cands, sure, provinces, holding[:])
	}
	context := map[region.Code]bool{} // the regions resolved so far
	for _, c := range chosen {
		if c != "" {
			context[c] = true
		}
	}
	// Rule 4: kecamatan first, so that they can place the desa.
	for _, level := range []region.Level{region.District, region.Village} {
		for i, r := range raws {
			if chosen[i] != "" || r.cands[0].Level() != level {
				continue
			}
			if c, s := pickSmall(r.cands, context); c != "" {
				chosen[i], score[i] = c, s
				context[c] = true
			}
		}
	}
	out := make([]Mention, 0, len(raws))
	for i, r := range raws {
		if chosen[i] == "" {
			continue
		}
		reg, _ := f.g.Lookup(chosen[i])
		out = append(out, Mention{Start: r.start, End: r.end, Text: text[r.start:r.end],
			Code: chosen[i], Level: chosen[i].Level(), Name: reg.Name, Score: score[i]})
	}
	return out
}

// pickRegency applies rule 3 to the candidates of one mention: a region
// named elsewhere without ambiguity, then the only one in a mentioned
// province, then the only one holding a mentioned kecamatan, then the only
// one holding a mentioned desa (holding: the kabupaten/kota of those), then
// the kota.
func pickRegency(cands []region.Code, sure, provinces map[region.Code]bool, holding []map[region.Code]bool) (region.Code, float64) {
	var named, inProvince []region.Code
	for _, c := range cands {
		if sure[c] {
			named = append(named, c)
		}
		if provinces[c.Province()] {
			inProvince = append(inProvince, c)
		}
	}
	switch {
	case len(named) == 1:
		return named[0], 0.9
	case len(inProvince) == 1:
		return inProvince[0], 0.8
	}
	for _, held := range holding {
		var in []region.Code
		for _, c := range cands {
			if held[c] {
				in = append(in, c)
			}
		}
		if len(in) == 1 {
			return in[0], 0.8
		}
	}
	for _, c := range cands {
		if c[3:] >= "71" {
			return c, 0.6
		}
	}
	return cands[0], 0.6
}

// pickSmall applies rule 4 to the candidates of a kecamatan or desa: the
// only one under the nearest mentioned ancestor, or the only one in the
// country.
func pickSmall(cands []region.Code, context map[region.Code]bool) (region.Code, float64) {
	for _, up := range []region.Level{region.District, region.Regency, region.Province} {
		var in []region.Code
		for _, c := range cands {
			if up < c.Level() && context[ancestor(c, up)] {
				in = append(in, c)
			}
		}
		if len(in) == 1 {
			if up == region.Province {
				return in[0], 0.8
			}
			return in[0], 0.9
		}
		if len(in) > 1 {
			return "", 0
		}
	}
	if len(cands) == 1 {
		return cands[0], 0.7
	}
	return "", 0
}

// ancestor returns the code of c's ancestor at level l.
func ancestor(c region.Code, l region.Level) region.Code {
	n := 0
	switch l {
	case region.Province:
		n = 2
	case region.Regency:
		n = 5
	case region.District:
		n = 8
	}
	if n == 0 || len(c) < n {
		return ""
	}
	return c[:n]
}
