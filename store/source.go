package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

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
			err := s.queryRow(ctx, tx, `INSERT INTO source_feeds (source_id, url, kind) VALUES (?, ?, ?) RETURNING id`,
				src.ID, f.URL, string(f.Kind)).Scan(&f.ID)
			if err != nil {
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
	marks := strings.Repeat("?, ", len(list))
	rows, err := s.query(ctx, s.db, `SELECT id, source_id, url, kind FROM source_feeds
		WHERE source_id IN (`+marks[:len(marks)-2]+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("store: source feeds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f source.FeedURL
		var kind string
		if err := rows.Scan(&f.ID, &f.SourceID, &f.URL, &kind); err != nil {
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
