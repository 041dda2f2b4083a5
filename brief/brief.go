// Package brief is Pantau's leadership brief: per agency, the picture of
// the last 24 hours that the head of a Humas office reads before the
// morning meeting. A brief holds the top issues with their growth and
// sentiment, the spikes of the agency's saved searches with their
// explanations, the items about the agency and its leader, a region table
// and the numbers of its charts (volume per hour, sentiment).
//
// A brief is generated once (Generate) and kept as an immutable snapshot
// (Snapshot): its content as canonical JSON, the SHA-256 of that JSON, the
// window it covers and the versions of the queries it ran. The page, the
// PDF and the e-mail are always rendered from the stored content, so a
// brief reads the same however often and however late it is opened, and
// an item imported later changes no past brief.
//
// Access: a brief holds only items of its agency up to a classification
// ceiling: the lowest clearance among its recipients (the agency's heads
// with an e-mail address), and never above TERBATAS, because a brief
// leaves the server by e-mail and RAHASIA must not; with no recipients the
// ceiling is PUBLIK. The snapshot carries that ceiling as its own
// classification, and only people of the agency (or of an agency above
// it) cleared for it may open it.
package brief

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
)

// FormatVersion is the version of the content's shape; a renderer reads
// every version it knows.
const FormatVersion = 1

// Window is the length of the period a brief covers, ending at its time.
const Window = 24 * time.Hour

// Limits of the lists of a brief.
const (
	MaxIssues   = 10
	MaxSpikes   = 20
	MaxMentions = 20
	// MaxHoaxes is the most hoaxes a brief lists.
	MaxHoaxes  = 10
	MaxRegions = 15
	maxSources = 5
)

// Brief is the content of a leadership brief. Times are UTC; renderers
// show them in the agency's zone.
type Brief struct {
	Format    int       `json:"format"`
	Agency    Agency    `json:"agency"`
	Since     time.Time `json:"since"` // the window is (Since, Until]
	Until     time.Time `json:"until"`
	Generated time.Time `json:"generated"`
	// Ceiling is the highest classification of the items counted.
	Ceiling   string `json:"ceiling"`
	Items     int    `json:"items"`
	Sentiment Mix    `json:"sentiment"`
	// Hours is the volume per hour of the window, oldest first.
	Hours  []Hour  `json:"hours"`
	Issues []Issue `json:"issues"`
	Spikes []Spike `json:"spikes"`
	// Hoaxes are the known hoaxes (Tangkal) the window's items repeated or
	// refuted, the most repeated first; absent in briefs made before they
	// were counted.
	Hoaxes   []Hoax   `json:"hoaxes,omitempty"`
	Mentions Mentions `json:"mentions"`
	Regions  []Region `json:"regions"`
	// Queries are the versions of the queries the brief ran.
	Queries []QueryVersion `json:"queries"`
}

// Agency is the agency a brief is for, as it was when the brief was made.
type Agency struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	ShortName string `json:"short_name,omitempty"`
	Leader    string `json:"leader,omitempty"`
	TimeZone  string `json:"time_zone"` // WIB, WITA or WIT
}

// Mix counts items by sentiment.
type Mix struct {
	Positive int `json:"positive"`
	Neutral  int `json:"neutral"`
	Negative int `json:"negative"`
	NotRated int `json:"not_rated"`
}

