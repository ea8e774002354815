package db

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A gate of two runs at most two at once, runs every one in the end, and lets a waiter
// whose request ends give up instead of waiting on.
func TestNumberGate(t *testing.T) {
	g := NewNumberGate(2)
	var now, peak, done atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := g.Do(context.Background(), func() error {
				n := now.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(time.Millisecond)
				now.Add(-1)
				done.Add(1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak.Load() != 2 || done.Load() != 20 {
		t.Fatalf("peak %d at once, %d done; want 2 and 20", peak.Load(), done.Load())
	}
	hold := make(chan struct{})
	for range 2 {
		go g.Do(context.Background(), func() error { <-hold; return nil })
	}
	for len(g) < 2 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	ran := false
	if err := g.Do(ctx, func() error { ran = true; return nil }); !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Fatalf("a waiter past its deadline: %v (ran %v)", err, ran)
	}
	close(hold)
	want := errors.New("fn's own error")
	if err := g.Do(context.Background(), func() error { return want }); err != want {
		t.Fatalf("Do returned %v, want fn's error", err)
	}
}
