package mail

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/internal/kick"
)

// The outbox holds the messages the program sends on its own (Tangkal's
// recirculation alerts, the leadership briefs): each is written to the
// database with what raised it, in the same transaction where it can be,
// and Outbox.Deliver sends it, retrying with back-off while the SMTP server
// refuses or cannot be reached. A message is not lost to a mail server
// that is down, nor to a restart: it waits in the outbox, and one that
// failed for good is queued again with `sinergi mail retry`. (The saved
// searches' e-mails have their own outbox in package monitor, because
// they are rendered when sent, for recipients who may unsubscribe.)

// OutboxStatus is where an outgoing message stands.
type OutboxStatus string

// The outgoing statuses.
const (
	OutboxPending OutboxStatus = "pending" // waiting for its first or next attempt
	OutboxSent    OutboxStatus = "sent"    // the SMTP server accepted it
	OutboxFailed  OutboxStatus = "failed"  // refused MaxAttempts times; not tried again
)

// Outgoing is a message in the outbox.
type Outgoing struct {
	ID int64
	// Origin says what raised it, for the log and the operator:
	// "hoax_alert" with the claim's ID, "brief" with the brief's.
	Origin      string
	OriginID    int64
	Message     Message
	Status      OutboxStatus
	Attempts    int
	NextAttempt time.Time
	LastError   string
	Created     time.Time
	Sent        time.Time
}

// NewOutgoing returns a message ready to be stored, due at once, or the
// error of Check: a message the Sender would refuse never enters the
// outbox, where it would only be retried in vain.
func NewOutgoing(origin string, originID int64, m Message, now time.Time) (*Outgoing, error) {
	if err := Check(&m); err != nil {
		return nil, err
	}
	now = now.UTC().Truncate(time.Microsecond)
	return &Outgoing{Origin: origin, OriginID: originID, Message: m, Status: OutboxPending, NextAttempt: now, Created: now}, nil
}

// OutboxStore keeps the outbox. Messages enter it through the stores of
// the domains that raise them (in their transactions) or AddOutgoing.
type OutboxStore interface {
	// AddOutgoing stores messages in one transaction.
	AddOutgoing(ctx context.Context, os []*Outgoing) error
	// ClaimOutgoing returns up to limit pending messages due at now and
	// holds them until lease, so another process does not send them too.
	ClaimOutgoing(ctx context.Context, now, lease time.Time, limit int) ([]*Outgoing, error)
	// FinishOutgoing records the outcomes of attempts. A message that was
	// sent keeps its recipients and subject only (the bodies and
	// attachments are dropped): the row stays as the log.
	FinishOutgoing(ctx context.Context, os []*Outgoing) error
}

// MessageSender sends one message; *Sender is one.
type MessageSender interface {
	Send(ctx context.Context, m *Message) error
}

// Retries: a message is tried MaxAttempts times, the wait doubling from
// firstRetry up to maxRetry (about nine hours in all), and a claimed
// message is held for claimLease.
const (
	MaxAttempts    = 10
	firstRetry     = 30 * time.Second
	maxRetry       = 4 * time.Hour
	claimLease     = 5 * time.Minute
	outboxBatch    = 20
	outboxParallel = 4
)

// Outbox sends the outbox's due messages.
type Outbox struct {
	store  OutboxStore
	sender MessageSender
	clock  sinergi.Clock
	log    *slog.Logger

	kicks kick.Loop
	runs  sync.Mutex
}

// NewOutbox returns the sender of the outbox's messages.
func NewOutbox(store OutboxStore, sender MessageSender, clock sinergi.Clock, log *slog.Logger) *Outbox {
	return &Outbox{store: store, sender: sender, clock: clock, log: log}
}

// Kick sends the due messages now, in the background: what raised them
// need not wait for the periodic job. Runs do not overlap; a kick during
// one makes another follow.
func (o *Outbox) Kick() {
	o.kicks.Kick(func() {
		ctx, cancel := context.WithTimeout(context.Background(), claimLease)
		defer cancel()
		if _, err := o.Deliver(ctx); err != nil {
			o.log.Warn("outbox run", "err", err)
		}
	})
}

// Deliver sends the messages that are due and records each outcome. It
// returns how many the SMTP server accepted.
func (o *Outbox) Deliver(ctx context.Context) (int, error) {
	o.runs.Lock()
	defer o.runs.Unlock()
	now := o.clock.Now().UTC().Truncate(time.Microsecond)
	list, err := o.store.ClaimOutgoing(ctx, now, now.Add(claimLease), outboxBatch)
	if err != nil {
		return 0, fmt.Errorf("mail: outbox: %w", err)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, outboxParallel)
	for _, m := range list {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			o.attempt(ctx, m, now)
		})
	}
	wg.Wait()
	if err := o.store.FinishOutgoing(ctx, list); err != nil {
		return 0, fmt.Errorf("mail: outbox: %w", err)
	}
	sent := 0
	for _, m := range list {
		if m.Status == OutboxSent {
			sent++
		}
	}
	return sent, nil
}

// attempt sends one message and sets its outcome.
func (o *Outbox) attempt(ctx context.Context, m *Outgoing, now time.Time) {
	m.Attempts++
	err := o.sender.Send(ctx, &m.Message)
	if err == nil {
		m.Status, m.Sent, m.LastError = OutboxSent, now, ""
		return
	}
	m.LastError = err.Error()
	if m.Attempts >= MaxAttempts {
		m.Status = OutboxFailed
		o.log.Warn("outgoing e-mail failed for good", "outbox_id", m.ID, "origin", m.Origin, "origin_id", m.OriginID, "err", m.LastError)
		return
	}
	o.log.Info("outgoing e-mail will be retried", "outbox_id", m.ID, "origin", m.Origin, "attempts", m.Attempts, "err", m.LastError)
	m.NextAttempt = now.Add(min(firstRetry<<(m.Attempts-1), maxRetry))
}
