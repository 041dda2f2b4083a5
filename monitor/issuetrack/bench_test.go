package issuetrack_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// BenchmarkRestore measures what a restart costs an agency: a new tracker
// rebuilds its clusterer from the stored issues (reading the items of the
// Keep window with their analyses, and issue.Restore over them) at its
// first item. The archive is the 200 IndoSum demo articles, imported 10
// times over (2,000 items) on SQLite; ns/op is one rebuild, and the
// benchmark reports the items per second.
func BenchmarkRestore(b *testing.B) {
	db, err := sqlite.Open(b.Context(), b.TempDir()+"/sinergi.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	e := newEnv(b, db)
	const rounds = 10
	var all []*archive.Item
	var analyses []*archive.Analysis
	for round := range rounds {
		items, _, err := archive.ReadFile(demo.Items(), "jsonl", region.WIB.Location())
		if err != nil {
			b.Fatal(err)
		}
		for i, it := range items {
			it.AgencyID, it.URL = e.jambi.ID, fmt.Sprintf("https://example.id/%d/%d", round, i)
			it.Published = time.Now().UTC().Add(-time.Duration(len(items)*(rounds-round)-i) * time.Minute)
		}
		if err := e.archives.Import(b.Context(), access.SystemActor(), items); err != nil {
			b.Fatal(err)
		}
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		stored, as, err := db.FindItems(b.Context(), ids)
		if err != nil {
			b.Fatal(err)
		}
		all, analyses = append(all, stored...), append(analyses, as...)
	}
	for i, it := range all {
		if err := e.tracker.MatchItem(b.Context(), it, analyses[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		e.restart(b)
		// The first item of a restarted tracker rebuilds the agency; an
		// item it already holds changes nothing else.
		if err := e.tracker.MatchItem(b.Context(), all[0], analyses[0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(all))*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}
