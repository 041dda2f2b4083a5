package issue

import (
	"errors"
	"iter"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
)

// clustered returns a clusterer holding the test stories: issue 1 banjir
// (items 1, 3, 6), 2 haji (2, 5, 8), 3 timnas (4, 7).
func clustered(t *testing.T) (*fixture, *Clusterer) {
	t.Helper()
	f := newFixture(t)
	c := mustNew(t, Options{})
	f.addAll(t, c, stories)
	for id, want := range map[ID][]int64{1: {1, 3, 6}, 2: {2, 5, 8}, 3: {4, 7}} {
		if got, _ := c.Members(id); !slices.Equal(got, want) {
			t.Fatalf("fixture: Members(%d) = %v, want %v", id, got, want)
		}
	}
	return f, c
}

func mustApply(t *testing.T, c *Clusterer, cor Correction) Correction {
	t.Helper()
	got, err := c.Apply(cor)
	if err != nil {
		t.Fatalf("Apply(%+v) = %v", cor, err)
	}
	return got
}

func issueAt(t *testing.T, c *Clusterer, id ID) Issue {
	t.Helper()
	is, err := c.Issue(id, c.Now())
	if err != nil {
		t.Fatalf("Issue(%d) = %v", id, err)
	}
	return is
}

func TestRename(t *testing.T) {
	f, c := clustered(t)
	model := issueAt(t, c, 1).Headline
	cor := mustApply(t, c, Correction{Op: Rename, Issue: 1, Title: "  Banjir   Jambi 2025 "})
	if cor.After != int64(len(stories)) {
		t.Errorf("Rename: After = %d, want %d", cor.After, len(stories))
	}
	is := issueAt(t, c, 1)
	if is.Title != "Banjir Jambi 2025" || !is.Renamed || is.Headline != model {
		t.Errorf("after Rename: title %q, renamed %v, headline %q", is.Title, is.Renamed, is.Headline)
	}
	// New items do not change an analyst's name.
	more := stories[0]
	more.hours, more.title = 8, "Posko Pengungsian Banjir Kota Jambi Kekurangan Air Bersih"
	if a, _ := c.Add(f.item(100, more)); a.Issue != 1 {
		t.Fatalf("new banjir item went to %d", a.Issue)
	}
	if is := issueAt(t, c, 1); is.Title != "Banjir Jambi 2025" {
		t.Errorf("after a new item: title %q", is.Title)
	}
	mustApply(t, c, Correction{Op: Rename, Issue: 1, Title: ""})
	if is := issueAt(t, c, 1); is.Renamed || is.Title != is.Headline {
		t.Errorf("after Rename to \"\": title %q, renamed %v, want the headline back", is.Title, is.Renamed)
	}
}

