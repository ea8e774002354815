package orders

import (
	"backoffice/internal/accounts"
	"backoffice/internal/httpx"
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/clock"
	"backoffice/internal/web"
)

// QuotePDF renders a quote as a PDF document: our details, the customer, the lines, the VAT
// summary per rate, the validity date and the terms that apply (Q-1, Q-2, Q-3, Q-7, Q-8,
// IDX-1). Dates are Amsterdam dates; amounts are euros with two decimals.
func QuotePDF(q *Quote, cust CustomerAddress, co Company, now time.Time) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: €, ë, é
	pdf.SetTitle(tr("Quote "+q.Number), false)
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

	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(110, 8, tr(co.Name), "", 0, "L", false, 0, "")
	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 8, "QUOTE", "", 1, "R", false, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	if co.Address != "" {
		pdf.CellFormat(0, 4.5, tr(co.Address), "", 1, "L", false, 0, "")
	}
	pdf.Ln(6)

	y := pdf.GetY()
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(95, 5, "Customer", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, l := range cust.lines() {
		pdf.CellFormat(95, 5, tr(l), "", 1, "L", false, 0, "")
	}
	pdf.SetXY(118, y)
	facts := [][2]string{{"Number", fmt.Sprintf("%s (version %d)", q.Number, q.Version)}, {"Date", dateOf(q.SentAt, q.CreatedAt)}}
	if !q.ValidUntil.IsZero() {
		facts = append(facts, [2]string{"Valid until", q.ValidUntil.String()})
	} else {
		facts = append(facts, [2]string{"Valid", fmt.Sprintf("%d days from sending", q.ValidDays)})
	}
	if !q.StartDate.IsZero() {
		facts = append(facts, [2]string{"Start date", q.StartDate.String()})
	}
	facts = append(facts, [2]string{"Status", string(q.EffectiveStatus(now))})
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
	totalsTable(pdf, tr, ComputeTotals(q.Lines))
	termsBlock(pdf, tr, q)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("orders: render quote PDF: %w", err)
	}
	return buf.Bytes(), nil
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func dateOf(sent *time.Time, created time.Time) string {
	if sent != nil {
		return sent.In(clock.Amsterdam).Format("2006-01-02")
	}
	return created.In(clock.Amsterdam).Format("2006-01-02")
}

// euro formats an amount the Dutch way (€ 1.234,50), as the pages do.
func euro(d decimal.Decimal) string { return web.Money(d) }

func linesTable(pdf *fpdf.Fpdf, tr func(string) string, lines []Line) {
	w := []float64{78, 18, 16, 24, 12, 26}
	head := []string{"Description", "Qty", "Unit", "Price", "VAT", "Total"}
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
			desc += " (per " + string(l.Period) + ")"
		}
		if l.SKU != "" {
			desc += " [" + l.SKU + "]"
		}
		x, y := pdf.GetXY()
		pdf.MultiCell(w[0], 5, tr(desc), "", "L", false)
		h := pdf.GetY() - y
		pdf.SetXY(x+w[0], y)
		cells := []string{l.Quantity.String(), l.Unit, euro(l.UnitPrice), l.VATRate.String() + "%", euro(l.Total())}
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

func totalsTable(pdf *fpdf.Fpdf, tr func(string) string, t Totals) {
	row := func(label, value string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, 10)
		pdf.SetX(110)
		pdf.CellFormat(56, 6, tr(label), "", 0, "L", false, 0, "")
		pdf.CellFormat(26, 6, tr(value), "", 1, "R", false, 0, "")
	}
	row("Total excl. VAT", euro(t.Net), false)
	for _, r := range t.PerRate {
		row(fmt.Sprintf("VAT %s%% over %s", r.Rate.String(), euro(r.Base)), euro(r.VAT), false)
	}
	row("Total incl. VAT", euro(t.Gross), true)
	if t.RecurringMonthly.IsPositive() || t.RecurringYearly.IsPositive() {
		pdf.SetFont("Helvetica", "I", 8)
		pdf.SetX(110)
		pdf.MultiCell(82, 4, tr(fmt.Sprintf("Of which recurring: %s per month, %s per year (excl. VAT); one-off %s.",
			euro(t.RecurringMonthly), euro(t.RecurringYearly), euro(t.OneOff))), "", "L", false)
	}
	pdf.Ln(4)
}

