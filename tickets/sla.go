package tickets

import (
	"fmt"
	"slices"
	"time"
)

// BusinessHours is what the SLA clock needs of a support calendar (CAL-1, CAL-2):
// business time is the time inside the calendar's opening hours on working days.
// *calendar.Calendar satisfies it.
type BusinessHours interface {
	// AddBusiness returns the instant at which d of business time has elapsed after from.
	AddBusiness(from time.Time, d time.Duration) time.Time
	// BusinessBetween counts the business time in [from, to).
	BusinessBetween(from, to time.Time) time.Duration
}

// WarnFraction is the share of a target at which the assignee is warned (75%).
const (
	warnNumerator   = 3
	warnDenominator = 4
)

// ControllerNoticeWindow is the time within which we give the customer (the controller)
// everything needed for the authority notification of a personal-data breach: 72
// wall-clock hours from discovery, not business hours (T-6, 002:27.4–27.5; art. 33 AVG).
const ControllerNoticeWindow = 72 * time.Hour

// ControllerNoticeDue is the T-6 deadline for a data breach discovered at discovery.
func ControllerNoticeDue(discovery time.Time) time.Time {
	return discovery.Add(ControllerNoticeWindow)
}

// StatusChange is one status event of a ticket's log.
type StatusChange struct {
	At     time.Time
	Status Status
}

// Facts are what the SLA clock reads from a ticket's event log. The current priority and
// policy apply as if they had been so from the start (a later change moves the due times
// but keeps every credited pause).
type Facts struct {
	// ReceivedAt is our receipt of the report: both clocks start here (T-2, 003:1.18).
	ReceivedAt time.Time
	// Statuses are the status changes after receipt, oldest first. Before the first
	// change the ticket is new.
	Statuses []StatusChange
	// FirstResponseAt is the first public staff comment; zero while unanswered.
	FirstResponseAt time.Time
	// Priority and Policy are the ticket's current ones.
	Priority Priority
	Policy   Policy
	// Calendar is the policy's support calendar; Zone its time zone (for the explanation).
	Calendar BusinessHours
	Zone     *time.Location
}

// State summarises the SLA of a ticket for the desk.
type State string

// The SLA states.
const (
	StateRunning  State = "running"
	StatePaused   State = "paused"
	StateMet      State = "met"
	StateBreached State = "breached"
)

// SLA is the computed service level of one ticket at one instant.
type SLA struct {
	PolicyID        int64
	Priority        Priority
	Target          Target
	ResponseDueAt   time.Time
	ResolutionDueAt time.Time
	FirstResponseAt time.Time // zero when not yet answered
	ResolvedAt      time.Time // zero unless resolved or closed now
	PausedSeconds   int64     // business seconds spent in pause statuses
	// ResponseCredit and ResolutionCredit are the business time of the pauses (and, for
	// resolution, resolved periods before a reopen) that moved each due time:
	// BusinessBetween(ReceivedAt, due) == target + credit.
	ResponseCredit     time.Duration
	ResolutionCredit   time.Duration
	ResponseBreached   bool
	ResolutionBreached bool
	State              State
	// ResponseWarnAt and ResolutionWarnAt are the instants at which 75% of each target is
	// used; zero once that clock has stopped.
	ResponseWarnAt   time.Time
	ResolutionWarnAt time.Time
	// NextDueAt is the earliest due time of a clock that is still running; zero while the
	// ticket is paused or both clocks have stopped. The desk's breach-risk list sorts on it.
	NextDueAt   time.Time
	Explanation []Step
}

// interval is a stretch of wall-clock time; a zero End means "still going".
type interval struct {
	Start, End time.Time
	Status     Status
}

func (iv interval) open() bool { return iv.End.IsZero() }

