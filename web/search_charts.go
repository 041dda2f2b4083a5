package web

import (
	"context"
	"html/template"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/chart"
	"github.com/sinergi-id/sinergi/monitor"
)

// savedSearchCharts are the charts of a saved search's page.
type savedSearchCharts struct {
	// Volume is the early warning's picture, for the search's owner;
	// OwnerOnly says why others do not see it.
	Volume    template.HTML
	OwnerOnly bool
	Sentiment template.HTML
	Sources   template.HTML
	Provinces template.HTML
	Regencies template.HTML
}

// volumeSpan is how far back the volume chart reaches: the week the spike
// detector keeps.
const volumeSpan = 7 * 24 * time.Hour

// sentimentDays is how many days (with matches) the sentiment chart shows.
const sentimentDays = 30

// savedSearchCharts draws a saved search's charts: its hourly volume as
// the spike detector replays it (the window count, the baseline band and
// the spikes: what its alerts say), for its owner; and, from the counts
// of the search the page ran as the viewer, sentiment per day, top
// sources and regions. Nil when the query could not run.
func (s *Server) savedSearchCharts(ctx context.Context, rc *request, ss *monitor.SavedSearch, p *searchPage) (*savedSearchCharts, error) {
	if !p.Searched || p.Counts == nil {
		return nil, nil
	}
	c := &savedSearchCharts{}
	loc, zone := ss.TimeZone.Location(), string(ss.TimeZone)
	if zone == "" {
		zone = rc.zone
	}
	v, err := s.svc.Monitor.Volume(ctx, rc.actor(), ss, volumeSpan)
	switch {
	case err == nil:
		c.Volume = volumeChart(rc, v, loc, zone, searchHref(ss.Query, orderNewest))
	case sinergi.KindOf(err) == sinergi.KindNotFound:
		// Not the owner: the volume of the matches the viewer may see,
		// per day, without the early warning's band.
		c.OwnerOnly = true
		c.Volume = dailyVolume(rc, p.Counts.Days, loc, zone, searchHref(ss.Query, orderNewest))
	default:
		return nil, err
	}
	counts, href := p.Counts, searchHref(ss.Query, orderNewest)
	c.Sentiment = sentimentByDay(rc, counts.DaySentiments, loc, zone, href)
	c.Sources = (&chart.Bars{Text: chartByKey(rc, "pantau.chart.sources", "savedsearch.chart.sources_desc", href),
		Format: chartFormat(rc, loc, false), LabelHead: rc.tr.T("pantau.chart.source"), ValueHead: rc.tr.T("chart.items"),
		Bars: countBars(counts.Sources, "source", "("+ss.Query+")", 10, func(c archive.Count) string { return c.Key })}).SVG()
	c.Provinces = (&chart.Map{Text: chartByKey(rc, "pantau.chart.provinces", "savedsearch.chart.provinces_desc", href),
		Format: chartFormat(rc, loc, false), AreaHead: rc.tr.T("pantau.chart.province"), ValueHead: rc.tr.T("chart.items"),
		ScaleName: rc.tr.T("pantau.chart.scale"), Areas: provinceAreas(s.regions, counts.Provinces, "("+ss.Query+")")}).SVG()
	c.Regencies = (&chart.Bars{Text: chartByKey(rc, "savedsearch.chart.regencies", "savedsearch.chart.regencies_desc", href),
		Format: chartFormat(rc, loc, false), LabelHead: rc.tr.T("pantau.chart.regency"), ValueHead: rc.tr.T("chart.items"),
		Bars: countBars(counts.Regencies, "region", "("+ss.Query+")", 10, func(c archive.Count) string {
			return c.Label + " (" + c.Key + ")"
		})}).SVG()
	return c, nil
}

// volumeChart draws the detector's replay: the window count against its
// band, the hourly count beside it, and the spikes.
func volumeChart(rc *request, v *monitor.Volume, loc *time.Location, zone, href string) template.HTML {
	n := len(v.Points)
	times := make([]time.Time, n)
	window, hourly := make([]float64, n), make([]float64, n)
	band := make([]chart.Range, n)
	spikes := make([]bool, n)
	for i, p := range v.Points {
		times[i] = p.T
		window[i], hourly[i] = float64(p.Observed), float64(p.Count)
		band[i] = chart.Range{Low: p.Low, High: p.High, OK: p.Ready}
		spikes[i] = p.Spike
	}
	hours := int(v.Window / time.Hour)
	f := chartFormat(rc, loc, true)
	f.Time = func(t time.Time) string { return rc.tr.ShortDate(t, loc) + " " + rc.tr.Clock(t, loc) }
	return (&chart.TimeSeries{Text: chartByKey(rc, "savedsearch.chart.volume", "savedsearch.chart.volume_desc", href, hours, v.K),
		Format: f, TimeHead: timeHead(rc, true, zone), Times: times,
		Lines: []chart.Line{{Name: rc.tr.T("savedsearch.chart.window_line", hours), Values: window},
			{Name: rc.tr.T("savedsearch.chart.hour_line"), Values: hourly}},
		Band: band, BandName: rc.tr.T("savedsearch.chart.band", v.K), Spikes: spikes,
		SpikeName: rc.tr.T("savedsearch.chart.spike")}).SVG()
}

// dailyVolume draws the matches per day of the last sentimentDays days
// with matches.
func dailyVolume(rc *request, days []archive.Count, loc *time.Location, zone, href string) template.HTML {
	days = days[max(len(days)-sentimentDays, 0):]
	var times []time.Time
	var values []float64
	for _, d := range days {
		day, err := time.ParseInLocation(time.DateOnly, d.Key, loc)
		if err != nil {
			continue
		}
		times, values = append(times, day), append(values, float64(d.N))
	}
	return (&chart.TimeSeries{Text: chartByKey(rc, "pantau.chart.volume_day", "savedsearch.chart.days_desc", href),
		Format: chartFormat(rc, loc, false), TimeHead: timeHead(rc, false, zone), Times: times,
		Lines: []chart.Line{{Name: rc.tr.T("chart.items"), Values: values}}}).SVG()
}

// sentimentByDay draws the counts per day and sentiment of the last
// sentimentDays days with matches.
func sentimentByDay(rc *request, counts []archive.Count, loc *time.Location, zone, href string) template.HTML {
	var days []time.Time
	index := map[string]int{}
	per := map[string][]int{}
	for _, c := range counts {
		if _, ok := index[c.Key]; !ok {
			day, err := time.ParseInLocation(time.DateOnly, c.Key, loc)
			if err != nil {
				continue
			}
			index[c.Key] = len(days)
			days = append(days, day)
		}
	}
	first := max(len(days)-sentimentDays, 0)
	days = days[first:]
	for _, sn := range archive.Sentiments {
		per[sn] = make([]int, len(days))
	}
	for _, c := range counts {
		i, ok := index[c.Key]
		if !ok || i < first {
			continue
		}
		sn := c.Label
		if _, known := per[sn]; !known {
			sn = "not_rated"
		}
		per[sn][i-first] += c.N
	}
	return (&chart.Stacked{Text: chartByKey(rc, "pantau.chart.sentiment", "savedsearch.chart.sentiment_desc", href),
		Format: chartFormat(rc, loc, false), TimeHead: timeHead(rc, false, zone), Times: days,
		Parts: sentimentParts(rc, per)}).SVG()
}
