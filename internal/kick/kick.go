// Package kick runs a piece of background work on request, never twice at
// once: the outboxes (webhook deliveries, e-mails) send what is due as soon
// as something is queued, instead of waiting for their periodic job.
package kick

import "sync/atomic"

// Loop runs work in the background when kicked. Kicks during a run are
// not lost and do not pile up: they make one more run follow it. The zero
// Loop is ready to use; it is safe for concurrent use.
type Loop struct {
	running atomic.Bool // a goroutine is running the work
	pending atomic.Bool // a kick came that no run has answered yet
}

// Kick asks for run to be called in the background: now, or after the run
// under way when there is one.
func (l *Loop) Kick(run func()) {
	l.pending.Store(true)
	if !l.running.CompareAndSwap(false, true) {
		return // the running goroutine sees pending
	}
	go func() {
		for {
			for l.pending.Swap(false) {
				run()
			}
			l.running.Store(false)
			// A kick between the last Swap and the Store found running
			// set and left its request for us: take it, unless another
			// goroutine already did.
			if !l.pending.Load() || !l.running.CompareAndSwap(false, true) {
				return
			}
		}
	}()
}
