// Package jobs is the process's durable background work, on River
// (github.com/riverqueue/river) over the application's own database: the
// jobs are rows in the same SQLite file or PostgreSQL database as the
// data, so a crash loses none of them, and on PostgreSQL several serve
// processes share the work without doing any of it twice.
//
// The work, one file each:
//
//   - poll.go: every minute poll_due queues one poll_feed job per feed
//     that is due; each is unique while it waits or runs, so a feed is
//     never queued twice and two processes never poll one feed at once.
//   - purge.go: every hour purge_sessions removes expired sessions.
//   - digest.go: every minute send_digests sends the saved searches'
//     digests that are due.
//   - spike.go: every 10 minutes check_spikes raises the early-warning
//     alerts of the saved searches.
//   - brief.go: every minute generate_briefs makes the leadership briefs
//     that are due (each agency's, once a day at its local time).
//   - webhook.go: every 5 seconds deliver_webhooks sends the alerts'
//     webhook deliveries that are due (their retries included).
//   - mail.go: every 10 seconds deliver_mail sends the e-mails that are
//     due (the saved searches' confirmations, alerts, digests and
//     summaries; the mail outbox's hoax alerts and briefs; retries
//     included).
//
// river.go sets River up on each engine and creates its tables.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Queues, and how many jobs of each one process works at once.
const (
	// QueueIngest holds the feed polls. They wait on the network far more
	// than they compute, hence 8 at a time (the pipeline's own limit per
	// host still applies).
	QueueIngest      = "ingest"
	ingestMaxWorkers = 8
	// The default queue holds the short database jobs: poll_due,
	// purge_sessions.
	defaultMaxWorkers = 2
)

// Config is what a Runner is built from.
type Config struct {
	// Engine is the store's engine, "sqlite" or "postgres".
	Engine string
	// Target is the SQLite file's path or the PostgreSQL URL: River opens
	// its own pool on the same database (river.go says why).
	Target string
	// Poller polls the feeds; Purger removes expired sessions. Both are
	// required.
	Poller Poller
	Purger SessionPurger
	// Digester sends the saved searches' digests; nil: none are sent.
	Digester Digester
	// Webhooks sends the alerts' webhook deliveries; nil: none are sent.
	Webhooks WebhookSender
	// Mail sends the outboxes' e-mails; none (no SMTP configured): none
	// are sent.
	Mail []MailSender
	// Spikes raises the early-warning alerts; nil: none are raised.
	Spikes SpikeChecker
	// Briefs makes the daily leadership briefs; nil: none are made.
	Briefs BriefScheduler
	// Poll makes this process work the feed polls. Without it the process
	// still queues them (when it leads) for the processes that poll, and
	// does the rest of the work.
	Poll bool
	// Logger receives the jobs' log and River's; nil discards.
	Logger *slog.Logger
}

// Runner runs the background jobs of one process. Build it with New, then
// Start it; Stop it before closing the store.
type Runner struct {
	log     *slog.Logger
	client  client
	migrate func(context.Context) error
	close   func() // closes River's pool
	closed  sync.Once
}

