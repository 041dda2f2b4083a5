package chart

import (
	"html/template"
	"strings"
	"time"
)

// TimeSeries is one or more lines over regular instants (hours or days),
// with, optionally, a band around them (the spike detector's baseline:
// expected ± k·σ at each point) and marked spikes.
type TimeSeries struct {
	Text
	Format Format
	// TimeHead heads the table's first column ("Waktu").
	TimeHead string
	// Times are the instants, oldest first, equally spaced.
	Times []time.Time
	// Lines are drawn over Times: each has one value per instant; a value
	// that is not finite is a gap.
	Lines []Line
	// Band, when set, has one range per instant; BandName names it in the
	// legend and the table.
	Band     []Range
	BandName string
	// Spikes, when set, marks the instants where a spike fired, on the
	// first line; SpikeName names them.
	Spikes    []bool
	SpikeName string
}

// Line is one named series of values.
type Line struct {
	Name   string
	Values []float64
}

// Range is a band's extent at one instant; a range not OK (the baseline
// not learnt yet) is not drawn.
type Range struct {
	Low, High float64
	OK        bool
}

// SVG renders the chart, or its empty state when there is no instant or
// every value is zero or missing and there is no band.
func (c *TimeSeries) SVG() template.HTML {
	n := len(c.Times)
	if n == 0 || !c.hasData() {
		return empty("line", c.Text)
	}
	top := 0.0
	for _, l := range c.Lines {
		for _, v := range l.Values {
			top = max(top, clamp(v))
		}
	}
	for i, r := range c.Band {
		if i < n && r.OK {
			top = max(top, clamp(r.High))
		}
	}
	var d svgDoc
	names, colours := c.legendKeys()
	h := plotTop + plotHeight + 30 + 18*float64(1+len(names)/3)
	d.open("line", c.Text, h)
	y := d.yAxis(niceTicks(top, 4), c.Format)
	x := func(i int) float64 {
		if n == 1 {
			return (plotLeft + plotRight) / 2
		}
		return plotLeft + float64(i)*(plotRight-plotLeft)/float64(n-1)
	}
	c.drawBand(&d, x, y)
	for li, l := range c.Lines {
		drawLine(&d, l.Values, n, x, y, Colour(li))
	}
	c.drawSpikes(&d, x, y)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = x(i)
	}
	d.xLabels(xs, func(i int) string { return c.Format.time(c.Times[i]) })
	d.legend(plotTop+plotHeight+38, names, colours)
	return d.close(c.Text, c.tableHead(), c.tableRows())
}

func (c *TimeSeries) hasData() bool {
	for _, r := range c.Band {
		if r.OK {
			return true
		}
	}
	for _, l := range c.Lines {
		for _, v := range l.Values {
			if finite(v) && v != 0 {
				return true
			}
		}
	}
	return false
}

func (c *TimeSeries) legendKeys() (names, colours []string) {
	for i, l := range c.Lines {
		names, colours = append(names, l.Name), append(colours, Colour(i))
	}
	if len(c.Band) > 0 && c.BandName != "" {
		names, colours = append(names, c.BandName), append(colours, bandFill)
	}
	if c.spikeCount() > 0 && c.SpikeName != "" {
		names, colours = append(names, c.SpikeName), append(colours, spikeFill)
	}
	return names, colours
}

func (c *TimeSeries) spikeCount() int {
	k := 0
	for i, s := range c.Spikes {
		if s && i < len(c.Times) {
			k++
		}
	}
	return k
}

