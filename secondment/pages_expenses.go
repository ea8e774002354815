package secondment

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// expensePages registers a placement's expenses per month (SEC-4): everyone who sees the
// placement lists them; its technician and staff claim, correct and delete them while
// the month's statement is open, through the same service as the API.
func (m *Module) expensePages(r fiber.Router) {
	claimants := auth.Require(auth.Admin, auth.AccountManager, auth.Technician)
	r.Get("/secondment/placements/:id/expenses", auth.Require(), m.expensesPage)
	r.Post("/secondment/placements/:id/expenses", claimants, m.addExpenseForm)
	r.Post("/secondment/expenses/:id", claimants, m.editExpenseForm)
	r.Post("/secondment/expenses/:id/delete", claimants, m.deleteExpenseForm)
}

type expenseRow struct {
	Expense
	CanChange bool
}

type expensesData struct {
	M            *ExpenseMonth
	Rows         []expenseRow
	Prev, Next   civil.Month
	CanClaim     bool
	IsTechnician bool
	Editing      int64 // the expense the form corrects; 0: the form claims a new one
	Form         map[string]string
	Errors       []problem.FieldError
	SortDate     sortLink // the Date header: switches oldest ⇄ newest first, the month kept
	CSV          string   // this month's CSV in the page's order
}

func expensesPath(placementID int64, mo civil.Month) string {
	return fmt.Sprintf("/secondment/placements/%d/expenses?month=%s", placementID, mo)
}

// monthQuery reads ?month=YYYY-MM, defaulting to the current month.
func (m *Module) monthQuery(c *fiber.Ctx) (civil.Month, error) {
	if s := c.Query("month"); s != "" {
		return monthParam(s)
	}
	return civil.MonthOf(m.svc.clock.Now(), clock.Amsterdam), nil
}

// expensesData reads the month and marks what the user may change; editID opens the
// form on that expense when it may still change.
func (m *Module) expensesData(c *fiber.Ctx, placementID int64, mo civil.Month, editID int64) (*expensesData, error) {
	var fe problem.Fields
	desc := dirQuery(c, &fe)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	em, err := m.svc.ExpensesOfMonth(c.UserContext(), placementID, mo, desc)
	if err != nil {
		return nil, err
	}
	pr := auth.From(c)
	prev := civil.Month{Year: mo.Year, Month: mo.Month - 1}
	if mo.Month == 1 {
		prev = civil.Month{Year: mo.Year - 1, Month: 12}
	}
	d := &expensesData{M: em, Prev: prev, Next: mo.Next(), CanClaim: !pr.Is(auth.Customer), IsTechnician: pr.Is(auth.Technician),
		Form: map[string]string{"date": civil.In(m.svc.clock.Now(), clock.Amsterdam).String(), "kind": string(ExpenseTravel)}}
	page := expensesPath(placementID, mo)
	d.SortDate, d.CSV = sortLink{Href: page + "&dir=desc", Aria: "ascending", Arrow: "↑"}, page+"&format=csv"
	if desc {
		d.SortDate, d.CSV = sortLink{Href: page, Aria: "descending", Arrow: "↓"}, page+"&dir=desc&format=csv"
	}
	for _, x := range em.Expenses {
		row := expenseRow{Expense: x, CanChange: !em.Final && CanChangeExpense(pr, &x)}
		d.Rows = append(d.Rows, row)
		if row.CanChange && x.ID == editID {
			d.Editing = x.ID
			d.Form = map[string]string{"date": x.Date.String(), "kind": string(x.Kind), "description": x.Description}
			if x.KM != nil {
				d.Form["km"] = x.KM.String()
			} else {
				d.Form["amount"] = money.String(x.Amount)
			}
		}
	}
	return d, nil
}

func (m *Module) expensesPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	mo, err := m.monthQuery(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		var fe problem.Fields
		desc := dirQuery(c, &fe)
		if err := fe.Err(); err != nil {
			return err
		}
		return m.svc.expenseCSV(c, id, &mo, desc)
	}
	editID := int64(c.QueryInt("edit"))
	d, err := m.expensesData(c, id, mo, editID)
	if err != nil {
		return err
	}
	return m.web.Render(c, "secondment/expenses", monthTitle(c, "secondment.ui.expenses.title", mo, d.M.Placement), d)
}

