package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/region"
)

const savedSearchColumns = `s.id, s.agency_id, s.owner_id, s.name, s.query, s.sharing, s.locked, s.labels, s.alert,
	s.digest_at, s.last_digest_us, s.webhook_url, s.webhook_secret, s.last_spike_us, s.created_at, s.updated_at, a.path,
	a.time_zone, s.quiet_hours, s.sensitivity`

const savedSearchFrom = ` FROM saved_searches s JOIN agencies a ON a.id = s.agency_id`

// CreateSavedSearch inserts a saved search and fills its ID and agency
// path.
func (s *DB) CreateSavedSearch(ctx context.Context, ss *monitor.SavedSearch) error {
	err := s.queryRow(ctx, s.db, `INSERT INTO saved_searches (agency_id, owner_id, name, query, sharing, locked, labels,
		alert, digest_at, webhook_url, webhook_secret, created_at, updated_at, quiet_hours, sensitivity)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		ss.AgencyID, ss.OwnerID, ss.Name, ss.Query, string(ss.Sharing), ss.Locked, wordsColumn(ss.Labels),
		string(ss.Alert), ss.DigestAt, ss.WebhookURL, ss.WebhookSecret, ss.CreatedAt, ss.UpdatedAt, ss.QuietHours,
		ss.Sensitivity.String()).Scan(&ss.ID)
	if err != nil {
		return fmt.Errorf("store: create saved search: %w", s.mapError(err))
	}
	var path, zone string
	if err := s.queryRow(ctx, s.db, `SELECT path, time_zone FROM agencies WHERE id = ?`, ss.AgencyID).Scan(&path, &zone); err != nil {
		return fmt.Errorf("store: create saved search: %w", s.mapError(err))
	}
	ss.TimeZone = region.TimeZone(zone)
	ss.AgencyPath, err = access.ParsePath(path)
	return err
}

// UpdateSavedSearch writes a saved search's changeable fields. When its
// webhook's address changed or was removed, the deliveries still pending
// to the old address fail (monitor.Superseded): what was meant for one
// receiver does not go out after it was replaced.
func (s *DB) UpdateSavedSearch(ctx context.Context, ss *monitor.SavedSearch) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE saved_searches SET name = ?, query = ?, sharing = ?, locked = ?, labels = ?,
			alert = ?, digest_at = ?, webhook_url = ?, webhook_secret = ?, updated_at = ?, quiet_hours = ?, sensitivity = ? WHERE id = ?`, ss.Name, ss.Query,
			string(ss.Sharing), ss.Locked, wordsColumn(ss.Labels), string(ss.Alert), ss.DigestAt, ss.WebhookURL,
			ss.WebhookSecret, ss.UpdatedAt, ss.QuietHours, ss.Sensitivity.String(), ss.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return sql.ErrNoRows
		}
		return s.supersedeDeliveries(ctx, tx, "search_id = ?", ss.ID, ss.WebhookURL)
	})
	if err != nil {
		return fmt.Errorf("store: update saved search %d: %w", ss.ID, s.mapError(err))
	}
	return nil
}

// supersedeDeliveries fails the pending deliveries of a search or an
// agency (where) to any address but url.
func (s *DB) supersedeDeliveries(ctx context.Context, tx *sql.Tx, where string, id int64, url string) error {
	_, err := s.exec(ctx, tx, `UPDATE webhook_deliveries SET status = ?, last_error = ?
		WHERE `+where+` AND status = ? AND url <> ?`,
		monitor.DeliveryFailed, monitor.Superseded, id, monitor.DeliveryPending, url)
	return err
}

// DeleteSavedSearch removes a saved search; its notifications stay.
func (s *DB) DeleteSavedSearch(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, s.db, `DELETE FROM saved_searches WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: delete saved search %d: %w", id, s.mapError(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: delete saved search %d: %w", id, s.mapError(sql.ErrNoRows))
	}
	return nil
}

// FindSavedSearchByID returns one saved search.
func (s *DB) FindSavedSearchByID(ctx context.Context, id int64) (*monitor.SavedSearch, error) {
	ss, err := scanSavedSearch(s.queryRow(ctx, s.db, `SELECT `+savedSearchColumns+savedSearchFrom+` WHERE s.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: saved search %d: %w", id, s.mapError(err))
	}
	return ss, nil
}

