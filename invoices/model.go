package invoices

import (
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// Invoice statuses (overdue is derived when read).
const (
	Draft    = "draft"
	Issued   = "issued"
	Paid     = "paid"
	Credited = "credited"
	Overdue  = "overdue"
)

// Grouping of a customer's charges into invoices.
const (
	GroupOne          = "one"
	GroupPerAgreement = "per_agreement"
)

// DefaultPaymentTermDays is INV-2's default: payment within 14 days of the invoice date.
const DefaultPaymentTermDays = 14

// Errors of the invoice use cases.
var (
	ErrImmutable        = problem.Conflict("invoice_immutable", "the invoice is issued and cannot change; correct it with a credit note")
	ErrEmpty            = problem.New(422, "invoice_empty", "the invoice has no lines")
	ErrNoAddress        = problem.New(422, "customer_address_missing", "the customer has no complete address (street, postal code, city)")
	ErrCreditExceeds    = problem.Conflict("credit_exceeds_invoice", "the credit note would credit more than was invoiced")
	ErrNotIssued        = problem.Conflict("invoice_not_issued", "only an issued invoice can be credited")
	ErrSettlementTooBig = problem.Conflict("settlement_exceeds_invoice", "paid and credited together exceed the invoice total")
)

// Supplier is our company as printed on the invoice (from configuration, snapshotted).
type Supplier struct {
	Name    string `json:"name"`
	Address string `json:"address"` // one line: "Keizersgracht 1, 1015 CC Amsterdam"
	KvK     string `json:"kvk"`
	VATID   string `json:"vat_id"`
	IBAN    string `json:"iban"`
	BIC     string `json:"bic"`
}

// VATAmount is the VAT of one rate and category: base and VAT rounded once per rate.
type VATAmount struct {
	Rate     string          `json:"rate"`     // 21, 9, 0, exempt
	Category string          `json:"category"` // S, Z, E, AE, K, G, O
	Percent  decimal.Decimal `json:"percent"`
	Base     decimal.Decimal `json:"base"`
	VAT      decimal.Decimal `json:"vat"`
}

// Invoice is a draft or issued invoice. After issue every field is frozen except the
// settlement (Paid, Credited, SettledOn, Status issued→paid|credited) and MailedAt.
type Invoice struct {
	bun.BaseModel `bun:"table:invoices,alias:q"`

	ID              int64       `bun:"id,pk,autoincrement"`
	CustomerID      int64       `bun:"customer_id"`
	Status          string      `bun:"status"`
	Number          *string     `bun:"number"`
	IssueDate       *civil.Date `bun:"issue_date,type:date"`
	DueDate         *civil.Date `bun:"due_date,type:date"`
	PaymentTermDays int         `bun:"payment_term_days"`
	AgreementKind   *string     `bun:"agreement_kind"`
	AgreementID     *int64      `bun:"agreement_id"`
	RunID           *int64      `bun:"run_id"`
	Note            string      `bun:"note"`
	PurchaseOrder   string      `bun:"purchase_order"`
	TermsProfile    string      `bun:"terms_profile"`
	Language        string      `bun:"language"`

	CustomerName       string `bun:"customer_name"`
	CustomerStreet     string `bun:"customer_street"`
	CustomerPostalCode string `bun:"customer_postal_code"`
	CustomerCity       string `bun:"customer_city"`
	CustomerCountry    string `bun:"customer_country"`
	CustomerKvK        string `bun:"customer_kvk"`
	CustomerVATID      string `bun:"customer_vat_id"`
	BillingContact     string `bun:"billing_contact"`
	BillingEmail       string `bun:"billing_email"`

	Supplier         Supplier        `bun:"supplier,type:jsonb"`
	Net              decimal.Decimal `bun:"net,type:numeric"`
	VAT              decimal.Decimal `bun:"vat,type:numeric"`
	Gross            decimal.Decimal `bun:"gross,type:numeric"`
	VATPerRate       []VATAmount     `bun:"vat_per_rate,type:jsonb"`
	VATNote          string          `bun:"vat_note"`
	DeliveryDate     *civil.Date     `bun:"delivery_date,type:date"`
	PaymentReference string          `bun:"payment_reference"`

	Paid      decimal.Decimal `bun:"paid,type:numeric"`
	Credited  decimal.Decimal `bun:"credited,type:numeric"`
	SettledOn *civil.Date     `bun:"settled_on,type:date"`
	MailedAt  *time.Time      `bun:"mailed_at"`

	CreatedAt time.Time  `bun:"created_at"`
	UpdatedAt time.Time  `bun:"updated_at"`
	IssuedAt  *time.Time `bun:"issued_at"`
}

// Balance is what is still to be paid: gross less payments and credit notes.
func (inv *Invoice) Balance() decimal.Decimal { return inv.Gross.Sub(inv.Paid).Sub(inv.Credited) }

// DisplayStatus derives overdue for an issued invoice past its due date (INV-2).
func (inv *Invoice) DisplayStatus(today civil.Date) string {
	if inv.Status == Issued && inv.DueDate != nil && today.After(*inv.DueDate) && inv.Balance().IsPositive() {
		return Overdue
	}
	return inv.Status
}

// NumberOr returns the number, or "" for a draft.
func (inv *Invoice) NumberOr() string {
	if inv.Number == nil {
		return ""
	}
	return *inv.Number
}

// Line is one invoice line: from a charge (ChargeID set) or added by hand to a draft.
type Line struct {
	bun.BaseModel `bun:"table:invoice_lines"`

	ID            int64           `bun:"id,pk,autoincrement"`
	InvoiceID     int64           `bun:"invoice_id"`
	Position      int             `bun:"position"`
	ChargeID      *int64          `bun:"charge_id"`
	Description   string          `bun:"description"`
	LineKind      string          `bun:"line_kind"`
	Quantity      decimal.Decimal `bun:"quantity,type:numeric"`
	Unit          string          `bun:"unit"`
	UnitPrice     decimal.Decimal `bun:"unit_price,type:numeric"`
	VATRate       string          `bun:"vat_rate"`
	VATCategory   string          `bun:"vat_category"`
	Net           decimal.Decimal `bun:"net,type:numeric"`
	PeriodStart   *civil.Date     `bun:"period_start,type:date"`
	PeriodEnd     *civil.Date     `bun:"period_end,type:date"`
	BillableOn    *civil.Date     `bun:"billable_on,type:date"`
	SourceDomain  string          `bun:"source_domain"`
	SourceKind    string          `bun:"source_kind"`
	SourceID      int64           `bun:"source_id"`
	AgreementKind string          `bun:"agreement_kind"`
	AgreementID   int64           `bun:"agreement_id"`
}

// Document is an invoice with its lines.
type Document struct {
	Invoice *Invoice
	Lines   []Line
}

// CreditNote corrects (part of) an issued invoice; its own gapless series.
type CreditNote struct {
	bun.BaseModel `bun:"table:credit_notes"`

	ID         int64           `bun:"id,pk,autoincrement"`
	InvoiceID  int64           `bun:"invoice_id"`
	CustomerID int64           `bun:"customer_id"`
	Number     string          `bun:"number"`
	IssueDate  civil.Date      `bun:"issue_date,type:date"`
	Reason     string          `bun:"reason"`
	Net        decimal.Decimal `bun:"net,type:numeric"`
	VAT        decimal.Decimal `bun:"vat,type:numeric"`
	Gross      decimal.Decimal `bun:"gross,type:numeric"`
	VATPerRate []VATAmount     `bun:"vat_per_rate,type:jsonb"`
	CreatedAt  time.Time       `bun:"created_at"`
	// InvoiceNumber is the credited invoice's number, read with the credit note list.
	InvoiceNumber *string `bun:"invoice_number,scanonly"`
}

// CreditLine is one line of a credit note, crediting (part of) an invoice line.
type CreditLine struct {
	bun.BaseModel `bun:"table:credit_note_lines"`

	ID            int64           `bun:"id,pk,autoincrement"`
	CreditNoteID  int64           `bun:"credit_note_id"`
	InvoiceLineID int64           `bun:"invoice_line_id"`
	Position      int             `bun:"position"`
	Description   string          `bun:"description"`
	Quantity      decimal.Decimal `bun:"quantity,type:numeric"`
	Unit          string          `bun:"unit"`
	UnitPrice     decimal.Decimal `bun:"unit_price,type:numeric"`
	VATRate       string          `bun:"vat_rate"`
	VATCategory   string          `bun:"vat_category"`
	Net           decimal.Decimal `bun:"net,type:numeric"`
}

// CreditDocument is a credit note with its lines and the invoice it corrects.
type CreditDocument struct {
	Note    *CreditNote
	Lines   []CreditLine
	Invoice *Invoice
}

// Settings is how a customer is invoiced.
type Settings struct {
	bun.BaseModel `bun:"table:invoice_settings"`

	CustomerID      int64     `bun:"customer_id,pk"`
	Grouping        string    `bun:"grouping"`
	PaymentTermDays *int      `bun:"payment_term_days"`
	BillingContact  string    `bun:"billing_contact"`
	BillingEmail    *string   `bun:"billing_email"`
	UpdatedAt       time.Time `bun:"updated_at"`
}

// Customer is what an invoice needs of a customer (read from the foundation's table and
// the invoice settings).
type Customer struct {
	ID              int64
	Name            string
	Street          string
	PostalCode      string
	City            string
	Country         string
	KvK             string
	VATID           string
	Language        string
	BillingEmail    string
	BillingContact  string
	Grouping        string
	PaymentTermDays *int
}

// HasAddress: an invoice needs the customer's full address (art. 35a lid 1).
func (c *Customer) HasAddress() bool {
	return c.Name != "" && c.Street != "" && c.PostalCode != "" && c.City != "" && c.Country != ""
}

var amsterdam = clock.Amsterdam
