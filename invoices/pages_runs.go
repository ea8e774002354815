package invoices

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

type runsView struct {
	Until string
	Plan  *RunOut
	Runs  []Run
}

// runsPage shows the recent runs and, with ?until=, the dry run of a run by that date.
func (m *Module) runsPage(c *fiber.Ctx) error {
	runs, err := m.svc.Runs(c.UserContext())
	if err != nil {
		return err
	}
	v := runsView{Until: m.svc.Today().String(), Runs: runs}
	if s := c.Query("until"); s != "" {
		until, err := civil.Parse(s)
		if err != nil {
			return problem.Invalid("until", web.UITr(c, "invoices.ui.error.date"))
		}
		res, err := m.svc.RunInvoices(c.UserContext(), until, true, nil)
		if err != nil {
			return err
		}
		out := runOut(res)
		v.Plan, v.Until = &out, s
	}
	return m.d.Web.Render(c, "invoices/runs", web.UITr(c, "invoices.ui.runs.page"), v)
}

func (m *Module) runPost(c *fiber.Ctx) error {
	until, err := civil.Parse(c.FormValue("until"))
	if err != nil {
		return problem.Invalid("until", web.UITr(c, "invoices.ui.error.date"))
	}
	p := auth.From(c)
	res, err := m.svc.RunInvoices(c.UserContext(), until, false, &p.UserID)
	if err != nil {
		return err
	}
	m.svc.mailSoon(c.UserContext())
	msg := web.UITr(c, "invoices.ui.flash.run", "Run", res.Run.ID, "Count", res.Issued)
	if res.Drafts > 0 {
		msg = web.UITr(c, "invoices.ui.flash.run_drafts", "Run", res.Run.ID, "Count", res.Issued, "Drafts", res.Drafts)
	}
	return web.Redirect(c, "/invoices?status=issued", msg)
}
