package invoices

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Pages registers the admin pages (/invoices, /invoice-runs) and the portal pages.
func (m *Module) Pages(ui fiber.Router) {
	st := auth.Require(billingStaff...)
	ui.Get("/invoices", st, m.listPage)
	ui.Post("/invoices", st, m.newDraftPost)
	ui.Get("/invoices/:id", st, m.invoicePage)
	ui.Get("/invoices/:id/preview.pdf", st, m.previewPDF)
	ui.Post("/invoices/:id/edit", st, m.editPost)
	ui.Post("/invoices/:id/lines", st, m.addLinePost)
	ui.Post("/invoices/:id/lines/:line/remove", st, m.removeLinePost)
	ui.Post("/invoices/:id/issue", st, m.issuePost)
	ui.Post("/invoices/:id/delete", st, m.deletePost)
	ui.Post("/invoices/:id/credit", st, m.creditPost)
	ui.Get("/credit-notes", st, m.creditNotesPage)
	ui.Get("/invoice-runs", st, m.runsPage)
	ui.Post("/invoice-runs", st, m.runPost)
	m.portalPages(ui)
}

func (m *Module) newDraftPost(c *fiber.Ctx) error {
	id, err := parseID(c.FormValue("customer_id"))
	if err != nil {
		return problem.Invalid("customer_id", web.UITr(c, "invoices.ui.error.customer"))
	}
	in := DraftIn{CustomerID: id}
	if s := c.FormValue("until"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			return problem.Invalid("until", web.UITr(c, "invoices.ui.error.date"))
		}
		in.Until = &d
	}
	doc, err := m.svc.CreateDraft(c.UserContext(), in)
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", doc.Invoice.ID), web.UITr(c, "invoices.ui.flash.draft", "Count", len(doc.Lines)))
}

type invoiceView struct {
	Inv     InvoiceOut
	Draft   bool
	Credits []CreditNoteOut
	Links   map[int64]string // line id → link to the source's page
	Sources map[int64]string // line id → what the line bills, in words ("Contract fee")
	Qty     map[int64]string // line id → its quantity as people write it (1,5)
	Errors  []problem.FieldError
	Form    map[string]string
}

func (m *Module) invoiceView(c *fiber.Ctx, fe []problem.FieldError, form map[string]string) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := m.svc.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	credits, err := m.svc.CreditNotes(c.UserContext(), CreditFilter{InvoiceID: &id})
	if err != nil {
		return err
	}
	v := invoiceView{Inv: invoiceOut(doc, m.svc.Today()), Draft: doc.Invoice.Status == Draft, Links: map[int64]string{}, Sources: map[int64]string{},
		Qty: map[int64]string{}, Errors: fe, Form: form}
	lang := web.UILang(auth.From(c))
	for _, l := range doc.Lines {
		v.Links[l.ID] = SourceLink(l.AgreementKind, l.AgreementID)
		v.Sources[l.ID] = SourceLabel(lang, l.SourceKind, l.AgreementKind)
		v.Qty[l.ID] = i18n.Quantity(l.Quantity)
	}
	for i := range credits {
		v.Credits = append(v.Credits, creditOut(&CreditDocument{Note: &credits[i], Invoice: doc.Invoice}))
	}
	title := web.T(lang, "invoices.ui.invoice.draft_title")
	if doc.Invoice.Number != nil {
		title = web.T(lang, "invoices.ui.invoice.title", "Number", *doc.Invoice.Number)
	}
	return m.d.Web.Render(c, "invoices/invoice", title, v)
}

// SourceLabel says in words, in lang, what a line bills: "Contract fee", "Order line",
// "Hours"; a line without a source was added by hand.
func SourceLabel(lang, sourceKind, agreementKind string) string {
	key := sourceKind
	if key == "" {
		key = "manual"
	}
	if i18n.Has(i18n.Lang(lang), "invoices.ui.source."+key) {
		return web.T(lang, "invoices.ui.source."+key)
	}
	if agreementKind != "" && !strings.HasPrefix(sourceKind, agreementKind) {
		return web.Title(agreementKind) + " · " + strings.ToLower(web.Title(sourceKind))
	}
	return web.Title(sourceKind)
}

// SourceLink is the admin page of the agreement a line bills.
func SourceLink(kind string, id int64) string {
	switch kind {
	case "order":
		return fmt.Sprintf("/orders/%d", id)
	case "contract":
		return fmt.Sprintf("/contracts/%d", id)
	case "placement":
		return fmt.Sprintf("/secondment/placements/%d", id)
	case "ticket":
		return fmt.Sprintf("/tickets/%d", id)
	}
	return ""
}

func (m *Module) invoicePage(c *fiber.Ctx) error { return m.invoiceView(c, nil, nil) }

