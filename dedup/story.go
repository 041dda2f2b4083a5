package dedup

import (
	"slices"
	"sync"
	"time"
)

// How says why an appearance joined its story.
type How uint8

const (
	// First is the appearance that started the story.
	First How = iota + 1
	// SameURL: the item's canonical URL was already seen.
	SameURL
	// SameContent: the item's normalised words hash like an earlier one's.
	SameContent
	// NearDuplicate: the item's text is near an earlier one's (Index).
	NearDuplicate
)

func (h How) String() string {
	switch h {
	case First:
		return "first"
	case SameURL:
		return "same_url"
	case SameContent:
		return "same_content"
	case NearDuplicate:
		return "near_duplicate"
	}
	return "unknown"
}

// Item is what the deduplication stage is given of a fetched document.
type Item struct {
	ID     string
	Source string // the source (outlet, account) that published it
	URL    string // as fetched or as the page declares it (CanonicalFromHTML)
	Time   time.Time
	Text   string // title and body, as extracted
}

// Appearance is one publication of a story: who, when, where. A duplicate
// is never thrown away; it becomes another appearance, so reach (how many
// sources, how many times) can be counted.
type Appearance struct {
	ItemID     string
	Source     string
	URL        string // canonical; empty when the item had none or it was invalid
	Time       time.Time
	How        How
	Similarity float64 // to the item it matched (1 for First, SameURL, SameContent)
	Of         string  // the item ID it matched; empty for First
}

// Cluster is one story and its appearances in the order they were
// recorded. Its ID is the ID of its first item.
type Cluster struct {
	ID          string
	Appearances []Appearance
}

// Sources returns the distinct sources of the story, in order of first
// appearance: its reach.
func (c *Cluster) Sources() []string {
	var out []string
	for _, a := range c.Appearances {
		if !slices.Contains(out, a.Source) {
			out = append(out, a.Source)
		}
	}
	return out
}

// Stories groups items into clusters as they arrive: an item whose URL,
// content or near-duplicate text was seen before is recorded as another
// appearance of that story. It keeps everything in memory; the pipeline
// persists the appearances and rebuilds a Stories at start by calling Add in
// the stored order. Safe for concurrent use.
type Stories struct {
	index *Index
	urls  URLRules

	mu       sync.Mutex
	byURL    map[string]string // canonical URL → item ID
	byHash   map[string]string // content hash → item ID
	story    map[string]string // item ID → cluster ID
	clusters map[string]*Cluster
}

// NewStories returns an empty set of stories using index for near
// duplicates and rules for URLs (nil: DefaultURLRules).
func NewStories(index *Index, rules *URLRules) *Stories {
	if rules == nil {
		rules = defaultRules
	}
	return &Stories{index: index, urls: *rules, byURL: map[string]string{},
		byHash: map[string]string{}, story: map[string]string{}, clusters: map[string]*Cluster{}}
}

// Add records it and returns its appearance and a copy of its story. The
// checks run from cheapest to dearest: canonical URL, content hash, near
// duplicate (the most similar earlier item). First and near-duplicate
// appearances are added to the near-duplicate index (a copy of a copy still
// finds its story); exact duplicates are not, they would add nothing.
func (s *Stories) Add(it Item) (Appearance, Cluster) {
	canon, err := s.urls.Canonical(it.URL)
	if err != nil {
		canon = ""
	}
	ws := words(s.index.norm, it.Text)
	hash := contentHash(ws)
	sk := s.index.SketchWords(ws)

	s.mu.Lock()
	defer s.mu.Unlock()
	a := Appearance{ItemID: it.ID, Source: it.Source, URL: canon, Time: it.Time, How: First, Similarity: 1}
	switch {
	case canon != "" && s.byURL[canon] != "":
		a.How, a.Of = SameURL, s.byURL[canon]
	case len(ws) > 0 && s.byHash[hash] != "":
		a.How, a.Of = SameContent, s.byHash[hash]
	default:
		if m := s.index.NearSketch(sk); len(m) > 0 {
			a.How, a.Of, a.Similarity = NearDuplicate, m[0].ID, m[0].Similarity
		}
	}
	if canon != "" && s.byURL[canon] == "" {
		s.byURL[canon] = it.ID
	}
	if len(ws) > 0 && s.byHash[hash] == "" {
		s.byHash[hash] = it.ID
	}
	var c *Cluster
	if a.How == First || a.How == NearDuplicate {
		s.index.AddSketch(it.ID, sk)
	}
	if a.How == First {
		c = &Cluster{ID: it.ID}
		s.clusters[it.ID] = c
	} else {
		c = s.clusters[s.story[a.Of]]
	}
	s.story[it.ID] = c.ID
	c.Appearances = append(c.Appearances, a)
	return a, Cluster{ID: c.ID, Appearances: slices.Clone(c.Appearances)}
}

// Cluster returns a copy of the story the item belongs to.
func (s *Stories) Cluster(itemID string) (Cluster, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[s.story[itemID]]
	if !ok {
		return Cluster{}, false
	}
	return Cluster{ID: c.ID, Appearances: slices.Clone(c.Appearances)}, true
}
