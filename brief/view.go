package brief

import (
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/region"
)

// view is a brief ready to print in one language: every text translated,
// every number and date formatted the reader's way (i18n), in the
// agency's zone. The HTML and the PDF print the same view.
type view struct {
	Lang                       string
	L                          labels
	Heading, Window, Generated string
	Ceiling, MentionSummary    string
	Summary                    []stat
	Hours                      []hourBar
	MaxHour                    int
	MaxLabel                   string   // "tertinggi 42 per jam"
	HourAxis                   []string // labels under every sixth bar
	Sentiment                  []part
	Issues                     []issueRow
	Spikes                     []spikeRow
	Hoaxes                     []hoaxRow
	Mentions                   []mentionRow
	Regions                    []regionRow
	Queries                    []queryRow
	HasItems, HasLeader        bool
}

type labels struct {
	Volume, VolumeNote, Sentiment, Issues, IssueTitle, IssueItems, IssueGrowth      string
	IssueSentiment, IssueSources, NoIssues, Spikes, SpikeSearch, SpikeAt            string
	SpikeReason, NoSpikes, Mentions, NoMentions, LeaderMark, Regions, Region        string
	RegionItems, NoRegions, Queries, QueryKind, QueryName, Query, QueryUpdated      string
	Positive, Neutral, Negative, NotRated, Summary, Source, Published, Empty        string
	Hoaxes, HoaxTitle, HoaxVerdict, HoaxRepeats, HoaxRefutes, HoaxSources, NoHoaxes string
}

type stat struct{ Label, Value string }

type hourBar struct {
	Label           string
	Items, Negative int
	Value           string
}

type part struct {
	Label, Value, Class string
	N                   int
	Percent, X          float64 // its share and where its bar starts, in percent
}

type issueRow struct {
	Title, Items, Growth, Sources, FirstSeen string
	Positive, Neutral, Negative              string
	Mix                                      Mix
}

type spikeRow struct{ Search, At, Reason string }

type hoaxRow struct{ Title, Verdict, Repeats, Refutes, Sources string }

type mentionRow struct {
	Title, URL, Source, At, Sentiment string
	Leader                            bool
}

type regionRow struct{ Name, Code, Kind, Items, Positive, Neutral, Negative string }

type queryRow struct{ Kind, Name, Query, Updated string }

// zoneOf is the agency's zone, in which a brief shows its times.
func zoneOf(b *Brief) *time.Location { return region.TimeZone(b.Agency.TimeZone).Location() }

