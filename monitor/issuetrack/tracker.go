package issuetrack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
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

// MatchItem adds a stored item to its agency's issues and stores where it
// went: the pipeline's hand-off (ingest.Matcher). An item already taken
// is left where it is.
func (t *Tracker) MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error {
	return t.MatchItems(ctx, []*archive.Item{it}, []*archive.Analysis{a})[0]
}

// MatchItems adds a poll's or an upload's items as MatchItem does, the
// items of each agency stored in one transaction (ingest.ItemsMatcher);
// it returns one error per item.
func (t *Tracker) MatchItems(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) []error {
	errs := make([]error, len(items))
	byAgency := map[int64][]int{}
	var agencies []int64
	for i, it := range items {
		if it == nil || it.ID == 0 || it.AgencyID == 0 || i >= len(analyses) || analyses[i] == nil {
			errs[i] = fmt.Errorf("issuetrack: match item: %w", sinergi.Errorf(sinergi.KindInvalid, "error.invalid"))
			continue
		}
		if _, ok := byAgency[it.AgencyID]; !ok {
			agencies = append(agencies, it.AgencyID)
		}
		byAgency[it.AgencyID] = append(byAgency[it.AgencyID], i)
	}
	for _, id := range agencies {
		idx := byAgency[id]
		its, as := make([]*archive.Item, len(idx)), make([]*archive.Analysis, len(idx))
		for k, i := range idx {
			its[k], as[k] = items[i], analyses[i]
		}
		if err := t.addAll(ctx, id, its, as); err != nil {
			for _, i := range idx {
				errs[i] = fmt.Errorf("issuetrack: item %d: %w", items[i].ID, err)
			}
		}
	}
	return errs
}

// addAll adds one agency's items, retrying after a rebuild when another
// process wrote meanwhile.
func (t *Tracker) addAll(ctx context.Context, agencyID int64, items []*archive.Item, analyses []*archive.Analysis) error {
	ag := t.agency(agencyID)
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = t.add(ctx, ag, agencyID, items, analyses); err == nil || sinergi.KindOf(err) != sinergi.KindConflict {
			return err
		}
		t.log.Info("issues changed by another process; rebuilding", "agency_id", agencyID)
	}
	return err
}

// add is one attempt of addAll: the items join the clusterer and wait
// in pending, then pending is stored (by this caller or one before it).
func (t *Tracker) add(ctx context.Context, ag *agencyIssues, agencyID int64, items []*archive.Item, analyses []*archive.Analysis) error {
	ag.mu.Lock()
	if ag.cl == nil && ag.writing {
		// A write on a dropped clusterer is still under way: let it end
		// before rebuilding (ag.write, then ag.mu, as flush takes them).
		ag.mu.Unlock()
		ag.write.Lock()
		ag.mu.Lock()
		ag.write.Unlock()
	}
	if ag.cl == nil || len(ag.pending) == 0 && !ag.writing {
		if err := t.current(ctx, agencyID, ag); err != nil {
			ag.mu.Unlock()
			return err
		}
	}
	for i, it := range items {
		if err := t.join(ag, it, analyses[i]); err != nil {
			ag.mu.Unlock()
			return err
		}
	}
	mine, epoch := ag.next.Seq, ag.epoch
	ag.mu.Unlock()

	ag.write.Lock()
	defer ag.write.Unlock()
	ag.mu.Lock()
	defer ag.mu.Unlock()
	switch {
	case ag.epoch != epoch:
		return ag.failed
	case ag.head.Seq >= mine:
		return nil // stored with another caller's
	}
	return t.flush(ctx, ag)
}

// join adds an item to ag's clusterer and to pending, under ag.mu; an
// item taken before is left where it is.
func (t *Tracker) join(ag *agencyIssues, it *archive.Item, a *archive.Analysis) error {
	before := ag.cl.Len()
	at := issue.When(it, ag.cl.Now())
	asg, err := ag.cl.Add(it, a)
	if err != nil {
		t.drop(ag, err)
		return err
	}
	if ag.cl.Len() == before {
		return nil
	}
	is, ok := ag.issues[asg.Issue]
	if !ok {
		is = &Issue{AgencyID: it.AgencyID, Number: asg.Issue, Classification: it.Classification}
		ag.issues[asg.Issue] = is
	}
	is.Classification = max(is.Classification, it.Classification)
	ag.next.Seq++
	if at.After(ag.next.Newest) {
		ag.next.Newest = at
	}
	ag.pending = append(ag.pending, Assigned{Issue: is, Member: &Member{ItemID: it.ID, AgencyID: it.AgencyID,
		Seq: ag.next.Seq, At: at, Similarity: asg.Similarity}})
	return nil
}

