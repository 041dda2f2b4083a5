package brief

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// Generate composes the brief of an agency for the window (at−24h, at]
// over the items up to ceiling, without storing it. Create and the
// schedule store what it gives.
func (s *Service) Generate(ctx context.Context, agencyID int64, at time.Time, ceiling access.Level) (*Brief, error) {
	a, err := s.agencies.Find(ctx, agencyID)
	if err != nil {
		return nil, fmt.Errorf("brief: agency %d: %w", agencyID, err)
	}
	return s.generate(ctx, a, at.UTC().Truncate(time.Microsecond), ceiling)
}

func (s *Service) generate(ctx context.Context, a *agency.Agency, at time.Time, ceiling access.Level) (*Brief, error) {
	b := &Brief{
		Format: FormatVersion, Since: at.Add(-Window), Until: at,
		Generated: s.clock.Now().UTC().Truncate(time.Microsecond), Ceiling: ceiling.String(),
		Agency: Agency{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Leader: a.Leader, TimeZone: string(a.TimeZone)},
	}
	m, err := s.newMentionMatcher(ctx, a)
	if err != nil {
		return nil, err
	}
	regions := map[region.Code]*Region{}
	b.Hours = make([]Hour, int(Window/time.Hour))
	for i := range b.Hours {
		b.Hours[i].Start = b.Since.Add(time.Duration(i) * time.Hour)
	}
	// The issue source clusters the items on another goroutine as they
	// are read (a second core); after it returns, sends no longer wait.
	type pair struct {
		it *archive.Item
		an *archive.Analysis
	}
	stream := make(chan pair, 1024)
	consumed := make(chan struct{})
	var (
		issues   []Issue
		version  QueryVersion
		issueErr error
	)
	go func() {
		defer close(consumed)
		issues, version, issueErr = s.issues.TopIssues(ctx, IssueInput{AgencyID: a.ID, Since: b.Since, Until: b.Until,
			Ceiling: ceiling, Limit: MaxIssues, Items: func(yield func(*archive.Item, *archive.Analysis) bool) {
				for p := range stream {
					if !yield(p.it, p.an) {
						return
					}
				}
			}})
	}()
	loc := a.Location()
	err = s.store.BriefItems(ctx, a.ID, ceiling, b.Since, b.Until, func(it *archive.Item, an *archive.Analysis) error {
		select {
		case stream <- pair{it, an}:
		case <-consumed:
		}
		b.Items++
		b.Sentiment.Add(it.Sentiment)
		h := min(max(int(itemTime(it).Sub(b.Since)/time.Hour), 0), len(b.Hours)-1)
		b.Hours[h].Items++
		if it.Sentiment == "negative" {
			b.Hours[h].Negative++
		}
		s.countRegions(regions, it)
		m.add(&b.Mentions, it, an, at, loc)
		return nil
	})
	close(stream)
	<-consumed
	if err != nil {
		return nil, fmt.Errorf("brief: items of agency %d: %w", a.ID, err)
	}
	if issueErr != nil {
		return nil, fmt.Errorf("brief: issues of agency %d: %w", a.ID, issueErr)
	}
	b.Mentions.Items = newest(b.Mentions.Items, MaxMentions)
	b.Regions = topRegions(regions)
	b.Issues = issues
	spikes, searches, err := s.spikes(ctx, a.ID, b.Since, b.Until)
	if err != nil {
		return nil, err
	}
	b.Spikes = spikes
	if b.Hoaxes, err = s.store.BriefHoaxes(ctx, a.ID, ceiling, b.Since, b.Until, MaxHoaxes); err != nil {
		return nil, fmt.Errorf("brief: hoaxes of agency %d: %w", a.ID, err)
	}
	b.Queries = append(append(m.versions(a), version), searches...)
	return b, nil
}

// itemTime is the time that places an item in a window: its publication,
// or its fetch when undated (as the store selects them).
func itemTime(it *archive.Item) time.Time {
	if it.Published.IsZero() {
		return it.Fetched
	}
	return it.Published
}

// countRegions adds an item to the rows of the provinces and kabupaten/
// kota it names (each once, whatever the depth of its codes).
func (s *Service) countRegions(rows map[region.Code]*Region, it *archive.Item) {
	seen := map[region.Code]bool{}
	for _, raw := range it.Regions {
		c := region.Code(raw)
		for _, code := range []region.Code{c.Province(), regencyOf(c)} {
			if code == "" || seen[code] {
				continue
			}
			seen[code] = true
			r := rows[code]
			if r == nil {
				r = &Region{Code: string(code), Name: string(code), Province: code.Level() == region.Province}
				if s.regions != nil {
					if reg, ok := s.regions.Lookup(code); ok {
						r.Name = reg.Name
					}
				}
				rows[code] = r
			}
			r.Items++
			r.Sentiment.Add(it.Sentiment)
		}
	}
}