// formError re-renders the invoice page with the problem's field errors (422), or
// returns other errors to the error page.
func (m *Module) formError(c *fiber.Ctx, err error) error {
	var pe *problem.Error
	if errors.As(err, &pe) && pe.Status == 422 {
		fe := pe.Fields
		if len(fe) == 0 {
			fe = []problem.FieldError{{Message: pe.Detail}}
		}
		form := map[string]string{}
		c.Request().PostArgs().VisitAll(func(k, v []byte) { form[string(k)] = string(v) })
		c.Status(422)
		return m.invoiceView(c, fe, form)
	}
	return err
}

func (m *Module) editPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	note, po := c.FormValue("note"), c.FormValue("purchase_order")
	if _, err := m.svc.UpdateDraft(c.UserContext(), id, DraftPatch{Note: &note, PurchaseOrder: &po}); err != nil {
		return m.formError(c, err)
	}
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", id), web.UITr(c, "invoices.ui.flash.saved"))
}

// decimalInput reads a Dutch or international decimal: 1.249,00, 1249,00 or 1249.00.
func decimalInput(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	return decimal.NewFromString(s)
}

func (m *Module) addLinePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var f problem.Fields
	qty, err := decimalInput(c.FormValue("quantity"))
	if err != nil {
		f.Add("add_lines[0].quantity", web.UITr(c, "invoices.ui.error.number"))
	}
	price, err := decimalInput(c.FormValue("unit_price"))
	if err != nil {
		f.Add("add_lines[0].unit_price", web.UITr(c, "invoices.ui.error.amount"))
	}
	if err := f.Err(); err != nil {
		return m.formError(c, err)
	}
	line := ManualLine{Description: c.FormValue("description"), LineKind: c.FormValue("line_kind"), Quantity: qty, Unit: c.FormValue("unit"), UnitPrice: price, VATRate: c.FormValue("vat_rate")}
	if _, err := m.svc.UpdateDraft(c.UserContext(), id, DraftPatch{AddLines: []ManualLine{line}}); err != nil {
		return m.formError(c, err)
	}
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", id), web.UITr(c, "invoices.ui.flash.line_added"))
}

func (m *Module) removeLinePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	line, err := httpx.PathID(c, "line")
	if err != nil {
		return err
	}
	if _, err := m.svc.UpdateDraft(c.UserContext(), id, DraftPatch{RemoveLineIDs: []int64{line}}); err != nil {
		return m.formError(c, err)
	}
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", id), web.UITr(c, "invoices.ui.flash.line_removed"))
}

func (m *Module) issuePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := m.svc.Issue(c.UserContext(), id)
	if err != nil {
		return m.formError(c, err)
	}
	m.svc.mailSoon(c.UserContext())
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", id), web.UITr(c, "invoices.ui.flash.issued", "Number", *doc.Invoice.Number))
}

func (m *Module) deletePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, fmt.Sprintf("/invoices/%d", id))
	}
	if err := m.svc.DeleteDraft(c.UserContext(), id); err != nil {
		return m.formError(c, err)
	}
	return web.Redirect(c, "/invoices", web.UITr(c, "invoices.ui.flash.deleted"))
}

func (m *Module) creditPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := m.svc.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	in := CreditIn{Reason: c.FormValue("reason"), ReopenCharges: c.FormValue("reopen") == "on"}
	if c.FormValue("whole") != "on" {
		in.Lines = []CreditLineIn{}
		var f problem.Fields
		for i, l := range doc.Lines {
			s := strings.TrimSpace(c.FormValue(fmt.Sprintf("qty_%d", l.ID)))
			if s == "" || s == "0" {
				continue
			}
			q, err := decimalInput(s)
			if err != nil {
				f.Add(fmt.Sprintf("lines[%d].quantity", i), web.UITr(c, "invoices.ui.error.number"))
				continue
			}
			in.Lines = append(in.Lines, CreditLineIn{LineID: l.ID, Quantity: q})
		}
		if err := f.Err(); err != nil {
			return m.formError(c, err)
		}
		if len(in.Lines) == 0 {
			return m.formError(c, problem.Invalid("lines", web.UITr(c, "invoices.ui.error.credit_nothing")))
		}
	}
	cn, err := m.svc.Credit(c.UserContext(), id, in)
	if err != nil {
		if errors.Is(err, ErrCreditExceeds) {
			return m.formError(c, problem.Invalid("lines", err.Error()))
		}
		return m.formError(c, err)
	}
	return web.Redirect(c, fmt.Sprintf("/invoices/%d", id), web.UITr(c, "invoices.ui.flash.credited", "Number", cn.Note.Number))
}

func (m *Module) previewPDF(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	doc, err := m.svc.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	name := doc.Invoice.NumberOr() + ".pdf"
	if doc.Invoice.Status == Draft { // dated today; PDF prints it as a draft, without number or payment code
		today := m.svc.Today()
		due := DueDate(today, doc.Invoice.PaymentTermDays)
		doc.Invoice.IssueDate, doc.Invoice.DueDate, doc.Invoice.Supplier = &today, &due, m.svc.Supplier
		name = fmt.Sprintf("draft-%d.pdf", id)
	}
	b, err := PDF(doc, m.svc.Clock.Now())
	if err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, b)
}
