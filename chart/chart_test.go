package chart

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var wib = time.FixedZone("WIB", 7*3600)

// indonesian writes numbers and times as the web pages do in Indonesian
// (i18n.Translator): "1.234", "2,5", hours "07.00".
var indonesian = Format{
	Number: func(v float64) string {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		whole, frac, ok := strings.Cut(s, ".")
		var b strings.Builder
		for i := range len(whole) {
			if i > 0 && (len(whole)-i)%3 == 0 && whole[i-1] != '-' {
				b.WriteByte('.')
			}
			b.WriteByte(whole[i])
		}
		if ok {
			b.WriteString("," + frac)
		}
		return b.String()
	},
	Time: func(t time.Time) string { return t.In(wib).Format("02/01 15.04") },
}

func hours(n int) []time.Time {
	start := time.Date(2026, 11, 22, 0, 0, 0, 0, wib)
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = start.Add(time.Duration(i) * time.Hour)
	}
	return ts
}

func text(title string) Text {
	return Text{Title: title, Desc: "Uji <grafik> & \"kutip\"", Empty: "Belum ada data", Table: "Tabel data",
		Href: "/pantau?q=banjir&x=1", Link: "Buka di arsip"}
}

// goldenCharts are the charts whose SVG is kept in testdata.
func goldenCharts() map[string]template.HTML {
	counts := []float64{2, 3, 1, 0, 4, 2, 3, 14, 5, 2, 1, 0}
	band := make([]Range, len(counts))
	for i := range band {
		band[i] = Range{Low: 0.5, High: 6.5, OK: i >= 2}
	}
	spikes := make([]bool, len(counts))
	spikes[7] = true
	areas := []Area{{Code: "15", Name: "Jambi", Value: 12, Href: "/pantau?q=region:15"}, {Code: "31", Name: "DKI Jakarta", Value: 40},
		{Code: "35", Name: "Jawa Timur", Value: 3}, {Code: "91", Name: "Papua", Value: 1}}
	regencies := []Area{{Code: "15.01", Name: "Kab. Kerinci", Value: 0}, {Code: "15.71", Name: "Kota Jambi", Value: 9},
		{Code: "15.02", Name: "Kab. Merangin", Value: 2}, {Code: "31.71", Name: "Kota Jakarta Pusat", Value: 30},
		{Code: "31.72", Name: "Kota Jakarta Utara", Value: 10}}
	return map[string]template.HTML{
		"line_band": (&TimeSeries{Text: text("Volume per jam"), Format: indonesian, TimeHead: "Waktu", Times: hours(len(counts)),
			Lines: []Line{{Name: "Item", Values: counts}}, Band: band, BandName: "Biasanya (±2,5σ)", Spikes: spikes,
			SpikeName: "Lonjakan"}).SVG(),
		"line_two": (&TimeSeries{Text: text("Dua garis"), Format: indonesian, TimeHead: "Waktu", Times: hours(4),
			Lines: []Line{{Name: "A", Values: []float64{1, 2, math.NaN(), 4}}, {Name: "B", Values: []float64{3, 1, 2, 1500}}}}).SVG(),
		"line_empty": (&TimeSeries{Text: text("Kosong"), Format: indonesian, Times: hours(3),
			Lines: []Line{{Name: "A", Values: []float64{0, 0, 0}}}}).SVG(),
		"stacked": (&Stacked{Text: text("Sentimen per hari"), Format: indonesian, TimeHead: "Hari", Times: hours(3),
			Parts: []Part{{Name: "Positif", Colour: "#1d6b36", Values: []float64{3, 0, 1}},
				{Name: "Netral", Colour: "#8c96a0", Values: []float64{5, 2, 0}},
				{Name: "Negatif", Colour: "#a4161a", Values: []float64{1, 7, 0}}}}).SVG(),
		"bars": (&Bars{Text: text("Sumber teratas"), Format: indonesian, LabelHead: "Sumber", ValueHead: "Item",
			Bars: []Bar{{Label: "kompas.com", Value: 1234, Href: "/pantau?q=source:kompas.com"}, {Label: "<b>detik</b>", Value: 56},
				{Label: strings.Repeat("sumber dengan nama yang sangat panjang ", 3), Value: 7}}}).SVG(),
		"bars_percent": (&Bars{Text: text("Porsi pemberitaan"), Format: indonesian, LabelHead: "Pencarian", ValueHead: "%", Max: 100,
			Bars: []Bar{{Label: "banjir", Value: 12.5, Text: "12,5%"}, {Label: "jalan rusak", Value: 3, Text: "3%"}}}).SVG(),
		"provinces": (&Map{Text: text("Provinsi"), Format: indonesian, AreaHead: "Provinsi", ValueHead: "Item",
			ScaleName: "Jumlah item", Areas: areas}).SVG(),
		"regencies": (&Map{Text: text("Kabupaten/kota"), Format: indonesian, AreaHead: "Kabupaten/kota", ValueHead: "Item",
			ScaleName: "Jumlah item", Areas: regencies}).SVG(),
	}
}