// regencyOf returns the kabupaten/kota a code lies in, "" for a province.
func regencyOf(c region.Code) region.Code {
	for c != "" && c.Level() > region.Regency {
		c = c.Parent()
	}
	if c.Level() != region.Regency {
		return ""
	}
	return c
}

// topRegions orders the region rows by items (ties by code) and keeps the
// first MaxRegions.
func topRegions(rows map[region.Code]*Region) []Region {
	out := make([]Region, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Region) int {
		return cmp.Or(cmp.Compare(b.Items, a.Items), cmp.Compare(a.Code, b.Code))
	})
	return out[:min(len(out), MaxRegions)]
}

// newest keeps the n newest mentions, newest first (ties by ID).
func newest(ms []Mention, n int) []Mention {
	slices.SortFunc(ms, func(a, b Mention) int {
		return cmp.Or(b.Published.Compare(a.Published), cmp.Compare(b.ID, a.ID))
	})
	if ms == nil {
		return []Mention{}
	}
	return ms[:min(len(ms), n)]
}

// spikes returns the spike alerts of the agency's shared saved searches (a
// private search's alerts are its owner's) and of the regions of its items
// in the window, and the versions of those searches.
func (s *Service) spikes(ctx context.Context, agencyID int64, since, until time.Time) ([]Spike, []QueryVersion, error) {
	searches, err := s.store.AgencySearches(ctx, agencyID)
	if err != nil {
		return nil, nil, fmt.Errorf("brief: searches of agency %d: %w", agencyID, err)
	}
	byID := map[int64]*monitor.SavedSearch{}
	var (
		ids      []int64
		versions []QueryVersion
	)
	for _, ss := range searches {
		if ss.Sharing == monitor.Private {
			continue
		}
		byID[ss.ID] = ss
		ids = append(ids, ss.ID)
		versions = append(versions, QueryVersion{Kind: "saved_search", ID: ss.ID, Name: ss.Name, Query: ss.Query,
			Updated: ss.UpdatedAt.UTC().Truncate(time.Microsecond)})
	}
	var ns []*monitor.Notification
	if len(ids) > 0 {
		if ns, err = s.store.SpikeNotifications(ctx, ids, since, until); err != nil {
			return nil, nil, fmt.Errorf("brief: spikes of agency %d: %w", agencyID, err)
		}
	}
	regional, err := s.store.RegionSpikeNotifications(ctx, agencyID, since, until)
	if err != nil {
		return nil, nil, fmt.Errorf("brief: region spikes of agency %d: %w", agencyID, err)
	}
	spikes := []Spike{}
	seen := map[string]bool{}
	for _, n := range append(ns, regional...) {
		// A spike notifies each owner or watcher; the brief tells it once.
		k := fmt.Sprint(n.SearchID, n.Message.Key, n.Message.Args, n.Created.UnixMicro())
		if seen[k] {
			continue
		}
		seen[k] = true
		sp := Spike{SearchID: n.SearchID, At: n.Created.UTC(), Key: n.Message.Key, Args: n.Message.Args}
		if ss := byID[n.SearchID]; ss != nil {
			sp.Search = ss.Name
		} else if len(n.Message.Args) > 1 {
			sp.Region = fmt.Sprint(n.Message.Args[1]) // the region's name (monitor/region.go)
		}
		spikes = append(spikes, sp)
	}
	slices.SortStableFunc(spikes, func(a, b Spike) int { return b.At.Compare(a.At) })
	return spikes[:min(len(spikes), MaxSpikes)], versions, nil
}

// mentionMatcher finds the items about an agency (its name, its name
// without "Humas", its short name) and its leader, with the archive's
// query language and matcher. Building the matcher's view of an item
// costs more than the rest of a brief, so an item is first checked for
// the folded words of each phrase (what a phrase compares): only an item
// holding every word of one phrase is given to the matcher. The check can
// only pass items the matcher would refuse, never the reverse.
type mentionMatcher struct {
	agencyQuery, leaderQuery string
	agency, leader           *query.Query
	// agencyWords and leaderWords are the folded words of each phrase;
	// wanted is every such word.
	agencyWords, leaderWords [][]string
	wanted, found            map[string]bool
}

