package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/monitor"
)

// AddRegionHours adds counts to the region series, one statement per
// hundred counts.
func (s *DB) AddRegionHours(ctx context.Context, counts []monitor.RegionHour) error {
	for chunk := range slices.Chunk(counts, rowsPerInsert) {
		args := make([]any, 0, 4*len(chunk))
		for _, c := range chunk {
			args = append(args, c.AgencyID, c.Code, c.Hour.UnixMicro(), c.N)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", len(chunk)), ", ")
		_, err := s.exec(ctx, s.db, `INSERT INTO region_hours (agency_id, code, hour_us, n) VALUES `+values+`
			ON CONFLICT (agency_id, code, hour_us) DO UPDATE SET n = region_hours.n + excluded.n`, args...)
		if err != nil {
			return fmt.Errorf("store: region hours: %w", err)
		}
	}
	return nil
}

// BusyRegions returns the region series that counted at least min items
// from since on.
func (s *DB) BusyRegions(ctx context.Context, since time.Time, min int) ([]monitor.RegionKey, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT agency_id, code FROM region_hours WHERE hour_us >= ?
		GROUP BY agency_id, code HAVING SUM(n) >= ? ORDER BY agency_id, code`,
		[]any{since.UnixMicro(), min}, func(row rowScanner) (monitor.RegionKey, error) {
			var k monitor.RegionKey
			return k, row.Scan(&k.AgencyID, &k.Code)
		})
	if err != nil {
		return nil, fmt.Errorf("store: busy regions: %w", err)
	}
	return list, nil
}

// RegionHours returns a region series' hourly counts from since on, oldest
// first.
func (s *DB) RegionHours(ctx context.Context, key monitor.RegionKey, since time.Time) ([]monitor.HourCount, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT hour_us, n FROM region_hours
		WHERE agency_id = ? AND code = ? AND hour_us >= ? ORDER BY hour_us`,
		[]any{key.AgencyID, key.Code, since.UnixMicro()}, func(row rowScanner) (monitor.HourCount, error) {
			var us int64
			var c monitor.HourCount
			err := row.Scan(&us, &c.N)
			c.Hour = time.UnixMicro(us).UTC()
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: region hours: %w", err)
	}
	return list, nil
}

// LastRegionSpike returns the end of a region series' last spike alert;
// zero when it had none.
func (s *DB) LastRegionSpike(ctx context.Context, key monitor.RegionKey) (time.Time, error) {
	var us int64
	err := s.queryRow(ctx, s.db, `SELECT last_spike_us FROM region_spikes WHERE agency_id = ? AND code = ?`,
		key.AgencyID, key.Code).Scan(&us)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("store: last spike of region %s: %w", key.Code, s.mapError(err))
	}
	return time.UnixMicro(us).UTC(), nil
}

// RegionSpikeAlert adds a region spike's notifications and records its
// end, in one transaction.
func (s *DB) RegionSpikeAlert(ctx context.Context, key monitor.RegionKey, until time.Time, ns []*monitor.Notification, d *monitor.WebhookDelivery) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.insertNotifications(ctx, tx, ns); err != nil {
			return err
		}
		if d != nil {
			if err := s.insertDeliveries(ctx, tx, []*monitor.WebhookDelivery{d}); err != nil {
				return err
			}
		}
		_, err := s.exec(ctx, tx, `INSERT INTO region_spikes (agency_id, code, last_spike_us) VALUES (?, ?, ?)
			ON CONFLICT (agency_id, code) DO UPDATE SET last_spike_us = excluded.last_spike_us`,
			key.AgencyID, key.Code, until.UnixMicro())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: spike alert of region %s: %w", key.Code, err)
	}
	return nil
}

