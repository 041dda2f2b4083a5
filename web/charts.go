package web

import (
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/chart"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// The charts of Pantau's pages, drawn by package chart in the reader's
// language: numbers by the translator ("1.234"), times in the agency's
// zone, said once in the table's head ("Waktu (WIB)").

// sentimentColours are the colours of the sentiments in every chart.
var sentimentColours = map[string]string{
	"positive": "#1d6b36", "neutral": "#8c96a0", "negative": "#a4161a", "not_rated": "#d5dae1",
}

// chartFormat writes a chart's numbers the reader's way and its instants
// as hours ("07.00") or days ("23 Nov") in loc.
func chartFormat(rc *request, loc *time.Location, hourly bool) chart.Format {
	return chart.Format{
		Number: func(v float64) string {
			if v == float64(int64(v)) {
				return rc.tr.Number(int64(v))
			}
			return rc.tr.Decimal(v, 1)
		},
		Time: func(t time.Time) string {
			if hourly {
				return rc.tr.Clock(t, loc)
			}
			return rc.tr.ShortDate(t, loc)
		},
	}
}

// chartByKey returns the words every chart shares, with its title, its
// description and the search that reproduces it.
func chartByKey(rc *request, titleKey, descKey, href string, args ...any) chart.Text {
	return chart.Text{Title: rc.tr.T(titleKey), Desc: rc.tr.T(descKey, args...), Empty: rc.tr.T("chart.empty"),
		Table: rc.tr.T("chart.table"), Href: href, Link: rc.tr.T("chart.open_search")}
}

// timeHead heads the time column of a chart's table.
func timeHead(rc *request, hourly bool, zone string) string {
	if hourly {
		return rc.tr.T("chart.hour", zone)
	}
	return rc.tr.T("chart.day", zone)
}

// sentimentParts splits per-bucket counts by sentiment into a stacked
// chart's parts, positive at the bottom; items not rated only when there
// are some.
func sentimentParts(rc *request, counts map[string][]int) []chart.Part {
	var parts []chart.Part
	for _, sn := range []string{"positive", "neutral", "negative", "not_rated"} {
		vs := counts[sn]
		total := 0
		values := make([]float64, len(vs))
		for i, v := range vs {
			values[i], total = float64(v), total+v
		}
		if sn == "not_rated" && total == 0 {
			continue
		}
		parts = append(parts, chart.Part{Name: rc.tr.T(sentimentKey(sn)), Colour: sentimentColours[sn], Values: values})
	}
	return parts
}

// countBars turns counts into bars, each linked to scope with the filter
// of its value added; at most limit.
func countBars(counts []archive.Count, field, scope string, limit int, label func(archive.Count) string) []chart.Bar {
	var bars []chart.Bar
	for _, c := range counts[:min(len(counts), limit)] {
		bars = append(bars, chart.Bar{Label: label(c), Value: float64(c.N),
			Href: searchHref(scope+" "+(&query.Filter{Field: field, Value: c.Key}).String(), orderNewest)})
	}
	return bars
}

// provinceAreas returns every province of the gazetteer with its count,
// each linked to scope with its region filter.
func provinceAreas(g *region.Gazetteer, counts []archive.Count, scope string) []chart.Area {
	byCode := map[string]int{}
	for _, c := range counts {
		byCode[c.Key] = c.N
	}
	var areas []chart.Area
	for _, p := range g.Provinces() {
		areas = append(areas, regionArea(p, byCode[string(p.Code)], scope))
	}
	return areas
}

// regencyAreas returns every kabupaten and kota of the gazetteer with its
// count.
func regencyAreas(g *region.Gazetteer, counts []archive.Count, scope string) []chart.Area {
	byCode := map[string]int{}
	for _, c := range counts {
		byCode[c.Key] = c.N
	}
	var areas []chart.Area
	for _, p := range g.Provinces() {
		for _, r := range g.Children(p.Code) {
			areas = append(areas, regionArea(r, byCode[string(r.Code)], scope))
		}
	}
	return areas
}

func regionArea(r region.Region, n int, scope string) chart.Area {
	a := chart.Area{Code: string(r.Code), Name: r.Name, Value: float64(n)}
	if n > 0 {
		a.Href = searchHref(scope+" "+(&query.Filter{Field: "region", Value: string(r.Code)}).String(), orderNewest)
	}
	return a
}

// regionRow is one line of a regions table.
type regionRow struct {
	Name, Code string
	N          int
	Href       string
}

// regionRows lists counted regions with their names, at most limit.
func regionRows(g *region.Gazetteer, counts []archive.Count, scope string, limit int) []regionRow {
	var rows []regionRow
	for _, c := range counts[:min(len(counts), limit)] {
		row := regionRow{Name: c.Label, Code: c.Key, N: c.N,
			Href: searchHref(scope+" "+(&query.Filter{Field: "region", Value: c.Key}).String(), orderNewest)}
		if r, ok := g.Lookup(region.Code(c.Key)); ok {
			row.Name = r.Name
		}
		rows = append(rows, row)
	}
	return rows
}
