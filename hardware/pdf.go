package hardware

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/accounts"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

//go:embed messages/*.json
var messagesFS embed.FS

func init() { i18n.MustRegisterDir(messagesFS, "messages") }

// DeliveryNotePDF renders the delivery note in the customer's language (cust.Language) in
// the house document style: the address, the lines with their serials, who received it
// and when, since when the risk is the customer's (HW-3), retention of title (HW-4), the
// inspection duty (HW-5), returns (HW-6) and what is not included unless agreed (HW-1) —
// in plain words, without rule IDs.
func DeliveryNotePDF(d *Delivery, cust accounts.Address, co pdfdoc.Company, now time.Time) ([]byte, error) {
	l := i18n.For(cust.Language)
	doc := pdfdoc.New(co, l.Lang, l.T("hardware.pdf.title"), l.T("hardware.pdf.doc_title", map[string]any{"ID": d.ID}), now)
	when := func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		at := t.In(clock.Amsterdam)
		return i18n.Date(l.Lang, civil.Of(at)) + " " + at.Format("15:04")
	}
	facts := []pdfdoc.Fact{{Label: l.T("hardware.pdf.delivery"), Value: fmt.Sprint(d.ID)}, {Label: l.T("hardware.pdf.order"), Value: d.orderName()},
		{Label: l.T("hardware.pdf.planned"), Value: i18n.Date(l.Lang, d.PlannedOn)}, {Label: l.T("hardware.pdf.status"), Value: l.T("hardware.status." + d.Status)}}
	if d.DeliveredAt != nil {
		facts = append(facts, pdfdoc.Fact{Label: l.T("hardware.pdf.delivered"), Value: when(d.DeliveredAt)})
	}
	if d.ReceivedBy != nil {
		facts = append(facts, pdfdoc.Fact{Label: l.T("hardware.pdf.received_by"), Value: *d.ReceivedBy})
	}
	if d.RiskSince != nil {
		facts = append(facts, pdfdoc.Fact{Label: l.T("hardware.pdf.risk_since"), Value: when(d.RiskSince)})
	}
	to := pdfdoc.Addressee{Name: cust.Name, Street: d.Street, PostalCode: d.PostalCode, City: d.City, Country: d.Country}
	doc.Parties(l.T("hardware.pdf.delivered_to"), to.Lines(l), facts)

	cols := []pdfdoc.Column{{Head: l.T("hardware.pdf.col.product"), Width: 120}, {Head: l.T("hardware.pdf.col.sku"), Width: 34}, {Head: l.T("hardware.pdf.col.quantity"), Width: 20, Right: true}}
	var rows []pdfdoc.Row
	for _, ln := range d.Lines {
		name, sku := "", ""
		if ln.Product != nil {
			name, sku = strings.TrimSpace(ln.Product.Manufacturer+" "+ln.Product.Name), ln.Product.SKU
		}
		sub := ""
		if len(ln.Serials) > 0 {
			sub = l.T("hardware.pdf.serials", map[string]any{"Serials": strings.Join(ln.Serials, ", ")})
		}
		rows = append(rows, pdfdoc.Row{Cells: []string{name, sku, i18n.QuantityIn(l.Lang, ln.Quantity)}, Sub: sub})
	}
	doc.Table(cols, rows)
	doc.Ln(3)
	doc.Heading(l.T("hardware.pdf.please_note"))
	notes := []string{"not_included", "risk", "title", "inspect", "returns"}
	for i, n := range notes {
		notes[i] = l.T("hardware.pdf.note." + n)
	}
	doc.Bullets(notes)
	if d.ReceivedBy == nil {
		doc.Signature(l.T("hardware.pdf.sign_name"), l.T("hardware.pdf.sign_date"))
	}
	return doc.Bytes()
}

// DeliveryAddressee is the customer's name and language for its delivery note (accounts'
// read API).
func (s *Service) DeliveryAddressee(ctx context.Context, customerID int64) (accounts.Address, error) {
	return accounts.CustomerAddress(ctx, s.DB, customerID)
}

func (m *Module) deliveryNote(c *fiber.Ctx) error {
	did, err := id(c, "id", "delivery")
	if err != nil {
		return err
	}
	d, _, err := m.Service.DeliveryOf(c.UserContext(), did)
	if err != nil {
		return err
	}
	a, err := m.Service.DeliveryAddressee(c.UserContext(), d.CustomerID)
	if err != nil {
		return err
	}
	b, err := DeliveryNotePDF(d, a, pdfdoc.CompanyFrom(m.d.Config), m.d.Clock.Now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`inline; filename="delivery-%d.pdf"`, d.ID))
	return c.Send(b)
}
