package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// MailSender sends the due e-mails of one outbox; *monitor.Mailer (the
// saved searches') and *mail.Outbox (the others) are the two.
type MailSender interface {
	Deliver(ctx context.Context) (int, error)
}

// DeliverMailArgs is the job that sends the due e-mail deliveries.
type DeliverMailArgs struct{}

// Kind names the job in the database.
func (DeliverMailArgs) Kind() string { return "deliver_mail" }

// InsertOpts makes deliver_mail unique while one waits or runs; it is not
// retried (each delivery keeps its own attempts and back-off, and the next
// run comes in seconds).
func (DeliverMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// mailEvery is how often the due e-mails are sent: the Alerter kicks the
// Mailer at once, so the job is for retries, confirmations queued by
// another process, and summaries.
const mailEvery = 10 * time.Second

func deliverMailPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(mailEvery),
		func() (river.JobArgs, *river.InsertOpts) { return DeliverMailArgs{}, nil },
		&river.PeriodicJobOpts{ID: "deliver_mail", RunOnStart: true})
}

// deliverMailWorker sends the due e-mails.
type deliverMailWorker struct {
	river.WorkerDefaults[DeliverMailArgs]
	senders []MailSender
	log     *slog.Logger
}

// Timeout leaves room for a batch of slow SMTP exchanges.
func (w *deliverMailWorker) Timeout(*river.Job[DeliverMailArgs]) time.Duration {
	return 5 * time.Minute
}

func (w *deliverMailWorker) Work(ctx context.Context, _ *river.Job[DeliverMailArgs]) error {
	n := 0
	var errs []error
	for _, s := range w.senders {
		sent, err := s.Deliver(ctx)
		n += sent
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("jobs: deliver_mail: %w", err)
	}
	if n > 0 {
		w.log.Info("e-mails delivered", "count", n)
	}
	return nil
}