// FindSavedSearches returns the saved searches the viewer may use, by name.
// The rule is monitor.CanUse's, in SQL.
func (s *DB) FindSavedSearches(ctx context.Context, viewer access.Actor, f monitor.SearchFilter) ([]*monitor.SavedSearch, int, error) {
	var w where
	if !viewer.System {
		w.add(`(s.owner_id = ? OR (s.sharing = 'agency' AND s.agency_id = ?) OR s.sharing = 'network')`,
			viewer.UserID, viewer.AgencyID())
	}
	if f.Label != "" {
		w.add(`s.labels LIKE ? ESCAPE '\'`, "% "+strings.TrimSuffix(prefixPattern(strings.ToLower(f.Label)), "%")+" %")
	}
	if f.Query != "" {
		w.add(`lower(s.name) LIKE ? ESCAPE '\'`, likePattern(f.Query))
	}
	list, n, err := findPage(ctx, s, savedSearchColumns, savedSearchFrom, &w, `lower(s.name), s.id`, f.Limit, f.Offset, scanSavedSearch)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find saved searches: %w", err)
	}
	return list, n, nil
}

// MatchingSearches returns every saved search.
func (s *DB) MatchingSearches(ctx context.Context) ([]*monitor.SavedSearch, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+savedSearchColumns+savedSearchFrom+` ORDER BY s.id`, nil, scanSavedSearch)
	if err != nil {
		return nil, fmt.Errorf("store: saved searches: %w", err)
	}
	return list, nil
}

// AlertingVersion is the count of saved searches and the latest change
// among them: deleting one changes the count, changing one the time.
func (s *DB) AlertingVersion(ctx context.Context) (string, error) {
	var (
		n      int
		latest any // a time on PostgreSQL, its text on SQLite: compared, never read
	)
	if err := s.queryRow(ctx, s.db, `SELECT count(*), max(updated_at) FROM saved_searches`).Scan(&n, &latest); err != nil {
		return "", fmt.Errorf("store: alerting version: %w", s.mapError(err))
	}
	return fmt.Sprintf("%d/%v", n, latest), nil
}

func scanSavedSearch(row rowScanner) (*monitor.SavedSearch, error) {
	var (
		ss                                 monitor.SavedSearch
		sharing, labels, alert, path, zone string
		sensitivity                        string
		last, spiked                       sql.NullInt64
	)
	err := row.Scan(&ss.ID, &ss.AgencyID, &ss.OwnerID, &ss.Name, &ss.Query, &sharing, &ss.Locked, &labels, &alert,
		&ss.DigestAt, &last, &ss.WebhookURL, &ss.WebhookSecret, &spiked, &ss.CreatedAt, &ss.UpdatedAt, &path, &zone, &ss.QuietHours,
		&sensitivity)
	if err != nil {
		return nil, err
	}
	ss.Sharing, ss.Alert, ss.Labels = monitor.Sharing(sharing), monitor.AlertMode(alert), strings.Fields(labels)
	if ss.Sensitivity, err = spike.ParseSensitivity(sensitivity); err != nil {
		return nil, err
	}
	ss.LastDigest, ss.LastSpike, ss.TimeZone = fromMicros(last), fromMicros(spiked), region.TimeZone(zone)
	ss.CreatedAt, ss.UpdatedAt = ss.CreatedAt.UTC(), ss.UpdatedAt.UTC()
	if ss.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, err
	}
	return &ss, nil
}

