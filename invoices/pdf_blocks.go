package invoices

import (
	"bytes"

	"github.com/go-pdf/fpdf"

	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

func linesTable(d *pdfdoc.Doc, lines []pdfLine) {
	lang := d.L.Lang
	cols := []pdfdoc.Column{{Head: d.T("pdf.col.description"), Width: 70}, {Head: d.T("pdf.col.quantity"), Width: 14, Right: true},
		{Head: d.T("pdf.col.unit"), Width: 16}, {Head: d.T("pdf.col.price"), Width: 24, Right: true},
		{Head: d.T("pdf.col.vat"), Width: 22, Right: true}, {Head: d.T("pdf.col.amount"), Width: 28, Right: true}}
	var rows []pdfdoc.Row
	for _, ln := range lines {
		rows = append(rows, pdfdoc.Row{Sub: ln.Period, Cells: []string{ln.Description, i18n.QuantityIn(lang, ln.Quantity), ln.Unit,
			i18n.Money(lang, ln.UnitPrice), ln.VAT, i18n.Money(lang, ln.Net)}})
	}
	d.Table(cols, rows)
}

func totalsBlock(d *pdfdoc.Doc, p *pdfDoc) {
	lang := d.L.Lang
	rows := []pdfdoc.Total{{Label: d.T("pdf.subtotal"), Value: i18n.Money(lang, p.Net)}}
	for _, v := range p.Per {
		label := d.T("pdf.vat_over", map[string]any{"Rate": vatLabel(d.L, v.Category, v.Rate), "Base": i18n.Money(lang, v.Base)})
		rows = append(rows, pdfdoc.Total{Label: label, Value: i18n.Money(lang, v.VAT)})
	}
	label := d.T("pdf.total")
	if p.Credit {
		label = d.T("pdf.total_credited")
	}
	d.Totals(append(rows, pdfdoc.Total{Label: label, Value: i18n.Money(lang, p.Gross), Bold: true, Rule: true}))
}

func notesBlock(d *pdfdoc.Doc, p *pdfDoc) {
	inv := p.Inv
	lang := inv.Language
	if note := VATNote(lang, Categories(p.Per)); note != "" {
		d.SetFont("Helvetica", "B", 9)
		d.MultiCell(0, 5, d.Tr(note), "", "L", false)
		d.Ln(1)
	}
	if p.Credit {
		d.Text(d.T("pdf.credit_settles", map[string]any{"Invoice": inv.NumberOr()}))
		return
	}
	if d.GetY() > 225 {
		d.AddPage()
	}
	y := d.GetY() + 2
	d.SetY(y)
	d.SetFont("Helvetica", "B", 10)
	d.CellFormat(130, 6, d.Tr(d.T("pdf.payment")), "", 1, "L", false, 0, "")
	d.SetFont("Helvetica", "", 9)
	pay := d.T("pdf.pay_text", map[string]any{"Amount": i18n.Money(lang, p.Payable), "Due": i18n.Date(lang, *inv.DueDate),
		"IBAN": inv.Supplier.IBAN, "Name": inv.Supplier.Name, "Reference": inv.PaymentReference, "Days": inv.PaymentTermDays})
	d.MultiCell(130, 5, d.Tr(pay), "", "L", false)
	if png, err := qrPNG(EPCPayload(inv.Supplier.Name, inv.Supplier.IBAN, inv.Supplier.BIC, p.Payable, inv.PaymentReference)); err == nil && p.Payable.IsPositive() {
		d.RegisterImageOptionsReader("epc", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		d.ImageOptions("epc", 160, y, 32, 32, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		d.SetXY(150, y+32)
		d.SetFont("Helvetica", "", 7)
		d.CellFormat(52, 4, d.Tr(d.T("pdf.scan_to_pay")), "", 1, "C", false, 0, "")
	}
}
