package secondment

import (
	"backoffice/internal/civil"
	"backoffice/internal/money"
	"bytes"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
)

func (a *API) addExpense(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in ExpenseIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	x, err := a.svc.AddExpense(c.UserContext(), id, ExpenseInput{Date: in.Date, Kind: ExpenseKind(in.Kind),
		Amount: money.DecimalOf(in.Amount), KM: in.KM, Description: in.Description})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(expenseOut(x))
}

func (a *API) listExpenses(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var m *civil.Month
	if s := c.Query("month"); s != "" {
		mm, err := monthParam(s)
		if err != nil {
			return err
		}
		m = &mm
	}
	var f problem.Fields
	desc := dirQuery(c, &f)
	if err := f.Err(); err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return a.svc.expenseCSV(c, id, m, desc)
	}
	xs, err := a.svc.Expenses(c.UserContext(), id, m, desc)
	if err != nil {
		return err
	}
	items := make([]ExpenseOut, len(xs))
	for i := range xs {
		items[i] = expenseOut(&xs[i])
	}
	return c.JSON(httpx.List[ExpenseOut]{Items: items})
}

// editExpense corrects a claim: the technician who made it or the account manager.
func (a *API) editExpense(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in ExpenseIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	x, err := a.svc.EditExpense(c.UserContext(), id, ExpenseInput{Date: in.Date, Kind: ExpenseKind(in.Kind),
		Amount: money.DecimalOf(in.Amount), KM: in.KM, Description: in.Description})
	if err != nil {
		return err
	}
	return c.JSON(expenseOut(x))
}

func (a *API) deleteExpense(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := a.svc.DeleteExpense(c.UserContext(), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (a *API) statementView(c *fiber.Ctx) (*StatementView, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return nil, err
	}
	m, err := monthParam(c.Params("month"))
	if err != nil {
		return nil, err
	}
	return a.svc.Statement(c.UserContext(), id, m)
}

func (a *API) statement(c *fiber.Ctx) error {
	v, err := a.statementView(c)
	if err != nil {
		return err
	}
	return c.JSON(statementOut(v))
}

func (a *API) statementCSV(c *fiber.Ctx) error {
	v, err := a.statementView(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, heading(v), v.Statement, v.Location); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="statement-%d-%s.csv"`, v.Placement.ID, v.Statement.Month))
	return c.Send(buf.Bytes())
}

func (a *API) statementPDF(c *fiber.Ctx) error {
	v, err := a.statementView(c)
	if err != nil {
		return err
	}
	h, err := a.svc.StatementAddressee(c.UserContext(), v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, h, v.Statement, v.Location); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="statement-%d-%s.pdf"`, v.Placement.ID, v.Statement.Month))
	return c.Send(buf.Bytes())
}

func (a *API) closeStatement(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	m, err := monthParam(c.Params("month"))
	if err != nil {
		return err
	}
	v, err := a.svc.CloseStatement(c.UserContext(), id, m)
	if err != nil {
		return err
	}
	return c.JSON(statementOut(v))
}

func (a *API) statements(c *fiber.Ctx) error {
	s := c.Query("month")
	if s == "" {
		return problem.Invalid("month", "is required (YYYY-MM)")
	}
	m, err := monthParam(s)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return a.svc.statementCSV(c, m)
	}
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	vs, err := a.svc.Statements(c.UserContext(), m, page)
	if err != nil {
		return err
	}
	items := make([]StatementSummaryOut, len(vs))
	for i := range vs {
		items[i] = statementSummaryOut(&vs[i])
	}
	return httpx.Send(c, httpx.Paginate(items, page, func(o StatementSummaryOut) any {
		return StatementCursor{CustomerID: o.CustomerID, ID: o.PlacementID}
	}))
}
