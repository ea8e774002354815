package secondment

import (
	"backoffice/internal/civil"
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
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
	expenses, err := monthExpenses(ctx, idb, p.ID, m)
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

// Statements lists the statements of every placement running in month m, for the
// invoice run (staff only).
func (s *Service) Statements(ctx context.Context, m civil.Month) ([]StatementView, error) {
	pr := auth.FromContext(ctx)
	if !pr.Is(auth.AccountManager, auth.Admin) {
		return nil, problem.Forbidden("the invoice run is for account managers")
	}
	now := s.clock.Now()
	ps, err := placementsInMonth(ctx, s.db, m)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ps))
	for i := range ps {
		ids[i] = ps[i].ID
	}
	month, err := monthOfPlacements(ctx, s.db, ids, m)
	if err != nil {
		return nil, err
	}
	out := make([]StatementView, 0, len(ps))
	cals := map[string]*time.Location{}
	for i := range ps {
		p := &ps[i]
		loc, ok := cals[p.CalendarID]
		if !ok {
			cal, err := calendarOf(ctx, s.db, p.CalendarID)
			if err != nil {
				return nil, err
			}
			loc, cals[p.CalendarID] = cal.Location(), cal.Location()
		}
		out = append(out, *statementView(p, m, now, loc, month.finals[p.ID], month.entries[p.ID], month.expenses[p.ID]))
	}
	return out, nil
}
