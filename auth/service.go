package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/internal/textcut"
	"github.com/sinergi-id/sinergi/ratelimit"
)

// Limits on guessing and on sessions.
const (
	// MaxFailuresPerAccount failed logins on one account within
	// FailureWindow block further tries on it.
	MaxFailuresPerAccount = 5
	// MaxFailuresPerAddress failed logins from one client address within
	// FailureWindow block it (an office behind one NAT gets more room).
	MaxFailuresPerAddress = 20
	FailureWindow         = 15 * time.Minute
	// SessionLifetime is how long a sign-in lasts: one working day.
	SessionLifetime = 12 * time.Hour
	// MinPasswordLength follows NIST SP 800-63B for passwords chosen by
	// users, with a margin.
	MinPasswordLength = 10
	maxPasswordLength = 256
)

// Agencies tells the service about the agency a user joins.
type Agencies interface {
	Path(ctx context.Context, id int64) ([]int64, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service applies the rules for accounts and sign-in.
type Service struct {
	store     Store
	agencies  Agencies
	audit     Auditor
	clock     sinergi.Clock
	byAccount *ratelimit.Window // failed logins
	byAddress *ratelimit.Window
	dummyHash string
}

// NewService returns a Service.
func NewService(store Store, agencies Agencies, auditor Auditor, clock sinergi.Clock) *Service {
	return &Service{
		store:     store,
		agencies:  agencies,
		audit:     auditor,
		clock:     clock,
		byAccount: ratelimit.New(MaxFailuresPerAccount, FailureWindow),
		byAddress: ratelimit.New(MaxFailuresPerAddress, FailureWindow),
		// Checked against when the account does not exist, so that a wrong
		// username takes as long as a wrong password.
		dummyHash: HashPassword(GeneratePassword()),
	}
}

// Credentials are what a person types to sign in, and where they come from.
type Credentials struct {
	Username  string
	Password  string
	Address   string
	UserAgent string
	// OldSessionID is the session the browser had before, if any: it is
	// ended, so a session fixed before login is worthless after it.
	OldSessionID string
}

// Login checks credentials and starts a new session. It returns the token
// for the cookie. A wrong username, a wrong password and a disabled account
// give the same error, so nobody learns which accounts exist.
func (s *Service) Login(ctx context.Context, c Credentials) (string, *Session, *User, error) {
	now := s.clock.Now()
	username := normaliseUsername(c.Username)
	for _, key := range []struct {
		l   *ratelimit.Window
		key string
	}{{s.byAccount, username}, {s.byAddress, c.Address}} {
		if blocked, until := key.l.Full(key.key, now); blocked {
			minutes := int(math.Ceil(until.Sub(now).Minutes()))
			s.record(ctx, audit.Event{ActorName: username, Action: "auth.login.blocked", TargetID: username,
				Summary: "audit.summary.login_blocked", SummaryArgs: []string{username}, Address: c.Address}, nil)
			return "", nil, nil, sinergi.Errorf(sinergi.KindUnavailable, "login.error.rate_limited", max(minutes, 1))
		}
	}
	u, err := s.store.FindUserByUsername(ctx, username)
	if err != nil && !errors.Is(err, sinergi.ErrNotFound) {
		return "", nil, nil, fmt.Errorf("auth: login %q: %w", username, err)
	}
	hash := s.dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := CheckPassword(hash, c.Password)
	if err != nil {
		return "", nil, nil, fmt.Errorf("auth: login %q: %w", username, err)
	}
	if u == nil || !ok || u.Disabled {
		s.byAccount.Add(username, now)
		s.byAddress.Add(c.Address, now)
		s.record(ctx, audit.Event{ActorName: username, Action: "auth.login.failure", TargetID: username,
			Summary: "audit.summary.login_failure", SummaryArgs: []string{username}, Address: c.Address}, u)
		return "", nil, nil, sinergi.Errorf(sinergi.KindInvalid, "login.error.invalid")
	}
	s.byAccount.Reset(username)
	if c.OldSessionID != "" {
		if err := s.store.DeleteSession(ctx, c.OldSessionID); err != nil && !errors.Is(err, sinergi.ErrNotFound) {
			return "", nil, nil, fmt.Errorf("auth: end old session: %w", err)
		}
	}
	token, sess, err := s.newSession(ctx, u, c, now)
	if err != nil {
		return "", nil, nil, err
	}
	if _, err := s.store.UpdateUser(ctx, u.ID, UserUpdate{LastLoginAt: &now}); err != nil {
		return "", nil, nil, fmt.Errorf("auth: login %q: %w", username, err)
	}
	if err := s.record(ctx, audit.Event{Actor: u.Actor(), ActorName: u.Username, Action: "auth.login",
		Summary: "audit.summary.login", Address: c.Address}, u); err != nil {
		return "", nil, nil, err
	}
	return token, sess, u, nil
}

func (s *Service) newSession(ctx context.Context, u *User, c Credentials, now time.Time) (string, *Session, error) {
	token := randomToken()
	sess := &Session{
		ID:        SessionID(token),
		UserID:    u.ID,
		CSRFToken: randomToken(),
		Address:   c.Address,
		UserAgent: textcut.Bytes(c.UserAgent, 300),
		CreatedAt: now,
		ExpiresAt: now.Add(SessionLifetime),
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", nil, fmt.Errorf("auth: create session: %w", err)
	}
	return token, sess, nil
}

// Authenticate returns the session and user behind a cookie token. An
// unknown, expired or disabled one is ErrNotFound.
func (s *Service) Authenticate(ctx context.Context, token string) (*Session, *User, error) {
	if token == "" || len(token) > 100 {
		return nil, nil, sinergi.ErrNotFound
	}
	sess, err := s.store.FindSession(ctx, SessionID(token))
	if err != nil {
		return nil, nil, fmt.Errorf("auth: session: %w", err)
	}
	if !s.clock.Now().Before(sess.ExpiresAt) {
		_ = s.store.DeleteSession(ctx, sess.ID)
		return nil, nil, fmt.Errorf("auth: session expired: %w", sinergi.ErrNotFound)
	}
	u, err := s.store.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, nil, fmt.Errorf("auth: session user: %w", err)
	}
	if u.Disabled {
		return nil, nil, fmt.Errorf("auth: user disabled: %w", sinergi.ErrNotFound)
	}
	return sess, u, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, u *User, sess *Session, address string) error {
	if err := s.store.DeleteSession(ctx, sess.ID); err != nil && !errors.Is(err, sinergi.ErrNotFound) {
		return fmt.Errorf("auth: logout: %w", err)
	}
	return s.record(ctx, audit.Event{Actor: u.Actor(), ActorName: u.Username, Action: "auth.logout",
		Summary: "audit.summary.logout", Address: address}, u)
}

// ValidCSRF reports whether a form's token is the session's.
func ValidCSRF(sess *Session, token string) bool {
	return sess != nil && token != "" && subtle.ConstantTimeCompare([]byte(sess.CSRFToken), []byte(token)) == 1
}

// SessionID returns the stored ID of a cookie token.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewUser is what an administrator fills in to create an account.
type NewUser struct {
	AgencyID  int64
	Username  string
	Name      string
	Email     string
	Role      access.Role
	Clearance access.Level
	Language  string
	Password  string
}

// CreateUser adds an account to an agency the actor administers. Nobody
// grants a clearance above their own.
func (s *Service) CreateUser(ctx context.Context, actor access.Actor, n NewUser) (*User, error) {
	path, err := s.agencies.Path(ctx, n.AgencyID)
	if errors.Is(err, sinergi.ErrNotFound) {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "user.error.agency_unknown")
	}
	if err != nil {
		return nil, fmt.Errorf("auth: create user: %w", err)
	}
	if !access.Can(actor, access.Administer, access.Resource{AgencyPath: path}) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "error.forbidden")
	}
	u := &User{
		AgencyID:  n.AgencyID,
		Username:  normaliseUsername(n.Username),
		Name:      strings.Join(strings.Fields(n.Name), " "),
		Email:     strings.TrimSpace(n.Email),
		Role:      n.Role,
		Clearance: n.Clearance,
		Language:  n.Language,
	}
	if u.Language == "" {
		u.Language = "id"
	}
	if err := validateUser(u); err != nil {
		return nil, err
	}
	if err := checkGrant(actor, u.Clearance); err != nil {
		return nil, err
	}
	if err := validatePassword(n.Password, u.Username); err != nil {
		return nil, err
	}
	u.PasswordHash = HashPassword(n.Password)
	if err := s.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, sinergi.ErrConflict) {
			return nil, &sinergi.Error{Kind: sinergi.KindConflict, Key: "user.error.username_taken", Args: []any{u.Username}, Err: err}
		}
		return nil, fmt.Errorf("auth: create user %q: %w", u.Username, err)
	}
	u.AgencyPath = path
	if err := s.record(ctx, audit.Event{Actor: actor, Action: "user.create", Summary: "audit.summary.user_create",
		SummaryArgs: []string{u.Username, string(u.Role), u.Clearance.String()}}, u); err != nil {
		return nil, err
	}
	return u, nil
}