// Add counts one item of sentiment s.
func (m *Mix) Add(s string) {
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

// Total is the number of items counted.
func (m Mix) Total() int { return m.Positive + m.Neutral + m.Negative + m.NotRated }

// Hour is the volume of one hour of the window.
type Hour struct {
	Start    time.Time `json:"start"`
	Items    int       `json:"items"`
	Negative int       `json:"negative"`
}

// Issue is one top issue of the window.
type Issue struct {
	Title     string    `json:"title"`
	Items     int       `json:"items"`
	LastHour  int       `json:"last_hour"`
	PerHour   float64   `json:"per_hour"`
	Growth    float64   `json:"growth"` // LastHour / PerHour
	FirstSeen time.Time `json:"first_seen"`
	Sentiment Mix       `json:"sentiment"`
	Sources   []Count   `json:"sources"`
}

// Count is a name and how many items carry it.
type Count struct {
	Name string `json:"name"`
	N    int    `json:"n"`
}

// Spike is a spike alert of one of the agency's saved searches, or of a
// region in the agency's items, in the window, with its explanation as the
// alert gave it.
type Spike struct {
	SearchID int64  `json:"search_id,omitempty"`
	Search   string `json:"search,omitempty"`
	// Region is the name of the region, for a region's spike.
	Region string    `json:"region,omitempty"`
	At     time.Time `json:"at"`
	Key    string    `json:"key"`
	Args   []any     `json:"args,omitempty"`
}

// Hoax is a known hoax seen again in the window: how many of the
// agency's items repeated it and refuted it, from how many sources.
type Hoax struct {
	ClaimID int64  `json:"claim_id"`
	Title   string `json:"title"`
	Verdict string `json:"verdict"`
	Repeats int    `json:"repeats"`
	Refutes int    `json:"refutes"`
	Sources int    `json:"sources"`
}

// Mentions are the items about the agency and its leader.
type Mentions struct {
	Total  int       `json:"total"`
	Agency int       `json:"agency"` // items naming the agency
	Leader int       `json:"leader"` // items naming the leader
	Items  []Mention `json:"items"`  // the newest, at most MaxMentions
}

// Mention is one item about the agency or its leader.
type Mention struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	Sentiment string    `json:"sentiment"`
	Leader    bool      `json:"leader,omitempty"`
}

// Region is one row of the region table: a province or a kabupaten/kota
// and the items that name it.
type Region struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Province  bool   `json:"province,omitempty"`
	Items     int    `json:"items"`
	Sentiment Mix    `json:"sentiment"`
}

// QueryVersion is one query a brief ran, as it was then: a saved search
// (its ID, name, query and last change), the mention queries, or the
// issue clustering's settings.
type QueryVersion struct {
	Kind    string    `json:"kind"` // "saved_search", "mentions" or "issues"
	ID      int64     `json:"id,omitempty"`
	Name    string    `json:"name"`
	Query   string    `json:"query"`
	Updated time.Time `json:"updated,omitzero"`
}

// Snapshot is a stored brief. It is never changed once stored.
type Snapshot struct {
	ID           int64
	AgencyID     int64
	Since, Until time.Time
	Generated    time.Time
	// Day is the agency's local date ("2026-11-23") of a scheduled brief,
	// "" for one made on demand.
	Day            string
	Format         int
	Classification access.Level // the ceiling of its items
	Queries        []QueryVersion
	Content        []byte // canonical JSON of the Brief
	SHA256         string // hex SHA-256 of Content
	CreatedBy      int64  // the user who asked for it; 0 for the schedule

	// Filled by the store from the agency.
	AgencyName string
	AgencyPath []int64
}

// Resource returns what access needs to judge the snapshot.
func (s *Snapshot) Resource() access.Resource {
	return access.Resource{Classification: s.Classification, AgencyPath: s.AgencyPath}
}

// Brief checks the content against its hash and decodes it.
func (s *Snapshot) Brief() (*Brief, error) {
	if Hash(s.Content) != s.SHA256 {
		return nil, sinergi.Errorf(sinergi.KindInternal, "brief.error.hash", s.ID)
	}
	var b Brief
	if err := json.Unmarshal(s.Content, &b); err != nil {
		return nil, fmt.Errorf("brief: decode %d: %w", s.ID, err)
	}
	if b.Format < 1 || b.Format > FormatVersion {
		return nil, fmt.Errorf("brief: %d has format %d, newer than this program's %d", s.ID, b.Format, FormatVersion)
	}
	return &b, nil
}

// Canonical encodes a brief as the canonical JSON that is stored and
// hashed: fields in declaration order, times in UTC with their
// microseconds, no insignificant space.
func Canonical(b *Brief) ([]byte, error) {
	c, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("brief: encode: %w", err)
	}
	return c, nil
}

// Hash is the hex SHA-256 of content.
func Hash(content []byte) string {
	h := sha256.Sum256(content)
	return hex.EncodeToString(h[:])
}
