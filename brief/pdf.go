package brief

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/sinergi-id/sinergi/i18n"
)

// The PDF's page: A4 portrait, millimetres.
const (
	pdfMargin  = 15.0
	pdfWidth   = 210.0 - 2*pdfMargin
	pdfBottom  = 297.0 - 18.0 // text stops here; the footer is below
	pdfFont    = "Go"
	pdfLineGap = 1.25 // line height per point of font size, in mm/pt·0.35
)

// PDF renders a brief as a PDF in the translator's language: the Go fonts
// (BSD licence) embedded as Unicode TrueType subsets, so it prints the same
// everywhere without a browser; the agency and the window in every page's
// header, page numbers in the footer, the charts drawn as vector shapes.
// The document's dates are the brief's generation time, so one brief
// always gives the same text.
func PDF(b *Brief, tr *i18n.Translator) ([]byte, error) {
	v := newView(b, tr)
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	f.SetMargins(pdfMargin, 22, pdfMargin)
	f.SetAutoPageBreak(true, 297-pdfBottom)
	f.SetTitle(v.Heading, true)
	f.SetCreator("Sinergi", true)
	f.SetProducer("Sinergi", true)
	f.SetCreationDate(b.Generated)
	f.SetModificationDate(b.Generated)
	f.SetCatalogSort(true)
	f.AliasNbPages("{nb}")
	p := &pdfWriter{f: f, v: v}
	f.SetHeaderFunc(func() {
		f.SetFont(pdfFont, "B", 9)
		f.SetTextColor(40, 40, 40)
		f.SetXY(pdfMargin, 8)
		f.CellFormat(pdfWidth, 4.5, b.Agency.Name, "", 1, "L", false, 0, "")
		f.SetFont(pdfFont, "", 8)
		f.CellFormat(pdfWidth, 4, v.Window, "", 1, "L", false, 0, "")
		f.SetDrawColor(180, 180, 180)
		f.Line(pdfMargin, 18, pdfMargin+pdfWidth, 18)
		f.SetY(22)
	})
	f.SetFooterFunc(func() {
		f.SetY(-13)
		f.SetFont(pdfFont, "", 8)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(pdfWidth/2, 5, v.Generated, "", 0, "L", false, 0, "")
		f.CellFormat(pdfWidth/2, 5, tr.T("brief.page", f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	f.AddPage()
	p.render()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("brief: render pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// pdfWriter lays a view out on the pages.
type pdfWriter struct {
	f *fpdf.Fpdf
	v *view
}

func (p *pdfWriter) render() {
	f, v := p.f, p.v
	f.SetTextColor(20, 20, 20)
	f.SetFont(pdfFont, "B", 16)
	f.MultiCell(pdfWidth, 7, v.Heading, "", "L", false)
	p.text(v.Window, 10, "")
	p.text(v.Generated+" · "+v.Ceiling, 9, "")

	p.heading(v.L.Summary)
	w := pdfWidth / float64(len(v.Summary))
	y := f.GetY()
	for i, s := range v.Summary {
		x := pdfMargin + float64(i)*w
		f.SetDrawColor(200, 200, 200)
		f.Rect(x+0.5, y, w-1, 16, "D")
		f.SetXY(x+2, y+1.5)
		f.SetFont(pdfFont, "B", 13)
		f.CellFormat(w-4, 6, s.Value, "", 2, "L", false, 0, "")
		f.SetX(x + 2)
		f.SetFont(pdfFont, "", 7.5)
		f.MultiCell(w-4, 3.3, s.Label, "", "L", false)
	}
	f.SetY(y + 18)

	p.heading(v.L.Volume)
	if v.HasItems {
		p.volumeChart()
		p.text(v.L.VolumeNote, 8, "")
	} else {
		p.text(v.L.Empty, 10, "")
	}

	p.heading(v.L.Sentiment)
	p.sentimentBar()

	p.heading(v.L.Issues)
	if len(v.Issues) == 0 {
		p.text(v.L.NoIssues, 10, "")
	} else {
		widths := []float64{70, 16, 30, 30, pdfWidth - 146}
		p.row(widths, []string{v.L.IssueTitle, v.L.IssueItems, v.L.IssueGrowth, v.L.IssueSentiment, v.L.IssueSources}, "LRRLL", true)
		for _, is := range v.Issues {
			mix := v.L.Positive + " " + is.Positive + "\n" + v.L.Neutral + " " + is.Neutral + "\n" + v.L.Negative + " " + is.Negative
			p.row(widths, []string{is.Title, is.Items, is.Growth, mix, is.Sources}, "LRRLL", false)
		}
	}

	p.heading(v.L.Spikes)
	if len(v.Spikes) == 0 {
		p.text(v.L.NoSpikes, 10, "")
	}
	for _, s := range v.Spikes {
		p.text(s.Search+" · "+s.At, 10, "B")
		p.text(s.Reason, 9.5, "")
		f.Ln(1.5)
	}

	p.heading(v.L.Hoaxes)
	if len(v.Hoaxes) == 0 {
		p.text(v.L.NoHoaxes, 10, "")
	} else {
		widths := []float64{pdfWidth - 94, 34, 20, 20, 20}
		p.row(widths, []string{v.L.HoaxTitle, v.L.HoaxVerdict, v.L.HoaxRepeats, v.L.HoaxRefutes, v.L.HoaxSources}, "LLRRR", true)
		for _, h := range v.Hoaxes {
			p.row(widths, []string{h.Title, h.Verdict, h.Repeats, h.Refutes, h.Sources}, "LLRRR", false)
		}
	}

	p.heading(v.L.Mentions)
	p.text(v.MentionSummary, 10, "")
	f.Ln(1)
	for _, m := range v.Mentions {
		title := m.Title
		if m.Leader {
			title += " [" + v.L.LeaderMark + "]"
		}
		p.text(title, 10, "B")
		p.text(m.Source+" · "+m.At+" · "+m.Sentiment, 8.5, "")
		f.Ln(1)
	}

	p.heading(v.L.Regions)
	if len(v.Regions) == 0 {
		p.text(v.L.NoRegions, 10, "")
	} else {
		widths := []float64{pdfWidth - 88, 22, 22, 22, 22}
		p.row(widths, []string{v.L.Region, v.L.RegionItems, v.L.Positive, v.L.Neutral, v.L.Negative}, "LRRRR", true)
		for _, r := range v.Regions {
			p.row(widths, []string{r.Name + " (" + r.Kind + ", " + r.Code + ")", r.Items, r.Positive, r.Neutral, r.Negative}, "LRRRR", false)
		}
	}

	p.heading(v.L.Queries)
	widths := []float64{30, 40, pdfWidth - 100, 30}
	p.row(widths, []string{v.L.QueryKind, v.L.QueryName, v.L.Query, v.L.QueryUpdated}, "LLLL", true)
	for _, q := range v.Queries {
		p.row(widths, []string{q.Kind, q.Name, q.Query, q.Updated}, "LLLL", false)
	}
}

// lineHeight is the height of a line of text of size pt, in mm.
func lineHeight(pt float64) float64 { return pt * 0.3528 * pdfLineGap }

// text writes a paragraph across the page.
func (p *pdfWriter) text(s string, size float64, style string) {
	p.f.SetFont(pdfFont, style, size)
	p.f.SetX(pdfMargin)
	p.f.MultiCell(pdfWidth, lineHeight(size), s, "", "L", false)
}

// heading starts a section, on a new page when fewer than 30 mm are left.
func (p *pdfWriter) heading(s string) {
	f := p.f
	if f.GetY() > pdfBottom-30 {
		f.AddPage()
	}
	f.Ln(3)
	f.SetFont(pdfFont, "B", 12.5)
	f.SetX(pdfMargin)
	f.CellFormat(pdfWidth, 7, s, "B", 1, "L", false, 0, "")
	f.Ln(1.5)
}

// row writes one row of a table: each cell wrapped in its column, the row
// as high as its tallest cell, moved to a new page whole.
func (p *pdfWriter) row(widths []float64, cells []string, align string, header bool) {
	f := p.f
	size, style := 8.5, ""
	if header {
		style = "B"
	}
	f.SetFont(pdfFont, style, size)
	lh := lineHeight(size)
	lines := 1
	for i, c := range cells {
		n := 0
		for _, part := range strings.Split(c, "\n") {
			n += max(len(f.SplitText(part, widths[i]-2)), 1)
		}
		lines = max(lines, n)
	}
	h := float64(lines)*lh + 1.6
	if f.GetY()+h > pdfBottom {
		f.AddPage()
		f.SetFont(pdfFont, style, size)
	}
	y, x := f.GetY(), pdfMargin
	if header {
		f.SetFillColor(238, 240, 243)
		f.Rect(pdfMargin, y, pdfWidth, h, "F")
	}
	for i, c := range cells {
		f.SetXY(x+1, y+0.8)
		f.MultiCell(widths[i]-2, lh, c, "", string(align[i]), false)
		x += widths[i]
	}
	f.SetDrawColor(210, 214, 219)
	f.Line(pdfMargin, y+h, pdfMargin+pdfWidth, y+h)
	f.SetXY(pdfMargin, y+h)
}

// volumeChart draws the items per hour as bars, the negative part of each
// in red, with the hour under every sixth bar and the largest count.
func (p *pdfWriter) volumeChart() {
	f, v := p.f, p.v
	const chartH = 38.0
	if f.GetY()+chartH+12 > pdfBottom {
		f.AddPage()
	}
	top := f.GetY() + 4
	base := top + chartH
	step := pdfWidth / float64(len(v.Hours))
	f.SetDrawColor(160, 160, 160)
	f.Line(pdfMargin, base, pdfMargin+pdfWidth, base)
	f.SetFont(pdfFont, "", 7)
	f.SetXY(pdfMargin, top-4)
	f.CellFormat(pdfWidth, 3.5, v.MaxLabel, "", 0, "R", false, 0, "")
	for i, h := range v.Hours {
		x := pdfMargin + float64(i)*step + step*0.15
		if v.MaxHour > 0 && h.Items > 0 {
			bh := chartH * float64(h.Items) / float64(v.MaxHour)
			f.SetFillColor(9, 105, 218)
			f.Rect(x, base-bh, step*0.7, bh, "F")
			if h.Negative > 0 {
				nh := chartH * float64(h.Negative) / float64(v.MaxHour)
				f.SetFillColor(207, 34, 46)
				f.Rect(x, base-nh, step*0.7, nh, "F")
			}
		}
		if i%6 == 0 {
			f.SetXY(pdfMargin+float64(i)*step, base+0.8)
			f.CellFormat(step*6, 3.5, h.Label, "", 0, "L", false, 0, "")
		}
	}
	f.SetXY(pdfMargin, base+5)
}

// sentimentBar draws the sentiment mix as one stacked bar with its legend.
func (p *pdfWriter) sentimentBar() {
	f, v := p.f, p.v
	colors := map[string][3]int{"pos": {26, 127, 55}, "neu": {140, 149, 159}, "neg": {207, 34, 46}, "nr": {208, 215, 222}}
	y := f.GetY() + 1
	if v.HasItems {
		for _, s := range v.Sentiment {
			if s.N == 0 {
				continue
			}
			c := colors[s.Class]
			f.SetFillColor(c[0], c[1], c[2])
			f.Rect(pdfMargin+pdfWidth*s.X/100, y, pdfWidth*s.Percent/100, 6, "F")
		}
		y += 8
	}
	f.SetFont(pdfFont, "", 9)
	x := pdfMargin
	for _, s := range v.Sentiment {
		c := colors[s.Class]
		label := s.Label + ": " + s.Value
		w := f.GetStringWidth(label) + 9
		f.SetFillColor(c[0], c[1], c[2])
		f.Rect(x, y+1, 3, 3, "F")
		f.SetXY(x+4, y)
		f.CellFormat(w-4, 5, label, "", 0, "L", false, 0, "")
		x += w
	}
	f.SetXY(pdfMargin, y+7)
}