func (s *Service) newMentionMatcher(ctx context.Context, a *agency.Agency) (*mentionMatcher, error) {
	names, leader := agencyNames(a), []string{a.Leader}
	m := &mentionMatcher{agencyQuery: MentionQuery(names...), leaderQuery: MentionQuery(leader...), wanted: map[string]bool{}, found: map[string]bool{}}
	var err error
	if m.agency, err = s.compile(ctx, m.agencyQuery); err != nil {
		return nil, err
	}
	if m.leader, err = s.compile(ctx, m.leaderQuery); err != nil {
		return nil, err
	}
	an, err := s.compiler.Analyzer()
	if err != nil {
		return nil, fmt.Errorf("brief: mention queries: %w", err)
	}
	m.agencyWords, m.leaderWords = m.words(an, names), m.words(an, leader)
	return m, nil
}

// words returns the folded words of each name, as a phrase compares them.
func (m *mentionMatcher) words(an *analysis.Analyzer, names []string) [][]string {
	var out [][]string
	for _, n := range names {
		var ws []string
		for _, t := range an.Terms.Terms(n) {
			ws = append(ws, t.Folded)
			m.wanted[t.Folded] = true
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

func (s *Service) compile(ctx context.Context, src string) (*query.Query, error) {
	if src == "" {
		return nil, nil
	}
	q, err := query.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("brief: mention query %q: %w", src, err)
	}
	c, err := s.compiler.Compile(ctx, src, q)
	if err != nil {
		return nil, fmt.Errorf("brief: mention query %q: %w", src, err)
	}
	return c, nil
}

// agencyNames are the names an item may call the agency by.
func agencyNames(a *agency.Agency) []string {
	names := []string{a.Name}
	if rest, ok := strings.CutPrefix(a.Name, "Humas "); ok {
		names = append(names, rest)
	}
	if a.ShortName != "" {
		names = append(names, a.ShortName)
	}
	return names
}

// MentionQuery is the query that finds any of names as an exact phrase:
// `"Pemerintah Provinsi Jambi" OR "Pemprov Jambi"`; "" for no names.
func MentionQuery(names ...string) string {
	var parts []string
	for _, n := range names {
		n = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r == '"' || r == '\\' {
				return ' '
			}
			return r
		}, n)), " ")
		if n != "" && !slices.Contains(parts, `"`+n+`"`) {
			parts = append(parts, `"`+n+`"`)
		}
	}
	return strings.Join(parts, " OR ")
}

func (m *mentionMatcher) add(ms *Mentions, it *archive.Item, an *archive.Analysis, now time.Time, loc *time.Location) {
	if m.agency == nil && m.leader == nil {
		return
	}
	found := m.found
	clear(found)
	for _, terms := range [][]query.AnalyzedTerm{an.Title, an.Text} {
		for _, t := range terms {
			if m.wanted[t.Folded] {
				found[t.Folded] = true
			}
		}
	}
	mayAgency, mayLeader := anyAll(m.agencyWords, found), anyAll(m.leaderWords, found)
	if !mayAgency && !mayLeader {
		return
	}
	p := an.Prepared(it)
	aboutAgency := mayAgency && m.agency != nil && m.agency.Match(p, now, loc)
	aboutLeader := mayLeader && m.leader != nil && m.leader.Match(p, now, loc)
	if !aboutAgency && !aboutLeader {
		return
	}
	ms.Total++
	if aboutAgency {
		ms.Agency++
	}
	if aboutLeader {
		ms.Leader++
	}
	ms.Items = append(ms.Items, Mention{ID: it.ID, Title: it.Title, URL: it.URL, Source: it.Source,
		Published: itemTime(it).UTC(), Sentiment: it.Sentiment, Leader: aboutLeader})
}

// anyAll reports whether every word of one of the phrases was found.
func anyAll(phrases [][]string, found map[string]bool) bool {
	for _, ws := range phrases {
		all := true
		for _, w := range ws {
			all = all && found[w]
		}
		if all {
			return true
		}
	}
	return false
}

// versions are the mention queries as they were run.
func (m *mentionMatcher) versions(a *agency.Agency) []QueryVersion {
	out := []QueryVersion{{Kind: "mentions", Name: "agency", Query: m.agencyQuery, Updated: a.UpdatedAt.UTC().Truncate(time.Microsecond)}}
	if m.leaderQuery != "" {
		out = append(out, QueryVersion{Kind: "mentions", Name: "leader", Query: m.leaderQuery, Updated: a.UpdatedAt.UTC().Truncate(time.Microsecond)})
	}
	return out
}
