package secondment

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// StatementCursor is the sort key of the last statement of an invoice-run page: the
// placements of one customer stay together, in placement order.
type StatementCursor struct {
	CustomerID int64 `json:"c"`
	ID         int64 `json:"id"`
}

// statementRow is a placement of an invoice-run page with its month's final totals, nil
// while the month is open.
type statementRow struct {
	Placement `bun:",extend"`

	// the month's final, when closed (pointers: the direct scan's plans, where
	// decimal.NullDecimal went through its Scan and NewFromString, 6 % of the list's CPU)
	FinalMinutes  *int             `bun:"final_minutes"`
	FinalHours    *decimal.Decimal `bun:"final_hours_amount"`
	FinalExpenses *decimal.Decimal `bun:"final_expenses_amount"`
	FinalTotal    *decimal.Decimal `bun:"final_total"`
	FinalClosedAt *time.Time       `bun:"final_closed_at"`
}

// statementPlacementsQuery is one page of the placements running in m, in (customer,
// placement) order: a range scan of placements_customer_idx that stops after limit rows,
// with only the columns a statement summary shows and the month's stored totals (the
// unique (placement, month) final, no snapshot: the list shows totals, the detail reads
// the snapshot) in the same statement.
func statementPlacementsQuery(idb bun.IDB, out *[]statementRow, m civil.Month, after *StatementCursor, limit int, args *db.Params) *bun.SelectQuery {
	q := idb.NewSelect().Model(out).
		Column("placement.id", "placement.customer_id", "placement.technician_id", "placement.role", "placement.hourly_rate",
			"placement.start_date", "placement.end_date", "placement.calendar_id").
		ColumnExpr("c.name AS customer_name, u.name AS technician_name").
		ColumnExpr("fs.minutes AS final_minutes, fs.hours_amount AS final_hours_amount, fs.expenses_amount AS final_expenses_amount").
		ColumnExpr("fs.total AS final_total, fs.closed_at AS final_closed_at").
		Join("JOIN customers AS c ON c.id = placement.customer_id").
		Join("JOIN users AS u ON u.id = placement.technician_id").
		Join("LEFT JOIN placement_statements AS fs ON fs.placement_id = placement.id AND fs.month = ?", args.Arg(m.First())).
		Where("placement.start_date <= ?", args.Arg(m.Last())).
		Where("placement.end_date IS NULL OR placement.end_date >= ?", args.Arg(m.First())).
		OrderExpr("placement.customer_id, placement.id").Limit(int64(limit))
	if after != nil {
		q = q.Where("(placement.customer_id, placement.id) > (?, ?)", args.Arg(after.CustomerID), args.Arg(after.ID))
	}
	return q
}

// statementPlacements is a page of the invoice run's placements and, keyed by placement,
// the finals of those whose month is closed.
func statementPlacements(ctx context.Context, idb bun.IDB, m civil.Month, after *StatementCursor, limit int) ([]Placement, map[int64]*FinalStatement, error) {
	var rows []statementRow
	args := db.NewParams(idb)
	if err := args.Scan(ctx, statementPlacementsQuery(idb, &rows, m, after, limit, args), &rows); err != nil {
		return nil, nil, db.Translate(err, problem.NotFound("placements"), constraints)
	}
	ps := make([]Placement, len(rows))
	finals := map[int64]*FinalStatement{}
	for i := range rows {
		r := &rows[i]
		ps[i] = r.Placement
		if r.FinalClosedAt != nil {
			finals[r.ID] = &FinalStatement{PlacementID: r.ID, Month: m.First(), Minutes: *r.FinalMinutes, HoursAmount: orZero(r.FinalHours),
				ExpensesAmount: orZero(r.FinalExpenses), Total: orZero(r.FinalTotal), ClosedAt: *r.FinalClosedAt}
		}
	}
	return ps, finals, nil
}

// orZero is *d, or zero when the column was NULL.
func orZero(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}

// monthSums are an open month's totals of one placement as SQL adds them up: the same
// entries BuildStatement counts (approved ones started in [from, to), submitted ones as
// open) and the month's expenses.
type monthSums struct {
	PlacementID    int64           `bun:"placement_id"`
	Minutes        int             `bun:"minutes"`
	HoursAmount    decimal.Decimal `bun:"hours_amount"`
	OpenCount      int             `bun:"open_count"`
	ExpensesAmount decimal.Decimal `bun:"expenses_amount"`
}

