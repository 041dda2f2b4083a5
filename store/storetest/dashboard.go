package storetest

import (
	"fmt"
	"strings"
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
// only the agency's items published in (From, To] up to the viewer's level.
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
		max                    access.Level
		hours, sources, region string
	}{
		{"RAHASIA", access.Rahasia,
			"[2026-11-22T22:00:00Z neutral 1 2026-11-22T23:00:00Z positive 1 2026-11-23T00:00:00Z negative 2]",
			"[{a.example  2} {b.example  1}]", "[{ 15 15.71   1} { 15.71   2}]"},
		{"TERBATAS", access.Terbatas,
			"[2026-11-22T23:00:00Z positive 1 2026-11-23T00:00:00Z negative 2]",
			"[{a.example  2} {b.example  1}]", "[{ 15 15.71   1} { 15.71   1}]"},
	}
	for _, tt := range tests {
		c, err := db.DashboardCounts(t.Context(), monitor.DashboardFilter{AgencyID: f.jambi.ID, From: at(24 * time.Hour), To: to,
			MaxLevel: tt.max, TopSources: 2})
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

// BenchDashboardCounts measures a dashboard's counts over an agency's
// archive of n items spread over 30 days (100 sources, 40 kabupaten/kota
// of Sumatra, a quarter without regions), for the last 24 hours, 7 days
// and 30 days, up to TERBATAS as a Jambi analyst sees them. The rows are written by SQL
// (the counts read items only), so the setup takes seconds, not the
// analysis of n texts.
func BenchDashboardCounts(b *testing.B, db *store.DB, n int) {
	ctx := b.Context()
	jambi := &agency.Agency{Name: "Humas Jambi (tolok ukur)", Kind: agency.Provinsi, RegionCode: "15", TimeZone: "WIB"}
	if err := db.CreateAgency(ctx, jambi); err != nil {
		b.Fatal(err)
	}
	to := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	var regionCodes []string
	for _, p := range []string{"13", "14", "15", "16"} {
		for k := 1; k <= 10; k++ {
			regionCodes = append(regionCodes, fmt.Sprintf("%s.%02d", p, k))
		}
	}
	sentiments := []string{"positive", "neutral", "negative", "neutral"}
	step := 30 * 24 * time.Hour / time.Duration(n)
	const batch = 500
	indexCol, indexMark := db.Dialect().IndexColumn()
	if indexCol != "" {
		indexCol, indexMark = ", "+indexCol, ", "+indexMark
	}
	for start := 0; start < n; start += batch {
		var values []string
		var args []any
		for i := start; i < min(start+batch, n); i++ {
			regions := " "
			if i%4 != 0 {
				r := regionCodes[(i*7)%len(regionCodes)]
				regions = " " + r[:2] + " " + r + " "
			}
			source := fmt.Sprintf("sumber%03d.example", (i*i)%100)
			published := to.Add(-time.Duration(i) * step).UnixMicro()
			values = append(values, "(?, ?, ?, ?, ?, 'id', ?, 'news', ?, ?, ?, ?"+indexMark+")")
			args = append(args, int64(i+1), jambi.ID, i%10/9, published, source, sentiments[i%4], regions, source, published, published)
			if indexCol != "" {
				args = append(args, "")
			}
		}
		q := `INSERT INTO items (id, agency_id, classification, published_us, source_key, lang, sentiment, type, regions, source,
			fetched_us, imported_us` + indexCol + `) VALUES ` + strings.Join(values, ", ")
		if _, err := db.SQL().ExecContext(ctx, db.Dialect().Rebind(q), args...); err != nil {
			b.Fatal(err)
		}
	}
	// Statistics, as a running database has them (PostgreSQL's autovacuum,
	// SQLite's optimize at close), so the planner knows the table's size.
	if _, err := db.SQL().ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	for _, p := range monitor.Periods {
		b.Run(string(p), func(b *testing.B) {
			f := monitor.DashboardFilter{AgencyID: jambi.ID, From: to.Add(-p.Duration()), To: to,
				MaxLevel: access.Terbatas, TopSources: 10}
			for b.Loop() {
				if _, err := db.DashboardCounts(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
