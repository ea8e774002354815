package tickets

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestStoredSLAEqualsTheClock checks the list's shortcut (issue 14): for a ticket whose
// clock is not paused, the SLA derived from the columns stored at its last event equals
// the SLA recomputed from the event log at any later instant (explanation aside).
func TestStoredSLAEqualsTheClock(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 2026))
	checked := 0
	for i := range 3000 {
		f, _ := randomFacts(t, r)
		last, current := f.ReceivedAt, StatusNew
		for _, c := range f.Statuses {
			last, current = later(last, c.At), c.Status
		}
		if !f.FirstResponseAt.IsZero() {
			last = later(last, f.FirstResponseAt)
		}
		if f.Policy.Pauses(current) {
			continue // paused tickets are recomputed from their events
		}
		atEvent := compute(f, last, false)
		tk := &Ticket{Status: current, Priority: f.Priority, PolicyID: f.Policy.ID, AlertsSent: []string{}}
		if !f.FirstResponseAt.IsZero() {
			tk.FirstResponseAt = ptr(f.FirstResponseAt)
		}
		if !atEvent.ResolvedAt.IsZero() {
			tk.ResolvedAt = ptr(atEvent.ResolvedAt)
		}
		tk.apply(atEvent)
		for _, d := range []time.Duration{0, time.Minute, 3 * time.Hour, 26 * time.Hour, 9 * 24 * time.Hour, 60 * 24 * time.Hour} {
			now := last.Add(d)
			want, got := compute(f, now, false), storedSLA(tk, f.Policy, now)
			want.ResponseCredit, want.ResolutionCredit = 0, 0
			if !sameSLA(got, want) {
				t.Fatalf("case %d at +%s (status %s):\n got %+v\nwant %+v", i, d, current, got, want)
			}
			if RiskOf(got, now) != RiskOf(want, now) {
				t.Fatalf("case %d at +%s: risk %s, want %s", i, d, RiskOf(got, now), RiskOf(want, now))
			}
		}
		checked++
	}
	if checked < 1000 {
		t.Fatalf("only %d unpaused cases", checked)
	}
}

func sameSLA(a, b SLA) bool {
	return a.PolicyID == b.PolicyID && a.Priority == b.Priority && a.Target == b.Target &&
		a.ResponseDueAt.Equal(b.ResponseDueAt) && a.ResolutionDueAt.Equal(b.ResolutionDueAt) &&
		a.FirstResponseAt.Equal(b.FirstResponseAt) && a.ResolvedAt.Equal(b.ResolvedAt) && a.PausedSeconds == b.PausedSeconds &&
		a.ResponseBreached == b.ResponseBreached && a.ResolutionBreached == b.ResolutionBreached && a.State == b.State &&
		a.ResponseWarnAt.Equal(b.ResponseWarnAt) && a.ResolutionWarnAt.Equal(b.ResolutionWarnAt) && a.NextDueAt.Equal(b.NextDueAt)
}
