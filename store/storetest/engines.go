package storetest

import (
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// ForEachEngine runs fn as a subtest ("sqlite", "postgres") on a new,
// migrated store of each engine: SQLite in a temporary folder, PostgreSQL
// in a database of its own (testenv.Postgres: missing, it fails under
// CI=true and skips elsewhere). The store is closed when the subtest ends.
func ForEachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			var (
				db  *store.DB
				err error
			)
			if engine == "sqlite" {
				db, err = sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sinergi.db"))
			} else {
				db, err = postgres.Open(t.Context(), testenv.Postgres(t))
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			fn(t, db)
		})
	}
}
