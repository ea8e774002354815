package secondment

import (
	"backoffice/internal/civil"
	"context"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
)

// StatementView is a placement's statement of one month with what the page and API
// show around it.
type StatementView struct {
	Placement *Placement
	Statement Statement
	Closable  bool
	ClosedAt  *time.Time
	Location  *time.Location
}

// buildStatement reads a month of a placement: the frozen snapshot when it is final,
// else the live totals of approved hours and expenses.
func (s *Service) buildStatement(ctx context.Context, idb bun.IDB, p *Placement, m civil.Month, now time.Time) (*StatementView, error) {
	cal, err := calendarOf(ctx, idb, p.CalendarID)
	if err != nil {
		return nil, err
	}
	final, found, err := finalStatement(ctx, idb, p.ID, m)
	if err != nil {
		return nil, err
	}
	if found {
		return statementView(p, m, now, cal.Location(), final, nil, nil), nil
	}
	entries, err := monthEntries(ctx, idb, p.ID, m)
	if err != nil {
		return nil, err
	}
	expenses, err := monthExpenses(ctx, idb, p.ID, m, false)
	if err != nil {
		return nil, err
	}
	return statementView(p, m, now, cal.Location(), nil, entries, expenses), nil
}

// statementView is the frozen snapshot when final is set, else the live totals of the
// month's entries and expenses.
func statementView(p *Placement, m civil.Month, now time.Time, loc *time.Location, final *FinalStatement, entries []HourEntry, expenses []Expense) *StatementView {
	if final != nil {
		st := final.Snapshot
		st.Month, st.Status = m, StatementFinal
		at := final.ClosedAt
		return &StatementView{Placement: p, Statement: st, ClosedAt: &at, Location: loc}
	}
	se := make([]StatementEntry, len(entries))
	for i := range entries {
		se[i] = entries[i].statementEntry()
	}
	sx := make([]StatementExpense, len(expenses))
	for i := range expenses {
		sx[i] = expenses[i].statementExpense()
	}
	st := BuildStatement(m, se, sx, loc)
	closable := CheckClose(m, now, loc, st.OpenCount, st.Status) == nil
	return &StatementView{Placement: p, Statement: st, Closable: closable, Location: loc}
}

// Statement returns the statement of a placement's month (SEC-4).
func (s *Service) Statement(ctx context.Context, placementID int64, m civil.Month) (*StatementView, error) {
	p, err := s.Placement(ctx, placementID)
	if err != nil {
		return nil, err
	}
	return s.buildStatement(ctx, s.db, p, m, s.clock.Now())
}

// CloseStatement makes a month final (account manager or admin): only after the month,
// with no hours awaiting approval. The placement row is locked so no entry of the month
// can change while it closes, and the snapshot is stored once (unique per month).
func (s *Service) CloseStatement(ctx context.Context, placementID int64, m civil.Month) (*StatementView, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	if !pr.Is(auth.AccountManager, auth.Admin) {
		return nil, problem.Forbidden("the account manager closes a month")
	}
	var out *StatementView
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := getPlacement(ctx, tx, placementID, forUpdate)
		if err != nil {
			return err
		}
		v, err := s.buildStatement(ctx, tx, p, m, now)
		if err != nil {
			return err
		}
		if err := CheckClose(m, now, v.Location, v.Statement.OpenCount, v.Statement.Status); err != nil {
			return err
		}
		st := v.Statement
		st.Status = StatementFinal
		actor := pr.UserID
		row := &FinalStatement{PlacementID: p.ID, Month: m.First(), Minutes: st.Minutes, HoursAmount: st.HoursAmount,
			ExpensesAmount: st.ExpensesAmount, Total: st.Total, Snapshot: st, ClosedBy: &actor, ClosedAt: now}
		if err := insertStatement(ctx, tx, row); err != nil {
			return err
		}
		if err := publishStatement(ctx, tx, now, p, row.ID, m, st); err != nil {
			return err
		}
		at := now
		v.Statement, v.Closable, v.ClosedAt = st, false, &at
		out = v
		return audit.Record(ctx, tx, now, "placement_statement", row.ID, "close",
			map[string]any{"placement_id": p.ID, "month": m.String(), "total": st.Total})
	})
	return out, err
}

