package orders

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// The quote editor. It works without JavaScript: "Add line" and "Remove" are submit buttons
// that re-render the form with one row more or less (nothing is saved); with JavaScript they
// act in place. Prices and quantities are read with the UI number parser (money.ParseInput:
// "1.249,00", "1249,00" and "1249.00" alike), and a failed post shows exactly what was posted.

type editorData struct {
	Quote     QuoteOut
	New       bool
	Rows      []editorRow
	Customers []option
	Profiles  []TermsProfile
	Errors    []problem.FieldError
	Kinds     []string
	Terms     termsOverrideForm
	Contacts  []option // the contact persons of the chosen customer (the quote mail goes to the chosen one)
	ContactID string   // the chosen contact, "" for the billing address
}

// editorRow is one line row of the editor as text: what was typed, or a saved line written
// the Dutch way.
type editorRow struct {
	Kind, Description, Quantity, Unit, UnitPrice, VATRate, Period, SKU string
}

func (r editorRow) empty() bool {
	return strings.TrimSpace(r.Description+r.UnitPrice+r.SKU) == ""
}

// blankRow is the row the editor offers for a new line.
func blankRow() editorRow {
	return editorRow{Kind: "hardware", Quantity: "1", Unit: "pcs", VATRate: "21", Period: "month"}
}

func rowsOfLines(lines []Line) []editorRow {
	rows := make([]editorRow, 0, len(lines)+1)
	for _, l := range lines {
		period := string(l.Period)
		if period == "" {
			period = "month"
		}
		rows = append(rows, editorRow{Kind: string(l.Kind), Description: l.Description, Quantity: money.Dutch(l.Quantity, -1),
			Unit: l.Unit, UnitPrice: money.Dutch(l.UnitPrice, 2), VATRate: l.VATRate.String(), Period: period, SKU: l.SKU})
	}
	return rows
}

// editor renders the editor for q; rows are the posted rows of a failed or edited post (nil:
// q's saved lines and one blank row for a new line).
func (m *Module) editor(c *fiber.Ctx, status int, q *Quote, isNew bool, errs []problem.FieldError, rows []editorRow) error {
	d := editorData{Quote: quoteOut(q, m.svc.now(), 0, 0), New: isNew, Profiles: TermsProfiles(), Errors: errs,
		Kinds: []string{"hardware", "service", "recurring", "secondment", "training"}, Terms: overridesOf(q.Terms), Rows: rows}
	if rows == nil {
		d.Rows = append(rowsOfLines(q.Lines), blankRow())
	}
	if len(d.Rows) == 0 {
		d.Rows = []editorRow{blankRow()}
	}
	var err error
	if d.Customers, err = m.customerOptions(c); err != nil {
		return err
	}
	if q.CustomerID > 0 {
		cs, err := m.svc.ContactOptions(c.UserContext(), q.CustomerID)
		if err != nil {
			return err
		}
		for _, o := range cs {
			d.Contacts = append(d.Contacts, option{strconv.FormatInt(o.ID, 10), o.Name})
		}
	}
	if q.ContactID != nil {
		d.ContactID = strconv.FormatInt(*q.ContactID, 10)
	}
	title := tr(c, "orders.ui.title.new_quote")
	if !isNew {
		title = tr(c, "orders.ui.title.edit_quote", "Number", q.Number, "Version", q.Version)
	}
	c.Status(status)
	return m.web.Render(c, "orders/quote_edit", title, d)
}

// editRows applies the editor's "Add line" / "Remove" buttons (posted without JavaScript);
// edited is false for a plain save.
func editRows(c *fiber.Ctx, rows []editorRow) ([]editorRow, bool) {
	if c.FormValue("add_line") != "" {
		return append(rows, blankRow()), true
	}
	if c.FormValue("refresh_contacts") != "" { // another customer: show its contact persons
		return rows, true
	}
	s := c.FormValue("remove_line")
	if s == "" {
		return rows, false
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || i >= len(rows) {
		return rows, true
	}
	return append(rows[:i:i], rows[i+1:]...), true
}

// quoteForm reads the editor form: header fields and rows lines.N.field. Rows without a
// description, price or SKU are empty and dropped; rows are what was posted, to re-render.
func quoteForm(c *fiber.Ctx) (*QuoteIn, []editorRow) {
	in := &QuoteIn{}
	if v, err := strconv.ParseInt(c.FormValue("customer_id"), 10, 64); err == nil {
		in.CustomerID = &v
	} else {
		zero := int64(0)
		in.CustomerID = &zero
	}
	zero := int64(0) // no contact: the quote goes to the billing address
	in.ContactID = &zero
	if v, err := strconv.ParseInt(c.FormValue("contact_id"), 10, 64); err == nil && v > 0 {
		in.ContactID = &v
	}
	title := c.FormValue("title")
	in.Title = &title
	if v, err := strconv.Atoi(c.FormValue("valid_days")); err == nil {
		in.ValidDays = &v
	}
	if v, err := strconv.Atoi(c.FormValue("lead_time_days")); err == nil {
		in.LeadTimeDays = &v
	}
	sd := civil.Date{}
	if s := c.FormValue("start_date"); s != "" {
		if d, err := civil.Parse(s); err == nil {
			sd = d
		} // an unreadable date stays empty, like an absent one
	}
	in.StartDate = &sd
	b := func(name string) *bool { v := c.FormValue(name) == "on"; return &v }
	in.Cancellable, in.FixedPrice, in.AdvancePayment = b("cancellable"), b("fixed_price"), b("advance_payment")
	in.Terms = termsForm(c)
	in.Lines = []LineIn{}
	n, err := strconv.Atoi(c.FormValue("line_count"))
	if err != nil || n <= 0 || n > MaxQuoteLines {
		n = MaxQuoteLines
	}
	rows := []editorRow{}
	for i := range n {
		p := fmt.Sprintf("lines.%d.", i)
		r := editorRow{Kind: c.FormValue(p + "kind"), Description: c.FormValue(p + "description"), Quantity: strings.TrimSpace(c.FormValue(p + "quantity")),
			Unit: c.FormValue(p + "unit"), UnitPrice: strings.TrimSpace(c.FormValue(p + "unit_price")), VATRate: c.FormValue(p + "vat_rate"),
			Period: c.FormValue(p + "period"), SKU: c.FormValue(p + "sku")}
		if r.empty() {
			continue // an empty row of the editor
		}
		rows = append(rows, r)
		l := LineIn{Kind: r.Kind, Description: r.Description, Quantity: money.Number(money.InputString(r.Quantity)), Unit: r.Unit,
			UnitPrice: money.Number(money.InputString(r.UnitPrice)), VATRate: money.Number(money.InputString(r.VATRate)), SKU: r.SKU}
		if l.Kind == string(KindRecurring) {
			l.Period = r.Period
		}
		in.Lines = append(in.Lines, l)
	}
	return in, rows
}