func TestMerge(t *testing.T) {
	f, c := clustered(t)
	mustApply(t, c, Correction{Op: Rename, Issue: 3, Title: "Timnas menang"})
	mustApply(t, c, Correction{Op: Pin, Issue: 3})
	mustApply(t, c, Correction{Op: IssueSentiment, Issue: 1, Sentiment: "negative"})
	cor, err := c.Merge(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if cor.Op != Merge || cor.Issue != 1 || cor.Other != 3 {
		t.Errorf("Merge returned %+v", cor)
	}
	is := issueAt(t, c, 1)
	if is.Items != 5 || is.Title != "Timnas menang" || !is.Renamed || !is.Pinned || is.Sentiment != "negative" {
		t.Errorf("merged issue: %d items, title %q, renamed %v, pinned %v, sentiment %q", is.Items, is.Title, is.Renamed, is.Pinned, is.Sentiment)
	}
	if m, _ := c.Members(1); !slices.Equal(m, []int64{1, 3, 4, 6, 7}) {
		t.Errorf("Members(1) = %v, want arrival order [1 3 4 6 7]", m)
	}
	// The other ID names the merged issue.
	if is3 := issueAt(t, c, 3); is3.ID != 1 {
		t.Errorf("Issue(3) after the merge = issue %d, want 1", is3.ID)
	}
	if id, _ := c.IssueOf(4); id != 1 {
		t.Errorf("IssueOf(4) = %d, want 1", id)
	}
	// A merged pair stays merged: reports of either join the merged issue.
	more := stories[6]
	more.hours = 9
	if a, _ := c.Add(f.item(100, more)); a.Issue != 1 {
		t.Errorf("a new timnas report went to %d, want the merged issue 1", a.Issue)
	}
	// Merging into an alias and chains of merges resolve.
	if _, err := c.Merge(2, 3); err != nil {
		t.Fatalf("Merge(2, 3 = alias of 1): %v", err)
	}
	if is := issueAt(t, c, 3); is.ID != 2 || is.Items != 9 {
		t.Errorf("after Merge(2, alias 3): Issue(3) = %d with %d items, want 2 with 9", is.ID, is.Items)
	}
	if len(c.Issues(time.Time{}, c.Now())) != 1 {
		t.Errorf("Issues after two merges: %v", ids(c.Issues(time.Time{}, c.Now())))
	}
	checkIndex(t, c)
}

func TestSplit(t *testing.T) {
	f, c := clustered(t)
	mustApply(t, c, Correction{Op: Rename, Issue: 2, Title: "Kuota haji"})
	cor, err := c.Split(2, []int64{8, 8})
	if err != nil {
		t.Fatal(err)
	}
	if cor.Created != 4 {
		t.Errorf("Split created %d, want 4", cor.Created)
	}
	if m, _ := c.Members(2); !slices.Equal(m, []int64{2, 5}) {
		t.Errorf("Members(2) after split = %v", m)
	}
	if m, _ := c.Members(4); !slices.Equal(m, []int64{8}) {
		t.Errorf("Members(4) after split = %v", m)
	}
	old, split := issueAt(t, c, 2), issueAt(t, c, 4)
	if old.Title != "Kuota haji" || split.Renamed || split.Title != stories[7].title {
		t.Errorf("titles after split: %q, %q (renamed %v)", old.Title, split.Title, split.Renamed)
	}
	if !split.FirstSeen.Equal(split.LastSeen) || old.LastSeen.After(t0.Add(4*time.Hour)) {
		t.Errorf("times after split: old last %v, split %v–%v", old.LastSeen, split.FirstSeen, split.LastSeen)
	}
	// The model never puts a split item back: it stays in its issue as
	// new items arrive, and corrections alone move it.
	more := stories[4]
	more.hours = 8
	if _, err := c.Add(f.item(100, more)); err != nil {
		t.Fatal(err)
	}
	if id, _ := c.IssueOf(8); id != 4 {
		t.Errorf("split item 8 is in %d, want 4", id)
	}
	// Splitting every item, or items of another issue, is refused.
	for _, bad := range [][]int64{{2, 5, 100}, {4}, {}, {999}} {
		if _, err := c.Split(2, bad); !errors.Is(err, sinergi.ErrInvalid) {
			t.Errorf("Split(2, %v) = %v, want invalid", bad, err)
		}
	}
	if _, err := c.Merge(2, 4); err != nil {
		t.Errorf("an analyst may merge a split back: %v", err)
	}
	checkIndex(t, c)
}

func TestPin(t *testing.T) {
	f, c := clustered(t)
	if _, err := c.Pin(3, true); err != nil {
		t.Fatal(err)
	}
	list := c.Issues(time.Time{}, c.Now())
	if len(list) != 3 || list[0].ID != 3 || !list[0].Pinned {
		t.Errorf("Issues: %v, want the pinned issue 3 first", ids(list))
	}
	late := stories[6]
	late.hours = 100 // past the window
	if a, _ := c.Add(f.item(100, late)); a.Issue != 3 {
		t.Errorf("a late report of a pinned issue went to %d, want 3", a.Issue)
	}
	if _, err := c.Pin(3, false); err != nil {
		t.Fatal(err)
	}
	late.hours = 200
	if a, _ := c.Add(f.item(101, late)); a.Issue == 3 {
		t.Error("a late report joined an unpinned, closed issue")
	}
	checkIndex(t, c)
}

func TestSentimentCorrections(t *testing.T) {
	_, c := clustered(t)
	mustApply(t, c, Correction{Op: ItemSentiment, Items: []int64{1, 3}, Sentiment: "positive"})
	if got, want := issueAt(t, c, 1).Mix, (Mix{Positive: 3}); got != want {
		t.Errorf("Mix after ItemSentiment = %+v, want %+v", got, want)
	}
	mustApply(t, c, Correction{Op: ItemSentiment, Items: []int64{3}, Sentiment: ""})
	if got, want := issueAt(t, c, 1).Mix, (Mix{Positive: 2, Neutral: 1}); got != want {
		t.Errorf("Mix after clearing item 3 = %+v, want %+v (the model's neutral)", got, want)
	}
	mustApply(t, c, Correction{Op: IssueSentiment, Issue: 1, Sentiment: "negative"})
	if got := issueAt(t, c, 1).Sentiment; got != "negative" {
		t.Errorf("Issue sentiment = %q", got)
	}
	for _, bad := range []Correction{
		{Op: ItemSentiment, Items: []int64{1}, Sentiment: "angry"},
		{Op: ItemSentiment, Sentiment: "positive"},
		{Op: IssueSentiment, Issue: 1, Sentiment: "x"},
		{Op: "delete", Issue: 1},
		{Op: Merge, Issue: 1, Other: 1},
		{Op: Rename, Issue: 1, Title: string(make([]rune, archive.MaxTitle+1))},
	} {
		if _, err := c.Apply(bad); !errors.Is(err, sinergi.ErrInvalid) {
			t.Errorf("Apply(%+v) = %v, want invalid", bad.Op, err)
		}
	}
	for _, bad := range []Correction{
		{Op: ItemSentiment, Items: []int64{999}, Sentiment: "positive"},
		{Op: Rename, Issue: 99, Title: "x"},
		{Op: Merge, Issue: 1, Other: 99},
		{Op: Pin, Issue: 99},
	} {
		if _, err := c.Apply(bad); !errors.Is(err, sinergi.ErrNotFound) {
			t.Errorf("Apply(%+v) = %v, want not found", bad, err)
		}
	}
}

// TestReplay checks determinism: the same items and corrections, replayed
// from the log, give the same assignments, IDs and figures.
func TestReplay(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	var log []Correction
	var asg []Assignment
	type input struct {
		it *archive.Item
		an *archive.Analysis
	}
	var inputs []input
	add := func(id int64, s story) {
		it, an := f.item(id, s)
		a, err := c.Add(it, an)
		if err != nil {
			t.Fatal(err)
		}
		asg = append(asg, a)
		inputs = append(inputs, input{it, an})
	}
	for i, s := range stories[:5] {
		add(int64(i+1), s)
	}
	apply := func(cor Correction) {
		got, err := c.Apply(cor)
		if err != nil {
			t.Fatal(err)
		}
		log = append(log, got)
	}
	apply(Correction{Op: Merge, Issue: 1, Other: 3})
	apply(Correction{Op: Rename, Issue: 2, Title: "Haji"})
	for i, s := range stories[5:] {
		add(int64(i+6), s)
	}
	apply(Correction{Op: Split, Issue: 2, Items: []int64{8}})
	apply(Correction{Op: Pin, Issue: 4})
	apply(Correction{Op: ItemSentiment, Items: []int64{2}, Sentiment: "neutral"})

	items := func(yield func(*archive.Item, *archive.Analysis) bool) {
		for _, in := range inputs {
			if !yield(in.it, in.an) {
				return
			}
		}
	}
	r, err := Replay(Options{}, items, log)
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	now := t0.Add(10 * time.Hour)
	if got, want := r.Issues(time.Time{}, now), c.Issues(time.Time{}, now); !reflect.DeepEqual(got, want) {
		t.Errorf("replayed issues differ:\n got %+v\nwant %+v", got, want)
	}
	for _, a := range asg {
		orig, _ := c.IssueOf(a.ItemID)
		again, _ := r.IssueOf(a.ItemID)
		if orig != again {
			t.Errorf("item %d: issue %d, replayed %d", a.ItemID, orig, again)
		}
	}
	checkIndex(t, r)

	// A log that does not fit the items is refused.
	bad := slices.Clone(log)
	bad[2].Created = 9
	if _, err := Replay(Options{}, items, bad); err == nil {
		t.Error("Replay accepted a split creating another ID than logged")
	}
	late := append(slices.Clone(log), Correction{Op: Pin, Issue: 1, After: 99})
	if _, err := Replay(Options{}, items, late); err == nil {
		t.Error("Replay accepted a correction after more items than given")
	}
	var none iter.Seq2[*archive.Item, *archive.Analysis] = func(func(*archive.Item, *archive.Analysis) bool) {}
	if _, err := Replay(Options{}, none, log); err == nil {
		t.Error("Replay without items accepted corrections of issues that do not exist")
	}
}

// TestDeterministic adds the same stream twice, with merges and splits
// along the way, and compares every assignment and issue.
func TestDeterministic(t *testing.T) {
	f := newFixture(t)
	var ss []story
	for round := range 6 {
		for _, s := range stories {
			s.hours += float64(round) * 20
			ss = append(ss, s)
		}
	}
	run := func() ([]Assignment, []Issue) {
		c := mustNew(t, Options{Threshold: 0.2})
		var out []Assignment
		for i, s := range ss {
			a, err := c.Add(f.item(int64(i+1), s))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
			if i == 20 {
				if _, err := c.Merge(1, 3); err != nil {
					t.Fatal(err)
				}
			}
			if i == 30 {
				if _, err := c.Split(a.Issue, []int64{a.ItemID}); err != nil && !errors.Is(err, sinergi.ErrInvalid) {
					t.Fatal(err)
				}
			}
		}
		checkIndex(t, c)
		return out, c.Issues(time.Time{}, c.Now())
	}
	a1, i1 := run()
	a2, i2 := run()
	if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(i1, i2) {
		t.Error("two runs over the same input differ")
	}
}

// TestConcurrent calls a clusterer from several goroutines (run with
// -race).
func TestConcurrent(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i, s := range stories {
				if _, err := c.Add(f.item(int64(g*100+i+1), s)); err != nil {
					t.Error(err)
				}
				c.Issues(time.Time{}, c.Now())
				c.Apply(Correction{Op: Pin, Issue: 1})
			}
		})
	}
	wg.Wait()
	if got := c.Len(); got != int64(4*len(stories)) {
		t.Errorf("Len() = %d, want %d", got, 4*len(stories))
	}
	checkIndex(t, c)
}
