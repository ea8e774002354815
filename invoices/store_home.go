package invoices

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// DueInvoice is an issued invoice not yet settled, for the customer's home.
type DueInvoice struct {
	ID      int64           `bun:"id"`
	Number  string          `bun:"number"`
	DueDate civil.Date      `bun:"due_date"`
	Open    decimal.Decimal `bun:"open"`
}

// dueInvoices are a company's issued, unsettled invoices, earliest due first (index
// invoices_customer_idx: one company's invoices), with their count and open total.
func dueInvoices(ctx context.Context, idb bun.IDB, customerID int64, limit int) (rows []DueInvoice, n int64, total decimal.Decimal, err error) {
	var sum struct {
		N     int64           `bun:"n"`
		Total decimal.Decimal `bun:"total"`
	}
	const open = "status = 'issued' AND gross - paid - credited > 0"
	if err = idb.NewSelect().TableExpr("invoices").ColumnExpr("count(*) AS n, coalesce(sum(gross - paid - credited), 0) AS total").
		Where("customer_id = ?", customerID).Where(open).Scan(ctx, &sum); err != nil || sum.N == 0 {
		return nil, sum.N, sum.Total, err
	}
	err = idb.NewSelect().TableExpr("invoices").ColumnExpr("id, number, due_date, gross - paid - credited AS open").
		Where("customer_id = ?", customerID).Where(open).OrderExpr("due_date, id").Limit(int64(limit)).Scan(ctx, &rows)
	return rows, sum.N, sum.Total, err
}
