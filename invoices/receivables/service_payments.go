package receivables

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

// NewPayment is a payment to record.
type NewPayment struct {
	CustomerID int64
	Amount     decimal.Decimal
	ReceivedOn civil.Date
	Reference  string
	InvoiceID  int64 // named by the payer; 0: found from the reference, else oldest open first
	Note       string
}

// PaymentResult is a recorded payment with where it went.
type PaymentResult struct {
	Payment     Payment
	Allocations []Allocation
	Unallocated decimal.Decimal
}

func userID(ctx context.Context) *int64 {
	if p := auth.FromContext(ctx); p != nil && p.UserID != 0 {
		id := p.UserID
		return &id
	}
	return nil
}

// RecordPayment stores a payment and allocates it (INV-2, art. 6:44 BW).
func (s *Service) RecordPayment(ctx context.Context, in NewPayment) (*PaymentResult, error) {
	var out *PaymentResult
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.recordPayment(ctx, tx, in)
		return err
	})
	return out, err
}

func (s *Service) recordPayment(ctx context.Context, tx bun.Tx, in NewPayment) (*PaymentResult, error) {
	var f problem.Fields
	if !in.Amount.IsPositive() {
		f.Add("amount", "must be greater than 0")
	} else if !in.Amount.Equal(in.Amount.Round(2)) {
		f.Add("amount", "has more than 2 decimals")
	}
	if in.ReceivedOn.IsZero() {
		f.Add("received_on", "is required")
	} else if in.ReceivedOn.After(s.today()) {
		f.Add("received_on", "lies in the future")
	}
	if ok, err := customerExists(ctx, tx, in.CustomerID); err != nil {
		return nil, err
	} else if !ok {
		f.Add("customer_id", "no such customer")
	}
	open, err := invoicesOf(ctx, tx, in.CustomerID, true, true)
	if err != nil {
		return nil, err
	}
	if in.InvoiceID != 0 {
		found := false
		for _, inv := range open {
			found = found || inv.ID == in.InvoiceID
		}
		if !found {
			f.Add("invoice_id", "is not an open invoice of this customer")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	p := &Payment{CustomerID: in.CustomerID, Kind: "payment", Amount: in.Amount, ReceivedOn: in.ReceivedOn, Reference: in.Reference,
		Note: in.Note, CreatedBy: userID(ctx), CreatedAt: s.now()}
	if in.InvoiceID != 0 {
		p.InvoiceID = &in.InvoiceID
	}
	if err := insertPayment(ctx, tx, p); err != nil {
		return nil, err
	}
	ids := make([]int64, len(open))
	items := make([]OpenItem, len(open))
	byID := map[int64]*invoiceRow{}
	fa, err := s.loadFacts(ctx, tx, idsOf(open, ids))
	if err != nil {
		return nil, err
	}
	cal := s.cal(ctx)
	for i := range open {
		inv := &open[i]
		byID[inv.ID] = inv
		c, err := ComputeClaim(fa.input(inv, in.ReceivedOn, cal))
		if err != nil {
			return nil, err
		}
		items[i] = OpenItem{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: inv.Number, PaymentRef: inv.PaymentReference,
			IssueDate: inv.IssueDate, DueDate: inv.DueDate, Owed: c.Total}
	}
	named := in.InvoiceID
	if named == 0 && in.Reference != "" {
		if it, ok := MatchReference(in.Reference, items); ok {
			named = it.InvoiceID
		}
	}
	shares, left := Distribute(in.Amount, items, named)
	res := &PaymentResult{Payment: *p, Unallocated: left}
	for _, sh := range shares {
		inv := byID[sh.InvoiceID]
		mv := Movement{On: in.ReceivedOn, Kind: MovePayment, Amount: sh.Amount, Ref: "new"}
		c, err := ComputeClaim(fa.input(inv, in.ReceivedOn, cal, mv))
		if err != nil {
			return nil, err
		}
		a := Allocation{PaymentID: p.ID, InvoiceID: inv.ID, AppliedOn: in.ReceivedOn, Amount: sh.Amount, CreatedAt: s.now(), Number: inv.Number}
		for _, sp := range c.Splits {
			if sp.Movement.Ref == "new" {
				a.ToCosts, a.ToInterest, a.ToPrincipal = sp.ToCosts, sp.ToInterest, sp.ToPrincipal.Add(sp.Excess)
			}
		}
		if err := insertAllocations(ctx, tx, []Allocation{a}); err != nil {
			return nil, err
		}
		fa.allocs[inv.ID] = append(fa.allocs[inv.ID], a)
		if err := s.settle(ctx, tx, fa, inv, s.today()); err != nil {
			return nil, err
		}
		res.Allocations = append(res.Allocations, a)
	}
	if err := audit.Record(ctx, tx, s.now(), "payment", p.ID, "record", map[string]any{
		"customer_id": p.CustomerID, "amount": p.Amount.StringFixed(2), "received_on": p.ReceivedOn.String(),
		"reference": p.Reference, "allocations": len(res.Allocations), "unallocated": left.StringFixed(2)}); err != nil {
		return nil, err
	}
	return res, nil
}

func idsOf(rows []invoiceRow, ids []int64) []int64 {
	for i := range rows {
		ids[i] = rows[i].ID
	}
	return ids
}

// Reverse records the reversal of a payment (a bounced transfer, a mistake): a new row;
// its allocations stop counting and the invoices it settled open again.
func (s *Service) Reverse(ctx context.Context, id int64, note string) (*Payment, error) {
	var rev *Payment
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		orig, err := getPayment(ctx, tx, id)
		if err != nil {
			return err
		}
		if orig.Kind == "reversal" {
			return problem.Conflict("payment_is_reversal", "a reversal cannot be reversed")
		}
		allocs, err := allocationsOfPayment(ctx, tx, id)
		if err != nil {
			return err
		}
		rev = &Payment{CustomerID: orig.CustomerID, Kind: "reversal", Amount: orig.Amount, ReceivedOn: s.today(), ReversesID: &orig.ID,
			Reference: orig.Reference, Note: note, CreatedBy: userID(ctx), CreatedAt: s.now()}
		if err := insertPayment(ctx, tx, rev); err != nil {
			return err
		}
		var ids []int64
		for _, a := range allocs {
			ids = append(ids, a.InvoiceID)
		}
		if len(ids) > 0 {
			for _, invID := range ids {
				inv, err := getInvoice(ctx, tx, invID, true)
				if err != nil {
					return err
				}
				fa, err := s.loadFacts(ctx, tx, []int64{invID})
				if err != nil {
					return err
				}
				if err := s.settle(ctx, tx, fa, inv, s.today()); err != nil {
					return err
				}
			}
		}
		return audit.Record(ctx, tx, s.now(), "payment", orig.ID, "reverse", map[string]any{"reversal_id": rev.ID, "note": note})
	})
	return rev, err
}

