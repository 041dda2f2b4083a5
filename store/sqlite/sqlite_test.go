package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
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

// TestPageSize checks that a new database gets the page size and journal
// mode Open asks for: the driver runs its settings in an order of its own,
// and a page size set after WAL mode is silently ignored.
func TestPageSize(t *testing.T) {
	db := open(t)
	var size int
	var mode string
	if err := db.SQL().QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if size != 16384 || mode != "wal" {
		t.Errorf("page_size %d, journal_mode %q; want 16384, wal", size, mode)
	}
}

func BenchmarkAuditAppend(b *testing.B) {
	db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	log := audit.NewLog(db, sinergi.SystemClock{})
	ev := audit.Event{Actor: access.SystemActor(), Action: "bench.append", TargetType: "bench", Summary: "tolok ukur"}
	for b.Loop() {
		if err := log.Record(b.Context(), ev); err != nil {
			b.Fatal(err)
		}
	}
}
