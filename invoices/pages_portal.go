package invoices

import (
	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
)

// The portal pages speak the customer's language (i18n): the labels come from the
// message files, money and dates in Dutch formats.

type portalRow struct {
	ID      int64
	Number  string
	Status  string
	Issue   string
	Due     string
	Gross   string
	Balance string
}

type portalView struct {
	T        map[string]string
	Invoices []portalRow
	Credits  []portalRow
	Inv      *InvoiceOut
	Lines    []map[string]string
	Totals   [][2]string // label, amount: excl. VAT, then the VAT of each rate
}

var portalKeys = []string{"portal.invoices", "portal.credit_notes", "portal.number", "portal.status", "portal.issue_date", "portal.due_date",
	"portal.total", "portal.balance", "portal.download_pdf", "portal.download_ubl", "portal.none", "portal.back", "portal.description",
	"portal.quantity", "portal.amount", "portal.vat", "portal.corrects", "status.issued", "status.overdue", "status.paid", "status.credited"}

func labels(lang string) map[string]string {
	l := i18n.For(lang)
	out := map[string]string{}
	for _, k := range portalKeys {
		out[k] = l.T(k)
	}
	return out
}

func (m *Module) portalPages(ui fiber.Router) {
	cu := auth.Require(auth.Customer)
	ui.Get("/portal/invoices", cu, m.portalList)
	ui.Get("/portal/invoices/:id", cu, m.portalInvoice)
}

func (m *Module) portalLang(c *fiber.Ctx, customerID int64) string {
	cust, err := getCustomer(c.UserContext(), m.svc.DB, customerID)
	if err != nil {
		return i18n.NL
	}
	return cust.Language
}

func (m *Module) portalList(c *fiber.Ctx) error {
	p := auth.From(c)
	if p.CustomerID == nil {
		return problem.ErrNotFound
	}
	lang := m.portalLang(c, *p.CustomerID)
	l := i18n.For(lang)
	due := c.Query("status") == "due" // the home's "Invoices due" card: issued and not settled
	rows, err := m.svc.List(c.UserContext(), Filter{Limit: 200, Scope: func(q *bun.SelectQuery) *bun.SelectQuery {
		q = auth.Scope(q, p, "q.customer_id").Where("q.status <> ?", Draft)
		if due {
			q = q.Where("q.status = ? AND q.gross - q.paid - q.credited > 0", Issued)
		}
		return q
	}})
	if err != nil {
		return err
	}
	v := portalView{T: labels(lang)}
	today := m.svc.Today()
	date := func(d *civil.Date) string {
		if d == nil {
			return ""
		}
		return i18n.Date(lang, *d)
	}
	for i := range rows {
		inv := &rows[i]
		st := inv.DisplayStatus(today)
		v.Invoices = append(v.Invoices, portalRow{ID: inv.ID, Number: inv.NumberOr(), Status: l.T("status." + st), Issue: date(inv.IssueDate),
			Due: date(inv.DueDate), Gross: i18n.Money(lang, inv.Gross), Balance: i18n.Money(lang, inv.Balance())})
	}
	cns, err := m.svc.CreditNotes(c.UserContext(), CreditFilter{CustomerID: p.CustomerID, Limit: 200})
	if err != nil {
		return err
	}
	for _, cn := range cns {
		d := cn.IssueDate
		v.Credits = append(v.Credits, portalRow{ID: cn.ID, Number: cn.Number, Issue: date(&d), Gross: i18n.Money(lang, cn.Gross)})
	}
	return m.d.Web.Render(c, "invoices/portal_invoices", l.T("portal.invoices"), v)
}

func (m *Module) portalInvoice(c *fiber.Ctx) error {
	doc, err := m.load(c)
	if err != nil {
		return err
	}
	inv := doc.Invoice
	lang := inv.Language
	l := i18n.For(lang)
	out := invoiceOut(doc, m.svc.Today())
	v := portalView{T: labels(lang), Inv: &out}
	v.T["status"] = l.T("status." + out.Status)
	v.T["issue"], v.T["due"] = i18n.Date(lang, *inv.IssueDate), i18n.Date(lang, *inv.DueDate)
	v.T["gross"], v.T["balance_value"] = i18n.Money(lang, inv.Gross), i18n.Money(lang, inv.Balance())
	// the totals as the invoice PDF states them: excl. VAT, the VAT per rate over its base
	v.Totals = [][2]string{{l.T("pdf.subtotal"), i18n.Money(lang, inv.Net)}}
	for _, r := range inv.VATPerRate {
		v.Totals = append(v.Totals, [2]string{l.T("pdf.vat_over", map[string]any{"Rate": vatLabel(l, r.Category, r.Rate), "Base": i18n.Money(lang, r.Base)}),
			i18n.Money(lang, r.VAT)})
	}
	for _, ln := range doc.Lines {
		v.Lines = append(v.Lines, map[string]string{"description": ln.Description, "quantity": i18n.QuantityIn(lang, ln.Quantity) + " " + unitLabel(l, ln.Unit),
			"vat": vatLabel(l, ln.VATCategory, ln.VATRate), "amount": i18n.Money(lang, ln.Net)})
	}
	return m.d.Web.Render(c, "invoices/portal_invoice", l.T("pdf.invoice")+" "+inv.NumberOr(), v)
}
