package receivables

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/listq"
)

// The payment list's tools (internal/listq): newest first, or by the day received or
// the amount, each an indexed (key, id) pair (migration 0722).
var paymentList = listq.Spec[Payment]{
	ID: "p.id", IDOf: func(p Payment) int64 { return p.ID }, Desc: true,
	Sorts: []listq.Column[Payment]{
		{Key: "created", Expr: "p.id", Value: func(p Payment) string { return strconv.FormatInt(p.ID, 10) }},
		{Key: "received", Expr: "p.received_on", Value: func(p Payment) string { return p.ReceivedOn.String() }},
		{Key: "amount", Expr: "p.amount", Value: func(p Payment) string { return p.Amount.String() }},
	},
}

// pagePayments is one page of every payment under the list's sort and cursor.
func pagePayments(ctx context.Context, tx bun.IDB, lq listq.Query) ([]Payment, error) {
	var rows []Payment
	args := db.NewParams(tx)
	q := paymentList.Apply(tx.NewSelect().Model(&rows), lq, args)
	err := args.Scan(ctx, q, &rows)
	return rows, err
}
