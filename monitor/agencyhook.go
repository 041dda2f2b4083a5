package monitor

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
)

// An agency's alert webhook receives the alerts that go to the agency
// rather than to one saved search's owner (Tangkal's recirculation
// alerts), signed under its own secret, through the same outbox of
// deliveries as the searches' webhooks. Each agency's head of Humas or
// administrator sets it for their own agency.

// AgencyWebhook is an agency's alert webhook.
type AgencyWebhook struct {
	AgencyID int64
	URL      string
	Secret   string
	Updated  time.Time
}

// Events an agency's webhook receives (the X-Sinergi-Event header and the
// payload's "event"); a saved search's deliveries are EventAlert.
const (
	EventAlert             = "alert"
	EventHoaxRecirculation = "hoax.recirculation"
)

// AgencyWebhookStore keeps the agencies' webhooks.
type AgencyWebhookStore interface {
	// AgencyWebhook returns an agency's webhook; nil when it has none.
	AgencyWebhook(ctx context.Context, agencyID int64) (*AgencyWebhook, error)
	// SetAgencyWebhook stores an agency's webhook, or removes it when its
	// URL is empty.
	SetAgencyWebhook(ctx context.Context, w *AgencyWebhook) error
	// FindAgencyWebhookDeliveries returns an agency's deliveries, newest
	// first.
	FindAgencyWebhookDeliveries(ctx context.Context, agencyID int64, limit int) ([]*WebhookDelivery, error)
}

// ManagesAgencyWebhook reports whether actor may set and read the
// webhook of their own agency: its head of Humas and its administrators.
func ManagesAgencyWebhook(actor access.Actor) bool {
	return actor.UserID != 0 && (actor.Role == access.KepalaHumas || actor.Role == access.Administrator)
}

// AgencyWebhook returns the webhook of the actor's agency (a zero one,
// without URL, when none is set) and its last deliveries.
func (s *Service) AgencyWebhook(ctx context.Context, actor access.Actor, limit int) (*AgencyWebhook, []*WebhookDelivery, error) {
	if !ManagesAgencyWebhook(actor) {
		return nil, nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	w, err := s.store.AgencyWebhook(ctx, actor.AgencyID())
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: agency webhook: %w", err)
	}
	if w == nil {
		w = &AgencyWebhook{AgencyID: actor.AgencyID()}
	}
	log, err := s.store.FindAgencyWebhookDeliveries(ctx, actor.AgencyID(), limit)
	if err != nil {
		return nil, nil, fmt.Errorf("monitor: agency webhook log: %w", err)
	}
	return w, log, nil
}

// SetAgencyWebhook sets the webhook of the actor's agency to url, or
// removes it when url is empty. A new address gets a new secret.
func (s *Service) SetAgencyWebhook(ctx context.Context, actor access.Actor, url string) (*AgencyWebhook, error) {
	if !ManagesAgencyWebhook(actor) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	url, err := checkWebhookURL(url)
	if err != nil {
		return nil, err
	}
	old, err := s.store.AgencyWebhook(ctx, actor.AgencyID())
	if err != nil {
		return nil, fmt.Errorf("monitor: agency webhook: %w", err)
	}
	w := &AgencyWebhook{AgencyID: actor.AgencyID(), URL: url, Updated: s.clock.Now().UTC().Truncate(time.Microsecond)}
	switch {
	case url == "":
	case old != nil && old.URL == url:
		w.Secret = old.Secret
	default:
		w.Secret = newWebhookSecret()
	}
	if err := s.store.SetAgencyWebhook(ctx, w); err != nil {
		return nil, fmt.Errorf("monitor: set agency webhook: %w", err)
	}
	err = s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: actor.AgencyID(), AgencyPath: access.PathString(actor.AgencyPath),
		Action: "agency.webhook", TargetType: "agency", TargetID: strconv.FormatInt(actor.AgencyID(), 10),
		Summary: "audit.summary.agency_webhook", SummaryArgs: []string{cmp.Or(url, "—")},
	})
	if err != nil {
		return nil, fmt.Errorf("monitor: %w", err)
	}
	return w, nil
}

// NewAgencyDelivery builds the delivery of an event to an agency's
// webhook; payload is marshalled with "event" added beside its fields.
// The caller writes it with the alert (an outbox).
func NewAgencyDelivery(w *AgencyWebhook, event string, payload any, now time.Time) (*WebhookDelivery, error) {
	body, err := json.Marshal(struct {
		Event string `json:"event"`
		Data  any    `json:"data"`
	}{event, payload})
	if err != nil {
		return nil, fmt.Errorf("monitor: %s payload: %w", event, err)
	}
	return &WebhookDelivery{AgencyID: w.AgencyID, Event: event, URL: w.URL, Payload: body, Status: DeliveryPending,
		NextAttempt: now, Created: now}, nil
}
