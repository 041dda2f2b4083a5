package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// BriefScheduler makes the daily leadership briefs that are due;
// *brief.Service is one.
type BriefScheduler interface {
	GenerateDue(ctx context.Context) (int, error)
}

// GenerateBriefsArgs is the job that makes the due briefs.
type GenerateBriefsArgs struct{}

// Kind names the job in the database.
func (GenerateBriefsArgs) Kind() string { return "generate_briefs" }

// InsertOpts makes generate_briefs unique while one waits or runs. It is
// not retried: the next minute's run makes what this one could not, and a
// day's brief is unique per agency in the database, so no brief is made
// twice even by processes sharing PostgreSQL.
func (GenerateBriefsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// generateBriefsPeriodic queues generate_briefs every minute: a brief is
// due at a minute of the agency's choosing.
func generateBriefsPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return GenerateBriefsArgs{}, nil },
		&river.PeriodicJobOpts{ID: "generate_briefs", RunOnStart: true})
}

// generateBriefsWorker makes the due briefs.
type generateBriefsWorker struct {
	river.WorkerDefaults[GenerateBriefsArgs]
	scheduler BriefScheduler
	log       *slog.Logger
}

// Timeout gives a run time for many agencies' briefs (one of 100,000
// items takes seconds; docs/benchmarks.md).
func (w *generateBriefsWorker) Timeout(*river.Job[GenerateBriefsArgs]) time.Duration {
	return 30 * time.Minute
}

func (w *generateBriefsWorker) Work(ctx context.Context, _ *river.Job[GenerateBriefsArgs]) error {
	n, err := w.scheduler.GenerateDue(ctx)
	if n > 0 {
		w.log.Info("leadership briefs made", "count", n)
	}
	if err != nil {
		return fmt.Errorf("jobs: generate_briefs: %w", err)
	}
	return nil
}
