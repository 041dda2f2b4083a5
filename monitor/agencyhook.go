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
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// An agency's alert webhook receives the alerts that go to the agency
// rather than to one saved search's owner (Tangkal's recirculation
// alerts, the spikes of its regions and issues), signed under its own
// secret, through the same outbox of deliveries as the searches'
// webhooks. Each agency's head of Humas or administrator sets it for
// their own agency.

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
	EventRegionSpike       = "spike.region"
	EventIssueSpike        = "spike.issue"
)

// AgencyWebhookStore keeps the agencies' webhooks.
type AgencyWebhookStore interface {
	AgencyWebhookReader
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

// AgencyWebhookReader reads an agency's webhook; the store is one.
type AgencyWebhookReader interface {
	// AgencyWebhook returns an agency's webhook; nil when it has none.
	AgencyWebhook(ctx context.Context, agencyID int64) (*AgencyWebhook, error)
}

// AgencyDelivery builds the delivery of an event to the webhook of an
// agency, nil when it has none; payload is marshalled under "data", with
// "event" beside it. The caller writes it with the alert (an outbox).
func AgencyDelivery(ctx context.Context, hooks AgencyWebhookReader, agencyID int64, event string, payload any,
	now time.Time) (*WebhookDelivery, error) {
	w, err := hooks.AgencyWebhook(ctx, agencyID)
	if err != nil {
		return nil, fmt.Errorf("monitor: webhook of agency %d: %w", agencyID, err)
	}
	if w == nil {
		return nil, nil
	}
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

// spikePayload is the event of a region's or an issue's spike.
type spikePayload struct {
	AgencyID  int64        `json:"agency_id"`
	Region    *spikeRegion `json:"region,omitempty"`
	Issue     *spikeIssue  `json:"issue,omitempty"`
	Observed  int          `json:"observed"`
	Expected  float64      `json:"expected"`
	StdDev    float64      `json:"std_dev"`
	Threshold float64      `json:"threshold"`
	Since     time.Time    `json:"since"`
	Until     time.Time    `json:"until"`
	Link      string       `json:"link"`
}

// spikeRegion is the region of a spike: its kode wilayah and name.
type spikeRegion struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// spikeIssue is an issue as a webhook receives it: its title only when
// it is PUBLIK.
type spikeIssue struct {
	ID             int64  `json:"id"`
	Classification string `json:"classification"`
	Title          string `json:"title,omitempty"`
}

// newSpikePayload is the event of spike a, of a region or an issue.
func newSpikePayload(agencyID int64, a spike.Alert, link string) spikePayload {
	return spikePayload{AgencyID: agencyID, Observed: a.Observed, Expected: a.Expected, StdDev: a.StdDev, Threshold: a.Threshold,
		Since: a.Since.UTC(), Until: a.Until.UTC(), Link: link}
}
