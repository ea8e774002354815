package orders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
	"backoffice/internal/pdfdoc"
	"backoffice/internal/web"
)

// QuotePDF renders a quote in the customer's language (cust.Language; Dutch by default), in
// the house document style (internal/pdfdoc): our company block, the customer, the lines,
// the VAT per rate, the one-off and recurring totals apart with the commitment of the
// initial term, the terms in plain words, and either the acceptance record (who, when,
// how) or how to accept. Dates are "2 maart 2026" / "2 March 2026", amounts € 1.234,50 / €1,234.50.
func QuotePDF(q *Quote, cust CustomerAddress, co Company, now time.Time) ([]byte, error) {
	l := i18n.For(cust.Language)
	title := l.T("orders.pdf.quote")
	d := pdfdoc.New(co, l.Lang, title, title+" "+q.Number, now)
	facts := []pdfdoc.Fact{{Label: d.T("orders.pdf.number"), Value: d.T("orders.pdf.version", map[string]any{"Number": q.Number, "Version": q.Version})},
		{Label: d.T("orders.pdf.date"), Value: dateOf(l.Lang, q.SentAt, q.CreatedAt)}}
	if !q.ValidUntil.IsZero() {
		facts = append(facts, pdfdoc.Fact{Label: d.T("orders.pdf.valid_until"), Value: i18n.Date(l.Lang, q.ValidUntil)})
	} else {
		facts = append(facts, pdfdoc.Fact{Label: d.T("orders.pdf.valid"), Value: d.T("orders.pdf.valid_days", map[string]any{"Days": q.ValidDays})})
	}
	if !q.StartDate.IsZero() {
		facts = append(facts, pdfdoc.Fact{Label: d.T("orders.pdf.start_date"), Value: i18n.Date(l.Lang, q.StartDate)})
	}
	if q.Status == QuoteDraft { // staff preview what the customer will get; the draft says so
		facts = append(facts, pdfdoc.Fact{Label: d.T("orders.pdf.status"), Value: d.T("orders.pdf.draft")})
	}
	d.Parties(d.T("orders.pdf.to"), cust.lines(l), facts)
	d.Title(q.Title)
	linesTable(d, q.Lines)
	totalsTable(d, ComputeTotals(q.Lines), q)
	termsBlock(d, q)
	acceptanceBlock(d, q)
	return d.Bytes()
}

// OrderConfirmationPDF confirms an accepted quote as an order: the order number, the
// quote it came from, the start date, the lines and totals with the commitment, the
// contract of the recurring services, the terms and the acceptance record.
func OrderConfirmationPDF(q *Quote, o *Order, c *Contract, cust CustomerAddress, co Company, now time.Time) ([]byte, error) {
	l := i18n.For(cust.Language)
	title := l.T("orders.pdf.confirmation")
	d := pdfdoc.New(co, l.Lang, title, title+" "+o.Number, now)
	facts := []pdfdoc.Fact{{Label: d.T("orders.pdf.order_number"), Value: o.Number},
		{Label: d.T("orders.pdf.date"), Value: i18n.Date(l.Lang, civil.Of(o.CreatedAt.In(clock.Amsterdam)))},
		{Label: d.T("orders.pdf.quote_number"), Value: d.T("orders.pdf.version", map[string]any{"Number": q.Number, "Version": q.Version})},
		{Label: d.T("orders.pdf.start_date"), Value: i18n.Date(l.Lang, o.StartDate)}}
	if c != nil {
		facts = append(facts, pdfdoc.Fact{Label: d.T("orders.pdf.contract_number"), Value: c.Number})
	}
	d.Parties(d.T("orders.pdf.to"), cust.lines(l), facts)
	d.Title(o.Title)
	d.Text(d.T("orders.pdf.confirmation_intro", map[string]any{"Quote": q.Number}))
	linesTable(d, o.Lines)
	totalsTable(d, ComputeTotals(o.Lines), q)
	if c != nil {
		v := c.TermsOn(civil.Of(now.In(clock.Amsterdam)))
		d.Text(d.T("orders.pdf.contract_text", map[string]any{"Number": c.Number, "Start": i18n.Date(l.Lang, c.StartDate), "Deadline": i18n.Date(l.Lang, v.NoticeDeadline)}))
	}
	termsBlock(d, q)
	acceptanceBlock(d, q)
	return d.Bytes()
}

func dateOf(lang string, sent *time.Time, created time.Time) string {
	t := created
	if sent != nil {
		t = *sent
	}
	if t.IsZero() {
		return "—"
	}
	return i18n.Date(lang, civil.Of(t.In(clock.Amsterdam)))
}

// euro formats an amount the Dutch way (€ 1.234,50), as the staff pages do.
func euro(d decimal.Decimal) string { return web.Money(d) }

