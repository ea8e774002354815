package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
)

// createOrder turns an accepted quote into an order, and its recurring lines into a
// contract with the quote's terms.
func (s *Service) createOrder(ctx context.Context, tx bun.Tx, q *Quote, now time.Time) (*Order, *Contract, error) {
	accepted := s.today(q.Acceptance.At)
	start := q.StartDate
	if start.IsZero() {
		start = accepted
	}
	year := s.today(now).Year
	n, err := nextNumber(ctx, tx, "order", year)
	if err != nil {
		return nil, nil, err
	}
	o := &Order{
		Number: OrderNumber(year, n), QuoteID: q.ID, QuoteNumber: q.Number, CustomerID: q.CustomerID, Title: q.Title,
		Status: OrderOpen, StartDate: start, Cancellable: q.Cancellable, FixedPrice: q.FixedPrice, LeadTimeDays: q.LeadTimeDays,
		Preconditions: Preconditions{QuoteAccepted: accepted, AdvancePaymentRequired: q.AdvancePayment},
		CreatedAt:     now,
	}
	quoteLineIDs := make([]int64, len(q.Lines))
	for i, l := range q.Lines {
		quoteLineIDs[i] = l.ID
		l.ID = 0
		o.Lines = append(o.Lines, l)
	}
	if err := insertOrder(ctx, tx, o, quoteLineIDs); err != nil {
		return nil, nil, err
	}
	if err := record(ctx, tx, now, "order", o.ID, "create", map[string]any{"number": o.Number, "quote": q.Number, "start_date": start.String()}); err != nil {
		return nil, nil, err
	}
	c, ok := ContractFromOrder(o, q.Terms, q.Indexation, now)
	if !ok {
		return o, nil, nil
	}
	cn, err := nextNumber(ctx, tx, "contract", year)
	if err != nil {
		return nil, nil, err
	}
	c.Number = ContractNumber(year, cn)
	if err := insertContract(ctx, tx, c); err != nil {
		return nil, nil, err
	}
	if err := record(ctx, tx, now, "contract", c.ID, "create", map[string]any{"number": c.Number, "order": o.Number, "lines": len(c.Lines)}); err != nil {
		return nil, nil, err
	}
	return o, c, nil
}

// OrderView is an order with its planning and change requests.
type OrderView struct {
	Order          *Order
	Plan           DeliveryPlan
	ChangeRequests []*ChangeRequest
	FreeUntil      string // the free cancellation deadline when a cancellation option applies
}

// GetOrder reads an order; customer users only their own.
func (s *Service) GetOrder(ctx context.Context, id int64) (*OrderView, error) {
	o, err := getOrder(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := guard(ctx, o.CustomerID, fmt.Sprintf("order %d", id)); err != nil {
		return nil, err
	}
	v := &OrderView{Order: o, Plan: o.Plan(s.Calendar)}
	if v.ChangeRequests, err = listChangeRequests(ctx, s.DB, id); err != nil {
		return nil, err
	}
	if o.Status == OrderOpen {
		if c, err := CancellationOutcome(o, s.today(s.now()), s.Calendar); err == nil {
			v.FreeUntil = c.FreeUntil.String()
		}
	}
	return v, nil
}

// ListOrders lists orders newest first.
// SearchOrders is the order list of the list tools (search, sort, cursor), for the page,
// the API and the CSV export alike.
func (s *Service) SearchOrders(ctx context.Context, scope OrderScope, lq listq.Query) ([]*Order, error) {
	return searchOrderList(ctx, s.DB, auth.FromContext(ctx), scope, lq)
}

func (s *Service) ListOrders(ctx context.Context, customerID *int64, afterID int64, limit int) ([]*Order, error) {
	return listOrders(ctx, s.DB, auth.FromContext(ctx), customerID, afterID, limit)
}

// lockedOrder loads and locks an order after the tenancy guard.
func (s *Service) lockedOrder(ctx context.Context, tx bun.IDB, id int64) (*Order, error) {
	o, err := getOrder(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	if err := guard(ctx, o.CustomerID, fmt.Sprintf("order %d", id)); err != nil {
		return nil, err
	}
	return o, nil
}

// CancelOrder cancels an order under Q-4 on today's Amsterdam date.
func (s *Service) CancelOrder(ctx context.Context, id int64) (*OrderView, *Cancellation, error) {
	now := s.now()
	var out Cancellation
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.lockedOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		c, err := CancellationOutcome(o, s.today(now), s.Calendar)
		if err != nil {
			return err
		}
		o.Cancel(c, now)
		if err := saveOrder(ctx, tx, o); err != nil {
			return err
		}
		profile, err := quoteTermsProfile(ctx, tx, o.QuoteID)
		if err != nil {
			return err
		}
		if err := chargeCancellation(ctx, tx, o, c, termsDocument(profile), now); err != nil {
			return err
		}
		out = c
		return record(ctx, tx, now, "order", o.ID, "cancel", map[string]any{"fee": c.Fee.StringFixed(2), "free_until": c.FreeUntil.String(), "reason": c.Reason})
	})
	if err != nil {
		return nil, nil, err
	}
	v, err := s.GetOrder(ctx, id)
	return v, &out, err
}

