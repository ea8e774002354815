package secondment

import (
	"backoffice/internal/civil"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/listq"
	"backoffice/internal/web"
)

type statementData struct {
	V        *StatementView
	CanClose bool
	Prev     civil.Month
	Next     civil.Month
}

func (m *Module) statementPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	mo, err := monthParam(c.Params("month"))
	if err != nil {
		return err
	}
	v, err := m.svc.Statement(c.UserContext(), id, mo)
	if err != nil {
		return err
	}
	prev := civil.Month{Year: mo.Year, Month: mo.Month - 1}
	if mo.Month == 1 {
		prev = civil.Month{Year: mo.Year - 1, Month: 12}
	}
	d := statementData{V: v, CanClose: v.Closable && auth.From(c).Is(auth.Admin, auth.AccountManager), Prev: prev, Next: mo.Next()}
	return m.web.Render(c, "secondment/statement", monthTitle(c, "secondment.ui.statement.title", mo, v.Placement), d)
}

func (m *Module) closeForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	mo, err := monthParam(c.Params("month"))
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/secondment/placements/%d/statements/%s", id, mo)
	if _, err := m.svc.CloseStatement(c.UserContext(), id, mo); err != nil {
		if msg, ok := userMessage(c, err); ok {
			return web.Redirect(c, back, web.Tr(c, "secondment.ui.flash.not_closed", "Reason", msg))
		}
		return err
	}
	return web.Redirect(c, back, web.Tr(c, "secondment.ui.flash.final"))
}

type statementsData struct {
	Month      civil.Month
	Prev, Next civil.Month
	Views      []StatementSummary
	NextPage   string // query string of the next page, empty on the last
	CSV        string // the link of this month's CSV
}

// statementsPage is the invoice run: a page of 50 placements' statement totals of a month.
func (m *Module) statementsPage(c *fiber.Ctx) error {
	now := civil.MonthOf(m.svc.clock.Now(), clock.Amsterdam)
	mo := civil.Month{Year: now.Year, Month: now.Month - 1}
	if now.Month == 1 {
		mo = civil.Month{Year: now.Year - 1, Month: 12}
	}
	if s := c.Query("month"); s != "" {
		p, err := monthParam(s)
		if err != nil {
			return err
		}
		mo = p
	}
	if listq.WantsCSV(c) {
		return m.svc.statementCSV(c, mo)
	}
	page := httpx.Page{Limit: 50, After: c.Query("after")}
	vs, err := m.svc.Statements(c.UserContext(), mo, page)
	if err != nil {
		return err
	}
	prev := civil.Month{Year: mo.Year, Month: mo.Month - 1}
	if mo.Month == 1 {
		prev = civil.Month{Year: mo.Year - 1, Month: 12}
	}
	d := statementsData{Month: mo, Prev: prev, Next: mo.Next(), Views: vs}
	if len(vs) > page.Limit {
		d.Views = vs[:page.Limit]
		last := d.Views[page.Limit-1].Placement
		d.NextPage = url.Values{"month": {mo.String()}, "after": {*httpx.EncodeCursor(StatementCursor{CustomerID: last.CustomerID, ID: last.ID})}}.Encode()
	}
	d.CSV = "?" + url.Values{"month": {mo.String()}, "format": {"csv"}}.Encode()
	return m.web.Render(c, "secondment/statements", web.Tr(c, "secondment.ui.statements.title", "Month", i18n.MonthYear(web.UILang(auth.From(c)), mo)), d)
}
