package invoices

import (
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// Response types of the API (separate from the domain types).

// CustomerOut is the customer as on the invoice (a snapshot once issued).
type CustomerOut struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Street     string `json:"street"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Country    string `json:"country"`
	KvK        string `json:"kvk"`
	VATID      string `json:"vat_id"`
}

// LineOut is one invoice line.
type LineOut struct {
	ID          int64           `json:"id"`
	Description string          `json:"description"`
	LineKind    string          `json:"line_kind"`
	Quantity    decimal.Decimal `json:"quantity"`
	Unit        string          `json:"unit"`
	UnitPrice   money.Amount    `json:"unit_price"`
	VATRate     string          `json:"vat_rate"`
	VATCategory string          `json:"vat_category"`
	Net         money.Amount    `json:"net"`
	PeriodStart *civil.Date     `json:"period_start,omitempty"`
	PeriodEnd   *civil.Date     `json:"period_end,omitempty"`
	ChargeID    *int64          `json:"charge_id,omitempty"`
	Source      string          `json:"source,omitempty"` // domain/kind/id of the charge
}

// VATOut is the VAT of one rate.
type VATOut struct {
	Rate     string       `json:"rate"`
	Category string       `json:"category"`
	Base     money.Amount `json:"base"`
	VAT      money.Amount `json:"vat"`
}

// TotalsOut are the invoice totals.
type TotalsOut struct {
	Net        money.Amount `json:"net"`
	VAT        money.Amount `json:"vat"`
	Gross      money.Amount `json:"gross"`
	VATPerRate []VATOut     `json:"vat_per_rate"`
}

// InvoiceOut is an invoice as the API shows it.
type InvoiceOut struct {
	ID              int64        `json:"id"`
	Number          *string      `json:"number"`
	Status          string       `json:"status"` // draft, issued, overdue, paid, credited
	IssueDate       *civil.Date  `json:"issue_date"`
	DueDate         *civil.Date  `json:"due_date"`
	PaymentTermDays int          `json:"payment_term_days"`
	Customer        CustomerOut  `json:"customer"`
	Lines           []LineOut    `json:"lines"`
	Totals          TotalsOut    `json:"totals"`
	VATNote         string       `json:"vat_note"`
	Note            string       `json:"note"`
	PurchaseOrder   string       `json:"purchase_order"`
	PaymentRef      string       `json:"payment_reference"`
	Language        string       `json:"language"`
	Paid            money.Amount `json:"paid"`
	Credited        money.Amount `json:"credited"`
	Balance         money.Amount `json:"balance"`
	SettledOn       *civil.Date  `json:"settled_on"`
	RunID           *int64       `json:"run_id,omitempty"`
}

func vatOut(per []VATAmount) []VATOut {
	out := make([]VATOut, len(per))
	for i, p := range per {
		out[i] = VATOut{Rate: p.Rate, Category: p.Category, Base: money.Of(p.Base), VAT: money.Of(p.VAT)}
	}
	return out
}

func invoiceOut(d *Document, today civil.Date) InvoiceOut {
	inv := d.Invoice
	o := InvoiceOut{ID: inv.ID, Number: inv.Number, Status: inv.DisplayStatus(today), IssueDate: inv.IssueDate, DueDate: inv.DueDate,
		PaymentTermDays: inv.PaymentTermDays,
		Customer: CustomerOut{ID: inv.CustomerID, Name: inv.CustomerName, Street: inv.CustomerStreet, PostalCode: inv.CustomerPostalCode,
			City: inv.CustomerCity, Country: inv.CustomerCountry, KvK: inv.CustomerKvK, VATID: inv.CustomerVATID},
		Lines:   []LineOut{},
		Totals:  TotalsOut{Net: money.Of(inv.Net), VAT: money.Of(inv.VAT), Gross: money.Of(inv.Gross), VATPerRate: vatOut(inv.VATPerRate)},
		VATNote: inv.VATNote, Note: inv.Note, PurchaseOrder: inv.PurchaseOrder, PaymentRef: inv.PaymentReference, Language: inv.Language,
		Paid: money.Of(inv.Paid), Credited: money.Of(inv.Credited), Balance: money.Of(inv.Balance()), SettledOn: inv.SettledOn, RunID: inv.RunID}
	for _, l := range d.Lines {
		lo := LineOut{ID: l.ID, Description: l.Description, LineKind: l.LineKind, Quantity: l.Quantity, Unit: l.Unit,
			UnitPrice: money.Of(l.UnitPrice), VATRate: l.VATRate, VATCategory: l.VATCategory, Net: money.Of(l.Net),
			PeriodStart: l.PeriodStart, PeriodEnd: l.PeriodEnd, ChargeID: l.ChargeID}
		if l.SourceDomain != "" {
			lo.Source = l.SourceDomain + "/" + l.SourceKind + "/" + itoa(l.SourceID)
		}
		o.Lines = append(o.Lines, lo)
	}
	return o
}

// InvoiceSummary is an invoice in a list.
type InvoiceSummary struct {
	ID         int64        `json:"id"`
	Number     *string      `json:"number"`
	Status     string       `json:"status"`
	CustomerID int64        `json:"customer_id"`
	Customer   string       `json:"customer"`
	IssueDate  *civil.Date  `json:"issue_date"`
	DueDate    *civil.Date  `json:"due_date"`
	Net        money.Amount `json:"net"`
	Gross      money.Amount `json:"gross"`
	Balance    money.Amount `json:"balance"`
}

func summaryOut(inv *Invoice, today civil.Date) InvoiceSummary {
	return InvoiceSummary{ID: inv.ID, Number: inv.Number, Status: inv.DisplayStatus(today), CustomerID: inv.CustomerID, Customer: inv.CustomerName,
		IssueDate: inv.IssueDate, DueDate: inv.DueDate, Net: money.Of(inv.Net), Gross: money.Of(inv.Gross), Balance: money.Of(inv.Balance())}
}

// CreditLineOut is a credit note line.
type CreditLineOut struct {
	InvoiceLineID int64           `json:"invoice_line_id"`
	Description   string          `json:"description"`
	Quantity      decimal.Decimal `json:"quantity"`
	Unit          string          `json:"unit"`
	UnitPrice     money.Amount    `json:"unit_price"`
	VATRate       string          `json:"vat_rate"`
	VATCategory   string          `json:"vat_category"`
	Net           money.Amount    `json:"net"`
}

// CreditNoteOut is a credit note.
type CreditNoteOut struct {
	ID            int64           `json:"id"`
	Number        string          `json:"number"`
	IssueDate     civil.Date      `json:"issue_date"`
	InvoiceID     int64           `json:"invoice_id"`
	InvoiceNumber string          `json:"invoice_number"`
	CustomerID    int64           `json:"customer_id"`
	Reason        string          `json:"reason"`
	Lines         []CreditLineOut `json:"lines"`
	Totals        TotalsOut       `json:"totals"`
}

func creditOut(d *CreditDocument) CreditNoteOut {
	n := d.Note
	o := CreditNoteOut{ID: n.ID, Number: n.Number, IssueDate: n.IssueDate, InvoiceID: n.InvoiceID, InvoiceNumber: d.Invoice.NumberOr(),
		CustomerID: n.CustomerID, Reason: n.Reason, Lines: []CreditLineOut{},
		Totals: TotalsOut{Net: money.Of(n.Net), VAT: money.Of(n.VAT), Gross: money.Of(n.Gross), VATPerRate: vatOut(n.VATPerRate)}}
	for _, l := range d.Lines {
		o.Lines = append(o.Lines, CreditLineOut{InvoiceLineID: l.InvoiceLineID, Description: l.Description, Quantity: l.Quantity, Unit: l.Unit,
			UnitPrice: money.Of(l.UnitPrice), VATRate: l.VATRate, VATCategory: l.VATCategory, Net: money.Of(l.Net)})
	}
	return o
}

func itoa(n int64) string { return decimal.NewFromInt(n).String() }
