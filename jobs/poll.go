package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/sinergi-id/sinergi/ingest"
)

// Poller is what the feed jobs need of the ingest pipeline.
type Poller interface {
	// DueFeedIDs returns up to limit feeds due now, the most overdue first.
	DueFeedIDs(ctx context.Context, limit int) ([]int64, error)
	// PollFeedByID polls a feed if it is still due and its source not
	// paused, and reports whether it polled.
	PollFeedByID(ctx context.Context, id int64) (ingest.Result, bool, error)
}

// Feed polling's schedule and limits.
const (
	pollDueEvery  = time.Minute
	pollDueLimit  = 1000            // feeds queued per poll_due; the rest at the next
	pollFeedLimit = 3 * time.Minute // one poll's fetches, extraction and store
)

// activeStates are the states in which a unique job blocks another with the
// same key: waiting or running. Once it has finished, the next may come.
var activeStates = []rivertype.JobState{
	rivertype.JobStateAvailable,
	rivertype.JobStatePending,
	rivertype.JobStateScheduled,
	rivertype.JobStateRunning,
}

// PollDueArgs is the job that queues a poll_feed job for each feed due.
type PollDueArgs struct{}

// Kind names the job in the database.
func (PollDueArgs) Kind() string { return "poll_due" }

// InsertOpts makes poll_due unique while one waits or runs, so that a slow
// one is not joined by the next, and never retried: the next comes within
// a minute.
func (PollDueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// pollDuePeriodic queues poll_due every minute, and at once when this
// process becomes River's leader.
func pollDuePeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(pollDueEvery),
		func() (river.JobArgs, *river.InsertOpts) { return PollDueArgs{}, nil },
		&river.PeriodicJobOpts{ID: "poll_due", RunOnStart: true})
}

// pollDueWorker queues the due feeds' polls. A feed already queued or
// being polled is skipped by the uniqueness of PollFeedArgs.
type pollDueWorker struct {
	river.WorkerDefaults[PollDueArgs]
	poller Poller
	runner *Runner
}

func (w *pollDueWorker) Work(ctx context.Context, _ *river.Job[PollDueArgs]) error {
	ids, err := w.poller.DueFeedIDs(ctx, pollDueLimit)
	if err != nil {
		return fmt.Errorf("jobs: poll_due: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: PollFeedArgs{FeedID: id}}
	}
	res, err := w.runner.client.InsertMany(ctx, params)
	if err != nil {
		return fmt.Errorf("jobs: poll_due: queue %d feeds: %w", len(ids), err)
	}
	var queued int
	for _, r := range res {
		if !r.UniqueSkippedAsDuplicate {
			queued++
		}
	}
	w.runner.log.Debug("feeds queued", "due", len(ids), "queued", queued)
	return nil
}

// PollFeedArgs is the job that polls one feed.
type PollFeedArgs struct {
	FeedID int64 `json:"feed_id"`
}

// Kind names the job in the database.
func (PollFeedArgs) Kind() string { return "poll_feed" }

// InsertOpts puts the polls in their queue, one per feed while it waits or
// runs (on every process sharing the database), and never retries one: a
// poll whose fetch failed is recorded by the pipeline, which schedules the
// feed's next poll itself (with backoff), and poll_due queues it again when
// it is due; a poll that could record nothing (the database failed) leaves
// the feed due, with the same effect.
func (PollFeedArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{
		Queue:       QueueIngest,
		MaxAttempts: 1,
		UniqueOpts:  river.UniqueOpts{ByArgs: true, ByState: activeStates},
	}
}

// pollFeedWorker polls one feed, if it is still due: another process may
// have polled it since it was queued.
type pollFeedWorker struct {
	river.WorkerDefaults[PollFeedArgs]
	poller Poller
	log    *slog.Logger
}

// Timeout bounds one poll; its transaction rolls back when it is cut.
func (w *pollFeedWorker) Timeout(*river.Job[PollFeedArgs]) time.Duration { return pollFeedLimit }

func (w *pollFeedWorker) Work(ctx context.Context, job *river.Job[PollFeedArgs]) error {
	res, polled, err := w.poller.PollFeedByID(ctx, job.Args.FeedID)
	if err != nil {
		return fmt.Errorf("jobs: poll_feed %d: %w", job.Args.FeedID, err)
	}
	if polled {
		w.log.Debug("feed polled", "feed_id", job.Args.FeedID, "stored", res.Stored,
			"appearances", res.Appearances, "health", res.Health)
	}
	return nil
}
