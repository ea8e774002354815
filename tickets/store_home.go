package tickets

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
)

// countList counts the tickets the list shows for lf, up to limit+1: the list's own query
// (same filters, same indexes) wrapped in a count, so a card's figure and its list agree.
func countList(ctx context.Context, idb bun.IDB, p *auth.Principal, lf ListFilter, now time.Time, limit int) (int64, error) {
	var rows []*Ticket
	q, err := listQuery(idb, &rows, p, lf, httpx.Page{Limit: limit}, now)
	if err != nil {
		return 0, err
	}
	var n int64
	err = idb.NewSelect().TableExpr("(?) AS capped", q).ColumnExpr("count(*)").Scan(ctx, &n)
	return n, err
}
