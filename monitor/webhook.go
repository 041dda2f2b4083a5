package monitor

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/internal/kick"
)

// Webhooks: each instant alert of a search with a WebhookURL is also sent
// as JSON, signed with HMAC-SHA256 under the search's secret
// (X-Sinergi-Signature: sha256=<hex of HMAC(secret, body)>). The alert and
// its delivery are written in one transaction (an outbox); Webhooks.Deliver,
// run by a job every few seconds, sends the due ones through safehttp and
// retries a failure with back-off. The rows are the delivery log.
//
// A webhook leaves the access rules behind (its receiver is another
// system, often outside the agency), so it carries an item's content only
// when the item is PUBLIK: for a TERBATAS or RAHASIA item it says that an
// item of that classification matched, with its ID and the link, and the
// receiver's readers open it in Sinergi, where their clearance applies.

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Retries of a webhook delivery.
const (
	// MaxAttempts is how many times a delivery is tried before it is
	// given up as failed.
	MaxAttempts = 10
	// firstRetry is the wait after the first failure; it doubles with each
	// attempt, up to maxRetry: about nine hours from the first try to the
	// last.
	firstRetry = 30 * time.Second
	maxRetry   = 4 * time.Hour
	// claimLease is how long a claimed delivery is held by the process
	// sending it; a process that dies holding it lets it go after that.
	claimLease = 2 * time.Minute
)

// WebhookDelivery is one alert sent (or to send) to a webhook.
type WebhookDelivery struct {
	ID       int64
	SearchID int64 // the saved search whose alert it is; 0 for an agency's
	AgencyID int64 // the agency whose webhook it goes to; 0 for a search's
	// Event is what it reports (EventAlert for a search's).
	Event       string
	URL         string
	Payload     []byte
	Status      string
	Attempts    int
	NextAttempt time.Time
	LastStatus  int
	LastError   string
	Created     time.Time
	Delivered   time.Time
	Secret      string // the search's or agency's secret, read when claimed; never stored here
}

// WebhookStore keeps webhook deliveries.
type WebhookStore interface {
	// ClaimWebhookDeliveries returns up to limit pending deliveries due at
	// now, holding them until lease (no other process takes them
	// meanwhile), with their searches' or agencies' secrets.
	ClaimWebhookDeliveries(ctx context.Context, now, lease time.Time, limit int) ([]*WebhookDelivery, error)
	// FinishWebhookDeliveries records the outcomes of attempts, in one
	// transaction.
	FinishWebhookDeliveries(ctx context.Context, ds []*WebhookDelivery) error
	// FindWebhookDeliveries returns a search's deliveries, newest first.
	FindWebhookDeliveries(ctx context.Context, searchID int64, limit int) ([]*WebhookDelivery, error)

	AgencyWebhookStore
}

// Sender posts a body to an address and returns the HTTP status;
// *safehttp.Client is one (private addresses refused unless the operator
// allows them, time and size limits).
type Sender interface {
	PostJSON(ctx context.Context, url string, body []byte, header map[string][]string) (int, error)
}

// webhookPayload is the JSON a search's webhook receives.
type webhookPayload struct {
	Search struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Query string `json:"query"`
	} `json:"search"`
	Item    WebhookItem `json:"item"`
	Link    string      `json:"link"`
	Matched time.Time   `json:"matched_at"`
}

// WebhookItem is an archive item as a webhook receives it: its content
// only when it is PUBLIK (see above), otherwise its ID and classification.
type WebhookItem struct {
	ID             int64  `json:"id"`
	Classification string `json:"classification"`
	// The rest is left out for an item that is not PUBLIK.
	Title     string     `json:"title,omitempty"`
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	Sentiment string     `json:"sentiment,omitempty"`
	Regions   []string   `json:"regions,omitempty"`
	Entities  []string   `json:"entities,omitempty"`
	// TitleMarked is the title in fragments, those that matched with
	// "hit": true.
	TitleMarked []archive.Fragment `json:"title_marked,omitempty"`
}

// NewWebhookItem returns it as a webhook receives it; title is its title
// with the matched words marked (nil for none).
func NewWebhookItem(it *archive.Item, title []archive.Fragment) WebhookItem {
	w := WebhookItem{ID: it.ID, Classification: it.Classification.String()}
	if it.Classification != access.Publik {
		return w
	}
	w.TitleMarked = title
	w.Title, w.URL, w.Source = it.Title, it.URL, it.Source
	w.Sentiment, w.Regions, w.Entities = it.Sentiment, it.Regions, it.Entities
	if !it.Published.IsZero() {
		published := it.Published.UTC()
		w.Published = &published
	}
	return w
}

// newDelivery builds the delivery of a search's instant alert; title is
// the item's title with the matched words marked.
func newDelivery(ss *SavedSearch, it *archive.Item, title []archive.Fragment, link string, now time.Time) (*WebhookDelivery, error) {
	var p webhookPayload
	p.Search.ID, p.Search.Name, p.Search.Query = ss.ID, ss.Name, ss.Query
	p.Item, p.Link, p.Matched = NewWebhookItem(it, title), link, now
	body, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("monitor: webhook payload: %w", err)
	}
	return &WebhookDelivery{SearchID: ss.ID, Event: EventAlert, URL: ss.WebhookURL, Payload: body, Status: DeliveryPending,
		NextAttempt: now, Created: now}, nil
}

