package chart

import (
	"cmp"
	"html/template"
	"math"
	"slices"
	"strings"
)

// The tile map: each of the 38 provinces is one square on a grid, placed
// roughly where it lies on the map, west to east and north to south (our
// own layout: the data holds codes, no coordinates, and no map tiles are
// fetched). The abbreviations are those of ISO 3166-2:ID.

// tile is a province's place on the grid and its abbreviation.
type tile struct {
	col, row int
	abbr     string
}

// gridCols and gridRows are the size of the grid.
const gridCols, gridRows = 17, 6

// provinceTiles is the layout, keyed by the province's kode wilayah.
var provinceTiles = map[string]tile{
	"11": {0, 0, "AC"}, "65": {7, 0, "KU"}, "71": {11, 0, "SA"},
	"12": {1, 1, "SU"}, "14": {2, 1, "RI"}, "21": {3, 1, "KR"}, "61": {6, 1, "KB"}, "64": {7, 1, "KI"},
	"72": {9, 1, "ST"}, "75": {10, 1, "GO"}, "82": {12, 1, "MU"}, "96": {13, 1, "PD"}, "92": {14, 1, "PB"},
	"91": {16, 1, "PA"},
	"13": {1, 2, "SB"}, "15": {2, 2, "JA"}, "19": {4, 2, "BB"}, "62": {6, 2, "KT"}, "63": {7, 2, "KS"},
	"76": {9, 2, "SR"}, "73": {10, 2, "SN"}, "74": {11, 2, "SG"}, "81": {12, 2, "MA"}, "94": {14, 2, "PT"},
	"95": {15, 2, "PE"},
	"17": {1, 3, "BE"}, "16": {2, 3, "SS"}, "18": {3, 3, "LA"}, "93": {15, 3, "PS"},
	"36": {3, 4, "BT"}, "31": {4, 4, "JK"}, "32": {5, 4, "JB"}, "33": {6, 4, "JT"}, "35": {7, 4, "JI"},
	"51": {8, 4, "BA"}, "52": {9, 4, "NB"}, "53": {10, 4, "NT"},
	"34": {6, 5, "YO"},
}

