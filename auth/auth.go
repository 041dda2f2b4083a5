// Package auth manages the people who use Sinergi: their accounts (each in
// one agency, with a role and a clearance), passwords hashed with argon2id,
// server-side sessions, and the guard against password guessing.
package auth

import (
	"context"
	"time"

	"github.com/sinergi-id/sinergi/access"
)

// User is an account.
type User struct {
	ID           int64
	AgencyID     int64
	Username     string // lower case, unique
	Name         string
	Email        string
	Role         access.Role
	Clearance    access.Level
	Language     string // "id" or "en"
	Disabled     bool
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	LastLoginAt  time.Time // zero when never

	// Filled by the store from the user's agency.
	AgencyName string
	AgencyPath []int64
}

// Actor returns the user as access sees them.
func (u *User) Actor() access.Actor {
	return access.Actor{UserID: u.ID, Username: u.Username, Role: u.Role, Clearance: u.Clearance, AgencyPath: u.AgencyPath}
}

// Resource returns what access needs to judge who may administer the
// account: it belongs to the user's agency.
func (u *User) Resource() access.Resource {
	return access.Resource{Classification: access.Publik, AgencyPath: u.AgencyPath}
}

// Session is a signed-in browser. ID is the SHA-256 of the token in the
// cookie, so a copy of the database does not hand out live sessions.
type Session struct {
	ID        string
	UserID    int64
	CSRFToken string
	Address   string
	UserAgent string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// UserFilter selects accounts.
type UserFilter struct {
	Query string // part of username or name
	Role  access.Role
	// AgencyPathPrefix limits to users of an agency's subtree ("/1/2/").
	AgencyPathPrefix string
	AgencyID         int64
	IncludeDisabled  bool
	Limit, Offset    int
}

// UserUpdate changes some fields of an account; nil fields stay.
type UserUpdate struct {
	Name         *string
	Email        *string
	Role         *access.Role
	Clearance    *access.Level
	Language     *string
	Disabled     *bool
	PasswordHash *string
	LastLoginAt  *time.Time
}

// Store keeps accounts and sessions.
type Store interface {
	CreateUser(ctx context.Context, u *User) error
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	UpdateUser(ctx context.Context, id int64, u UserUpdate) (*User, error)

	CreateSession(ctx context.Context, s *Session) error
	FindSession(ctx context.Context, id string) (*Session, error)
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of a user but except (an ID,
	// or "") and says how many.
	DeleteUserSessions(ctx context.Context, userID int64, except string) (int, error)
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}
