package issuetrack

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor/issue"
)

// The write path: items from the pipeline join their agency's clusterer
// and are stored (group commit); an agency's clusterer is rebuilt from
// the store when it is missing or another process wrote.

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
