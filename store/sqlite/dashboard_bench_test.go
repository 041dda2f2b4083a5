package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/store/sqlite"
	"github.com/sinergi-id/sinergi/store/storetest"
)

// BenchmarkDashboardCounts is a dashboard's counts over 100,000 items of
// one agency (see storetest.BenchDashboardCounts).
func BenchmarkDashboardCounts(b *testing.B) {
	db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storetest.BenchDashboardCounts(b, db, 100_000)
}
