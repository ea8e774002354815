package receivables

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
	"backoffice/internal/events"
	"backoffice/internal/problem"
)

var (
	errInvoiceNotFound = problem.NotFound("invoice")
	errPaymentNotFound = problem.NotFound("payment")
	errEntryNotFound   = problem.NotFound("bank entry")
)

func loadRates(ctx context.Context, tx bun.IDB) (RateTable, error) {
	var rows []rateRow
	if err := tx.NewSelect().Model(&rows).Order("valid_from").Scan(ctx); err != nil {
		return nil, err
	}
	out := make(RateTable, len(rows))
	for i, r := range rows {
		out[i] = Rate{r.ValidFrom, r.Rate}
	}
	return out, nil
}

func replaceRates(ctx context.Context, tx bun.IDB, t RateTable, now time.Time) error {
	if _, err := tx.NewDelete().TableExpr("interest_rates").Where("TRUE").Exec(ctx); err != nil {
		return err
	}
	if len(t) == 0 {
		return nil
	}
	rows := make([]rateRow, len(t))
	for i, r := range t {
		rows[i] = rateRow{ValidFrom: r.ValidFrom, Rate: r.Rate, UpdatedAt: now}
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// getInvoice reads an issued (or settled) invoice; lock takes its row lock for settlement.
func getInvoice(ctx context.Context, tx bun.IDB, id int64, lock bool) (*invoiceRow, error) {
	inv := new(invoiceRow)
	q := tx.NewSelect().Model(inv).Where("i.id = ?", id).Where("i.status <> 'draft'")
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, errInvoiceNotFound, nil)
	}
	return inv, nil
}

// invoicesOf lists a customer's (customerID 0: everyone's) numbered invoices, oldest
// first; open only: status issued.
func invoicesOf(ctx context.Context, tx bun.IDB, customerID int64, openOnly, lock bool) ([]invoiceRow, error) {
	var rows []invoiceRow
	q := tx.NewSelect().Model(&rows).Where("i.status <> 'draft'").Order("i.due_date", "i.issue_date", "i.id")
	if customerID != 0 {
		q = q.Where("i.customer_id = ?", customerID)
	}
	if openOnly {
		q = q.Where("i.status = 'issued'")
	}
	if lock {
		q = q.For("UPDATE")
	}
	return rows, q.Scan(ctx)
}

// allocationsOf reads the allocations of payments that were not reversed.
func allocationsOf(ctx context.Context, tx bun.IDB, invoiceIDs []int64) ([]Allocation, error) {
	var rows []Allocation
	if len(invoiceIDs) == 0 {
		return nil, nil
	}
	err := tx.NewSelect().Model(&rows).ColumnExpr("a.*").ColumnExpr("i.number AS number").
		Join("JOIN invoices AS i ON i.id = a.invoice_id").
		Where("a.invoice_id IN (?)", bun.In(invoiceIDs)).
		Where("NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = a.payment_id)").
		Order("a.applied_on", "a.id").Scan(ctx)
	return rows, err
}

func allocationsOfPayment(ctx context.Context, tx bun.IDB, paymentID int64) ([]Allocation, error) {
	var rows []Allocation
	err := tx.NewSelect().Model(&rows).ColumnExpr("a.*").ColumnExpr("i.number AS number").
		Join("JOIN invoices AS i ON i.id = a.invoice_id").Where("a.payment_id = ?", paymentID).Order("a.id").Scan(ctx)
	return rows, err
}

func creditsOf(ctx context.Context, tx bun.IDB, invoiceIDs []int64) ([]creditRow, error) {
	var rows []creditRow
	if len(invoiceIDs) == 0 {
		return nil, nil
	}
	err := tx.NewSelect().TableExpr("credit_notes").Column("invoice_id", "number", "issue_date", "gross").
		Where("invoice_id IN (?)", bun.In(invoiceIDs)).Order("issue_date", "id").Scan(ctx, &rows)
	return rows, err
}

