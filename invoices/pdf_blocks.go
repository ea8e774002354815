package invoices

import (
	"bytes"

	"github.com/go-pdf/fpdf"

	"backoffice/internal/i18n"
)

func linesTable(pdf *fpdf.Fpdf, tr func(string) string, l *i18n.Localizer, lines []pdfLine) {
	w := []float64{70, 14, 16, 24, 22, 28}
	head := []string{l.T("pdf.col.description"), l.T("pdf.col.quantity"), l.T("pdf.col.unit"), l.T("pdf.col.price"), l.T("pdf.col.vat"), l.T("pdf.col.amount")}
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(235, 238, 243)
	for i, h := range head {
		align := "R"
		if i == 0 || i == 2 {
			align = "L"
		}
		pdf.CellFormat(w[i], 7, tr(h), "B", 0, align, true, 0, "")
	}
	pdf.Ln(-1)
	for _, ln := range lines {
		x, y := pdf.GetXY()
		if y > 250 {
			pdf.AddPage()
			x, y = pdf.GetXY()
		}
		pdf.SetFont("Helvetica", "", 9)
		pdf.MultiCell(w[0], 5, tr(ln.Description), "", "L", false)
		if ln.Period != "" {
			pdf.SetFont("Helvetica", "", 7.5)
			pdf.SetTextColor(90, 90, 90)
			pdf.MultiCell(w[0], 4, tr(ln.Period), "", "L", false)
			pdf.SetTextColor(0, 0, 0)
			pdf.SetFont("Helvetica", "", 9)
		}
		h := pdf.GetY() - y
		pdf.SetXY(x+w[0], y)
		cells := []string{i18n.Quantity(ln.Quantity), ln.Unit, i18n.Euro(ln.UnitPrice), ln.VAT, i18n.Euro(ln.Net)}
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

func totalsBlock(pdf *fpdf.Fpdf, tr func(string) string, l *i18n.Localizer, p *pdfDoc) {
	row := func(label, value string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetX(100)
		pdf.SetFont("Helvetica", style, 9.5)
		pdf.CellFormat(66, 5.5, tr(label), "", 0, "L", false, 0, "")
		pdf.CellFormat(26, 5.5, tr(value), "", 1, "R", false, 0, "")
	}
	row(l.T("pdf.subtotal"), i18n.Euro(p.Net), false)
	for _, v := range p.Per {
		label := l.T("pdf.vat_over", map[string]any{"Rate": vatLabel(l, v.Category, v.Rate), "Base": i18n.Euro(v.Base)})
		row(label, i18n.Euro(v.VAT), false)
	}
	pdf.Line(100, pdf.GetY(), 192, pdf.GetY())
	label := l.T("pdf.total")
	if p.Credit {
		label = l.T("pdf.total_credited")
	}
	row(label, i18n.Euro(p.Gross), true)
	pdf.Ln(4)
}

func notesBlock(pdf *fpdf.Fpdf, tr func(string) string, l *i18n.Localizer, p *pdfDoc) {
	inv := p.Inv
	lang := inv.Language
	pdf.SetFont("Helvetica", "", 9)
	if note := VATNote(lang, Categories(p.Per)); note != "" {
		pdf.SetFont("Helvetica", "B", 9)
		pdf.MultiCell(0, 5, tr(note), "", "L", false)
		pdf.SetFont("Helvetica", "", 9)
		pdf.Ln(1)
	}
	if p.Credit {
		pdf.MultiCell(0, 5, tr(l.T("pdf.credit_settles", map[string]any{"Invoice": inv.NumberOr()})), "", "L", false)
		return
	}
	if pdf.GetY() > 225 {
		pdf.AddPage()
	}
	y := pdf.GetY() + 2
	pdf.SetY(y)
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(130, 6, tr(l.T("pdf.payment")), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	pay := l.T("pdf.pay_text", map[string]any{"Amount": i18n.Euro(p.Payable), "Due": i18n.Date(lang, *inv.DueDate),
		"IBAN": inv.Supplier.IBAN, "Name": inv.Supplier.Name, "Reference": inv.PaymentReference, "Days": inv.PaymentTermDays})
	pdf.MultiCell(130, 5, tr(pay), "", "L", false)
	if png, err := qrPNG(EPCPayload(inv.Supplier.Name, inv.Supplier.IBAN, inv.Supplier.BIC, p.Payable, inv.PaymentReference)); err == nil && p.Payable.IsPositive() {
		pdf.RegisterImageOptionsReader("epc", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		pdf.ImageOptions("epc", 160, y, 32, 32, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		pdf.SetXY(150, y+32)
		pdf.SetFont("Helvetica", "", 7)
		pdf.CellFormat(52, 4, tr(l.T("pdf.scan_to_pay")), "", 1, "C", false, 0, "")
	}
}
