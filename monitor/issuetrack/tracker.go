package issuetrack

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/monitor/issue"
)

// Issue is an issue as stored: what pages, dashboards and briefs read.
type Issue struct {
	ID       int64 // unique in the store; what URLs name
	AgencyID int64
	// Number is the clusterer's ID of the issue within its agency.
	Number issue.ID
	// Classification is that of the issue's most secret item.
	Classification access.Level
	// Title is what the issue is called: the analyst's name when Renamed,
	// otherwise ModelTitle, the headline of its most central item.
	Title      string
	Renamed    bool
	ModelTitle string
	FirstSeen  time.Time
	LastSeen   time.Time
	Items      int
	Pinned     bool
	// Sentiment is the analyst's sentiment of the whole issue; "" when
	// none was set (then Mix speaks).
	Sentiment string
	Mix       issue.Mix
	// Sources, Regions (kode wilayah), People and Organisations count the
	// items naming each, most first.
	Sources, Regions, People, Organisations []issue.Count
	// Reshaped: a merge or a split changed its items.
	Reshaped bool
	// MergedInto is the issue that took its items; 0 when it was not
	// merged away.
	MergedInto int64
	Updated    time.Time

	// Filled when read: the items of the hour before the time of the
	// reading, the mean per hour over the issue's life up to then (at
	// least one hour), and their ratio.
	LastHour int
	PerHour  float64
	Growth   float64
	// AgencyPath is the owning agency's path, for access decisions.
	AgencyPath []int64
}

// Resource returns what access needs to judge the issue.
func (is *Issue) Resource() access.Resource {
	return access.Resource{Classification: is.Classification, AgencyPath: is.AgencyPath}
}

// Member is an item's place in an issue.
type Member struct {
	ItemID   int64
	IssueID  int64
	AgencyID int64
	// Seq is the item's place, within its agency, in the order the
	// clusterer took the items.
	Seq int64
	// At is the time the clusterer gave the item (issue.When).
	At time.Time
	// Similarity is the cosine similarity that made it join; 0 when it
	// started the issue.
	Similarity float64
	// Sentiment is the analyst's sentiment of the item; "" when none.
	Sentiment string
}

// Head is where an agency's stored issues stand: the last sequence
// number, the last correction, and the newest item time.
type Head struct {
	Seq        int64
	Correction int64
	Newest     time.Time
}

// Filter selects issues.
type Filter struct {
	// AgencyID limits the result to one agency; 0 with All for every
	// agency (the console).
	AgencyID int64
	All      bool
	// MaxClassification is the most secret classification listed.
	MaxClassification access.Level
	// Since lists issues whose newest item is at or after it.
	Since time.Time
	// MinItems lists issues of at least that many items.
	MinItems int
	// Order is OrderSize or OrderGrowth.
	Order Order
	// Now is the time LastHour and Growth are measured at.
	Now           time.Time
	Limit, Offset int
}

// Order is the order of a listing.
type Order string

// The orders: pinned issues first, then the largest, or the fastest
// growing (items in the last hour).
const (
	OrderSize   Order = "size"
	OrderGrowth Order = "growth"
)

// Store keeps issues, their items and the correction log.
type Store interface {
	// IssueHead returns where the agency's stored issues stand.
	IssueHead(ctx context.Context, agencyID int64) (Head, error)
	// RestoreIssueStates returns the states of the agency's issues not
	// merged away whose newest item is at or after since, or pinned, and
	// the next number a new issue takes.
	RestoreIssueStates(ctx context.Context, agencyID int64, since time.Time) ([]issue.State, issue.ID, error)
	// RestoreIssueItems calls fn for the agency's assigned items with a
	// sequence number above after that are at or after since or in a
	// pinned issue, in sequence order, with their analyses.
	RestoreIssueItems(ctx context.Context, agencyID, after int64, since time.Time, fn func(issue.Restored) error) error
	// AddIssueItems stores, in one transaction, items' assignments and
	// the snapshots of the issues they joined (each inserted or updated by
	// agency and number once; its ID filled, its classification raised to
	// its new items'). A sequence or number already taken is a Conflict.
	AddIssueItems(ctx context.Context, batch []Assigned) error
	// SaveIssueCorrection stores a correction and what it changed in one
	// transaction, and fills c.ID.
	SaveIssueCorrection(ctx context.Context, c *Correction, ch *Change) error
	// FindIssues returns a page of issues and their total.
	FindIssues(ctx context.Context, f Filter) ([]*Issue, int, error)
	// FindIssueByID returns one issue with its figures at now.
	FindIssueByID(ctx context.Context, id int64, now time.Time) (*Issue, error)
	// FindIssueMembers returns an issue's items in sequence order.
	FindIssueMembers(ctx context.Context, issueID int64) ([]Member, error)
	// FindIssueCorrections returns an issue's corrections, newest first.
	FindIssueCorrections(ctx context.Context, issueID int64, limit int) ([]*Correction, error)
	// UntrackedItems calls fn for the agency's archive items published
	// (or, undated, fetched) at or after since that are in no issue,
	// oldest ID first, at most limit.
	UntrackedItems(ctx context.Context, agencyID int64, since time.Time, limit int,
		fn func(*archive.Item, *archive.Analysis) error) error
	// FindItems returns items with their analyses, in the order of ids.
	FindItems(ctx context.Context, ids []int64) ([]*archive.Item, []*archive.Analysis, error)
}

// Auditor records changes in the audit log; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, e audit.Event) error
}

// MaxRestore is the most items an agency's clusterer is rebuilt from.
const MaxRestore = 200_000

// Tracker clusters each agency's new items into issues and keeps them in
// the store. It is safe for concurrent use; an agency's items and
// corrections are taken one at a time.
type Tracker struct {
	store Store
	audit Auditor
	clock sinergi.Clock
	log   *slog.Logger
	opts  issue.Options

	mu       sync.Mutex
	agencies map[int64]*agencyIssues
}

// agencyIssues is one agency's clusterer and where its store stood when
// the clusterer last agreed with it; cl is nil until built, and again
// after a write failed.
//
// Writes are grouped: items join the clusterer under mu and wait in
// pending; one caller at a time (under write) stores everything pending
// in one transaction, so the pipeline's workers polling at once share
// their transactions. A failed write drops the clusterer and fails every
// item pending on it (epoch), whose callers retry after a rebuild.
type agencyIssues struct {
	write sync.Mutex // held by the one caller storing pending items

	mu      sync.Mutex // guards what follows
	cl      *issue.Clusterer
	head    Head // what the store holds
	next    Head // head with the pending items
	pending []Assigned
	issues  map[issue.ID]*Issue // the issues the pending items joined
	writing bool
	epoch   int
	failed  error // why the last epoch ended
}

// New returns a Tracker; opts are the clusterer's (the zero value gives
// the measured defaults).
func New(store Store, auditor Auditor, clock sinergi.Clock, log *slog.Logger, opts issue.Options) (*Tracker, error) {
	if _, err := issue.New(opts); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Tracker{store: store, audit: auditor, clock: clock, log: log, opts: opts, agencies: map[int64]*agencyIssues{}}, nil
}

func (t *Tracker) agency(id int64) *agencyIssues {
	t.mu.Lock()
	defer t.mu.Unlock()
	a, ok := t.agencies[id]
	if !ok {
		a = &agencyIssues{issues: map[issue.ID]*Issue{}}
		t.agencies[id] = a
	}
	return a
}
