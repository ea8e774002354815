package events

import (
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// More kinds, published by the invoices and hardware domains and handled by others.
const (
	InvoiceDunningStage = "invoice.dunning_stage" // InvoiceStagePayload
	CreditNoteIssued    = "credit_note.issued"    // CreditNotePayload
	DefectReported      = "defect.reported"       // DefectReportedPayload (tickets open a defect ticket)
	TicketCreated       = "ticket.created"        // TicketCreatedPayload (origin links back, e.g. to a defect report)
)

// OrderLine is a line of an accepted order as other domains need it (hardware plans
// deliveries of the hardware lines; their charges are made per delivery, INV-7).
type OrderLine struct {
	OrderLineID int64           `json:"order_line_id"`
	Kind        string          `json:"kind"` // hardware, service, recurring, secondment, training
	SKU         string          `json:"sku,omitempty"`
	Description string          `json:"description"`
	Quantity    decimal.Decimal `json:"quantity"`
	Unit        string          `json:"unit"`
	UnitPrice   decimal.Decimal `json:"unit_price"`
	Discount    decimal.Decimal `json:"discount_percent"` // HW-7: discounted hardware has no warranty
	VATRate     string          `json:"vat_rate"`
}

// QuoteAcceptedPayload is published with quote.accepted (entity "order", the order id).
type QuoteAcceptedPayload struct {
	QuoteID      int64       `json:"quote_id"`
	OrderID      int64       `json:"order_id"`
	OrderNumber  string      `json:"order_number"` // O2026-0012: how other domains name the order
	ContractID   *int64      `json:"contract_id,omitempty"`
	CustomerID   int64       `json:"customer_id"`
	TermsProfile string      `json:"terms_profile"` // 002, 003, 004 …
	AcceptedAt   time.Time   `json:"accepted_at"`
	Lines        []OrderLine `json:"lines"`
}

// OrderCancelledPayload is published with order.cancelled (entity "order").
type OrderCancelledPayload struct {
	OrderID    int64     `json:"order_id"`
	CustomerID int64     `json:"customer_id"`
	At         time.Time `json:"at"`
}

// ContractTerminatedPayload is published with contract.terminated (entity "contract").
type ContractTerminatedPayload struct {
	ContractID int64      `json:"contract_id"`
	OrderID    int64      `json:"order_id"`
	CustomerID int64      `json:"customer_id"`
	EndsOn     civil.Date `json:"ends_on"`
}

// StatementFinalisedPayload is published with statement.finalised (entity "statement").
type StatementFinalisedPayload struct {
	StatementID int64  `json:"statement_id"`
	PlacementID int64  `json:"placement_id"`
	CustomerID  int64  `json:"customer_id"`
	Month       string `json:"month"` // YYYY-MM
}

// TicketResolvedPayload is published with ticket.resolved (entity "ticket").
type TicketResolvedPayload struct {
	TicketID   int64  `json:"ticket_id"`
	CustomerID int64  `json:"customer_id"`
	Resolution string `json:"resolution"`
}

// TicketCreatedPayload is published with ticket.created (entity "ticket"); Origin names
// the record that opened it ("hardware/defect_report/5"), empty for an ordinary ticket.
type TicketCreatedPayload struct {
	TicketID   int64  `json:"ticket_id"`
	Number     string `json:"number"`
	CustomerID int64  `json:"customer_id"`
	Origin     string `json:"origin,omitempty"`
}

// ChargeRef is a charge on an invoice, with what it bills and the agreement it belongs to.
type ChargeRef struct {
	ChargeID      int64  `json:"charge_id"`
	SourceDomain  string `json:"source_domain"`
	SourceKind    string `json:"source_kind"`
	SourceID      int64  `json:"source_id"`
	AgreementKind string `json:"agreement_kind"`
	AgreementID   int64  `json:"agreement_id"`
}

// InvoicePayload is published with invoice.issued and invoice.paid (entity "invoice").
// PaidOn is the day the balance reached zero (invoice.paid only).
type InvoicePayload struct {
	InvoiceID  int64       `json:"invoice_id"`
	CustomerID int64       `json:"customer_id"`
	Number     string      `json:"number"`
	IssueDate  civil.Date  `json:"issue_date"`
	DueDate    civil.Date  `json:"due_date"`
	PaidOn     *civil.Date `json:"paid_on,omitempty"`
	Gross      string      `json:"gross"`
	Charges    []ChargeRef `json:"charges"`
}

// InvoiceStagePayload is published with invoice.dunning_stage (entity "invoice") each
// time an invoice reaches a dunning stage (first_reminder … default_notice, collection).
type InvoiceStagePayload struct {
	InvoiceID  int64       `json:"invoice_id"`
	CustomerID int64       `json:"customer_id"`
	Stage      string      `json:"stage"`
	On         civil.Date  `json:"on"`
	Charges    []ChargeRef `json:"charges"`
}

// CreditNotePayload is published with credit_note.issued (entity "invoice", the corrected
// invoice's id, so it is delivered in order with that invoice's events).
type CreditNotePayload struct {
	CreditNoteID int64       `json:"credit_note_id"`
	InvoiceID    int64       `json:"invoice_id"`
	CustomerID   int64       `json:"customer_id"`
	Number       string      `json:"number"`
	Gross        string      `json:"gross"`
	Charges      []ChargeRef `json:"charges"`
}

// DefectReportedPayload is published with defect.reported (entity "defect_report").
type DefectReportedPayload struct {
	ReportID    int64     `json:"report_id"`
	ItemID      int64     `json:"item_id"`
	CustomerID  int64     `json:"customer_id"`
	ReporterID  *int64    `json:"reporter_id,omitempty"`
	Serial      string    `json:"serial"`
	Product     string    `json:"product"`
	Kind        string    `json:"kind"` // visible, hidden
	Description string    `json:"description"`
	InTime      bool      `json:"in_time"`
	ReportedAt  time.Time `json:"reported_at"`
}
