package issuetrack

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
)

// Visible reports whether actor may see an issue: the console operator,
// or someone of its agency whose clearance reaches its classification
// (that of its most secret item).
func Visible(actor access.Actor, is *Issue) bool {
	if actor.System {
		return true
	}
	return !actor.Anonymous() && actor.AgencyID() == is.AgencyID &&
		access.Can(actor, access.View, is.Resource())
}

// ListFilter is what a person asks of the issue list.
type ListFilter struct {
	// Since lists issues whose newest item is at or after it.
	Since    time.Time
	MinItems int
	Order    Order
	// All lists every agency's issues, for the console operator only.
	All           bool
	Limit, Offset int
}

// List returns the issues of the actor's agency they may see (every
// agency's for the console operator asking All), with their growth now.
func (t *Tracker) List(ctx context.Context, actor access.Actor, lf ListFilter) ([]*Issue, int, error) {
	f := Filter{Since: lf.Since, MinItems: lf.MinItems, Order: lf.Order, Now: t.clock.Now(), Limit: lf.Limit, Offset: lf.Offset}
	switch {
	case actor.System && lf.All:
		f.All, f.MaxClassification = true, access.Rahasia
	case actor.Anonymous() && !actor.System:
		return nil, 0, nil
	default:
		f.AgencyID = actor.AgencyID()
		f.MaxClassification = access.MaxVisible(actor, access.Same)
		if actor.System {
			f.MaxClassification = access.Rahasia
		}
	}
	if f.Order != OrderGrowth {
		f.Order = OrderSize
	}
	list, total, err := t.store.FindIssues(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("issuetrack: list: %w", err)
	}
	return list, total, nil
}

// Find returns an issue the actor may see; NotFound otherwise.
func (t *Tracker) Find(ctx context.Context, actor access.Actor, id int64) (*Issue, error) {
	if id <= 0 {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
	}
	is, err := t.store.FindIssueByID(ctx, id, t.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("issuetrack: issue %d: %w", id, err)
	}
	if !Visible(actor, is) {
		return nil, fmt.Errorf("issuetrack: issue %d: %w", id, sinergi.Errorf(sinergi.KindNotFound, "error.not_found"))
	}
	return is, nil
}

// MemberItem is an item of an issue with its place there.
type MemberItem struct {
	Member
	Item *archive.Item
}

// MaxMembers is the most items Members returns, the newest.
const MaxMembers = 500

// Members returns the items of an issue the actor may see (at most
// MaxMembers, the newest), newest first, and how many the issue holds.
func (t *Tracker) Members(ctx context.Context, actor access.Actor, is *Issue) ([]MemberItem, int, error) {
	if !Visible(actor, is) {
		return nil, 0, sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
	}
	ms, err := t.store.FindIssueMembers(ctx, is.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("issuetrack: issue %d: %w", is.ID, err)
	}
	total := len(ms)
	if len(ms) > MaxMembers {
		ms = ms[len(ms)-MaxMembers:]
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[len(ms)-1-i] = m.ItemID
	}
	items, _, err := t.store.FindItems(ctx, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("issuetrack: items of issue %d: %w", is.ID, err)
	}
	byID := make(map[int64]Member, len(ms))
	for _, m := range ms {
		byID[m.ItemID] = m
	}
	var out []MemberItem
	for _, it := range items {
		if access.Can(actor, access.View, it.Resource()) {
			out = append(out, MemberItem{Member: byID[it.ID], Item: it})
		}
	}
	return out, total, nil
}

// Corrections returns the issue's correction history, newest first.
func (t *Tracker) Corrections(ctx context.Context, actor access.Actor, is *Issue, limit int) ([]*Correction, error) {
	if !Visible(actor, is) {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
	}
	cs, err := t.store.FindIssueCorrections(ctx, is.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("issuetrack: corrections of issue %d: %w", is.ID, err)
	}
	return cs, nil
}