// insertNotifications adds notifications that name no saved search (the
// spikes of regions and issues).
func (s *DB) insertNotifications(ctx context.Context, tx *sql.Tx, ns []*monitor.Notification) error {
	cols := []string{"user_id", "item_id", "message", "link", "created_us"}
	rows := make([][]any, len(ns))
	for i, n := range ns {
		msg, err := jsonText(n.Message)
		if err != nil {
			return err
		}
		rows[i] = []any{n.UserID, nullID(n.ItemID), msg, n.Link, n.Created.UnixMicro()}
	}
	return s.insertRows(ctx, tx, "notifications", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

// RegionSpikeNotifications returns the notifications of the spikes in an
// agency's regions (raised for its watchers) created in (since, until],
// oldest first.
func (s *DB) RegionSpikeNotifications(ctx context.Context, agencyID int64, since, until time.Time) ([]*monitor.Notification, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT n.id, n.user_id, n.search_id, n.item_id, n.message, n.link, n.created_us, n.read_us
		FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.agency_id = ? AND n.search_id IS NULL AND n.created_us > ? AND n.created_us <= ? AND n.message LIKE ?
		ORDER BY n.created_us, n.id`, []any{agencyID, since.UnixMicro(), until.UnixMicro(), `{"key":"spike.region.%`}, scanNotification)
	if err != nil {
		return nil, fmt.Errorf("store: region spike notifications: %w", err)
	}
	return list, nil
}

// BusyIssues returns the issues, not merged away, with at least min items
// at or after since.
func (s *DB) BusyIssues(ctx context.Context, since time.Time, min int) ([]monitor.IssueKey, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT i.id, i.agency_id, i.title, i.model_title, i.first_us, i.classification
		FROM issues i JOIN issue_items ii ON ii.issue_id = i.id
		WHERE ii.at_us >= ? AND i.merged_into IS NULL
		GROUP BY i.id, i.agency_id, i.title, i.model_title, i.first_us, i.classification
		HAVING COUNT(*) >= ? ORDER BY i.id`,
		[]any{since.UnixMicro(), min}, func(row rowScanner) (monitor.IssueKey, error) {
			var k monitor.IssueKey
			var title, model string
			var first int64
			err := row.Scan(&k.IssueID, &k.AgencyID, &title, &model, &first, &k.Classification)
			k.Title, k.FirstSeen = cmp.Or(title, model), time.UnixMicro(first).UTC()
			return k, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: busy issues: %w", err)
	}
	return list, nil
}

// IssueHours returns an issue's items per hour (by the time the clusterer
// gave each) from since on, oldest first.
func (s *DB) IssueHours(ctx context.Context, issueID int64, since time.Time) ([]monitor.HourCount, error) {
	const hour = int64(time.Hour / time.Microsecond)
	list, err := queryAll(ctx, s, s.db, `SELECT at_us / ? AS h, COUNT(*) FROM issue_items
		WHERE issue_id = ? AND at_us >= ? GROUP BY h ORDER BY h`,
		[]any{hour, issueID, since.UnixMicro()}, func(row rowScanner) (monitor.HourCount, error) {
			var h int64
			var c monitor.HourCount
			err := row.Scan(&h, &c.N)
			c.Hour = time.UnixMicro(h * hour).UTC()
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: issue hours: %w", err)
	}
	return list, nil
}

// LastIssueSpike returns the end of an issue's last spike alert; zero
// when it had none.
func (s *DB) LastIssueSpike(ctx context.Context, issueID int64) (time.Time, error) {
	var us int64
	err := s.queryRow(ctx, s.db, `SELECT last_spike_us FROM issue_spikes WHERE issue_id = ?`, issueID).Scan(&us)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("store: last spike of issue %d: %w", issueID, s.mapError(err))
	}
	return time.UnixMicro(us).UTC(), nil
}

// IssueSpikeAlert adds an issue spike's notifications and records its
// end, in one transaction.
func (s *DB) IssueSpikeAlert(ctx context.Context, issueID int64, until time.Time, ns []*monitor.Notification, d *monitor.WebhookDelivery) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.insertNotifications(ctx, tx, ns); err != nil {
			return err
		}
		if d != nil {
			if err := s.insertDeliveries(ctx, tx, []*monitor.WebhookDelivery{d}); err != nil {
				return err
			}
		}
		_, err := s.exec(ctx, tx, `INSERT INTO issue_spikes (issue_id, last_spike_us) VALUES (?, ?)
			ON CONFLICT (issue_id) DO UPDATE SET last_spike_us = excluded.last_spike_us`, issueID, until.UnixMicro())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: spike alert of issue %d: %w", issueID, err)
	}
	return nil
}
