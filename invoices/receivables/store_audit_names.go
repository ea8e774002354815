package receivables

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// paymentLabel is what the audit log names a payment by: its payer, amount and day.
type paymentLabel struct {
	ID         int64           `bun:"id"`
	Payer      string          `bun:"payer"`
	Amount     decimal.Decimal `bun:"amount"`
	ReceivedOn civil.Date      `bun:"received_on"`
}

// paymentLabels reads the labels of payments by id, in one query.
func paymentLabels(ctx context.Context, idb bun.IDB, ids []int64) ([]paymentLabel, error) {
	var rows []paymentLabel
	if len(ids) == 0 {
		return rows, nil
	}
	err := idb.NewSelect().TableExpr("payments AS p").ColumnExpr("p.id, c.name AS payer, p.amount, p.received_on").
		Join("JOIN customers AS c ON c.id = p.customer_id").Where("p.id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	return rows, err
}
