// Package ingest is Pantau's pipeline: it keeps the registry's feeds under
// watch and turns what they publish into archive items, each story stored
// once and every publication of it recorded.
//
// One poll of a feed is a chain of small stages, one file each, composed
// in (*Pipeline).poll:
//
//	fetch → parse → normalise → known → extract → dedupe → enrich → store → match
//
// Each stage's doc comment states its contract: what it does, what
// "dropped" means there and what an error does. A wrapper (metrics.go)
// times and counts every stage alike: documents in, out, dropped (with the
// reason) and failed.
//
// Nothing is lost and nothing is stored twice: the items of a poll, their
// appearances and the feed's new state are written in one transaction
// (store.go), and an appearance's identity (its canonical URL within the
// agency) is unique in the database. A process killed in the middle of a
// poll leaves the feed as it was; the next poll, by this process or
// another, does the work again and finds nothing it already stored.
//
// Uploads (CSV and JSONL files) enter the same chain after fetch and parse
// (upload.go).
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
)

// Feed is one watched address of a source, with what polling knows of it.
type Feed struct {
	ID       int64
	URL      string
	Kind     source.FeedKind
	FullText bool // fetch and extract each new article's page
	Source   *source.Source
	State    State
}

// State is what polling knows of a feed.
type State struct {
	// Validators of the last good response, for a conditional GET.
	ETag         string
	LastModified string

	NextPoll    time.Time     // when the feed is due
	Interval    time.Duration // the adaptive interval between polls
	RatePerHour float64       // new items per hour, a moving estimate

	LastPoll time.Time // last attempt
	LastOK   time.Time // last answer that was not an error
	LastNew  time.Time // last poll that found a new item
	FirstNew time.Time // first poll that found a new item

	// What the feed's own dates say: the newest publication time it has
	// listed (credible dates only: not ahead of the poll, at most 90 days
	// back) and how many items a day its entries span, from the last
	// answer with at least three dated entries. Health reads them, so a
	// feed that went silent shows at its first poll.
	LastPublished time.Time
	DatedPerDay   float64

	LastStatus  int     // HTTP status of the last attempt; 0 when it got none
	LastError   Message // why the last attempt failed; empty when it did not
	Failures    int     // consecutive failed attempts
	Polls       int     // attempts, ever
	NotModified int     // 304 answers, ever
	ItemsNew    int     // new items stored or recorded, ever

	Health       Health
	HealthSince  time.Time
	HealthReason Message

	// WebSub: the hub the feed advertises, the topic subscribed, when the
	// subscription's lease ends (zero: not subscribed) and the secret the
	// hub signs deliveries with.
	Hub       string
	HubTopic  string
	HubLease  time.Time
	HubSecret string
}

// Message is a text for a person: an i18n key and its arguments, stored as
// such so that each reader sees it in their language.
type Message struct {
	Key  string   `json:"key"`
	Args []string `json:"args,omitempty"`
}

// Values returns the arguments as a translator takes them.
func (m Message) Values() []any {
	out := make([]any, len(m.Args))
	for i, a := range m.Args {
		out[i] = a
	}
	return out
}

// MarshalText encodes the message as JSON, the form the store keeps.
func (m Message) MarshalText() ([]byte, error) {
	if m.Key == "" {
		return nil, nil
	}
	type plain Message
	return json.Marshal(plain(m))
}

// UnmarshalText decodes what MarshalText wrote; empty is no message.
func (m *Message) UnmarshalText(b []byte) error {
	*m = Message{}
	if len(b) == 0 {
		return nil
	}
	type plain Message
	if err := json.Unmarshal(b, (*plain)(m)); err != nil {
		return fmt.Errorf("ingest: message %q: %w", b, err)
	}
	return nil
}

// Appearance is one publication of a story, as stored.
type Appearance struct {
	Ident      string // identity within the agency: canonical URL, or source and content hash
	StoryIdent string // Ident of the story's first appearance (itself when How is First)
	ItemID     int64  // the story's item; filled by the store
	AgencyID   int64
	SourceID   int64 // 0 for an upload
	FeedID     int64 // 0 for an upload
	Source     string
	URL        string
	How        dedup.How
	Similarity float64
	Published  time.Time
	Seen       time.Time
}

// Batch is what one poll or upload writes, in one transaction.
type Batch struct {
	AgencyID int64
	// Items are the new stories' first appearances, with their analyses;
	// Idents[i] is the Ident of Items[i]'s appearance.
	Items    []*archive.Item
	Analyses []*archive.Analysis
	Idents   []string
	// Appearances of this batch, new stories' included.
	Appearances []Appearance
	// Feed, when not nil, is the polled feed's new state.
	Feed *Feed
	// Alarm, when not nil, is raised (or its text updated), or cleared
	// when its Cleared is set.
	Alarm *Alarm
}

// Alarm is an in-app alarm for an agency's administrators.
type Alarm struct {
	ID       int64
	AgencyID int64
	Subject  string // what it is about: "feed:12"
	Kind     string // "feed_late", "feed_failing", "feed_gone"
	Message  Message
	Raised   time.Time
	Cleared  time.Time // zero while open
}

