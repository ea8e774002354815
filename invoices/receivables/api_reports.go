package receivables

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// AgeingRowOut is one customer's open balance per bucket (not_due, 1_30, 31_60, 61_90, over_90).
type AgeingRowOut struct {
	CustomerID int64                   `json:"customer_id,omitempty"`
	Name       string                  `json:"name,omitempty"`
	Buckets    map[string]money.Amount `json:"buckets"`
	Total      money.Amount            `json:"total"`
	Invoices   int                     `json:"invoices"`
}

// AgeingOut is the ageing report.
type AgeingOut struct {
	On        civil.Date     `json:"on"`
	Customers []AgeingRowOut `json:"customers"`
	Totals    AgeingRowOut   `json:"totals"`
}

// SuspendedOut is a suspended customer (INV-6).
type SuspendedOut struct {
	CustomerID int64        `json:"customer_id"`
	Name       string       `json:"name"`
	Since      civil.Date   `json:"since"`
	Invoices   []string     `json:"invoices"`
	Open       money.Amount `json:"open"`
}

func (m *Module) reportRoutes(r *apidoc.Router) {
	staff := auth.Require(auth.Admin, auth.AccountManager)
	r.Get("/receivables/ageing", apidoc.Op{Summary: "Ageing report: open balances per customer and bucket", Response: AgeingOut{},
		Query: []apidoc.Param{{Name: "on", Format: "date", Description: "default today"}}}, staff, m.getAgeing)
	r.Get("/receivables/suspended", apidoc.Op{Summary: "Customers whose service is suspended (INV-6)", Response: []SuspendedOut{},
		Query: []apidoc.Param{{Name: "on", Format: "date", Description: "default today"}}}, staff, m.getSuspended)
}

func (m *Module) onParam(c *fiber.Ctx) (civil.Date, error) {
	if s := c.Query("on"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			return d, problem.Invalid("on", "must be a date YYYY-MM-DD")
		}
		return d, nil
	}
	return m.svc.today(), nil
}

func ageingRow(r AgeingRow) AgeingRowOut {
	o := AgeingRowOut{CustomerID: r.CustomerID, Name: r.Name, Buckets: map[string]money.Amount{}, Total: money.Of(r.Total), Invoices: r.Invoices}
	for i, b := range Buckets {
		o.Buckets[b] = money.Of(r.Amounts[i])
	}
	return o
}

func (m *Module) getAgeing(c *fiber.Ctx) error {
	on, err := m.onParam(c)
	if err != nil {
		return err
	}
	a, err := m.svc.AgeingReport(c.UserContext(), on, 0)
	if err != nil {
		return err
	}
	out := AgeingOut{On: on, Customers: []AgeingRowOut{}, Totals: ageingRow(a.Totals)}
	for _, r := range a.Rows {
		out.Customers = append(out.Customers, ageingRow(r))
	}
	return c.JSON(out)
}

func (m *Module) getSuspended(c *fiber.Ctx) error {
	on, err := m.onParam(c)
	if err != nil {
		return err
	}
	rows, err := m.svc.SuspendedCustomers(c.UserContext(), on)
	if err != nil {
		return err
	}
	out := make([]SuspendedOut, 0, len(rows))
	for _, s := range rows {
		out = append(out, SuspendedOut{CustomerID: s.CustomerID, Name: s.Name, Since: s.Since, Invoices: s.Invoices, Open: money.Of(s.Open)})
	}
	return c.JSON(out)
}
