package billing

import (
	"embed"
	"io/fs"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Module serves the ledger: GET /api/v1/charges and the Billable page.
type Module struct {
	DB  *bun.DB
	Web *web.Engine
}

// Name of the module; templates are "billing/…".
func (m *Module) Name() string { return "billing" }

// Templates of the module.
func (m *Module) Templates() fs.FS { s, _ := fs.Sub(templates, "templates"); return s }

// Nav links the Billable page for staff who bill.
func (m *Module) Nav() []web.NavItem {
	return []web.NavItem{{Label: "Billable", Href: "/billable", Order: 55, Group: "Customers", Roles: []auth.Role{auth.Admin, auth.AccountManager}}}
}

// ChargeOut is a charge on the wire.
type ChargeOut struct {
	ID          int64        `json:"id"`
	CustomerID  int64        `json:"customer_id"`
	Source      string       `json:"source"` // domain/kind/id, e.g. orders/order_line/812
	Agreement   AgreementOut `json:"agreement"`
	Description string       `json:"description"`
	LineKind    string       `json:"line_kind"` // goods, services
	Quantity    string       `json:"quantity"`
	Unit        string       `json:"unit"`
	UnitPrice   money.Amount `json:"unit_price"`
	Net         money.Amount `json:"net"`
	VATRate     string       `json:"vat_rate"` // 21, 9, 0, exempt
	PeriodStart *civil.Date  `json:"period_start"`
	PeriodEnd   *civil.Date  `json:"period_end"`
	BillableOn  civil.Date   `json:"billable_on"`
	Status      string       `json:"status"` // open, invoiced, cancelled
	InvoiceID   *int64       `json:"invoice_id"`
	CreatedAt   time.Time    `json:"created_at"`
}

// AgreementOut names the order, contract, placement or ticket a charge belongs to.
type AgreementOut struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// Out converts a charge for the API.
func Out(c *Charge) ChargeOut {
	return ChargeOut{ID: c.ID, CustomerID: c.CustomerID, Source: c.Source().String(), Agreement: AgreementOut{c.AgreementKind, c.AgreementID},
		Description: c.Description, LineKind: c.LineKind, Quantity: c.Quantity.String(), Unit: c.Unit, UnitPrice: money.Amount{Decimal: c.UnitPrice},
		Net: money.Amount{Decimal: c.Net()}, VATRate: c.VATRate, PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, BillableOn: c.BillableOn,
		Status: c.Status, InvoiceID: c.InvoiceID, CreatedAt: c.CreatedAt}
}

// Routes registers the API.
func (m *Module) Routes(r *apidoc.Router) {
	r.Get("/charges", apidoc.Op{Summary: "The billable charges that every domain publishes (INV-7); customers see their own",
		Tag: "billing", Response: httpx.List[ChargeOut]{}, Query: []apidoc.Param{{Name: "customer_id", Type: "integer"},
			apidoc.Q("status", "open, invoiced or cancelled"), apidoc.Q("source", "domain, domain/kind or domain/kind/id, e.g. orders/order_line"),
			{Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, auth.Require(), m.list)
}

var errStatus = problem.Invalid("status", "must be open, invoiced or cancelled")

// filterOf reads the list filter from the query; a customer user is held to its company.
func filterOf(c *fiber.Ctx, p *auth.Principal) (Filter, error) {
	var f Filter
	var fe problem.Fields
	if v := c.Query("customer_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 || len(v) > 19 {
			fe.Add("customer_id", "must be a customer id")
		} else {
			f.CustomerID = &id
		}
	}
	if !p.IsStaff() {
		if f.CustomerID != nil && (p.CustomerID == nil || *f.CustomerID != *p.CustomerID) {
			return f, problem.NotFound("customer")
		}
		f.CustomerID = p.CustomerID
	}
	switch v := c.Query("status"); v {
	case "", Open, Invoiced, Cancelled:
		f.Status = v
	default:
		fe.Merge(errStatus)
	}
	if v := c.Query("source"); v != "" {
		src, err := ParseSource(v)
		if err != nil || len(v) > 100 {
			fe.Add("source", "must look like domain/kind/id, e.g. orders/order_line/812")
		} else {
			f.Source = &src
		}
	}
	return f, fe.Err()
}

func (m *Module) list(c *fiber.Ctx) error {
	p := auth.From(c)
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	f, err := filterOf(c, p)
	if err != nil {
		return err
	}
	var after int64
	if _, err := page.Cursor(&after); err != nil {
		return err
	}
	f.AfterID, f.Limit = after, int(page.Fetch())
	rows, err := List(c.UserContext(), m.DB, f)
	if err != nil {
		return err
	}
	out := make([]ChargeOut, len(rows))
	for i := range rows {
		out[i] = Out(&rows[i])
	}
	return httpx.Send(c, httpx.Paginate(out, page, func(o ChargeOut) any { return o.ID }))
}
