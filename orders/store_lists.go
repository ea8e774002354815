package orders

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/listq"
)

// The list tools of the quote, order and contract lists (internal/listq): every offered
// sort is an indexed (key, id) pair (migration 0630), the search a pg_trgm GIN index.

func idKey(id int64) string { return strconv.FormatInt(id, 10) }

var quoteList = listq.Spec[*Quote]{
	ID: "q.id", IDOf: func(q *Quote) int64 { return q.ID }, Desc: true,
	Sorts: []listq.Column[*Quote]{
		{Key: "created", Expr: "q.id", Value: func(q *Quote) string { return idKey(q.ID) }},
		{Key: "number", Expr: "q.number", Value: func(q *Quote) string { return q.Number }},
		{Key: "title", Expr: "q.title", Value: func(q *Quote) string { return q.Title }},
		{Key: "total", Expr: "q.net", Value: func(q *Quote) string { return q.StoredTotals.Net.String() }},
	},
}

var orderList = listq.Spec[*Order]{
	ID: "o.id", IDOf: func(o *Order) int64 { return o.ID }, Desc: true,
	Sorts: []listq.Column[*Order]{
		{Key: "created", Expr: "o.id", Value: func(o *Order) string { return idKey(o.ID) }},
		{Key: "number", Expr: "o.number", Value: func(o *Order) string { return o.Number }},
		{Key: "start", Expr: "o.start_date", Value: func(o *Order) string { return o.StartDate.String() }},
		{Key: "total", Expr: "o.net", Value: func(o *Order) string { return o.StoredNet.String() }},
	},
}

var contractList = listq.Spec[*Contract]{
	ID: "k.id", IDOf: func(k *Contract) int64 { return k.ID }, Desc: true,
	Sorts: []listq.Column[*Contract]{
		{Key: "created", Expr: "k.id", Value: func(k *Contract) string { return idKey(k.ID) }},
		{Key: "number", Expr: "k.number", Value: func(k *Contract) string { return k.Number }},
		{Key: "start", Expr: "k.start_date", Value: func(k *Contract) string { return k.StartDate.String() }},
	},
}

// searchCustomers narrows a list to rows whose text (an expression a pg_trgm GIN index
// of migration 0630 covers) or customer's name contains the search. The customers are
// looked up first (accounts.CustomersNamed, a small indexed read), so the list's own
// query is one BitmapOr of its search index and its customer_id index.
func searchCustomers(ctx context.Context, idb bun.IDB, q *bun.SelectQuery, lq listq.Query, text, customerCol string) (*bun.SelectQuery, error) {
	if !lq.Searching() {
		return q, nil
	}
	ids, err := accounts.CustomersNamed(ctx, idb, lq.Like())
	if err != nil || len(ids) == 0 {
		return q.Where(text+" ILIKE ?", lq.Like()), err
	}
	return q.Where("("+text+" ILIKE ? OR "+customerCol+" IN (?))", lq.Like(), bun.In(ids)), nil
}

// QuoteVersion is one version of a quote number, for the links between versions.
type QuoteVersion struct {
	ID      int64       `bun:"id"`
	Version int         `bun:"version"`
	Status  QuoteStatus `bun:"status"`
}

// quoteVersions lists every version of a quote number, oldest first (quotes_one_live_version
// and the number index find them).
func quoteVersions(ctx context.Context, idb bun.IDB, number string) ([]QuoteVersion, error) {
	var out []QuoteVersion
	err := idb.NewSelect().TableExpr("quotes").Column("id", "version", "status").Where("number = ?", number).Order("version").Scan(ctx, &out)
	return out, err
}
