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
	inv := p.Inv
	settled := !p.Credit && !p.Draft && (inv.Paid.IsPositive() || inv.Credited.IsPositive())
	switch {
	case p.Credit:
		label = d.T("pdf.total_credited")
	case settled:
		label = d.T("pdf.total_invoice")
	}
	rows = append(rows, pdfdoc.Total{Label: label, Value: i18n.Money(lang, p.Gross), Bold: !settled, Rule: true})
	if settled { // what was credited or paid already, and what is left: the amount the payment block asks for
		if inv.Credited.IsPositive() {
			rows = append(rows, pdfdoc.Total{Label: d.T("pdf.credited"), Value: i18n.Money(lang, inv.Credited.Neg())})
		}
		if inv.Paid.IsPositive() {
			rows = append(rows, pdfdoc.Total{Label: d.T("pdf.paid"), Value: i18n.Money(lang, inv.Paid.Neg())})
		}
		rows = append(rows, pdfdoc.Total{Label: d.T("pdf.balance"), Value: i18n.Money(lang, p.Payable), Bold: true, Rule: true})
	}
	d.Totals(rows)
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
	if !p.Payable.IsPositive() {
		d.MultiCell(130, 5, d.Tr(d.T("pdf.nothing_due")), "", "L", false)
		return
	}
	ref := inv.PaymentReference
	if p.Draft {
		ref = d.T("pdf.draft_reference")
	}
	pay := d.T("pdf.pay_text", map[string]any{"Amount": i18n.Money(lang, p.Payable), "Due": i18n.Date(lang, *inv.DueDate),
		"IBAN": inv.Supplier.IBAN, "Name": inv.Supplier.Name, "Reference": ref, "Days": inv.PaymentTermDays})
	d.MultiCell(130, 5, d.Tr(pay), "", "L", false)
	if p.Draft { // a preview has no payment reference yet: no code to pay it with
		return
	}
	if png, err := qrPNG(EPCPayload(inv.Supplier.Name, inv.Supplier.IBAN, inv.Supplier.BIC, p.Payable, inv.PaymentReference)); err == nil {
		d.RegisterImageOptionsReader("epc", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		x := 210 - pdfdoc.Margin - qrSize
		d.ImageOptions("epc", x, y, qrSize, qrSize, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		d.SetXY(x, y+qrSize)
		d.SetFont("Helvetica", "", 7)
		d.MultiCell(qrSize, 3.2, d.Tr(d.T("pdf.scan_to_pay")), "", "C", false) // under the code, within the margin
	}
}

// qrSize is the side of the EPC QR code, in mm, at the right margin beside the payment text.
const qrSize = 32.0
