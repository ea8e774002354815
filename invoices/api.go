package invoices

import (
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

var billingStaff = []auth.Role{auth.Admin, auth.AccountManager}

// DraftBody is POST /invoices.
type DraftBody struct {
	CustomerID int64       `json:"customer_id" validate:"required,gt=0"`
	ChargeIDs  []int64     `json:"charge_ids"`
	Until      *civil.Date `json:"until"`
}

// LineBody is a line added by hand to a draft.
type LineBody struct {
	Description string          `json:"description" validate:"required,max=500"`
	LineKind    string          `json:"line_kind" validate:"required,oneof=goods services"`
	Quantity    decimal.Decimal `json:"quantity" validate:"required"`
	Unit        string          `json:"unit" validate:"max=20"`
	UnitPrice   money.Amount    `json:"unit_price"`
	VATRate     string          `json:"vat_rate" validate:"required"`
}

// PatchBody is PATCH /invoices/{id} (drafts only).
type PatchBody struct {
	Note          *string    `json:"note" validate:"omitempty,max=2000"`
	PurchaseOrder *string    `json:"purchase_order" validate:"omitempty,max=100"`
	AddLines      []LineBody `json:"add_lines" validate:"dive"`
	RemoveLineIDs []int64    `json:"remove_line_ids"`
}

// CreditBody is POST /invoices/{id}/credit.
type CreditBody struct {
	Lines []struct {
		LineID   int64           `json:"line_id" validate:"required,gt=0"`
		Quantity decimal.Decimal `json:"quantity"`
	} `json:"lines" validate:"dive"`
	Reason        string `json:"reason" validate:"required,max=500"`
	ReopenCharges bool   `json:"reopen_charges"`
}

// Routes registers the invoice API under /api/v1.
func (m *Module) Routes(r *apidoc.Router) {
	staff := auth.Require(billingStaff...)
	list := []apidoc.Param{{Name: "customer_id", Type: "integer"}, apidoc.Q("status", "draft, issued, overdue, paid, credited"),
		{Name: "overdue", Type: "boolean"}, apidoc.Q("from", "issue date from (YYYY-MM-DD)"), apidoc.Q("to", "issue date to"),
		{Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}
	r.Post("/invoices", apidoc.Op{Summary: "Make a draft (no number) from the given open charges or every open charge billable by until (INV-7)", Tag: "invoices",
		Body: DraftBody{}, Response: InvoiceOut{}, Status: 201}, staff, m.createDraft)
	r.Get("/invoices", apidoc.Op{Summary: "List invoices newest first; overdue is derived", Tag: "invoices", Response: httpx.List[InvoiceSummary]{}, Query: list},
		auth.Require(), m.list)
	r.Get("/invoices/:id", apidoc.Op{Summary: "An invoice with lines, VAT per rate (INV-1) and balance", Tag: "invoices", Response: InvoiceOut{}}, auth.Require(), m.get)
	r.Patch("/invoices/:id", apidoc.Op{Summary: "Edit a draft: note, purchase order, lines added or removed (409 invoice_immutable once issued)", Tag: "invoices",
		Body: PatchBody{}, Response: InvoiceOut{}}, staff, m.patch)
	r.Delete("/invoices/:id", apidoc.Op{Summary: "Delete a draft; its charges are open again", Tag: "invoices", Status: 204}, staff, m.delete)
	r.Post("/invoices/:id/issue", apidoc.Op{Summary: "Issue: next gapless number, due date by the payment term (INV-2), charges invoiced", Tag: "invoices",
		Response: InvoiceOut{}}, staff, m.issue)
	r.Post("/invoices/:id/credit", apidoc.Op{Summary: "Credit (part of) an issued invoice: a credit note in its own series (409 credit_exceeds_invoice)", Tag: "invoices",
		Body: CreditBody{}, Response: CreditNoteOut{}, Status: 201}, staff, m.credit)
	r.Get("/invoices/:id/pdf", apidoc.Op{Summary: "The invoice as PDF (Dutch or English) with EPC QR code", Tag: "invoices", Produces: "application/pdf"}, auth.Require(), m.pdf)
	r.Get("/invoices/:id/ubl", apidoc.Op{Summary: "The invoice as UBL 2.1, Peppol BIS Billing 3.0", Tag: "invoices", Produces: "application/xml"}, auth.Require(), m.ubl)
	r.Get("/credit-notes", apidoc.Op{Summary: "List credit notes", Tag: "invoices", Response: []CreditNoteOut{},
		Query: []apidoc.Param{{Name: "customer_id", Type: "integer"}, {Name: "invoice_id", Type: "integer"}}}, auth.Require(), m.listCredits)
	r.Get("/credit-notes/:id", apidoc.Op{Summary: "A credit note", Tag: "invoices", Response: CreditNoteOut{}}, auth.Require(), m.getCredit)
	r.Get("/credit-notes/:id/pdf", apidoc.Op{Summary: "The credit note as PDF", Tag: "invoices", Produces: "application/pdf"}, auth.Require(), m.creditPDF)
	r.Get("/credit-notes/:id/ubl", apidoc.Op{Summary: "The credit note as UBL 2.1, Peppol BIS Billing 3.0 (NL-R-001: refers to its invoice)", Tag: "invoices",
		Produces: "application/xml"}, auth.Require(), m.creditUBL)
	m.runRoutes(r, staff)
	m.settingsRoutes(r, staff)
}

// load reads an invoice the principal may see: customers see their own issued invoices.
func (m *Module) load(c *fiber.Ctx) (*Document, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return nil, err
	}
	doc, err := m.svc.Get(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	p := auth.From(c)
	if err := auth.Guard(p, doc.Invoice.CustomerID); err != nil {
		return nil, err
	}
	if !p.IsStaff() && doc.Invoice.Status == Draft {
		return nil, problem.NotFound("invoice")
	}
	return doc, nil
}

func (m *Module) createDraft(c *fiber.Ctx) error {
	var in DraftBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	doc, err := m.svc.CreateDraft(c.UserContext(), DraftIn{CustomerID: in.CustomerID, ChargeIDs: in.ChargeIDs, Until: in.Until})
	if err != nil {
		return err
	}
	return c.Status(201).JSON(invoiceOut(doc, m.svc.Today()))
}

func (m *Module) list(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	p := auth.From(c)
	f := Filter{Status: c.Query("status"), Limit: int(page.Fetch()), Overdue: c.Query("overdue") == "true"}
	var f2 problem.Fields
	if s := c.Query("customer_id"); s != "" {
		id, err := parseID(s)
		if err != nil {
			f2.Add("customer_id", "must be a customer id")
		}
		f.CustomerID = &id
	}
	for _, k := range []string{"from", "to"} {
		if s := c.Query(k); s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				f2.Add(k, "must be a date YYYY-MM-DD")
			}
			if k == "from" {
				f.From = &d
			} else {
				f.To = &d
			}
		}
	}
	switch f.Status {
	case "", Draft, Issued, Paid, Credited, Overdue:
	default:
		f2.Add("status", "must be draft, issued, overdue, paid or credited")
	}
	if err := f2.Err(); err != nil {
		return err
	}
	var cur int64
	if _, err := page.Cursor(&cur); err != nil {
		return err
	}
	f.AfterID = cur
	if !p.IsStaff() {
		f.Scope = func(q *bun.SelectQuery) *bun.SelectQuery {
			return auth.Scope(q, p, "q.customer_id").Where("q.status <> ?", Draft)
		}
	}
	rows, err := m.svc.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	today := m.svc.Today()
	out := make([]InvoiceSummary, len(rows))
	for i := range rows {
		out[i] = summaryOut(&rows[i], today)
	}
	return httpx.Send(c, httpx.Paginate(out, page, func(s InvoiceSummary) any { return s.ID }))
}

