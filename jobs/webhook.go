package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// WebhookSender sends the due webhook deliveries; *monitor.Webhooks is
// one.
type WebhookSender interface {
	Deliver(ctx context.Context) (int, error)
}

// DeliverWebhooksArgs is the job that sends the due webhook deliveries.
type DeliverWebhooksArgs struct{}

// Kind names the job in the database.
func (DeliverWebhooksArgs) Kind() string { return "deliver_webhooks" }

// InsertOpts makes deliver_webhooks unique while one waits or runs; it is
// not retried (the deliveries keep their own attempts and back-off, and
// the next run comes in seconds).
func (DeliverWebhooksArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// webhookEvery is how often the due deliveries are sent: an alert's
// webhook should arrive within seconds of its notification.
const webhookEvery = 5 * time.Second

func deliverWebhooksPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(webhookEvery),
		func() (river.JobArgs, *river.InsertOpts) { return DeliverWebhooksArgs{}, nil },
		&river.PeriodicJobOpts{ID: "deliver_webhooks", RunOnStart: true})
}

// deliverWebhooksWorker sends the due deliveries.
type deliverWebhooksWorker struct {
	river.WorkerDefaults[DeliverWebhooksArgs]
	sender WebhookSender
	log    *slog.Logger
}

func (w *deliverWebhooksWorker) Work(ctx context.Context, _ *river.Job[DeliverWebhooksArgs]) error {
	n, err := w.sender.Deliver(ctx)
	if err != nil {
		return fmt.Errorf("jobs: deliver_webhooks: %w", err)
	}
	if n > 0 {
		w.log.Info("webhooks delivered", "count", n)
	}
	return nil
}
