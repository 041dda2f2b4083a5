package sqlite

import (
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/store"
)

// TestSearchKeysMigration: an archive indexed under item IDs, as before
// migration 23, is rekeyed up to search keys and back down to IDs.
func TestSearchKeysMigration(t *testing.T) {
	ctx := t.Context()
	db, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "old.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithGoMigrations(searchKeysMigration()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, searchKeysVersion-1); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	if _, err := db.ExecContext(ctx, `INSERT INTO agencies (id, path, name, kind, time_zone, created_at, updated_at)
		VALUES (1, '/1/', 'Diskominfo Jambi', 'pemprov', 'WIB', ?, ?)`, now, now); err != nil {
		t.Fatal(err)
	}
	published := []time.Time{time.Date(2020, 1, 2, 3, 4, 5, 6000, time.UTC), {}, time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC)}
	var items []*archive.Item
	var analyses []*archive.Analysis
	for _, at := range published {
		items = append(items, &archive.Item{AgencyID: 1, Title: "Banjir", Source: "contoh.go.id", Type: "news",
			Published: at, Fetched: now, ImportedAt: now})
		analyses = append(analyses, &archive.Analysis{Title: []query.AnalyzedTerm{{Folded: "banjir", Root: "banjir", End: 6}}})
	}
	if err := store.New(db, Dialect{}).AddItems(ctx, items, analyses); err != nil {
		t.Fatal(err)
	}
	ids, keys := make([]int64, len(items)), make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
		if keys[i], err = searchKey(it.ID, microsOf(it.Published)); err != nil {
			t.Fatal(err)
		}
	}
	// The index as the version before wrote it: rows under the items' IDs.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts (items_fts) VALUES ('delete-all')`); err != nil {
		t.Fatal(err)
	}
	ix := make([]archive.IndexText, len(analyses))
	for i, a := range analyses {
		ix[i] = a.Index()
	}
	if err := insertIndex(ctx, tx, ids, ix); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	rowids := func() []int64 {
		t.Helper()
		rows, err := db.QueryContext(ctx, `SELECT rowid FROM items_fts WHERE items_fts MATCH 'banjir'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	if _, err := p.UpTo(ctx, searchKeysVersion); err != nil {
		t.Fatalf("up: %v", err)
	}
	if got, want := rowids(), slices.Sorted(slices.Values(keys)); !slices.Equal(got, want) {
		t.Errorf("after the migration, rowids %v, want the search keys %v", got, want)
	}
	if _, err := p.Down(ctx); err != nil {
		t.Fatalf("down: %v", err)
	}
	if got := rowids(); !slices.Equal(got, ids) {
		t.Errorf("after the migration down, rowids %v, want the item IDs %v", got, ids)
	}
}

func TestSearchKey(t *testing.T) {
	us := func(t time.Time) *int64 { v := t.UnixMicro(); return &v }
	for _, tc := range []struct {
		name      string
		id        int64
		published *int64
		second    int64 // the key's high part; -1: an error
	}{
		{"undated", 7, nil, 0},
		{"a date", 7, us(time.Unix(1_600_000_000, 999_999_000)), 1_600_000_000},
		{"before 1970", 7, us(time.Unix(-86_400, 0)), 1},
		{"just before 1970", 7, us(time.Unix(-1, 999_999_000)), 1},
		{"after 2106", 7, us(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)), 1<<32 - 1},
		{"the highest ID", maxItemID, nil, 0},
		{"an ID too high", maxItemID + 1, nil, -1},
		{"no ID", 0, nil, -1},
	} {
		k, err := searchKey(tc.id, tc.published)
		switch {
		case tc.second < 0 && err == nil:
			t.Errorf("%s: key %d, want an error", tc.name, k)
		case tc.second >= 0 && (err != nil || k>>idBits != tc.second || k&idMask != tc.id || k < 0):
			t.Errorf("%s: key %d (second %d, ID %d), %v; want second %d, ID %d", tc.name, k, k>>idBits, k&idMask, err, tc.second, tc.id)
		}
	}
}