func disputesOf(ctx context.Context, tx bun.IDB, invoiceIDs []int64) ([]disputeRow, error) {
	var rows []disputeRow
	if len(invoiceIDs) == 0 {
		return nil, nil
	}
	err := tx.NewSelect().Model(&rows).Where("d.invoice_id IN (?)", bun.In(invoiceIDs)).Order("d.raised_on", "d.id").Scan(ctx)
	return rows, err
}

func stepsOf(ctx context.Context, tx bun.IDB, invoiceIDs []int64) ([]stepRow, error) {
	var rows []stepRow
	if len(invoiceIDs) == 0 {
		return nil, nil
	}
	err := tx.NewSelect().Model(&rows).ExcludeColumn("letter_pdf").Where("s.invoice_id IN (?)", bun.In(invoiceIDs)).
		Order("s.sent_on", "s.id").Scan(ctx)
	return rows, err
}

func stepLetter(ctx context.Context, tx bun.IDB, id int64) (*stepRow, error) {
	s := new(stepRow)
	err := tx.NewSelect().Model(s).Where("s.id = ?", id).Scan(ctx)
	return s, db.Translate(err, problem.NotFound("letter"), nil)
}

// insertStep records a dunning step once; false when the stage was already recorded.
func insertStep(ctx context.Context, tx bun.IDB, s *stepRow) (bool, error) {
	res, err := tx.NewInsert().Model(s).On("CONFLICT (invoice_id, stage) DO NOTHING").Returning("id").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func insertPayment(ctx context.Context, tx bun.IDB, p *Payment) error {
	_, err := tx.NewInsert().Model(p).Returning("id").Exec(ctx)
	return db.Translate(err, errPaymentNotFound, db.Constraints{"payments_reverses_id_key": ErrAlreadyReversed})
}

func getPayment(ctx context.Context, tx bun.IDB, id int64) (*Payment, error) {
	p := new(Payment)
	err := tx.NewSelect().Model(p).Where("p.id = ?", id).Scan(ctx)
	return p, db.Translate(err, errPaymentNotFound, nil)
}

func isReversed(ctx context.Context, tx bun.IDB, id int64) (bool, error) {
	return tx.NewSelect().Model((*Payment)(nil)).Where("p.reverses_id = ?", id).Exists(ctx)
}

func insertAllocations(ctx context.Context, tx bun.IDB, as []Allocation) error {
	if len(as) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&as).Exec(ctx)
	return err
}

// the payment and bank entry lists' pages, reused by the API's list handlers (nothing of
// them outlives the answer)
var (
	paymentRows db.RowPool[Payment]
	paymentOuts db.RowPool[PaymentOut]
	entryRows   db.RowPool[BankEntry]
	entryOuts   db.RowPool[BankEntryOut]
)

// listPayments reads a page into *rows (appended to its capacity; a pooled slice, see
// db.RowPool).
func listPayments(ctx context.Context, tx bun.IDB, rows *[]Payment, customerID int64, afterID int64, limit int64) error {
	args := db.NewParams(tx)
	q := tx.NewSelect().Model(rows).Order("p.id DESC").Limit(int64(limit))
	if customerID != 0 {
		q = q.Where("p.customer_id = ?", args.Arg(customerID))
	}
	if afterID != 0 {
		q = q.Where("p.id < ?", args.Arg(afterID))
	}
	return args.Scan(ctx, q, rows)
}

// customerCredit is what a customer paid that is allocated to no invoice, less refunds.
func customerCredit(ctx context.Context, tx bun.IDB, customerID int64) (decimal.Decimal, error) {
	var v decimal.NullDecimal
	err := tx.NewRaw(`SELECT
		COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.customer_id = ?0 AND p.kind = 'payment'
			AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)), 0)
		- COALESCE((SELECT sum(a.amount) FROM allocations a JOIN payments p ON p.id = a.payment_id WHERE p.customer_id = ?0
			AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)), 0)
		- COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.customer_id = ?0 AND p.kind = 'refund'
			AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = p.id)), 0)`, customerID).Scan(ctx, &v)
	return v.Decimal, err
}

func insertStatement(ctx context.Context, tx bun.IDB, s *statementRow) error {
	_, err := tx.NewInsert().Model(s).Returning("id").Exec(ctx)
	return err
}

