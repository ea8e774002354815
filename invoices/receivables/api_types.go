package receivables

import (
	"strconv"

	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
)

// PaymentIn records a payment.
type PaymentIn struct {
	CustomerID int64        `json:"customer_id" validate:"required,gt=0"`
	Amount     money.Amount `json:"amount" validate:"dgt=0,scale=2"`
	ReceivedOn civil.Date   `json:"received_on" validate:"required"`
	Reference  string       `json:"reference,omitempty" validate:"max=300"`
	InvoiceID  *int64       `json:"invoice_id,omitempty"`
}

// AllocationOut is the part of a payment applied to one invoice (art. 6:44 BW split).
type AllocationOut struct {
	InvoiceID   int64        `json:"invoice_id"`
	Number      string       `json:"number"`
	AppliedOn   civil.Date   `json:"applied_on"`
	Amount      money.Amount `json:"amount"`
	ToCosts     money.Amount `json:"to_costs"`
	ToInterest  money.Amount `json:"to_interest"`
	ToPrincipal money.Amount `json:"to_principal"`
}

// PaymentOut is a payment on the wire.
type PaymentOut struct {
	ID          int64           `json:"id"`
	CustomerID  int64           `json:"customer_id"`
	Kind        string          `json:"kind"`
	Amount      money.Amount    `json:"amount"`
	ReceivedOn  civil.Date      `json:"received_on"`
	Reference   string          `json:"reference"`
	InvoiceID   *int64          `json:"invoice_id,omitempty"`
	ReversesID  *int64          `json:"reverses_id,omitempty"`
	Allocations []AllocationOut `json:"allocations,omitempty"`
	Unallocated *money.Amount   `json:"unallocated,omitempty"`
}

// ReverseIn reverses a payment.
type ReverseIn struct {
	Note string `json:"note" validate:"max=500"`
}

// RefundIn pays unallocated credit back.
type RefundIn struct {
	CustomerID int64        `json:"customer_id" validate:"required,gt=0"`
	Amount     money.Amount `json:"amount" validate:"dgt=0,scale=2"`
	Note       string       `json:"note" validate:"max=500"`
}

// ImportOut tells what a statement import did.
type ImportOut struct {
	StatementID int64 `json:"statement_id"`
	Credits     int   `json:"credits"`
	Added       int   `json:"added"`
	Matched     int   `json:"matched"`
	Unmatched   int   `json:"unmatched"`
}

// BankEntryOut is a credit entry of a statement.
type BankEntryOut struct {
	ID         int64        `json:"id"`
	Ref        string       `json:"ref"`
	BookedOn   civil.Date   `json:"booked_on"`
	Amount     money.Amount `json:"amount"`
	DebtorName string       `json:"debtor_name"`
	DebtorIBAN string       `json:"debtor_iban"`
	Remittance string       `json:"remittance"`
	PaymentID  *int64       `json:"payment_id"`
}

// AssignIn assigns an unmatched bank entry.
type AssignIn struct {
	CustomerID int64  `json:"customer_id" validate:"required,gt=0"`
	InvoiceID  *int64 `json:"invoice_id,omitempty"`
}

// RateIO is a statutory interest rate with the day it is valid from.
type RateIO struct {
	ValidFrom civil.Date   `json:"valid_from" validate:"required"`
	Rate      money.Amount `json:"rate" validate:"dgte=0,dlte=100,scale=2"`
}

// LineOut is an interest period.
type LineOut struct {
	From   civil.Date   `json:"from"`
	To     civil.Date   `json:"to"`
	Days   int          `json:"days"`
	Rate   money.Amount `json:"rate"`
	Base   money.Amount `json:"base"`
	Amount money.Amount `json:"amount"`
}

