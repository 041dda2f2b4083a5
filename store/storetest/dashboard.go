package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/store"
)

// testDashboardCounts checks a dashboard's counts on known items: per UTC
// hour and sentiment, the top sources (ties by name), the sets of regions,
// only the agency's items published in (From, To] that the viewer may see.
func testDashboardCounts(t *testing.T, db *store.DB) {
	f := newArchiveFixture(t, db)
	to := time.Date(2026, 11, 23, 0, 30, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return to.Add(-d) }
	item := func(a *agency.Agency, source, sentiment string, published time.Time, class access.Level, regions ...string) *archive.Item {
		return &archive.Item{AgencyID: a.ID, Title: "Uji dasbor " + source, Text: "Uji.", Source: source, Sentiment: sentiment,
			Published: published, Classification: class, Regions: regions}
	}
	items := []*archive.Item{
		item(f.jambi, "b.example", "negative", at(10*time.Minute), access.Publik, "15", "15.71"),
		item(f.jambi, "a.example", "negative", at(20*time.Minute), access.Publik, "15.71"),
		item(f.jambi, "a.example", "positive", at(90*time.Minute), access.Publik),
		item(f.jambi, "c.example", "neutral", at(2*time.Hour), access.Rahasia, "15.71"),
		item(f.jambi, "a.example", "neutral", at(30*time.Hour), access.Publik),    // before From
		item(f.jambi, "a.example", "neutral", to.Add(time.Minute), access.Publik), // after To
		item(f.aceh, "a.example", "neutral", at(time.Hour), access.Publik, "11"),  // another agency
	}
	if err := f.svc.Import(t.Context(), access.SystemActor(), items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	tests := []struct {
		who                    string
		actor                  access.Actor
		hours, sources, region string
	}{
		{"console", access.SystemActor(),
			"[2026-11-22T22:00:00Z neutral 1 2026-11-22T23:00:00Z positive 1 2026-11-23T00:00:00Z negative 2]",
			"[{a.example  2} {b.example  1}]", "[{ 15 15.71   1} { 15.71   2}]"},
		{"Jambi TERBATAS", access.Actor{UserID: 9, Role: access.Analis, Clearance: access.Terbatas, AgencyPath: f.jambi.Path},
			"[2026-11-22T23:00:00Z positive 1 2026-11-23T00:00:00Z negative 2]",
			"[{a.example  2} {b.example  1}]", "[{ 15 15.71   1} { 15.71   1}]"},
	}
	for _, tt := range tests {
		c, err := db.DashboardCounts(t.Context(), monitor.DashboardFilter{AgencyID: f.jambi.ID, From: at(24 * time.Hour), To: to,
			Visibility: access.VisibilityOf(tt.actor), TopSources: 2})
		if err != nil {
			t.Fatalf("%s: DashboardCounts: %v", tt.who, err)
		}
		var hours string
		for _, h := range c.Hours {
			hours += fmt.Sprintf(" %s %s %d", h.Hour.Format(time.RFC3339), h.Sentiment, h.N)
		}
		sets := fmt.Sprint(sortedByKey(c.RegionSets))
		if got := "[" + hours[min(1, len(hours)):] + "]"; got != tt.hours || fmt.Sprint(c.Sources) != tt.sources || sets != tt.region {
			t.Errorf("%s: DashboardCounts =\n%s\n%v\n%s\nwant\n%s\n%s\n%s", tt.who, got, c.Sources, sets, tt.hours, tt.sources, tt.region)
		}
	}
}

// sortedByKey orders counts by key, for a comparison.
func sortedByKey(cs []archive.Count) []archive.Count {
	out := append([]archive.Count(nil), cs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Key < out[i].Key {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
