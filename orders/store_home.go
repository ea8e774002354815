package orders

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
)

// The home cards' counts (issue 13): each a LIMITed scan of a partial index (0620), the
// same predicate as the list the card links to.

// leadTimeWaiting is the SQL of "the lead time has not started": an open order with
// a precondition missing (the quote's acceptance is always recorded). It is the predicate
// of index orders_lead_time_waiting_idx.
const leadTimeWaiting = "o.status = 'open' AND (o.details_agreed_on IS NULL OR o.data_supplied_on IS NULL OR (o.advance_payment_required AND o.advance_payment_received_on IS NULL))"

// noticeDeadlineSQL is the notice deadline a contract page shows on ? (Q-8, 0620).
const noticeDeadlineSQL = "contract_next_notice_deadline(k.start_date, k.initial_term_months, k.renewal_term_months, k.notice_months, k.notice_days, ?)"

func boundedCount(ctx context.Context, idb bun.IDB, q *bun.SelectQuery, limit int64) (int64, error) {
	var n int64
	err := idb.NewSelect().TableExpr("(?) AS capped", q.ColumnExpr("1").Limit(limit+1)).ColumnExpr("count(*)").Scan(ctx, &n)
	return n, err
}

// countQuotesExpiring counts sent quotes whose validity ends within days of today
// (index quotes_open_idx), for p's company when p is a customer.
func countQuotesExpiring(ctx context.Context, idb bun.IDB, p *auth.Principal, today civil.Date, days int, limit int64) (int64, error) {
	q := idb.NewSelect().TableExpr("quotes AS q").Where("q.status = 'sent' AND q.valid_until >= ? AND q.valid_until <= ?", today, today.AddDays(days))
	return boundedCount(ctx, idb, auth.Scope(q, p, "q.customer_id"), limit)
}

// countQuotesOpen counts sent quotes still valid on today: the ones a customer has to decide.
func countQuotesOpen(ctx context.Context, idb bun.IDB, p *auth.Principal, today civil.Date, limit int64) (int64, error) {
	q := idb.NewSelect().TableExpr("quotes AS q").Where("q.status = 'sent' AND q.valid_until >= ?", today)
	return boundedCount(ctx, idb, auth.Scope(q, p, "q.customer_id"), limit)
}

// countContractsNoticeWithin counts running contracts whose notice deadline falls within
// days of today (index contracts_running_idx; the deadline is computed per row).
func countContractsNoticeWithin(ctx context.Context, idb bun.IDB, p *auth.Principal, today civil.Date, days int, limit int64) (int64, error) {
	q := idb.NewSelect().TableExpr("contracts AS k").Where("k.end_date IS NULL").
		Where(noticeDeadlineSQL+" BETWEEN ? AND ?", today, today, today.AddDays(days))
	return boundedCount(ctx, idb, auth.Scope(q, p, "k.customer_id"), limit)
}

// countOrdersWaiting counts open orders whose lead time has not started.
func countOrdersWaiting(ctx context.Context, idb bun.IDB, p *auth.Principal, limit int64) (int64, error) {
	q := idb.NewSelect().TableExpr("orders AS o").Where(leadTimeWaiting)
	return boundedCount(ctx, idb, auth.Scope(q, p, "o.customer_id"), limit)
}

// pipelineRow is one bar of the pipeline chart.
type pipelineRow struct {
	Kind  string     `bun:"kind"`
	Month civil.Date `bun:"month"`
	N     int        `bun:"n"`
}

// quotePipeline counts quote versions sent, accepted and expired per Amsterdam month since
// from (indexes quotes_sent_at_idx, _accepted_at_idx, _lapsed_idx); a quote expires the day
// after its validity ends.
func quotePipeline(ctx context.Context, idb bun.IDB, from time.Time, fromDay, today civil.Date) ([]pipelineRow, error) {
	var out []pipelineRow
	err := idb.NewRaw(`SELECT 'sent' AS kind, date_trunc('month', sent_at AT TIME ZONE 'Europe/Amsterdam')::date AS month, count(*) AS n
		FROM quotes WHERE sent_at IS NOT NULL AND sent_at >= ? GROUP BY 2
		UNION ALL SELECT 'accepted', date_trunc('month', accepted_at AT TIME ZONE 'Europe/Amsterdam')::date, count(*)
		FROM quotes WHERE accepted_at IS NOT NULL AND accepted_at >= ? GROUP BY 2
		UNION ALL SELECT 'expired', date_trunc('month', valid_until + 1)::date, count(*)
		FROM quotes WHERE status IN ('sent', 'expired') AND valid_until >= ? AND valid_until < ? GROUP BY 2`,
		from, from, fromDay.AddDays(-1), today).Scan(ctx, &out)
	return out, err
}
