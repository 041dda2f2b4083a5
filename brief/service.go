package brief

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// Store keeps the snapshots and reads what a brief is made of.
type Store interface {
	// CreateBrief inserts a snapshot and fills its ID, and, in the same
	// transaction, the e-mails mails returns for that ID (nil: none) into
	// the mail outbox. A second scheduled brief of one agency and day is a
	// Conflict.
	CreateBrief(ctx context.Context, s *Snapshot, mails func(id int64) ([]*mail.Outgoing, error)) error
	// FindBriefByID returns one snapshot with its content.
	FindBriefByID(ctx context.Context, id int64) (*Snapshot, error)
	// FindBriefs returns an agency's snapshots, newest window first,
	// without their content, and their count.
	FindBriefs(ctx context.Context, f Filter) ([]*Snapshot, int, error)
	// LatestBriefDays returns, per agency, the latest Day of its scheduled
	// briefs.
	LatestBriefDays(ctx context.Context) (map[int64]string, error)
	// BriefItems streams the items of an agency published (or, undated,
	// fetched) in (since, until] with a classification up to ceiling,
	// oldest first, with their analyses.
	BriefItems(ctx context.Context, agencyID int64, ceiling access.Level, since, until time.Time,
		fn func(*archive.Item, *archive.Analysis) error) error
	// AgencySearches returns an agency's saved searches.
	AgencySearches(ctx context.Context, agencyID int64) ([]*monitor.SavedSearch, error)
	// SpikeNotifications returns the spike notifications of the given
	// saved searches created in (since, until], oldest first.
	SpikeNotifications(ctx context.Context, searchIDs []int64, since, until time.Time) ([]*monitor.Notification, error)
	// RegionSpikeNotifications returns the notifications of the spikes in
	// an agency's regions created in (since, until], oldest first.
	RegionSpikeNotifications(ctx context.Context, agencyID int64, since, until time.Time) ([]*monitor.Notification, error)
	// BriefHoaxes returns at most limit known hoaxes confirmed in the
	// agency's items of (since, until] with a classification up to
	// ceiling, the most repeated first: claims PUBLIK or the agency's own
	// up to ceiling.
	BriefHoaxes(ctx context.Context, agencyID int64, ceiling access.Level, since, until time.Time, limit int) ([]Hoax, error)
	// FindOutgoing returns the mail outbox's messages of one origin,
	// newest first.
	FindOutgoing(ctx context.Context, origin string, originID int64) ([]*mail.Outgoing, error)
}

// Filter selects an agency's briefs.
type Filter struct {
	AgencyID      int64
	Limit, Offset int
}

// Agencies is what a brief needs of the agency tree; *agency.Service is
// one.
type Agencies interface {
	Find(ctx context.Context, id agency.ID) (*agency.Agency, error)
	List(ctx context.Context, f agency.Filter) ([]*agency.Agency, int, error)
}

// Users lists an agency's accounts, for the recipients; *auth.Service is
// one.
type Users interface {
	ListUsers(ctx context.Context, actor access.Actor, f auth.UserFilter) ([]*auth.User, int, error)
}

