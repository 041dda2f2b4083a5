package ner

import "github.com/sinergi-id/sinergi/region"

// PlaceNames returns the names the gazetteer features know: each province
// and kabupaten/kota of g under its full name and its short form ("Kota
// Jambi", "Jambi"), lower-cased, sorted and without repeats.
func PlaceNames(g *region.Gazetteer) []string {
	var out []string
	for r := range g.All() {
		if r.Level > region.Regency {
			continue
		}
		n := region.Normalize(r.Name)
		out = append(out, n)
		for _, p := range []string{"kabupaten administrasi ", "kota administrasi ", "kabupaten ", "kota ", "provinsi ", "daerah khusus ibukota ", "daerah istimewa "} {
			if len(n) > len(p) && n[:len(p)] == p {
				out = append(out, n[len(p):])
				break
			}
		}
	}
	return out
}
