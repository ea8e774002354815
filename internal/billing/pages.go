package billing

import (
	"github.com/shopspring/decimal"
	"html/template"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Pages registers the Billable page.
func (m *Module) Pages(r fiber.Router) {
	r.Get("/billable", auth.Require(auth.Admin, auth.AccountManager), m.billable)
}

type billableData struct {
	Customers  []accounts.Customer
	CustomerID int64
	Customer   *accounts.Customer
	Status     string
	Charges    []ChargeOut
	Totals     []RateTotal
	Net        decimal.Decimal
	Count      int
	Next       template.URL // the next page's address, built here so the template does not re-encode it
	Statuses   []string
}

// billable shows a customer's charges (open by default), with totals per VAT rate.
func (m *Module) billable(c *fiber.Ctx) error {
	ctx := c.UserContext()
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	d := billableData{Status: c.Query("status", Open), Statuses: []string{Open, Invoiced, Cancelled}}
	list, err := accounts.ListCustomers(ctx, m.DB, listq.Query{Limit: 199})
	if err != nil {
		return err
	}
	d.Customers = list
	if v := c.Query("customer_id"); v != "" {
		id, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil || id <= 0 {
			return problem.NotFound("customer")
		}
		if d.Customer, err = accounts.GetCustomer(ctx, m.DB, id); err != nil {
			return err
		}
		d.CustomerID = id
		f := Filter{CustomerID: &id, Status: d.Status}
		if d.Status == "all" {
			f.Status = ""
		}
		var after int64
		if _, err := page.Cursor(&after); err != nil {
			return err
		}
		f.AfterID, f.Limit = after, int(page.Fetch())
		rows, err := List(ctx, m.DB, f)
		if err != nil {
			return err
		}
		if d.Totals, err = TotalsOf(ctx, m.DB, id, f.Status); err != nil {
			return err
		}
		for _, t := range d.Totals {
			d.Net, d.Count = d.Net.Add(t.Net), d.Count+t.Count
		}
		out := make([]ChargeOut, len(rows))
		for i := range rows {
			out[i] = Out(&rows[i])
		}
		l := httpx.Paginate(out, page, func(o ChargeOut) any { return o.ID })
		d.Charges = l.Items
		if l.Next != nil {
			q := url.Values{"customer_id": {v}, "status": {d.Status}, "after": {*l.Next}}
			d.Next = template.URL("/billable?" + q.Encode()) //nolint:gosec // built from validated values and encoded
		}
	}
	return m.Web.Render(c, "billing/billable", web.Tr(c, "billing.ui.title"), d)
}