// AddAlerts inserts notifications, many rows to a statement (an item can
// satisfy hundreds of saved searches at once), and the webhook deliveries
// of the same alerts, in one transaction.
func (s *DB) AddAlerts(ctx context.Context, ns []*monitor.Notification, ds []*monitor.WebhookDelivery, counts []monitor.HourCount,
	mail ...monitor.AlertMail) error {
	cols := []string{"user_id", "search_id", "item_id", "message", "link", "created_us"}
	rows := make([][]any, len(ns))
	for i, n := range ns {
		msg, err := jsonText(n.Message)
		if err != nil {
			return fmt.Errorf("store: add alerts: %w", err)
		}
		rows[i] = []any{n.UserID, nullID(n.SearchID), nullID(n.ItemID), msg, n.Link, n.Created.UnixMicro()}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.insertRows(ctx, tx, "notifications", cols, slices.Repeat([]string{"?"}, len(cols)), rows); err != nil {
			return err
		}
		if err := s.insertDeliveries(ctx, tx, ds); err != nil {
			return err
		}
		for _, m := range mail {
			if err := s.insertMailDeliveries(ctx, tx, m.Deliveries); err != nil {
				return err
			}
			if err := s.insertHeld(ctx, tx, m.Held); err != nil {
				return err
			}
			if err := s.addMore(ctx, tx, m.More); err != nil {
				return err
			}
		}
		// One statement per hundred counts; an item counts once per search,
		// so no statement touches a row twice.
		for chunk := range slices.Chunk(counts, rowsPerInsert) {
			args := make([]any, 0, 3*len(chunk))
			for _, c := range chunk {
				args = append(args, c.SearchID, c.Hour.UnixMicro(), c.N)
			}
			values := strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ")
			_, err := s.exec(ctx, tx, `INSERT INTO search_hours (search_id, hour_us, n) VALUES `+values+`
				ON CONFLICT (search_id, hour_us) DO UPDATE SET n = search_hours.n + excluded.n`, args...)
			if err != nil {
				return fmt.Errorf("search hours: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add alerts: %w", err)
	}
	return nil
}

// FindNotifications returns a user's notifications, newest first, their
// count and the unread count.
func (s *DB) FindNotifications(ctx context.Context, userID int64, f monitor.NotificationFilter) ([]*monitor.Notification, int, int, error) {
	var w where
	w.add(`user_id = ?`, userID)
	if f.Unread {
		w.add(`read_us IS NULL`)
	}
	list, n, err := findPage(ctx, s, `id, user_id, search_id, item_id, message, link, created_us, read_us`,
		` FROM notifications`, &w, `created_us DESC, id DESC`, f.Limit, f.Offset, scanNotification)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("store: notifications: %w", err)
	}
	unread, err := s.CountUnread(ctx, userID)
	if err != nil {
		return nil, 0, 0, err
	}
	return list, n, unread, nil
}

func scanNotification(row rowScanner) (*monitor.Notification, error) {
	var (
		n            monitor.Notification
		search, item sql.NullInt64
		msg          string
		created      int64
		read         sql.NullInt64
	)
	if err := row.Scan(&n.ID, &n.UserID, &search, &item, &msg, &n.Link, &created, &read); err != nil {
		return nil, err
	}
	n.SearchID, n.ItemID = search.Int64, item.Int64
	n.Created, n.Read = time.UnixMicro(created).UTC(), fromMicros(read)
	if err := jsonValue(msg, &n.Message); err != nil {
		return nil, err
	}
	return &n, nil
}

// MarkNotificationsRead marks a user's notifications read.
func (s *DB) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, at time.Time) error {
	q, args := `UPDATE notifications SET read_us = ? WHERE user_id = ? AND read_us IS NULL`, []any{at.UnixMicro(), userID}
	if len(ids) > 0 {
		q += ` AND id IN (` + marks(len(ids)) + `)`
		args = append(args, anys(ids)...)
	}
	if _, err := s.exec(ctx, s.db, q, args...); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", s.mapError(err))
	}
	return nil
}

// CountUnread counts a user's unread notifications.
func (s *DB) CountUnread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, s.db, `SELECT count(*) FROM notifications WHERE user_id = ? AND read_us IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unread notifications: %w", s.mapError(err))
	}
	return n, nil
}

// jsonText encodes a value for a JSON text column.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(b), nil
}

// jsonValue decodes a JSON text column.
func jsonValue(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// AddDigestEntries records matches waiting for their next digest.
func (s *DB) AddDigestEntries(ctx context.Context, entries []monitor.DigestEntry) error {
	cols := []string{"search_id", "item_id", "title", "created_us"}
	rows := make([][]any, len(entries))
	for i, e := range entries {
		rows[i] = []any{e.SearchID, e.ItemID, e.Title, e.Created.UnixMicro()}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.insertRows(ctx, tx, "digest_entries", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
	})
	if err != nil {
		return fmt.Errorf("store: add digest entries: %w", err)
	}
	return nil
}

// DigestSearches returns the saved searches with matches waiting.
func (s *DB) DigestSearches(ctx context.Context) ([]*monitor.SavedSearch, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+savedSearchColumns+savedSearchFrom+`
		WHERE s.id IN (SELECT DISTINCT search_id FROM digest_entries) ORDER BY s.id`, nil, scanSavedSearch)
	if err != nil {
		return nil, fmt.Errorf("store: digest searches: %w", err)
	}
	return list, nil
}

// DigestEntries returns a search's waiting matches, oldest first.
func (s *DB) DigestEntries(ctx context.Context, searchID int64) ([]monitor.DigestEntry, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT search_id, item_id, title, created_us FROM digest_entries
		WHERE search_id = ? ORDER BY created_us, item_id`, []any{searchID}, func(row rowScanner) (monitor.DigestEntry, error) {
		var (
			e  monitor.DigestEntry
			us int64
		)
		err := row.Scan(&e.SearchID, &e.ItemID, &e.Title, &us)
		e.Created = time.UnixMicro(us).UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: digest entries: %w", err)
	}
	return list, nil
}