// entryMonthSumsQuery aggregates the month's live entries of the page's placements: an
// index-only range scan of hour_entries_placement_month_idx (placement, month,
// started_at INCLUDE status, minutes, amount), proportional to the page's entries. Only a
// calendar outside Amsterdam time needs it; totalsMonthSumsQuery serves the rest.
func entryMonthSumsQuery(idb bun.IDB, out *[]monthSums, ids []int64, m civil.Month, from, to time.Time, args *db.Params) *bun.SelectQuery {
	return idb.NewSelect().Model(out).ModelTableExpr("hour_entries").
		ColumnExpr("placement_id").
		ColumnExpr("coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0) AS minutes").
		ColumnExpr("coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0) AS hours_amount").
		ColumnExpr("count(*) FILTER (WHERE status = 'submitted') AS open_count").
		Where("placement_id = ANY(?) AND month = ?", args.Array(ids), args.Arg(m.First())).
		Where("started_at >= ? AND started_at < ?", args.Arg(from), args.Arg(to)).
		Where("status IN ('submitted', 'approved')").
		Group("placement_id")
}

// totalsMonthSumsQuery reads the same sums from hour_month_totals (migration 0910: kept
// by triggers on hour_entries per placement and Amsterdam month), one row a placement.
// An entry's month is the Amsterdam month it starts in (a check constraint), so for a
// calendar in Amsterdam time these are exactly entryMonthSumsQuery's sums
// (TestMonthTotalsMatchEntries).
func totalsMonthSumsQuery(idb bun.IDB, out *[]monthSums, ids []int64, m civil.Month, args *db.Params) *bun.SelectQuery {
	return idb.NewSelect().Model(out).ModelTableExpr("hour_month_totals").
		ColumnExpr("placement_id, approved_minutes AS minutes, approved_amount AS hours_amount, submitted_count AS open_count").
		Where("placement_id = ANY(?) AND month = ?", args.Array(ids), args.Arg(m.First()))
}

// openMonthSums adds up the open months among ids, keyed by placement: the entries' sums
// and the expenses' sums in one statement (a full join of the two grouped ranges, each an
// index range of the page's placements).
func openMonthSums(ctx context.Context, idb bun.IDB, ids []int64, m civil.Month, loc *time.Location) (map[int64]*monthSums, error) {
	out := map[int64]*monthSums{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []monthSums
	args := db.NewParams(idb)
	if err := args.Scan(ctx, monthSumsQuery(idb, &rows, ids, m, loc, args), &rows); err != nil {
		return nil, db.Translate(err, problem.NotFound("hour entries"), constraints)
	}
	for i := range rows {
		out[rows[i].PlacementID] = &rows[i]
	}
	return out, nil
}

// monthSumsQuery is an open month's hour sums (in the calendar's zone loc) fully joined
// with its expense sums, per placement of ids.
func monthSumsQuery(idb bun.IDB, out *[]monthSums, ids []int64, m civil.Month, loc *time.Location, args *db.Params) *bun.SelectQuery {
	var hours []monthSums
	var sums *bun.SelectQuery
	if loc.String() == clock.Amsterdam.String() {
		sums = totalsMonthSumsQuery(idb, &hours, ids, m, args)
	} else {
		from, to := m.Bounds(loc)
		sums = entryMonthSumsQuery(idb, &hours, ids, m, from, to, args)
	}
	expenses := idb.NewSelect().TableExpr("placement_expenses").
		ColumnExpr("placement_id, sum(amount) AS expenses_amount").
		Where("placement_id = ANY(?) AND date BETWEEN ? AND ?", args.Array(ids), args.Arg(m.First()), args.Arg(m.Last())).
		Group("placement_id")
	return idb.NewSelect().Model(out).
		ModelTableExpr("(?) AS h", sums).
		Join("FULL JOIN (?) AS x ON x.placement_id = h.placement_id", expenses).
		ColumnExpr("coalesce(h.placement_id, x.placement_id) AS placement_id").
		ColumnExpr("coalesce(h.minutes, 0) AS minutes, coalesce(h.hours_amount, 0) AS hours_amount").
		ColumnExpr("coalesce(h.open_count, 0) AS open_count, coalesce(x.expenses_amount, 0) AS expenses_amount")
}
