package orders

import (
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
	"backoffice/internal/web"
)

type ordersData struct {
	Rows []OrderOut
	List listq.View
}

func (m *Module) ordersPage(c *fiber.Ctx) error {
	cid, lq, err := customerQuery(c, orderList)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.orderCSV(c, cid, lq)
	}
	os, err := m.svc.SearchOrders(c.UserContext(), cid, lq)
	if err != nil {
		return err
	}
	os, next := orderList.Trim(os, lq)
	d := ordersData{List: orderList.View("/orders", filterValues(map[string]string{"customer_id": c.Query("customer_id")}), lq, next)}
	for _, o := range os {
		d.Rows = append(d.Rows, orderOut(o))
	}
	return m.web.Render(c, "orders/orders", "Orders", d)
}

func (m *Module) orderCancelPost(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, fmt.Sprintf("/orders/%d", oid))
	}
	_, res, err := m.svc.CancelOrder(c.UserContext(), oid)
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/orders/%d", oid), "Order cancelled: "+res.Reason)
}

type contractsData struct {
	Rows   []ContractOut
	Portal bool
	List   listq.View
}

func (m *Module) renderContracts(c *fiber.Ctx, portal bool) error {
	cid, lq, err := customerQuery(c, contractList)
	if err != nil {
		return err
	}
	f := ContractFilter{CustomerID: cid, List: &lq}
	if listq.WantsCSV(c) {
		return m.contractCSV(c, f)
	}
	cs, err := m.svc.ListContracts(c.UserContext(), f)
	if err != nil {
		return err
	}
	cs, next := contractList.Trim(cs, lq)
	path := "/contracts"
	if portal {
		path = "/portal/contracts"
	}
	today := m.svc.Today()
	d := contractsData{Portal: portal, List: contractList.View(path, filterValues(map[string]string{"customer_id": c.Query("customer_id")}), lq, next)}
	for _, k := range cs {
		d.Rows = append(d.Rows, contractOut(k, today))
	}
	return m.web.Render(c, "orders/contracts", "Contracts", d)
}

func (m *Module) contractsPage(c *fiber.Ctx) error { return m.renderContracts(c, false) }

type indexationData struct {
	Year   int
	Run    *RunOut
	Series []SeriesOut
}

func (m *Module) indexationPage(c *fiber.Ctx) error {
	ss, err := m.svc.ListSeries(c.UserContext())
	if err != nil {
		return err
	}
	d := indexationData{Year: m.svc.Today().Year + 1}
	for _, s := range ss {
		d.Series = append(d.Series, seriesOut(s))
	}
	return m.web.Render(c, "orders/indexation", "Indexation", d)
}

func (m *Module) indexationPost(c *fiber.Ctx) error {
	year, err := strconv.Atoi(c.FormValue("year"))
	if err != nil {
		year = 0
	}
	run, err := m.svc.ProposeIndexation(c.UserContext(), year, false)
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/indexation/%d", run.ID), fmt.Sprintf("Proposal for %d ready: check it before applying.", year))
}

func (m *Module) indexationRunPage(c *fiber.Ctx) error {
	rid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	run, err := m.svc.GetIndexationRun(c.UserContext(), rid)
	if err != nil {
		return err
	}
	out := runOut(run)
	return m.web.Render(c, "orders/indexation", fmt.Sprintf("Indexation %d", run.Year), indexationData{Year: run.Year, Run: &out})
}

func (m *Module) indexationApplyPost(c *fiber.Ctx) error {
	rid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	run, err := m.svc.ApplyIndexation(c.UserContext(), rid)
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/indexation/%d", run.ID), "Indexation applied; customer letters queued.")
}

func (m *Module) portalPages(r fiber.Router) {
	cu := auth.Require(auth.Customer)
	r.Get("/portal/quotes", cu, m.portalQuotesPage)
	r.Get("/portal/quotes/:id", cu, m.portalQuotePage)
	r.Post("/portal/quotes/:id/accept", cu, m.portalAcceptPost)
	r.Post("/portal/quotes/:id/decline", cu, m.portalDeclinePost)
	r.Get("/portal/orders/:id", cu, func(c *fiber.Ctx) error { return m.renderOrder(c, true, orderForm{}) })
	r.Post("/portal/orders/:id/change-requests/:cr", cu, m.portalDecidePost)
	r.Get("/portal/contracts", cu, func(c *fiber.Ctx) error { return m.renderContracts(c, true) })
}

func (m *Module) portalQuotesPage(c *fiber.Ctx) error {
	qs, err := m.svc.ListQuotes(c.UserContext(), QuoteFilter{Limit: 200, Principal: auth.From(c)})
	if err != nil {
		return err
	}
	now := m.svc.now()
	var rows []QuoteOut
	for _, q := range qs {
		if q.Status != QuoteDraft && q.Status != QuoteSuperseded {
			rows = append(rows, quoteOut(q, now, 0, 0))
		}
	}
	return m.web.Render(c, "orders/portal_quotes", web.Tr(c, "portal.quotes.title"), rows)
}

func (m *Module) portalQuotePage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	if err != nil {
		return err
	}
	out, err := m.quoteOut(c, q)
	if err != nil {
		return err
	}
	return m.web.Render(c, "orders/quote", fmt.Sprintf("Quote %s", q.Number), quotePageData{Quote: out, Portal: true})
}

func (m *Module) portalAcceptPost(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	res, err := m.svc.AcceptQuote(c.UserContext(), qid, AcceptRequest{AcceptedBy: c.FormValue("accepted_by"), Method: AcceptPortal})
	if fields, ok := problem.FieldErrors(err); ok {
		q, gerr := m.svc.GetQuote(c.UserContext(), qid)
		if gerr != nil {
			return gerr
		}
		c.Status(fiber.StatusUnprocessableEntity)
		return m.web.Render(c, "orders/quote", "Quote "+q.Number, quotePageData{Quote: quoteOut(q, m.svc.now(), 0, 0), Portal: true, Errors: fields})
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/portal/orders/%d", res.Order.ID), "Thank you: quote "+res.Quote.Number+" is accepted. A confirmation is on its way by e-mail.")
}

func (m *Module) portalDeclinePost(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	if _, err := m.svc.DeclineQuote(c.UserContext(), qid, c.FormValue("reason")); err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/portal/quotes/%d", qid), "Quote declined.")
}

func (m *Module) portalDecidePost(c *fiber.Ctx) error {
	oid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	crID, err := strconv.ParseInt(c.Params("cr"), 10, 64)
	if err != nil {
		return errNotOffered(0)
	}
	if _, err := m.svc.DecideChangeRequest(c.UserContext(), oid, crID, c.FormValue("approve") == "yes", auth.From(c).Name); err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/portal/orders/%d", oid), "Decision recorded.")
}