// endOr returns the end of iv, or now when it is still going.
func (iv interval) endOr(now time.Time) time.Time {
	if iv.open() {
		return later(iv.Start, now)
	}
	return iv.End
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// segments cuts the ticket's life into status intervals starting at receipt.
func segments(f Facts) []interval {
	segs := []interval{{Start: f.ReceivedAt, Status: StatusNew}}
	for _, c := range f.Statuses {
		at := later(c.At, f.ReceivedAt)
		last := &segs[len(segs)-1]
		if c.Status == last.Status {
			continue
		}
		if !at.After(last.Start) {
			last.Status = c.Status // two changes at one instant: the later one wins
			continue
		}
		last.End = at
		segs = append(segs, interval{Start: at, Status: c.Status})
	}
	return segs
}

// stoppers selects the intervals a clock does not count and merges touching ones.
func stoppers(segs []interval, stop func(Status) bool) []interval {
	var out []interval
	for _, s := range segs {
		if !stop(s.Status) {
			continue
		}
		if n := len(out); n > 0 && !out[n-1].open() && out[n-1].End.Equal(s.Start) {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// dueAt finds the instant at which target business time has been counted from start,
// not counting the excluded intervals (sorted, disjoint). An excluded interval that is
// still going is assumed to end now, so the due time of a paused ticket is the
// projection "if the clock resumed now". It also returns the business time of the
// excluded intervals passed before the due time (the credit), so that
// BusinessBetween(start, due) == target + credit.
func dueAt(cal BusinessHours, start time.Time, target time.Duration, excluded []interval, now time.Time) (time.Time, time.Duration) {
	cursor, remaining := start, target
	var credit time.Duration
	for _, e := range excluded {
		end := e.endOr(now)
		if !end.After(cursor) {
			continue
		}
		from := cursor
		if e.Start.After(cursor) {
			avail := cal.BusinessBetween(cursor, e.Start)
			if avail >= remaining {
				return cal.AddBusiness(cursor, remaining), credit
			}
			remaining -= avail
			from = e.Start
		}
		credit += cal.BusinessBetween(from, end)
		cursor = end
	}
	return cal.AddBusiness(cursor, remaining), credit
}

// clipBefore cuts the excluded intervals at a clock's stop: a pause after the first
// response cannot move the response due time, and a pause that runs into the
// resolution ends there.
func clipBefore(excluded []interval, stop time.Time) []interval {
	if stop.IsZero() {
		return excluded
	}
	var out []interval
	for _, e := range excluded {
		if !e.Start.Before(stop) {
			break
		}
		if e.open() || e.End.After(stop) {
			e.End = stop
		}
		out = append(out, e)
	}
	return out
}

// Compute derives the SLA of a ticket from its facts at instant now (T-2, T-3).
//
// The response clock runs from receipt to the first response (or to the first
// resolution, which answers the customer too), not counting pause statuses. The
// resolution clock runs from receipt to the resolution, not counting pause statuses nor
// the time a ticket stood resolved before it was reopened. All counting is in business
// time of the current policy's calendar, with the current priority's targets.
//
// f.Policy must hold a target for f.Priority: Policy.Validate refuses a policy without
// one, and slaContext refuses to load one; Compute panics on such a policy rather than
// compute a clock against a zero target.
func Compute(f Facts, now time.Time) SLA { return compute(f, now, true) }

// compute is Compute; explained says whether to build the explanation (the detail view
// shows it; lists and the stored columns do not need it).
func compute(f Facts, now time.Time, explained bool) SLA {
	target, ok := f.Policy.Target(f.Priority)
	if !ok {
		panic(fmt.Sprintf("tickets: SLA policy %d has no target for %s", f.Policy.ID, f.Priority))
	}
	segs := segments(f)
	current := segs[len(segs)-1].Status

	pauses := stoppers(segs, f.Policy.Pauses)
	stopped := stoppers(segs, func(s Status) bool { return f.Policy.Pauses(s) || s.Done() })

	respondedAt := f.FirstResponseAt
	if i := slices.IndexFunc(segs, func(s interval) bool { return s.Status.Done() }); i >= 0 {
		if respondedAt.IsZero() || segs[i].Start.Before(respondedAt) {
			respondedAt = segs[i].Start
		}
	}
	var resolvedAt time.Time
	if current.Done() {
		// the final stop is the start of the last run of resolved/closed
		for i := len(segs) - 1; i >= 0 && segs[i].Status.Done(); i-- {
			resolvedAt = segs[i].Start
		}
	}

	respExcl := clipBefore(pauses, respondedAt)
	resoExcl := clipBefore(stopped, resolvedAt)
	sla := SLA{
		PolicyID:        f.Policy.ID,
		Priority:        f.Priority,
		Target:          target,
		FirstResponseAt: f.FirstResponseAt,
		ResolvedAt:      resolvedAt,
	}
	sla.ResponseDueAt, sla.ResponseCredit = dueAt(f.Calendar, f.ReceivedAt, target.Response, respExcl, now)
	sla.ResolutionDueAt, sla.ResolutionCredit = dueAt(f.Calendar, f.ReceivedAt, target.Resolution, resoExcl, now)
	for _, p := range pauses {
		sla.PausedSeconds += int64(f.Calendar.BusinessBetween(p.Start, p.endOr(now)) / time.Second)
	}
	sla.ResponseBreached = breached(sla.ResponseDueAt, respondedAt, now)
	sla.ResolutionBreached = breached(sla.ResolutionDueAt, resolvedAt, now)

	paused := f.Policy.Pauses(current)
	switch {
	case sla.ResponseBreached || sla.ResolutionBreached:
		sla.State = StateBreached
	case current.Done():
		sla.State = StateMet
	case paused:
		sla.State = StatePaused
	default:
		sla.State = StateRunning
	}
	if respondedAt.IsZero() {
		sla.ResponseWarnAt, _ = dueAt(f.Calendar, f.ReceivedAt, target.Response*warnNumerator/warnDenominator, respExcl, now)
	}
	if resolvedAt.IsZero() {
		sla.ResolutionWarnAt, _ = dueAt(f.Calendar, f.ReceivedAt, target.Resolution*warnNumerator/warnDenominator, resoExcl, now)
	}
	if !paused && !current.Done() {
		sla.NextDueAt = sla.ResolutionDueAt
		if respondedAt.IsZero() && sla.ResponseDueAt.Before(sla.NextDueAt) {
			sla.NextDueAt = sla.ResponseDueAt
		}
	}
	if explained {
		sla.Explanation = explain(f, sla, segs, pauses, respondedAt, now)
	}
	return sla
}

// breached reports whether a clock with due time due missed it: stopped after the due
// time, or still running past it.
func breached(due, stoppedAt, now time.Time) bool {
	if !stoppedAt.IsZero() {
		return stoppedAt.After(due)
	}
	return now.After(due)
}
