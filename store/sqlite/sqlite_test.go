package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/sqlite"
	"github.com/sinergi-id/sinergi/store/storetest"
)

func open(t *testing.T) *store.DB {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sinergi.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) { storetest.Run(t, open) }