func newView(b *Brief, tr *i18n.Translator) *view {
	loc, zone := zoneOf(b), b.Agency.TimeZone
	num := func(n int) string { return tr.Number(int64(n)) }
	v := &view{
		Lang:      string(tr.Lang()),
		Heading:   tr.T("brief.heading", b.Agency.Name),
		Window:    tr.T("brief.window", tr.DateTime(b.Since, loc, zone), tr.DateTime(b.Until, loc, zone)),
		Generated: tr.T("brief.generated", tr.DateTime(b.Generated, loc, zone)),
		Ceiling:   tr.T("brief.ceiling", b.Ceiling),
		HasItems:  b.Items > 0,
		HasLeader: b.Agency.Leader != "",
		L: labels{
			Summary: tr.T("brief.summary"), Volume: tr.T("brief.volume"), VolumeNote: tr.T("brief.volume_note"),
			Sentiment: tr.T("brief.sentiment"), Issues: tr.T("brief.issues"), IssueTitle: tr.T("brief.issue.title"),
			IssueItems: tr.T("brief.issue.items"), IssueGrowth: tr.T("brief.issue.growth"),
			IssueSentiment: tr.T("brief.issue.sentiment"), IssueSources: tr.T("brief.issue.sources"),
			NoIssues: tr.T("brief.issues_none"), Spikes: tr.T("brief.spikes"), SpikeSearch: tr.T("brief.spike.search"),
			SpikeAt: tr.T("brief.spike.at"), SpikeReason: tr.T("brief.spike.reason"), NoSpikes: tr.T("brief.spikes_none"),
			Mentions: tr.T("brief.mentions"), NoMentions: tr.T("brief.mentions_none"), LeaderMark: tr.T("brief.mention.leader"),
			Regions: tr.T("brief.regions"), Region: tr.T("brief.region.name"), RegionItems: tr.T("brief.region.items"),
			NoRegions: tr.T("brief.regions_none"), Queries: tr.T("brief.queries"), QueryKind: tr.T("brief.query.kind"),
			QueryName: tr.T("brief.query.name"), Query: tr.T("brief.query.query"), QueryUpdated: tr.T("brief.query.updated"),
			Positive: tr.T("brief.sentiment.positive"), Neutral: tr.T("brief.sentiment.neutral"),
			Negative: tr.T("brief.sentiment.negative"), NotRated: tr.T("brief.sentiment.not_rated"),
			Source: tr.T("brief.mention.source"), Published: tr.T("brief.mention.published"), Empty: tr.T("brief.empty"),
			Hoaxes: tr.T("brief.hoaxes"), HoaxTitle: tr.T("brief.hoax.title"), HoaxVerdict: tr.T("brief.hoax.verdict"),
			HoaxRepeats: tr.T("brief.hoax.repeats"), HoaxRefutes: tr.T("brief.hoax.refutes"),
			HoaxSources: tr.T("brief.hoax.sources"), NoHoaxes: tr.T("brief.hoaxes_none"),
		},
	}
	v.Summary = []stat{
		{tr.T("brief.stat.items"), num(b.Items)},
		{tr.T("brief.stat.issues"), num(len(b.Issues))},
		{tr.T("brief.stat.spikes"), num(len(b.Spikes))},
		{tr.T("brief.stat.mentions"), num(b.Mentions.Total)},
		{tr.T("brief.stat.negative"), percent(tr, b.Sentiment.Negative, b.Items)},
	}
	for i, h := range b.Hours {
		v.MaxHour = max(v.MaxHour, h.Items)
		v.Hours = append(v.Hours, hourBar{Label: tr.Time(h.Start, loc, zone), Items: h.Items, Negative: h.Negative, Value: num(h.Items)})
		if i%6 == 0 {
			v.HourAxis = append(v.HourAxis, tr.Time(h.Start, loc, zone))
		}
	}
	v.MaxLabel = tr.T("brief.volume_max", v.MaxHour)
	mix, x := b.Sentiment, 0.0
	for _, p := range []struct {
		label, class string
		n            int
	}{{v.L.Positive, "pos", mix.Positive}, {v.L.Neutral, "neu", mix.Neutral}, {v.L.Negative, "neg", mix.Negative},
		{v.L.NotRated, "nr", mix.NotRated}} {
		pc := 0.0
		if b.Items > 0 {
			pc = 100 * float64(p.n) / float64(b.Items)
		}
		v.Sentiment = append(v.Sentiment, part{Label: p.label, Class: p.class, N: p.n, Percent: pc, X: x,
			Value: num(p.n) + " (" + tr.Percent(pc, 1) + ")"})
		x += pc
	}
	for _, is := range b.Issues {
		var src []string
		for _, c := range is.Sources {
			src = append(src, c.Name+" ("+num(c.N)+")")
		}
		v.Issues = append(v.Issues, issueRow{Title: is.Title, Items: num(is.Items),
			Growth: tr.T("brief.issue.growth_value", is.LastHour, is.PerHour), Sources: strings.Join(src, ", "),
			FirstSeen: tr.ShortDateTime(is.FirstSeen, loc, zone), Mix: is.Sentiment,
			Positive: num(is.Sentiment.Positive), Neutral: num(is.Sentiment.Neutral), Negative: num(is.Sentiment.Negative)})
	}
	for _, sp := range b.Spikes {
		subject := sp.Search
		if sp.Region != "" {
			subject = tr.T("brief.spike.region", sp.Region)
		}
		v.Spikes = append(v.Spikes, spikeRow{Search: subject, At: tr.ShortDateTime(sp.At, loc, zone), Reason: tr.T(sp.Key, sp.Args...)})
	}
	for _, h := range b.Hoaxes {
		v.Hoaxes = append(v.Hoaxes, hoaxRow{Title: h.Title, Verdict: h.Verdict, Repeats: num(h.Repeats),
			Refutes: num(h.Refutes), Sources: num(h.Sources)})
	}
	v.MentionSummary = tr.T("brief.mentions_summary", b.Mentions.Total, b.Mentions.Agency, b.Mentions.Leader)
	for _, m := range b.Mentions.Items {
		v.Mentions = append(v.Mentions, mentionRow{Title: m.Title, URL: m.URL, Source: m.Source,
			At: tr.ShortDateTime(m.Published, loc, zone), Sentiment: sentimentLabel(v.L, m.Sentiment), Leader: m.Leader})
	}
	for _, r := range b.Regions {
		kind := tr.T("brief.region.regency")
		if r.Province {
			kind = tr.T("brief.region.province")
		}
		v.Regions = append(v.Regions, regionRow{Name: r.Name, Code: r.Code, Kind: kind, Items: num(r.Items),
			Positive: num(r.Sentiment.Positive), Neutral: num(r.Sentiment.Neutral), Negative: num(r.Sentiment.Negative)})
	}
	for _, q := range b.Queries {
		row := queryRow{Kind: queryKind(tr, q.Kind), Name: q.Name, Query: q.Query}
		if q.ID != 0 {
			row.Name = q.Name + " (#" + strconv.FormatInt(q.ID, 10) + ")"
		}
		if !q.Updated.IsZero() {
			row.Updated = tr.ShortDateTime(q.Updated, loc, zone)
		}
		v.Queries = append(v.Queries, row)
	}
	return v
}

func percent(tr *i18n.Translator, n, of int) string {
	if of == 0 {
		return tr.Percent(0, 0)
	}
	return tr.Percent(100*float64(n)/float64(of), 1)
}

func sentimentLabel(l labels, s string) string {
	switch s {
	case "positive":
		return l.Positive
	case "neutral":
		return l.Neutral
	case "negative":
		return l.Negative
	}
	return l.NotRated
}

func queryKind(tr *i18n.Translator, kind string) string {
	switch kind {
	case "saved_search":
		return tr.T("brief.query.kind_saved_search")
	case "mentions":
		return tr.T("brief.query.kind_mentions")
	}
	return tr.T("brief.query.kind_issues")
}