// flush stores the pending items and their issues' snapshots, under
// ag.write and ag.mu (released while the store works).
func (t *Tracker) flush(ctx context.Context, ag *agencyIssues) error {
	if len(ag.pending) == 0 {
		return nil
	}
	now := t.clock.Now()
	// In order of number, so that two writers never lock issues in
	// opposite orders.
	for _, n := range slices.Sorted(maps.Keys(ag.issues)) {
		is := ag.issues[n]
		snap, err := ag.cl.Issue(n, now)
		if err != nil {
			t.drop(ag, err)
			return err
		}
		class := is.Classification
		*is = *fromSnapshot(is.AgencyID, snap)
		is.Classification = class
	}
	batch, target := ag.pending, ag.next
	ag.pending, ag.issues, ag.writing = nil, map[issue.ID]*Issue{}, true
	ag.mu.Unlock()
	err := t.store.AddIssueItems(ctx, batch)
	ag.mu.Lock()
	ag.writing = false
	if err != nil {
		t.drop(ag, err)
		return err
	}
	ag.head.Seq, ag.head.Newest = target.Seq, target.Newest
	return nil
}

// drop forgets ag's clusterer after a failure (memory may be ahead of the
// store): the items pending on it fail with err, and the next use
// rebuilds from the store. Under ag.mu.
func (t *Tracker) drop(ag *agencyIssues, err error) {
	ag.cl, ag.pending, ag.issues = nil, nil, map[issue.ID]*Issue{}
	ag.epoch++
	ag.failed = err
	ag.next = ag.head
}

// Assigned is an item's new assignment and the issue it joined, as the
// store writes them (items of one issue share its *Issue).
type Assigned struct {
	Issue  *Issue
	Member *Member
}

// fromSnapshot is the stored form of a clusterer's issue.
func fromSnapshot(agencyID int64, s issue.Issue) *Issue {
	is := &Issue{
		AgencyID: agencyID, Number: s.ID, Renamed: s.Renamed, ModelTitle: s.Headline,
		FirstSeen: s.FirstSeen, LastSeen: s.LastSeen, Items: s.Items, Pinned: s.Pinned, Sentiment: s.Sentiment,
		Mix: s.Mix, Sources: s.Sources, Regions: s.Regions, People: s.People, Organisations: s.Organisations,
	}
	if s.Renamed {
		is.Title = s.Title
	}
	return is
}

// current makes sure ag's clusterer agrees with the store: built, and no
// item or correction stored since by another process. Under ag.mu.
func (t *Tracker) current(ctx context.Context, agencyID int64, ag *agencyIssues) error {
	head, err := t.store.IssueHead(ctx, agencyID)
	if err != nil {
		return err
	}
	if ag.cl != nil && head.Seq == ag.head.Seq && head.Correction == ag.head.Correction {
		return nil
	}
	if len(ag.pending) > 0 {
		// Pending items joined the clusterer being replaced: their
		// callers retry on the rebuilt one.
		t.drop(ag, sinergi.Errorf(sinergi.KindConflict, "error.conflict"))
	}
	start := time.Now()
	cl, n, err := t.restore(ctx, agencyID, head)
	if err != nil {
		return err
	}
	ag.cl, ag.head, ag.next = cl, head, head
	caught, err := t.catchUp(ctx, agencyID, ag)
	if err != nil {
		t.drop(ag, err)
		return err
	}
	t.log.Info("issues restored", "agency_id", agencyID, "items", n, "caught_up", caught, "seq", head.Seq,
		"took", time.Since(start))
	return nil
}

// catchUp adds to a rebuilt clusterer the agency's recent archive items
// that are in no issue: those a process stored and then stopped (or
// failed to write) before their assignment was, and those imported into
// the archive without the pipeline. They wait in pending for the caller's
// write. Under ag.mu.
func (t *Tracker) catchUp(ctx context.Context, agencyID int64, ag *agencyIssues) (int, error) {
	n := 0
	err := t.store.UntrackedItems(ctx, agencyID, t.clock.Now().Add(-t.keep()), MaxRestore,
		func(it *archive.Item, a *archive.Analysis) error {
			n++
			return t.join(ag, it, a)
		})
	return n, err
}

// keep is the clusterer's Keep.
func (t *Tracker) keep() time.Duration {
	if t.opts.Keep == 0 {
		return 14 * 24 * time.Hour
	}
	return t.opts.Keep
}

// restore builds an agency's clusterer from the store (see the package
// comment).
func (t *Tracker) restore(ctx context.Context, agencyID int64, head Head) (*issue.Clusterer, int, error) {
	since := head.Newest.Add(-t.keep())
	states, next, err := t.store.RestoreIssueStates(ctx, agencyID, since)
	if err != nil {
		return nil, 0, err
	}
	var (
		n       int
		readErr error
	)
	errStop := errors.New("stop")
	items := func(yield func(issue.Restored) bool) {
		readErr = t.store.RestoreIssueItems(ctx, agencyID, max(head.Seq-MaxRestore, 0), since,
			func(r issue.Restored) error {
				n++
				if !yield(r) {
					return errStop
				}
				return nil
			})
	}
	cl, err := issue.Restore(t.opts, items, states, next)
	if readErr != nil && !errors.Is(readErr, errStop) {
		return nil, 0, fmt.Errorf("restore agency %d: %w", agencyID, readErr)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("restore agency %d: %w", agencyID, err)
	}
	return cl, n, nil
}
