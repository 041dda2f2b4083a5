package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/sinergi-id/sinergi/archive"
)

// searchKeysVersion is the migration that gave items_fts its search keys
// (fts.go), a Go migration as only Go can rebuild the index's rows from
// the stored analyses; the .sql files skip its number.
const searchKeysVersion = 23

// searchKeysMigration rekeys items_fts: up from item IDs to search keys,
// down back to item IDs.
func searchKeysMigration() *goose.Migration {
	return goose.NewGoMigration(searchKeysVersion,
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return reindex(ctx, tx, searchKey) }},
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return reindex(ctx, tx, func(id int64, _ *int64) (int64, error) { return id, nil })
		}})
}

// reindex empties items_fts and fills it again from the items' stored
// analyses, each row under key(id, published_us), 5,000 items at a time.
func reindex(ctx context.Context, tx *sql.Tx, key func(id int64, published *int64) (int64, error)) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts (items_fts) VALUES ('delete-all')`); err != nil {
		return fmt.Errorf("reindex: empty items_fts: %w", err)
	}
	const batch = 5000
	for last := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT i.id, i.published_us, t.analysis FROM items i
			JOIN item_texts t ON t.item_id = i.id WHERE i.id > ? ORDER BY i.id LIMIT ?`, last, batch)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		var keys []int64
		var ix []archive.IndexText
		for rows.Next() {
			var (
				published sql.NullInt64
				blob      []byte
				a         archive.Analysis
			)
			if err := rows.Scan(&last, &published, &blob); err != nil {
				rows.Close()
				return fmt.Errorf("reindex: %w", err)
			}
			if err := a.UnmarshalBinary(blob); err != nil {
				rows.Close()
				return fmt.Errorf("reindex: item %d: %w", last, err)
			}
			var us *int64
			if published.Valid {
				us = &published.Int64
			}
			k, err := key(last, us)
			if err != nil {
				rows.Close()
				return fmt.Errorf("reindex: %w", err)
			}
			keys, ix = append(keys, k), append(ix, a.Index())
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if len(keys) == 0 {
			return nil
		}
		if err := insertIndex(ctx, tx, keys, ix); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
	}
}