// TestGolden compares each chart's SVG with testdata/<name>.svg, and
// checks that the whole figure is well-formed XML.
func TestGolden(t *testing.T) {
	for name, out := range goldenCharts() {
		t.Run(name, func(t *testing.T) {
			checkWellFormed(t, string(out))
			svg := string(out)
			svg = svg[strings.Index(svg, "<svg"):]
			svg = svg[:strings.Index(svg, "</svg>")+len("</svg>")] + "\n"
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, []byte(svg), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./chart -update to write it)", err)
			}
			if svg != string(want) {
				t.Errorf("%s: SVG differs from %s (go test ./chart -update rewrites it):\n%s", name, path, svg)
			}
		})
	}
}

// checkWellFormed parses s as XML, strictly, and refuses numbers that are
// not numbers in attributes.
func checkWellFormed(t *testing.T, s string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<root>" + s + "</root>"))
	dec.Strict = true
	svgs := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local == "svg" {
				svgs++
			}
			for _, a := range se.Attr {
				if strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf") {
					t.Fatalf("attribute %s=%q of <%s>", a.Name.Local, a.Value, se.Name.Local)
				}
			}
		}
	}
	if svgs != 1 {
		t.Fatalf("%d <svg> elements, want 1:\n%s", svgs, s)
	}
}

// TestAccessible checks what a screen reader needs on every chart: the
// role, the label, the title, and the data table with its numbers.
func TestAccessible(t *testing.T) {
	for name, out := range goldenCharts() {
		s := string(out)
		for _, want := range []string{`role="img"`, `aria-label="`, `<title>`, `viewBox="0 0 400 `, `width="100%"`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: no %s", name, want)
			}
		}
		if strings.Contains(name, "empty") {
			if !strings.Contains(s, "Belum ada data") || strings.Contains(s, "<table") {
				t.Errorf("%s: the empty state should say so and hold no table:\n%s", name, s)
			}
			continue
		}
		if !strings.Contains(s, `<details class="chart__data"><summary>Tabel data</summary>`) {
			t.Errorf("%s: no data table", name)
		}
		if !strings.Contains(s, `<a href="/pantau?q=banjir&amp;x=1">Buka di arsip</a>`) {
			t.Errorf("%s: no escaped link to the archive", name)
		}
	}
}

// TestNumbersInTable checks that the table writes the values the reader's
// way and that a text is escaped, never markup.
func TestNumbersInTable(t *testing.T) {
	cs := goldenCharts()
	tests := []struct{ chart, want string }{
		{"bars", `<th scope="row">kompas.com</th><td class="num">1.234</td>`},
		{"bars", `&lt;b&gt;detik&lt;/b&gt;`},
		{"bars_percent", `<td class="num">12,5%</td>`},
		{"line_band", `<th scope="row">22/11 07.00</th><td class="num">14</td><td class="num">0,5–6,5</td><td class="num">●</td>`},
		{"line_two", `<td class="num">—</td><td class="num">2</td>`},
		{"line_two", `<td class="num">1.500</td>`},
		{"provinces", `<th scope="row">DKI Jakarta (31)</th><td class="num">40</td>`},
		{"regencies", `<th scope="row">Kota Jakarta Pusat (31.71)</th><td class="num">30</td>`},
		{"stacked", `<th scope="row">22/11 01.00</th><td class="num">0</td><td class="num">2</td><td class="num">7</td>`},
		{"line_band", `Uji &lt;grafik&gt; &amp; &#34;kutip&#34;`},
	}
	for _, tt := range tests {
		if !strings.Contains(string(cs[tt.chart]), tt.want) {
			t.Errorf("%s: no %s in\n%s", tt.chart, tt.want, cs[tt.chart])
		}
	}
	if strings.Contains(string(cs["bars"]), "<b>") {
		t.Error("bars: a label's markup reached the output")
	}
}

// TestClasses checks the map's colour classes against its legend: every
// value falls in the class whose bound the legend writes.
func TestClasses(t *testing.T) {
	tests := []struct {
		top    float64
		whole  bool
		uppers []float64
	}{
		{40, true, []float64{8, 16, 24, 32, 40}},
		{7, true, []float64{2, 3, 5, 6, 7}},
		{3, true, []float64{1, 2, 3}},
		{1, false, []float64{0.2, 0.4, 0.6, 0.8, 1}},
		{12.5, false, []float64{3, 5, 8, 10, 13}},
	}
	for _, tt := range tests {
		got := classUppers(tt.top, tt.whole)
		if fmt.Sprint(got) != fmt.Sprint(tt.uppers) {
			t.Errorf("classUppers(%v, %v) = %v, want %v", tt.top, tt.whole, got, tt.uppers)
		}
		for v := 0.0; v <= tt.top; v += 0.5 {
			c := classOf(v, got)
			if v == 0 && c != 0 || v > 0 && (v > got[c-1] || c > 1 && v <= got[c-2]) {
				t.Errorf("classOf(%v, %v) = %d", v, got, c)
			}
		}
	}
}

