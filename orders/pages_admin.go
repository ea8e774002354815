package orders

import (
	"backoffice/internal/httpx"
	"fmt"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/i18n"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

func (m *Module) adminPages(r fiber.Router) {
	s := auth.Require(sales...)
	r.Get("/quotes", s, m.quotesPage)
	r.Get("/quotes/new", s, m.quoteNewPage)
	r.Post("/quotes", s, m.quoteCreatePost)
	r.Get("/quotes/:id", s, m.quotePage)
	r.Get("/quotes/:id/edit", s, m.quoteEditPage)
	r.Post("/quotes/:id", s, m.quoteUpdatePost)
	r.Post("/quotes/:id/send", s, m.quoteAction("send"))
	r.Post("/quotes/:id/revise", s, m.quoteAction("revise"))
	r.Post("/quotes/:id/withdraw", s, m.quoteAction("withdraw"))
	r.Post("/quotes/:id/accept", s, m.staffAcceptPost)
	r.Get("/orders", auth.Require(staff...), m.ordersPage)
	r.Get("/orders/:id", auth.Require(staff...), m.orderPage)
	r.Post("/orders/:id/cancel", s, m.orderCancelPost)
	r.Post("/orders/:id/preconditions", auth.Require(staff...), m.preconditionPost)
	r.Post("/orders/:id/extensions", auth.Require(staff...), m.extensionPost)
	r.Post("/orders/:id/change-requests", auth.Require(staff...), m.changeRequestPost)
	r.Get("/contracts", s, m.contractsPage)
	r.Get("/contracts/:id", s, m.contractPage)
	r.Post("/contracts/:id/terminate", s, m.terminatePost)
	r.Get("/indexation", s, m.indexationPage)
	r.Post("/indexation", s, m.indexationPost)
	r.Get("/indexation/:id", s, m.indexationRunPage)
	r.Post("/indexation/:id/apply", s, m.indexationApplyPost)
}

type option struct{ Value, Label string }

type quoteListData struct {
	Rows      []QuoteOut
	Q         map[string]string
	Statuses  []string
	Customers []option
	List      listq.View
}

func (m *Module) customerOptions(c *fiber.Ctx) ([]option, error) {
	rows, err := m.svc.CustomerOptions(c.UserContext())
	if err != nil {
		return nil, err
	}
	out := make([]option, len(rows))
	for i, r := range rows {
		out[i] = option{strconv.FormatInt(r.ID, 10), r.Name}
	}
	return out, nil
}

func (m *Module) quotesPage(c *fiber.Ctx) error {
	f, err := quoteQuery(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.quoteCSV(c, f)
	}
	qs, err := m.svc.ListQuotes(c.UserContext(), f)
	if err != nil {
		return err
	}
	q := map[string]string{"status": c.Query("status"), "customer_id": c.Query("customer_id"), "expiring": c.Query("expiring")}
	d := quoteListData{Q: q, Statuses: []string{"draft", "sent", "expired", "accepted", "declined", "withdrawn", "superseded"}}
	qs, next := quoteList.Trim(qs, *f.List)
	d.List = quoteList.View("/quotes", filterValues(q), *f.List, next)
	now := m.svc.now()
	for _, x := range qs {
		d.Rows = append(d.Rows, quoteOut(x, now, 0, 0))
	}
	if d.Customers, err = m.customerOptions(c); err != nil {
		return err
	}
	return m.web.Render(c, "orders/quotes", tr(c, "orders.ui.title.quotes"), d)
}

// filterValues are a page's filters as URL values (the list links keep them).
func filterValues(q map[string]string) url.Values {
	v := url.Values{}
	for k, s := range q {
		v.Set(k, s)
	}
	return v
}

func (m *Module) quoteNewPage(c *fiber.Ctx) error {
	q := newDraft()
	if v, err := strconv.ParseInt(c.Query("customer_id"), 10, 64); err == nil {
		q.CustomerID = v
	}
	return m.editor(c, fiber.StatusOK, q, true, nil, nil)
}

func (m *Module) quoteCreatePost(c *fiber.Ctx) error {
	in, rows := quoteForm(c)
	q := newDraft()
	var fe fieldErrors
	in.apply(q, &fe)
	if rows, edited := editRows(c, rows); edited {
		return m.editor(c, fiber.StatusOK, q, true, nil, rows)
	}
	if err := fe.err(); err != nil {
		fe.Merge(ValidateQuote(q, m.svc.Today()))
		return m.editor(c, fiber.StatusUnprocessableEntity, q, true, dedupe(fe).Fields, rows)
	}
	saved, err := m.svc.CreateQuote(c.UserContext(), q)
	if fields, ok := problem.FieldErrors(err); ok {
		return m.editor(c, fiber.StatusUnprocessableEntity, q, true, fields, rows)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/quotes/%d", saved.ID), tr(c, "orders.ui.flash.created", "Number", saved.Number))
}

func (m *Module) quoteEditPage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	if err != nil {
		return err
	}
	if err := q.CheckEditable(); err != nil {
		return err
	}
	return m.editor(c, fiber.StatusOK, q, false, nil, nil)
}

func (m *Module) quoteUpdatePost(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	in, rows := quoteForm(c)
	if rows, edited := editRows(c, rows); edited {
		q, err := m.svc.GetQuote(c.UserContext(), qid)
		if err != nil {
			return err
		}
		var fe fieldErrors
		in.apply(q, &fe)
		return m.editor(c, fiber.StatusOK, q, false, nil, rows)
	}
	var draft *Quote
	_, err = m.svc.UpdateQuote(c.UserContext(), qid, func(q *Quote) error {
		var fe fieldErrors
		in.apply(q, &fe)
		draft = q
		if err := fe.err(); err != nil {
			fe.Merge(ValidateQuote(q, m.svc.Today()))
			return dedupe(fe).err()
		}
		return nil
	})
	if fields, ok := problem.FieldErrors(err); ok && draft != nil {
		return m.editor(c, fiber.StatusUnprocessableEntity, draft, false, fields, rows)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/quotes/%d", qid), tr(c, "orders.ui.flash.saved"))
}

func (m *Module) quoteAction(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		qid, err := httpx.ID(c)
		if err != nil {
			return err
		}
		ctx := c.UserContext()
		var q *Quote
		switch action {
		case "send":
			q, err = m.svc.SendQuote(ctx, qid)
		case "revise":
			q, err = m.svc.ReviseQuote(ctx, qid)
		default:
			if !web.Confirmed(c) {
				return web.NotConfirmed(c, fmt.Sprintf("/quotes/%d", qid))
			}
			q, err = m.svc.WithdrawQuote(ctx, qid)
		}
		if err != nil {
			return err
		}
		msg := tr(c, "orders.ui.flash."+action, "Date", i18n.Date(web.UILang(auth.From(c)), q.ValidUntil), "Version", q.Version)
		return web.Redirect(c, fmt.Sprintf("/quotes/%d", q.ID), msg)
	}
}
