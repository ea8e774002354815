package tickets

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"backoffice/internal/problem"
)

// Domain errors, each with its HTTP status and stable problem code.
var (
	// ErrTicketNotFound: no such ticket, or not visible to the caller's company.
	ErrTicketNotFound = problem.New(http.StatusNotFound, "ticket_not_found", "no such ticket")
	// ErrPolicyNotFound: no such SLA policy.
	ErrPolicyNotFound = problem.New(http.StatusNotFound, "sla_policy_not_found", "no such SLA policy")
	// ErrPolicyExists: an SLA policy with this name exists.
	ErrPolicyExists = problem.Conflict("sla_policy_exists", "an SLA policy with this name exists")
	// ErrTransition: a status jump that makes no sense (closed → waiting_on_customer).
	ErrTransition = problem.Conflict("invalid_status_transition", "the ticket cannot move to this status from its current one")
	// ErrClosed: a closed ticket takes no comments and no changes.
	ErrClosed = problem.Conflict("ticket_closed", "the ticket is closed; open a new ticket instead")
)

// Priority ranks a ticket; the SLA policy has one response and resolution target per priority.
type Priority string

// The four priorities, most urgent first.
const (
	P1 Priority = "P1"
	P2 Priority = "P2"
	P3 Priority = "P3"
	P4 Priority = "P4"
)

// Priorities lists every priority, most urgent first.
var Priorities = []Priority{P1, P2, P3, P4}

// Valid reports whether p is one of P1…P4.
func (p Priority) Valid() bool { return slices.Contains(Priorities, p) }

// Category says what kind of report a ticket is (T-1).
type Category string

// The ticket categories.
const (
	Incident   Category = "incident"
	Defect     Category = "defect"
	Question   Category = "question"
	Request    Category = "request"
	DataBreach Category = "data_breach" // T-6: personal-data breach (inbreuk in verband met persoonsgegevens)
)

// Categories lists every category.
var Categories = []Category{Incident, Defect, Question, Request, DataBreach}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// DefaultPriority is the priority a report gets when the reporter names none: a data
// breach is urgent by nature (T-6), anything else starts at P3.
func (c Category) DefaultPriority() Priority {
	if c == DataBreach {
		return P1
	}
	return P3
}

// Status is where a ticket stands in its life.
type Status string

// The ticket statuses.
const (
	StatusNew               Status = "new"
	StatusOpen              Status = "open"
	StatusWaitingOnCustomer Status = "waiting_on_customer"
	StatusResolved          Status = "resolved"
	StatusClosed            Status = "closed"
)

// Statuses lists every status in life order.
var Statuses = []Status{StatusNew, StatusOpen, StatusWaitingOnCustomer, StatusResolved, StatusClosed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Done reports whether the resolution clock stands still because the work is finished.
func (s Status) Done() bool { return s == StatusResolved || s == StatusClosed }

// transitions is the status machine. Closed is final; a resolved ticket can be reopened
// (the resolution clock resumes) or closed.
var transitions = map[Status][]Status{
	StatusNew:               {StatusOpen, StatusWaitingOnCustomer, StatusResolved},
	StatusOpen:              {StatusWaitingOnCustomer, StatusResolved},
	StatusWaitingOnCustomer: {StatusOpen, StatusResolved},
	StatusResolved:          {StatusOpen, StatusClosed},
	StatusClosed:            {},
}

// CanTransition reports whether a ticket may go from one status to another.
func CanTransition(from, to Status) bool { return slices.Contains(transitions[from], to) }

// NextStatuses lists the statuses a ticket in s may move to (for the desk's buttons).
func NextStatuses(s Status) []Status { return slices.Clone(transitions[s]) }

// Resolution says how a resolved ticket was resolved (T-4).
type Resolution string

// The resolutions.
const (
	// ResolutionFix: the cause was repaired.
	ResolutionFix Resolution = "fix"
	// ResolutionWorkaround: resolved with a work-around (003:8.4).
	ResolutionWorkaround Resolution = "workaround"
	// ResolutionNotCovered: caused by use contrary to documentation or terms, not covered
	// by support; solving it anyway is billed per hour (003:8.5).
	ResolutionNotCovered Resolution = "not_covered"
)

// Resolutions lists every resolution.
var Resolutions = []Resolution{ResolutionFix, ResolutionWorkaround, ResolutionNotCovered}

// Valid reports whether r is a known resolution.
func (r Resolution) Valid() bool { return slices.Contains(Resolutions, r) }

// Billable reports whether work on the ticket is billed per hour (T-4).
func (r Resolution) Billable() bool { return r == ResolutionNotCovered }

// Target is the pair of business-time targets for one priority (T-2). Both are targets
// (streeftijden, 004:13.8), not guarantees: a missed target is a breach to report.
type Target struct {
	Priority   Priority
	Response   time.Duration
	Resolution time.Duration
}

// Policy is a service level: targets per priority, counted on a support calendar, with
// the statuses during which the clock is paused.
type Policy struct {
	ID            int64
	Name          string
	CalendarName  string
	Targets       []Target
	PauseStatuses []Status
	IsDefault     bool // the policy of customers that have none of their own
}

// Target returns the targets for priority p.
func (p Policy) Target(pr Priority) (Target, bool) {
	for _, t := range p.Targets {
		if t.Priority == pr {
			return t, true
		}
	}
	return Target{}, false
}

// Pauses reports whether the clock stands still while a ticket is in status s.
func (p Policy) Pauses(s Status) bool { return slices.Contains(p.PauseStatuses, s) }

// Validate checks the policy's invariants and returns every problem at once: a name, a
// calendar, exactly one target for each of P1…P4 with positive durations and a response
// no longer than the resolution, and pause statuses that are real waiting states.
func (p Policy) Validate() error {
	var v problem.Fields
	if strings.TrimSpace(p.Name) == "" {
		v.Addf("name", "is required")
	} else if len(p.Name) > 100 {
		v.Addf("name", "must be at most 100 characters")
	}
	if strings.TrimSpace(p.CalendarName) == "" {
		v.Addf("calendar_id", "is required")
	}
	seen := map[Priority]bool{}
	for i, t := range p.Targets {
		f := fmt.Sprintf("targets[%d]", i)
		if !t.Priority.Valid() {
			v.Addf(f+".priority", "must be one of P1, P2, P3, P4")
		} else if seen[t.Priority] {
			v.Addf(f+".priority", "%s is listed twice", t.Priority)
		}
		seen[t.Priority] = true
		if t.Response <= 0 {
			v.Addf(f+".response", "must be a positive duration")
		}
		if t.Resolution <= 0 {
			v.Addf(f+".resolution", "must be a positive duration")
		}
		if t.Response > 0 && t.Resolution > 0 && t.Response > t.Resolution {
			v.Addf(f+".resolution", "must not be shorter than the response target")
		}
	}
	for _, pr := range Priorities {
		if !seen[pr] {
			v.Addf("targets", "a target for %s is required", pr)
		}
	}
	for i, s := range p.PauseStatuses {
		if s != StatusWaitingOnCustomer {
			v.Addf(fmt.Sprintf("pause_statuses[%d]", i), "only waiting_on_customer can pause the clock")
		}
	}
	return v.Err()
}
