package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/region"
)

const agencyColumns = `id, COALESCE(parent_id, 0), path, name, short_name, kind, region_code, time_zone,
	email, website, created_at, updated_at, leader, brief_at`

func scanAgency(row rowScanner) (*agency.Agency, error) {
	var (
		a          agency.Agency
		path, kind string
		code, tz   string
	)
	err := row.Scan(&a.ID, &a.ParentID, &path, &a.Name, &a.ShortName, &kind, &code, &tz,
		&a.Email, &a.Website, &a.CreatedAt, &a.UpdatedAt, &a.Leader, &a.BriefAt)
	if err != nil {
		return nil, err
	}
	a.Kind, a.RegionCode, a.TimeZone = agency.Kind(kind), region.Code(code), region.TimeZone(tz)
	if a.Path, err = access.ParsePath(path); err != nil {
		return nil, fmt.Errorf("agency %d: %w", a.ID, err)
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

// CreateAgency inserts a and fills its ID, Path and times.
func (s *DB) CreateAgency(ctx context.Context, a *agency.Agency) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		parentPath := "/"
		if a.ParentID != 0 {
			if err := s.queryRow(ctx, tx, `SELECT path FROM agencies WHERE id = ?`, a.ParentID).Scan(&parentPath); err != nil {
				return fmt.Errorf("parent %d: %w", a.ParentID, s.mapError(err))
			}
		}
		err := s.queryRow(ctx, tx, `INSERT INTO agencies (parent_id, path, name, short_name, kind, region_code,
			time_zone, email, website, created_at, updated_at, leader, brief_at)
			VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			nullID(a.ParentID), a.Name, a.ShortName, string(a.Kind), string(a.RegionCode),
			string(a.TimeZone), a.Email, a.Website, now, now, a.Leader, cmp.Or(a.BriefAt, agency.DefaultBriefAt)).Scan(&a.ID)
		if err != nil {
			return s.mapError(err)
		}
		path := parentPath + strconv.FormatInt(a.ID, 10) + "/"
		if _, err := s.exec(ctx, tx, `UPDATE agencies SET path = ? WHERE id = ?`, path, a.ID); err != nil {
			return err
		}
		a.Path, err = access.ParsePath(path)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create agency: %w", err)
	}
	a.CreatedAt, a.UpdatedAt = now, now
	return nil
}

// FindAgencyByID returns one agency.
func (s *DB) FindAgencyByID(ctx context.Context, id agency.ID) (*agency.Agency, error) {
	a, err := scanAgency(s.queryRow(ctx, s.db, `SELECT `+agencyColumns+` FROM agencies WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: agency %d: %w", id, s.mapError(err))
	}
	return a, nil
}

// FindAgencies returns the agencies matching f ordered by path, so a parent
// comes before its children, and the total count.
func (s *DB) FindAgencies(ctx context.Context, f agency.Filter) ([]*agency.Agency, int, error) {
	var w where
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(lower(name) LIKE ? ESCAPE '\' OR lower(short_name) LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Kind != "" {
		w.add(`kind = ?`, string(f.Kind))
	}
	if f.Parent != nil {
		if *f.Parent == 0 {
			w.add(`parent_id IS NULL`)
		} else {
			w.add(`parent_id = ?`, *f.Parent)
		}
	}
	if f.Under != 0 {
		w.add(`path LIKE (SELECT path FROM agencies WHERE id = ?) || '%'`, f.Under)
	}
	if f.RegionCode != "" {
		w.add(`region_code = ?`, string(f.RegionCode))
	}
	list, total, err := findPage(ctx, s, agencyColumns, ` FROM agencies`, &w, `path`, f.Limit, f.Offset, scanAgency)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find agencies: %w", err)
	}
	return list, total, nil
}

// UpdateAgency changes an agency. When the parent changes, the paths of the
// agency and its whole subtree move with it in the same transaction.
func (s *DB) UpdateAgency(ctx context.Context, id agency.ID, u agency.Update) (*agency.Agency, error) {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := scanAgency(s.queryRow(ctx, tx, `SELECT `+agencyColumns+` FROM agencies WHERE id = ?`, id))
		if err != nil {
			return s.mapError(err)
		}
		if u.ParentID != nil && *u.ParentID != cur.ParentID {
			if err := s.moveAgency(ctx, tx, cur, *u.ParentID); err != nil {
				return err
			}
		}
		set := func(col string, v any) error {
			_, err := s.exec(ctx, tx, `UPDATE agencies SET `+col+` = ? WHERE id = ?`, v, id)
			return err
		}
		for _, f := range []struct {
			col string
			v   *string
		}{{"name", u.Name}, {"short_name", u.ShortName}, {"email", u.Email}, {"website", u.Website},
			{"leader", u.Leader}, {"brief_at", u.BriefAt}} {
			if f.v != nil {
				if err := set(f.col, *f.v); err != nil {
					return err
				}
			}
		}
		if u.Kind != nil {
			if err := set("kind", string(*u.Kind)); err != nil {
				return err
			}
		}
		if u.RegionCode != nil {
			if err := set("region_code", string(*u.RegionCode)); err != nil {
				return err
			}
		}
		if u.TimeZone != nil {
			if err := set("time_zone", string(*u.TimeZone)); err != nil {
				return err
			}
		}
		return set("updated_at", now)
	})
	if err != nil {
		return nil, fmt.Errorf("store: update agency %d: %w", id, err)
	}
	return s.FindAgencyByID(ctx, id)
}

func (s *DB) moveAgency(ctx context.Context, tx *sql.Tx, a *agency.Agency, parentID agency.ID) error {
	parentPath := "/"
	if parentID != 0 {
		if err := s.queryRow(ctx, tx, `SELECT path FROM agencies WHERE id = ?`, parentID).Scan(&parentPath); err != nil {
			return fmt.Errorf("new parent %d: %w", parentID, s.mapError(err))
		}
	}
	oldPath := access.PathString(a.Path)
	newPath := parentPath + strconv.FormatInt(a.ID, 10) + "/"
	if len(parentPath) >= len(oldPath) && parentPath[:len(oldPath)] == oldPath {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.cycle")
	}
	if _, err := s.exec(ctx, tx, `UPDATE agencies SET parent_id = ? WHERE id = ?`, nullID(parentID), a.ID); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, `UPDATE agencies SET path = ? || substr(path, ?) WHERE path LIKE ? ESCAPE '\'`,
		newPath, len(oldPath)+1, prefixPattern(oldPath))
	return err
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