// Refund pays part of a customer's unallocated credit back: a new row.
func (s *Service) Refund(ctx context.Context, customerID int64, amount decimal.Decimal, note string) (*Payment, error) {
	var p *Payment
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockCustomerCredit(ctx, tx, customerID); err != nil {
			return err
		}
		credit, err := customerCredit(ctx, tx, customerID)
		if err != nil {
			return err
		}
		if !amount.IsPositive() {
			return problem.Invalid("amount", "must be greater than 0")
		}
		if credit.LessThan(amount) {
			return fmt.Errorf("%w: credit %s", ErrCreditTooLow, credit.StringFixed(2))
		}
		p = &Payment{CustomerID: customerID, Kind: "refund", Amount: amount, ReceivedOn: s.today(), Note: note, CreatedBy: userID(ctx), CreatedAt: s.now()}
		if err := insertPayment(ctx, tx, p); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "payment", p.ID, "refund", map[string]any{"customer_id": customerID, "amount": amount.StringFixed(2)})
	})
	return p, err
}

// Credit is a customer's unallocated credit.
func (s *Service) Credit(ctx context.Context, customerID int64) (decimal.Decimal, error) {
	return customerCredit(ctx, s.d.DB, customerID)
}

// PaymentPage is one page of the payment list (sort and cursor of the list tools).
func (s *Service) PaymentPage(ctx context.Context, lq listq.Query) ([]Payment, error) {
	return pagePayments(ctx, s.d.DB, lq)
}
