package brief

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
)

// IssueSource gives a brief its top issues. ReplayIssues clusters the
// window's items afresh; a source over the persisted issues can take its
// place without changing the brief.
type IssueSource interface {
	// TopIssues returns at most in.Limit issues of the window, the
	// largest first, and the version of what made them.
	TopIssues(ctx context.Context, in IssueInput) ([]Issue, QueryVersion, error)
}

// IssueInput is what an IssueSource is asked: the agency, the window and
// ceiling, and the window's items (those the brief may show), oldest
// first, with their analyses. Items streams them while the brief reads
// them, so clustering runs beside the reading; a source that does not
// need them need not range over it.
type IssueInput struct {
	AgencyID     int64
	Since, Until time.Time
	Ceiling      access.Level
	Items        iter.Seq2[*archive.Item, *archive.Analysis]
	Limit        int
}

// ReplayIssues clusters the window's items with monitor/issue (as `sinergi
// issues list` does) and keeps the issues of two items or more.
type ReplayIssues struct {
	// Options of the clusterer; the zero value is its defaults.
	Options issue.Options
}

// TopIssues clusters in.Items and returns the largest issues.
func (r ReplayIssues) TopIssues(_ context.Context, in IssueInput) ([]Issue, QueryVersion, error) {
	cl, err := issue.Replay(r.Options, in.Items, nil)
	if err != nil {
		return nil, QueryVersion{}, fmt.Errorf("brief: cluster issues: %w", err)
	}
	o := cl.Options()
	version := QueryVersion{Kind: "issues", Name: "monitor/issue.Replay",
		Query: fmt.Sprintf("threshold=%g window=%s", o.Threshold, o.Window)}
	list := slices.DeleteFunc(cl.Issues(in.Since, in.Until), func(is issue.Issue) bool { return is.Items < 2 })
	slices.SortStableFunc(list, func(a, b issue.Issue) int {
		return cmp.Or(cmp.Compare(b.Items, a.Items), cmp.Compare(b.Growth, a.Growth), a.FirstSeen.Compare(b.FirstSeen))
	})
	out := make([]Issue, 0, min(len(list), in.Limit))
	for _, is := range list[:min(len(list), in.Limit)] {
		sources := make([]Count, 0, maxSources)
		for _, c := range is.Sources[:min(len(is.Sources), maxSources)] {
			sources = append(sources, Count{Name: c.Name, N: c.N})
		}
		out = append(out, Issue{Title: is.Title, Items: is.Items, LastHour: is.LastHour, PerHour: round2(is.PerHour),
			Growth: round2(is.Growth), FirstSeen: is.FirstSeen.UTC(), Sources: sources,
			Sentiment: Mix{Positive: is.Mix.Positive, Neutral: is.Mix.Neutral, Negative: is.Mix.Negative, NotRated: is.Mix.NotRated}})
	}
	return out, version, nil
}

// round2 rounds to two decimals, as far as a brief shows a rate.
func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// IssueStore finds the tracked issues (monitor/issuetrack); *store.DB is
// one.
type IssueStore interface {
	FindIssues(ctx context.Context, f issuetrack.Filter) ([]*issuetrack.Issue, int, error)
}

// TrackedIssues gives a brief the issues the tracker keeps for the agency
// (analysts' names, merges and sentiments included): those of two items
// or more that were seen in the window, none more secret than the brief's
// ceiling, the largest first, with their growth at the window's end. It
// reads the store, so the brief's time does not grow with the number of
// items.
type TrackedIssues struct{ Store IssueStore }

// TopIssues reads the largest tracked issues of the window.
func (t TrackedIssues) TopIssues(ctx context.Context, in IssueInput) ([]Issue, QueryVersion, error) {
	list, _, err := t.Store.FindIssues(ctx, issuetrack.Filter{AgencyID: in.AgencyID, MaxClassification: in.Ceiling,
		Since: in.Since, MinItems: 2, Order: issuetrack.OrderSize, Now: in.Until, Limit: in.Limit})
	if err != nil {
		return nil, QueryVersion{}, fmt.Errorf("brief: tracked issues: %w", err)
	}
	version := QueryVersion{Kind: "issues", Name: "monitor/issuetrack", Query: "min_items=2 order=size"}
	out := make([]Issue, 0, len(list))
	for _, is := range list {
		sources := make([]Count, 0, maxSources)
		for _, c := range is.Sources[:min(len(is.Sources), maxSources)] {
			sources = append(sources, Count{Name: c.Name, N: c.N})
		}
		mix := Mix{Positive: is.Mix.Positive, Neutral: is.Mix.Neutral, Negative: is.Mix.Negative, NotRated: is.Mix.NotRated}
		out = append(out, Issue{Title: is.Title, Items: is.Items, LastHour: is.LastHour, PerHour: round2(is.PerHour),
			Growth: round2(is.Growth), FirstSeen: is.FirstSeen.UTC(), Sources: sources, Sentiment: mix})
	}
	return out, version, nil
}
