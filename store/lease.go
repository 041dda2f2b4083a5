package store

import (
	"context"
	"fmt"
	"time"
)

// TakeLease gives the lease of name to holder until until and reports
// whether it did: it does when no one holds it, when its holder let it
// pass until (now being now), or when holder already holds it (a
// renewal). One statement, so two processes never both take it.
func (s *DB) TakeLease(ctx context.Context, name, holder string, until, now time.Time) (bool, error) {
	res, err := s.exec(ctx, s.db, `INSERT INTO leases (name, holder, until_us) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_us = excluded.until_us
		WHERE leases.holder = excluded.holder OR leases.until_us < ?`,
		name, holder, until.UnixMicro(), now.UnixMicro())
	if err != nil {
		return false, fmt.Errorf("store: take lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: take lease %s: %w", name, err)
	}
	return n == 1, nil
}

// ReleaseLease frees the lease of name if holder holds it.
func (s *DB) ReleaseLease(ctx context.Context, name, holder string) error {
	if _, err := s.exec(ctx, s.db, `DELETE FROM leases WHERE name = ? AND holder = ?`, name, holder); err != nil {
		return fmt.Errorf("store: release lease %s: %w", name, err)
	}
	return nil
}