// Statements is one page of the invoice run (staff only): the statement totals of the
// placements running in month m, in (customer, placement) order. A final month reads its
// stored totals (read with the page), an open one adds up its entries and expenses with
// an indexed aggregate: two queries per page, whatever the number of placements or hours
// (issue 14). It
// returns up to page.Fetch() summaries: one more than the page when another follows.
func (s *Service) Statements(ctx context.Context, m civil.Month, page httpx.Page) ([]StatementSummary, error) {
	pr := auth.FromContext(ctx)
	if !pr.Is(auth.AccountManager, auth.Admin) {
		return nil, problem.Forbidden("the invoice run is for account managers")
	}
	var cur StatementCursor
	var after *StatementCursor
	if ok, err := page.Cursor(&cur); err != nil {
		return nil, err
	} else if ok {
		after = &cur
	}
	now := s.clock.Now()
	ps, final, err := statementPlacements(ctx, s.db, m, after, int(page.Fetch()))
	if err != nil {
		return nil, err
	}
	// Open months are grouped by calendar: the month's bounds are wall-clock time in the
	// calendar's zone, as BuildStatement counts them.
	open := map[string][]int64{}
	locs := map[string]*time.Location{}
	for i := range ps {
		if p := &ps[i]; final[p.ID] == nil {
			if _, ok := locs[p.CalendarID]; !ok {
				cal, err := calendarOf(ctx, s.db, p.CalendarID)
				if err != nil {
					return nil, err
				}
				locs[p.CalendarID] = cal.Location()
			}
			open[p.CalendarID] = append(open[p.CalendarID], p.ID)
		}
	}
	sums := map[int64]*monthSums{}
	for calID, ids := range open {
		got, err := openMonthSums(ctx, s.db, ids, m, locs[calID])
		if err != nil {
			return nil, err
		}
		for id, v := range got {
			sums[id] = v
		}
	}
	out := make([]StatementSummary, len(ps))
	for i := range ps {
		p := &ps[i]
		out[i] = summaryOf(p, m, now, locs[p.CalendarID], final[p.ID], sums[p.ID])
	}
	return out, nil
}

// summaryOf is a final month's stored totals, or an open month's sums (nil: nothing
// logged or claimed yet).
func summaryOf(p *Placement, m civil.Month, now time.Time, loc *time.Location, final *FinalStatement, sums *monthSums) StatementSummary {
	if final != nil {
		at := final.ClosedAt
		return StatementSummary{Placement: p, Month: m, Status: StatementFinal, Minutes: final.Minutes, HoursAmount: final.HoursAmount,
			ExpensesAmount: final.ExpensesAmount, Total: final.Total, ClosedAt: &at}
	}
	if sums == nil {
		sums = &monthSums{HoursAmount: decimal.Zero, ExpensesAmount: decimal.Zero}
	}
	out := StatementSummary{Placement: p, Month: m, Status: StatementOpen, Minutes: sums.Minutes, HoursAmount: sums.HoursAmount,
		ExpensesAmount: sums.ExpensesAmount, Total: sums.HoursAmount.Add(sums.ExpensesAmount), OpenCount: sums.OpenCount}
	out.Closable = CheckClose(m, now, loc, out.OpenCount, out.Status) == nil
	return out
}

func heading(v *StatementView) StatementHeading {
	p := v.Placement
	return StatementHeading{PlacementID: p.ID, Customer: p.CustomerName, Technician: p.TechnicianName, Role: p.Role,
		HourlyRate: p.HourlyRate, Month: v.Statement.Month, Status: v.Statement.Status}
}

// StatementAddressee completes the heading of a statement for its PDF: the customer's
// address and language (accounts' read API) and our company.
func (s *Service) StatementAddressee(ctx context.Context, v *StatementView) (StatementHeading, error) {
	h := heading(v)
	a, err := accounts.CustomerAddress(ctx, s.db, v.Placement.CustomerID)
	if err != nil {
		return h, err
	}
	h.Address = []string{a.Name, a.Street, strings.TrimSpace(a.PostalCode + "  " + a.City)}
	h.Language, h.Company, h.PrintedAt = a.Language, s.company, s.clock.Now()
	return h, nil
}
