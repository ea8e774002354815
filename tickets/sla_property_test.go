package tickets

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomFacts builds a ticket life of random status changes within six weeks of 2026,
// crossing weekends, Koningsdag, Hemelvaart and the DST change of 29 March.
func randomFacts(t testing.TB, r *rand.Rand) (Facts, time.Time) {
	start := at("2026-03-02 00:00").Add(time.Duration(r.Int64N(int64(60 * 24 * time.Hour))))
	f := facts(t, standard(), Priorities[r.IntN(4)], "2026-03-02 00:00")
	f.ReceivedAt = start
	cur, status := start, StatusNew
	for range r.IntN(8) {
		cur = cur.Add(time.Duration(r.Int64N(int64(36 * time.Hour))))
		next := NextStatuses(status)
		if len(next) == 0 {
			break
		}
		status = next[r.IntN(len(next))]
		f.Statuses = append(f.Statuses, StatusChange{At: cur, Status: status})
	}
	if r.IntN(2) == 0 {
		f.FirstResponseAt = start.Add(time.Duration(r.Int64N(int64(48 * time.Hour))))
	}
	return f, cur.Add(time.Duration(r.Int64N(int64(72 * time.Hour))))
}

// TestSLAClockProperties checks invariants of the clock on random ticket lives:
// every due time is explained by target + credit in business time, lies at the end of
// business time (never at night), the resolution is never due before the response, and
// a longer target or an extra pause never brings a due time forward.
func TestSLAClockProperties(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 2026))
	for i := range 2000 {
		f, now := randomFacts(t, r)
		s := Compute(f, now)
		for _, c := range []struct {
			name           string
			due            time.Time
			target, credit time.Duration
		}{
			{"response", s.ResponseDueAt, s.Target.Response, s.ResponseCredit},
			{"resolution", s.ResolutionDueAt, s.Target.Resolution, s.ResolutionCredit},
		} {
			if b := f.Calendar.BusinessBetween(f.ReceivedAt, c.due); b != c.target+c.credit {
				t.Fatalf("case %d T-2_%s_due_explained: business %v != target %v + credit %v (%+v)", i, c.name, b, c.target, c.credit, f)
			}
			if !f.Calendar.(interface{ IsOpen(time.Time) bool }).IsOpen(c.due.Add(-time.Second)) {
				t.Fatalf("case %d CAL-2_%s_due_in_business_hours: %s", i, c.name, c.due.In(f.Zone))
			}
		}
		if s.ResolutionDueAt.Before(s.ResponseDueAt) {
			t.Fatalf("case %d: resolution due %s before response due %s", i, s.ResolutionDueAt, s.ResponseDueAt)
		}
		if s.Priority != P4 {
			g := f
			g.Priority = P4 // longer targets
			if Compute(g, now).ResolutionDueAt.Before(s.ResolutionDueAt) {
				t.Fatalf("case %d T-2_priority_monotone: a longer target moved the due time forward", i)
			}
		}
		// an extra pause right at receipt never brings a due time forward
		g := f
		g.Statuses = append([]StatusChange{{At: f.ReceivedAt.Add(time.Minute), Status: StatusWaitingOnCustomer},
			{At: f.ReceivedAt.Add(3 * time.Hour), Status: StatusNew}}, f.Statuses...)
		if len(f.Statuses) > 0 && !f.Statuses[0].At.After(f.ReceivedAt.Add(3*time.Hour)) {
			continue
		}
		h := Compute(g, now)
		if h.ResolutionDueAt.Before(s.ResolutionDueAt) || h.PausedSeconds < s.PausedSeconds {
			t.Fatalf("case %d T-2_pause_monotone: due %s → %s, paused %d → %d", i, s.ResolutionDueAt, h.ResolutionDueAt, s.PausedSeconds, h.PausedSeconds)
		}
	}
}
