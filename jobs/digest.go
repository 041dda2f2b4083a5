package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// Digester sends the saved searches' digests that are due;
// *monitor.Service is one.
type Digester interface {
	SendDigests(ctx context.Context) (int, error)
}

// SendDigestsArgs is the job that sends the due digests.
type SendDigestsArgs struct{}

// Kind names the job in the database.
func (SendDigestsArgs) Kind() string { return "send_digests" }

// InsertOpts makes send_digests unique while one waits or runs. It is not
// retried: the next minute's run sends what this one could not (a digest
// is removed with its entries in one transaction, so nothing goes twice).
func (SendDigestsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// sendDigestsPeriodic queues send_digests every minute: the finest digest
// period is 15 minutes, and a daily digest is due at a minute.
func sendDigestsPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return SendDigestsArgs{}, nil },
		&river.PeriodicJobOpts{ID: "send_digests", RunOnStart: true})
}

// sendDigestsWorker sends the due digests.
type sendDigestsWorker struct {
	river.WorkerDefaults[SendDigestsArgs]
	digester Digester
	log      *slog.Logger
}

func (w *sendDigestsWorker) Work(ctx context.Context, _ *river.Job[SendDigestsArgs]) error {
	n, err := w.digester.SendDigests(ctx)
	if err != nil {
		return fmt.Errorf("jobs: send_digests: %w", err)
	}
	if n > 0 {
		w.log.Info("digests sent", "count", n)
	}
	return nil
}
