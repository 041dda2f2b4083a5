package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// SpikeChecker raises the early-warning alerts of the saved searches;
// *monitor.Service is one.
type SpikeChecker interface {
	CheckSpikes(ctx context.Context) (int, error)
}

// CheckSpikesArgs is the job that looks for spikes.
type CheckSpikesArgs struct{}

// Kind names the job in the database.
func (CheckSpikesArgs) Kind() string { return "check_spikes" }

// InsertOpts makes check_spikes unique while one waits or runs; it is not
// retried (the next run comes in minutes, and an episode alerts once).
func (CheckSpikesArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// checkSpikesPeriodic queues check_spikes every 10 minutes: the detector
// judges closed hours, so a spike is told within ten minutes of its hour's
// end.
func checkSpikesPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return CheckSpikesArgs{}, nil },
		&river.PeriodicJobOpts{ID: "check_spikes", RunOnStart: true})
}

// checkSpikesWorker looks for spikes.
type checkSpikesWorker struct {
	river.WorkerDefaults[CheckSpikesArgs]
	checker SpikeChecker
	log     *slog.Logger
}

func (w *checkSpikesWorker) Work(ctx context.Context, _ *river.Job[CheckSpikesArgs]) error {
	n, err := w.checker.CheckSpikes(ctx)
	if err != nil {
		return fmt.Errorf("jobs: check_spikes: %w", err)
	}
	if n > 0 {
		w.log.Info("spike alerts raised", "count", n)
	}
	return nil
}
