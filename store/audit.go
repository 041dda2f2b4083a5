package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi/audit"
)

const auditColumns = `seq, time, actor_id, actor_name, agency_id, agency_path, action, target_type,
	target_id, summary, summary_args, address, prev_hash, hash`

func scanEntry(row rowScanner) (*audit.Entry, error) {
	var (
		e    audit.Entry
		args string
	)
	err := row.Scan(&e.Seq, &e.Time, &e.ActorID, &e.ActorName, &e.AgencyID, &e.AgencyPath, &e.Action,
		&e.TargetType, &e.TargetID, &e.Summary, &args, &e.Address, &e.PrevHash, &e.Hash)
	if err != nil {
		return nil, err
	}
	e.Time = e.Time.UTC()
	// A row whose arguments were edited into something that is not JSON
	// still loads: verify must be able to name it.
	if json.Unmarshal([]byte(args), &e.SummaryArgs) != nil {
		e.SummaryArgs = []string{args}
	}
	return &e, nil
}

// AppendAuditEntry appends e to the chain. The head row is read with a lock
// (PostgreSQL: FOR UPDATE; SQLite: the write lock the transaction took at
// BEGIN), so concurrent appends from any number of processes queue up and
// the chain never forks.
func (s *DB) AppendAuditEntry(ctx context.Context, e *audit.Entry, seal func(lastSeq int64, lastHash string)) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var (
			seq  int64
			hash string
		)
		err := s.queryRow(ctx, tx, `SELECT seq, hash FROM audit_head WHERE id = 1`+s.dialect.ForUpdate()).Scan(&seq, &hash)
		if err != nil {
			return fmt.Errorf("read head: %w", s.mapError(err))
		}
		e.Time = e.Time.UTC().Truncate(time.Microsecond)
		seal(seq, hash)
		args, err := json.Marshal(e.SummaryArgs)
		if err != nil {
			return fmt.Errorf("summary arguments: %w", err)
		}
		_, err = s.exec(ctx, tx, `INSERT INTO audit_log (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.Time, e.ActorID, e.ActorName, e.AgencyID, e.AgencyPath, e.Action, e.TargetType,
			e.TargetID, e.Summary, string(args), e.Address, e.PrevHash, e.Hash)
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: append audit entry: %w", err)
	}
	return nil
}

// FindAuditEntries returns matching entries, newest first, and the total.
func (s *DB) FindAuditEntries(ctx context.Context, f audit.Filter) ([]*audit.Entry, int, error) {
	var w where
	if f.Action != "" {
		w.add(`action LIKE ? ESCAPE '\'`, prefixPattern(f.Action))
	}
	if f.ActorName != "" {
		w.add(`actor_name = ?`, f.ActorName)
	}
	if f.TargetType != "" {
		w.add(`target_type = ?`, f.TargetType)
	}
	if f.TargetID != "" {
		w.add(`target_id = ?`, f.TargetID)
	}
	if !f.Since.IsZero() {
		w.add(`time >= ?`, f.Since.UTC())
	}
	if !f.Until.IsZero() {
		w.add(`time < ?`, f.Until.UTC())
	}
	if f.AgencyPathPrefix != "" {
		w.add(`agency_path LIKE ? ESCAPE '\'`, prefixPattern(f.AgencyPathPrefix))
	}
	list, total, err := findPage(ctx, s, auditColumns, ` FROM audit_log`, &w, `seq DESC`, f.Limit, f.Offset, scanEntry)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find audit entries: %w", err)
	}
	return list, total, nil
}

// ScanAuditEntries calls fn for every entry in order of seq.
func (s *DB) ScanAuditEntries(ctx context.Context, fn func(*audit.Entry) error) error {
	rows, err := s.query(ctx, s.db, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("store: scan audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return fmt.Errorf("store: scan audit log: %w", s.mapError(err))
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: scan audit log: %w", s.mapError(err))
	}
	return nil
}

// AuditHead returns the seq and hash of the last append.
func (s *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var (
		seq  int64
		hash string
	)
	if err := s.queryRow(ctx, s.db, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return 0, "", fmt.Errorf("store: audit head: %w", s.mapError(err))
	}
	return seq, hash, nil
}
