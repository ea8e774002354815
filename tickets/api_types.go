package tickets

import (
	"time"
)

// TicketOut is a ticket on the wire.
type TicketOut struct {
	ID                    int64        `json:"id"`
	Number                string       `json:"number"`
	CustomerID            int64        `json:"customer_id"`
	CustomerName          string       `json:"customer_name"`
	Origin                *string      `json:"origin,omitempty"` // the record that opened it, e.g. hardware/defect_report/5
	ReporterID            *int64       `json:"reporter_id"`
	Subject               string       `json:"subject"`
	Description           string       `json:"description"`
	Category              string       `json:"category"`
	Priority              string       `json:"priority"`
	Status                string       `json:"status"`
	NextStatuses          []string     `json:"next_statuses"`
	Resolution            *string      `json:"resolution"`
	Billable              bool         `json:"billable"` // T-4: not_covered work is billed per hour
	AssigneeID            *int64       `json:"assignee_id"`
	AssigneeName          string       `json:"assignee_name"`
	ReceivedAt            time.Time    `json:"received_at"`
	CreatedAt             time.Time    `json:"created_at"`
	UpdatedAt             time.Time    `json:"updated_at"`
	ControllerNoticeDueAt *time.Time   `json:"controller_notice_due_at"` // T-6, data breaches only
	SLA                   SLAOut       `json:"sla"`
	Risk                  string       `json:"risk"`
	Comments              []CommentOut `json:"comments,omitempty"`
	Events                []EventOut   `json:"events,omitempty"`
}

// SLAOut is the service level of a ticket, recomputed from its event log when read.
type SLAOut struct {
	PolicyID           int64      `json:"policy_id"`
	PolicyName         string     `json:"policy_name"`
	CalendarID         string     `json:"calendar_id"`
	ResponseTarget     string     `json:"response_target"`
	ResolutionTarget   string     `json:"resolution_target"`
	ResponseDueAt      time.Time  `json:"response_due_at"`
	ResolutionDueAt    time.Time  `json:"resolution_due_at"`
	FirstResponseAt    *time.Time `json:"first_response_at"`
	ResolvedAt         *time.Time `json:"resolved_at"`
	PausedSeconds      int64      `json:"paused_seconds"`
	ResponseBreached   bool       `json:"response_breached"`
	ResolutionBreached bool       `json:"resolution_breached"`
	State              string     `json:"state"`
	Explanation        []Step     `json:"explanation,omitempty"`
}

