package issuetrack

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/monitor/issue"
)

// Correction is an analyst's correction as the log keeps it: the
// clusterer's correction (numbers within the agency), the issues it names
// by ID, who made it and when.
type Correction struct {
	ID       int64
	AgencyID int64
	IssueID  int64
	issue.Correction
	// OtherID is, for a merge, the ID of the issue merged into IssueID;
	// CreatedID, for a split, the ID of the new issue.
	OtherID   int64
	CreatedID int64
	ActorID   int64
	ActorName string
	At        time.Time
}

// Change is what a correction changes in the store besides its log
// entry: the issues' new snapshots (inserted or updated by agency and
// number; their IDs filled), items moved to another issue, items'
// sentiments, and an issue merged away.
type Change struct {
	Issues []*Issue
	// Moves moves Items to the issue numbered To.
	Moves []Move
	// ItemSentiment sets the analyst's sentiment of Items.
	ItemSentiment *ItemSentiment
	// MergedFrom is the number of the issue merged into the corrected
	// one; 0 for other corrections.
	MergedFrom issue.ID
}

// Move moves items to the issue numbered To.
type Move struct {
	Items []int64
	To    issue.ID
}

// ItemSentiment is the analyst's sentiment of items ("" gives them back
// to the model).
type ItemSentiment struct {
	Items     []int64
	Sentiment string
}

// Request is a correction as a person asks for it.
type Request struct {
	Op issue.Op
	// Title is the new name (Rename; "" gives naming back to the model).
	Title string
	// Other is the ID of the issue to merge into this one (Merge).
	Other int64
	// Items are the items to split off (Split) or whose sentiment is set
	// (ItemSentiment).
	Items []int64
	// Sentiment is the value set (IssueSentiment, ItemSentiment).
	Sentiment string
}

// MaxItems is the most items one correction names.
const MaxItems = 1_000

// Ops lists the corrections in the order forms offer them.
var Ops = []issue.Op{issue.Rename, issue.Merge, issue.Split, issue.Pin, issue.Unpin, issue.IssueSentiment, issue.ItemSentiment}

// summaries are the audit log's message keys per correction.
var summaries = map[issue.Op]string{
	issue.Rename:         "audit.summary.issue_rename",
	issue.Merge:          "audit.summary.issue_merge",
	issue.Split:          "audit.summary.issue_split",
	issue.Pin:            "audit.summary.issue_pin",
	issue.Unpin:          "audit.summary.issue_unpin",
	issue.IssueSentiment: "audit.summary.issue_sentiment",
	issue.ItemSentiment:  "audit.summary.issue_item_sentiment",
}

// CanCorrect reports whether actor may correct the issue: administrators,
// heads of Humas, analysts and editors of its agency who may see it.
// Leaders and staff read; reporters and PPID officers do not analyse.
func CanCorrect(actor access.Actor, is *Issue) bool {
	if !Visible(actor, is) {
		return false
	}
	if actor.System {
		return true
	}
	switch actor.Role {
	case access.Administrator, access.KepalaHumas, access.Analis, access.Editor:
		return access.Can(actor, access.Change, is.Resource())
	}
	return false
}

// Correct applies an analyst's correction to an issue: checked, applied
// to the live clusterer (where it wins over the model from then on),
// stored with what it changed, and recorded in the audit log. It returns
// the issue as it now stands (for a merge, the kept one).
func (t *Tracker) Correct(ctx context.Context, actor access.Actor, id int64, req Request) (*Issue, error) {
	now := t.clock.Now()
	is, err := t.Find(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanCorrect(actor, is) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "issue.error.forbidden")
	}
	if is.MergedInto != 0 {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.merged")
	}
	cor, other, err := t.check(ctx, actor, is, req)
	if err != nil {
		return nil, err
	}
	ag := t.agency(is.AgencyID)
	ag.write.Lock()
	defer ag.write.Unlock()
	ag.mu.Lock()
	defer ag.mu.Unlock()
	// Items that came in before are stored first (flush lets more in
	// while it writes; their callers then wait for ag.write).
	for len(ag.pending) > 0 {
		if err := t.flush(ctx, ag); err != nil {
			return nil, fmt.Errorf("issuetrack: correct issue %d: %w", id, err)
		}
	}
	if err := t.current(ctx, is.AgencyID, ag); err != nil {
		return nil, fmt.Errorf("issuetrack: correct issue %d: %w", id, err)
	}
	for len(ag.pending) > 0 { // items a rebuild caught up
		if err := t.flush(ctx, ag); err != nil {
			return nil, fmt.Errorf("issuetrack: correct issue %d: %w", id, err)
		}
	}
	applied, err := ag.cl.Apply(cor)
	if sinergi.KindOf(err) == sinergi.KindNotFound {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.closed")
	}
	if err != nil {
		return nil, fmt.Errorf("issuetrack: correct issue %d: %w", id, err)
	}
	rec := &Correction{AgencyID: is.AgencyID, IssueID: is.ID, Correction: applied, ActorID: actor.UserID,
		ActorName: actorName(actor), At: now}
	if other != nil {
		rec.OtherID = other.ID
	}
	ch, err := t.change(ag.cl, is, applied, now)
	if err == nil {
		err = t.store.SaveIssueCorrection(ctx, rec, ch)
	}
	if err != nil {
		t.drop(ag, err) // memory is ahead of the store: rebuild at the next use
		return nil, fmt.Errorf("issuetrack: correct issue %d: %w", id, err)
	}
	ag.head.Correction, ag.next.Correction = rec.ID, rec.ID
	err = t.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: is.AgencyID, AgencyPath: access.PathString(is.AgencyPath),
		Action: "issue." + string(cor.Op), TargetType: "issue", TargetID: strconv.FormatInt(is.ID, 10),
		Summary: summaries[cor.Op], SummaryArgs: []string{strconv.FormatInt(is.ID, 10), strconv.FormatInt(rec.OtherID+rec.CreatedID, 10)},
	})
	if err != nil {
		return nil, fmt.Errorf("issuetrack: %w", err)
	}
	return t.store.FindIssueByID(ctx, is.ID, now)
}