// FindUser returns an account the actor may see: their own, or one they
// administer. Others are NotFound.
func (s *Service) FindUser(ctx context.Context, actor access.Actor, id int64) (*User, error) {
	u, err := s.store.FindUserByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("auth: find user %d: %w", id, err)
	}
	if actor.UserID != u.ID && !access.Can(actor, access.Administer, u.Resource()) {
		return nil, fmt.Errorf("auth: find user %d: %w", id, sinergi.ErrNotFound)
	}
	return u, nil
}

// FindUserByUsername returns an account by its username, for the console.
func (s *Service) FindUserByUsername(ctx context.Context, actor access.Actor, username string) (*User, error) {
	u, err := s.store.FindUserByUsername(ctx, normaliseUsername(username))
	if err != nil {
		return nil, fmt.Errorf("auth: find user %q: %w", username, err)
	}
	return s.FindUser(ctx, actor, u.ID)
}

// ListUsers returns the accounts the actor administers: those of the actor's
// agency and of the agencies below it. Others see no list.
func (s *Service) ListUsers(ctx context.Context, actor access.Actor, f UserFilter) ([]*User, int, error) {
	if !actor.System {
		if actor.Role != access.Administrator {
			return nil, 0, sinergi.Errorf(sinergi.KindForbidden, "error.forbidden")
		}
		f.AgencyPathPrefix = access.PathString(actor.AgencyPath)
	}
	list, n, err := s.store.FindUsers(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("auth: list users: %w", err)
	}
	return list, n, nil
}