// decimalField reads an optional amount; a Dutch decimal comma is accepted.
func decimalField(c *fiber.Ctx, name string, f *problem.Fields) *decimal.Decimal {
	s := strings.TrimSpace(c.FormValue(name))
	if s == "" {
		return nil
	}
	v, err := money.ParseInput(s)
	if err != nil {
		f.Add(name, web.Tr(c, "secondment.ui.msg.must be a number"))
		return nil
	}
	return &v
}

// expenseInput reads the expense form; the service checks the rest (SEC-4).
func expenseInput(c *fiber.Ctx) (ExpenseInput, error) {
	var f problem.Fields
	in := ExpenseInput{Kind: ExpenseKind(c.FormValue("kind")), Description: c.FormValue("description")}
	d, err := civil.Parse(strings.TrimSpace(c.FormValue("date")))
	if err != nil {
		f.Add("date", web.Tr(c, "secondment.ui.msg.is required (a date)"))
	}
	in.Date = d
	in.Amount, in.KM = decimalField(c, "amount", &f), decimalField(c, "km", &f)
	return in, f.Err()
}

// expenseFailure re-renders the month with the refused form: 422 with its field
// errors, another 4xx (409 statement_final, 403) with its message.
func (m *Module) expenseFailure(c *fiber.Ctx, placementID int64, mo civil.Month, editID int64, err error) error {
	fields, isForm := problem.FieldErrors(err)
	msg, isUser := userMessage(c, err)
	if !isForm && !isUser {
		return err
	}
	d, derr := m.expensesData(c, placementID, mo, editID)
	if derr != nil {
		return derr
	}
	if isForm {
		d.Errors = trFields(c, fields)
		for _, k := range []string{"date", "kind", "amount", "km", "description"} {
			d.Form[k] = c.FormValue(k)
		}
	}
	c.Status(problem.StatusOf(err))
	title := monthTitle(c, "secondment.ui.expenses.title", mo, d.M.Placement)
	if isForm {
		return m.web.Render(c, "secondment/expenses", title, d)
	}
	return m.web.RenderError(c, "secondment/expenses", title, msg, d)
}

func (m *Module) addExpenseForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in, err := expenseInput(c)
	if err == nil {
		var x *Expense
		if x, err = m.svc.AddExpense(c.UserContext(), id, in); err == nil {
			return web.Redirect(c, expensesPath(id, civil.Month{Year: x.Date.Year, Month: x.Date.Month}), web.Tr(c, "secondment.ui.flash.expense_claimed", "Amount", web.Money(x.Amount)))
		}
	}
	mo, merr := m.monthQuery(c)
	if !in.Date.IsZero() {
		mo, merr = civil.Month{Year: in.Date.Year, Month: in.Date.Month}, nil
	}
	if merr != nil {
		return merr
	}
	return m.expenseFailure(c, id, mo, 0, err)
}

func (m *Module) editExpenseForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	cur, err := m.svc.Expense(c.UserContext(), id)
	if err != nil {
		return err
	}
	in, err := expenseInput(c)
	if err == nil {
		var x *Expense
		if x, err = m.svc.EditExpense(c.UserContext(), id, in); err == nil {
			return web.Redirect(c, expensesPath(x.PlacementID, civil.Month{Year: x.Date.Year, Month: x.Date.Month}), web.Tr(c, "secondment.ui.flash.expense_saved", "Amount", web.Money(x.Amount)))
		}
	}
	return m.expenseFailure(c, cur.PlacementID, civil.Month{Year: cur.Date.Year, Month: cur.Date.Month}, id, err)
}

func (m *Module) deleteExpenseForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	cur, err := m.svc.Expense(c.UserContext(), id)
	if err != nil {
		return err
	}
	mo := civil.Month{Year: cur.Date.Year, Month: cur.Date.Month}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, expensesPath(cur.PlacementID, mo))
	}
	if _, err := m.svc.DeleteExpense(c.UserContext(), id); err != nil {
		return m.expenseFailure(c, cur.PlacementID, mo, 0, err)
	}
	return web.Redirect(c, expensesPath(cur.PlacementID, mo), web.Tr(c, "secondment.ui.flash.expense_deleted"))
}
