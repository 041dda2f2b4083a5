package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/source"
)

const sourceColumns = `id, agency_id, name, home_page, domain, alt_domains, media_type, lang, region_code,
	collections, notes, paused, created_at, updated_at`

// CreateSource inserts a source with its feeds and fills their IDs.
func (s *DB) CreateSource(ctx context.Context, src *source.Source) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := s.queryRow(ctx, tx, `INSERT INTO sources (agency_id, name, home_page, domain, alt_domains, media_type,
			lang, region_code, collections, notes, paused, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			src.AgencyID, src.Name, src.HomePage, src.Domain, wordsColumn(src.AltDomains), string(src.MediaType),
			src.Lang, src.Region, wordsColumn(src.Collections), src.Notes, src.Paused, src.CreatedAt, src.UpdatedAt).Scan(&src.ID)
		if err != nil {
			return err
		}
		for i := range src.Feeds {
			f := &src.Feeds[i]
			f.SourceID = src.ID
			if err := s.addFeed(ctx, tx, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: create source: %w", s.mapError(err))
	}
	return nil
}

// UpdateSource writes a source's fields and brings its feeds to
// src.Feeds, in one transaction: a feed whose address is kept keeps its
// row (its ID, its state and the appearances it brought), its kind and
// full-text choice updated; a new address gets a row and a state, due at
// once; a feed left out loses its state and its open alarm, its
// appearances stay without it, and its row goes. New feeds get their IDs.
func (s *DB) UpdateSource(ctx context.Context, src *source.Source) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE sources SET name = ?, home_page = ?, domain = ?, alt_domains = ?,
			media_type = ?, lang = ?, region_code = ?, collections = ?, notes = ?, updated_at = ? WHERE id = ?`,
			src.Name, src.HomePage, src.Domain, wordsColumn(src.AltDomains), string(src.MediaType), src.Lang,
			src.Region, wordsColumn(src.Collections), src.Notes, src.UpdatedAt, src.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return sql.ErrNoRows
		}
		old, err := s.feedAddresses(ctx, tx, src.ID)
		if err != nil {
			return err
		}
		for i := range src.Feeds {
			f := &src.Feeds[i]
			f.SourceID = src.ID
			if id, ok := old[f.URL]; ok {
				f.ID = id
				delete(old, f.URL)
				if _, err := s.exec(ctx, tx, `UPDATE source_feeds SET kind = ?, full_text = ? WHERE id = ?`,
					string(f.Kind), f.FullText, f.ID); err != nil {
					return err
				}
				continue
			}
			if err := s.addFeed(ctx, tx, f); err != nil {
				return err
			}
		}
		for _, id := range old {
			if err := s.removeFeed(ctx, tx, src.AgencyID, id, src.UpdatedAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: update source %d: %w", src.ID, s.mapError(err))
	}
	return nil
}

// feedAddresses returns the IDs of a source's feeds by address.
func (s *DB) feedAddresses(ctx context.Context, tx *sql.Tx, sourceID int64) (map[string]int64, error) {
	rows, err := s.query(ctx, tx, `SELECT id, url FROM source_feeds WHERE source_id = ?`, sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var (
			id  int64
			url string
		)
		if err := rows.Scan(&id, &url); err != nil {
			return nil, err
		}
		out[url] = id
	}
	return out, rows.Err()
}

// addFeed inserts a feed and its state, and fills its ID.
func (s *DB) addFeed(ctx context.Context, tx *sql.Tx, f *source.FeedURL) error {
	err := s.queryRow(ctx, tx, `INSERT INTO source_feeds (source_id, url, kind, full_text) VALUES (?, ?, ?, ?) RETURNING id`,
		f.SourceID, f.URL, string(f.Kind), f.FullText).Scan(&f.ID)
	if err != nil {
		return err
	}
	// The feed is due at once: its first poll comes with the next cycle.
	_, err = s.exec(ctx, tx, `INSERT INTO feed_states (feed_id, next_poll_us) VALUES (?, 0)`, f.ID)
	return err
}