// SetDisabled disables or enables an account; disabling ends all its
// sessions at once. Nobody disables themselves (an office must not lock out
// its last administrator by a slip).
func (s *Service) SetDisabled(ctx context.Context, actor access.Actor, id int64, disabled bool) (*User, error) {
	u, err := s.adminTarget(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if disabled && actor.UserID == u.ID {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "user.error.disable_self")
	}
	u, err = s.store.UpdateUser(ctx, id, UserUpdate{Disabled: &disabled})
	if err != nil {
		return nil, fmt.Errorf("auth: disable user %d: %w", id, err)
	}
	ev := audit.Event{Actor: actor, Action: "user.enable", Summary: "audit.summary.user_enable", SummaryArgs: []string{u.Username}}
	if disabled {
		ended, err := s.store.DeleteUserSessions(ctx, id, "")
		if err != nil {
			return nil, fmt.Errorf("auth: end sessions of user %d: %w", id, err)
		}
		ev.Action, ev.Summary = "user.disable", "audit.summary.user_disable"
		ev.SummaryArgs = append(ev.SummaryArgs, strconv.Itoa(ended))
	}
	if err := s.record(ctx, ev, u); err != nil {
		return nil, err
	}
	return u, nil
}

// SetPassword sets a new password for an account the actor administers,
// and ends its sessions.
func (s *Service) SetPassword(ctx context.Context, actor access.Actor, id int64, password string) error {
	u, err := s.adminTarget(ctx, actor, id)
	if err != nil {
		return err
	}
	return s.setPassword(ctx, actor, u, password, "")
}

// ChangePassword lets a signed-in person change their own password; the
// current one must be given. Their sessions end, except keepSession (the
// one they are using).
func (s *Service) ChangePassword(ctx context.Context, u *User, current, next, keepSession string) error {
	ok, err := CheckPassword(u.PasswordHash, current)
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	if !ok {
		return sinergi.Errorf(sinergi.KindInvalid, "profile.error.current_password")
	}
	return s.setPassword(ctx, u.Actor(), u, next, keepSession)
}

func (s *Service) setPassword(ctx context.Context, actor access.Actor, u *User, password, keepSession string) error {
	if err := validatePassword(password, u.Username); err != nil {
		return err
	}
	hash := HashPassword(password)
	if _, err := s.store.UpdateUser(ctx, u.ID, UserUpdate{PasswordHash: &hash}); err != nil {
		return fmt.Errorf("auth: set password of %d: %w", u.ID, err)
	}
	// Every other session ends: whoever knew the old password is out.
	if _, err := s.store.DeleteUserSessions(ctx, u.ID, keepSession); err != nil {
		return fmt.Errorf("auth: end sessions of %d: %w", u.ID, err)
	}
	return s.record(ctx, audit.Event{Actor: actor, Action: "user.password", Summary: "audit.summary.user_password",
		SummaryArgs: []string{u.Username}}, u)
}

