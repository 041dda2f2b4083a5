package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// SessionPurger is what purge_sessions needs of the auth service.
type SessionPurger interface {
	// PurgeExpiredSessions deletes the sessions past their end and says
	// how many.
	PurgeExpiredSessions(ctx context.Context) (int, error)
}

// PurgeSessionsArgs is the job that removes expired sessions.
type PurgeSessionsArgs struct{}

// Kind names the job in the database.
func (PurgeSessionsArgs) Kind() string { return "purge_sessions" }

// InsertOpts makes purge_sessions unique while one waits or runs. A failed
// purge is retried by River's default policy: nothing else would run it
// before the next hour.
func (PurgeSessionsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// purgeSessionsPeriodic queues purge_sessions every hour, and at once when
// this process becomes River's leader.
func purgeSessionsPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return PurgeSessionsArgs{}, nil },
		&river.PeriodicJobOpts{ID: "purge_sessions", RunOnStart: true})
}

// purgeSessionsWorker removes expired sessions.
type purgeSessionsWorker struct {
	river.WorkerDefaults[PurgeSessionsArgs]
	purger SessionPurger
	log    *slog.Logger
}

func (w *purgeSessionsWorker) Work(ctx context.Context, _ *river.Job[PurgeSessionsArgs]) error {
	n, err := w.purger.PurgeExpiredSessions(ctx)
	if err != nil {
		return fmt.Errorf("jobs: purge_sessions: %w", err)
	}
	if n > 0 {
		w.log.Info("purged expired sessions", "count", n)
	}
	return nil
}
