package region

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// wilayahGz is data/wilayah.tsv.gz, written by internal/gen. A string,
// unlike a []byte, cannot be modified.
//
//go:generate go run ./internal/gen -in ../../shared/data/regions-id/wilayah.csv -out data/wilayah.tsv.gz
//go:embed data/wilayah.tsv.gz
var wilayahGz string

// Region is one administrative region.
type Region struct {
	Code   Code
	Name   string // as published, spaces at either end trimmed: "Kabupaten Muaro Jambi", "Gambir"
	Level  Level
	Parent Code // "" for a province
}

// IsCity reports whether r is a kota rather than a kabupaten. It is false
// for regions of other levels.
func (r Region) IsCity() bool { return r.Code.isCity() }

// TimeZone returns the time zone r lies in.
func (r Region) TimeZone() TimeZone { return TimeZoneOf(r.Code) }

// Gazetteer holds every region and a name index. It is read-only after Load
// and safe for concurrent use.
type Gazetteer struct {
	regions []Region // in code order, which is depth-first order
	end     []int32  // end[i] is the index just past the last descendant of regions[i]
	counts  [Village + 1]int
	index   []entry // search keys in key order
}

// Load decodes the embedded gazetteer and builds its name index. It takes
// about 0.1 s and allocates about 17 MB (BenchmarkLoad), so a program loads
// it once and passes it to whatever needs it.
func Load() (*Gazetteer, error) {
	zr, err := gzip.NewReader(strings.NewReader(wilayahGz))
	if err != nil {
		return nil, fmt.Errorf("region: load: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(2_300_000) // the decompressed size, to avoid regrowing
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("region: load: decompress: %w", err)
	}
	g, err := decode(buf.String())
	if err != nil {
		return nil, fmt.Errorf("region: load: %w", err)
	}
	g.index = buildIndex(g.regions)
	return g, nil
}

// decode parses the TSV and checks what the rest of the package relies on:
// well-formed codes in strictly increasing order, each one's parent present.
func decode(text string) (*Gazetteer, error) {
	header, rest, _ := strings.Cut(text, "\n")
	if header != "kode\tnama" {
		return nil, fmt.Errorf("header %q, want %q", header, "kode\tnama")
	}
	n := strings.Count(rest, "\n")
	g := &Gazetteer{regions: make([]Region, 0, n), end: make([]int32, 0, n)}
	var open []int32 // the regions whose subtree is not yet closed, top last
	for line := range strings.Lines(rest) {
		code, name, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		c := Code(code)
		l := c.Level()
		if !ok || l == 0 || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("line %d: malformed: %q", len(g.regions)+2, line)
		}
		i := int32(len(g.regions))
		if i > 0 && code <= string(g.regions[i-1].Code) {
			return nil, fmt.Errorf("code %s: not after %s", code, g.regions[i-1].Code)
		}
		for len(open) > 0 && g.regions[open[len(open)-1]].Level >= l {
			g.end[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
		parent := c.Parent()
		if parent != "" && (len(open) == 0 || g.regions[open[len(open)-1]].Code != parent) {
			return nil, fmt.Errorf("code %s: parent %s missing", code, parent)
		}
		g.regions = append(g.regions, Region{Code: c, Name: strings.TrimSpace(name), Level: l, Parent: parent})
		g.end = append(g.end, 0)
		g.counts[l]++
		open = append(open, i)
	}
	for _, i := range open {
		g.end[i] = int32(len(g.regions))
	}
	return g, nil
}

// find returns the index of the region with code c.
func (g *Gazetteer) find(c Code) (int, bool) {
	return slices.BinarySearchFunc(g.regions, c, func(r Region, c Code) int {
		return strings.Compare(string(r.Code), string(c))
	})
}

// Lookup returns the region with code c.
func (g *Gazetteer) Lookup(c Code) (Region, bool) {
	i, ok := g.find(c)
	if !ok {
		return Region{}, false
	}
	return g.regions[i], true
}

// Children returns the regions directly below c in code order: the
// kabupaten/kota of a province, the kecamatan of a kabupaten/kota, the
// desa/kelurahan of a kecamatan. It returns nil for a village or an unknown
// code; use Provinces for the top level.
func (g *Gazetteer) Children(c Code) []Region {
	i, ok := g.find(c)
	if !ok {
		return nil
	}
	var out []Region
	for j := int32(i) + 1; j < g.end[i]; j = g.end[j] {
		out = append(out, g.regions[j])
	}
	return out
}

// Ancestors returns the regions above c, province first, not c itself. It
// returns nil for a province or an unknown code.
func (g *Gazetteer) Ancestors(c Code) []Region {
	if _, ok := g.find(c); !ok {
		return nil
	}
	var out []Region
	for l := Province; l < c.Level(); l++ {
		if r, ok := g.Lookup(c[:codeLen(l)]); ok {
			out = append(out, r)
		}
	}
	return out
}

// Provinces returns the 38 provinces in code order.
func (g *Gazetteer) Provinces() []Region {
	out := make([]Region, 0, g.counts[Province])
	for i := int32(0); i < int32(len(g.regions)); i = g.end[i] {
		out = append(out, g.regions[i])
	}
	return out
}

// All yields every region in code order, each parent before its children.
func (g *Gazetteer) All() iter.Seq[Region] {
	return func(yield func(Region) bool) {
		for _, r := range g.regions {
			if !yield(r) {
				return
			}
		}
	}
}

// Len returns the number of regions.
func (g *Gazetteer) Len() int { return len(g.regions) }

// Count returns the number of regions of level l.
func (g *Gazetteer) Count(l Level) int {
	if l < Province || l > Village {
		return 0
	}
	return g.counts[l]
}
