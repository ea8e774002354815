package invoices

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/billing"
	"backoffice/internal/events"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// CreditIn credits an issued invoice: the given lines and quantities, or (Lines nil)
// everything not yet credited. ReopenCharges makes new open charges of the credited
// charge lines, so a corrected invoice can bill them again.
type CreditIn struct {
	Lines         []CreditLineIn
	Reason        string
	ReopenCharges bool
}

// CreditLineIn is the quantity of an invoice line to credit.
type CreditLineIn struct {
	LineID   int64
	Quantity decimal.Decimal
}

// PlanCredit is the pure rule of a credit note: never more than was invoiced, line by
// line (what earlier credit notes credited counts), quantities with the line's sign.
func PlanCredit(lines []Line, already map[int64]decimal.Decimal, in CreditIn) ([]CreditLine, error) {
	byID := map[int64]Line{}
	for _, l := range lines {
		byID[l.ID] = l
	}
	req := in.Lines
	if req == nil {
		for _, l := range lines {
			if rest := l.Quantity.Sub(already[l.ID]); !rest.IsZero() {
				req = append(req, CreditLineIn{LineID: l.ID, Quantity: rest})
			}
		}
		if len(req) == 0 {
			return nil, fmt.Errorf("%w: everything was credited already", ErrCreditExceeds)
		}
	}
	var f problem.Fields
	var out []CreditLine
	seen := map[int64]decimal.Decimal{}
	for i, r := range req {
		l, ok := byID[r.LineID]
		at := fmt.Sprintf("lines[%d]", i)
		switch {
		case !ok:
			f.Add(at+".line_id", "is not a line of this invoice")
			continue
		case r.Quantity.IsZero() || r.Quantity.Sign() != l.Quantity.Sign():
			f.Add(at+".quantity", "must be a quantity of the line (not 0)")
			continue
		case !r.Quantity.Equal(r.Quantity.Round(4)):
			f.Add(at+".quantity", "must have at most 4 decimals")
			continue
		}
		seen[l.ID] = seen[l.ID].Add(r.Quantity)
		if seen[l.ID].Add(already[l.ID]).Abs().GreaterThan(l.Quantity.Abs()) {
			return nil, fmt.Errorf("%w: line %d: %s of %s left", ErrCreditExceeds, l.Position, l.Quantity.Sub(already[l.ID]), l.Quantity)
		}
		out = append(out, CreditLine{InvoiceLineID: l.ID, Position: len(out) + 1, Description: l.Description, Quantity: r.Quantity,
			Unit: l.Unit, UnitPrice: l.UnitPrice, VATRate: l.VATRate, VATCategory: l.VATCategory, Net: LineNet(r.Quantity, l.UnitPrice)})
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Credit makes a credit note for (part of) an issued invoice in its own series; it
// settles the invoice up to its amount and publishes credit_note.issued.
func (s *Service) Credit(ctx context.Context, invoiceID int64, in CreditIn) (*CreditDocument, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Reason == "" || len(in.Reason) > 500 {
		return nil, problem.Invalid("reason", "is required (at most 500 characters)")
	}
	now := s.Clock.Now()
	var out *CreditDocument
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv, err := getInvoice(ctx, tx, invoiceID, true)
		if err != nil {
			return err
		}
		if inv.Status == Draft {
			return ErrNotIssued
		}
		lines, err := linesOf(ctx, tx, invoiceID)
		if err != nil {
			return err
		}
		already, err := creditedQuantities(ctx, tx, invoiceID)
		if err != nil {
			return err
		}
		cls, err := PlanCredit(lines, already, in)
		if err != nil {
			return err
		}
		nets, cats, rates := make([]decimal.Decimal, len(cls)), make([]string, len(cls)), make([]string, len(cls))
		for i, c := range cls {
			nets[i], cats[i], rates[i] = c.Net, c.VATCategory, c.VATRate
		}
		cn := &CreditNote{InvoiceID: inv.ID, CustomerID: inv.CustomerID, IssueDate: s.Today(), Reason: in.Reason, CreatedAt: now}
		cn.Net, cn.VAT, cn.Gross, cn.VATPerRate = Totals(nets, cats, rates)
		if cn.Gross.IsNegative() || inv.Credited.Add(cn.Gross).GreaterThan(inv.Gross) {
			return fmt.Errorf("%w: %s credited already of %s", ErrCreditExceeds, money.String(inv.Credited), money.String(inv.Gross))
		}
		if inv.Paid.Add(inv.Credited).Add(cn.Gross).GreaterThan(inv.Gross) {
			return fmt.Errorf("%w: the invoice was paid; refund the payment first", ErrCreditExceeds)
		}
		first, err := nextNumbers(ctx, tx, CounterName(SeriesCreditNote, s.CreditFormat, cn.IssueDate.Year), 1)
		if err != nil {
			return err
		}
		cn.Number = FormatNumber(s.CreditFormat, cn.IssueDate.Year, first)
		if err := insertCreditNote(ctx, tx, cn, cls); err != nil {
			return err
		}
		credited := inv.Credited.Add(cn.Gross)
		if _, err := settle(ctx, tx, now, inv.ID, nil, &credited, cn.IssueDate); err != nil {
			return err
		}
		var refs []events.ChargeRef
		byID := map[int64]Line{}
		for _, l := range lines {
			byID[l.ID] = l
		}
		for _, c := range cls {
			l := byID[c.InvoiceLineID]
			if l.ChargeID == nil {
				continue
			}
			refs = append(refs, chargeRefs([]Line{l})...)
			if in.ReopenCharges {
				if _, err := billing.Reopen(ctx, tx, now, *l.ChargeID, cn.ID); err != nil {
					return err
				}
			}
		}
		if refs == nil {
			refs = []events.ChargeRef{}
		}
		if err := audit.Record(ctx, tx, now, "credit_note", cn.ID, "issue", map[string]any{"number": cn.Number, "invoice": inv.NumberOr(),
			"gross": money.String(cn.Gross), "reason": cn.Reason}); err != nil {
			return err
		}
		p := events.CreditNotePayload{CreditNoteID: cn.ID, InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: cn.Number,
			Gross: money.String(cn.Gross), Charges: refs}
		if _, err := events.Publish(ctx, tx, now, events.CreditNoteIssued, "invoice", inv.ID, p); err != nil {
			return err
		}
		inv.Credited = credited
		inv.Status = SettledStatus(inv.Gross, inv.Paid, inv.Credited)
		out = &CreditDocument{Note: cn, Lines: cls, Invoice: inv}
		return nil
	})
	return out, err
}

// GetCreditNote reads a credit note with the invoice it corrects.
func (s *Service) GetCreditNote(ctx context.Context, id int64) (*CreditDocument, error) {
	cn, lines, err := getCreditNote(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	inv, err := getInvoice(ctx, s.DB, cn.InvoiceID, false)
	if err != nil {
		return nil, err
	}
	return &CreditDocument{Note: cn, Lines: lines, Invoice: inv}, nil
}

// CreditNotes lists credit notes, newest first.
func (s *Service) CreditNotes(ctx context.Context, f CreditFilter) ([]CreditNote, error) {
	return listCreditNotes(ctx, s.DB, f)
}
