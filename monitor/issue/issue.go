package issue

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Issue is an issue as it stands: the record the integrator stores and
// the web shows. It is derived from the items and the corrections; every
// figure can be recomputed from them.
type Issue struct {
	ID ID
	// Title is the analyst's name for the issue when renamed, otherwise
	// Headline.
	Title   string
	Renamed bool
	// Headline is the title of the issue's most central item: the one
	// whose vector is most similar to the centroid (ties: the earlier).
	Headline string
	// FirstSeen and LastSeen are the times of its oldest and newest item.
	FirstSeen, LastSeen time.Time
	Items               int
	// LastHour is the number of items of the hour up to the time the
	// figures were taken (the now of Issue or Issues).
	LastHour int
	// PerHour is the mean number of items per hour over the issue's life,
	// from FirstSeen to that time (at least one hour).
	PerHour float64
	// Growth is LastHour / PerHour: 1 when the issue grows at its usual
	// pace, above 1 when it speeds up, 0 when nothing came in the last
	// hour.
	Growth float64
	// Sources, Regions (kode wilayah), People (PER) and Organisations
	// (ORG) count the items that name each, most first (ties by name).
	Sources, Regions, People, Organisations []Count
	// Mix counts the items by sentiment, analysts' corrections of single
	// items included.
	Mix Mix
	// Sentiment is the analyst's sentiment for the whole issue, "" when
	// none was set (then Mix speaks).
	Sentiment string
	Pinned    bool
}

// Count is a name and the number of items that carry it.
type Count struct {
	Name string
	N    int
}

// Mix counts items by sentiment.
type Mix struct {
	Positive, Neutral, Negative, NotRated int
}

func (m *Mix) add(s string) {
	switch s {
	case "positive":
		m.Positive++
	case "neutral":
		m.Neutral++
	case "negative":
		m.Negative++
	default:
		m.NotRated++
	}
}

// maxCounts is the most names an Issue lists per kind.
const maxCounts = 10

// Issue returns an issue (by its ID or the ID of an issue merged into it)
// with its figures taken at now.
func (c *Clusterer) Issue(id ID, now time.Time) (Issue, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, err := c.resolve(id)
	if err != nil {
		return Issue{}, err
	}
	return s.snapshot(now), nil
}

// Issues returns the issues in memory whose newest item is at or after
// since, with their figures taken at now: pinned first, then by items in
// the last hour, by items, by newest item, by ID.
func (c *Clusterer) Issues(since, now time.Time) []Issue {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Issue
	for _, s := range c.issues {
		if !s.last.Before(since) {
			out = append(out, s.snapshot(now))
		}
	}
	slices.SortFunc(out, func(a, b Issue) int {
		switch {
		case a.Pinned != b.Pinned:
			if a.Pinned {
				return -1
			}
			return 1
		case a.LastHour != b.LastHour:
			return cmp.Compare(b.LastHour, a.LastHour)
		case a.Items != b.Items:
			return cmp.Compare(b.Items, a.Items)
		case !a.LastSeen.Equal(b.LastSeen):
			return b.LastSeen.Compare(a.LastSeen)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// Members returns the IDs of an issue's items in arrival order.
func (c *Clusterer) Members(id ID) ([]int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, err := c.resolve(id)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(s.members))
	for i, m := range s.members {
		out[i] = m.id
	}
	return out, nil
}

// IssueOf returns the issue an item is in, while the clusterer remembers
// the item.
func (c *Clusterer) IssueOf(itemID int64) (ID, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.items[itemID]
	if !ok {
		return 0, false
	}
	return m.issue.id, true
}

func (s *issueState) snapshot(now time.Time) Issue {
	is := Issue{
		ID: s.id, Headline: s.headline(), FirstSeen: s.first, LastSeen: s.last,
		Items: len(s.members), Renamed: s.renamed, Sentiment: s.sentiment, Pinned: s.pinned,
	}
	is.Title = is.Headline
	if s.renamed {
		is.Title = s.title
	}
	is.LastHour, is.PerHour, is.Growth = growth(s.members, s.first, now)
	var sources, regions, people, orgs tally
	for _, m := range s.members {
		if m.corrected != "" {
			is.Mix.add(m.corrected)
		} else {
			is.Mix.add(m.sentiment)
		}
		sources.add(m.source)
		for _, r := range m.regions {
			regions.add(r)
		}
		for _, e := range m.entities {
			typ, name, _ := strings.Cut(e, ":")
			if typ == "PER" {
				people.add(name)
			} else {
				orgs.add(name)
			}
		}
	}
	is.Sources, is.Regions = sources.top(maxCounts), regions.top(maxCounts)
	is.People, is.Organisations = people.top(maxCounts), orgs.top(maxCounts)
	return is
}

// growth measures an issue's pace at now: the items of the last hour
// (after now-1h, up to now), the mean per hour from the first item to now
// (at least one hour), and their ratio.
func growth(ms []*member, first, now time.Time) (lastHour int, perHour, ratio float64) {
	from := now.Add(-time.Hour)
	n := 0
	for _, m := range ms {
		if m.at.After(now) {
			continue
		}
		n++
		if m.at.After(from) {
			lastHour++
		}
	}
	hours := max(now.Sub(first).Hours(), 1)
	perHour = float64(n) / hours
	if perHour > 0 {
		ratio = float64(lastHour) / perHour
	}
	return lastHour, perHour, ratio
}

// headline is the title of the member most similar to the centroid.
func (s *issueState) headline() string {
	var best *member
	var bestSim float64
	for _, m := range s.members {
		if strings.TrimSpace(m.title) == "" {
			continue
		}
		sim := dot(m.vec, s.centroid)
		if best == nil || sim > bestSim {
			best, bestSim = m, sim
		}
	}
	if best == nil {
		return ""
	}
	return best.title
}

// tally counts names case-insensitively, showing each as first written.
type tally struct {
	n     map[string]int
	shown map[string]string
	order []string
}

func (t *tally) add(name string) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return
	}
	if t.n == nil {
		t.n, t.shown = map[string]int{}, map[string]string{}
	}
	k := strings.ToLower(name)
	if _, ok := t.n[k]; !ok {
		t.shown[k] = name
		t.order = append(t.order, k)
	}
	t.n[k]++
}

func (t *tally) top(k int) []Count {
	out := make([]Count, 0, len(t.order))
	for _, key := range t.order {
		out = append(out, Count{Name: t.shown[key], N: t.n[key]})
	}
	slices.SortStableFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	if len(out) > k {
		out = out[:k]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