// FinishDigest adds a digest's notification, removes the entries it
// covers and records when it was sent, in one transaction.
func (s *DB) FinishDigest(ctx context.Context, searchID int64, upTo, at time.Time, n *monitor.Notification, mails ...*monitor.MailDelivery) error {
	msg, err := jsonText(n.Message)
	if err != nil {
		return fmt.Errorf("store: finish digest: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO notifications (user_id, search_id, item_id, message, link, created_us)
			VALUES (?, ?, NULL, ?, ?, ?)`, n.UserID, nullID(n.SearchID), msg, n.Link, n.Created.UnixMicro()); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM digest_entries WHERE search_id = ? AND created_us <= ?`, searchID, upTo.UnixMicro()); err != nil {
			return err
		}
		if err := s.insertMailDeliveries(ctx, tx, mails); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `UPDATE saved_searches SET last_digest_us = ? WHERE id = ?`, at.UnixMicro(), searchID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: finish digest of search %d: %w", searchID, err)
	}
	return nil
}

const deliveryColumns = `d.id, d.search_id, d.agency_id, d.event, d.url, d.payload, d.status, d.attempts, d.next_attempt_us,
	d.last_status, d.last_error, d.created_us, d.delivered_us`

// insertDeliveries writes webhook deliveries in tx, with what raised them.
func (s *DB) insertDeliveries(ctx context.Context, tx *sql.Tx, ds []*monitor.WebhookDelivery) error {
	cols := []string{"search_id", "agency_id", "event", "url", "payload", "status", "next_attempt_us", "created_us"}
	rows := make([][]any, len(ds))
	for i, d := range ds {
		rows[i] = []any{d.SearchID, d.AgencyID, cmp.Or(d.Event, monitor.EventAlert), d.URL, string(d.Payload), d.Status,
			d.NextAttempt.UnixMicro(), d.Created.UnixMicro()}
	}
	return s.insertRows(ctx, tx, "webhook_deliveries", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

// ClaimWebhookDeliveries returns up to limit due pending deliveries with
// their searches' or agencies' secrets. On PostgreSQL, where several processes share
// the database, it locks them against concurrent claims (SKIP LOCKED) and
// holds them until lease; on SQLite (one process, whose runs the caller
// serialises) it only reads.
func (s *DB) ClaimWebhookDeliveries(ctx context.Context, now, lease time.Time, limit int) ([]*monitor.WebhookDelivery, error) {
	var out []*monitor.WebhookDelivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, s, tx, `SELECT `+deliveryColumns+`, coalesce(s.webhook_secret, w.secret, '')
			FROM webhook_deliveries d LEFT JOIN saved_searches s ON s.id = d.search_id
			LEFT JOIN agency_webhooks w ON w.agency_id = d.agency_id AND d.search_id = 0
			WHERE d.status = 'pending' AND d.next_attempt_us <= ? ORDER BY d.next_attempt_us, d.id
			LIMIT `+fmt.Sprint(limit)+s.dialect.SkipLocked("d"), []any{now.UnixMicro()},
			func(row rowScanner) (*monitor.WebhookDelivery, error) { return scanDelivery(row, true) })
		if err != nil || len(out) == 0 || s.dialect.SkipLocked("d") == "" {
			// Without row locks (SQLite: one process per database) the
			// runs of one process are serialised by the caller; no lease
			// to write.
			return err
		}
		ids := make([]int64, len(out))
		for i, d := range out {
			ids[i] = d.ID
		}
		_, err = s.exec(ctx, tx, `UPDATE webhook_deliveries SET next_attempt_us = ? WHERE id IN (`+marks(len(ids))+`)`,
			append([]any{lease.UnixMicro()}, anys(ids)...)...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim webhook deliveries: %w", err)
	}
	return out, nil
}

// FinishWebhookDeliveries records the outcomes of attempts, in one
// transaction.
func (s *DB) FinishWebhookDeliveries(ctx context.Context, ds []*monitor.WebhookDelivery) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range ds {
			_, err := s.exec(ctx, tx, `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_us = ?,
				last_status = ?, last_error = ?, delivered_us = ? WHERE id = ?`, d.Status, d.Attempts, d.NextAttempt.UnixMicro(),
				d.LastStatus, d.LastError, micros(d.Delivered), d.ID)
			if err != nil {
				return fmt.Errorf("delivery %d: %w", d.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: finish webhook deliveries: %w", err)
	}
	return nil
}

// FindWebhookDeliveries returns a search's deliveries, newest first.
func (s *DB) FindWebhookDeliveries(ctx context.Context, searchID int64, limit int) ([]*monitor.WebhookDelivery, error) {
	return s.findDeliveries(ctx, "d.search_id = ?", searchID, limit)
}

// FindAgencyWebhookDeliveries returns the deliveries to an agency's
// webhook, newest first.
func (s *DB) FindAgencyWebhookDeliveries(ctx context.Context, agencyID int64, limit int) ([]*monitor.WebhookDelivery, error) {
	return s.findDeliveries(ctx, "d.agency_id = ? AND d.search_id = 0", agencyID, limit)
}

func (s *DB) findDeliveries(ctx context.Context, where string, id int64, limit int) ([]*monitor.WebhookDelivery, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+deliveryColumns+` FROM webhook_deliveries d WHERE `+where+`
		ORDER BY d.created_us DESC, d.id DESC`+page(limit, 0), []any{id},
		func(row rowScanner) (*monitor.WebhookDelivery, error) { return scanDelivery(row, false) })
	if err != nil {
		return nil, fmt.Errorf("store: webhook deliveries: %w", err)
	}
	return list, nil
}

// AgencyWebhook returns an agency's webhook; nil when it has none.
func (s *DB) AgencyWebhook(ctx context.Context, agencyID int64) (*monitor.AgencyWebhook, error) {
	w := monitor.AgencyWebhook{AgencyID: agencyID}
	var updated int64
	err := s.queryRow(ctx, s.db, `SELECT url, secret, updated_us FROM agency_webhooks WHERE agency_id = ?`, agencyID).
		Scan(&w.URL, &w.Secret, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: agency webhook: %w", s.mapError(err))
	}
	w.Updated = time.UnixMicro(updated).UTC()
	return &w, nil
}

// SetAgencyWebhook stores an agency's webhook, or removes it when its URL
// is empty; the deliveries pending to another address fail, as in
// UpdateSavedSearch.
func (s *DB) SetAgencyWebhook(ctx context.Context, w *monitor.AgencyWebhook) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `DELETE FROM agency_webhooks WHERE agency_id = ?`, w.AgencyID); err != nil {
			return err
		}
		if w.URL != "" {
			_, err := s.exec(ctx, tx, `INSERT INTO agency_webhooks (agency_id, url, secret, updated_us) VALUES (?, ?, ?, ?)`,
				w.AgencyID, w.URL, w.Secret, w.Updated.UnixMicro())
			if err != nil {
				return err
			}
		}
		return s.supersedeDeliveries(ctx, tx, "agency_id = ? AND search_id = 0", w.AgencyID, w.URL)
	})
	if err != nil {
		return fmt.Errorf("store: set agency webhook: %w", s.mapError(err))
	}
	return nil
}

