package tickets

import "time"

// AlertKind names a notification the SLA clock asks for. Each is sent at most once per
// ticket.
type AlertKind string

// The SLA alerts to the assignee: a warning when 75% of a target is used and a notice
// at the breach.
const (
	AlertResponseWarning   AlertKind = "response_warning"
	AlertResolutionWarning AlertKind = "resolution_warning"
	AlertResponseBreach    AlertKind = "response_breach"
	AlertResolutionBreach  AlertKind = "resolution_breach"
)

// AlertKinds lists every alert kind.
var AlertKinds = []AlertKind{AlertResponseWarning, AlertResolutionWarning, AlertResponseBreach, AlertResolutionBreach}

// Alert is one notification that has become due: Kind, and the instant the threshold
// was crossed.
type Alert struct {
	Kind AlertKind
	At   time.Time
}

// DueAlerts lists the alerts whose moment has come at now and that were not sent yet.
// A warning is skipped once the breach itself has come (the breach notice says more);
// nothing is due for a clock that has stopped.
func DueAlerts(s SLA, sent func(AlertKind) bool, now time.Time) []Alert {
	var out []Alert
	add := func(k AlertKind, at time.Time) {
		if !sent(k) {
			out = append(out, Alert{Kind: k, At: at})
		}
	}
	if s.FirstResponseAt.IsZero() && !s.ResponseWarnAt.IsZero() {
		switch {
		case now.After(s.ResponseDueAt):
			add(AlertResponseBreach, s.ResponseDueAt)
		case !now.Before(s.ResponseWarnAt):
			add(AlertResponseWarning, s.ResponseWarnAt)
		}
	}
	if s.ResolvedAt.IsZero() && !s.ResolutionWarnAt.IsZero() {
		switch {
		case now.After(s.ResolutionDueAt):
			add(AlertResolutionBreach, s.ResolutionDueAt)
		case !now.Before(s.ResolutionWarnAt):
			add(AlertResolutionWarning, s.ResolutionWarnAt)
		}
	}
	return out
}

// Opening is the part of a calendar that says when the desk is staffed.
// *calendar.Calendar satisfies it.
type Opening interface {
	// NextOpening returns t when the calendar is open at t, else the next opening.
	NextOpening(t time.Time) time.Time
}

// DeliverAt is when a desk notification raised at t is sent: at once within the desk's
// business hours, otherwise at the next opening, so nobody is woken at night.
func DeliverAt(desk Opening, t time.Time) time.Time { return desk.NextOpening(t) }

// Risk is the colour class of a ticket in the desk's queue.
type Risk string

// The risk classes, from calm to alarming.
const (
	RiskMet      Risk = "met"      // resolved within targets
	RiskPaused   Risk = "paused"   // waiting on the customer
	RiskOK       Risk = "ok"       // running, less than 75% of each target used
	RiskAtRisk   Risk = "at_risk"  // running, 75% or more of a target used
	RiskBreached Risk = "breached" // a target was missed
)

// RiskOf classifies a ticket's SLA at now for the queue's colours.
func RiskOf(s SLA, now time.Time) Risk {
	switch s.State {
	case StateBreached:
		return RiskBreached
	case StateMet:
		return RiskMet
	case StatePaused:
		return RiskPaused
	}
	if (s.FirstResponseAt.IsZero() && !s.ResponseWarnAt.IsZero() && !now.Before(s.ResponseWarnAt)) ||
		(s.ResolvedAt.IsZero() && !s.ResolutionWarnAt.IsZero() && !now.Before(s.ResolutionWarnAt)) {
		return RiskAtRisk
	}
	return RiskOK
}
