package invoices

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
)

// RunBody is POST /invoice-runs.
type RunBody struct {
	Until  *civil.Date `json:"until"`
	DryRun *bool       `json:"dry_run"`
}

// PlannedOut is one invoice of a run.
type PlannedOut struct {
	CustomerID    int64        `json:"customer_id"`
	Customer      string       `json:"customer"`
	AgreementKind string       `json:"agreement_kind,omitempty"`
	AgreementID   int64        `json:"agreement_id,omitempty"`
	Charges       int          `json:"charges"`
	Net           money.Amount `json:"net"`
	InvoiceID     int64        `json:"invoice_id,omitempty"`
	Number        string       `json:"number,omitempty"`
	Problem       string       `json:"problem,omitempty"`
}

// RunOut is what a run did, or would do when dry.
type RunOut struct {
	ID       int64        `json:"id,omitempty"`
	Until    civil.Date   `json:"until"`
	DryRun   bool         `json:"dry_run"`
	Invoices []PlannedOut `json:"invoices"`
	Issued   int          `json:"issued"`
	Drafts   int          `json:"drafts"`
	Gross    money.Amount `json:"gross"`
}

func (m *Module) runRoutes(r *apidoc.Router, staff fiber.Handler) {
	r.Post("/invoice-runs", apidoc.Op{Summary: "Invoice run: one invoice per customer (or agreement) with open charges billable by until; dry_run (default true) shows the plan, false issues",
		Tag: "invoices", Body: RunBody{}, Response: RunOut{}}, staff, m.run)
}

func runOut(res *RunResult) RunOut {
	o := RunOut{ID: res.Run.ID, Until: res.Run.Until, DryRun: res.Run.DryRun, Invoices: []PlannedOut{}, Issued: res.Issued, Drafts: res.Drafts, Gross: money.Of(res.Gross)}
	for _, p := range res.Planned {
		po := PlannedOut{CustomerID: p.CustomerID, Customer: p.Customer, Charges: p.Charges, Net: money.Of(p.Net), InvoiceID: p.InvoiceID, Number: p.Number, Problem: p.Problem}
		if p.Agreement != nil {
			po.AgreementKind, po.AgreementID = p.Agreement.Kind, p.Agreement.ID
		}
		o.Invoices = append(o.Invoices, po)
	}
	return o
}

func (m *Module) run(c *fiber.Ctx) error {
	var in RunBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	until := m.svc.Today()
	if in.Until != nil {
		until = *in.Until
	}
	dry := in.DryRun == nil || *in.DryRun
	p := auth.From(c)
	res, err := m.svc.RunInvoices(c.UserContext(), until, dry, &p.UserID)
	if err != nil {
		return err
	}
	if !dry {
		m.svc.mailSoon(c.UserContext())
	}
	return c.JSON(runOut(res))
}
