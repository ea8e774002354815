package tickets

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/calendars"
	"backoffice/internal/problem"
)

// PolicyInput is the body of POST /api/v1/sla-policies.
type PolicyInput struct {
	Name       string        `json:"name"`
	CalendarID string        `json:"calendar_id"`
	Targets    []TargetInput `json:"targets"`
	// PauseStatuses defaults to ["waiting_on_customer"] when absent; [] pauses never.
	PauseStatuses *[]string `json:"pause_statuses"`
}

// TargetInput is one priority's targets as ISO-8601 durations of business time.
type TargetInput struct {
	Priority   string `json:"priority"`
	Response   string `json:"response"`
	Resolution string `json:"resolution"`
}

// PolicyOut is an SLA policy on the wire.
type PolicyOut struct {
	ID            int64       `json:"id"`
	Name          string      `json:"name"`
	CalendarID    string      `json:"calendar_id"`
	Targets       []TargetOut `json:"targets"`
	PauseStatuses []string    `json:"pause_statuses"`
	IsDefault     bool        `json:"is_default"`
}

// TargetOut is one priority's targets on the wire.
type TargetOut struct {
	Priority   string `json:"priority"`
	Response   string `json:"response"`
	Resolution string `json:"resolution"`
}

// PolicyOutOf renders a policy for the API.
func PolicyOutOf(p Policy) PolicyOut {
	out := PolicyOut{ID: p.ID, Name: p.Name, CalendarID: p.CalendarName, IsDefault: p.IsDefault,
		Targets: []TargetOut{}, PauseStatuses: []string{}}
	for _, t := range p.Targets {
		out.Targets = append(out.Targets, TargetOut{string(t.Priority), FormatBusinessDuration(t.Response), FormatBusinessDuration(t.Resolution)})
	}
	for _, s := range p.PauseStatuses {
		out.PauseStatuses = append(out.PauseStatuses, string(s))
	}
	return out
}

// parse turns the input into a Policy, reporting every field problem at once.
func (in PolicyInput) parse() (Policy, error) {
	var f problem.Fields
	p := Policy{Name: strings.TrimSpace(in.Name), CalendarName: strings.TrimSpace(in.CalendarID)}
	for i, t := range in.Targets {
		resp, err := ParseBusinessDuration(t.Response)
		if err != nil {
			f.Add(fmt.Sprintf("targets[%d].response", i), err.Error())
		}
		res, err2 := ParseBusinessDuration(t.Resolution)
		if err2 != nil {
			f.Add(fmt.Sprintf("targets[%d].resolution", i), err2.Error())
		}
		if err != nil || err2 != nil {
			resp, res = max(resp, 1), max(res, 1) // keep Validate from repeating the same field
		}
		p.Targets = append(p.Targets, Target{Priority: Priority(t.Priority), Response: resp, Resolution: res})
	}
	if in.PauseStatuses == nil {
		p.PauseStatuses = []Status{StatusWaitingOnCustomer}
	} else {
		for _, s := range *in.PauseStatuses {
			p.PauseStatuses = append(p.PauseStatuses, Status(s))
		}
	}
	if err := p.Validate(); err != nil {
		var pe *problem.Error
		if errors.As(err, &pe) {
			for _, fe := range pe.Fields {
				if !f.Has(fe.Field) {
					f = append(f, fe)
				}
			}
		}
	}
	return p, f.Err()
}

// CreatePolicy stores a new SLA policy on an existing calendar (T-2, T-3).
func (s *Service) CreatePolicy(ctx context.Context, in PolicyInput) (Policy, error) {
	now := s.Clock.Now()
	p, err := in.parse()
	var f problem.Fields
	f.Merge(err)
	if p.CalendarName != "" {
		if _, cerr := calendars.Get(ctx, s.DB, p.CalendarName); cerr != nil {
			if !errors.Is(cerr, calendars.ErrCalendarNotFound) {
				return Policy{}, cerr
			}
			f.Add("calendar_id", "no calendar with this id (built in: nl-kantooruren, nl-werktijden, nl-kantooruren-lustrum, cliendo-support)")
		}
	}
	if err := f.Err(); err != nil {
		return Policy{}, err
	}
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := insertPolicy(ctx, tx, &p, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "sla_policy", p.ID, "create", PolicyOutOf(p))
	})
	return p, err
}

// Policies lists every SLA policy.
func (s *Service) Policies(ctx context.Context) ([]Policy, error) { return listPolicies(ctx, s.DB) }

// Policy returns one SLA policy.
func (s *Service) Policy(ctx context.Context, id int64) (Policy, error) {
	return getPolicy(ctx, s.DB, id)
}

// Calendars are the calendars a policy may run its clock on, by name (the policy form's
// picker and the policy list's names).
func (s *Service) Calendars(ctx context.Context) ([]calendars.Choice, error) {
	return calendars.Choices(ctx, s.DB)
}
