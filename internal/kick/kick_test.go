package kick_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/kick"
)

// TestKicksDuringARunMakeOneMore: five kicks while a run is blocked give
// exactly one more run, never two at once.
func TestKicksDuringARunMakeOneMore(t *testing.T) {
	var (
		l       kick.Loop
		runs    atomic.Int32
		inside  atomic.Int32
		started = make(chan struct{}, 10)
		release = make(chan struct{})
		done    sync.WaitGroup
	)
	done.Add(2)
	run := func() {
		if inside.Add(1) != 1 {
			t.Error("two runs at once")
		}
		runs.Add(1)
		started <- struct{}{}
		<-release
		inside.Add(-1)
		done.Done()
	}
	l.Kick(run)
	<-started
	for range 5 {
		l.Kick(run)
	}
	release <- struct{}{}
	<-started
	release <- struct{}{}
	done.Wait()
	time.Sleep(20 * time.Millisecond) // room for a wrong third run
	if n := runs.Load(); n != 2 {
		t.Errorf("%d runs, want 2", n)
	}
}

// TestNoKickIsLost: every kick is followed by a run that starts after it,
// however the kicks interleave with the runs.
func TestNoKickIsLost(t *testing.T) {
	var (
		l    kick.Loop
		seen atomic.Int64 // the highest kick number a run has started after
		mu   sync.Mutex
	)
	var last int64
	for i := int64(1); i <= 2000; i++ {
		mu.Lock()
		last = i
		mu.Unlock()
		l.Kick(func() {
			mu.Lock()
			n := last
			mu.Unlock()
			for {
				old := seen.Load()
				if n <= old || seen.CompareAndSwap(old, n) {
					return
				}
			}
		})
	}
	deadline := time.Now().Add(5 * time.Second)
	for seen.Load() != 2000 {
		if time.Now().After(deadline) {
			t.Fatalf("the last kick (2000) was never answered: last run saw %d", seen.Load())
		}
		time.Sleep(time.Millisecond)
	}
}
