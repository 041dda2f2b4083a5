package place

import (
	"strings"

	"github.com/sinergi-id/sinergi/region"
)

// Mention is a region named in a text.
type Mention struct {
	Start, End int    // byte offsets in the text: Text == text[Start:End]
	Text       string // the mention as written, level word included if any
	Code       region.Code
	Level      region.Level
	Name       string  // the region's official name: "Kabupaten Muaro Jambi"
	Score      float64 // how it was resolved; see the package documentation
}

// Finder finds region mentions. It is built once from a gazetteer, is
// read-only afterwards and safe for concurrent use.
type Finder struct {
	g       *region.Gazetteer
	bare    map[string][]region.Code // province and kabupaten/kota names and aliases
	named   map[string][]region.Code // every name of every level, for use after a level word
	maxBare int                      // the most words a key of bare has
	maxName int                      // the most words a key of named has
}

// NewFinder indexes the names of g's regions: each province under its
// name, its short form ("Jakarta", "Yogyakarta") and its usual
// abbreviations ("Jabar", "DKI", "NTT"); each kabupaten/kota under its
// name without "Kabupaten" or "Kota" ("Muaro Jambi") and its aliases
// ("Solo", "Jaksel"); each kecamatan and desa under its name.
func NewFinder(g *region.Gazetteer) *Finder {
	f := &Finder{g: g, bare: map[string][]region.Code{}, named: map[string][]region.Code{}}
	add := func(m map[string][]region.Code, most *int, name string, c region.Code) {
		key := region.Normalize(name)
		if key == "" {
			return
		}
		if list := m[key]; len(list) == 0 || list[len(list)-1] != c {
			m[key] = append(list, c)
		}
		*most = max(*most, strings.Count(key, " ")+1)
	}
	aliases := region.Aliases()
	for r := range g.All() {
		names := []string{r.Name}
		switch r.Level {
		case region.Province, region.Regency:
			names = append(names, r.ShortName())
			names = append(names, aliases[r.Code]...)
			if strings.Contains(r.Name, "Sumatera") {
				names = append(names, strings.ReplaceAll(r.Name, "Sumatera", "Sumatra"))
			}
		}
		for _, n := range names {
			if r.Level <= region.Regency && n != r.Name {
				add(f.bare, &f.maxBare, n, r.Code)
			}
			add(f.named, &f.maxName, n, r.Code)
		}
		if r.Level == region.Province {
			add(f.bare, &f.maxBare, r.Name, r.Code)
		}
	}
	return f
}

// commonBare reports whether key, the normalised name of a kabupaten or
// kota, is also an ordinary word or phrase, so that it is only taken after
// a level word ("Kota Batu", not "Batu").
func commonBare(key string) bool {
	switch key {
	case "batu", "metro", "puncak", "buru", "batang", "kudus", "pati", "lebak", "banjar",
		"kuningan", "bima", "batu bara", "tebing tinggi", "empat lawang", "pesisir barat",
		"pesisir selatan", "tanah laut", "tanah datar", "kota baru":
		return true
	}
	return false
}

// commonSmall reports whether key, the normalised name of a kecamatan or
// desa, is an ordinary word that follows "Desa" or "Kecamatan" in prose
// ("Desa Wisata", "Desa Baru") and so is never taken as a name.
func commonSmall(key string) bool {
	switch key {
	case "baru", "maju", "jaya", "makmur", "sari", "indah", "mulya", "mulia", "sejahtera",
		"mekar", "sentosa", "lama", "tengah", "timur", "barat", "utara", "selatan", "pusat",
		"kota", "wisata", "adat", "binaan", "siaga", "tertinggal", "mandiri", "terpencil",
		"penyangga", "sehat", "digital", "cerdas", "inovasi", "setempat", "tersebut", "itu",
		"ini", "kami", "kita", "anti", "tangguh", "prima", "bersih", "hijau", "dan", "di",
		"pantai", "pesisir", "tanjung", "sungai", "kampung", "dusun", "induk", "pemekaran":
		return true
	}
	return false
}