// Compiler compiles a query of the archive's language into its matcher
// and gives the analysis it compiles with; *archive.Service is one, so the
// brief matches as search and alerts do.
type Compiler interface {
	Compile(ctx context.Context, src string, q query.Node) (*query.Query, error)
	Analyzer() (*analysis.Analyzer, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service makes, keeps and sends the leadership briefs.
type Service struct {
	store    Store
	agencies Agencies
	users    Users
	compiler Compiler
	issues   IssueSource
	regions  *region.Gazetteer
	catalogs *i18n.Catalogs
	audit    Auditor
	clock    sinergi.Clock
	log      *slog.Logger
	outbox   Outbox
}

// Deps are the dependencies of a Service. All but Outbox, Issues and
// Logger are required.
type Deps struct {
	Store    Store
	Agencies Agencies
	Users    Users
	Compiler Compiler
	// Issues gives the top issues; nil is ReplayIssues.
	Issues   IssueSource
	Regions  *region.Gazetteer
	Catalogs *i18n.Catalogs
	Audit    Auditor
	Clock    sinergi.Clock
	Logger   *slog.Logger
	// Outbox sends the scheduled briefs' e-mails, which Send writes to the
	// store's mail outbox; nil (no mail server) e-mails nothing.
	Outbox Outbox
}

// NewService returns a Service.
func NewService(d Deps) *Service {
	s := &Service{store: d.Store, agencies: d.Agencies, users: d.Users, compiler: d.Compiler, issues: d.Issues,
		regions: d.Regions, catalogs: d.Catalogs, audit: d.Audit, clock: d.Clock, log: d.Logger, outbox: d.Outbox}
	if s.issues == nil {
		s.issues = ReplayIssues{}
	}
	if s.clock == nil {
		s.clock = sinergi.SystemClock{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// mayRead reports whether actor may read the briefs of an agency at the
// given classification: people of the agency or of an agency above it,
// cleared for it.
func mayRead(actor access.Actor, res access.Resource) bool {
	if actor.System {
		return true
	}
	rel := access.RelationOf(actor.AgencyPath, res.AgencyPath)
	return !actor.Anonymous() && (rel == access.Same || rel == access.Parent) && access.Can(actor, access.View, res)
}

// mayGenerate reports whether actor may ask for a brief of an agency: its
// (or an overseeing agency's) administrators, leaders, heads and analysts.
func mayGenerate(actor access.Actor, a *agency.Agency) bool {
	if actor.System {
		return true
	}
	switch actor.Role {
	case access.Administrator, access.Pimpinan, access.KepalaHumas, access.Analis:
		return mayRead(actor, a.Resource(access.Publik))
	}
	return false
}

// MayGenerate reports whether actor may ask for a brief of the agency now.
func (s *Service) MayGenerate(actor access.Actor, a *agency.Agency) bool {
	return mayGenerate(actor, a)
}

// Create generates the brief of an agency for the window ending at at,
// stores it and records it in the audit log. at is cut to the minute;
// zero is now.
func (s *Service) Create(ctx context.Context, actor access.Actor, agencyID int64, at time.Time) (*Snapshot, error) {
	a, err := s.agencies.Find(ctx, agencyID)
	if err != nil {
		return nil, fmt.Errorf("brief: agency %d: %w", agencyID, err)
	}
	if !mayGenerate(actor, a) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "brief.error.forbidden")
	}
	if at.IsZero() {
		at = s.clock.Now()
	}
	if at.After(s.clock.Now().Add(time.Minute)) {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "brief.error.future")
	}
	snap, err := s.make(ctx, a, at.UTC().Truncate(time.Minute), "")
	if err != nil {
		return nil, err
	}
	snap.CreatedBy = actor.UserID
	if err := s.save(ctx, actor, a, snap, nil); err != nil {
		return nil, err
	}
	return snap, nil
}

// make generates a brief and wraps it as a snapshot, not yet stored.
func (s *Service) make(ctx context.Context, a *agency.Agency, at time.Time, day string) (*Snapshot, error) {
	recipients, err := s.Recipients(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	ceiling := Ceiling(recipients)
	b, err := s.generate(ctx, a, at, ceiling)
	if err != nil {
		return nil, err
	}
	content, err := Canonical(b)
	if err != nil {
		return nil, err
	}
	return &Snapshot{AgencyID: a.ID, Since: b.Since, Until: b.Until, Generated: b.Generated, Day: day,
		Format: b.Format, Classification: ceiling, Queries: b.Queries, Content: content, SHA256: Hash(content),
		AgencyName: a.Name, AgencyPath: a.Path}, nil
}

// save stores a snapshot, with the e-mails mails returns for it (nil:
// none), and records it.
func (s *Service) save(ctx context.Context, actor access.Actor, a *agency.Agency, snap *Snapshot,
	mails func(id int64) ([]*mail.Outgoing, error)) error {
	if err := s.store.CreateBrief(ctx, snap, mails); err != nil {
		return fmt.Errorf("brief: store brief of agency %d: %w", a.ID, err)
	}
	err := s.audit.Record(ctx, audit.Event{Actor: actor, ActorName: actor.Username, AgencyID: a.ID,
		AgencyPath: access.PathString(a.Path), Action: "brief.create", TargetType: "brief",
		TargetID: strconv.FormatInt(snap.ID, 10), Summary: "audit.summary.brief_create",
		SummaryArgs: []string{a.Name, snap.Until.Format(time.RFC3339)}})
	if err != nil {
		return fmt.Errorf("brief: audit: %w", err)
	}
	return nil
}

// Find returns a stored brief the actor may read; NotFound otherwise, so
// nobody learns that a brief they may not read exists.
func (s *Service) Find(ctx context.Context, actor access.Actor, id int64) (*Snapshot, error) {
	snap, err := s.store.FindBriefByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("brief: find %d: %w", id, err)
	}
	if !mayRead(actor, snap.Resource()) {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "brief.error.not_found")
	}
	return snap, nil
}

// Mails returns the e-mails of a brief the actor may read, newest first:
// to whom, and whether each was sent, is waiting for another attempt or
// failed. NotFound as Find.
func (s *Service) Mails(ctx context.Context, actor access.Actor, id int64) ([]*mail.Outgoing, error) {
	if _, err := s.Find(ctx, actor, id); err != nil {
		return nil, err
	}
	list, err := s.store.FindOutgoing(ctx, OutboxOrigin, id)
	if err != nil {
		return nil, fmt.Errorf("brief: e-mails of %d: %w", id, err)
	}
	return list, nil
}

// List returns an agency's briefs the actor may read, newest first.
func (s *Service) List(ctx context.Context, actor access.Actor, f Filter) ([]*Snapshot, int, error) {
	a, err := s.agencies.Find(ctx, f.AgencyID)
	if err != nil {
		return nil, 0, fmt.Errorf("brief: agency %d: %w", f.AgencyID, err)
	}
	if !mayRead(actor, a.Resource(access.Publik)) {
		return nil, 0, nil
	}
	list, n, err := s.store.FindBriefs(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("brief: list: %w", err)
	}
	out := slices.DeleteFunc(list, func(sn *Snapshot) bool { return !mayRead(actor, sn.Resource()) })
	return out, n - (len(list) - len(out)), nil
}

// Recipients returns the people a brief of the agency is sent to: its
// active heads (pimpinan, kepala humas) with an e-mail address.
func (s *Service) Recipients(ctx context.Context, agencyID int64) ([]*auth.User, error) {
	users, _, err := s.users.ListUsers(ctx, access.SystemActor(), auth.UserFilter{AgencyID: agencyID, Limit: 1000})
	if err != nil {
		return nil, fmt.Errorf("brief: recipients of agency %d: %w", agencyID, err)
	}
	return slices.DeleteFunc(users, func(u *auth.User) bool {
		return u.Disabled || u.Email == "" || (u.Role != access.Pimpinan && u.Role != access.KepalaHumas)
	}), nil
}

// Ceiling is the highest classification a brief for these recipients may
// hold: the lowest clearance among them, at most TERBATAS (a brief leaves
// by e-mail; RAHASIA never does); PUBLIK when there are none.
func Ceiling(recipients []*auth.User) access.Level {
	if len(recipients) == 0 {
		return access.Publik
	}
	c := access.Terbatas
	for _, u := range recipients {
		c = min(c, u.Clearance)
	}
	return c
}