// client is what the Runner uses of a River client, whatever its driver.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// New returns a Runner over the database cfg names. It opens River's pool
// but neither touches the schema nor starts any work: Start does.
func New(ctx context.Context, cfg Config) (*Runner, error) {
	if cfg.Poller == nil || cfg.Purger == nil {
		return nil, errors.New("jobs: a Poller and a SessionPurger are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	r := &Runner{log: cfg.Logger}
	workers := river.NewWorkers()
	river.AddWorker(workers, &pollDueWorker{poller: cfg.Poller, runner: r})
	river.AddWorker(workers, &pollFeedWorker{poller: cfg.Poller, log: cfg.Logger})
	river.AddWorker(workers, &purgeSessionsWorker{purger: cfg.Purger, log: cfg.Logger})
	periodic := []*river.PeriodicJob{pollDuePeriodic(), purgeSessionsPeriodic()}
	if cfg.Digester != nil {
		river.AddWorker(workers, &sendDigestsWorker{digester: cfg.Digester, log: cfg.Logger})
		periodic = append(periodic, sendDigestsPeriodic())
	}
	if cfg.Spikes != nil {
		river.AddWorker(workers, &checkSpikesWorker{checker: cfg.Spikes, log: cfg.Logger})
		periodic = append(periodic, checkSpikesPeriodic())
	}
	if cfg.Briefs != nil {
		river.AddWorker(workers, &generateBriefsWorker{scheduler: cfg.Briefs, log: cfg.Logger})
		periodic = append(periodic, generateBriefsPeriodic())
	}
	if cfg.Webhooks != nil {
		river.AddWorker(workers, &deliverWebhooksWorker{sender: cfg.Webhooks, log: cfg.Logger})
		periodic = append(periodic, deliverWebhooksPeriodic())
	}
	if len(cfg.Mail) > 0 {
		river.AddWorker(workers, &deliverMailWorker{senders: cfg.Mail, log: cfg.Logger})
		periodic = append(periodic, deliverMailPeriodic())
	}
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: defaultMaxWorkers}}
	if cfg.Poll {
		queues[QueueIngest] = river.QueueConfig{MaxWorkers: ingestMaxWorkers}
	}
	rc := &river.Config{
		Queues:       queues,
		Workers:      workers,
		PeriodicJobs: periodic,
		// River logs its bookkeeping (job counts every five seconds) at
		// Info: only its warnings and errors reach the server's log.
		Logger: slog.New(atLeast{cfg.Logger.Handler(), slog.LevelWarn}).With("component", "river"),
		// A job of a process killed while it ran stays "running", and a
		// unique poll_feed blocks its feed's next one until River rescues
		// it: after 10 minutes (poll_feed's timeout is 3) rather than the
		// default hour. Rescued, it is discarded (one attempt) and the
		// feed is queued again at the next poll_due.
		RescueStuckJobsAfter: 10 * time.Minute,
		// Every poll's outcome is kept in the feed's state; the finished
		// jobs are only River's bookkeeping, and a thousand feeds make
		// a quarter of a million of them a day.
		CompletedJobRetentionPeriod: time.Hour,
	}
	var err error
	switch cfg.Engine {
	case "sqlite":
		err = r.openSQLite(ctx, cfg.Target, rc)
	case "postgres":
		err = r.openPostgres(ctx, cfg.Target, rc)
	default:
		err = fmt.Errorf("jobs: unknown engine %q", cfg.Engine)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Start creates or updates River's tables, then starts the work: the
// periodic jobs (queued by whichever process River elects leader, at once
// and then on schedule) and the workers. It returns once started; the work
// goes on, whatever becomes of ctx, until Stop.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.migrate(ctx); err != nil {
		return err
	}
	if err := r.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	r.log.Info("jobs started")
	return nil
}

// Stop stops fetching jobs and waits for the running ones until ctx ends;
// then it cancels them and waits 5 s more. A cancelled poll rolls back and
// River puts its job back in the queue, for the next process started (or
// another one running). Stop closes River's pool once stopped.
func (r *Runner) Stop(ctx context.Context) error {
	err := r.client.Stop(ctx)
	if err != nil {
		r.log.Warn("jobs still running at stop; cancelling them", "err", err)
		hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := r.client.StopAndCancel(hard); err != nil {
			// Leave the pool open: closing it under running jobs would
			// block on them.
			return fmt.Errorf("jobs: stop: %w", err)
		}
	}
	r.closed.Do(r.close)
	return nil
}

// atLeast is a log handler that passes on records of level min and above.
type atLeast struct {
	slog.Handler
	min slog.Level
}

func (h atLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h atLeast) WithAttrs(attrs []slog.Attr) slog.Handler {
	return atLeast{h.Handler.WithAttrs(attrs), h.min}
}

func (h atLeast) WithGroup(name string) slog.Handler {
	return atLeast{h.Handler.WithGroup(name), h.min}
}
