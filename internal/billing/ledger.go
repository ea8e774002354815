package billing

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Errors of the ledger operations invoices use.
var (
	ErrNotAvailable = problem.Conflict("charge_not_available", "the charge is not open, belongs to another customer or is on another invoice")
)

// Filter selects charges for lists.
type Filter struct {
	CustomerID *int64
	Status     string
	Source     *Source // a prefix: Domain, Domain+Kind, or all three
	InvoiceID  *int64
	Agreement  *Agreement
	AfterID    int64 // cursor: charges with a larger id
	Limit      int
}

// List returns charges in id order (the cursor is the id).
func List(ctx context.Context, db bun.IDB, f Filter) ([]Charge, error) {
	var out []Charge
	q := db.NewSelect().Model(&out).OrderExpr("id")
	if f.CustomerID != nil {
		q = q.Where("customer_id = ?", *f.CustomerID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Source != nil {
		q = q.Where("source_domain = ?", f.Source.Domain)
		if f.Source.Kind != "" {
			q = q.Where("source_kind = ?", f.Source.Kind)
		}
		if f.Source.ID > 0 {
			q = q.Where("source_id = ?", f.Source.ID)
		}
	}
	if f.InvoiceID != nil {
		q = q.Where("invoice_id = ?", *f.InvoiceID)
	}
	if f.Agreement != nil {
		q = q.Where("agreement_kind = ? AND agreement_id = ?", f.Agreement.Kind, f.Agreement.ID)
	}
	if f.AfterID > 0 {
		q = q.Where("id > ?", f.AfterID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("billing: list: %w", err)
	}
	return out, nil
}

// Get reads one charge.
func Get(ctx context.Context, idb bun.IDB, id int64) (*Charge, error) {
	c := new(Charge)
	if err := idb.NewSelect().Model(c).Where("id = ?", id).Scan(ctx); err != nil {
		if db.IsNoRows(err) {
			return nil, problem.NotFound("charge")
		}
		return nil, fmt.Errorf("billing: get: %w", err)
	}
	return c, nil
}

// OpenUntil returns (and locks) the customer's open charges that are on no draft and
// billable on or before until, in billable order.
func OpenUntil(ctx context.Context, tx bun.IDB, customerID int64, until civil.Date) ([]Charge, error) {
	var out []Charge
	err := tx.NewSelect().Model(&out).
		Where("customer_id = ? AND status = ? AND invoice_id IS NULL AND billable_on <= ?", customerID, Open, until).
		OrderExpr("billable_on, id").For("UPDATE").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("billing: open charges: %w", err)
	}
	return out, nil
}

// CustomersWithOpen lists the customers with open, undrafted charges billable by until
// (an invoice run's work list), in id order.
func CustomersWithOpen(ctx context.Context, db bun.IDB, until civil.Date) ([]int64, error) {
	var ids []int64
	err := db.NewSelect().Model((*Charge)(nil)).ColumnExpr("DISTINCT customer_id").
		Where("status = ? AND invoice_id IS NULL AND billable_on <= ?", Open, until).
		OrderExpr("customer_id").Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("billing: customers with open charges: %w", err)
	}
	return ids, nil
}

// Reserve puts open charges of customerID on the draft invoiceID. Every id must be open,
// of that customer and on no other invoice, else nothing changes and ErrNotAvailable
// names the ones that are not.
func Reserve(ctx context.Context, tx bun.IDB, now time.Time, invoiceID, customerID int64, ids []int64) ([]Charge, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var got []Charge
	err := tx.NewSelect().Model(&got).Where("id IN (?)", bun.In(ids)).OrderExpr("billable_on, id").For("UPDATE").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("billing: reserve: %w", err)
	}
	ok := map[int64]bool{}
	for _, c := range got {
		if c.CustomerID == customerID && c.Status == Open && (c.InvoiceID == nil || *c.InvoiceID == invoiceID) {
			ok[c.ID] = true
		}
	}
	var f problem.Fields
	for i, id := range ids {
		if !ok[id] {
			f.Add(fmt.Sprintf("charge_ids[%d]", i), fmt.Sprintf("charge %d is not an open charge of this customer", id))
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if _, err := tx.NewUpdate().Model((*Charge)(nil)).Set("invoice_id = ?", invoiceID).Set("updated_at = ?", now).
		Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
		return nil, fmt.Errorf("billing: reserve: %w", err)
	}
	for i := range got {
		got[i].InvoiceID = &invoiceID
		got[i].UpdatedAt = now
	}
	return got, nil
}

// Release takes charges off a draft again (ids nil: all of the draft's charges); they are
// open for the next invoice.
func Release(ctx context.Context, tx bun.IDB, now time.Time, invoiceID int64, ids []int64) error {
	q := tx.NewUpdate().Model((*Charge)(nil)).Set("invoice_id = NULL").Set("updated_at = ?", now).
		Where("invoice_id = ? AND status = ?", invoiceID, Open)
	if ids != nil {
		q = q.Where("id IN (?)", bun.In(ids))
	}
	_, err := q.Exec(ctx)
	return translate(err)
}

// MarkInvoiced makes every charge of the draft invoiceID invoiced (when it is issued);
// from then on the database refuses to change them.
func MarkInvoiced(ctx context.Context, tx bun.IDB, now time.Time, invoiceID int64) (int, error) {
	res, err := tx.NewUpdate().Model((*Charge)(nil)).Set("status = ?", Invoiced).Set("updated_at = ?", now).
		Where("invoice_id = ? AND status = ?", invoiceID, Open).Exec(ctx)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Reopen makes a new open charge that repeats an invoiced one (after a credit note, so a
// corrected invoice can bill it again); the original stays as it was. Calling it twice
// for the same charge and credit note adds one charge.
func Reopen(ctx context.Context, tx bun.IDB, now time.Time, chargeID int64, creditNoteID int64) (*Charge, error) {
	orig, err := Get(ctx, tx, chargeID)
	if err != nil {
		return nil, err
	}
	if orig.Status != Invoiced {
		return nil, fmt.Errorf("%w: charge %d is %s", ErrNotAvailable, chargeID, orig.Status)
	}
	c := *orig
	c.ID, c.Status, c.InvoiceID, c.CorrectsID = 0, Open, nil, &orig.ID
	c.Key = fmt.Sprintf("%s#reopen:%d", orig.Key, creditNoteID)
	c.CreatedAt, c.UpdatedAt = now, now
	res, err := tx.NewInsert().Model(&c).On("CONFLICT (key) DO NOTHING").Returning("*").Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("billing: reopen: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		existing := new(Charge)
		if err := tx.NewSelect().Model(existing).Where("key = ?", c.Key).Scan(ctx); err != nil {
			return nil, err
		}
		return existing, nil
	}
	return &c, nil
}

// RateTotal is the net of a set of charges at one VAT rate.
type RateTotal struct {
	VATRate string          `bun:"vat_rate"`
	Net     decimal.Decimal `bun:"net"`
	Count   int             `bun:"n"`
}

// TotalsOf sums a customer's charges of a status per VAT rate (each line rounded to
// cents first, as an invoice would).
func TotalsOf(ctx context.Context, idb bun.IDB, customerID int64, status string) ([]RateTotal, error) {
	var out []RateTotal
	q := idb.NewSelect().Model((*Charge)(nil)).ColumnExpr("vat_rate, sum(round(quantity * unit_price, 2)) AS net, count(*) AS n").
		Where("customer_id = ?", customerID).GroupExpr("vat_rate").OrderExpr("vat_rate")
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("billing: totals: %w", err)
	}
	return out, nil
}
