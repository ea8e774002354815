package tickets

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/db"
	"backoffice/internal/outbox"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// TicketInput is the body of POST /api/v1/tickets.
type TicketInput struct {
	// CustomerID is required for staff; customer users file for their own company.
	CustomerID  *int64  `json:"customer_id"`
	Subject     string  `json:"subject"`
	Description string  `json:"description"`
	Priority    *string `json:"priority"`
	Category    string  `json:"category"`
	// ReceivedAt is when the report reached us by phone or mail (staff only, not in
	// the future); the SLA clocks start there (T-2). Defaults to now.
	ReceivedAt *time.Time `json:"received_at"`
	// Origin is set by another domain's event (never from the API): one ticket per origin.
	Origin string `json:"-"`
	// Files are photos or PDFs sent with the report (the portal form), checked by
	// uploads.FromForm and stored in the creating transaction: all or nothing.
	Files []uploads.File `json:"-"`
}

// validate checks the input for principal p at now, listing every problem.
func (in *TicketInput) validate(p *auth.Principal, now time.Time) error {
	var f problem.Fields
	in.Subject = strings.TrimSpace(in.Subject)
	switch {
	case in.Subject == "":
		f.Add("subject", "is required")
	case len([]rune(in.Subject)) > 200:
		f.Add("subject", "must be at most 200 characters")
	}
	switch {
	case strings.TrimSpace(in.Description) == "":
		f.Add("description", "is required: describe what happened and how to reproduce it")
	case len([]rune(in.Description)) > 20000:
		f.Add("description", "must be at most 20000 characters")
	}
	if !Category(in.Category).Valid() {
		f.Add("category", "must be one of incident, defect, question, request, data_breach")
	}
	if in.Priority != nil && !Priority(*in.Priority).Valid() {
		f.Add("priority", "must be one of P1, P2, P3, P4")
	}
	if p.IsStaff() && in.CustomerID == nil {
		f.Add("customer_id", "is required when staff file a ticket on behalf of a customer")
	}
	if in.ReceivedAt != nil {
		switch {
		case !p.IsStaff():
			f.Add("received_at", "only the desk records when a report came in; leave it out")
		case in.ReceivedAt.After(now):
			f.Add("received_at", "must not be in the future")
		case in.ReceivedAt.Before(now.AddDate(-1, 0, 0)):
			f.Add("received_at", "must be within the last year")
		}
	}
	return f.Err()
}

// CreateTicket files a report (T-1): customer users for their own company, staff on
// behalf of a customer with the moment the report came in (T-2). The ticket gets the
// next gapless number, the customer's SLA policy, its due times and — for a data
// breach — the controller-notice deadline (T-6); the desk is told. It returns the ticket
// as GET /tickets/{id} shows it, without reading it again (issue 14): instants are cut to
// PostgreSQL's microseconds first, so what it returns is what was stored.
// ticketNumbers lets two ticket creates of this process draw their number at a time
// (db.NumberGate).
var ticketNumbers = db.NewNumberGate(2)

func (s *Service) CreateTicket(ctx context.Context, in TicketInput) (*Detail, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now().UTC().Truncate(time.Microsecond)
	customerID, err := auth.CustomerFor(p, in.CustomerID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(p, now); err != nil {
		return nil, err
	}
	if customerID == nil {
		return nil, problem.Invalid("customer_id", "is required")
	}
	cat := Category(in.Category)
	t := &Ticket{
		CustomerID: *customerID, ReporterID: reporterOf(p), Subject: in.Subject,
		Description: strings.TrimSpace(in.Description), Category: cat, Priority: cat.DefaultPriority(),
		Status: StatusNew, ReceivedAt: now, CreatedAt: now, UpdatedAt: now, AlertsSent: []string{},
	}
	if in.Priority != nil {
		t.Priority = Priority(*in.Priority)
	}
	if in.Origin != "" {
		t.Origin = &in.Origin
	}
	if in.ReceivedAt != nil {
		t.ReceivedAt = in.ReceivedAt.UTC().Truncate(time.Microsecond)
	}
	if cat == DataBreach {
		t.ControllerNoticeDueAt = ptr(ControllerNoticeDue(t.ReceivedAt))
	}
	var sla SLA
	var sc clockOf
	created := Event{At: t.ReceivedAt, ActorID: ptr(p.UserID), Kind: EventCreated, NewValue: strp(string(StatusNew))}
	err = ticketNumbers.Do(ctx, func() error {
		return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			cp, err := policyIDForCustomer(ctx, tx, t.CustomerID)
			if err != nil {
				return err
			}
			t.PolicyID, t.CustomerName = cp.PolicyID, cp.CustomerName
			if sc, err = slaContext(ctx, tx, t.PolicyID); err != nil {
				return err
			}
			sla = Compute(factsOf(t, nil, sc), now)
			t.apply(sla)
			breach, err := createdReaders(ctx, tx, p, t)
			if err != nil {
				return err
			}
			// The number as late as possible: it is drawn in the statement that inserts the
			// ticket and its created event, and the counter row stays locked until commit,
			// serialising every create; only what needs the ticket or its number follows —
			// the files (rare) and one batch of the audit entry, the ticket.created event and
			// the mails (issue 14).
			if err := insertTicketCreated(ctx, tx, t, &created, now.In(clock.Amsterdam).Year()); err != nil {
				return err
			}
			if err := saveFiles(ctx, tx, now, p, t, in.Files); err != nil {
				return err
			}
			entry, err := audit.Insert(ctx, tx, now, "ticket", t.ID, "create", map[string]any{
				"number": t.Number, "customer_id": t.CustomerID, "subject": t.Subject, "category": t.Category,
				"priority": t.Priority, "received_at": t.ReceivedAt, "sla_policy_id": t.PolicyID, "files": len(in.Files)})
			if err != nil {
				return err
			}
			event, err := createdEvent(tx, now, t)
			if err != nil {
				return err
			}
			mails, err := outbox.EnqueueQuery(tx, now, s.createdMails(p, t, sla, sc, now, breach)...)
			if err != nil {
				return err
			}
			return db.Batch(ctx, tx, entry, event, mails)
		})
	})
	if err != nil {
		return nil, err
	}
	// the created event is no status change: the SLA is the one computed before the insert
	return &Detail{Ticket: t, SLA: sla, Policy: sc.Policy, Comments: []Comment{}, Events: []Event{created}, Risk: RiskOf(sla, now)}, nil
}
