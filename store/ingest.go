package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/source"
)

// The ingestion pipeline's tables (migration 00005): feed_states beside
// source_feeds, appearances of stories, alarms. Times are microseconds
// since 1970 UTC, as in items; messages are JSON (ingest.Message).

const feedColumns = `f.id, f.source_id, f.url, f.kind, f.full_text,
	st.etag, st.last_modified, st.next_poll_us, st.interval_s, st.rate_per_hour,
	st.last_poll_us, st.last_ok_us, st.last_new_us, st.first_new_us, st.last_status, st.last_error,
	st.failures, st.polls, st.not_modified, st.items_new, st.health, st.health_since_us, st.health_reason,
	st.hub, st.hub_topic, st.hub_lease_us, st.hub_secret, st.last_published_us, st.dated_per_day`

const feedFrom = ` FROM source_feeds f JOIN feed_states st ON st.feed_id = f.id JOIN sources s ON s.id = f.source_id`

// idsPerQuery is how many values one IN (...) list carries.
const idsPerQuery = 500

// DueFeeds returns the feeds of sources not paused that are due at now.
func (s *DB) DueFeeds(ctx context.Context, now time.Time, limit int) ([]*ingest.Feed, error) {
	var w where
	w.add(`s.paused = ?`, false)
	w.add(`st.next_poll_us <= ?`, now.UnixMicro())
	q := `SELECT ` + feedColumns + feedFrom + w.String() + ` ORDER BY st.next_poll_us, f.id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	feeds, err := s.scanFeeds(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: due feeds: %w", err)
	}
	return feeds, nil
}

// FindFeedByID returns one feed with its source and state.
func (s *DB) FindFeedByID(ctx context.Context, id int64) (*ingest.Feed, error) {
	feeds, err := s.scanFeeds(ctx, `SELECT `+feedColumns+feedFrom+` WHERE f.id = ?`, id)
	if err == nil && len(feeds) == 0 {
		err = s.mapError(sql.ErrNoRows)
	}
	if err != nil {
		return nil, fmt.Errorf("store: feed %d: %w", id, err)
	}
	return feeds[0], nil
}

// FindFeeds returns the feeds matching f, worst health first, then by
// source name.
func (s *DB) FindFeeds(ctx context.Context, f ingest.FeedFilter) ([]*ingest.Feed, int, error) {
	var w where
	if f.AgencyID != 0 {
		w.add(`s.agency_id = ?`, f.AgencyID)
	}
	if f.SourceID != 0 {
		w.add(`f.source_id = ?`, f.SourceID)
	}
	if f.Health != "" {
		w.add(`st.health = ?`, string(f.Health))
	}
	var total int
	if err := s.queryRow(ctx, s.db, `SELECT count(*)`+feedFrom+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: find feeds: %w", s.mapError(err))
	}
	order := ` ORDER BY CASE st.health WHEN 'gone' THEN 0 WHEN 'failing' THEN 1 WHEN 'late' THEN 2 WHEN 'new' THEN 3 ELSE 4 END,
		lower(s.name), f.id`
	feeds, err := s.scanFeeds(ctx, `SELECT `+feedColumns+feedFrom+w.String()+order+page(f.Limit, f.Offset), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find feeds: %w", err)
	}
	return feeds, total, nil
}

// scanFeeds runs a query over feedColumns and attaches each feed's source.
func (s *DB) scanFeeds(ctx context.Context, q string, args ...any) ([]*ingest.Feed, error) {
	rows, err := s.query(ctx, s.db, q, args...)
	if err != nil {
		return nil, s.mapError(err)
	}
	defer rows.Close()
	var (
		feeds     []*ingest.Feed
		sourceIDs []int64
	)
	for rows.Next() {
		f, sourceID, err := scanFeed(rows)
		if err != nil {
			return nil, s.mapError(err)
		}
		feeds = append(feeds, f)
		sourceIDs = append(sourceIDs, sourceID)
	}
	if err := rows.Err(); err != nil {
		return nil, s.mapError(err)
	}
	rows.Close()
	sources, err := s.sourcesByID(ctx, sourceIDs)
	if err != nil {
		return nil, err
	}
	for i, f := range feeds {
		f.Source = sources[sourceIDs[i]]
	}
	return feeds, nil
}

func scanFeed(row rowScanner) (*ingest.Feed, int64, error) {
	var (
		f                                         ingest.Feed
		sourceID, interval                        int64
		kind, health                              string
		next                                      int64
		lastPoll, lastOK, lastNew, firstNew, hsnc sql.NullInt64
		lease, published                          sql.NullInt64
		lastError, reason                         string
	)
	st := &f.State
	err := row.Scan(&f.ID, &sourceID, &f.URL, &kind, &f.FullText,
		&st.ETag, &st.LastModified, &next, &interval, &st.RatePerHour,
		&lastPoll, &lastOK, &lastNew, &firstNew, &st.LastStatus, &lastError,
		&st.Failures, &st.Polls, &st.NotModified, &st.ItemsNew, &health, &hsnc, &reason,
		&st.Hub, &st.HubTopic, &lease, &st.HubSecret, &published, &st.DatedPerDay)
	if err != nil {
		return nil, 0, err
	}
	f.Kind, st.Health = source.FeedKind(kind), ingest.Health(health)
	st.NextPoll = time.UnixMicro(next).UTC()
	st.Interval = time.Duration(interval) * time.Second
	st.LastPoll, st.LastOK, st.LastNew, st.FirstNew = fromMicros(lastPoll), fromMicros(lastOK), fromMicros(lastNew), fromMicros(firstNew)
	st.HealthSince, st.HubLease, st.LastPublished = fromMicros(hsnc), fromMicros(lease), fromMicros(published)
	if err := st.LastError.UnmarshalText([]byte(lastError)); err != nil {
		return nil, 0, err
	}
	if err := st.HealthReason.UnmarshalText([]byte(reason)); err != nil {
		return nil, 0, err
	}
	return &f, sourceID, nil
}

// sourcesByID returns the sources with the given IDs, without their feeds.
func (s *DB) sourcesByID(ctx context.Context, ids []int64) (map[int64]*source.Source, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids))) // a copy: the caller's order is its feeds' order
	out := make(map[int64]*source.Source, len(ids))
	for chunk := range slices.Chunk(ids, idsPerQuery) {
		rows, err := s.query(ctx, s.db, `SELECT `+sourceColumns+` FROM sources WHERE id IN (`+marks(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("sources: %w", s.mapError(err))
		}
		for rows.Next() {
			src, err := scanSource(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("sources: %w", s.mapError(err))
			}
			out[src.ID] = src
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sources: %w", s.mapError(err))
		}
	}
	return out, nil
}

// KnownIdents returns, of idents, those the agency has recorded.
func (s *DB) KnownIdents(ctx context.Context, agencyID int64, idents []string) (map[string]int64, error) {
	known := map[string]int64{}
	if err := s.knownIdents(ctx, s.db, agencyID, idents, known); err != nil {
		return nil, fmt.Errorf("store: known idents: %w", err)
	}
	return known, nil
}

func (s *DB) knownIdents(ctx context.Context, q querier, agencyID int64, idents []string, known map[string]int64) error {
	for chunk := range slices.Chunk(idents, idsPerQuery) {
		args := append([]any{agencyID}, anys(chunk)...)
		rows, err := s.query(ctx, q, `SELECT ident, item_id FROM appearances WHERE agency_id = ? AND ident IN (`+marks(len(chunk))+`)`, args...)
		if err != nil {
			return s.mapError(err)
		}
		for rows.Next() {
			var ident string
			var id int64
			if err := rows.Scan(&ident, &id); err != nil {
				rows.Close()
				return s.mapError(err)
			}
			known[ident] = id
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return s.mapError(err)
		}
	}
	return nil
}

// SaveBatch writes a poll's or an upload's work in one transaction.
func (s *DB) SaveBatch(ctx context.Context, b *ingest.Batch) error {
	enc, err := encodeAnalyses(b.Analyses)
	if err != nil {
		return fmt.Errorf("store: save batch: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.addItems(ctx, tx, b.Items, enc); err != nil {
			return err
		}
		if err := s.addAppearances(ctx, tx, b); err != nil {
			return err
		}
		if b.Feed != nil {
			if err := s.saveFeedState(ctx, tx, b.Feed); err != nil {
				return err
			}
		}
		return s.changeAlarm(ctx, tx, b)
	})
	if err != nil {
		return fmt.Errorf("store: save batch: %w", err)
	}
	return nil
}

// addAppearances resolves each appearance's story to its item (stored in
// this batch or before) and inserts them.
func (s *DB) addAppearances(ctx context.Context, tx *sql.Tx, b *ingest.Batch) error {
	items := make(map[string]int64, len(b.Items))
	for i, it := range b.Items {
		items[b.Idents[i]] = it.ID
	}
	var missing []string
	for _, a := range b.Appearances {
		if _, ok := items[a.StoryIdent]; !ok && !slices.Contains(missing, a.StoryIdent) {
			missing = append(missing, a.StoryIdent)
		}
	}
	if err := s.knownIdents(ctx, tx, b.AgencyID, missing, items); err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	cols := []string{"agency_id", "item_id", "ident", "source_id", "feed_id", "source", "url", "how", "similarity",
		"published_us", "seen_us"}
	rows := make([][]any, len(b.Appearances))
	for i := range b.Appearances {
		a := &b.Appearances[i]
		id, ok := items[a.StoryIdent]
		if !ok {
			return fmt.Errorf("appearance %q: story %q is not stored", a.Ident, a.StoryIdent)
		}
		a.ItemID = id
		rows[i] = []any{b.AgencyID, id, a.Ident, nullID(a.SourceID), nullID(a.FeedID), a.Source, a.URL,
			a.How.String(), a.Similarity, micros(a.Published), micros(a.Seen)}
	}
	return s.insertRows(ctx, tx, "appearances", cols, slices.Repeat([]string{"?"}, len(cols)), rows)
}

// SetFeedLease records the end of a feed's WebSub subscription.
func (s *DB) SetFeedLease(ctx context.Context, feedID int64, lease time.Time) error {
	res, err := s.exec(ctx, s.db, `UPDATE feed_states SET hub_lease_us = ? WHERE feed_id = ?`, micros(lease), feedID)
	if err != nil {
		return fmt.Errorf("store: feed lease %d: %w", feedID, s.mapError(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: feed lease %d: %w", feedID, s.mapError(sql.ErrNoRows))
	}
	return nil
}

// saveFeedState writes a feed's state, except its WebSub lease, which only
// the hub's verification sets (SetFeedLease): a poll that began before a
// verification must not undo it.
func (s *DB) saveFeedState(ctx context.Context, tx *sql.Tx, f *ingest.Feed) error {
	st := &f.State
	lastError, err := st.LastError.MarshalText()
	if err != nil {
		return err
	}
	reason, err := st.HealthReason.MarshalText()
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `UPDATE feed_states SET etag = ?, last_modified = ?, next_poll_us = ?, interval_s = ?,
		rate_per_hour = ?, last_poll_us = ?, last_ok_us = ?, last_new_us = ?, first_new_us = ?, last_status = ?,
		last_error = ?, failures = ?, polls = ?, not_modified = ?, items_new = ?, health = ?, health_since_us = ?,
		health_reason = ?, hub = ?, hub_topic = ?, hub_secret = ?, last_published_us = ?, dated_per_day = ? WHERE feed_id = ?`,
		st.ETag, st.LastModified, st.NextPoll.UnixMicro(), int64(st.Interval/time.Second), st.RatePerHour,
		micros(st.LastPoll), micros(st.LastOK), micros(st.LastNew), micros(st.FirstNew), st.LastStatus,
		string(lastError), st.Failures, st.Polls, st.NotModified, st.ItemsNew, string(st.Health), micros(st.HealthSince),
		string(reason), st.Hub, st.HubTopic, st.HubSecret, micros(st.LastPublished), st.DatedPerDay, f.ID)
	if err != nil {
		return fmt.Errorf("feed state %d: %w", f.ID, err)
	}
	return nil
}

// changeAlarm raises, updates or clears the batch's alarm: one open alarm
// per subject.
func (s *DB) changeAlarm(ctx context.Context, tx *sql.Tx, b *ingest.Batch) error {
	a := b.Alarm
	if a == nil {
		return nil
	}
	if !a.Cleared.IsZero() {
		_, err := s.exec(ctx, tx, `UPDATE alarms SET cleared_us = ? WHERE agency_id = ? AND subject = ? AND cleared_us IS NULL`,
			a.Cleared.UnixMicro(), a.AgencyID, a.Subject)
		if err != nil {
			return fmt.Errorf("clear alarm: %w", err)
		}
		return nil
	}
	msg, err := a.Message.MarshalText()
	if err != nil {
		return err
	}
	res, err := s.exec(ctx, tx, `UPDATE alarms SET kind = ?, message = ? WHERE agency_id = ? AND subject = ? AND cleared_us IS NULL`,
		a.Kind, string(msg), a.AgencyID, a.Subject)
	if err != nil {
		return fmt.Errorf("alarm: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = s.exec(ctx, tx, `INSERT INTO alarms (agency_id, subject, kind, message, raised_us) VALUES (?, ?, ?, ?, ?)`,
		a.AgencyID, a.Subject, a.Kind, string(msg), a.Raised.UnixMicro())
	if err != nil {
		return fmt.Errorf("raise alarm: %w", err)
	}
	return nil
}

// FindAlarms returns the agency's open alarms, newest first.
func (s *DB) FindAlarms(ctx context.Context, agencyID int64) ([]*ingest.Alarm, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT id, agency_id, subject, kind, message, raised_us FROM alarms
		WHERE agency_id = ? AND cleared_us IS NULL ORDER BY raised_us DESC, id DESC`, []any{agencyID},
		func(row rowScanner) (*ingest.Alarm, error) {
			var (
				a      ingest.Alarm
				msg    string
				raised int64
			)
			if err := row.Scan(&a.ID, &a.AgencyID, &a.Subject, &a.Kind, &msg, &raised); err != nil {
				return nil, err
			}
			a.Raised = time.UnixMicro(raised).UTC()
			return &a, a.Message.UnmarshalText([]byte(msg))
		})
	if err != nil {
		return nil, fmt.Errorf("store: alarms: %w", err)
	}
	return list, nil
}

