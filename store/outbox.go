package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi/mail"
)

// AddOutgoing stores messages in the mail outbox, in one transaction.
func (s *DB) AddOutgoing(ctx context.Context, os []*mail.Outgoing) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.insertOutgoing(ctx, tx, os) })
	if err != nil {
		return fmt.Errorf("store: add outgoing mail: %w", err)
	}
	return nil
}

// insertOutgoing writes messages to the outbox in tx.
func (s *DB) insertOutgoing(ctx context.Context, tx *sql.Tx, os []*mail.Outgoing) error {
	cols := []string{"origin", "origin_id", "message", "status", "attempts", "next_attempt_us", "last_error", "created_us"}
	rows := make([][]any, len(os))
	for i, o := range os {
		msg, err := jsonText(o.Message)
		if err != nil {
			return err
		}
		rows[i] = []any{o.Origin, o.OriginID, msg, string(o.Status), o.Attempts, o.NextAttempt.UnixMicro(), o.LastError, o.Created.UnixMicro()}
	}
	return s.insertRows(ctx, tx, "mail_outbox", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

const outgoingColumns = `id, origin, origin_id, message, status, attempts, next_attempt_us, last_error, created_us, sent_us`

func scanOutgoing(row rowScanner) (*mail.Outgoing, error) {
	var (
		o             mail.Outgoing
		msg, status   string
		next, created int64
		sent          sql.NullInt64
	)
	if err := row.Scan(&o.ID, &o.Origin, &o.OriginID, &msg, &status, &o.Attempts, &next, &o.LastError, &created, &sent); err != nil {
		return nil, err
	}
	if err := jsonValue(msg, &o.Message); err != nil {
		return nil, err
	}
	o.Status = mail.OutboxStatus(status)
	o.NextAttempt, o.Created, o.Sent = time.UnixMicro(next).UTC(), time.UnixMicro(created).UTC(), fromMicros(sent)
	return &o, nil
}

// ClaimOutgoing returns up to limit due pending messages, oldest due
// first, and holds them until lease: their next attempt moves to lease,
// so that another process (or this one's next run) does not send them
// while they are being sent. On PostgreSQL the rows are locked while
// claimed (SKIP LOCKED), so two processes never claim the same one.
func (s *DB) ClaimOutgoing(ctx context.Context, now, lease time.Time, limit int) ([]*mail.Outgoing, error) {
	var out []*mail.Outgoing
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, s, tx, `SELECT `+outgoingColumns+` FROM mail_outbox
			WHERE status = 'pending' AND next_attempt_us <= ? ORDER BY next_attempt_us, id
			LIMIT `+fmt.Sprint(limit)+s.dialect.SkipLocked("mail_outbox"), []any{now.UnixMicro()}, scanOutgoing)
		if err != nil || len(out) == 0 {
			return err
		}
		ids := make([]int64, len(out))
		for i, o := range out {
			ids[i] = o.ID
		}
		_, err = s.exec(ctx, tx, `UPDATE mail_outbox SET next_attempt_us = ? WHERE id IN (`+marks(len(ids))+`)`,
			append([]any{lease.UnixMicro()}, anys(ids)...)...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim outgoing mail: %w", err)
	}
	return out, nil
}

// FinishOutgoing records the outcomes of attempts; a sent message keeps
// only its recipients and subject.
func (s *DB) FinishOutgoing(ctx context.Context, os []*mail.Outgoing) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, o := range os {
			kept := o.Message
			if o.Status == mail.OutboxSent {
				kept = mail.Message{To: o.Message.To, Subject: o.Message.Subject}
			}
			msg, err := jsonText(kept)
			if err != nil {
				return err
			}
			_, err = s.exec(ctx, tx, `UPDATE mail_outbox SET message = ?, status = ?, attempts = ?, next_attempt_us = ?,
				last_error = ?, sent_us = ? WHERE id = ?`,
				msg, string(o.Status), o.Attempts, o.NextAttempt.UnixMicro(), o.LastError, micros(o.Sent), o.ID)
			if err != nil {
				return fmt.Errorf("outgoing %d: %w", o.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: finish outgoing mail: %w", err)
	}
	return nil
}

// ListOutgoing returns the outbox's messages, newest first: those of a
// status, or all when status is empty; at most limit.
func (s *DB) ListOutgoing(ctx context.Context, status mail.OutboxStatus, limit int) ([]*mail.Outgoing, error) {
	q, args := `SELECT `+outgoingColumns+` FROM mail_outbox`, []any{}
	if status != "" {
		q, args = q+` WHERE status = ?`, append(args, string(status))
	}
	list, err := queryAll(ctx, s, s.db, q+` ORDER BY id DESC LIMIT `+fmt.Sprint(max(limit, 1)), args, scanOutgoing)
	if err != nil {
		return nil, fmt.Errorf("store: list outgoing mail: %w", err)
	}
	return list, nil
}

// RetryOutgoing makes failed messages pending again, due at now, their
// attempts counted afresh: the given ones, or every failed one when ids is
// empty. It returns how many.
func (s *DB) RetryOutgoing(ctx context.Context, ids []int64, now time.Time) (int, error) {
	q, args := `UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_us = ? WHERE status = 'failed'`,
		[]any{now.UnixMicro()}
	if len(ids) > 0 {
		q, args = q+` AND id IN (`+marks(len(ids))+`)`, append(args, anys(ids)...)
	}
	res, err := s.exec(ctx, s.db, q, args...)
	if err != nil {
		return 0, fmt.Errorf("store: retry outgoing mail: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: retry outgoing mail: %w", err)
	}
	return int(n), nil
}

// FindOutgoing returns the outbox's messages of one origin, newest first.
func (s *DB) FindOutgoing(ctx context.Context, origin string, originID int64) ([]*mail.Outgoing, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+outgoingColumns+` FROM mail_outbox WHERE origin = ? AND origin_id = ?
		ORDER BY id DESC`, []any{origin, originID}, scanOutgoing)
	if err != nil {
		return nil, fmt.Errorf("store: find outgoing mail of %s %d: %w", origin, originID, err)
	}
	return list, nil
}
