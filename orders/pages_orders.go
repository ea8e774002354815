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
	Rows    []OrderOut
	List    listq.View
	Waiting bool // ?lead_time=not_started: only orders whose lead time has not started
}

func (m *Module) ordersPage(c *fiber.Ctx) error {
	cid, lq, err := customerQuery(c, orderList)
	if err != nil {
		return err
	}
	scope := OrderScope{CustomerID: cid}
	switch c.Query("lead_time") {
	case "":
	case "not_started":
		scope.LeadTimeNotStarted = true
	default:
		return problem.Invalid("lead_time", "must be not_started")
	}
	if listq.WantsCSV(c) {
		return m.orderCSV(c, scope, lq)
	}
	os, err := m.svc.SearchOrders(c.UserContext(), scope, lq)
	if err != nil {
		return err
	}
	os, next := orderList.Trim(os, lq)
	keep := map[string]string{"customer_id": c.Query("customer_id")}
	if scope.LeadTimeNotStarted {
		keep["lead_time"] = "not_started"
	}
	d := ordersData{List: orderList.View("/orders", filterValues(keep), lq, next), Waiting: scope.LeadTimeNotStarted}
	for _, o := range os {
		d.Rows = append(d.Rows, orderOut(o))
	}
	return m.web.Render(c, "orders/orders", tr(c, "orders.ui.title.orders"), d)
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
	return web.Redirect(c, fmt.Sprintf("/orders/%d", oid), tr(c, "orders.ui.flash.order_cancelled", "Reason", res.Reason))
}

type contractsData struct {
	Rows         []ContractOut
	Portal       bool
	List         listq.View
	NoticeWithin int // ?notice_within=: only contracts whose notice deadline is this close
}

func (m *Module) renderContracts(c *fiber.Ctx, portal bool) error {
	cid, lq, err := customerQuery(c, contractList)
	if err != nil {
		return err
	}
	f := ContractFilter{CustomerID: cid, List: &lq}
	keep := map[string]string{"customer_id": c.Query("customer_id")}
	if v := c.Query("notice_within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3660 {
			return problem.Invalid("notice_within", "must be a number of days from 1 to 3660")
		}
		f.NoticeWithinDays, keep["notice_within"] = n, v
	}
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
	d := contractsData{Portal: portal, NoticeWithin: f.NoticeWithinDays, List: contractList.View(path, filterValues(keep), lq, next)}
	for _, k := range cs {
		d.Rows = append(d.Rows, contractOut(k, today))
	}
	return m.web.Render(c, "orders/contracts", tr(c, "orders.ui.title.contracts"), d)
}

func (m *Module) contractsPage(c *fiber.Ctx) error { return m.renderContracts(c, false) }

type indexationData struct {
	Year   int
	Run    *RunOut
	Series []SeriesOut
	Names  map[string]string // series code → name: "continues" names its predecessor
	// Contracts names the run's contracts by number (contract id → C2026-0001)
	Contracts map[string]string
}

func (m *Module) indexationPage(c *fiber.Ctx) error {
	ss, err := m.svc.ListSeries(c.UserContext())
	if err != nil {
		return err
	}
	d := indexationData{Year: m.svc.Today().Year + 1, Names: map[string]string{}}
	lang := web.UILang(auth.From(c))
	for _, s := range ss {
		o := seriesOut(s)
		o.Name = seriesName(lang, s)
		d.Series = append(d.Series, o)
		d.Names[s.Code] = o.Name
	}
	return m.web.Render(c, "orders/indexation", tr(c, "orders.ui.title.indexation"), d)
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
	return web.Redirect(c, fmt.Sprintf("/indexation/%d", run.ID), tr(c, "orders.ui.flash.proposed", "Year", year))
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
	ids := make([]string, len(out.Proposals))
	for i, p := range out.Proposals {
		ids[i] = strconv.FormatInt(p.ContractID, 10)
	}
	numbers, err := m.svc.AuditNames(c.UserContext(), "contract", ids) // the contracts' numbers, one query
	if err != nil {
		return err
	}
	return m.web.Render(c, "orders/indexation", tr(c, "orders.ui.title.indexation_year", "Year", run.Year), indexationData{Year: run.Year, Run: &out, Contracts: numbers})
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
	return web.Redirect(c, fmt.Sprintf("/indexation/%d", run.ID), tr(c, "orders.ui.flash.applied"))
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
	// ?status=sent: the quotes still to decide (the home's card)
	f := QuoteFilter{Limit: 200, Principal: auth.From(c), Status: QuoteStatus(c.Query("status"))}
	if f.Status != "" && !f.Status.Valid() {
		return problem.Invalid("status", "unknown status")
	}
	qs, err := m.svc.ListQuotes(c.UserContext(), f)
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
	return m.web.Render(c, "orders/portal_quotes", tr(c, "portal.quotes.title"), rows)
}

func (m *Module) portalDeclinePost(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	if _, err := m.svc.DeclineQuote(c.UserContext(), qid, c.FormValue("reason")); err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/portal/quotes/%d", qid), tr(c, "orders.ui.flash.declined"))
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
	return web.Redirect(c, fmt.Sprintf("/portal/orders/%d", oid), tr(c, "orders.ui.flash.decided"))
}
