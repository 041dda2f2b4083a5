package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/network"
)

const keyMessageColumns = `m.id, m.agency_id, m.title, m.body, m.classification, m.created_by,
	m.created_at, m.updated_at, a.name, a.path`

const keyMessageFrom = ` FROM key_messages m JOIN agencies a ON a.id = m.agency_id`

func scanKeyMessage(row rowScanner) (*network.KeyMessage, error) {
	var (
		m     network.KeyMessage
		class int
		path  string
	)
	err := row.Scan(&m.ID, &m.AgencyID, &m.Title, &m.Body, &class, &m.CreatedBy, &m.CreatedAt, &m.UpdatedAt,
		&m.AgencyName, &path)
	if err != nil {
		return nil, err
	}
	m.Classification = access.Level(class)
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	if m.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, fmt.Errorf("key message %d: %w", m.ID, err)
	}
	return &m, nil
}

// CreateKeyMessage inserts m and fills its ID and times.
func (s *DB) CreateKeyMessage(ctx context.Context, m *network.KeyMessage) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, s.db, `INSERT INTO key_messages (agency_id, title, body, classification, created_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.AgencyID, m.Title, m.Body, int(m.Classification), m.CreatedBy, now, now).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: create key message: %w", s.mapError(err))
	}
	m.CreatedAt, m.UpdatedAt = now, now
	return nil
}

// FindKeyMessageByID returns one key message, whoever may see it; the
// service decides.
func (s *DB) FindKeyMessageByID(ctx context.Context, id int64) (*network.KeyMessage, error) {
	m, err := scanKeyMessage(s.queryRow(ctx, s.db, `SELECT `+keyMessageColumns+keyMessageFrom+` WHERE m.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: key message %d: %w", id, s.mapError(err))
	}
	return m, nil
}

// FindKeyMessages returns the visible key messages matching f, newest first.
func (s *DB) FindKeyMessages(ctx context.Context, f network.Filter) ([]*network.KeyMessage, int, error) {
	var w where
	visible(&w, f.Visibility, "m.classification", "a.path", "m.agency_id")
	if f.AgencyID != 0 {
		w.add(`m.agency_id = ?`, f.AgencyID)
	}
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(lower(m.title) LIKE ? ESCAPE '\' OR lower(m.body) LIKE ? ESCAPE '\')`, p, p)
	}
	list, total, err := findPage(ctx, s, keyMessageColumns, keyMessageFrom, &w, `m.created_at DESC, m.id DESC`, f.Limit, f.Offset, scanKeyMessage)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find key messages: %w", err)
	}
	return list, total, nil
}

// visible adds the condition of access.Visibility.Allows for records with
// the given classification, agency path and agency columns.
func visible(w *where, v access.Visibility, classCol, pathCol, agencyCol string) {
	if v.All {
		return
	}
	cond := classCol + ` = ?`
	args := []any{int(access.Publik)}
	if v.Subtree != "" {
		cond += ` OR (` + pathCol + ` LIKE ? ESCAPE '\' AND ` + classCol + ` <= ?)`
		args = append(args, prefixPattern(v.Subtree), int(v.SubtreeMax))
	}
	if len(v.Ancestors) > 0 {
		marks := strings.Repeat("?, ", len(v.Ancestors))
		cond += ` OR (` + agencyCol + ` IN (` + marks[:len(marks)-2] + `) AND ` + classCol + ` <= ?)`
		for _, id := range v.Ancestors {
			args = append(args, id)
		}
		args = append(args, int(v.AncestorMax))
	}
	if v.Own != 0 {
		cond += ` OR (` + agencyCol + ` = ? AND ` + classCol + ` <= ?)`
		args = append(args, v.Own, int(v.OwnMax))
	}
	w.add(`(`+cond+`)`, args...)
}
