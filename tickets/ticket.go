package tickets

import (
	"time"

	"github.com/uptrace/bun"
)

// Ticket is a stored ticket. The SLA columns are the values computed at the last event
// (kept current so lists filter and sort in SQL); reads recompute the SLA from the
// event log at the current instant.
type Ticket struct {
	bun.BaseModel `bun:"table:tickets"`

	ID                    int64      `bun:"id,pk,autoincrement"`
	Number                string     `bun:"number"`
	CustomerID            int64      `bun:"customer_id"`
	ReporterID            *int64     `bun:"reporter_id"`
	Subject               string     `bun:"subject"`
	Description           string     `bun:"description"`
	Category              Category   `bun:"category"`
	Priority              Priority   `bun:"priority"`
	Status                Status     `bun:"status"`
	Resolution            *string    `bun:"resolution"`
	Billable              bool       `bun:"billable,scanonly"`
	AssigneeID            *int64     `bun:"assignee_id"`
	PolicyID              int64      `bun:"sla_policy_id"`
	ReceivedAt            time.Time  `bun:"received_at"`
	CreatedAt             time.Time  `bun:"created_at"`
	UpdatedAt             time.Time  `bun:"updated_at"`
	FirstResponseAt       *time.Time `bun:"first_response_at"`
	ResolvedAt            *time.Time `bun:"resolved_at"`
	ResponseDueAt         time.Time  `bun:"response_due_at"`
	ResolutionDueAt       time.Time  `bun:"resolution_due_at"`
	NextDueAt             *time.Time `bun:"next_due_at"`
	SLAState              State      `bun:"sla_state"`
	ResponseBreached      bool       `bun:"response_breached"`
	ResolutionBreached    bool       `bun:"resolution_breached"`
	NextAlertAt           *time.Time `bun:"next_alert_at"`
	AlertsSent            []string   `bun:"alerts_sent,array"`
	ControllerNoticeDueAt *time.Time `bun:"controller_notice_due_at"`
	// Origin names the record of another domain that opened the ticket
	// ("hardware/defect_report/5"); nil for an ordinary report.
	Origin *string `bun:"origin"`
	// PausedSeconds, ResponseWarnAt and ResolutionWarnAt complete the stored SLA so lists
	// need no event log (storedSLA); PausedSeconds is nil on rows stored before them.
	PausedSeconds    *int64     `bun:"paused_seconds"`
	ResponseWarnAt   *time.Time `bun:"response_warn_at"`
	ResolutionWarnAt *time.Time `bun:"resolution_warn_at"`

	// Joined for display.
	CustomerName string `bun:"customer_name,scanonly"`
	AssigneeName string `bun:"assignee_name,scanonly"`
}

// Event is one entry of a ticket's event log, the input of the SLA clock.
type Event struct {
	bun.BaseModel `bun:"table:ticket_events"`

	ID         int64     `bun:"id,pk,autoincrement"`
	TicketID   int64     `bun:"ticket_id"`
	At         time.Time `bun:"at"`
	ActorID    *int64    `bun:"actor_id"`
	Kind       string    `bun:"kind"`
	OldValue   *string   `bun:"old_value"`
	NewValue   *string   `bun:"new_value"`
	Resolution *string   `bun:"resolution"`
}

// The event kinds.
const (
	EventCreated       = "created"
	EventStatus        = "status"
	EventPriority      = "priority"
	EventPolicy        = "policy"
	EventAssignee      = "assignee"
	EventCategory      = "category"
	EventFirstResponse = "first_response"
)

// Comment is a message in a ticket's thread; internal notes (public=false) are for
// staff only.
type Comment struct {
	bun.BaseModel `bun:"table:ticket_comments"`

	ID        int64     `bun:"id,pk,autoincrement"`
	TicketID  int64     `bun:"ticket_id"`
	AuthorID  int64     `bun:"author_id"`
	Body      string    `bun:"body"`
	Public    bool      `bun:"public"`
	ByStaff   bool      `bun:"by_staff"`
	CreatedAt time.Time `bun:"created_at"`

	AuthorName string `bun:"author_name,scanonly"`
}

// StatusChanges extracts the status history of an event log, oldest first.
func StatusChanges(events []Event) []StatusChange {
	var out []StatusChange
	for _, e := range events {
		if e.Kind == EventStatus && e.NewValue != nil {
			out = append(out, StatusChange{At: e.At, Status: Status(*e.NewValue)})
		}
	}
	return out
}

// apply stores an SLA computation in the ticket's SLA columns, with the next instant
// at which an alert becomes due (nil when none can: paused, done, or all sent).
func (t *Ticket) apply(s SLA) {
	t.ResponseDueAt, t.ResolutionDueAt = s.ResponseDueAt, s.ResolutionDueAt
	t.SLAState = s.State
	t.PausedSeconds = ptr(s.PausedSeconds)
	t.ResponseWarnAt, t.ResolutionWarnAt = timePtr(s.ResponseWarnAt), timePtr(s.ResolutionWarnAt)
	t.ResponseBreached, t.ResolutionBreached = s.ResponseBreached, s.ResolutionBreached
	t.NextDueAt = nil
	if !s.NextDueAt.IsZero() {
		n := s.NextDueAt
		t.NextDueAt = &n
	}
	t.NextAlertAt = nil
	if s.State == StatePaused || t.Status.Done() {
		return
	}
	sent := map[string]bool{}
	for _, k := range t.AlertsSent {
		sent[k] = true
	}
	consider := func(k AlertKind, at time.Time) {
		if at.IsZero() || sent[string(k)] {
			return
		}
		if t.NextAlertAt == nil || at.Before(*t.NextAlertAt) {
			a := at
			t.NextAlertAt = &a
		}
	}
	if s.FirstResponseAt.IsZero() && !s.ResponseWarnAt.IsZero() {
		consider(AlertResponseWarning, s.ResponseWarnAt)
		consider(AlertResponseBreach, s.ResponseDueAt.Add(time.Second))
	}
	if s.ResolvedAt.IsZero() && !s.ResolutionWarnAt.IsZero() {
		consider(AlertResolutionWarning, s.ResolutionWarnAt)
		consider(AlertResolutionBreach, s.ResolutionDueAt.Add(time.Second))
	}
}