// drawBand fills the band as one polygon per run of instants where it is
// known.
func (c *TimeSeries) drawBand(d *svgDoc, x func(int) float64, y func(float64) float64) {
	n := min(len(c.Band), len(c.Times))
	for i := 0; i < n; {
		if !c.Band[i].OK {
			i++
			continue
		}
		j := i
		for j < n && c.Band[j].OK {
			j++
		}
		var pts []string
		for k := i; k < j; k++ {
			pts = append(pts, num(x(k))+","+num(y(c.Band[k].High)))
		}
		for k := j - 1; k >= i; k-- {
			pts = append(pts, num(x(k))+","+num(y(max(c.Band[k].Low, 0))))
		}
		if j-i == 1 { // one instant: a short bar
			x0 := x(i)
			pts = []string{num(x0-2) + "," + num(y(c.Band[i].High)), num(x0+2) + "," + num(y(c.Band[i].High)),
				num(x0+2) + "," + num(y(max(c.Band[i].Low, 0))), num(x0-2) + "," + num(y(max(c.Band[i].Low, 0)))}
		}
		d.b.WriteString(`<polygon class="chart__band" points="` + strings.Join(pts, " ") + `" fill="` + bandFill + `"/>`)
		i = j
	}
}

// drawLine draws a line through the finite values, broken where one is
// missing; a lone value is a dot.
func drawLine(d *svgDoc, vs []float64, n int, x func(int) float64, y func(float64) float64, colour string) {
	n = min(n, len(vs))
	for i := 0; i < n; {
		if !finite(vs[i]) {
			i++
			continue
		}
		j := i
		var pts []string
		for j < n && finite(vs[j]) {
			pts = append(pts, num(x(j))+","+num(y(vs[j])))
			j++
		}
		if len(pts) == 1 {
			d.b.WriteString(`<circle cx="` + num(x(i)) + `" cy="` + num(y(vs[i])) + `" r="2.5" fill="` + colour + `"/>`)
		} else {
			d.b.WriteString(`<polyline points="` + strings.Join(pts, " ") + `" fill="none" stroke="` + colour +
				`" stroke-width="2" stroke-linejoin="round"/>`)
		}
		i = j
	}
}

// drawSpikes marks the spikes on the first line.
func (c *TimeSeries) drawSpikes(d *svgDoc, x func(int) float64, y func(float64) float64) {
	if len(c.Lines) == 0 {
		return
	}
	vs := c.Lines[0].Values
	for i, s := range c.Spikes {
		if !s || i >= len(c.Times) || i >= len(vs) || !finite(vs[i]) {
			continue
		}
		d.b.WriteString(`<circle class="chart__spike" cx="` + num(x(i)) + `" cy="` + num(y(vs[i])) + `" r="4" fill="` + spikeFill +
			`" stroke="#ffffff" stroke-width="1.5"><title>` + esc(c.SpikeName+": "+c.Format.time(c.Times[i])+" · "+
			c.Format.number(vs[i])) + `</title></circle>`)
	}
}

func (c *TimeSeries) tableHead() []string {
	head := []string{c.TimeHead}
	for _, l := range c.Lines {
		head = append(head, l.Name)
	}
	if len(c.Band) > 0 {
		head = append(head, c.BandName)
	}
	if len(c.Spikes) > 0 {
		head = append(head, c.SpikeName)
	}
	return head
}

func (c *TimeSeries) tableRows() [][]string {
	rows := make([][]string, len(c.Times))
	for i, t := range c.Times {
		row := []string{c.Format.time(t)}
		for _, l := range c.Lines {
			row = append(row, c.cell(l.Values, i))
		}
		if len(c.Band) > 0 {
			cell := "—"
			if i < len(c.Band) && c.Band[i].OK {
				cell = c.Format.number(max(c.Band[i].Low, 0)) + "–" + c.Format.number(c.Band[i].High)
			}
			row = append(row, cell)
		}
		if len(c.Spikes) > 0 {
			cell := ""
			if i < len(c.Spikes) && c.Spikes[i] {
				cell = "●"
			}
			row = append(row, cell)
		}
		rows[i] = row
	}
	return rows
}

func (c *TimeSeries) cell(vs []float64, i int) string {
	if i >= len(vs) || !finite(vs[i]) {
		return "—"
	}
	return c.Format.number(vs[i])
}