// FeedSeen returns when each appearance a feed brought since then was
// recorded, newest first, at most 100,000.
func (s *DB) FeedSeen(ctx context.Context, feedID int64, since time.Time) ([]time.Time, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT seen_us FROM appearances WHERE feed_id = ? AND seen_us >= ?
		ORDER BY seen_us DESC LIMIT 100000`, []any{feedID, since.UnixMicro()}, func(row rowScanner) (time.Time, error) {
		var us int64
		err := row.Scan(&us)
		return time.UnixMicro(us).UTC(), err
	})
	if err != nil {
		return nil, fmt.Errorf("store: feed seen: %w", err)
	}
	return list, nil
}

// RecentItems streams the agency's newest stories, at most limit, first
// seen at or after since, oldest first.
func (s *DB) RecentItems(ctx context.Context, agencyID int64, since time.Time, limit int, fn func(ingest.StoredItem) error) error {
	first := dedup.First.String()
	from := int64(0)
	err := s.queryRow(ctx, s.db, `SELECT id FROM appearances WHERE agency_id = ? AND how = ? AND seen_us >= ?
		ORDER BY id DESC LIMIT 1 OFFSET ?`, agencyID, first, since.UnixMicro(), max(limit-1, 0)).Scan(&from)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: recent items: %w", s.mapError(err))
	}
	rows, err := s.query(ctx, s.db, `SELECT a.ident, a.url, t.title, t.body, a.seen_us FROM appearances a
		JOIN item_texts t ON t.item_id = a.item_id
		WHERE a.agency_id = ? AND a.how = ? AND a.seen_us >= ? AND a.id >= ? ORDER BY a.id`,
		agencyID, first, since.UnixMicro(), from)
	if err != nil {
		return fmt.Errorf("store: recent items: %w", s.mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			it          ingest.StoredItem
			title, body string
			seen        int64
		)
		if err := rows.Scan(&it.Ident, &it.URL, &title, &body, &seen); err != nil {
			return fmt.Errorf("store: recent items: %w", s.mapError(err))
		}
		it.Text, it.Seen = title+"\n"+body, time.UnixMicro(seen).UTC()
		if err := fn(it); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: recent items: %w", s.mapError(err))
	}
	return nil
}

// marks returns n placeholders separated by commas.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// anys converts a slice to arguments.
func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}