func linesTable(d *pdfdoc.Doc, lines []Line) {
	lang := d.L.Lang
	cols := []pdfdoc.Column{{Head: d.T("orders.pdf.col.description"), Width: 76}, {Head: d.T("orders.pdf.col.quantity"), Width: 16, Right: true},
		{Head: d.T("orders.pdf.col.unit"), Width: 18}, {Head: d.T("orders.pdf.col.price"), Width: 24, Right: true},
		{Head: d.T("orders.pdf.col.vat"), Width: 12, Right: true}, {Head: d.T("orders.pdf.col.total"), Width: 28, Right: true}}
	var rows []pdfdoc.Row
	for _, l := range lines {
		desc := l.Description
		if l.Kind == KindRecurring {
			desc += " (" + d.T("orders.pdf.per."+string(l.Period)) + ")"
		}
		sub := ""
		if l.SKU != "" {
			sub = d.T("orders.pdf.sku", map[string]any{"SKU": l.SKU})
		}
		rows = append(rows, pdfdoc.Row{Sub: sub, Cells: []string{desc, i18n.QuantityIn(lang, l.Quantity), pdfdoc.Unit(d.L, l.Unit),
			i18n.Money(lang, l.UnitPrice), i18n.Percent(lang, l.VATRate), i18n.Money(lang, l.Total())}})
	}
	d.Table(cols, rows)
}

// totalsTable shows, when the quote has recurring services, the one-off part and the
// recurring fees apart with what the initial term commits the customer to ("€ 250,00 per
// maand gedurende 48 maanden"), then the VAT per rate and the total.
func totalsTable(d *pdfdoc.Doc, t Totals, q *Quote) {
	lang := d.L.Lang
	var rows []pdfdoc.Total
	recurring := t.RecurringMonthly.IsPositive() || t.RecurringYearly.IsPositive()
	if recurring {
		rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.one_off"), Value: i18n.Money(lang, t.OneOff)})
		if t.RecurringMonthly.IsPositive() {
			rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.monthly"), Value: i18n.Money(lang, t.RecurringMonthly)})
		}
		if t.RecurringYearly.IsPositive() {
			rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.yearly"), Value: i18n.Money(lang, t.RecurringYearly)})
		}
		if n := q.Terms.InitialTermMonths; n > 0 {
			commit := t.RecurringMonthly.Mul(decimal.NewFromInt(int64(n))).Add(t.RecurringYearly.Mul(decimal.NewFromInt(int64(n))).Div(decimal.NewFromInt(12)))
			rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.commitment"), Value: i18n.Money(lang, money.Cents(commit)), Bold: true})
		}
	}
	rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.net"), Value: i18n.Money(lang, t.Net), Rule: recurring})
	for _, r := range t.PerRate {
		rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.vat_over", map[string]any{"Rate": i18n.Percent(lang, r.Rate), "Base": i18n.Money(lang, r.Base)}), Value: i18n.Money(lang, r.VAT)})
	}
	rows = append(rows, pdfdoc.Total{Label: d.T("orders.pdf.gross"), Value: i18n.Money(lang, t.Gross), Bold: true, Rule: true})
	d.Totals(rows)
	if recurring {
		if c := commitment(d.L, t, q.Terms.InitialTermMonths); c != "" {
			d.Text(c + ".")
		}
		d.Note(d.T("orders.pdf.first_term_note"))
	}
}

// commitment names what the recurring services commit to: "€ 250,00 per maand gedurende
// 48 maanden" (and the yearly fees likewise); "" without recurring fees or initial term.
func commitment(l *i18n.Localizer, t Totals, months int) string {
	if months <= 0 {
		return ""
	}
	var parts []string
	if t.RecurringMonthly.IsPositive() {
		parts = append(parts, l.T("orders.pdf.commitment_monthly", map[string]any{"Amount": i18n.Money(l.Lang, t.RecurringMonthly), "Months": months}))
	}
	if t.RecurringYearly.IsPositive() {
		parts = append(parts, l.T("orders.pdf.commitment_yearly", map[string]any{"Amount": i18n.Money(l.Lang, t.RecurringYearly), "Months": months}))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " + ")
}

// CustomerAddress is the customer block of a quote, and the language of its documents.
type CustomerAddress struct {
	Name, Street, PostalCode, City, Country, KvK, VATID, Language string
}

func (c CustomerAddress) lines(l *i18n.Localizer) []string {
	return pdfdoc.Addressee{Name: c.Name, Street: c.Street, PostalCode: c.PostalCode, City: c.City, Country: c.Country, KvK: c.KvK, VATID: c.VATID}.Lines(l)
}

func addressOf(a accounts.Address) CustomerAddress {
	return CustomerAddress{Name: a.Name, Street: a.Street, PostalCode: a.PostalCode, City: a.City, Country: a.Country, KvK: a.KvK, VATID: a.VATID, Language: a.Language}
}

// QuoteDocument is what the quote's PDF prints: the quote (as its reader may see it) and
// the customer's address and language, read through accounts' read API.
func (s *Service) QuoteDocument(ctx context.Context, id int64) (*Quote, CustomerAddress, error) {
	q, err := s.GetQuote(ctx, id)
	if err != nil {
		return nil, CustomerAddress{}, err
	}
	a, err := accounts.CustomerAddress(ctx, s.DB, q.CustomerID)
	if err != nil {
		return nil, CustomerAddress{}, err
	}
	return q, addressOf(a), nil
}

func (m *Module) quotePDF(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, addr, err := m.svc.QuoteDocument(c.UserContext(), qid)
	if err != nil {
		return err
	}
	b, err := QuotePDF(q, addr, m.svc.Company, m.svc.now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`inline; filename="%s-v%d.pdf"`, q.Number, q.Version))
	return c.Send(b)
}
