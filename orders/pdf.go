package orders

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
	"backoffice/internal/web"
)

// QuotePDF renders a quote as a PDF document in Dutch, in the house document style: our
// company block (address, KvK, BTW, IBAN), the customer, the lines, the VAT per rate, the
// one-off and recurring totals apart with the commitment of the initial term, the terms in
// plain words, and either the acceptance record (who, when, how) or how to accept.
// Dates are Dutch dates ("2 maart 2026"), amounts € 1.234,50.
func QuotePDF(q *Quote, cust CustomerAddress, co Company, now time.Time) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: €, ë, é
	pdf.SetTitle(tr("Offerte "+q.Number), false)
	pdf.SetAuthor(tr(co.Name), false)
	pdf.SetCreationDate(now)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, tr(co.footer(pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	companyBlock(pdf, tr, co, "Offerte")

	y := pdf.GetY()
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(95, 5, "Aan", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, l := range cust.lines() {
		pdf.CellFormat(95, 5, tr(l), "", 1, "L", false, 0, "")
	}
	pdf.SetXY(118, y)
	facts := [][2]string{{"Nummer", fmt.Sprintf("%s (versie %d)", q.Number, q.Version)}, {"Datum", dateOf(q.SentAt, q.CreatedAt)}}
	if !q.ValidUntil.IsZero() {
		facts = append(facts, [2]string{"Geldig tot", i18n.Date("nl", q.ValidUntil)})
	} else {
		facts = append(facts, [2]string{"Geldig", fmt.Sprintf("%d dagen na verzending", q.ValidDays)})
	}
	if !q.StartDate.IsZero() {
		facts = append(facts, [2]string{"Startdatum", i18n.Date("nl", q.StartDate)})
	}
	for _, f := range facts {
		pdf.SetX(118)
		pdf.SetFont("Helvetica", "B", 9)
		pdf.CellFormat(28, 5, f[0], "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 5, tr(f[1]), "", 1, "L", false, 0, "")
	}
	pdf.SetY(maxf(pdf.GetY(), y+32))
	pdf.SetFont("Helvetica", "B", 13)
	pdf.MultiCell(0, 7, tr(q.Title), "", "L", false)
	pdf.Ln(2)

	linesTable(pdf, tr, q.Lines)
	totalsTable(pdf, tr, ComputeTotals(q.Lines), q)
	termsBlock(pdf, tr, q)
	acceptanceBlock(pdf, tr, q)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("orders: render quote PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// companyBlock is the head of every document: our name and registered details on the
// left, the document's title on the right.
func companyBlock(pdf *fpdf.Fpdf, tr func(string) string, co Company, title string) {
	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(110, 8, tr(co.Name), "", 0, "L", false, 0, "")
	pdf.SetFont("Helvetica", "B", 18)
	pdf.SetTextColor(31, 79, 209)
	pdf.CellFormat(0, 8, tr(title), "", 1, "R", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range co.lines() {
		pdf.CellFormat(0, 4.5, tr(l), "", 1, "L", false, 0, "")
	}
	pdf.Ln(6)
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func dateOf(sent *time.Time, created time.Time) string {
	t := created
	if sent != nil {
		t = *sent
	}
	if t.IsZero() {
		return "—"
	}
	return i18n.Date("nl", civil.Of(t.In(clock.Amsterdam)))
}

// euro formats an amount the Dutch way (€ 1.234,50), as the pages do.
func euro(d decimal.Decimal) string { return web.Money(d) }

var periodNL = map[Period]string{"month": "maand", "year": "jaar"}

func linesTable(pdf *fpdf.Fpdf, tr func(string) string, lines []Line) {
	w := []float64{78, 18, 16, 24, 12, 26}
	head := []string{"Omschrijving", "Aantal", "Eenheid", "Prijs", "Btw", "Totaal"}
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(235, 238, 243)
	for i, h := range head {
		align := "R"
		if i == 0 || i == 2 {
			align = "L"
		}
		pdf.CellFormat(w[i], 7, h, "B", 0, align, true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range lines {
		desc := l.Description
		if l.Kind == KindRecurring {
			desc += " (per " + periodNL[l.Period] + ")"
		}
		if l.SKU != "" {
			desc += " · art. " + l.SKU
		}
		x, y := pdf.GetXY()
		pdf.MultiCell(w[0], 5, tr(desc), "", "L", false)
		h := pdf.GetY() - y
		pdf.SetXY(x+w[0], y)
		cells := []string{money.Dutch(l.Quantity, -1), l.Unit, euro(l.UnitPrice), l.VATRate.String() + "%", euro(l.Total())}
		for i, c := range cells {
			align := "R"
			if i == 1 {
				align = "L"
			}
			pdf.CellFormat(w[i+1], 5, tr(c), "", 0, align, false, 0, "")
		}
		pdf.SetXY(x, y+maxf(h, 5)+1)
	}
	pdf.Line(18, pdf.GetY(), 192, pdf.GetY())
	pdf.Ln(2)
}

// totalsTable shows the VAT per rate and the total of this quote, then — when it has
// recurring services — the one-off part and the recurring fees apart, with what the
// initial term commits the customer to.
func totalsTable(pdf *fpdf.Fpdf, tr func(string) string, t Totals, q *Quote) {
	row := func(label, value string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, 10)
		pdf.SetX(100)
		pdf.CellFormat(66, 6, tr(label), "", 0, "L", false, 0, "")
		pdf.CellFormat(26, 6, tr(value), "", 1, "R", false, 0, "")
	}
	recurring := t.RecurringMonthly.IsPositive() || t.RecurringYearly.IsPositive()
	if recurring {
		row("Eenmalig (excl. btw)", euro(t.OneOff), false)
		if t.RecurringMonthly.IsPositive() {
			row("Per maand (excl. btw)", euro(t.RecurringMonthly), false)
		}
		if t.RecurringYearly.IsPositive() {
			row("Per jaar (excl. btw)", euro(t.RecurringYearly), false)
		}
		if n := q.Terms.InitialTermMonths; n > 0 {
			commit := t.RecurringMonthly.Mul(decimal.NewFromInt(int64(n))).Add(t.RecurringYearly.Mul(decimal.NewFromInt(int64(n))).Div(decimal.NewFromInt(12)))
			row(fmt.Sprintf("Verplichting eerste looptijd (%d maanden)", n), euro(money.Cents(commit)), true)
		}
		pdf.Ln(2)
	}
	row("Totaal excl. btw", euro(t.Net), false)
	for _, r := range t.PerRate {
		row(fmt.Sprintf("Btw %s%% over %s", r.Rate.String(), euro(r.Base)), euro(r.VAT), false)
	}
	row("Totaal incl. btw", euro(t.Gross), true)
	if recurring {
		pdf.SetFont("Helvetica", "I", 8)
		pdf.SetX(100)
		pdf.MultiCell(92, 4, tr("De totalen hierboven zijn die van de eerste termijn: de eenmalige posten en de eerste maand of het eerste jaar van de doorlopende diensten."), "", "L", false)
	}
	pdf.Ln(4)
}

// CustomerAddress is the customer block of a quote.
type CustomerAddress struct {
	Name, Street, PostalCode, City, Country, VATID string
}

func (c CustomerAddress) lines() []string {
	out := []string{c.Name}
	if c.Street != "" {
		out = append(out, c.Street)
	}
	if pc := strings.TrimSpace(c.PostalCode + " " + c.City); pc != "" {
		out = append(out, pc)
	}
	if c.Country != "" && c.Country != "NL" {
		out = append(out, c.Country)
	}
	if c.VATID != "" {
		out = append(out, "BTW "+c.VATID)
	}
	return out
}

// QuoteDocument is what the quote's PDF prints: the quote (as its reader may see it) and
// the customer's address, read through accounts' read API.
func (s *Service) QuoteDocument(ctx context.Context, id int64) (*Quote, CustomerAddress, error) {
	q, err := s.GetQuote(ctx, id)
	if err != nil {
		return nil, CustomerAddress{}, err
	}
	a, err := accounts.CustomerAddress(ctx, s.DB, q.CustomerID)
	if err != nil {
		return nil, CustomerAddress{}, err
	}
	return q, CustomerAddress{Name: a.Name, Street: a.Street, PostalCode: a.PostalCode, City: a.City, Country: a.Country, VATID: a.VATID}, nil
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
