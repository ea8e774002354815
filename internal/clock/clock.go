// Package clock is the only place that reads the wall clock. Every component takes a
// Clock so that tests and the test-clock mode (BACKOFFICE_TEST_CLOCK=1) can move time,
// and time-dependent states (expired, breached, overdue) are derived from it when read.
package clock

import (
	_ "time/tzdata" // embed the zone database so Europe/Amsterdam never depends on the host

	"sync"
	"time"
)

// Clock tells the current instant.
type Clock interface {
	Now() time.Time
}

// Real is the machine's clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// Settable is a clock that can be pinned to an instant (test clock) and released again.
// While pinned it stands still, so tests and demos see exactly the instant they set.
type Settable struct {
	mu     sync.RWMutex
	pinned *time.Time
	base   Clock
}

// NewSettable wraps base (usually Real) so it can be pinned.
func NewSettable(base Clock) *Settable { return &Settable{base: base} }

// Now returns the pinned instant, or the base clock's.
func (s *Settable) Now() time.Time {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.pinned != nil {
		return *s.pinned
	}
	return s.base.Now()
}

// Set pins the clock at t.
func (s *Settable) Set(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pinned = &t
}

// Reset releases the pin.
func (s *Settable) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pinned = nil
}

// Pinned reports the pinned instant, if any.
func (s *Settable) Pinned() (time.Time, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.pinned == nil {
		return time.Time{}, false
	}
	return *s.pinned, true
}

// Fixed is a clock that always answers the same instant (for unit tests).
type Fixed time.Time

// Now returns the fixed instant.
func (f Fixed) Now() time.Time { return time.Time(f) }

// Amsterdam is the zone every wall-clock rule is computed in.
var Amsterdam = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("clock: time zone database lacks " + name + ": " + err.Error())
	}
	return loc
}