// ProvinceCodes returns the codes of the provinces the tile map places,
// ascending.
func ProvinceCodes() []string {
	codes := make([]string, 0, len(provinceTiles))
	for c := range provinceTiles {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Map is a choropleth over areas named by kode wilayah: provinces ("15")
// or kabupaten and kota ("15.71").
type Map struct {
	Text
	Format Format
	// AreaHead and ValueHead head the table's columns; ScaleName names
	// the legend ("Jumlah item").
	AreaHead, ValueHead, ScaleName string
	// Areas are the areas to colour. For a map of kabupaten and kota, list
	// every one of the gazetteer (with 0 where there is nothing), so each
	// province's block holds all its cells; each province's block is drawn
	// where the province's tile is.
	Areas []Area
}

// Area is one area of a map.
type Area struct {
	Code  string // kode wilayah
	Name  string
	Value float64
	Href  string // the archive search for the area; optional
}

// SVG renders a province tile map when the areas are provinces, a map of
// province blocks of kabupaten/kota cells otherwise; the empty state when
// every value is zero or missing.
func (c *Map) SVG() template.HTML {
	top := 0.0
	regencies, whole := false, true
	for _, a := range c.Areas {
		top = max(top, clamp(a.Value))
		regencies = regencies || strings.Contains(a.Code, ".")
		whole = whole && clamp(a.Value) == math.Trunc(clamp(a.Value))
	}
	if top <= 0 {
		return empty("map", c.Text)
	}
	uppers := classUppers(top, whole)
	const cell = (width - 8) / gridCols
	rowH := cell
	if regencies {
		rowH = cell + 8 // room for the province's abbreviation under its block
	}
	var d svgDoc
	d.open("map", c.Text, 8+rowH*gridRows+40)
	if regencies {
		c.drawBlocks(&d, cell, rowH, uppers)
	} else {
		c.drawTiles(&d, cell, uppers)
	}
	c.drawScale(&d, 8+rowH*gridRows+12, uppers)
	return d.close(c.Text, []string{c.AreaHead, c.ValueHead}, c.rows())
}

// drawTiles draws one square per province.
func (c *Map) drawTiles(d *svgDoc, cell float64, uppers []float64) {
	byCode := map[string]Area{}
	for _, a := range c.Areas {
		byCode[a.Code] = a
	}
	for _, code := range ProvinceCodes() {
		t := provinceTiles[code]
		a, ok := byCode[code]
		if !ok {
			a = Area{Code: code}
		}
		x, y := 4+float64(t.col)*cell, 4+float64(t.row)*cell
		class := classOf(a.Value, uppers)
		if a.Href != "" {
			d.b.WriteString(`<a href="` + esc(a.Href) + `">`)
		}
		title := t.abbr
		if a.Name != "" {
			title = a.Name
		}
		d.rect(x, y, cell-2, cell-2, fillOf(class), title+": "+c.Format.number(a.Value))
		ink := "#1b1f24"
		if class >= 3 {
			ink = "#ffffff"
		}
		d.b.WriteString(`<text x="` + num(x+(cell-2)/2) + `" y="` + num(y+(cell-2)/2+3.5) + `" text-anchor="middle" font-size="10" fill="` +
			ink + `" pointer-events="none">` + t.abbr + `</text>`)
		if a.Href != "" {
			d.b.WriteString(`</a>`)
		}
	}
}

// drawBlocks draws, at each province's tile, a block of its kabupaten and
// kota cells ordered by code, row by row.
func (c *Map) drawBlocks(d *svgDoc, cell, rowH float64, uppers []float64) {
	groups := map[string][]Area{}
	for _, a := range c.Areas {
		p, _, _ := strings.Cut(a.Code, ".")
		groups[p] = append(groups[p], a)
	}
	for _, code := range ProvinceCodes() {
		t := provinceTiles[code]
		areas := groups[code]
		slices.SortFunc(areas, func(a, b Area) int { return cmp.Compare(a.Code, b.Code) })
		x0, y0 := 4+float64(t.col)*cell, 4+float64(t.row)*rowH
		d.b.WriteString(`<rect x="` + num(x0) + `" y="` + num(y0) + `" width="` + num(cell-2) + `" height="` + num(cell-2) +
			`" fill="none" stroke="` + gridInk + `"/>`)
		if k := len(areas); k > 0 {
			cols := int(math.Ceil(math.Sqrt(float64(k))))
			side := (cell - 2) / float64(cols)
			for i, a := range areas {
				x, y := x0+float64(i%cols)*side, y0+float64(i/cols)*side
				if a.Href != "" {
					d.b.WriteString(`<a href="` + esc(a.Href) + `">`)
				}
				name := a.Name
				if name == "" {
					name = a.Code
				}
				d.rect(x+0.2, y+0.2, side-0.4, side-0.4, fillOf(classOf(a.Value, uppers)), name+": "+c.Format.number(a.Value))
				if a.Href != "" {
					d.b.WriteString(`</a>`)
				}
			}
		}
		d.b.WriteString(`<text x="` + num(x0+(cell-2)/2) + `" y="` + num(y0+cell+5) + `" text-anchor="middle" font-size="7" fill="` +
			axisInk + `">` + t.abbr + `</text>`)
	}
}

// drawScale draws the legend: no items, then each class with its upper
// bound.
func (c *Map) drawScale(d *svgDoc, y float64, uppers []float64) {
	x := 4.0
	if c.ScaleName != "" {
		d.text(x, y, "start", "#1b1f24", c.ScaleName)
		y += 6
	}
	d.rect(x, y, 14, 10, noData, "")
	d.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="14" height="10" fill="none" stroke="` + gridInk + `"/>`)
	d.text(x+18, y+9, "start", axisInk, c.Format.number(0))
	x += 40
	for k, u := range uppers {
		d.rect(x, y, 14, 10, scale[k], "")
		label := "≤ " + c.Format.number(u)
		d.text(x+18, y+9, "start", axisInk, label)
		x += 18 + float64(len([]rune(label)))*7.2 + 8
	}
}

// rows lists the areas with items, most first.
func (c *Map) rows() [][]string {
	var list []Area
	for _, a := range c.Areas {
		if finite(a.Value) && a.Value != 0 {
			list = append(list, a)
		}
	}
	slices.SortFunc(list, func(a, b Area) int {
		if r := cmp.Compare(b.Value, a.Value); r != 0 {
			return r
		}
		return cmp.Compare(a.Code, b.Code)
	})
	rows := make([][]string, len(list))
	for i, a := range list {
		label := a.Code
		if a.Name != "" {
			label = a.Name + " (" + a.Code + ")"
		}
		rows[i] = []string{label, c.Format.number(a.Value)}
	}
	return rows
}

// classUppers returns the upper bounds of the colour classes: top split in
// len(scale) equal steps, rounded up to whole numbers when the values are
// whole (counts) or top is at least the number of classes, to one decimal
// otherwise, so that every bound the legend writes is the one the tiles
// were coloured by. Duplicate bounds are merged: 3 items at most make
// three classes, 1, 2 and 3.
func classUppers(top float64, whole bool) []float64 {
	top = clamp(top)
	k := len(scale)
	var out []float64
	for i := 1; i <= k; i++ {
		u := top * float64(i) / float64(k)
		if whole || top >= float64(k) {
			u = math.Ceil(u)
		} else {
			u = math.Ceil(u*10) / 10
		}
		if len(out) == 0 || u > out[len(out)-1] {
			out = append(out, u)
		}
	}
	return out
}

// classOf returns the class of v: 0 for none (zero, negative or missing),
// else 1 + the index of the first upper bound v does not exceed.
func classOf(v float64, uppers []float64) int {
	if !finite(v) || v <= 0 {
		return 0
	}
	for i, u := range uppers {
		if v <= u {
			return i + 1
		}
	}
	return len(uppers)
}

func fillOf(class int) string {
	if class == 0 {
		return noData
	}
	return scale[min(class, len(scale))-1]
}
