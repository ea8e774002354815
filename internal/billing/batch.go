package billing

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// Terms is what the charges on an invoice agreed about payment: the shortest agreed term
// (nil: none agreed, the customer's default applies) and the terms profile.
type Terms struct {
	InvoiceID       int64  `bun:"invoice_id"`
	PaymentTermDays *int   `bun:"payment_term_days"`
	TermsProfile    string `bun:"terms_profile"`
}

// TermsOf returns the payment terms the charges of each invoice agreed.
func TermsOf(ctx context.Context, tx bun.IDB, invoiceIDs []int64) (map[int64]Terms, error) {
	var rows []Terms
	if len(invoiceIDs) == 0 {
		return map[int64]Terms{}, nil
	}
	err := tx.NewSelect().Model((*Charge)(nil)).
		ColumnExpr("invoice_id, min(payment_term_days) AS payment_term_days, max(terms_profile) AS terms_profile").
		Where("invoice_id IN (?)", bun.In(invoiceIDs)).Group("invoice_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("billing: terms: %w", err)
	}
	out := make(map[int64]Terms, len(rows))
	for _, r := range rows {
		out[r.InvoiceID] = r
	}
	return out, nil
}

// MarkInvoicedAll is MarkInvoiced for many drafts at once (an invoice run).
func MarkInvoicedAll(ctx context.Context, tx bun.IDB, now time.Time, invoiceIDs []int64) (int, error) {
	if len(invoiceIDs) == 0 {
		return 0, nil
	}
	res, err := tx.NewUpdate().Model((*Charge)(nil)).Set("status = ?", Invoiced).Set("updated_at = ?", now).
		Where("invoice_id IN (?) AND status = ?", bun.In(invoiceIDs), Open).Exec(ctx)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// OpenGroup sums the open, undrafted charges of one customer and agreement billable by
// a date (an invoice run's plan).
type OpenGroup struct {
	CustomerID    int64           `bun:"customer_id"`
	AgreementKind string          `bun:"agreement_kind"`
	AgreementID   int64           `bun:"agreement_id"`
	Charges       int             `bun:"charges"`
	Net           decimal.Decimal `bun:"net"`
}

// OpenGroups lists the open, undrafted charges billable by until per customer and
// agreement, in customer and agreement order (one set-based query).
func OpenGroups(ctx context.Context, db bun.IDB, until civil.Date) ([]OpenGroup, error) {
	var out []OpenGroup
	err := db.NewSelect().Model((*Charge)(nil)).
		ColumnExpr("customer_id, agreement_kind, agreement_id, count(*) AS charges, sum(round(quantity * unit_price, 2)) AS net").
		Where("status = ? AND invoice_id IS NULL AND billable_on <= ?", Open, until).
		GroupExpr("customer_id, agreement_kind, agreement_id").OrderExpr("customer_id, agreement_kind, agreement_id").Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("billing: open groups: %w", err)
	}
	return out, nil
}

// Assignment puts a customer's open charges (of one agreement, or all when Agreement
// is nil) on a draft invoice.
type Assignment struct {
	CustomerID int64
	Agreement  *Agreement
	InvoiceID  int64
}

// ReserveMany reserves, in one statement per batch, the open undrafted charges billable
// by until for each assignment, and returns them. Charges drafted meanwhile by someone
// else are skipped.
func ReserveMany(ctx context.Context, tx bun.IDB, now time.Time, until civil.Date, as []Assignment) ([]Charge, error) {
	var out []Charge
	for start := 0; start < len(as); start += 5000 {
		end := min(start+5000, len(as))
		var vals []string
		var args []any
		for _, a := range as[start:end] {
			kind, id := "", int64(0)
			if a.Agreement != nil {
				kind, id = a.Agreement.Kind, a.Agreement.ID
			}
			vals = append(vals, "(?::bigint, ?::text, ?::bigint, ?::bigint)")
			args = append(args, a.CustomerID, kind, id, a.InvoiceID)
		}
		var got []Charge
		q := fmt.Sprintf(`UPDATE charges c SET invoice_id = v.invoice_id, updated_at = ?
			FROM (VALUES %s) AS v(customer_id, agreement_kind, agreement_id, invoice_id)
			WHERE c.customer_id = v.customer_id AND (v.agreement_kind = '' OR (c.agreement_kind = v.agreement_kind AND c.agreement_id = v.agreement_id))
			AND c.status = ? AND c.invoice_id IS NULL AND c.billable_on <= ?
			RETURNING c.*`, strings.Join(vals, ", "))
		args = append([]any{now}, args...)
		args = append(args, Open, until)
		if err := tx.NewRaw(q, args...).Scan(ctx, &got); err != nil {
			return nil, fmt.Errorf("billing: reserve many: %w", err)
		}
		out = append(out, got...)
	}
	return out, nil
}