// removeFeed deletes a feed: the appearances it brought are kept without
// it (the stories stay in the archive), its state goes and its open alarm
// is cleared at the given time.
func (s *DB) removeFeed(ctx context.Context, tx *sql.Tx, agencyID, id int64, at time.Time) error {
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE appearances SET feed_id = NULL WHERE feed_id = ?`, []any{id}},
		{`UPDATE alarms SET cleared_us = ? WHERE agency_id = ? AND subject = ? AND cleared_us IS NULL`,
			[]any{at.UnixMicro(), agencyID, ingest.FeedSubject(id)}},
		{`DELETE FROM feed_states WHERE feed_id = ?`, []any{id}},
		{`DELETE FROM source_feeds WHERE id = ?`, []any{id}},
	} {
		if _, err := s.exec(ctx, tx, q.sql, q.args...); err != nil {
			return fmt.Errorf("remove feed %d: %w", id, err)
		}
	}
	return nil
}

// FindSourceByID returns one source with its feeds.
func (s *DB) FindSourceByID(ctx context.Context, id int64) (*source.Source, error) {
	src, err := scanSource(s.queryRow(ctx, s.db, `SELECT `+sourceColumns+` FROM sources WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: source %d: %w", id, s.mapError(err))
	}
	if err := s.loadFeeds(ctx, []*source.Source{src}); err != nil {
		return nil, err
	}
	return src, nil
}

// FindSources returns the sources matching f, by name, with their feeds.
func (s *DB) FindSources(ctx context.Context, f source.Filter) ([]*source.Source, int, error) {
	var w where
	if f.AgencyID != 0 {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.Collection != "" {
		w.add(`collections LIKE ? ESCAPE '\'`, "% "+strings.TrimSuffix(prefixPattern(strings.ToLower(f.Collection)), "%")+" %")
	}
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(lower(name) LIKE ? ESCAPE '\' OR domain LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Paused != nil {
		w.add(`paused = ?`, *f.Paused)
	}
	list, total, err := findPage(ctx, s, sourceColumns, ` FROM sources`, &w, `lower(name), id`, f.Limit, f.Offset, scanSource)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find sources: %w", err)
	}
	if err := s.loadFeeds(ctx, list); err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// SetSourcePaused pauses or resumes a source.
func (s *DB) SetSourcePaused(ctx context.Context, id int64, paused bool, at time.Time) error {
	res, err := s.exec(ctx, s.db, `UPDATE sources SET paused = ?, updated_at = ? WHERE id = ?`, paused, at, id)
	if err != nil {
		return fmt.Errorf("store: pause source %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: pause source %d: %w", id, s.mapError(sql.ErrNoRows))
	}
	return nil
}

// loadFeeds fills the feeds of the sources, in one query.
func (s *DB) loadFeeds(ctx context.Context, list []*source.Source) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*source.Source, len(list))
	args := make([]any, len(list))
	for i, src := range list {
		byID[src.ID] = src
		args[i] = src.ID
	}
	rows, err := s.query(ctx, s.db, `SELECT id, source_id, url, kind, full_text FROM source_feeds
		WHERE source_id IN (`+marks(len(list))+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("store: source feeds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f source.FeedURL
		var kind string
		if err := rows.Scan(&f.ID, &f.SourceID, &f.URL, &kind, &f.FullText); err != nil {
			return fmt.Errorf("store: source feeds: %w", s.mapError(err))
		}
		f.Kind = source.FeedKind(kind)
		byID[f.SourceID].Feeds = append(byID[f.SourceID].Feeds, f)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: source feeds: %w", s.mapError(err))
	}
	return nil
}

func scanSource(row rowScanner) (*source.Source, error) {
	var (
		src                    source.Source
		alt, collections, kind string
	)
	err := row.Scan(&src.ID, &src.AgencyID, &src.Name, &src.HomePage, &src.Domain, &alt, &kind, &src.Lang,
		&src.Region, &collections, &src.Notes, &src.Paused, &src.CreatedAt, &src.UpdatedAt)
	if err != nil {
		return nil, err
	}
	src.MediaType = source.MediaType(kind)
	src.AltDomains, src.Collections = strings.Fields(alt), strings.Fields(collections)
	src.CreatedAt, src.UpdatedAt = src.CreatedAt.UTC(), src.UpdatedAt.UTC()
	return &src, nil
}

// wordsColumn keeps a list as words between spaces.
func wordsColumn(words []string) string {
	if len(words) == 0 {
		return " "
	}
	return " " + strings.Join(words, " ") + " "
}
