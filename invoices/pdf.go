package invoices

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

// pdfLine is a line as printed (invoice or credit note).
type pdfLine struct {
	Description string
	Period      string
	Quantity    decimal.Decimal
	Unit        string
	UnitPrice   decimal.Decimal
	VAT         string
	Net         decimal.Decimal
}

// pdfDoc is what the invoice and the credit note PDF have in common.
type pdfDoc struct {
	Credit    bool
	Draft     bool // a preview: no number yet, nothing to pay with
	Number    string
	IssueDate civil.Date
	Inv       *Invoice
	Lines     []pdfLine
	Per       []VATAmount
	Net, VAT  decimal.Decimal
	Gross     decimal.Decimal
	Payable   decimal.Decimal
	Reason    string
}

// PDF renders an issued invoice ("Factuur", or "Invoice" in English) with every field
// art. 35a Wet OB asks for, the VAT summary per rate, the VAT notes, payment term, due
// date, payment reference and an EPC QR code for a banking app.
func PDF(d *Document, now time.Time) ([]byte, error) {
	inv := d.Invoice
	l := i18n.For(inv.Language)
	p := &pdfDoc{Number: inv.NumberOr(), Inv: inv, Per: inv.VATPerRate, Net: inv.Net, VAT: inv.VAT, Gross: inv.Gross, Payable: inv.Balance()}
	if inv.Status == Draft {
		p.Draft, p.Number = true, l.T("pdf.draft")
	}
	if inv.IssueDate != nil {
		p.IssueDate = *inv.IssueDate
	}
	for _, ln := range d.Lines {
		pl := pdfLine{Description: ln.Description, Quantity: ln.Quantity, Unit: unitLabel(l, ln.Unit), UnitPrice: ln.UnitPrice,
			VAT: vatLabel(l, ln.VATCategory, ln.VATRate), Net: ln.Net}
		if ln.PeriodStart != nil && ln.PeriodEnd != nil {
			pl.Period = i18n.Date(inv.Language, *ln.PeriodStart) + " – " + i18n.Date(inv.Language, *ln.PeriodEnd)
		} else if ln.BillableOn != nil && ln.LineKind == "goods" && (inv.IssueDate == nil || *ln.BillableOn != *inv.IssueDate) {
			pl.Period = l.T("pdf.delivered_on", map[string]any{"Date": i18n.Date(inv.Language, *ln.BillableOn)})
		}
		p.Lines = append(p.Lines, pl)
	}
	return render(p, now)
}

// CreditPDF renders a credit note ("Creditfactuur") referring to its invoice.
func CreditPDF(d *CreditDocument, now time.Time) ([]byte, error) {
	inv := d.Invoice
	l := i18n.For(inv.Language)
	p := &pdfDoc{Credit: true, Number: d.Note.Number, IssueDate: d.Note.IssueDate, Inv: inv, Per: d.Note.VATPerRate, Net: d.Note.Net,
		VAT: d.Note.VAT, Gross: d.Note.Gross, Payable: d.Note.Gross, Reason: d.Note.Reason}
	for _, ln := range d.Lines {
		p.Lines = append(p.Lines, pdfLine{Description: ln.Description, Quantity: ln.Quantity, Unit: unitLabel(l, ln.Unit), UnitPrice: ln.UnitPrice,
			VAT: vatLabel(l, ln.VATCategory, ln.VATRate), Net: ln.Net})
	}
	return render(p, now)
}

func unitLabel(l *i18n.Localizer, unit string) string { return pdfdoc.Unit(l, unit) }

func vatLabel(l *i18n.Localizer, cat, rate string) string {
	switch cat {
	case CatStandard, CatZero:
		if d, err := decimal.NewFromString(rate); err == nil {
			return i18n.Percent(l.Lang, d) // 21 %, as every page and document writes a rate
		}
		return rate + "%"
	}
	return l.T("pdf.vat_cat." + cat)
}

func render(p *pdfDoc, now time.Time) ([]byte, error) {
	inv, sup := p.Inv, p.Inv.Supplier
	lang := inv.Language
	l := i18n.For(lang)
	title := l.T("pdf.invoice")
	if p.Credit {
		title = l.T("pdf.credit_note")
	}
	co := pdfdoc.Company{Name: sup.Name, Address: sup.Address, KvK: sup.KvK, VATID: sup.VATID, IBAN: sup.IBAN, BIC: sup.BIC}
	doc := pdfdoc.New(co, lang, title, title+" "+p.Number, now)

	// The customer (left) and the facts (right).
	cust := pdfdoc.Addressee{Name: inv.CustomerName, Attn: inv.BillingContact, Street: inv.CustomerStreet, PostalCode: inv.CustomerPostalCode,
		City: inv.CustomerCity, Country: inv.CustomerCountry, KvK: inv.CustomerKvK, VATID: inv.CustomerVATID}.Lines(l)
	numLabel, dateLabel := l.T("pdf.number"), l.T("pdf.date")
	if p.Credit {
		numLabel, dateLabel = l.T("pdf.credit_number"), l.T("pdf.credit_date")
	}
	facts := []pdfdoc.Fact{{Label: numLabel, Value: p.Number}, {Label: dateLabel, Value: i18n.Date(lang, p.IssueDate)}}
	if p.Credit {
		facts = append(facts, pdfdoc.Fact{Label: l.T("pdf.corrects"), Value: inv.NumberOr() + " (" + i18n.Date(lang, *inv.IssueDate) + ")"})
	} else {
		facts = append(facts, pdfdoc.Fact{Label: l.T("pdf.due"), Value: i18n.Date(lang, *inv.DueDate)})
		if inv.DeliveryDate != nil && *inv.DeliveryDate != p.IssueDate {
			facts = append(facts, pdfdoc.Fact{Label: l.T("pdf.delivery_date"), Value: i18n.Date(lang, *inv.DeliveryDate)})
		}
	}
	facts = append(facts, pdfdoc.Fact{Label: l.T("pdf.customer_number"), Value: fmt.Sprint(inv.CustomerID)})
	if inv.PurchaseOrder != "" {
		facts = append(facts, pdfdoc.Fact{Label: l.T("pdf.your_reference"), Value: inv.PurchaseOrder})
	}
	doc.Parties("", cust, facts)
	if p.Reason != "" {
		doc.Text(l.T("pdf.reason") + ": " + p.Reason)
	}
	if inv.Note != "" && !p.Credit {
		doc.Text(inv.Note)
	}
	linesTable(doc, p.Lines)
	totalsBlock(doc, p)
	notesBlock(doc, p)
	b, err := doc.Bytes()
	if err != nil {
		return nil, fmt.Errorf("invoices: render PDF: %w", err)
	}
	return b, nil
}

// EPCPayload is the EPC069-12 "SEPA credit transfer" QR content (version 002): the
// beneficiary, IBAN, amount and the invoice number as remittance.
func EPCPayload(name, iban, bic string, amount decimal.Decimal, reference string) string {
	return strings.Join([]string{"BCD", "002", "1", "SCT", bic, truncate(name, 70), iban, "EUR" + amount.StringFixed(2), "", "", truncate(reference, 140)}, "\n")
}

func qrPNG(payload string) ([]byte, error) {
	code, err := qr.Encode(payload, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	code, err = barcode.Scale(code, 300, 300)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
