// Package chart draws Pantau's charts as SVG on the server: time series
// with the spike detector's baseline band and its spikes, stacked bars
// (sentiment over time), horizontal bars (top sources, regions, share of
// voice) and tile maps of Indonesia's provinces and of their kabupaten and
// kota, coloured by a scale with its legend.
//
// No JavaScript and no style attributes (the pages' CSP allows neither):
// colours are presentation attributes, sizes a viewBox, so a chart scales
// to the width of a 360 px phone. Every chart is a <figure> holding the
// SVG (role="img", <title>, <desc>, aria-label) and its numbers as a table
// in a <details>, so a screen reader, a copy and paste and a check by hand
// read the same numbers the picture shows. Every text is escaped; values
// that are not finite are drawn as missing, never as NaN in an attribute.
//
// The package knows no language: the caller gives the words (Text) and the
// way numbers and times are written (Format, from the i18n package).
package chart

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// Text is the words of a chart, in the reader's language.
type Text struct {
	// Title names the chart: the SVG's <title> and aria-label, and the
	// caption of its table.
	Title string
	// Desc says what is counted and how (the SVG's <desc>).
	Desc string
	// Empty is said instead of the chart when there is nothing to draw.
	Empty string
	// Table is the summary of the <details> holding the data table.
	Table string
	// Href, when set, is a page (the archive search) that reproduces the
	// chart's numbers; Link is the words of the link.
	Href, Link string
}

// Format writes a chart's numbers and times the reader's way; nil fields
// fall back to plain Go formatting (for tests and tools).
type Format struct {
	// Number writes a value: "1.234" in Indonesian, "1,234" in English.
	Number func(v float64) string
	// Time writes an instant of a time series' axis and table, in the
	// agency's zone: "23 Nov", "07.00".
	Time func(t time.Time) string
}

