package monitor

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/kick"
)

// Email is one e-mail as the Mailer hands it to its sender; the mail
// package's Sender sends it (cmd/sinergi adapts one to the other).
type Email struct {
	To      string
	Subject string
	Text    string
	HTML    string
	Header  map[string]string
}

// EmailSender sends one e-mail.
type EmailSender interface {
	SendEmail(ctx context.Context, e *Email) error
}

// Mailer sends the pending e-mail deliveries. Each is rendered when sent,
// in the recipient's language, with fresh tokens (only their hashes are
// stored); its recipient's status and right to see each item are checked
// again at that moment, so an unsubscribed address receives nothing more.
type Mailer struct {
	store     MailStore
	users     Users
	sender    EmailSender
	catalogs  *i18n.Catalogs
	publicURL string
	clock     sinergi.Clock
	log       *slog.Logger

	kicks kick.Loop
	runs  sync.Mutex
}

// NewMailer returns the sender of e-mail deliveries; publicURL is the
// address links in the e-mails point to (--public-url).
func NewMailer(store MailStore, users Users, sender EmailSender, catalogs *i18n.Catalogs, publicURL string,
	clock sinergi.Clock, log *slog.Logger) *Mailer {
	return &Mailer{store: store, users: users, sender: sender, catalogs: catalogs,
		publicURL: strings.TrimSuffix(publicURL, "/"), clock: clock, log: log}
}

// Retries of an e-mail delivery: as webhooks (MaxAttempts, doubling from
// firstRetry to maxRetry).
const (
	mailBatch    = 50
	mailParallel = 4
)

// Kick sends the due deliveries now, in the background; runs do not
// overlap, and a kick during one makes another follow.
func (m *Mailer) Kick() {
	m.kicks.Kick(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if _, err := m.Deliver(ctx); err != nil {
			m.log.Warn("mail delivery run", "err", err)
		}
	})
}

// Deliver sends the deliveries that are due and records each outcome: an
// accepted message is delivered; a refusal or an unreachable server is
// retried after a wait that doubles, until MaxAttempts. It returns how
// many were delivered.
func (m *Mailer) Deliver(ctx context.Context) (int, error) {
	m.runs.Lock()
	defer m.runs.Unlock()
	now := m.clock.Now().UTC().Truncate(time.Microsecond)
	list, err := m.store.ClaimMailDeliveries(ctx, now, now.Add(claimLease), mailBatch)
	if err != nil {
		return 0, fmt.Errorf("monitor: mail: %w", err)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, mailParallel)
	for _, d := range list {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			m.attempt(ctx, d)
		})
	}
	wg.Wait()
	if err := m.store.FinishMailDeliveries(ctx, list); err != nil {
		return 0, fmt.Errorf("monitor: mail deliveries: %w", err)
	}
	delivered := 0
	for _, d := range list {
		if d.Status == DeliveryDelivered {
			delivered++
		}
	}
	return delivered, nil
}

// attempt renders and sends one delivery and sets its outcome.
func (m *Mailer) attempt(ctx context.Context, d *MailDelivery) {
	now := m.clock.Now().UTC().Truncate(time.Microsecond)
	e, reason, err := m.render(ctx, d, now)
	if err == nil && e == nil {
		d.Status, d.LastError = DeliveryCancelled, reason
		return
	}
	d.Attempts++
	if err == nil {
		err = m.sender.SendEmail(ctx, e)
	}
	if err == nil {
		d.Status, d.Delivered, d.LastError = DeliveryDelivered, now, ""
		return
	}
	d.LastError = err.Error()
	if d.Attempts >= MaxAttempts {
		d.Status = DeliveryFailed
		m.log.Warn("mail delivery failed for good", "delivery_id", d.ID, "search_id", d.SearchID, "err", d.LastError)
		return
	}
	m.log.Info("mail delivery will be retried", "delivery_id", d.ID, "attempts", d.Attempts, "err", d.LastError)
	d.NextAttempt = now.Add(min(firstRetry<<(d.Attempts-1), maxRetry))
}

// render builds a delivery's e-mail, or nil and the reason when it is not
// to be sent: its recipient unsubscribed or is not confirmed, or may see
// none of its items.
func (m *Mailer) render(ctx context.Context, d *MailDelivery, now time.Time) (*Email, string, error) {
	r := d.Recipient
	switch {
	case d.Kind == MailConfirm && r.Status != RecipientPending:
		return nil, "recipient " + string(r.Status), nil
	case d.Kind != MailConfirm && r.Status != RecipientConfirmed:
		return nil, "recipient " + string(r.Status), nil
	}
	if d.Kind == MailConfirm {
		token, hash := newToken()
		if err := m.store.AddMailToken(ctx, hash, r.ID, TokenConfirm, now); err != nil {
			return nil, "", fmt.Errorf("confirm token: %w", err)
		}
		return m.confirmEmail(d, token), "", nil
	}
	visible, err := m.visible(ctx, r, d.Payload.Items)
	if err != nil {
		return nil, "", err
	}
	if len(visible) == 0 {
		return nil, "no item the recipient may see", nil
	}
	token, hash := newToken()
	if err := m.store.AddMailToken(ctx, hash, r.ID, TokenUnsubscribe, now); err != nil {
		return nil, "", fmt.Errorf("unsubscribe token: %w", err)
	}
	return m.alertEmail(d, visible, token), "", nil
}

// visible returns the items a recipient may receive, checked now.
func (m *Mailer) visible(ctx context.Context, r *Recipient, items []MailItem) ([]MailItem, error) {
	var u *auth.User
	if r.UserID != 0 {
		var err error
		u, err = m.users.FindUser(ctx, access.SystemActor(), r.UserID)
		switch {
		case sinergi.KindOf(err) == sinergi.KindNotFound:
			return nil, nil
		case err != nil:
			return nil, fmt.Errorf("recipient user %d: %w", r.UserID, err)
		}
	}
	var out []MailItem
	for _, it := range items {
		if mayReceive(r, u, it.Resource()) {
			out = append(out, it)
		}
	}
	return out, nil
}