// StoredItem is a stored story's first appearance, as the dedupe stage
// needs it to rebuild its memory.
type StoredItem struct {
	Ident string
	URL   string
	Text  string // title and body
	Seen  time.Time
}

// FeedFilter selects feeds.
type FeedFilter struct {
	AgencyID int64
	SourceID int64
	Health   Health // "" for any
	Limit    int
	Offset   int
}

// Store is what the pipeline needs of the database.
type Store interface {
	// DueFeeds returns up to limit feeds of sources not paused whose next
	// poll is at or before now, the most overdue first.
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]*Feed, error)
	// FindFeedByID returns one feed with its source and state.
	FindFeedByID(ctx context.Context, id int64) (*Feed, error)
	// FindFeeds returns the feeds matching f, with their total.
	FindFeeds(ctx context.Context, f FeedFilter) ([]*Feed, int, error)
	// KnownIdents returns, of idents, those the agency has recorded, each
	// with its story's item ID.
	KnownIdents(ctx context.Context, agencyID int64, idents []string) (map[string]int64, error)
	// SaveBatch writes a batch in one transaction; items get their IDs.
	SaveBatch(ctx context.Context, b *Batch) error
	// RecentItems calls fn for the agency's stories first seen at or after
	// since, oldest first, at most limit.
	RecentItems(ctx context.Context, agencyID int64, since time.Time, limit int, fn func(StoredItem) error) error
	// FindAlarms returns the agency's open alarms, newest first.
	FindAlarms(ctx context.Context, agencyID int64) ([]*Alarm, error)
	// SetFeedLease records the end of a feed's WebSub subscription (zero:
	// none); only a hub's verification changes it.
	SetFeedLease(ctx context.Context, feedID int64, lease time.Time) error
	// FeedSeen returns when each appearance a feed brought at or after
	// since was recorded (at most 100,000, the newest).
	FeedSeen(ctx context.Context, feedID int64, since time.Time) ([]time.Time, error)
}

// Matcher is the stored-query matcher the pipeline hands each new item
// to, after it is stored.
type Matcher interface {
	MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error
}

// Options tune a Pipeline. A zero field takes its default.
type Options struct {
	// Workers is how many feeds are polled at once. Default 8: polling
	// waits on the network far more than it computes.
	Workers int
	// PerHost is how many requests may be in flight to one host. Default
	// 2, what a polite crawler allows itself (and what browsers did before
	// HTTP/2).
	PerHost int
	// MinInterval and MaxInterval bound the adaptive interval between two
	// polls of a feed. Defaults 5 minutes and 24 hours.
	MinInterval time.Duration
	MaxInterval time.Duration
	// StoryWindow is how far back the dedupe stage looks for the story
	// of a new item. Default 14 days: syndicated regional copies appear
	// within days of the original.
	StoryWindow time.Duration
	// StoryMemory caps how many stories one agency's dedupe memory holds
	// after a restart. Default 200,000.
	StoryMemory int
	// PagesPerPoll caps how many article pages one poll fetches for
	// extraction (the rest wait for the next poll). Default 50.
	PagesPerPoll int
	// CallbackURL is the public address of this Sinergi (--public-url),
	// under which WebSub hubs deliver to /websub/{feed}; empty: no WebSub.
	CallbackURL string
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.MinInterval <= 0 {
		o.MinInterval = 5 * time.Minute
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = 24 * time.Hour
	}
	if o.StoryWindow <= 0 {
		o.StoryWindow = 14 * 24 * time.Hour
	}
	if o.StoryMemory <= 0 {
		o.StoryMemory = 200_000
	}
	if o.PagesPerPoll <= 0 {
		o.PagesPerPoll = 50
	}
	return o
}

// Pipeline polls feeds and ingests what they publish. It is safe for
// concurrent use; build one per process.
type Pipeline struct {
	store   Store
	archive *archive.Service
	client  *safehttp.Client
	matcher Matcher
	clock   sinergi.Clock
	log     *slog.Logger
	metrics *Metrics
	opts    Options
	hosts   *hostLimiter
	urls    *dedup.URLRules

	mu      sync.Mutex
	stories map[int64]*agencyStories // by agency
}

// agencyStories is one agency's dedupe memory, loaded on first use.
type agencyStories struct {
	once    sync.Once
	err     error
	stories *dedup.Stories
}

// NewPipeline returns a Pipeline. matcher may be nil (no stored queries).
func NewPipeline(store Store, archive *archive.Service, client *safehttp.Client, matcher Matcher,
	metrics *Metrics, clock sinergi.Clock, log *slog.Logger, opts Options) *Pipeline {
	opts = opts.withDefaults()
	return &Pipeline{
		store: store, archive: archive, client: client, matcher: matcher, metrics: metrics,
		clock: clock, log: log, opts: opts, hosts: newHostLimiter(opts.PerHost), urls: dedup.DefaultURLRules(),
		stories: map[int64]*agencyStories{},
	}
}

// Metrics returns the pipeline's counters.
func (p *Pipeline) Metrics() *Metrics { return p.metrics }

// errNoAgency is a feed whose source has no agency, which the registry
// never allows.
var errNoAgency = errors.New("ingest: source without agency")
