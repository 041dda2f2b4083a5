package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/region"
)

// The e-mail alerts of saved searches: recipients, tokens (hashes only),
// the outbox of deliveries and the matches held back by quiet hours and
// the hourly cap (monitor/email.go).

const recipientColumns = `r.id, r.search_id, r.address, coalesce(r.user_id, 0), r.status, r.created_us, r.changed_us,
	coalesce(u.language, '')`

const recipientFrom = ` FROM mail_recipients r LEFT JOIN users u ON u.id = r.user_id`

func scanRecipient(row rowScanner) (*monitor.Recipient, error) {
	var (
		r                monitor.Recipient
		status           string
		created, changed int64
	)
	if err := row.Scan(&r.ID, &r.SearchID, &r.Address, &r.UserID, &status, &created, &changed, &r.Lang); err != nil {
		return nil, err
	}
	r.Status, r.Created, r.Changed = monitor.RecipientStatus(status), time.UnixMicro(created).UTC(), time.UnixMicro(changed).UTC()
	return &r, nil
}

// MailRecipients returns a search's recipients, by address.
func (s *DB) MailRecipients(ctx context.Context, searchID int64) ([]*monitor.Recipient, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+recipientColumns+recipientFrom+` WHERE r.search_id = ? ORDER BY r.address`,
		[]any{searchID}, scanRecipient)
	if err != nil {
		return nil, fmt.Errorf("store: mail recipients of search %d: %w", searchID, err)
	}
	return list, nil
}

// ConfirmedMailRecipients returns every search's confirmed recipients.
func (s *DB) ConfirmedMailRecipients(ctx context.Context) ([]*monitor.Recipient, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+recipientColumns+recipientFrom+` WHERE r.status = 'confirmed'
		ORDER BY r.search_id, r.address`, nil, scanRecipient)
	if err != nil {
		return nil, fmt.Errorf("store: confirmed mail recipients: %w", err)
	}
	return list, nil
}

