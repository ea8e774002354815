package tickets

import "time"

// storedSLA derives the SLA of t at now from its stored columns, without the event log.
// It equals Compute (less the explanation) for every ticket whose clock is not paused:
// with no pause open, the due times, warning times and paused seconds computed at the
// last event do not move, and a clock that was running then is breached now exactly when
// now is past its due time (a stopped clock's breach was decided when it stopped).
// A paused ticket's due times are projections that move with now: recompute those.
func storedSLA(t *Ticket, p Policy, now time.Time) SLA {
	target, _ := p.Target(t.Priority)
	s := SLA{
		PolicyID: p.ID, Priority: t.Priority, Target: target,
		ResponseDueAt: t.ResponseDueAt, ResolutionDueAt: t.ResolutionDueAt,
	}
	if t.PausedSeconds != nil {
		s.PausedSeconds = *t.PausedSeconds
	}
	if t.FirstResponseAt != nil {
		s.FirstResponseAt = *t.FirstResponseAt
	}
	if t.Status.Done() && t.ResolvedAt != nil {
		s.ResolvedAt = *t.ResolvedAt
	}
	if t.NextDueAt != nil {
		s.NextDueAt = *t.NextDueAt
	}
	// a warning time is stored exactly while its clock runs
	responseRunning, resolutionRunning := t.ResponseWarnAt != nil, t.ResolutionWarnAt != nil
	if responseRunning {
		s.ResponseWarnAt = *t.ResponseWarnAt
	}
	if resolutionRunning {
		s.ResolutionWarnAt = *t.ResolutionWarnAt
	}
	s.ResponseBreached = t.ResponseBreached || (responseRunning && now.After(t.ResponseDueAt))
	s.ResolutionBreached = t.ResolutionBreached || (resolutionRunning && now.After(t.ResolutionDueAt))
	switch {
	case s.ResponseBreached || s.ResolutionBreached:
		s.State = StateBreached
	case t.Status.Done():
		s.State = StateMet
	case p.Pauses(t.Status):
		s.State = StatePaused
	default:
		s.State = StateRunning
	}
	return s
}