// ClaimOut is the claim on an invoice on a day, every line explained.
type ClaimOut struct {
	InvoiceID             int64        `json:"invoice_id"`
	Number                string       `json:"number"`
	On                    civil.Date   `json:"on"`
	DueDate               civil.Date   `json:"due_date"`
	TermsProfile          string       `json:"terms_profile"`
	Stage                 string       `json:"stage"`
	Principal             money.Amount `json:"principal"`
	InterestFrom          civil.Date   `json:"interest_from"`
	InterestLines         []LineOut    `json:"interest_lines"`
	Interest              money.Amount `json:"interest"`
	InterestClaimable     bool         `json:"interest_claimable"`
	InterestClaimableFrom *civil.Date  `json:"interest_claimable_from"`
	CollectionCosts       money.Amount `json:"collection_costs"`
	CostsDueFrom          *civil.Date  `json:"collection_costs_due_from"`
	Paid                  money.Amount `json:"paid"`
	Credited              money.Amount `json:"credited"`
	Total                 money.Amount `json:"total"`
	Explanation           string       `json:"explanation"`
}

// DisputeIn on the wire.
type DisputeBody struct {
	Reason       string        `json:"reason" validate:"required,max=2000"`
	DisputedPart *money.Amount `json:"disputed_part,omitempty" validate:"omitempty,dgt=0,scale=2"`
}

// ResolveBody ends a dispute.
type ResolveBody struct {
	Resolution string `json:"resolution" validate:"max=2000"`
}

// DisputeOut is a dispute on the wire.
type DisputeOut struct {
	ID           int64         `json:"id"`
	InvoiceID    int64         `json:"invoice_id"`
	Reason       string        `json:"reason"`
	DisputedPart *money.Amount `json:"disputed_part,omitempty"`
	RaisedOn     civil.Date    `json:"raised_on"`
	ResolvedOn   *civil.Date   `json:"resolved_on,omitempty"`
	Resolution   string        `json:"resolution,omitempty"`
}

// StepOut is a dunning step on the wire.
type StepOut struct {
	ID        int64        `json:"id"`
	Stage     string       `json:"stage"`
	SentOn    civil.Date   `json:"sent_on"`
	Deadline  civil.Date   `json:"deadline"`
	Principal money.Amount `json:"principal"`
	Interest  money.Amount `json:"interest"`
	Costs     money.Amount `json:"costs"`
}

// DunningOut is an invoice's dunning history.
type DunningOut struct {
	Stage    string       `json:"stage"`
	Steps    []StepOut    `json:"steps"`
	Disputes []DisputeOut `json:"disputes"`
}

// RunOut tells what a dunning run did.
type RunOut struct {
	Steps int `json:"steps"`
}

// AppendJSON writes the payment as encoding/json does (httpx.RowJSON: the payment list's
// rows; TestRowJSONMatchesEncodingJSON).
func (p *PaymentOut) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"id":`...), p.ID, 10)
	b = strconv.AppendInt(append(b, `,"customer_id":`...), p.CustomerID, 10)
	b = httpx.JSONString(append(b, `,"kind":`...), p.Kind)
	b = p.Amount.AppendJSON(append(b, `,"amount":`...))
	b = p.ReceivedOn.AppendJSON(append(b, `,"received_on":`...))
	b = httpx.JSONString(append(b, `,"reference":`...), p.Reference)
	if p.InvoiceID != nil {
		b = strconv.AppendInt(append(b, `,"invoice_id":`...), *p.InvoiceID, 10)
	}
	if p.ReversesID != nil {
		b = strconv.AppendInt(append(b, `,"reverses_id":`...), *p.ReversesID, 10)
	}
	if len(p.Allocations) > 0 {
		b = httpx.JSONValue(append(b, `,"allocations":`...), p.Allocations)
	}
	if p.Unallocated != nil {
		b = p.Unallocated.AppendJSON(append(b, `,"unallocated":`...))
	}
	return append(b, '}')
}

// AppendJSON writes the bank entry as encoding/json does (httpx.RowJSON).
func (e *BankEntryOut) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"id":`...), e.ID, 10)
	b = httpx.JSONString(append(b, `,"ref":`...), e.Ref)
	b = e.BookedOn.AppendJSON(append(b, `,"booked_on":`...))
	b = e.Amount.AppendJSON(append(b, `,"amount":`...))
	b = httpx.JSONString(append(b, `,"debtor_name":`...), e.DebtorName)
	b = httpx.JSONString(append(b, `,"debtor_iban":`...), e.DebtorIBAN)
	b = httpx.JSONString(append(b, `,"remittance":`...), e.Remittance)
	b = httpx.JSONOptInt(append(b, `,"payment_id":`...), e.PaymentID)
	return append(b, '}')
}
