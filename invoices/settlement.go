package invoices

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/events"
	"backoffice/internal/money"
)

// The settlement is the only part of an issued invoice that changes: receivables
// (invoices/receivables) records payments through these functions, credit notes through
// the same path, and the database trigger allows no other change.

// Settlement is what receivables needs of an issued invoice.
type Settlement struct {
	InvoiceID    int64
	CustomerID   int64
	Number       string
	Status       string // issued, paid, credited
	IssueDate    civil.Date
	DueDate      civil.Date
	TermsProfile string
	Gross        decimal.Decimal
	Paid         decimal.Decimal
	Credited     decimal.Decimal
	SettledOn    *civil.Date
	Language     string
	BillingEmail string
	Charges      []events.ChargeRef
}

// Balance is gross less paid and credited.
func (s *Settlement) Balance() decimal.Decimal { return s.Gross.Sub(s.Paid).Sub(s.Credited) }

// ForSettlement reads an issued invoice for receivables in the caller's transaction,
// locking its row until the transaction ends (so concurrent payments serialise).
func ForSettlement(ctx context.Context, tx bun.IDB, invoiceID int64) (*Settlement, error) {
	inv, err := getInvoice(ctx, tx, invoiceID, true)
	if err != nil {
		return nil, err
	}
	if inv.Status == Draft {
		return nil, ErrNotIssued
	}
	lines, err := linesOf(ctx, tx, invoiceID)
	if err != nil {
		return nil, err
	}
	return settlementOf(inv, lines), nil
}

func settlementOf(inv *Invoice, lines []Line) *Settlement {
	return &Settlement{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: inv.NumberOr(), Status: inv.Status,
		IssueDate: *inv.IssueDate, DueDate: *inv.DueDate, TermsProfile: inv.TermsProfile, Gross: inv.Gross, Paid: inv.Paid,
		Credited: inv.Credited, SettledOn: inv.SettledOn, Language: inv.Language, BillingEmail: inv.BillingEmail, Charges: chargeRefs(lines)}
}

// SettledStatus is the status an issued invoice has for its paid and credited amounts:
// paid once the balance is zero with any payment, credited once credit notes alone
// cover it, issued otherwise.
func SettledStatus(gross, paid, credited decimal.Decimal) string {
	if gross.Sub(paid).Sub(credited).IsPositive() {
		return Issued
	}
	if paid.IsPositive() {
		return Paid
	}
	return Credited
}

// RecordSettlement sets the invoice's total paid (all payments allocated to its
// principal so far, after refunds and reversals) as of on, in the caller's transaction
// (call ForSettlement first, in the same transaction). When the balance reaches zero the
// invoice becomes paid and invoice.paid is published with its charges (HW-4, INV-8);
// when a payment is reversed it is issued again. It returns the new settlement.
func RecordSettlement(ctx context.Context, tx bun.IDB, now time.Time, invoiceID int64, paid decimal.Decimal, on civil.Date) (*Settlement, error) {
	return settle(ctx, tx, now, invoiceID, &paid, nil, on)
}

func settle(ctx context.Context, tx bun.IDB, now time.Time, invoiceID int64, paid, credited *decimal.Decimal, on civil.Date) (*Settlement, error) {
	inv, err := getInvoice(ctx, tx, invoiceID, true)
	if err != nil {
		return nil, err
	}
	if inv.Status == Draft {
		return nil, ErrNotIssued
	}
	before := inv.Status
	if paid != nil {
		inv.Paid = money.Cents(*paid)
	}
	if credited != nil {
		inv.Credited = money.Cents(*credited)
	}
	if inv.Paid.IsNegative() || inv.Paid.Add(inv.Credited).GreaterThan(inv.Gross) {
		return nil, fmt.Errorf("%w: paid %s + credited %s > %s", ErrSettlementTooBig, inv.Paid, inv.Credited, inv.Gross)
	}
	inv.Status = SettledStatus(inv.Gross, inv.Paid, inv.Credited)
	inv.SettledOn = nil
	if inv.Status != Issued {
		d := on
		inv.SettledOn = &d
	}
	inv.UpdatedAt = now
	if err := saveSettlement(ctx, tx, inv); err != nil {
		return nil, err
	}
	lines, err := linesOf(ctx, tx, invoiceID)
	if err != nil {
		return nil, err
	}
	st := settlementOf(inv, lines)
	if err := audit.Record(ctx, tx, now, "invoice", inv.ID, "settle", map[string]any{"paid": money.String(inv.Paid),
		"credited": money.String(inv.Credited), "status": inv.Status}); err != nil {
		return nil, err
	}
	if inv.Status == Paid && before != Paid {
		p := events.InvoicePayload{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: st.Number, IssueDate: st.IssueDate,
			DueDate: st.DueDate, PaidOn: inv.SettledOn, Gross: money.String(inv.Gross), Charges: st.Charges}
		if _, err := events.Publish(ctx, tx, now, events.InvoicePaid, "invoice", inv.ID, p); err != nil {
			return nil, err
		}
	}
	return st, nil
}