func (f Format) number(v float64) string {
	if f.Number != nil {
		return f.Number(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (f Format) time(t time.Time) string {
	if f.Time != nil {
		return f.Time(t)
	}
	return t.Format("2006-01-02 15:04")
}

// The drawing area of the charts with axes, in viewBox units. A chart
// 400 units wide fills about 290 px of a 360 px phone (inside a card), so
// 13-unit text is about 9.5 px there, and larger on wider screens.
const (
	width      = 400.0
	plotLeft   = 48.0
	plotRight  = 392.0
	plotTop    = 12.0
	plotHeight = 150.0
	fontSize   = 13
)

// Colours: the Okabe–Ito palette, distinct for the colour-blind, for
// lines; sentiment's own three; and a sequential blue scale for maps.
var (
	palette   = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"}
	bandFill  = "#c6dbef"
	spikeFill = "#a4161a"
	axisInk   = "#55606e"
	gridInk   = "#e3e7ec"
	// scale is the map's colour classes, lightest (fewest) first; noData
	// is a tile without items.
	scale  = []string{"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}
	noData = "#f3f5f8"
)

// Colour returns the colour of the i-th series of a chart, for callers
// drawing keys beside a chart.
func Colour(i int) string { return palette[((i%len(palette))+len(palette))%len(palette)] }

// svgDoc writes one SVG element into a figure with its data table.
type svgDoc struct {
	b strings.Builder
}

// open starts the figure and the SVG of height h, with its title and
// description.
func (d *svgDoc) open(class string, t Text, h float64) {
	d.b.WriteString(`<figure class="chart chart--` + class + `">`)
	d.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 ` + num(width) + ` ` + num(h) +
		`" width="100%" role="img" aria-label="` + esc(t.Title) + `" font-size="` + strconv.Itoa(fontSize) +
		`" font-family="system-ui, sans-serif">`)
	d.b.WriteString(`<title>` + esc(t.Title) + `</title>`)
	if t.Desc != "" {
		d.b.WriteString(`<desc>` + esc(t.Desc) + `</desc>`)
	}
}

// close ends the SVG; the table (rows of cells, the first a header)
// follows in a <details>, then the link to the numbers' source.
func (d *svgDoc) close(t Text, head []string, rows [][]string) template.HTML {
	d.b.WriteString(`</svg>`)
	d.table(t, head, rows)
	d.link(t)
	d.b.WriteString(`</figure>`)
	return template.HTML(d.b.String())
}

func (d *svgDoc) table(t Text, head []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	d.b.WriteString(`<details class="chart__data"><summary>` + esc(t.Table) + `</summary><div class="table-wrap"><table class="table table--compact">`)
	d.b.WriteString(`<caption>` + esc(t.Title) + `</caption><thead><tr>`)
	for _, h := range head {
		d.b.WriteString(`<th scope="col">` + esc(h) + `</th>`)
	}
	d.b.WriteString(`</tr></thead><tbody>`)
	for _, r := range rows {
		d.b.WriteString(`<tr>`)
		for i, c := range r {
			if i == 0 {
				d.b.WriteString(`<th scope="row">` + esc(c) + `</th>`)
			} else {
				d.b.WriteString(`<td class="num">` + esc(c) + `</td>`)
			}
		}
		d.b.WriteString(`</tr>`)
	}
	d.b.WriteString(`</tbody></table></div></details>`)
}

func (d *svgDoc) link(t Text) {
	if t.Href != "" && t.Link != "" {
		d.b.WriteString(`<figcaption class="chart__source"><a href="` + esc(t.Href) + `">` + esc(t.Link) + `</a></figcaption>`)
	}
}

// text writes a text element at x, y; anchor is start, middle or end.
func (d *svgDoc) text(x, y float64, anchor, fill, s string) {
	d.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `" fill="` + fill + `">` +
		esc(s) + `</text>`)
}

// rect writes a rectangle; title, when set, is its tooltip.
func (d *svgDoc) rect(x, y, w, h float64, fill, title string) {
	d.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(max(w, 0)) + `" height="` + num(max(h, 0)) +
		`" fill="` + fill + `"`)
	if title == "" {
		d.b.WriteString(`/>`)
		return
	}
	d.b.WriteString(`><title>` + esc(title) + `</title></rect>`)
}

// empty draws the empty state: the chart's frame with its message.
func empty(class string, t Text) template.HTML {
	var d svgDoc
	d.open(class+" chart--empty", t, 60)
	d.rect(0.5, 0.5, width-1, 59, "#ffffff", "")
	d.b.WriteString(`<rect x="0.5" y="0.5" width="` + num(width-1) + `" height="59" fill="none" stroke="` + gridInk + `"/>`)
	d.text(width/2, 34, "middle", axisInk, t.Empty)
	return d.close(t, nil, nil)
}

// legend draws a row of keys (colour, name) from y, wrapping at the width.
// It returns the y below it.
func (d *svgDoc) legend(y float64, names, colours []string) float64 {
	x := 4.0
	for i, n := range names {
		w := 18 + float64(len([]rune(n)))*7.2
		if x+w > plotRight && x > 4 {
			x, y = 4, y+18
		}
		d.rect(x, y-9, 10, 10, colours[i], "")
		d.text(x+14, y, "start", "#1b1f24", n)
		x += w + 10
	}
	return y + 16
}

// esc escapes text for XML and HTML, quotes included.
func esc(s string) string {
	return html.EscapeString(strings.ToValidUTF8(stripControls(s), "\uFFFD"))
}

// stripControls drops the control characters XML 1.0 forbids.
func stripControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// num writes a coordinate with one decimal, never NaN or an infinity.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// finite reports whether v can be drawn.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// maxDraw is the largest value a chart scales to; larger ones are drawn at
// it (and written as they are in the table), so a scale never overflows.
const maxDraw = 1e15

// clamp returns v ready for a scale: 0 when not finite, within ±maxDraw.
func clamp(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return min(max(v, -maxDraw), maxDraw)
}

// niceTicks returns round tick values from 0 to at least top: 0, step,
// 2·step, ... with step 1, 2 or 5 times a power of ten, about n ticks.
func niceTicks(top float64, n int) []float64 {
	top = clamp(top)
	if top <= 0 {
		return []float64{0, 1}
	}
	raw := top / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if step < 1 {
		step = 1 // counts and percentages: no ticks between integers
		if top <= 1 {
			return []float64{0, 1}
		}
	}
	var ticks []float64
	for v := 0.0; ; v += step {
		ticks = append(ticks, v)
		if v >= top || len(ticks) > 2*n+2 {
			break
		}
	}
	return ticks
}

// yAxis draws the horizontal grid lines and their labels for ticks, and
// returns the function from a value to y.
func (d *svgDoc) yAxis(ticks []float64, f Format) func(float64) float64 {
	top := ticks[len(ticks)-1]
	y := func(v float64) float64 { return plotTop + plotHeight - clamp(v)/top*plotHeight }
	for _, t := range ticks {
		yy := y(t)
		d.b.WriteString(`<line x1="` + num(plotLeft) + `" x2="` + num(plotRight) + `" y1="` + num(yy) + `" y2="` + num(yy) +
			`" stroke="` + gridInk + `"/>`)
		d.text(plotLeft-4, yy+4, "end", axisInk, f.number(t))
	}
	return y
}

// xLabels writes the labels of instants at xs under the plot: every
// step-th one, step the smallest for which no two overlap (labels are
// about 0.6 em wide per character), the first and last kept inside the
// picture.
func (d *svgDoc) xLabels(xs []float64, label func(i int) string) {
	type placed struct {
		x, left, w float64
		anchor, s  string
	}
	place := func(i int) placed {
		s := label(i)
		w := float64(len([]rune(s))) * fontSize * 0.6
		p := placed{x: xs[i], left: xs[i] - w/2, w: w, anchor: "middle", s: s}
		switch {
		case p.left < plotLeft:
			p.anchor, p.left = "start", xs[i]
		case xs[i]+w/2 > width-4:
			p.anchor, p.left = "end", xs[i]-w
		}
		return p
	}
	for step := 1; step <= len(xs); step++ {
		var ps []placed
		fits := true
		for i := 0; i < len(xs) && fits; i += step {
			p := place(i)
			fits = len(ps) == 0 || p.left >= ps[len(ps)-1].left+ps[len(ps)-1].w+8
			ps = append(ps, p)
		}
		if fits || step == len(xs) {
			for _, p := range ps[:len(ps)-boolInt(!fits)] {
				d.text(p.x, plotTop+plotHeight+16, p.anchor, axisInk, p.s)
			}
			return
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
