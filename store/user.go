package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/auth"
)

const userColumns = `u.id, u.agency_id, u.username, u.name, u.email, u.role, u.clearance, u.language,
	u.disabled, u.password_hash, u.created_at, u.updated_at, u.last_login_at, a.name, a.path`

const userFrom = ` FROM users u JOIN agencies a ON a.id = u.agency_id`

func scanUser(row rowScanner) (*auth.User, error) {
	var (
		u         auth.User
		role      string
		clearance int
		lastLogin sql.NullTime
		path      string
	)
	err := row.Scan(&u.ID, &u.AgencyID, &u.Username, &u.Name, &u.Email, &role, &clearance, &u.Language,
		&u.Disabled, &u.PasswordHash, &u.CreatedAt, &u.UpdatedAt, &lastLogin, &u.AgencyName, &path)
	if err != nil {
		return nil, err
	}
	u.Role, u.Clearance = access.Role(role), access.Level(clearance)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if lastLogin.Valid {
		u.LastLoginAt = lastLogin.Time.UTC()
	}
	if u.AgencyPath, err = access.ParsePath(path); err != nil {
		return nil, fmt.Errorf("user %d: %w", u.ID, err)
	}
	return &u, nil
}

// CreateUser inserts u and fills its ID and times.
func (s *DB) CreateUser(ctx context.Context, u *auth.User) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, s.db, `INSERT INTO users (agency_id, username, name, email, role, clearance,
		language, disabled, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		u.AgencyID, u.Username, u.Name, u.Email, string(u.Role), int(u.Clearance), u.Language,
		u.Disabled, u.PasswordHash, now, now).Scan(&u.ID)
	if err != nil {
		return fmt.Errorf("store: create user %q: %w", u.Username, s.mapError(err))
	}
	u.CreatedAt, u.UpdatedAt = now, now
	return nil
}

// FindUserByID returns one account.
func (s *DB) FindUserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := scanUser(s.queryRow(ctx, s.db, `SELECT `+userColumns+userFrom+` WHERE u.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, s.mapError(err))
	}
	return u, nil
}

// FindUserByUsername returns the account with that (lower-case) username.
func (s *DB) FindUserByUsername(ctx context.Context, username string) (*auth.User, error) {
	u, err := scanUser(s.queryRow(ctx, s.db, `SELECT `+userColumns+userFrom+` WHERE u.username = ?`, username))
	if err != nil {
		return nil, fmt.Errorf("store: user %q: %w", username, s.mapError(err))
	}
	return u, nil
}

// FindUsers returns matching accounts ordered by agency and username, and
// the total count.
func (s *DB) FindUsers(ctx context.Context, f auth.UserFilter) ([]*auth.User, int, error) {
	var w where
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(u.username LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Role != "" {
		w.add(`u.role = ?`, string(f.Role))
	}
	if f.AgencyPathPrefix != "" {
		w.add(`a.path LIKE ? ESCAPE '\'`, prefixPattern(f.AgencyPathPrefix))
	}
	if f.AgencyID != 0 {
		w.add(`u.agency_id = ?`, f.AgencyID)
	}
	if !f.IncludeDisabled {
		w.add(`u.disabled = ?`, false)
	}
	list, total, err := findPage(ctx, s, userColumns, userFrom, &w, `a.path, u.username`, f.Limit, f.Offset, scanUser)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find users: %w", err)
	}
	return list, total, nil
}

// UpdateUser changes the given fields of an account.
func (s *DB) UpdateUser(ctx context.Context, id int64, up auth.UserUpdate) (*auth.User, error) {
	var (
		sets []string
		args []any
	)
	set := func(col string, v any) { sets = append(sets, col+" = ?"); args = append(args, v) }
	if up.Name != nil {
		set("name", *up.Name)
	}
	if up.Email != nil {
		set("email", *up.Email)
	}
	if up.Role != nil {
		set("role", string(*up.Role))
	}
	if up.Clearance != nil {
		set("clearance", int(*up.Clearance))
	}
	if up.Language != nil {
		set("language", *up.Language)
	}
	if up.Disabled != nil {
		set("disabled", *up.Disabled)
	}
	if up.PasswordHash != nil {
		set("password_hash", *up.PasswordHash)
	}
	if up.LastLoginAt != nil {
		set("last_login_at", up.LastLoginAt.UTC().Truncate(time.Microsecond))
	}
	set("updated_at", time.Now().UTC().Truncate(time.Microsecond))
	query := `UPDATE users SET ` + strings.Join(sets, ", ") + ` WHERE id = ?`
	res, err := s.exec(ctx, s.db, query, append(args, id)...)
	if err != nil {
		return nil, fmt.Errorf("store: update user %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return nil, fmt.Errorf("store: update user %d: %w", id, s.mapError(sql.ErrNoRows))
	}
	return s.FindUserByID(ctx, id)
}

// CreateSession stores a session.
func (s *DB) CreateSession(ctx context.Context, sess *auth.Session) error {
	_, err := s.exec(ctx, s.db, `INSERT INTO sessions (id, user_id, csrf_token, address, user_agent, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sess.ID, sess.UserID, sess.CSRFToken, sess.Address, sess.UserAgent,
		sess.CreatedAt.UTC().Truncate(time.Microsecond), sess.ExpiresAt.UTC().Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// FindSession returns a session by its ID.
func (s *DB) FindSession(ctx context.Context, id string) (*auth.Session, error) {
	var sess auth.Session
	err := s.queryRow(ctx, s.db, `SELECT id, user_id, csrf_token, address, user_agent, created_at, expires_at
		FROM sessions WHERE id = ?`, id).Scan(&sess.ID, &sess.UserID, &sess.CSRFToken, &sess.Address,
		&sess.UserAgent, &sess.CreatedAt, &sess.ExpiresAt)
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", s.mapError(err))
	}
	sess.CreatedAt, sess.ExpiresAt = sess.CreatedAt.UTC(), sess.ExpiresAt.UTC()
	return &sess, nil
}

// DeleteSession removes a session.
func (s *DB) DeleteSession(ctx context.Context, id string) error {
	res, err := s.exec(ctx, s.db, `DELETE FROM sessions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: delete session: %w", s.mapError(sql.ErrNoRows))
	}
	return nil
}

// DeleteUserSessions removes every session of a user but except.
func (s *DB) DeleteUserSessions(ctx context.Context, userID int64, except string) (int, error) {
	res, err := s.exec(ctx, s.db, `DELETE FROM sessions WHERE user_id = ? AND id <> ?`, userID, except)
	if err != nil {
		return 0, fmt.Errorf("store: delete sessions of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return int(n), s.mapError(err)
}

// DeleteExpiredSessions removes sessions that ended before now.
func (s *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.exec(ctx, s.db, `DELETE FROM sessions WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), s.mapError(err)
}
