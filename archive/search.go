package archive

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// DefaultMaxExpansions is the most index words a prefix (kebakar*) may
// stand for in one search; a broader prefix is refused with a message
// saying how to narrow it.
const DefaultMaxExpansions = 2_000

// MaxLimit is the largest page a search returns.
const MaxLimit = 200

// Request is one archive search.
type Request struct {
	Query string
	// Newest orders by publication time, newest first, instead of by
	// relevance.
	Newest        bool
	Limit, Offset int
	// Facets asks for the counts per day, source, region and sentiment.
	Facets bool
	// Location is the time zone of days in date filters and facets; nil
	// is the zone of the viewer's agency (WIB for the console).
	Location *time.Location
}

// Result is the answer to a search.
type Result struct {
	Query  string // the query as the canonical printer writes it
	Total  int    // every matching item the viewer may see
	Hits   []Hit
	Facets *Facets
	// Verified is how many candidates the query matcher checked; zero
	// when the database's index answered exactly.
	Verified int
}

// Hit is one item of a result page.
type Hit struct {
	Item  *Item
	Score float64
	// Title and Snippet are the title and a passage of the text, cut into
	// fragments; Hit fragments are the words that made the item match.
	Title, Snippet []Fragment
}

// Fragment is a piece of highlighted text.
type Fragment struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Facets are the counts of a result by attribute, over every match.
type Facets struct {
	Days       []Count `json:"days"`      // "2026-01-15", ascending, in the request's time zone
	Sources    []Count `json:"sources"`   // most frequent first
	Provinces  []Count `json:"provinces"` // kode wilayah with the region's name as Label
	Regencies  []Count `json:"regencies"` // kabupaten and kota
	Sentiments []Count `json:"sentiments"`
	// DaySentiments are the counts per day and sentiment (Key the day,
	// Label the sentiment), ascending by day then sentiment: sentiment
	// over time.
	DaySentiments []Count `json:"day_sentiments"`
}

// Count is one facet value.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label,omitempty"`
	N     int    `json:"n"`
}

// maxFacetValues bounds the long facets (sources, regions).
const maxFacetValues = 20