// CommentOut is a thread message on the wire.
type CommentOut struct {
	ID         int64     `json:"id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	Public     bool      `json:"public"`
	ByStaff    bool      `json:"by_staff"`
	CreatedAt  time.Time `json:"created_at"`
}

// EventOut is one entry of the event log on the wire.
type EventOut struct {
	At         time.Time `json:"at"`
	Kind       string    `json:"kind"`
	ActorID    *int64    `json:"actor_id"`
	OldValue   *string   `json:"old_value"`
	NewValue   *string   `json:"new_value"`
	Resolution *string   `json:"resolution"`
}

// OutageOut is an outage on the wire.
type OutageOut struct {
	ID          int64      `json:"id"`
	Service     string     `json:"service"`
	CustomerID  *int64     `json:"customer_id"`
	StartedAt   time.Time  `json:"started_at"`
	EndedAt     time.Time  `json:"ended_at"`
	Kind        string     `json:"kind"`
	AnnouncedAt *time.Time `json:"announced_at"`
	Downtime    bool       `json:"downtime"` // counts as downtime under T-5
}

// AvailabilityOut is the T-5 report on the wire.
type AvailabilityOut struct {
	Service                  string `json:"service"`
	Quarter                  string `json:"quarter"`
	AgreedSeconds            int64  `json:"agreed_seconds"`
	DowntimeSeconds          int64  `json:"downtime_seconds"`
	AvailabilityPercent      string `json:"availability_percent"`
	Target                   string `json:"target"`
	Met                      bool   `json:"met"`
	Provisional              bool   `json:"provisional"`
	ConsecutiveQuartersBelow int    `json:"consecutive_quarters_below"`
	TerminationRight         bool   `json:"termination_right"`
}

// AssignOut answers a policy assignment.
type AssignOut struct {
	CustomerID   int64 `json:"customer_id"`
	PolicyID     int64 `json:"sla_policy_id"`
	TicketsMoved int   `json:"tickets_moved"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// slaOut renders an SLA; explain adds the explanation steps.
func slaOut(s SLA, p Policy, explain bool) SLAOut {
	out := SLAOut{
		PolicyID: s.PolicyID, PolicyName: p.Name, CalendarID: p.CalendarName,
		ResponseTarget: FormatBusinessDuration(s.Target.Response), ResolutionTarget: FormatBusinessDuration(s.Target.Resolution),
		ResponseDueAt: s.ResponseDueAt, ResolutionDueAt: s.ResolutionDueAt,
		FirstResponseAt: timePtr(s.FirstResponseAt), ResolvedAt: timePtr(s.ResolvedAt), PausedSeconds: s.PausedSeconds,
		ResponseBreached: s.ResponseBreached, ResolutionBreached: s.ResolutionBreached, State: string(s.State),
	}
	if explain {
		out.Explanation = s.Explanation
	}
	return out
}

// ticketOut renders a ticket with its SLA.
func ticketOut(t *Ticket, s SLA, p Policy, risk Risk, explain bool) TicketOut {
	out := TicketOut{
		ID: t.ID, Number: t.Number, CustomerID: t.CustomerID, CustomerName: t.CustomerName, ReporterID: t.ReporterID,
		Subject: t.Subject, Description: t.Description, Category: string(t.Category), Priority: string(t.Priority),
		Status: string(t.Status), NextStatuses: []string{}, Resolution: t.Resolution,
		Billable:   t.Resolution != nil && Resolution(*t.Resolution).Billable(),
		AssigneeID: t.AssigneeID, AssigneeName: t.AssigneeName, ReceivedAt: t.ReceivedAt, CreatedAt: t.CreatedAt,
		UpdatedAt: t.UpdatedAt, ControllerNoticeDueAt: t.ControllerNoticeDueAt, SLA: slaOut(s, p, explain), Risk: string(risk),
		Origin: t.Origin,
	}
	for _, n := range NextStatuses(t.Status) {
		out.NextStatuses = append(out.NextStatuses, string(n))
	}
	return out
}

func commentOut(c Comment) CommentOut {
	return CommentOut{ID: c.ID, AuthorID: c.AuthorID, AuthorName: c.AuthorName, Body: c.Body, Public: c.Public, ByStaff: c.ByStaff, CreatedAt: c.CreatedAt}
}

func detailOut(d *Detail) TicketOut {
	out := ticketOut(d.Ticket, d.SLA, d.Policy, d.Risk, true)
	out.Comments = []CommentOut{}
	for _, c := range d.Comments {
		out.Comments = append(out.Comments, commentOut(c))
	}
	out.Events = []EventOut{}
	for _, e := range d.Events {
		out.Events = append(out.Events, EventOut{At: e.At, Kind: e.Kind, ActorID: e.ActorID, OldValue: e.OldValue, NewValue: e.NewValue, Resolution: e.Resolution})
	}
	return out
}

func availabilityOut(r AvailabilityReport) AvailabilityOut {
	return AvailabilityOut{
		Service: r.Service, Quarter: r.Quarter.String(), AgreedSeconds: r.AgreedSeconds, DowntimeSeconds: r.DowntimeSeconds,
		AvailabilityPercent: r.Percent.StringFixed(4), Target: r.Target.String(), Met: r.Met, Provisional: r.Provisional,
		ConsecutiveQuartersBelow: r.ConsecutiveQuartersBelow, TerminationRight: r.TerminationRight,
	}
}