// TestLayout checks the tile map: 38 provinces, no two on one tile, all
// on the grid.
func TestLayout(t *testing.T) {
	if n := len(provinceTiles); n != 38 {
		t.Fatalf("%d provinces on the tile map, want 38", n)
	}
	seen := map[[2]int]string{}
	for code, tl := range provinceTiles {
		if tl.col < 0 || tl.col >= gridCols || tl.row < 0 || tl.row >= gridRows {
			t.Errorf("province %s at (%d, %d), off the grid", code, tl.col, tl.row)
		}
		if other, ok := seen[[2]int{tl.col, tl.row}]; ok {
			t.Errorf("provinces %s and %s share a tile", code, other)
		}
		seen[[2]int{tl.col, tl.row}] = code
	}
}

// FuzzCharts draws every kind of chart from arbitrary values and words:
// the output is always well-formed, with no NaN or infinity drawn.
func FuzzCharts(f *testing.F) {
	f.Add("banjir", 1.0, 2.0, 3.0, 4, true)
	f.Add("<x>&\"'", math.NaN(), math.Inf(1), -5.0, 1, false)
	f.Add("", 1e308, -1e308, 0.0, 0, true)
	f.Add("\x00\x01\xff", 0.0, 0.0, 0.0, 2, false)
	f.Add("ß", 5e-324, 1e15, 2e15, 100, true)
	f.Fuzz(func(t *testing.T, label string, a, b, c float64, n int, spike bool) {
		n = min(max(n, 0), 200)
		vals := make([]float64, n)
		band := make([]Range, n)
		spikes := make([]bool, n)
		for i := range vals {
			vals[i] = []float64{a, b, c}[i%3]
			band[i] = Range{Low: c, High: b, OK: i%2 == 0}
			spikes[i] = spike && i%3 == 0
		}
		tx := Text{Title: label, Desc: label, Empty: label, Table: label, Href: label, Link: label}
		outs := []template.HTML{
			(&TimeSeries{Text: tx, TimeHead: label, Times: hours(n), Lines: []Line{{Name: label, Values: vals}},
				Band: band, BandName: label, Spikes: spikes, SpikeName: label}).SVG(),
			(&Stacked{Text: tx, Times: hours(n), Parts: []Part{{Name: label, Colour: label, Values: vals},
				{Name: label, Values: []float64{b}}}}).SVG(),
			(&Bars{Text: tx, Bars: []Bar{{Label: label, Value: a, Href: label}, {Label: label, Value: b, Text: label}}, Max: c}).SVG(),
			(&Map{Text: tx, ScaleName: label, Areas: []Area{{Code: "15", Name: label, Value: a, Href: label}, {Code: label, Value: b}}}).SVG(),
			(&Map{Text: tx, Areas: []Area{{Code: "15.71", Name: label, Value: a}, {Code: "15.01", Value: c}, {Code: label + ".", Value: b}}}).SVG(),
		}
		for _, out := range outs {
			checkWellFormed(t, string(out))
		}
	})
}

// BenchmarkRegencyMap draws the largest chart: 514 kabupaten/kota cells
// with their tooltips and table.
func BenchmarkRegencyMap(b *testing.B) {
	var areas []Area
	for _, p := range ProvinceCodes() {
		for k := 1; k <= 14; k++ {
			areas = append(areas, Area{Code: fmt.Sprintf("%s.%02d", p, k), Name: "Kabupaten " + p, Value: float64(k % 5)})
		}
	}
	c := &Map{Text: text("Kabupaten/kota"), Format: indonesian, Areas: areas[:514]}
	b.ReportAllocs()
	for b.Loop() {
		c.SVG()
	}
}

// BenchmarkVolume draws a saved search's week of hours with its band.
func BenchmarkVolume(b *testing.B) {
	n := 168
	vals, band, spikes := make([]float64, n), make([]Range, n), make([]bool, n)
	for i := range vals {
		vals[i], band[i], spikes[i] = float64(i%24), Range{Low: 2, High: 20, OK: true}, i%50 == 0
	}
	c := &TimeSeries{Text: text("Volume"), Format: indonesian, Times: hours(n), Lines: []Line{{Name: "Item", Values: vals}},
		Band: band, Spikes: spikes}
	b.ReportAllocs()
	for b.Loop() {
		c.SVG()
	}
}
