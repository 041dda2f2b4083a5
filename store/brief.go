package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
)

const briefColumns = `b.id, b.agency_id, b.since_us, b.until_us, b.generated_us, b.day, b.format, b.classification,
	b.queries, b.sha256, b.created_by, a.name, a.path`

// CreateBrief inserts a brief's snapshot and fills its ID, and, in the
// same transaction, the e-mails mails returns for it into the mail outbox
// (mails may be nil). The table refuses updates (a trigger): a stored
// brief never changes.
func (s *DB) CreateBrief(ctx context.Context, b *brief.Snapshot, mails func(id int64) ([]*mail.Outgoing, error)) error {
	queries, err := jsonText(b.Queries)
	if err != nil {
		return fmt.Errorf("store: create brief: %w", err)
	}
	var day any
	if b.Day != "" {
		day = b.Day
	}
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := s.queryRow(ctx, tx, `INSERT INTO briefs (agency_id, since_us, until_us, generated_us, day, format,
			classification, queries, content, sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			b.AgencyID, b.Since.UnixMicro(), b.Until.UnixMicro(), b.Generated.UnixMicro(), day, b.Format,
			int(b.Classification), queries, string(b.Content), b.SHA256, nullID(b.CreatedBy)).Scan(&id)
		if err != nil || mails == nil {
			return err
		}
		os, err := mails(id)
		if err != nil {
			return err
		}
		return s.insertOutgoing(ctx, tx, os)
	})
	if err != nil {
		return fmt.Errorf("store: create brief: %w", s.mapError(err))
	}
	b.ID = id
	return nil
}

// FindBriefByID returns a brief's snapshot with its content.
func (s *DB) FindBriefByID(ctx context.Context, id int64) (*brief.Snapshot, error) {
	var content string
	b, err := scanBrief(s.queryRow(ctx, s.db, `SELECT `+briefColumns+`, b.content FROM briefs b
		JOIN agencies a ON a.id = b.agency_id WHERE b.id = ?`, id), &content)
	if err != nil {
		return nil, fmt.Errorf("store: brief %d: %w", id, s.mapError(err))
	}
	b.Content = []byte(content)
	return b, nil
}

// FindBriefs returns an agency's briefs, newest window first, without
// their content.
func (s *DB) FindBriefs(ctx context.Context, f brief.Filter) ([]*brief.Snapshot, int, error) {
	var w where
	w.add(`b.agency_id = ?`, f.AgencyID)
	list, n, err := findPage(ctx, s, briefColumns, ` FROM briefs b JOIN agencies a ON a.id = b.agency_id`, &w,
		`b.until_us DESC, b.id DESC`, f.Limit, f.Offset, func(row rowScanner) (*brief.Snapshot, error) { return scanBrief(row, nil) })
	if err != nil {
		return nil, 0, fmt.Errorf("store: find briefs: %w", err)
	}
	return list, n, nil
}

func scanBrief(row rowScanner, content *string) (*brief.Snapshot, error) {
	var (
		b                       brief.Snapshot
		since, until, generated int64
		day                     sql.NullString
		class                   int
		queries, path           string
		createdBy               sql.NullInt64
	)
	dest := []any{&b.ID, &b.AgencyID, &since, &until, &generated, &day, &b.Format, &class, &queries, &b.SHA256,
		&createdBy, &b.AgencyName, &path}
	if content != nil {
		dest = append(dest, content)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	b.Since, b.Until, b.Generated = time.UnixMicro(since).UTC(), time.UnixMicro(until).UTC(), time.UnixMicro(generated).UTC()
	b.Day, b.Classification, b.CreatedBy = day.String, access.Level(class), createdBy.Int64
	if err := jsonValue(queries, &b.Queries); err != nil {
		return nil, err
	}
	var err error
	b.AgencyPath, err = access.ParsePath(path)
	return &b, err
}

// LatestBriefDays returns the latest day of each agency's scheduled
// briefs.
func (s *DB) LatestBriefDays(ctx context.Context) (map[int64]string, error) {
	type pair struct {
		id  int64
		day string
	}
	list, err := queryAll(ctx, s, s.db, `SELECT agency_id, max(day) FROM briefs WHERE day IS NOT NULL GROUP BY agency_id`, nil,
		func(row rowScanner) (pair, error) {
			var p pair
			err := row.Scan(&p.id, &p.day)
			return p, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: latest brief days: %w", err)
	}
	out := make(map[int64]string, len(list))
	for _, p := range list {
		out[p.id] = p.day
	}
	return out, nil
}

// BriefItems streams an agency's items of (since, until] up to a
// classification, oldest first, with their analyses.
func (s *DB) BriefItems(ctx context.Context, agencyID int64, ceiling access.Level, since, until time.Time,
	fn func(*archive.Item, *archive.Analysis) error) error {
	return s.streamItems(ctx, "brief items", fn, `WHERE i.agency_id = ? AND i.classification <= ?
		AND coalesce(i.published_us, i.fetched_us) > ? AND coalesce(i.published_us, i.fetched_us) <= ?
		ORDER BY coalesce(i.published_us, i.fetched_us), i.id`, agencyID, int(ceiling), since.UnixMicro(), until.UnixMicro())
}

// AgencySearches returns an agency's saved searches, by ID.
func (s *DB) AgencySearches(ctx context.Context, agencyID int64) ([]*monitor.SavedSearch, error) {
	list, err := queryAll(ctx, s, s.db, `SELECT `+savedSearchColumns+savedSearchFrom+` WHERE s.agency_id = ? ORDER BY s.id`,
		[]any{agencyID}, scanSavedSearch)
	if err != nil {
		return nil, fmt.Errorf("store: searches of agency %d: %w", agencyID, err)
	}
	return list, nil
}

// SpikeNotifications returns the spike alerts (notifications whose message
// is a spike.* key) of the given searches created in (since, until].
func (s *DB) SpikeNotifications(ctx context.Context, searchIDs []int64, since, until time.Time) ([]*monitor.Notification, error) {
	if len(searchIDs) == 0 {
		return nil, nil
	}
	args := append(anys(searchIDs), since.UnixMicro(), until.UnixMicro(), `{"key":"spike.%`)
	list, err := queryAll(ctx, s, s.db, `SELECT id, user_id, search_id, item_id, message, link, created_us, read_us
		FROM notifications WHERE search_id IN (`+marks(len(searchIDs))+`) AND created_us > ? AND created_us <= ?
		AND message LIKE ? ORDER BY created_us, id`, args, scanNotification)
	if err != nil {
		return nil, fmt.Errorf("store: spike notifications: %w", err)
	}
	return list, nil
}
