package demo

import (
	"slices"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/region"
)

func TestRedate(t *testing.T) {
	wib := region.WIB.Location()
	list, _, err := archive.ReadFile(Items(), archive.FormatJSONL, wib)
	if err != nil {
		t.Fatal(err)
	}
	undated := &archive.Item{Title: "tanpa tanggal"}
	list = append(list, undated)
	original := make(map[*archive.Item]time.Time, len(list))
	for _, it := range list {
		original[it] = it.Published
	}
	byOriginal := slices.DeleteFunc(slices.Clone(list), func(it *archive.Item) bool { return it == undated })
	slices.SortStableFunc(byOriginal, func(a, b *archive.Item) int { return original[a].Compare(original[b]) })
	perDay := float64(len(byOriginal)) / recentDays

	for _, now := range []time.Time{
		time.Date(2026, 11, 24, 2, 30, 0, 0, wib), // at night: the last item is of the evening before
		time.Date(2026, 11, 24, 10, 15, 0, 0, wib),
		time.Date(2026, 11, 24, 23, 0, 0, 0, wib),
	} {
		for _, it := range list {
			it.Published = original[it]
		}
		redate(list, now)
		if !undated.Published.IsZero() {
			t.Errorf("now %v: an item without a date got %v", now, undated.Published)
		}
		days := map[int]int{}
		lastDay := 0
		for i, it := range byOriginal {
			at := it.Published.In(wib)
			if at.After(now) || at.Before(now.AddDate(0, 0, -recentDays-1)) {
				t.Errorf("now %v: %q dated %v, outside the %d days before", now, it.Title, at, recentDays)
			}
			if h := at.Hour(); h < dayStarts || h > dayEnds || h == dayEnds && at.Minute() > 0 {
				t.Errorf("now %v: %q at %v, outside 06.00–22.00 WIB", now, it.Title, at.Format("15:04"))
			}
			if i > 0 && at.Before(byOriginal[i-1].Published) {
				t.Errorf("now %v: %q (%v) dated before the older %q (%v)", now, it.Title, at, byOriginal[i-1].Title, byOriginal[i-1].Published)
			}
			days[at.YearDay()]++
			if now.Sub(at) <= 24*time.Hour {
				lastDay++
			}
		}
		// Every whole day has its share, give or take one.
		first, last := byOriginal[0].Published.In(wib).YearDay(), byOriginal[len(byOriginal)-1].Published.In(wib).YearDay()
		for d := first + 1; d < last; d++ {
			if n := float64(days[d]); n < perDay-1 || n > perDay+1 {
				t.Errorf("now %v: day %d has %v items, want %.1f ± 1", now, d, n, perDay)
			}
		}
		if n := float64(lastDay); n < perDay-1 || n > perDay+1 {
			t.Errorf("now %v: %v items in the last 24 hours, want %.1f ± 1", now, n, perDay)
		}
	}
}