// The LastError of a delivery Sinergi itself gave up (a receiver's or the
// network's error is kept as it came); pages say them in the reader's
// language:
const (
	// Superseded: it was still pending when its webhook's address was
	// changed or removed, so it is sent neither to the old address, which
	// is no longer wanted, nor to the new one, which did not exist when
	// the event happened.
	Superseded = "not sent: the webhook's address was changed or removed before it could be delivered"
	// Gone: its saved search was deleted, or its agency's address removed,
	// before an attempt.
	Gone = "the webhook is gone (its saved search deleted, or its agency's address removed)"
)

// Sign returns the X-Sinergi-Signature of a body under a secret, as a
// receiver recomputes it.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// cleanWebhook checks a search's webhook address and gives it a secret.
func cleanWebhook(ss *SavedSearch) error {
	addr, err := checkWebhookURL(ss.WebhookURL)
	if err != nil {
		return err
	}
	ss.WebhookURL = addr
	switch {
	case addr == "":
		ss.WebhookSecret = ""
	case ss.WebhookSecret == "":
		ss.WebhookSecret = newWebhookSecret()
	}
	return nil
}

// checkWebhookURL checks a webhook's address (empty for none) and returns
// it trimmed.
func checkWebhookURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(raw) > 2048 {
		return "", sinergi.Errorf(sinergi.KindInvalid, "monitor.error.webhook_url", raw)
	}
	return raw, nil
}

// newWebhookSecret returns a new secret to sign a webhook's deliveries.
func newWebhookSecret() string { return rand.Text() }

// Webhooks sends the pending webhook deliveries.
type Webhooks struct {
	store  WebhookStore
	sender Sender
	clock  sinergi.Clock
	log    *slog.Logger

	kicks kick.Loop
	// runs serialises this process's runs (a kick's and the job's): two
	// never send the same delivery.
	runs sync.Mutex
}

// NewWebhooks returns the sender of webhook deliveries.
func NewWebhooks(store WebhookStore, sender Sender, clock sinergi.Clock, log *slog.Logger) *Webhooks {
	return &Webhooks{store: store, sender: sender, clock: clock, log: log}
}

// Kick sends the due deliveries now, in the background: the Alerter kicks
// after writing alerts, so a webhook arrives within a second instead of at
// the next run of the job (which stays, for retries and for alerts written
// by a process that stopped). Runs do not overlap; a kick during one makes
// another follow.
func (w *Webhooks) Kick() {
	w.kicks.Kick(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := w.Deliver(ctx); err != nil {
			w.log.Warn("webhook delivery run", "err", err)
		}
	})
}

// webhookBatch is how many deliveries one run claims, and webhookParallel
// how many it sends at once.
const (
	webhookBatch    = 100
	webhookParallel = 8
)

// Deliver sends the deliveries that are due and records each outcome: a
// 2xx answer delivers it; anything else is retried after a wait that
// doubles (firstRetry, ... maxRetry) until MaxAttempts. It returns how many
// were delivered.
func (w *Webhooks) Deliver(ctx context.Context) (int, error) {
	w.runs.Lock()
	defer w.runs.Unlock()
	now := w.clock.Now().UTC().Truncate(time.Microsecond)
	list, err := w.store.ClaimWebhookDeliveries(ctx, now, now.Add(claimLease), webhookBatch)
	if err != nil {
		return 0, fmt.Errorf("monitor: webhooks: %w", err)
	}
	// Receivers answer in their own time: several at once, and the
	// outcomes written together.
	var wg sync.WaitGroup
	sem := make(chan struct{}, webhookParallel)
	for _, d := range list {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			w.attempt(ctx, d)
		})
	}
	wg.Wait()
	if err := w.store.FinishWebhookDeliveries(ctx, list); err != nil {
		return 0, fmt.Errorf("monitor: webhook deliveries: %w", err)
	}
	delivered := 0
	for _, d := range list {
		if d.Status == DeliveryDelivered {
			delivered++
		}
	}
	return delivered, nil
}

// attempt sends one delivery and sets its outcome.
func (w *Webhooks) attempt(ctx context.Context, d *WebhookDelivery) {
	now := w.clock.Now().UTC().Truncate(time.Microsecond)
	d.Attempts++
	header := map[string][]string{
		"Content-Type":        {"application/json"},
		"X-Sinergi-Delivery":  {strconv.FormatInt(d.ID, 10)},
		"X-Sinergi-Event":     {cmp.Or(d.Event, EventAlert)},
		"X-Sinergi-Signature": {Sign(d.Secret, d.Payload)},
	}
	status, err := 0, error(nil)
	if d.Secret == "" {
		err = errors.New(Gone)
	} else {
		status, err = w.sender.PostJSON(ctx, d.URL, d.Payload, header)
	}
	d.LastStatus, d.LastError = status, ""
	switch {
	case err == nil && status/100 == 2:
		d.Status, d.Delivered = DeliveryDelivered, now
		return
	case err != nil:
		d.LastError = err.Error()
	default:
		d.LastError = "HTTP " + strconv.Itoa(status)
	}
	if d.Attempts >= MaxAttempts || d.Secret == "" {
		d.Status = DeliveryFailed
		w.log.Warn("webhook delivery failed for good", "delivery_id", d.ID, "search_id", d.SearchID, "agency_id", d.AgencyID,
			"err", d.LastError)
		return
	}
	wait := min(firstRetry<<(d.Attempts-1), maxRetry)
	d.NextAttempt = now.Add(wait)
}