func scanDelivery(row rowScanner, withSecret bool) (*monitor.WebhookDelivery, error) {
	var (
		d             monitor.WebhookDelivery
		payload       string
		next, created int64
		delivered     sql.NullInt64
	)
	dest := []any{&d.ID, &d.SearchID, &d.AgencyID, &d.Event, &d.URL, &payload, &d.Status, &d.Attempts, &next, &d.LastStatus, &d.LastError,
		&created, &delivered}
	if withSecret {
		dest = append(dest, &d.Secret)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d.Payload = []byte(payload)
	d.NextAttempt, d.Created, d.Delivered = time.UnixMicro(next).UTC(), time.UnixMicro(created).UTC(), fromMicros(delivered)
	return &d, nil
}

// SearchHours returns a search's hourly counts from since on, oldest first.
func (s *DB) SearchHours(ctx context.Context, searchID int64, since time.Time) ([]monitor.HourCount, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT hour_us, n FROM search_hours WHERE search_id = ? AND hour_us >= ? ORDER BY hour_us`,
		[]any{searchID, since.UnixMicro()}, func(row rowScanner) (monitor.HourCount, error) {
			var us int64
			c := monitor.HourCount{SearchID: searchID}
			err := row.Scan(&us, &c.N)
			c.Hour = time.UnixMicro(us).UTC()
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: search hours: %w", err)
	}
	return list, nil
}

// SpikeAlert adds a spike's notification and records its end, in one
// transaction.
func (s *DB) SpikeAlert(ctx context.Context, searchID int64, until time.Time, n *monitor.Notification) error {
	msg, err := jsonText(n.Message)
	if err != nil {
		return fmt.Errorf("store: spike alert: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `INSERT INTO notifications (user_id, search_id, item_id, message, link, created_us)
			VALUES (?, ?, NULL, ?, ?, ?)`, n.UserID, nullID(n.SearchID), msg, n.Link, n.Created.UnixMicro()); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `UPDATE saved_searches SET last_spike_us = ? WHERE id = ?`, until.UnixMicro(), searchID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: spike alert of search %d: %w", searchID, err)
	}
	return nil
}
