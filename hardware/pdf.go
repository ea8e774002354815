package hardware

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/clock"
	"backoffice/internal/config"
)

// DeliveryNotePDF renders the delivery note: the address, the lines with their serials,
// who signed and when, who bears the risk since when (HW-3), retention of title (HW-4),
// the inspection duty (HW-5) and what is not included unless agreed (HW-1).
func DeliveryNotePDF(d *Delivery, customer string, cfg *config.Config, now time.Time) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(tr(fmt.Sprintf("Delivery note %d", d.ID)), false)
	pdf.SetCreationDate(now)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(110, 110, 110)
		parts := []string{cfg.CompanyName}
		if cfg.CompanyKvK != "" {
			parts = append(parts, "KvK "+cfg.CompanyKvK)
		}
		parts = append(parts, fmt.Sprintf("page %d", pdf.PageNo()))
		pdf.CellFormat(0, 5, tr(strings.Join(parts, " · ")), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(110, 8, tr(cfg.CompanyName), "", 0, "L", false, 0, "")
	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(0, 8, "DELIVERY NOTE", "", 1, "R", false, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	if cfg.CompanyAddress != "" {
		pdf.CellFormat(0, 4.5, tr(cfg.CompanyAddress), "", 1, "L", false, 0, "")
	}
	pdf.Ln(6)
	y := pdf.GetY()
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(95, 5, "Delivered to", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, l := range []string{customer, d.Street, strings.TrimSpace(d.PostalCode + "  " + d.City), d.Country} {
		if l != "" {
			pdf.CellFormat(95, 5, tr(l), "", 1, "L", false, 0, "")
		}
	}
	fmtT := func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.In(clock.Amsterdam).Format("02-01-2006 15:04")
	}
	facts := [][2]string{{"Delivery", fmt.Sprint(d.ID)}, {"Order", fmt.Sprint(d.OrderID)}, {"Planned", d.PlannedOn.String()},
		{"Status", d.Status}, {"Delivered", fmtT(d.DeliveredAt)}}
	if d.ReceivedBy != nil {
		facts = append(facts, [2]string{"Received by", *d.ReceivedBy})
	}
	if d.RiskSince != nil {
		facts = append(facts, [2]string{"Risk since", fmtT(d.RiskSince)})
	}
	pdf.SetXY(118, y)
	for _, f := range facts {
		pdf.SetX(118)
		pdf.SetFont("Helvetica", "B", 9)
		pdf.CellFormat(28, 5, f[0], "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 5, tr(f[1]), "", 1, "L", false, 0, "")
	}
	pdf.SetY(max(pdf.GetY(), y+32) + 4)

	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(235, 238, 242)
	pdf.CellFormat(30, 6, "SKU", "", 0, "L", true, 0, "")
	pdf.CellFormat(80, 6, "Product", "", 0, "L", true, 0, "")
	pdf.CellFormat(16, 6, "Qty", "", 0, "R", true, 0, "")
	pdf.CellFormat(0, 6, "Serials", "", 1, "L", true, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range d.Lines {
		name, sku := "", ""
		if l.Product != nil {
			name, sku = l.Product.Manufacturer+" "+l.Product.Name, l.Product.SKU
		}
		serials := strings.Join(l.Serials, ", ")
		if serials == "" {
			serials = "—"
		}
		x, y := pdf.GetX(), pdf.GetY()
		pdf.SetXY(x+126, y)
		pdf.MultiCell(0, 5, tr(serials), "", "L", false)
		h := pdf.GetY() - y
		pdf.SetXY(x, y)
		pdf.CellFormat(30, 5, tr(sku), "", 0, "L", false, 0, "")
		pdf.CellFormat(80, 5, tr(name), "", 0, "L", false, 0, "")
		pdf.CellFormat(16, 5, l.Quantity.String(), "", 1, "R", false, 0, "")
		pdf.SetY(y + max(h, 5) + 1)
		pdf.Line(18, pdf.GetY(), 192, pdf.GetY())
	}
	pdf.Ln(5)
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(0, 6, "Please note", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 8.5)
	notes := []string{
		NotIncluded,
		"The risk of loss, theft and damage passes to you when the goods come into your control (HW-3, 004:3.10).",
		"The goods remain our property until you have paid in full the invoices for this hardware and the related services (retention of title, HW-4, 004:15). Until then you may not sell, rent, pledge or encumber them; keep them identifiable, tell us at once of any seizure, and insure them against fire, explosion, water damage and theft.",
		"Inspect the goods at once: report visible defects, shortages and deviations in writing within 24 hours of delivery; hidden defects at once and at the latest within 5 working days after discovery (HW-5, 004:16). A report does not suspend the duty to pay.",
		"Returns only with our prior written consent (RMA), undamaged, complete, in the original packaging, at your cost and risk (HW-6).",
	}
	for _, t := range notes {
		pdf.MultiCell(0, 4.3, tr("• "+t), "", "L", false)
		pdf.Ln(0.8)
	}
	pdf.Ln(8)
	pdf.SetFont("Helvetica", "", 9)
	pdf.CellFormat(80, 5, "Name and signature of recipient", "T", 0, "L", false, 0, "")
	pdf.CellFormat(10, 5, "", "", 0, "L", false, 0, "")
	pdf.CellFormat(50, 5, "Date and time", "T", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
	a, err := m.Service.CustomerName(c.UserContext(), d.CustomerID)
	if err != nil {
		return err
	}
	b, err := DeliveryNotePDF(d, a, m.d.Config, m.d.Clock.Now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`inline; filename="delivery-%d.pdf"`, d.ID))
	return c.Send(b)
}
