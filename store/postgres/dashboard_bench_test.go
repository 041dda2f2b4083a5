package postgres_test

import (
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/storetest"
)

// BenchmarkDashboardCounts is a dashboard's counts over 100,000 items of
// one agency (see storetest.BenchDashboardCounts).
func BenchmarkDashboardCounts(b *testing.B) {
	db, err := postgres.Open(b.Context(), testenv.Postgres(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storetest.BenchDashboardCounts(b, db, 100_000)
}