func (m *Module) get(c *fiber.Ctx) error {
	doc, err := m.load(c)
	if err != nil {
		return err
	}
	return c.JSON(invoiceOut(doc, m.svc.Today()))
}

func (m *Module) patch(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in PatchBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p := DraftPatch{Note: in.Note, PurchaseOrder: in.PurchaseOrder, RemoveLineIDs: in.RemoveLineIDs}
	for _, l := range in.AddLines {
		p.AddLines = append(p.AddLines, ManualLine{Description: l.Description, LineKind: l.LineKind, Quantity: l.Quantity, Unit: l.Unit,
			UnitPrice: l.UnitPrice.Decimal, VATRate: l.VATRate})
	}
	doc, err := m.svc.UpdateDraft(c.UserContext(), id, p)
	if err != nil {
		return err
	}
	return c.JSON(invoiceOut(doc, m.svc.Today()))
}

func (m *Module) delete(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := m.svc.DeleteDraft(c.UserContext(), id); err != nil {
		return err
	}
	return c.SendStatus(204)
}

func (m *Module) issue(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := m.svc.Issue(c.UserContext(), id)
	if err != nil {
		return err
	}
	m.svc.mailSoon(c.UserContext())
	return c.JSON(invoiceOut(doc, m.svc.Today()))
}

func (m *Module) credit(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in CreditBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	ci := CreditIn{Reason: in.Reason, ReopenCharges: in.ReopenCharges}
	if in.Lines != nil {
		ci.Lines = []CreditLineIn{}
		for _, l := range in.Lines {
			ci.Lines = append(ci.Lines, CreditLineIn{LineID: l.LineID, Quantity: l.Quantity})
		}
	}
	doc, err := m.svc.Credit(c.UserContext(), id, ci)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(creditOut(doc))
}

func (m *Module) loadCredit(c *fiber.Ctx) (*CreditDocument, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return nil, err
	}
	d, err := m.svc.GetCreditNote(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(auth.From(c), d.Note.CustomerID); err != nil {
		return nil, err
	}
	return d, nil
}

func (m *Module) getCredit(c *fiber.Ctx) error {
	d, err := m.loadCredit(c)
	if err != nil {
		return err
	}
	return c.JSON(creditOut(d))
}

func (m *Module) listCredits(c *fiber.Ctx) error {
	p := auth.From(c)
	var f CreditFilter
	if s := c.Query("customer_id"); s != "" {
		id, err := parseID(s)
		if err != nil {
			return problem.Invalid("customer_id", "must be a customer id")
		}
		f.CustomerID = &id
	}
	if s := c.Query("invoice_id"); s != "" {
		id, err := parseID(s)
		if err != nil {
			return problem.Invalid("invoice_id", "must be an invoice id")
		}
		f.InvoiceID = &id
	}
	cid, err := auth.CustomerFor(p, f.CustomerID)
	if err != nil {
		return err
	}
	f.CustomerID = cid
	f.Limit = 200
	rows, err := m.svc.CreditNotes(c.UserContext(), f)
	if err != nil {
		return err
	}
	out := make([]CreditNoteOut, 0, len(rows))
	for i := range rows {
		out = append(out, creditOut(&CreditDocument{Note: &rows[i], Invoice: &Invoice{}}))
	}
	return c.JSON(out)
}
