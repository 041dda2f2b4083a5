package chart

import (
	"html/template"
	"regexp"
	"time"
	"unicode/utf8"
)

// Bars is a list of horizontal bars, longest first as given: top sources,
// regions, share of voice. Each bar's label sits above it, so long names
// fit a phone.
type Bars struct {
	Text
	Format Format
	// LabelHead and ValueHead head the table's columns.
	LabelHead, ValueHead string
	Bars                 []Bar
	// Max, when above every value, is the length of a full bar (100 for
	// percentages); otherwise the largest value is.
	Max float64
}

// Bar is one bar.
type Bar struct {
	Label string
	Value float64
	// Text is the value as written beside the bar and in the table
	// ("12,5%"); empty means Format.Number of Value.
	Text string
	// Href, when set, links the bar (the archive search for it).
	Href string
}

// maxLabel is the most runes of a label drawn; the whole label is in the
// bar's tooltip and the table.
const maxLabel = 44

// SVG renders the bars, or the empty state when there are none or all are
// zero.
func (c *Bars) SVG() template.HTML {
	top := clamp(c.Max)
	for _, b := range c.Bars {
		top = max(top, clamp(b.Value))
	}
	if len(c.Bars) == 0 || top <= 0 {
		return empty("bars", c.Text)
	}
	const row, barLeft, barRight = 30.0, 4.0, 340.0
	var d svgDoc
	d.open("bars", c.Text, 6+row*float64(len(c.Bars)))
	rows := make([][]string, len(c.Bars))
	for i, b := range c.Bars {
		y := 4 + row*float64(i)
		v := max(clamp(b.Value), 0)
		text := b.Text
		if text == "" {
			text = c.Format.number(b.Value)
		}
		if b.Href != "" {
			d.b.WriteString(`<a href="` + esc(b.Href) + `">`)
		}
		d.text(barLeft, y+10, "start", "#1b1f24", cut(b.Label, maxLabel))
		d.rect(barLeft, y+14, (barRight-barLeft)*v/top, 10, palette[0], b.Label+": "+text)
		d.text(barLeft+(barRight-barLeft)*v/top+4, y+23, "start", axisInk, text)
		if b.Href != "" {
			d.b.WriteString(`</a>`)
		}
		rows[i] = []string{b.Label, text}
	}
	return d.close(c.Text, []string{c.LabelHead, c.ValueHead}, rows)
}

// cut shortens s to n runes, with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Stacked is bars over regular instants, each split into named parts:
// sentiment per day or hour (positif, netral, negatif).
type Stacked struct {
	Text
	Format Format
	// TimeHead heads the table's first column.
	TimeHead string
	Times    []time.Time
	// Parts stack from the axis up in this order; each has one value per
	// instant.
	Parts []Part
}

// Part is one layer of a stacked chart.
type Part struct {
	Name   string
	Colour string // "#1d6b36"; empty or malformed: the palette's
	Values []float64
}

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func (p Part) colour(i int) string {
	if hexColour.MatchString(p.Colour) {
		return p.Colour
	}
	return Colour(i)
}

// SVG renders the stacked bars, or the empty state when every value is
// zero or missing.
func (c *Stacked) SVG() template.HTML {
	n := len(c.Times)
	totals := make([]float64, n)
	top := 0.0
	for i := range n {
		for _, p := range c.Parts {
			if i < len(p.Values) {
				totals[i] += max(clamp(p.Values[i]), 0)
			}
		}
		totals[i] = min(totals[i], maxDraw)
		top = max(top, totals[i])
	}
	if n == 0 || top <= 0 {
		return empty("stacked", c.Text)
	}
	names, colours := make([]string, len(c.Parts)), make([]string, len(c.Parts))
	for i, p := range c.Parts {
		names[i], colours[i] = p.Name, p.colour(i)
	}
	var d svgDoc
	d.open("stacked", c.Text, plotTop+plotHeight+30+18*float64(1+len(names)/3))
	y := d.yAxis(niceTicks(top, 4), c.Format)
	slot := (plotRight - plotLeft) / float64(n)
	bw := max(slot*0.8, 0.5)
	for i := range n {
		base := 0.0
		x := plotLeft + slot*float64(i) + (slot-bw)/2
		for pi, p := range c.Parts {
			if i >= len(p.Values) || !finite(p.Values[i]) || p.Values[i] <= 0 {
				continue
			}
			v := min(clamp(p.Values[i]), maxDraw-base)
			d.rect(x, y(base+v), bw, y(base)-y(base+v), colours[pi],
				c.Format.time(c.Times[i])+" · "+p.Name+": "+c.Format.number(p.Values[i]))
			base += v
		}
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = plotLeft + slot*(float64(i)+0.5)
	}
	d.xLabels(xs, func(i int) string { return c.Format.time(c.Times[i]) })
	d.legend(plotTop+plotHeight+38, names, colours)
	head := []string{c.TimeHead}
	head = append(head, names...)
	rows := make([][]string, n)
	for i, t := range c.Times {
		row := []string{c.Format.time(t)}
		for _, p := range c.Parts {
			cell := "—"
			if i < len(p.Values) && finite(p.Values[i]) {
				cell = c.Format.number(p.Values[i])
			}
			row = append(row, cell)
		}
		rows[i] = row
	}
	return d.close(c.Text, head, rows)
}
