package issue

import (
	"reflect"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
)

// TestRestore rebuilds a corrected clusterer from its stored assignments
// and states: the same issues, IDs and figures, and the next items join
// the issues they join in the clusterer that never stopped.
func TestRestore(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	type input struct {
		it *archive.Item
		an *archive.Analysis
	}
	var inputs []input
	for i, s := range stories[:6] {
		it, an := f.item(int64(i+1), s)
		if _, err := c.Add(it, an); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{it, an})
	}
	mustApply(t, c, Correction{Op: Rename, Issue: 2, Title: "Haji"})
	mustApply(t, c, Correction{Op: Pin, Issue: 3})
	mustApply(t, c, Correction{Op: IssueSentiment, Issue: 1, Sentiment: "negative"})
	mustApply(t, c, Correction{Op: ItemSentiment, Items: []int64{2}, Sentiment: "neutral"})
	split := mustApply(t, c, Correction{Op: Split, Issue: 1, Items: []int64{6}})

	states := []State{
		{ID: 1, Sentiment: "negative", Reshaped: true},
		{ID: 2, Title: "Haji"},
		{ID: 3, Pinned: true},
		{ID: split.Created, Reshaped: true},
	}
	sentiments := map[int64]string{2: "neutral"}
	stored := func(yield func(Restored) bool) {
		for _, in := range inputs {
			id, _ := c.IssueOf(in.it.ID)
			if !yield(Restored{Item: in.it, Analysis: in.an, Issue: id, Sentiment: sentiments[in.it.ID]}) {
				return
			}
		}
	}
	r, err := Restore(Options{}, stored, states, split.Created+1)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	now := t0.Add(10 * time.Hour)
	if got, want := r.Issues(time.Time{}, now), c.Issues(time.Time{}, now); !reflect.DeepEqual(got, want) {
		t.Fatalf("Restore: issues\n%+v\nwant\n%+v", got, want)
	}
	for i, s := range stories[6:] {
		it, an := f.item(int64(i+7), s)
		want, err := c.Add(it, an)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Add(it, an)
		if err != nil {
			t.Fatal(err)
		}
		if got.Issue != want.Issue || got.New != want.New {
			t.Errorf("after Restore: Add(%d) joined %d (new %v), want %d (new %v)", it.ID, got.Issue, got.New, want.Issue, want.New)
		}
	}
	n, err := r.Split(3, []int64{4})
	if err == nil && n.Created <= split.Created {
		t.Errorf("after Restore: a split created issue %d, which was given before", n.Created)
	}
}

func TestRestoreRefuses(t *testing.T) {
	f := newFixture(t)
	it, an := f.item(1, stories[0])
	for name, tc := range map[string]struct {
		items  []Restored
		states []State
	}{
		"no issue":      {items: []Restored{{Item: it, Analysis: an}}},
		"twice":         {items: []Restored{{Item: it, Analysis: an, Issue: 1}, {Item: it, Analysis: an, Issue: 1}}},
		"bad sentiment": {items: []Restored{{Item: it, Analysis: an, Issue: 1, Sentiment: "angry"}}},
		"bad state":     {states: []State{{ID: 1, Sentiment: "angry"}}},
		"item missing":  {items: []Restored{{Analysis: an, Issue: 1}}},
	} {
		seq := func(yield func(Restored) bool) {
			for _, r := range tc.items {
				if !yield(r) {
					return
				}
			}
		}
		if _, err := Restore(Options{}, seq, tc.states, 1); err == nil {
			t.Errorf("Restore(%s) = nil error", name)
		}
	}
}
