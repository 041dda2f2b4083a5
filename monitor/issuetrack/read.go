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
// or someone of its agency or of an agency above it (a province's Humas
// reads its kabupaten's issues) whose clearance and relation reach its
// classification, that of its most secret item, as they would the items.
// Only the agency's own people correct it (CanCorrect).
func Visible(actor access.Actor, is *Issue) bool {
	if actor.System {
		return true
	}
	rel := access.RelationOf(actor.AgencyPath, is.AgencyPath)
	return !actor.Anonymous() && (rel == access.Same || rel == access.Parent) &&
		access.Can(actor, access.View, is.Resource())
}

// ListFilter is what a person asks of the issue list.
type ListFilter struct {
	// Agency is the path of the agency whose issues are listed: the
	// actor's own when nil, or one below it.
	Agency   []int64
	Since    time.Time
	MinItems int
	Order    Order
	// All lists every agency's issues, for the console operator only.
	All           bool
	Limit, Offset int
}

// List returns the issues of the agency asked for (the actor's own, or
// one below it) that the actor may see, with their growth now; every
// agency's for the console operator asking All. An agency that is neither
// the actor's nor below it is NotFound.
func (t *Tracker) List(ctx context.Context, actor access.Actor, lf ListFilter) ([]*Issue, int, error) {
	f := Filter{Since: lf.Since, MinItems: lf.MinItems, Order: lf.Order, Now: t.clock.Now(), Limit: lf.Limit, Offset: lf.Offset}
	path := lf.Agency
	if path == nil {
		path = actor.AgencyPath
	}
	var agencyID int64 // the last of path; 0 for a console without an agency
	if len(path) > 0 {
		agencyID = path[len(path)-1]
	}
	switch rel := access.RelationOf(actor.AgencyPath, path); {
	case actor.System && lf.All:
		f.All, f.MaxClassification = true, access.Rahasia
	case actor.System:
		f.AgencyID, f.MaxClassification = agencyID, access.Rahasia
	case actor.Anonymous():
		return nil, 0, nil
	case rel == access.Same || rel == access.Parent:
		f.AgencyID, f.MaxClassification = agencyID, access.MaxVisible(actor, rel)
	default:
		return nil, 0, sinergi.Errorf(sinergi.KindNotFound, "error.not_found")
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