func updateStatementCounts(ctx context.Context, tx bun.IDB, s *statementRow) error {
	_, err := tx.NewUpdate().Model(s).Column("credits", "added").WherePK().Exec(ctx)
	return err
}

// insertEntry adds a bank entry unless its reference is known; false when it was.
func insertEntry(ctx context.Context, tx bun.IDB, e *BankEntry) (bool, error) {
	res, err := tx.NewInsert().Model(e).On("CONFLICT (ref) DO NOTHING").Returning("id").Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func setEntryPayment(ctx context.Context, tx bun.IDB, e *BankEntry) error {
	_, err := tx.NewUpdate().Model(e).Column("payment_id", "assigned_by", "assigned_at").WherePK().Exec(ctx)
	return err
}

func getEntry(ctx context.Context, tx bun.IDB, id int64, lock bool) (*BankEntry, error) {
	e := new(BankEntry)
	q := tx.NewSelect().Model(e).Where("b.id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	return e, db.Translate(q.Scan(ctx), errEntryNotFound, nil)
}

// listEntries reads a page into *rows (appended to its capacity; a pooled slice, see
// db.RowPool).
func listEntries(ctx context.Context, tx bun.IDB, unmatchedOnly bool, beforeID int64, limit int, rows *[]BankEntry) error {
	args := db.NewParams(tx)
	q := tx.NewSelect().Model(rows).Order("b.id DESC").Limit(int64(limit))
	if unmatchedOnly {
		q = q.Where("b.payment_id IS NULL")
	}
	if beforeID > 0 {
		q = q.Where("b.id < ?", args.Arg(beforeID))
	}
	return args.Scan(ctx, q, rows)
}

func insertDispute(ctx context.Context, tx bun.IDB, d *disputeRow) error {
	_, err := tx.NewInsert().Model(d).Returning("id").Exec(ctx)
	return db.Translate(err, errInvoiceNotFound, db.Constraints{"invoice_disputes_open_idx": ErrAlreadyDisputed})
}

func openDispute(ctx context.Context, tx bun.IDB, invoiceID int64) (*disputeRow, error) {
	d := new(disputeRow)
	err := tx.NewSelect().Model(d).Where("d.invoice_id = ? AND d.resolved_on IS NULL", invoiceID).For("UPDATE").Scan(ctx)
	return d, db.Translate(err, ErrNotDisputed, nil)
}

func resolveDispute(ctx context.Context, tx bun.IDB, d *disputeRow) error {
	_, err := tx.NewUpdate().Model(d).Column("resolved_on", "resolution", "resolved_by").WherePK().Exec(ctx)
	return err
}

// chargesOf are the charges billed on an invoice, for the events hardware listens to.
func chargesOf(ctx context.Context, tx bun.IDB, invoiceID int64) ([]events.ChargeRef, error) {
	var out []events.ChargeRef
	err := tx.NewSelect().TableExpr("invoice_lines").
		ColumnExpr("charge_id, source_domain, source_kind, source_id, agreement_kind, agreement_id").
		Where("invoice_id = ? AND charge_id IS NOT NULL", invoiceID).Order("position").Scan(ctx, &out)
	return out, err
}

type customerRow struct {
	ID           int64  `bun:"id"`
	Name         string `bun:"name"`
	BillingEmail string `bun:"billing_email"`
}

func customerNames(ctx context.Context, tx bun.IDB) (map[int64]customerRow, error) {
	var rows []customerRow
	if err := tx.NewSelect().TableExpr("customers").Column("id", "name", "billing_email").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	m := make(map[int64]customerRow, len(rows))
	for _, r := range rows {
		m[r.ID] = r
	}
	return m, nil
}

func customerExists(ctx context.Context, tx bun.IDB, id int64) (bool, error) {
	return tx.NewSelect().TableExpr("customers").Where("id = ?", id).Exists(ctx)
}

var _ = civil.Date{}

// lockCustomerCredit serialises refunds of one customer's credit until the transaction ends.
func lockCustomerCredit(ctx context.Context, tx bun.IDB, customerID int64) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(540, ?::int)", customerID%2147483647)
	return err
}