func termsBlock(pdf *fpdf.Fpdf, tr func(string) string, q *Quote) {
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(0, 6, "Terms", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 8.5)
	validity := fmt.Sprintf("This quote is valid for %d days", q.ValidDays)
	if !q.ValidUntil.IsZero() {
		validity = fmt.Sprintf("This quote can be accepted until %s, 24:00 Amsterdam time", q.ValidUntil)
	}
	terms := []string{
		validity + "; after that it lapses and a revised quote is needed (Q-1).",
		"All prices are in euros and exclude VAT; VAT is shown per rate (Q-7). Fees for services are payable in advance unless agreed otherwise.",
		"The quote is accepted as a whole; accepting part of it needs a revised quote (Q-2). Acceptance is recorded with who, when and how and confirmed by e-mail; the accepted quote becomes part of the agreement and prevails over the general terms (Q-3).",
	}
	if q.Cancellable {
		terms = append(terms, "Cancellation is possible until 5 working days before the start date; later the full fee is due (Q-4).")
	} else {
		terms = append(terms, "After acceptance the order cannot be cancelled (Q-4); trainings can be cancelled free of charge until 5 days before the date.")
	}
	if q.FixedPrice {
		terms = append(terms, "Fixed price: extra work is only carried out and charged after your approval of its financial consequence (Q-5).")
	} else {
		terms = append(terms, "Extra work at your request is charged at the agreed rates, otherwise at our standard rates (Q-5).")
	}
	terms = append(terms, "Delivery dates are target dates; the lead time starts when all details are agreed, data supplied, this quote accepted and any agreed advance payment received (Q-6).")
	for _, l := range q.Lines {
		if l.Kind == KindHardware {
			terms = append(terms, "Hardware is sold and delivered to your registered address unless agreed otherwise. Not included unless agreed in writing: mounting material, accessories such as cables, consumables (batteries, ink, toner), licences of embedded software, and installation and configuration (HW-1). The goods remain ours until paid in full (HW-4); report visible defects within 24 hours of delivery (HW-5).")
			break
		}
	}
	for _, l := range q.Lines {
		if l.Kind == KindRecurring {
			t := q.Terms
			terms = append(terms, fmt.Sprintf("Recurring services run for %d months from the start date and then renew by %d months unless terminated %s before the end of the running term (Q-8). On termination all outstanding claims fall due at once (Q-9).",
				t.InitialTermMonths, t.RenewalTermMonths, t.noticePeriod()))
			terms = append(terms, ClauseText(q.Indexation))
			break
		}
	}
	for _, t := range terms {
		pdf.MultiCell(0, 4.3, tr("• "+t), "", "L", false)
		pdf.Ln(0.8)
	}
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "", 9)
	pdf.CellFormat(0, 5, tr("Accept online in the customer portal, or sign and return this document:"), "", 1, "L", false, 0, "")
	pdf.Ln(8)
	pdf.CellFormat(80, 5, "Name and signature", "T", 0, "L", false, 0, "")
	pdf.CellFormat(10, 5, "", "", 0, "L", false, 0, "")
	pdf.CellFormat(50, 5, "Date", "T", 1, "L", false, 0, "")
}

// footer is the page footer: the company's registered details that are configured, then
// the page number. A detail that is not configured is left out, never invented.
func (co Company) footer(page int) string {
	var parts []string
	for _, f := range [][2]string{{"", co.Name}, {"KvK ", co.KvK}, {"VAT ", co.VATID}, {"IBAN ", co.IBAN}} {
		if f[1] != "" {
			parts = append(parts, f[0]+f[1])
		}
	}
	return strings.Join(append(parts, fmt.Sprintf("page %d", page)), " · ")
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
		out = append(out, "VAT "+c.VATID)
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
