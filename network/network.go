// Package network is the Sinergi module of the product: what binds central
// and regional Humas into one network. Its first part is the key message
// (pesan kunci): the agreed lines an agency gives its own staff and the
// agencies below it, so that every office speaks with one voice. A key
// message carries a classification like every record: a RAHASIA line for a
// crisis stays inside its agency, a TERBATAS one travels along the agency's
// line of the tree (up to those who oversee it, down to those it guides), a
// PUBLIK one may be read by anyone.
package network

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
)

// KeyMessage is a pesan kunci.
type KeyMessage struct {
	ID             int64
	AgencyID       int64
	Title          string
	Body           string
	Classification access.Level
	CreatedBy      int64
	CreatedAt      time.Time
	UpdatedAt      time.Time

	// Filled by the store from the owning agency.
	AgencyName string
	AgencyPath []int64
}

// Resource returns what access needs to judge the message.
func (m *KeyMessage) Resource() access.Resource {
	return access.Resource{Classification: m.Classification, AgencyPath: m.AgencyPath}
}

// Filter selects key messages. Visibility is always applied.
type Filter struct {
	Visibility    access.Visibility
	AgencyID      int64
	Query         string
	Limit, Offset int
}

// Store keeps key messages.
type Store interface {
	CreateKeyMessage(ctx context.Context, m *KeyMessage) error
	FindKeyMessageByID(ctx context.Context, id int64) (*KeyMessage, error)
	FindKeyMessages(ctx context.Context, f Filter) ([]*KeyMessage, int, error)
}

// Agencies tells the service where an agency stands in the tree.
type Agencies interface {
	Path(ctx context.Context, id int64) ([]int64, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service applies the rules for key messages.
type Service struct {
	store    Store
	agencies Agencies
	audit    Auditor
}

// NewService returns a Service.
func NewService(store Store, agencies Agencies, auditor Auditor) *Service {
	return &Service{store: store, agencies: agencies, audit: auditor}
}

// Create adds a key message to the actor's agency (or, from the console, to
// m.AgencyID). The actor must be able to change records of that agency at
// the message's classification.
func (s *Service) Create(ctx context.Context, actor access.Actor, m *KeyMessage) error {
	if !actor.System {
		m.AgencyID = actor.AgencyID()
	}
	m.CreatedBy = actor.UserID
	m.Title = strings.Join(strings.Fields(m.Title), " ")
	m.Body = strings.TrimSpace(m.Body)
	switch {
	case m.Title == "":
		return sinergi.Errorf(sinergi.KindInvalid, "keymessage.error.title_required")
	case utf8.RuneCountInString(m.Title) > 200:
		return sinergi.Errorf(sinergi.KindInvalid, "keymessage.error.title_too_long", 200)
	case m.Body == "":
		return sinergi.Errorf(sinergi.KindInvalid, "keymessage.error.body_required")
	case utf8.RuneCountInString(m.Body) > 20000:
		return sinergi.Errorf(sinergi.KindInvalid, "keymessage.error.body_too_long", 20000)
	case m.Classification < access.Publik || m.Classification > access.Rahasia:
		return sinergi.Errorf(sinergi.KindInvalid, "keymessage.error.classification")
	}
	path, err := s.agencies.Path(ctx, m.AgencyID)
	if err != nil {
		return fmt.Errorf("network: key message agency %d: %w", m.AgencyID, err)
	}
	m.AgencyPath = path
	if !access.Can(actor, access.Change, m.Resource()) {
		return sinergi.Errorf(sinergi.KindForbidden, "keymessage.error.forbidden")
	}
	if err := s.store.CreateKeyMessage(ctx, m); err != nil {
		return fmt.Errorf("network: create key message: %w", err)
	}
	// The summary names the classification, never the content.
	err = s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: m.AgencyID, AgencyPath: access.PathString(path),
		Action: "keymessage.create", TargetType: "keymessage", TargetID: strconv.FormatInt(m.ID, 10),
		Summary: "audit.summary.keymessage_create", SummaryArgs: []string{m.Classification.String()},
	})
	if err != nil {
		return fmt.Errorf("network: %w", err)
	}
	return nil
}

// Find returns a key message the actor may see. One they may not see is
// NotFound, exactly as one that does not exist.
func (s *Service) Find(ctx context.Context, actor access.Actor, id int64) (*KeyMessage, error) {
	m, err := s.store.FindKeyMessageByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("network: key message %d: %w", id, err)
	}
	if !access.Can(actor, access.View, m.Resource()) {
		return nil, fmt.Errorf("network: key message %d: %w", id, sinergi.ErrNotFound)
	}
	return m, nil
}

// List returns the key messages the actor may see, newest first, and how
// many there are; the count covers only what the actor may see.
func (s *Service) List(ctx context.Context, actor access.Actor, f Filter) ([]*KeyMessage, int, error) {
	f.Visibility = access.VisibilityOf(actor)
	list, n, err := s.store.FindKeyMessages(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("network: list key messages: %w", err)
	}
	return list, n, nil
}
