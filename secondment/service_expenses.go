package secondment

import (
	"context"
	"errors"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// ErrNotYourExpense refuses a technician who changes a claim someone else made.
var ErrNotYourExpense = problem.New(403, "not_your_expense", "a technician changes only the expenses they claimed")

// AddExpense records a cost on a placement (SEC-4): by its technician or staff.
func (s *Service) AddExpense(ctx context.Context, placementID int64, in ExpenseInput) (*Expense, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *Expense
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.visiblePlacement(ctx, tx, pr, placementID, forShare)
		if err != nil {
			return err
		}
		if pr.Is(auth.Customer) {
			return problem.Forbidden("expenses are claimed by the provider")
		}
		cal, err := calendarOf(ctx, tx, p.CalendarID)
		if err != nil {
			return err
		}
		amount, err := ExpenseAmount(in, p.KmRate, p.Period(), civil.In(now, cal.Location()))
		if err != nil {
			return err
		}
		actor := pr.UserID
		x := &Expense{PlacementID: p.ID, Date: in.Date, Kind: in.Kind, KM: in.KM, Amount: amount,
			Description: strings.TrimSpace(in.Description), CreatedBy: &actor, CreatedAt: now}
		if err := insertExpense(ctx, tx, x); err != nil {
			return err
		}
		out = x
		return audit.Record(ctx, tx, now, "placement_expense", x.ID, "create", x)
	})
	return out, err
}

// Expenses lists a placement's expenses, optionally of one month.
func (s *Service) Expenses(ctx context.Context, placementID int64, m *civil.Month, desc bool) ([]Expense, error) {
	p, err := s.Placement(ctx, placementID)
	if err != nil {
		return nil, err
	}
	return listExpenses(ctx, s.db, p.ID, m, desc)
}

// Expense returns an expense the principal may see (the tenancy of its placement).
func (s *Service) Expense(ctx context.Context, id int64) (*Expense, error) {
	x, err := getExpense(ctx, s.db, id, noLock)
	if err != nil {
		return nil, err
	}
	if _, err := s.visiblePlacement(ctx, s.db, auth.FromContext(ctx), x.PlacementID, noLock); err != nil {
		return nil, notFoundAs(err, "expense")
	}
	return x, nil
}

// notFoundAs names what was not found: a hidden placement hides its expense.
func notFoundAs(err error, what string) error {
	if errors.Is(err, problem.ErrNotFound) {
		return problem.NotFound(what)
	}
	return err
}

// CanChangeExpense reports whether pr may edit or delete x (not counting the month's
// status): staff any expense, the placed technician the claims they made.
func CanChangeExpense(pr *auth.Principal, x *Expense) bool {
	if pr.Is(auth.Admin, auth.AccountManager) {
		return true
	}
	return pr.Is(auth.Technician) && x.CreatedBy != nil && *x.CreatedBy == pr.UserID
}

// changeableExpense loads an expense for change inside tx: the placement is share-locked
// first (as closing a month locks it for update, so the two serialise), then the
// expense row. Other companies and technicians do not find it; customers and other
// claimants are refused; a month whose statement is final no longer changes (SEC-4).
func (s *Service) changeableExpense(ctx context.Context, tx bun.IDB, pr *auth.Principal, id int64) (*Expense, *Placement, error) {
	pid, err := expensePlacementID(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.visiblePlacement(ctx, tx, pr, pid, forShare)
	if err != nil {
		return nil, nil, notFoundAs(err, "expense")
	}
	if pr.Is(auth.Customer) {
		return nil, nil, problem.Forbidden("expenses are claimed and corrected by the provider")
	}
	x, err := getExpense(ctx, tx, id, forUpdate)
	if err != nil {
		return nil, nil, err
	}
	if !CanChangeExpense(pr, x) {
		return nil, nil, ErrNotYourExpense
	}
	if err := s.monthOpen(ctx, tx, p.ID, x.Date); err != nil {
		return nil, nil, err
	}
	return x, p, nil
}

// monthOpen refuses a date whose month's statement is final (SEC-4); the database
// trigger secondment_month_open is the backstop.
func (s *Service) monthOpen(ctx context.Context, idb bun.IDB, placementID int64, d civil.Date) error {
	_, final, err := finalStatement(ctx, idb, placementID, civil.Month{Year: d.Year, Month: d.Month})
	if err != nil {
		return err
	}
	if final {
		return ErrStatementFinal
	}
	return nil
}

// EditExpense replaces an expense's date, kind, amount or km and description while its
// month (and the month it moves to) is open; the amount is priced again (SEC-4).
func (s *Service) EditExpense(ctx context.Context, id int64, in ExpenseInput) (*Expense, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *Expense
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, p, err := s.changeableExpense(ctx, tx, pr, id)
		if err != nil {
			return err
		}
		cal, err := calendarOf(ctx, tx, p.CalendarID)
		if err != nil {
			return err
		}
		amount, err := ExpenseAmount(in, p.KmRate, p.Period(), civil.In(now, cal.Location()))
		if err != nil {
			return err
		}
		if err := s.monthOpen(ctx, tx, p.ID, in.Date); err != nil {
			return err
		}
		before := *x
		x.Date, x.Kind, x.KM, x.Amount, x.Description = in.Date, in.Kind, in.KM, amount, strings.TrimSpace(in.Description)
		if err := updateExpense(ctx, tx, x); err != nil {
			return err
		}
		out = x
		return audit.Record(ctx, tx, now, "placement_expense", x.ID, "edit", audit.Diff(&before, x))
	})
	return out, err
}

// DeleteExpense removes an expense while its month is open (SEC-4); the audit log keeps
// what it was.
func (s *Service) DeleteExpense(ctx context.Context, id int64) (*Expense, error) {
	now := s.clock.Now()
	pr := auth.FromContext(ctx)
	var out *Expense
	err := s.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, _, err := s.changeableExpense(ctx, tx, pr, id)
		if err != nil {
			return err
		}
		if err := deleteExpense(ctx, tx, x); err != nil {
			return err
		}
		out = x
		return audit.Record(ctx, tx, now, "placement_expense", x.ID, "delete", x)
	})
	return out, err
}

// ExpenseMonth is a placement's expenses of one month and whether the month is final.
type ExpenseMonth struct {
	Placement *Placement
	Month     civil.Month
	Expenses  []Expense
	Total     decimal.Decimal
	Final     bool
}

// ExpensesOfMonth lists a placement's expenses of month m (newest first when desc) with
// the month's status.
func (s *Service) ExpensesOfMonth(ctx context.Context, placementID int64, m civil.Month, desc bool) (*ExpenseMonth, error) {
	p, err := s.Placement(ctx, placementID)
	if err != nil {
		return nil, err
	}
	xs, err := monthExpenses(ctx, s.db, p.ID, m, desc)
	if err != nil {
		return nil, err
	}
	_, final, err := finalStatement(ctx, s.db, p.ID, m)
	if err != nil {
		return nil, err
	}
	out := &ExpenseMonth{Placement: p, Month: m, Expenses: xs, Total: decimal.Zero, Final: final}
	for _, x := range xs {
		out.Total = out.Total.Add(x.Amount)
	}
	return out, nil
}
