package tickets

import (
	"backoffice/internal/accounts"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/calendar"
	"backoffice/internal/calendars"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
)

// Service runs the ticket use cases, each in one transaction: load under a row lock,
// apply the rules, save, recompute the stored SLA, write the audit entry and queue the
// notifications.
type Service struct {
	DB        bun.IDB // the pool, or a transaction the whole use case joins (demo seeding)
	Clock     clock.Clock
	DeskEmail string // where new tickets are announced (BACKOFFICE_DESK_EMAIL)
	// Rates gives the standard rates for time billed on a ticket not covered (T-4).
	Rates func() platform.RateBook
	// BaseURL starts the portal links in customer e-mails; Company signs them.
	BaseURL, Company string
}

// NewService builds the service.
func NewService(db bun.IDB, clk clock.Clock, deskEmail string) *Service {
	return &Service{DB: db, Clock: clk, DeskEmail: deskEmail}
}

// clockOf is the ticket's SLA context: its policy and the policy's calendar.
type clockOf struct {
	Policy   Policy
	Calendar *calendar.Calendar
}

// policies caches SLA policies by id. A policy and its targets never change once
// created (there is no update path; a new service level is a new policy that customers
// are moved to), so an entry is right on every instance for as long as the process
// lives and needs no invalidation. If policies ever become editable, this cache must go
// (or be keyed by a version column). Calendars are not cached: custom ones can change.
var policies sync.Map // int64 → Policy

// slaContext loads the policy of id (cached) and its calendar.
func slaContext(ctx context.Context, idb bun.IDB, policyID int64) (clockOf, error) {
	var p Policy
	if v, ok := policies.Load(policyID); ok {
		p = v.(Policy)
	} else {
		var err error
		if p, err = getPolicy(ctx, idb, policyID); err != nil {
			return clockOf{}, err
		}
		policies.Store(policyID, p)
	}
	for _, pr := range Priorities { // Compute needs a target for every priority
		if _, ok := p.Target(pr); !ok {
			return clockOf{}, fmt.Errorf("tickets: SLA policy %d has no target for %s", p.ID, pr)
		}
	}
	c, err := calendars.Get(ctx, idb, p.CalendarName)
	if err != nil {
		return clockOf{}, err
	}
	return clockOf{Policy: p, Calendar: c}, nil
}

// factsOf assembles the SLA clock's input from a ticket and its event log.
func factsOf(t *Ticket, events []Event, sc clockOf) Facts {
	f := Facts{
		ReceivedAt: t.ReceivedAt,
		Statuses:   StatusChanges(events),
		Priority:   t.Priority,
		Policy:     sc.Policy,
		Calendar:   sc.Calendar,
		Zone:       sc.Calendar.Location(),
	}
	if t.FirstResponseAt != nil {
		f.FirstResponseAt = *t.FirstResponseAt
	}
	return f
}

// computeSLA recomputes the SLA of t from its event log at now.
func computeSLA(ctx context.Context, idb bun.IDB, t *Ticket, now time.Time) (SLA, clockOf, error) {
	sc, err := slaContext(ctx, idb, t.PolicyID)
	if err != nil {
		return SLA{}, sc, err
	}
	events, err := listEvents(ctx, idb, t.ID)
	if err != nil {
		return SLA{}, sc, err
	}
	return Compute(factsOf(t, events, sc), now), sc, nil
}

// refresh recomputes the SLA of t at now and saves every mutable column, so the stored
// due times are current after each event.
func refresh(ctx context.Context, idb bun.IDB, t *Ticket, now time.Time) (SLA, error) {
	s, _, err := computeSLA(ctx, idb, t, now)
	if err != nil {
		return SLA{}, err
	}
	t.apply(s)
	t.UpdatedAt = now
	return s, saveTicket(ctx, idb, t)
}

// refreshDetail recomputes and saves t's SLA like refresh, and returns the ticket as its
// detail page and API show it — read inside the transaction that changed it, so the
// caller never reads again what it just wrote.
func refreshDetail(ctx context.Context, idb bun.IDB, t *Ticket, now time.Time, staff bool) (*Detail, error) {
	sc, err := slaContext(ctx, idb, t.PolicyID)
	if err != nil {
		return nil, err
	}
	events, err := listEvents(ctx, idb, t.ID)
	if err != nil {
		return nil, err
	}
	comments, err := listComments(ctx, idb, t.ID, staff)
	if err != nil {
		return nil, err
	}
	sla := Compute(factsOf(t, events, sc), now)
	t.apply(sla)
	t.UpdatedAt = now
	if err := saveTicket(ctx, idb, t); err != nil {
		return nil, err
	}
	return &Detail{Ticket: t, SLA: sla, Policy: sc.Policy, Comments: comments, Events: events, Risk: RiskOf(sla, now)}, nil
}

func ptr[T any](v T) *T { return &v }

func strp(s string) *string { return &s }

// CustomerOptions are the customers to pick from in the desk's forms and filters.
func (s *Service) CustomerOptions(ctx context.Context) ([]accounts.Option, error) {
	return accounts.CustomerOptions(ctx, s.DB, 1000)
}

// StaffOptions are the staff a ticket may be assigned to.
func (s *Service) StaffOptions(ctx context.Context) ([]accounts.Option, error) {
	return accounts.StaffOptions(ctx, s.DB)
}
