package receivables

import (
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// invoiceRow is the part of an issued invoice receivables reads; it writes only the
// settlement columns (paid, status, settled_on), which the immutability trigger allows.
type invoiceRow struct {
	bun.BaseModel `bun:"table:invoices,alias:i"`

	ID               int64           `bun:"id,pk"`
	CustomerID       int64           `bun:"customer_id"`
	Status           string          `bun:"status"`
	Number           string          `bun:"number"`
	IssueDate        civil.Date      `bun:"issue_date"`
	DueDate          civil.Date      `bun:"due_date"`
	TermsProfile     string          `bun:"terms_profile"`
	Language         string          `bun:"language"`
	CustomerName     string          `bun:"customer_name"`
	CustomerStreet   string          `bun:"customer_street"`
	CustomerPostal   string          `bun:"customer_postal_code"`
	CustomerCity     string          `bun:"customer_city"`
	CustomerCountry  string          `bun:"customer_country"`
	CustomerKvK      string          `bun:"customer_kvk"`
	CustomerVATID    string          `bun:"customer_vat_id"`
	BillingContact   string          `bun:"billing_contact"`
	BillingEmail     string          `bun:"billing_email"`
	Gross            decimal.Decimal `bun:"gross"`
	PaymentReference string          `bun:"payment_reference"`
	Paid             decimal.Decimal `bun:"paid"`
	Credited         decimal.Decimal `bun:"credited"`
	SettledOn        *civil.Date     `bun:"settled_on"`
}

func (r *invoiceRow) balance() decimal.Decimal { return r.Gross.Sub(r.Paid).Sub(r.Credited) }

type rateRow struct {
	bun.BaseModel `bun:"table:interest_rates"`

	ValidFrom civil.Date      `bun:"valid_from,pk"`
	Rate      decimal.Decimal `bun:"rate"`
	UpdatedAt time.Time       `bun:"updated_at"`
}

// Payment is money received from (or, as a refund, paid back to) a customer, or the
// reversal of one. Rows are never edited.
type Payment struct {
	bun.BaseModel `bun:"table:payments,alias:p"`

	ID         int64           `bun:"id,pk,autoincrement"`
	CustomerID int64           `bun:"customer_id"`
	Kind       string          `bun:"kind"`
	Amount     decimal.Decimal `bun:"amount"`
	ReceivedOn civil.Date      `bun:"received_on"`
	Reference  string          `bun:"reference"`
	InvoiceID  *int64          `bun:"invoice_id"`
	ReversesID *int64          `bun:"reverses_id"`
	Note       string          `bun:"note"`
	CreatedBy  *int64          `bun:"created_by"`
	CreatedAt  time.Time       `bun:"created_at"`
}

// Allocation is the part of a payment applied to one invoice.
type Allocation struct {
	bun.BaseModel `bun:"table:allocations,alias:a"`

	ID          int64           `bun:"id,pk,autoincrement"`
	PaymentID   int64           `bun:"payment_id"`
	InvoiceID   int64           `bun:"invoice_id"`
	AppliedOn   civil.Date      `bun:"applied_on"`
	Amount      decimal.Decimal `bun:"amount"`
	ToCosts     decimal.Decimal `bun:"to_costs"`
	ToInterest  decimal.Decimal `bun:"to_interest"`
	ToPrincipal decimal.Decimal `bun:"to_principal"`
	CreatedAt   time.Time       `bun:"created_at"`
	Number      string          `bun:"number,scanonly"`
}

type statementRow struct {
	bun.BaseModel `bun:"table:bank_statements"`

	ID         int64     `bun:"id,pk,autoincrement"`
	Account    string    `bun:"account"`
	Filename   string    `bun:"filename"`
	Credits    int       `bun:"credits"`
	Added      int       `bun:"added"`
	UploadedBy *int64    `bun:"uploaded_by"`
	CreatedAt  time.Time `bun:"created_at"`
}

// BankEntry is a credit entry of an imported statement.
type BankEntry struct {
	bun.BaseModel `bun:"table:bank_entries,alias:b"`

	ID          int64           `bun:"id,pk,autoincrement"`
	StatementID int64           `bun:"statement_id"`
	Ref         string          `bun:"ref"`
	Account     string          `bun:"account"`
	BookedOn    civil.Date      `bun:"booked_on"`
	Amount      decimal.Decimal `bun:"amount"`
	Currency    string          `bun:"currency"`
	DebtorName  string          `bun:"debtor_name"`
	DebtorIBAN  string          `bun:"debtor_iban"`
	Remittance  string          `bun:"remittance"`
	PaymentID   *int64          `bun:"payment_id"`
	AssignedBy  *int64          `bun:"assigned_by"`
	AssignedAt  *time.Time      `bun:"assigned_at"`
	CreatedAt   time.Time       `bun:"created_at"`
}

type disputeRow struct {
	bun.BaseModel `bun:"table:invoice_disputes,alias:d"`

	ID           int64            `bun:"id,pk,autoincrement"`
	InvoiceID    int64            `bun:"invoice_id"`
	CustomerID   int64            `bun:"customer_id"`
	Reason       string           `bun:"reason"`
	DisputedPart *decimal.Decimal `bun:"disputed_part"`
	RaisedOn     civil.Date       `bun:"raised_on"`
	RaisedBy     *int64           `bun:"raised_by"`
	ResolvedOn   *civil.Date      `bun:"resolved_on"`
	Resolution   string           `bun:"resolution"`
	ResolvedBy   *int64           `bun:"resolved_by"`
	CreatedAt    time.Time        `bun:"created_at"`
}

type stepRow struct {
	bun.BaseModel `bun:"table:dunning_steps,alias:s"`

	ID         int64           `bun:"id,pk,autoincrement"`
	InvoiceID  int64           `bun:"invoice_id"`
	CustomerID int64           `bun:"customer_id"`
	Stage      string          `bun:"stage"`
	SentOn     civil.Date      `bun:"sent_on"`
	Deadline   civil.Date      `bun:"deadline"`
	Principal  decimal.Decimal `bun:"principal"`
	Interest   decimal.Decimal `bun:"interest"`
	Costs      decimal.Decimal `bun:"costs"`
	Language   string          `bun:"language"`
	LetterPDF  []byte          `bun:"letter_pdf"`
	CreatedAt  time.Time       `bun:"created_at"`
}

type creditRow struct {
	InvoiceID int64           `bun:"invoice_id"`
	Number    string          `bun:"number"`
	IssueDate civil.Date      `bun:"issue_date"`
	Gross     decimal.Decimal `bun:"gross"`
}