// check turns a request into the clusterer's correction, refusing what
// the clusterer would not be given: an unknown op, too many items, items
// not in the issue, a merge with an issue of another agency or one the
// actor may not correct.
func (t *Tracker) check(ctx context.Context, actor access.Actor, is *Issue, req Request) (issue.Correction, *Issue, error) {
	cor := issue.Correction{Op: req.Op, Issue: is.Number, Title: req.Title, Sentiment: req.Sentiment}
	if !slices.Contains(Ops, req.Op) {
		return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.op")
	}
	if len(req.Items) > MaxItems {
		return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.too_many_items", MaxItems)
	}
	switch req.Op {
	case issue.Merge:
		other, err := t.Find(ctx, actor, req.Other)
		if err != nil || other.ID == is.ID || other.AgencyID != is.AgencyID || other.MergedInto != 0 || !CanCorrect(actor, other) {
			return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.merge_other")
		}
		cor.Other = other.Number
		return cor, other, nil
	case issue.Split, issue.ItemSentiment:
		if len(req.Items) == 0 {
			return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.no_items")
		}
		members, err := t.store.FindIssueMembers(ctx, is.ID)
		if err != nil {
			return cor, nil, fmt.Errorf("issuetrack: issue %d: %w", is.ID, err)
		}
		in := make(map[int64]bool, len(members))
		for _, m := range members {
			in[m.ItemID] = true
		}
		for _, it := range req.Items {
			if !in[it] {
				return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.not_member")
			}
		}
		if req.Op == issue.Split && len(req.Items) >= len(members) {
			return cor, nil, sinergi.Errorf(sinergi.KindInvalid, "issue.error.split_all")
		}
		cor.Items = slices.Clone(req.Items)
	}
	return cor, nil, nil
}

// change is what an applied correction changed, for the store.
func (t *Tracker) change(cl *issue.Clusterer, is *Issue, cor issue.Correction, now time.Time) (*Change, error) {
	ch := &Change{}
	snap := func(n issue.ID, reshaped bool) error {
		s, err := cl.Issue(n, now)
		if err != nil {
			return err
		}
		st := fromSnapshot(is.AgencyID, s)
		st.Reshaped = reshaped
		ch.Issues = append(ch.Issues, st)
		return nil
	}
	reshaped := cor.Op == issue.Merge || cor.Op == issue.Split || is.Reshaped
	if err := snap(cor.Issue, reshaped); err != nil {
		return nil, err
	}
	switch cor.Op {
	case issue.Merge:
		ch.MergedFrom = cor.Other
		members, err := cl.Members(cor.Issue)
		if err != nil {
			return nil, err
		}
		ch.Moves = []Move{{Items: members, To: cor.Issue}}
	case issue.Split:
		if err := snap(cor.Created, true); err != nil {
			return nil, err
		}
		ch.Moves = []Move{{Items: cor.Items, To: cor.Created}}
	case issue.ItemSentiment:
		ch.ItemSentiment = &ItemSentiment{Items: cor.Items, Sentiment: cor.Sentiment}
	}
	return ch, nil
}

// actorName is who the correction log names.
func actorName(a access.Actor) string {
	if a.System || a.Username == "" {
		return "system"
	}
	return a.Username
}
