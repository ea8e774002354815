package invoices

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The invoice and credit note lists: cursor-paginated, sortable by their headers and
// exported as CSV (?format=csv) through the very query the page runs.

type listView struct {
	Items     []InvoiceSummary
	Customers []CustomerOption
	Q         map[string]string
	Gross     decimal.Decimal
	Balance   decimal.Decimal
	List      listq.View
	Errors    []problem.FieldError
}

// filters reads the page's filter values (for its links) from the request.
func filters(c *fiber.Ctx, names ...string) url.Values {
	v := url.Values{}
	for _, n := range names {
		if s := c.Query(n); s != "" {
			v.Set(n, s)
		}
	}
	return v
}

func optDate(d *civil.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func (m *Module) listPage(c *fiber.Ctx) error {
	f := Filter{Status: c.Query("status")}
	q := map[string]string{"status": f.Status, "customer_id": c.Query("customer_id"), "from": c.Query("from"), "to": c.Query("to")}
	var errs problem.Fields
	if s := q["customer_id"]; s != "" {
		if id, err := parseID(s); err == nil {
			f.CustomerID = &id
		} else {
			errs.Add("customer_id", web.UITr(c, "invoices.ui.error.customer"))
		}
	}
	for _, k := range []string{"from", "to"} {
		if s := q[k]; s != "" {
			d, err := civil.Parse(s)
			if err != nil {
				errs.Add(k, web.UITr(c, "invoices.ui.error.date"))
				continue
			}
			if k == "from" {
				f.From = &d
			} else {
				f.To = &d
			}
		}
	}
	lq, err := invoiceList.Parse(c)
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, lq listq.Query) ([]Invoice, error) {
		g := f
		g.List = &lq
		return m.svc.List(ctx, g)
	}
	today := m.svc.Today()
	if listq.WantsCSV(c) && errs.Err() == nil {
		return invoiceList.Stream(c, lq, listq.Export[Invoice]{File: "invoices.csv",
			Header: []string{web.UITr(c, "invoices.ui.list.number"), web.UITr(c, "invoices.ui.list.customer"), web.UITr(c, "invoices.ui.list.status"),
				web.UITr(c, "invoices.ui.list.issued"), web.UITr(c, "invoices.ui.list.due"), web.UITr(c, "invoices.ui.list.net"),
				web.UITr(c, "invoices.ui.list.total"), web.UITr(c, "invoices.ui.list.balance")},
			Row: func(inv Invoice) []string {
				s := summaryOut(&inv, today)
				return []string{inv.NumberOr(), s.Customer, s.Status, optDate(s.IssueDate), optDate(s.DueDate),
					s.Net.StringFixed(2), s.Gross.StringFixed(2), s.Balance.StringFixed(2)}
			}}, fetch)
	}
	rows, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	rows, next := invoiceList.Trim(rows, lq)
	custs, err := customerOptions(c.UserContext(), m.svc.DB)
	if err != nil {
		return err
	}
	v := listView{Customers: custs, Q: q, Gross: decimal.Zero, Balance: decimal.Zero,
		List: invoiceList.View("/invoices", filters(c, "status", "customer_id", "from", "to"), lq, next)}
	for i := range rows {
		v.Items = append(v.Items, summaryOut(&rows[i], today))
		if rows[i].Status != Draft {
			v.Gross = v.Gross.Add(rows[i].Gross)
			v.Balance = v.Balance.Add(rows[i].Balance())
		}
	}
	if err := errs.Err(); err != nil {
		var pe *problem.Error
		errors.As(err, &pe)
		v.Errors = pe.Fields
	}
	return m.d.Web.Render(c, "invoices/invoices", web.UITr(c, "invoices.ui.page.invoices"), v)
}

type creditsView struct {
	Credits    []CreditNote
	CustomerID string
	List       listq.View
}