// SetLanguage stores a person's language ("id" or "en").
func (s *Service) SetLanguage(ctx context.Context, u *User, lang string) error {
	if lang != "id" && lang != "en" {
		return sinergi.Errorf(sinergi.KindInvalid, "profile.error.language")
	}
	if _, err := s.store.UpdateUser(ctx, u.ID, UserUpdate{Language: &lang}); err != nil {
		return fmt.Errorf("auth: set language of %d: %w", u.ID, err)
	}
	return nil
}

// UpdateUser changes name, e-mail, role or clearance of an account the
// actor administers.
func (s *Service) UpdateUser(ctx context.Context, actor access.Actor, id int64, up UserUpdate) (*User, error) {
	u, err := s.adminTarget(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	next := *u
	setIf(&next.Name, up.Name)
	setIf(&next.Email, up.Email)
	setIf(&next.Role, up.Role)
	setIf(&next.Clearance, up.Clearance)
	if err := validateUser(&next); err != nil {
		return nil, err
	}
	if err := checkGrant(actor, next.Clearance); err != nil {
		return nil, err
	}
	updated, err := s.store.UpdateUser(ctx, id, UserUpdate{Name: &next.Name, Email: &next.Email, Role: &next.Role, Clearance: &next.Clearance})
	if err != nil {
		return nil, fmt.Errorf("auth: update user %d: %w", id, err)
	}
	if err := s.record(ctx, audit.Event{Actor: actor, Action: "user.update", Summary: "audit.summary.user_update",
		SummaryArgs: []string{updated.Username, string(updated.Role), updated.Clearance.String()}}, updated); err != nil {
		return nil, err
	}
	return updated, nil
}

// PurgeExpiredSessions deletes sessions past their end.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int, error) {
	n, err := s.store.DeleteExpiredSessions(ctx, s.clock.Now())
	if err != nil {
		return 0, fmt.Errorf("auth: purge sessions: %w", err)
	}
	return n, nil
}

func (s *Service) adminTarget(ctx context.Context, actor access.Actor, id int64) (*User, error) {
	u, err := s.store.FindUserByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("auth: user %d: %w", id, err)
	}
	if !access.Can(actor, access.Administer, u.Resource()) {
		return nil, fmt.Errorf("auth: user %d: %w", id, sinergi.ErrNotFound)
	}
	return u, nil
}

// record appends ev to the audit log. When the account is known the entry
// targets it and is filed under its agency.
func (s *Service) record(ctx context.Context, ev audit.Event, u *User) error {
	ev.TargetType = "user"
	if u != nil {
		ev.TargetID = strconv.FormatInt(u.ID, 10)
		ev.AgencyID, ev.AgencyPath = u.AgencyID, access.PathString(u.AgencyPath)
	}
	if err := s.audit.Record(ctx, ev); err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	return nil
}

func checkGrant(actor access.Actor, clearance access.Level) error {
	if clearance > actor.Clearance {
		return sinergi.Errorf(sinergi.KindForbidden, "user.error.clearance_above_own")
	}
	return nil
}

func validateUser(u *User) error {
	if n := len(u.Username); n < 3 || n > 40 {
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.username_length", 3, 40)
	}
	for _, r := range u.Username {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return sinergi.Errorf(sinergi.KindInvalid, "user.error.username_chars")
		}
	}
	if n := utf8.RuneCountInString(u.Name); n == 0 || n > 120 {
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.name_required")
	}
	if u.Email != "" {
		if addr, err := mail.ParseAddress(u.Email); err != nil || addr.Address != u.Email {
			return sinergi.Errorf(sinergi.KindInvalid, "user.error.email_invalid")
		}
	}
	if _, err := access.ParseRole(string(u.Role)); err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.role_unknown")
	}
	if u.Clearance < access.Publik || u.Clearance > access.Rahasia {
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.clearance_unknown")
	}
	if u.Language != "id" && u.Language != "en" {
		return sinergi.Errorf(sinergi.KindInvalid, "profile.error.language")
	}
	return nil
}

func validatePassword(password, username string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.password_short", MinPasswordLength)
	case n > maxPasswordLength:
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.password_long", maxPasswordLength)
	case strings.Contains(strings.ToLower(password), username):
		return sinergi.Errorf(sinergi.KindInvalid, "user.error.password_username")
	}
	return nil
}

func normaliseUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