// Search runs a query over the archive for the actor: only items the actor
// may see are counted or returned. A malformed query gives a *query.Error.
func (s *Service) Search(ctx context.Context, actor access.Actor, req Request) (*Result, error) {
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	if req.Location == nil {
		if req.Location, err = s.location(ctx, actor); err != nil {
			return nil, err
		}
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	compiled, pl, err := s.compile(ctx, req.Query, q, now, req.Location)
	if err != nil {
		return nil, err
	}
	pl.Visibility = access.VisibilityOf(actor)
	limit := min(max(req.Limit, 1), MaxLimit)
	if req.Limit <= 0 {
		limit = 10
	}
	offset := max(req.Offset, 0)
	res := &Result{Query: q.String()}

	var page []Scored
	if pl.Exact && !req.Facets {
		page, res.Total, err = s.store.SearchTop(ctx, pl, req.Newest, limit, offset)
		if err != nil {
			return nil, fmt.Errorf("archive: search: %w", err)
		}
	} else {
		var matches []Candidate
		err := s.store.SearchCandidates(ctx, pl, !pl.Exact, func(c *Candidate) error {
			if !pl.Exact {
				res.Verified++
				var a Analysis
				if err := a.UnmarshalBinary(c.Analysis); err != nil {
					return fmt.Errorf("item %d: %w", c.Item.ID, err)
				}
				if !compiled.Match(a.Prepared(&c.Item), now, req.Location) {
					return nil
				}
			}
			c.Analysis = nil
			matches = append(matches, *c)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("archive: search: %w", err)
		}
		res.Total = len(matches)
		if req.Facets {
			res.Facets = s.facets(matches, req.Location)
		}
		page = pageOf(matches, req.Newest, limit, offset)
	}
	if res.Hits, err = s.hits(ctx, q, page); err != nil {
		return nil, err
	}
	return res, nil
}

// Check parses and compiles a query as Search would, without running it,
// and returns its canonical form.
func (s *Service) Check(ctx context.Context, src string) (string, error) {
	q, err := query.Parse(src)
	if err != nil {
		return "", err
	}
	now := s.clock.Now().UTC()
	if _, _, err := s.compile(ctx, src, q, now, region.WIB.Location()); err != nil {
		return "", err
	}
	return q.String(), nil
}

// Compile compiles a parsed query with the archive's analyzer and name
// resolution, for the stored-query matcher: what it compiles matches what
// Search finds.
func (s *Service) Compile(ctx context.Context, src string, q query.Node) (*query.Query, error) {
	c, _, err := s.compile(ctx, src, q, s.clock.Now().UTC(), region.WIB.Location())
	return c, err
}

// compile resolves the names of q, refuses prefixes too broad for the
// archive, and returns the matcher and the database plan.
func (s *Service) compile(ctx context.Context, src string, q query.Node, now time.Time, loc *time.Location) (*query.Query, *Plan, error) {
	an, err := s.Analyzer()
	if err != nil {
		return nil, nil, err
	}
	opts, err := s.Options(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkPrefixes(ctx, an.Terms, src, q); err != nil {
		return nil, nil, err
	}
	compiled, err := query.Compile(q, an.Terms, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("archive: %w", err)
	}
	p := planner{analyzer: an.Terms, exactPhrases: s.store.ExactPhrases(), opts: opts, now: now, loc: loc}
	return compiled, p.plan(q), nil
}

// Options resolves the region and agency names a query mentions, as
// search does: the stored-query matcher compiles with them, so alerts
// read names as the archive does.
func (s *Service) Options(ctx context.Context, q query.Node) (query.Options, error) {
	agencies := map[string][]int64{}
	var err error
	query.Walk(q, func(n query.Node) bool {
		f, ok := n.(*query.Filter)
		if !ok || f.Field != "agency" || err != nil {
			return err == nil
		}
		if _, done := agencies[f.Value]; !done {
			agencies[f.Value], err = s.agencyIDs(ctx, f.Value)
		}
		return true
	})
	if err != nil {
		return query.Options{}, err
	}
	return query.Options{
		Regions: func(name string) []string {
			var codes []string
			for _, r := range s.regions.ResolveAll(name) {
				codes = append(codes, string(r.Code))
			}
			return codes
		},
		Agencies: func(name string) []int64 { return agencies[name] },
	}, nil
}

// agencyIDs finds the agencies a name stands for: those whose name or short
// name equals it (any case), else the only one whose name contains it.
func (s *Service) agencyIDs(ctx context.Context, name string) ([]int64, error) {
	list, _, err := s.agencies.List(ctx, agency.Filter{Query: name, Limit: 100})
	if err != nil {
		return nil, fmt.Errorf("archive: agency %q: %w", name, err)
	}
	var ids []int64
	for _, a := range list {
		if strings.EqualFold(a.Name, name) || strings.EqualFold(a.ShortName, name) {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 && len(list) == 1 {
		ids = append(ids, list[0].ID)
	}
	return ids, nil
}

// checkPrefixes refuses a prefix that stands for more than MaxExpansions
// words of the archive.
func (s *Service) checkPrefixes(ctx context.Context, a query.Analyzer, src string, q query.Node) error {
	var err error
	query.Walk(q, func(n query.Node) bool {
		t, ok := n.(*query.Term)
		if !ok || !t.Prefix || err != nil {
			return err == nil
		}
		ts := a.Terms(t.Text)
		if len(ts) != 1 {
			return true
		}
		limit := s.MaxExpansions
		if limit <= 0 {
			limit = DefaultMaxExpansions
		}
		var count int
		count, err = s.store.CountPrefix(ctx, cut(Token(ts[0].Folded)), limit+1)
		if err != nil {
			err = fmt.Errorf("archive: prefix %q: %w", t.Text, err)
			return false
		}
		if count > limit {
			off := max(strings.Index(strings.ToLower(src), strings.ToLower(t.Text)+"*"), 0)
			err = query.ErrorAt(src, off, query.KeyPrefixTooBroad, t.Text, limit)
		}
		return err == nil
	})
	return err
}

// location is the time zone of the actor's agency.
func (s *Service) location(ctx context.Context, actor access.Actor) (*time.Location, error) {
	id := actor.AgencyID()
	if id == 0 {
		return region.WIB.Location(), nil
	}
	a, err := s.agencies.Find(ctx, id)
	if errors.Is(err, sinergi.ErrNotFound) || (err == nil && a.TimeZone == "") {
		return region.WIB.Location(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("archive: agency %d: %w", id, err)
	}
	return a.TimeZone.Location(), nil
}

// pageOf sorts the matches and returns one page.
func pageOf(ms []Candidate, newest bool, limit, offset int) []Scored {
	slices.SortFunc(ms, func(a, b Candidate) int {
		if newest {
			if c := b.Item.Published.Compare(a.Item.Published); c != 0 {
				return c
			}
		} else if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(b.Item.ID, a.Item.ID)
	})
	if offset >= len(ms) {
		return nil
	}
	ms = ms[offset:min(len(ms), offset+limit)]
	out := make([]Scored, len(ms))
	for i, m := range ms {
		out[i] = Scored{ID: m.Item.ID, Score: m.Score}
	}
	return out
}

// hits loads the page's items and highlights why they matched.
func (s *Service) hits(ctx context.Context, q query.Node, page []Scored) ([]Hit, error) {
	if len(page) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(page))
	for i, p := range page {
		ids[i] = p.ID
	}
	items, analyses, err := s.store.FindItems(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("archive: search: %w", err)
	}
	h := newHighlighter(q, s.analyzer.Terms) // loaded by compile
	hits := make([]Hit, 0, len(items))
	for i, it := range items {
		score := 0.0
		if j := slices.IndexFunc(page, func(p Scored) bool { return p.ID == it.ID }); j >= 0 {
			score = page[j].Score
		}
		hits = append(hits, Hit{
			Item: it, Score: score,
			Title:   h.fragments(it.Title, analyses[i].Title, 0, true),
			Snippet: h.fragments(it.Text, analyses[i].Text, snippetWords, false),
		})
	}
	return hits, nil
}

// facets counts the matches by day, source, region and sentiment.
func (s *Service) facets(ms []Candidate, loc *time.Location) *Facets {
	days, sources, provinces, regencies, sentiments := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	daySentiments := map[[2]string]int{}
	for i := range ms {
		it := &ms[i].Item
		if !it.Published.IsZero() {
			day := it.Published.In(loc).Format(time.DateOnly)
			days[day]++
			daySentiments[[2]string{day, it.Sentiment}]++
		}
		if it.Source != "" {
			sources[it.Source]++
		}
		if it.Sentiment != "" {
			sentiments[it.Sentiment]++
		}
		seenP, seenR := map[string]bool{}, map[string]bool{}
		for _, r := range it.Regions {
			if p := r[:min(2, len(r))]; !seenP[p] {
				seenP[p] = true
				provinces[p]++
			}
			if len(r) >= 5 && !seenR[r[:5]] {
				seenR[r[:5]] = true
				regencies[r[:5]]++
			}
		}
	}
	f := &Facets{
		Days:       counts(days, 0),
		Sources:    counts(sources, maxFacetValues),
		Provinces:  s.regionCounts(provinces, 0), // 38 at most: all of them, for the map
		Regencies:  s.regionCounts(regencies, maxFacetValues),
		Sentiments: counts(sentiments, 0),
	}
	slices.SortFunc(f.Days, func(a, b Count) int { return cmp.Compare(a.Key, b.Key) })
	for k, n := range daySentiments {
		f.DaySentiments = append(f.DaySentiments, Count{Key: k[0], Label: k[1], N: n})
	}
	slices.SortFunc(f.DaySentiments, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Label, b.Label))
	})
	return f
}

// counts lists m most frequent first (ties by key), at most limit (0: all).
func counts(m map[string]int, limit int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Key: k, N: n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (s *Service) regionCounts(m map[string]int, limit int) []Count {
	out := counts(m, limit)
	for i := range out {
		if r, ok := s.regions.Lookup(region.Code(out[i].Key)); ok {
			out[i].Label = r.Name
		}
	}
	return out
}