// RecordPrecondition marks a lead-time precondition as met on a date.
func (s *Service) RecordPrecondition(ctx context.Context, id int64, name string, on string) (*OrderView, error) {
	now := s.now()
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.lockedOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := o.MeetPrecondition(name, on, s.today(now)); err != nil {
			return err
		}
		if err := saveOrder(ctx, tx, o); err != nil {
			return err
		}
		return record(ctx, tx, now, "order", o.ID, "precondition", map[string]any{"precondition": name, "on": on})
	})
	if err != nil {
		return nil, err
	}
	return s.GetOrder(ctx, id)
}

// ExtendLeadTime records a lead-time extension with its reason and tells the customer
// the target date moved (004:3.3).
func (s *Service) ExtendLeadTime(ctx context.Context, id int64, e Extension) (*OrderView, error) {
	now := s.now()
	if err := ValidateExtension(e); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.lockedOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		if o.Status != OrderOpen {
			return refuse(ErrOrderNotOpen, "order %s is %s", o.Number, o.Status)
		}
		before := o.Plan(s.Calendar)
		e.RecordedAt, e.RecordedBy = now, actorID(ctx)
		if err := insertExtension(ctx, tx, o.ID, &e); err != nil {
			return err
		}
		o.Extensions = append(o.Extensions, e)
		after := o.Plan(s.Calendar)
		if err := record(ctx, tx, now, "order", o.ID, "extend_lead_time", map[string]any{"working_days": e.WorkingDays, "reason": e.Reason, "note": e.Note}); err != nil {
			return err
		}
		return s.mailExtension(ctx, tx, o, e, before, after, now)
	})
	if err != nil {
		return nil, err
	}
	return s.GetOrder(ctx, id)
}

// CreateChangeRequest prices extra work and records it; the customer is asked for
// approval unless the work is necessary on a non-fixed-price order.
func (s *Service) CreateChangeRequest(ctx context.Context, orderID int64, description string, necessary bool, reqs []ChangeLineRequest) (*ChangeRequest, error) {
	now := s.now()
	var cr *ChangeRequest
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.lockedOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if o.Status != OrderOpen {
			return refuse(ErrOrderNotOpen, "order %s is %s", o.Number, o.Status)
		}
		rates, err := standardRates(ctx, tx)
		if err != nil {
			return err
		}
		bySKU := make(map[string]StandardRate, len(rates))
		for _, r := range rates {
			bySKU[r.SKU] = r
		}
		if cr, err = NewChangeRequest(o, description, necessary, reqs, bySKU, now); err != nil {
			return err
		}
		cr.RequestedBy = actorID(ctx)
		if err := insertChangeRequest(ctx, tx, cr); err != nil {
			return err
		}
		if err := record(ctx, tx, now, "change_request", cr.ID, "create", map[string]any{"order": o.Number, "net": cr.Totals.Net.StringFixed(2), "status": cr.Status}); err != nil {
			return err
		}
		// Necessary work that needs no approval is billable at once.
		profile, err := quoteTermsProfile(ctx, tx, o.QuoteID)
		if err != nil {
			return err
		}
		if err := chargeExtraWork(ctx, tx, o, cr, termsDocument(profile), now); err != nil {
			return err
		}
		return s.mailChangeRequest(ctx, tx, o, cr, now)
	})
	return cr, err
}

// DecideChangeRequest records the customer's approval or rejection.
func (s *Service) DecideChangeRequest(ctx context.Context, orderID, id int64, approve bool, by string) (*ChangeRequest, error) {
	now := s.now()
	var cr *ChangeRequest
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.lockedOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if cr, err = getChangeRequest(ctx, tx, orderID, id); err != nil {
			return err
		}
		if err := cr.Decide(approve, by, now); err != nil {
			return err
		}
		if err := saveChangeDecision(ctx, tx, cr); err != nil {
			return err
		}
		profile, err := quoteTermsProfile(ctx, tx, o.QuoteID)
		if err != nil {
			return err
		}
		if err := chargeExtraWork(ctx, tx, o, cr, termsDocument(profile), now); err != nil {
			return err
		}
		return record(ctx, tx, now, "change_request", cr.ID, "decide", map[string]any{"status": cr.Status, "by": by})
	})
	return cr, err
}
