package billing

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
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