// creditNotesPage lists every credit note, newest first, page by page.
func (m *Module) creditNotesPage(c *fiber.Ctx) error {
	var f CreditFilter
	if s := c.Query("customer_id"); s != "" {
		id, err := parseID(s)
		if err != nil {
			return problem.Invalid("customer_id", web.UITr(c, "invoices.ui.error.customer"))
		}
		f.CustomerID = &id
	}
	lq, err := creditList.Parse(c)
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, lq listq.Query) ([]CreditNote, error) {
		g := f
		g.List = &lq
		return m.svc.CreditNotes(ctx, g)
	}
	if listq.WantsCSV(c) {
		return creditList.Stream(c, lq, listq.Export[CreditNote]{File: "credit-notes.csv",
			Header: []string{web.UITr(c, "invoices.ui.list.number"), web.UITr(c, "invoices.ui.credits.invoice"), web.UITr(c, "invoices.ui.list.issued"),
				web.UITr(c, "invoices.ui.credits.reason"), web.UITr(c, "invoices.ui.list.net"), web.UITr(c, "invoices.ui.credits.vat"), web.UITr(c, "invoices.ui.list.total")},
			Row: func(cn CreditNote) []string {
				return []string{cn.Number, idKey(cn.InvoiceID), cn.IssueDate.String(), cn.Reason, cn.Net.StringFixed(2), cn.VAT.StringFixed(2), cn.Gross.StringFixed(2)}
			}}, fetch)
	}
	cns, err := fetch(c.UserContext(), lq)
	if err != nil {
		return err
	}
	cns, next := creditList.Trim(cns, lq)
	v := creditsView{Credits: cns, CustomerID: c.Query("customer_id"), List: creditList.View("/credit-notes", filters(c, "customer_id"), lq, next)}
	return m.d.Web.Render(c, "invoices/credit_notes", web.UITr(c, "invoices.ui.page.credit_notes"), v)
}

// CustomerTabs adds the customer's invoices to the customer page (platform.CustomerTabber),
// newest first through the invoice list's own query, for the roles that see invoices.
func (m *Module) CustomerTabs() []platform.CustomerTab {
	return []platform.CustomerTab{{Key: "invoices", Label: web.UI("invoices.ui.tab.invoices"), Order: 50,
		Roles: []auth.Role{auth.Admin, auth.AccountManager}, List: m.invoiceTab}}
}

func (m *Module) invoiceTab(ctx context.Context, customerID int64, after string) (platform.TabPage, error) {
	lq, err := invoiceList.ParseQuery(url.Values{"after": {after}, "limit": {"20"}}.Encode())
	if err != nil {
		return platform.TabPage{}, err
	}
	rows, err := m.svc.List(ctx, Filter{CustomerID: &customerID, List: &lq})
	if err != nil {
		return platform.TabPage{}, err
	}
	rows, next := invoiceList.Trim(rows, lq)
	p := platform.TabPage{Columns: []string{web.UI("invoices.ui.list.number"), web.UI("invoices.ui.list.status"), web.UI("invoices.ui.list.issued"),
		web.UI("invoices.ui.list.due"), web.UI("invoices.ui.list.total"), web.UI("invoices.ui.list.balance")}, Next: next, Empty: web.UI("invoices.ui.tab.none")}
	today := m.svc.Today()
	date := func(d *civil.Date) string {
		if d == nil {
			return ""
		}
		return web.Date(*d)
	}
	for i := range rows {
		s := summaryOut(&rows[i], today)
		number := rows[i].NumberOr()
		if number == "" {
			number = web.UI("invoices.ui.list.draft", "ID", s.ID)
		}
		p.Rows = append(p.Rows, []platform.TabCell{{Text: number, Href: fmt.Sprintf("/invoices/%d", s.ID)}, {Text: s.Status, Badge: true},
			{Text: date(s.IssueDate)}, {Text: date(s.DueDate)}, {Text: web.Money(s.Gross.Decimal), Num: true}, {Text: web.Money(s.Balance.Decimal), Num: true}})
	}
	return p, nil
}