// ChangeMailRecipients adds and removes a search's recipients, queueing a
// confirmation for each pending one, in one transaction.
func (s *DB) ChangeMailRecipients(ctx context.Context, searchID int64, add []*monitor.Recipient, remove []int64, now time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if len(remove) > 0 {
			if _, err := s.exec(ctx, tx, `DELETE FROM mail_recipients WHERE search_id = ? AND id IN (`+marks(len(remove))+`)`,
				append([]any{searchID}, anys(remove)...)...); err != nil {
				return err
			}
		}
		var confirms []*monitor.MailDelivery
		for _, r := range add {
			err := s.queryRow(ctx, tx, `INSERT INTO mail_recipients (search_id, address, user_id, status, created_us, changed_us)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, searchID, r.Address, nullID(r.UserID), string(r.Status),
				r.Created.UnixMicro(), r.Changed.UnixMicro()).Scan(&r.ID)
			if err != nil {
				return fmt.Errorf("recipient %s: %w", r.Address, err)
			}
			if r.Status == monitor.RecipientPending {
				confirms = append(confirms, &monitor.MailDelivery{SearchID: searchID, RecipientID: r.ID, Kind: monitor.MailConfirm,
					Status: monitor.DeliveryPending, NextAttempt: now, Created: now})
			}
		}
		return s.insertMailDeliveries(ctx, tx, confirms)
	})
	if err != nil {
		return fmt.Errorf("store: change mail recipients of search %d: %w", searchID, s.mapError(err))
	}
	return nil
}

// UserIDsByEmail returns the active users owning the addresses.
func (s *DB) UserIDsByEmail(ctx context.Context, addresses []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(addresses) == 0 {
		return out, nil
	}
	type pair struct {
		email string
		id    int64
	}
	list, err := queryAll(ctx, s, s.db, `SELECT lower(email), id FROM users WHERE NOT disabled AND lower(email) IN (`+
		marks(len(addresses))+`) ORDER BY id`, anys(addresses), func(row rowScanner) (pair, error) {
		var p pair
		return p, row.Scan(&p.email, &p.id)
	})
	if err != nil {
		return nil, fmt.Errorf("store: users by e-mail: %w", err)
	}
	for _, p := range list {
		if _, ok := out[p.email]; !ok {
			out[p.email] = p.id
		}
	}
	return out, nil
}

// AddMailToken records a token's hash.
func (s *DB) AddMailToken(ctx context.Context, hash string, recipientID int64, purpose string, at time.Time) error {
	if _, err := s.exec(ctx, s.db, `INSERT INTO mail_tokens (hash, recipient_id, purpose, created_us) VALUES (?, ?, ?, ?)`,
		hash, recipientID, purpose, at.UnixMicro()); err != nil {
		return fmt.Errorf("store: add mail token: %w", s.mapError(err))
	}
	return nil
}

// RecipientByToken returns the recipient of a token's hash and purpose.
func (s *DB) RecipientByToken(ctx context.Context, hash, purpose string) (*monitor.Recipient, error) {
	r, err := scanRecipient(s.queryRow(ctx, s.db, `SELECT `+recipientColumns+recipientFrom+`
		JOIN mail_tokens t ON t.recipient_id = r.id WHERE t.hash = ? AND t.purpose = ?`, hash, purpose))
	if err != nil {
		return nil, fmt.Errorf("store: mail token: %w", s.mapError(err))
	}
	return r, nil
}

// SetRecipientStatus changes a recipient's status; one that is no longer
// confirmed has its pending alert deliveries cancelled.
func (s *DB) SetRecipientStatus(ctx context.Context, id int64, status monitor.RecipientStatus, at time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE mail_recipients SET status = ?, changed_us = ? WHERE id = ?`, string(status), at.UnixMicro(), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return sql.ErrNoRows
		}
		if status == monitor.RecipientConfirmed {
			return nil
		}
		_, err = s.exec(ctx, tx, `UPDATE mail_deliveries SET status = 'cancelled', last_error = ? WHERE recipient_id = ?
			AND status = 'pending' AND kind <> 'confirm'`, "recipient "+string(status), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: mail recipient %d: %w", id, s.mapError(err))
	}
	return nil
}

// insertMailDeliveries writes deliveries in tx.
func (s *DB) insertMailDeliveries(ctx context.Context, tx *sql.Tx, ds []*monitor.MailDelivery) error {
	cols := []string{"search_id", "recipient_id", "kind", "payload", "status", "next_attempt_us", "created_us"}
	rows := make([][]any, len(ds))
	for i, d := range ds {
		payload, err := jsonText(d.Payload)
		if err != nil {
			return err
		}
		rows[i] = []any{d.SearchID, d.RecipientID, string(d.Kind), payload, d.Status, d.NextAttempt.UnixMicro(), d.Created.UnixMicro()}
	}
	return s.insertRows(ctx, tx, "mail_deliveries", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

// insertHeld writes held matches in tx.
func (s *DB) insertHeld(ctx context.Context, tx *sql.Tx, held []monitor.HeldItem) error {
	cols := []string{"search_id", "quiet", "item", "created_us"}
	rows := make([][]any, len(held))
	for i, h := range held {
		item, err := jsonText(h.Item)
		if err != nil {
			return err
		}
		rows[i] = []any{h.SearchID, h.Quiet, item, h.Created.UnixMicro()}
	}
	return s.insertRows(ctx, tx, "alert_held", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

// addMore counts in tx the matches held back from the in-app
// notifications, one statement per hundred counts (an item counts once
// per search, so no statement touches a row twice).
func (s *DB) addMore(ctx context.Context, tx *sql.Tx, counts []monitor.HourCount) error {
	for chunk := range slices.Chunk(counts, rowsPerInsert) {
		args := make([]any, 0, 3*len(chunk))
		for _, c := range chunk {
			args = append(args, c.SearchID, c.Hour.UnixMicro(), c.N)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ")
		if _, err := s.exec(ctx, tx, `INSERT INTO alert_more (search_id, hour_us, n) VALUES `+values+`
			ON CONFLICT (search_id, hour_us) DO UPDATE SET n = alert_more.n + excluded.n`, args...); err != nil {
			return fmt.Errorf("alert more: %w", err)
		}
	}
	return nil
}

// MoreCounts returns the in-app matches held back in hours before before.
func (s *DB) MoreCounts(ctx context.Context, before time.Time) ([]monitor.HourCount, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT search_id, hour_us, n FROM alert_more WHERE hour_us < ? ORDER BY hour_us, search_id`,
		[]any{before.UnixMicro()}, func(row rowScanner) (monitor.HourCount, error) {
			var (
				c  monitor.HourCount
				us int64
			)
			err := row.Scan(&c.SearchID, &us, &c.N)
			c.Hour = time.UnixMicro(us).UTC()
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: alert more: %w", err)
	}
	return list, nil
}

// FinishMore adds an "and N more" notification and removes its count.
func (s *DB) FinishMore(ctx context.Context, c monitor.HourCount, n *monitor.Notification) error {
	msg, err := jsonText(n.Message)
	if err != nil {
		return fmt.Errorf("store: finish more: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO notifications (user_id, search_id, item_id, message, link, created_us)
			VALUES (?, ?, NULL, ?, ?, ?)`, n.UserID, nullID(n.SearchID), msg, n.Link, n.Created.UnixMicro()); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `DELETE FROM alert_more WHERE search_id = ? AND hour_us = ?`, c.SearchID, c.Hour.UnixMicro())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: finish more of search %d: %w", c.SearchID, s.mapError(err))
	}
	return nil
}

const mailDeliveryColumns = `d.id, d.search_id, d.recipient_id, d.kind, d.payload, d.status, d.attempts, d.next_attempt_us,
	d.last_error, d.created_us, d.delivered_us, ` + recipientColumns

const mailDeliveryFrom = ` FROM mail_deliveries d JOIN mail_recipients r ON r.id = d.recipient_id LEFT JOIN users u ON u.id = r.user_id`

func scanMailDelivery(row rowScanner, withSearch bool) (*monitor.MailDelivery, error) {
	var (
		d                           monitor.MailDelivery
		r                           monitor.Recipient
		kind, payload, rstatus      string
		next, created, rc, rchanged int64
		delivered                   sql.NullInt64
		ss                          monitor.SavedSearch
		zone                        string
	)
	dest := []any{&d.ID, &d.SearchID, &d.RecipientID, &kind, &payload, &d.Status, &d.Attempts, &next, &d.LastError, &created,
		&delivered, &r.ID, &r.SearchID, &r.Address, &r.UserID, &rstatus, &rc, &rchanged, &r.Lang}
	if withSearch {
		dest = append(dest, &ss.ID, &ss.Name, &ss.Query, &ss.QuietHours, &zone)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d.Kind = monitor.MailKind(kind)
	if err := jsonValue(payload, &d.Payload); err != nil {
		return nil, err
	}
	d.NextAttempt, d.Created, d.Delivered = time.UnixMicro(next).UTC(), time.UnixMicro(created).UTC(), fromMicros(delivered)
	r.Status, r.Created, r.Changed = monitor.RecipientStatus(rstatus), time.UnixMicro(rc).UTC(), time.UnixMicro(rchanged).UTC()
	d.Recipient = &r
	if withSearch {
		ss.TimeZone = region.TimeZone(zone)
		d.Search = &ss
	}
	return &d, nil
}

// ClaimMailDeliveries returns up to limit due pending deliveries with
// their recipients and searches; on PostgreSQL it locks them against
// other processes (SKIP LOCKED) and holds them until lease, as
// ClaimWebhookDeliveries does.
func (s *DB) ClaimMailDeliveries(ctx context.Context, now, lease time.Time, limit int) ([]*monitor.MailDelivery, error) {
	var out []*monitor.MailDelivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, s, tx, `SELECT `+mailDeliveryColumns+`, s.id, s.name, s.query, s.quiet_hours, a.time_zone
			`+mailDeliveryFrom+` JOIN saved_searches s ON s.id = d.search_id JOIN agencies a ON a.id = s.agency_id
			WHERE d.status = 'pending' AND d.next_attempt_us <= ? ORDER BY d.next_attempt_us, d.id
			LIMIT `+fmt.Sprint(limit)+s.dialect.SkipLocked("d"), []any{now.UnixMicro()},
			func(row rowScanner) (*monitor.MailDelivery, error) { return scanMailDelivery(row, true) })
		if err != nil || len(out) == 0 || s.dialect.SkipLocked("d") == "" {
			return err
		}
		ids := make([]int64, len(out))
		for i, d := range out {
			ids[i] = d.ID
		}
		_, err = s.exec(ctx, tx, `UPDATE mail_deliveries SET next_attempt_us = ? WHERE id IN (`+marks(len(ids))+`)`,
			append([]any{lease.UnixMicro()}, anys(ids)...)...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim mail deliveries: %w", err)
	}
	return out, nil
}

// FinishMailDeliveries records the outcomes of attempts.
func (s *DB) FinishMailDeliveries(ctx context.Context, ds []*monitor.MailDelivery) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range ds {
			_, err := s.exec(ctx, tx, `UPDATE mail_deliveries SET status = ?, attempts = ?, next_attempt_us = ?, last_error = ?,
				delivered_us = ? WHERE id = ?`, d.Status, d.Attempts, d.NextAttempt.UnixMicro(), d.LastError, micros(d.Delivered), d.ID)
			if err != nil {
				return fmt.Errorf("delivery %d: %w", d.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: finish mail deliveries: %w", err)
	}
	return nil
}

// FindMailDeliveries returns a search's deliveries, newest first.
func (s *DB) FindMailDeliveries(ctx context.Context, searchID int64, limit int) ([]*monitor.MailDelivery, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+mailDeliveryColumns+mailDeliveryFrom+` WHERE d.search_id = ?
		ORDER BY d.created_us DESC, d.id DESC`+page(limit, 0), []any{searchID},
		func(row rowScanner) (*monitor.MailDelivery, error) { return scanMailDelivery(row, false) })
	if err != nil {
		return nil, fmt.Errorf("store: mail deliveries: %w", err)
	}
	return list, nil
}

// DigestMailItems returns the items of a search's digest entries.
func (s *DB) DigestMailItems(ctx context.Context, searchID int64, upTo time.Time) ([]monitor.MailItem, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT i.id, t.title, i.source, t.url, i.published_us, i.classification, a.path
		FROM digest_entries e JOIN items i ON i.id = e.item_id JOIN item_texts t ON t.item_id = i.id
		JOIN agencies a ON a.id = i.agency_id WHERE e.search_id = ? AND e.created_us <= ? ORDER BY e.created_us, e.item_id`,
		[]any{searchID, upTo.UnixMicro()}, func(row rowScanner) (monitor.MailItem, error) {
			var (
				it          monitor.MailItem
				title, path string
				published   sql.NullInt64
				level       int
			)
			if err := row.Scan(&it.ID, &title, &it.Source, &it.URL, &published, &level, &path); err != nil {
				return it, err
			}
			it.Title, it.Published, it.Classification = []archive.Fragment{{Text: title}}, fromMicros(published), access.Level(level)
			var err error
			it.AgencyPath, err = access.ParsePath(path)
			return it, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: digest items of search %d: %w", searchID, err)
	}
	return list, nil
}

// HeldSearches returns the saved searches with held matches.
func (s *DB) HeldSearches(ctx context.Context) ([]*monitor.SavedSearch, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+savedSearchColumns+savedSearchFrom+`
		WHERE s.id IN (SELECT DISTINCT search_id FROM alert_held) ORDER BY s.id`, nil, scanSavedSearch)
	if err != nil {
		return nil, fmt.Errorf("store: held searches: %w", err)
	}
	return list, nil
}

// HeldItems returns a search's held matches, oldest first.
func (s *DB) HeldItems(ctx context.Context, searchID int64) ([]monitor.HeldItem, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT quiet, item, created_us FROM alert_held WHERE search_id = ?
		ORDER BY created_us, id`, []any{searchID}, func(row rowScanner) (monitor.HeldItem, error) {
		h := monitor.HeldItem{SearchID: searchID}
		var (
			item string
			us   int64
		)
		if err := row.Scan(&h.Quiet, &item, &us); err != nil {
			return h, err
		}
		h.Created = time.UnixMicro(us).UTC()
		return h, jsonValue(item, &h.Item)
	})
	if err != nil {
		return nil, fmt.Errorf("store: held items of search %d: %w", searchID, err)
	}
	return list, nil
}

// FinishHeld writes a summary's deliveries and removes the held matches
// it covers.
func (s *DB) FinishHeld(ctx context.Context, searchID int64, upTo time.Time, ds []*monitor.MailDelivery) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.insertMailDeliveries(ctx, tx, ds); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `DELETE FROM alert_held WHERE search_id = ? AND created_us <= ?`, searchID, upTo.UnixMicro())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: finish held e-mails of search %d: %w", searchID, s.mapError(err))
	}
	return nil
}
