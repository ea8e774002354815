package invoices

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/listq"
)

// The list tools of the invoice and credit note lists (internal/listq): every offered
// sort is an indexed (key, id) pair (migration 0721). A draft has no number or due date
// yet: those sorts read them through COALESCE, the expression the index holds, so drafts
// sort first ascending and the keyset never meets a NULL.

func idKey(id int64) string { return strconv.FormatInt(id, 10) }

const (
	numberSort = "COALESCE(q.number, '')"
	dueSort    = "COALESCE(q.due_date, DATE '0001-01-01')"
)

var invoiceList = listq.Spec[Invoice]{
	ID: "q.id", IDOf: func(inv Invoice) int64 { return inv.ID }, Desc: true,
	Sorts: []listq.Column[Invoice]{
		{Key: "created", Expr: "q.id", Value: func(inv Invoice) string { return idKey(inv.ID) }},
		{Key: "number", Expr: numberSort, Value: func(inv Invoice) string { return inv.NumberOr() }},
		{Key: "due", Expr: dueSort, Value: func(inv Invoice) string {
			if inv.DueDate == nil {
				return "0001-01-01"
			}
			return inv.DueDate.String()
		}},
		{Key: "total", Expr: "q.gross", Value: func(inv Invoice) string { return inv.Gross.String() }},
	},
}

var creditList = listq.Spec[CreditNote]{
	ID: "id", IDOf: func(cn CreditNote) int64 { return cn.ID }, Desc: true,
	Sorts: []listq.Column[CreditNote]{
		{Key: "created", Expr: "id", Value: func(cn CreditNote) string { return idKey(cn.ID) }},
		{Key: "issued", Expr: "issue_date", Value: func(cn CreditNote) string { return cn.IssueDate.String() }},
		{Key: "total", Expr: "gross", Value: func(cn CreditNote) string { return cn.Gross.String() }},
	},
}

// searchNumberOrCustomer narrows a list to the documents whose number (numberExpr, an
// expression migration 0810's pg_trgm index holds) or customer's name contains the
// search (?q=, issue 13). The customers are looked up first (accounts.CustomersNamed, a
// small indexed read), so the list's query is one BitmapOr of the number index and the
// customer_id index.
func searchNumberOrCustomer(ctx context.Context, idb bun.IDB, q *bun.SelectQuery, lq listq.Query, numberExpr, customerCol string) (*bun.SelectQuery, error) {
	if !lq.Searching() {
		return q, nil
	}
	ids, err := accounts.CustomersNamed(ctx, idb, lq.Like())
	if err != nil || len(ids) == 0 {
		return q.Where(numberExpr+" ILIKE ?", lq.Like()), err
	}
	return q.Where("("+numberExpr+" ILIKE ? OR "+customerCol+" IN (?))", lq.Like(), bun.In(ids)), nil
}
