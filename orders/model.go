package orders

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// LineKind says what a quote line sells; it decides which rules apply to the line
// (recurring lines become contracts, trainings have their own cancellation rule).
type LineKind string

// The kinds of quote lines.
const (
	KindHardware   LineKind = "hardware"
	KindService    LineKind = "service"
	KindRecurring  LineKind = "recurring"
	KindSecondment LineKind = "secondment"
	KindTraining   LineKind = "training"
)

// Valid reports whether k is a known kind.
func (k LineKind) Valid() bool {
	switch k {
	case KindHardware, KindService, KindRecurring, KindSecondment, KindTraining:
		return true
	}
	return false
}

// Period is the billing period of a recurring fee.
type Period string

// Billing periods of recurring lines.
const (
	PeriodMonth Period = "month"
	PeriodYear  Period = "year"
)

// Valid reports whether p is a known period.
func (p Period) Valid() bool { return p == PeriodMonth || p == PeriodYear }

// QuoteStatus is the life-cycle state of a quote version.
type QuoteStatus string

// Quote states. Expired is derived when read from a sent quote past its validity.
const (
	QuoteDraft      QuoteStatus = "draft"
	QuoteSent       QuoteStatus = "sent"
	QuoteAccepted   QuoteStatus = "accepted"
	QuoteDeclined   QuoteStatus = "declined"
	QuoteWithdrawn  QuoteStatus = "withdrawn"
	QuoteSuperseded QuoteStatus = "superseded"
	QuoteExpired    QuoteStatus = "expired"
)

// Valid reports whether s is a known status.
func (s QuoteStatus) Valid() bool {
	switch s {
	case QuoteDraft, QuoteSent, QuoteAccepted, QuoteDeclined, QuoteWithdrawn, QuoteSuperseded, QuoteExpired:
		return true
	}
	return false
}

// AcceptanceMethod is how the customer accepted.
type AcceptanceMethod string

// Acceptance methods.
const (
	AcceptPortal    AcceptanceMethod = "portal"
	AcceptSignedPDF AcceptanceMethod = "signed_pdf"
	AcceptEmail     AcceptanceMethod = "email"
)

// Valid reports whether m is a known method.
func (m AcceptanceMethod) Valid() bool {
	return m == AcceptPortal || m == AcceptSignedPDF || m == AcceptEmail
}

// Default quote parameters.
const (
	DefaultValidDays = 30
	MaxValidDays     = 365
)

// vatRates are the Dutch VAT rates a quote line may carry (INV-1): standard 21%, reduced 9%,
// and 0% (zero rate, exports and reverse-charged EU services).
var vatRates = []decimal.Decimal{decimal.NewFromInt(21), decimal.NewFromInt(9), decimal.Zero}

// IsKnownVATRate reports whether r is one of the Dutch VAT rates.
func IsKnownVATRate(r decimal.Decimal) bool {
	for _, v := range vatRates {
		if v.Equal(r) {
			return true
		}
	}
	return false
}

// Line is one priced line of a quote or an order. Prices exclude VAT.
type Line struct {
	ID          int64
	Position    int
	Kind        LineKind
	Description string
	Quantity    decimal.Decimal
	Unit        string
	UnitPrice   decimal.Decimal
	VATRate     decimal.Decimal
	Period      Period // only for recurring lines
	SKU         string
}

// Total is quantity × unit price, rounded half away from zero to cents: the first of the two
// rounding points of a quote.
func (l Line) Total() decimal.Decimal { return RoundCents(l.Quantity.Mul(l.UnitPrice)) }

// RoundCents rounds half away from zero to two decimals, the house rounding for money.
func RoundCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// VATLine is the VAT of one rate: the base is the sum of the line totals at that rate and the
// VAT is rounded once per rate.
type VATLine struct {
	Rate decimal.Decimal
	Base decimal.Decimal
	VAT  decimal.Decimal
}

// Totals are the money summary of a quote or order. Recurring lines count with one period's
// fee; RecurringMonthly/RecurringYearly show what continues after the first invoice.
type Totals struct {
	Net              decimal.Decimal
	VAT              decimal.Decimal
	Gross            decimal.Decimal
	PerRate          []VATLine
	OneOff           decimal.Decimal
	RecurringMonthly decimal.Decimal
	RecurringYearly  decimal.Decimal
}

// Quote is one version of a quote. Revising creates a new version with the same number; the
// old version becomes superseded.
type Quote struct {
	ID          int64
	Number      string
	Version     int
	CustomerID  int64
	Title       string
	Status      QuoteStatus
	ValidDays   int
	Cancellable bool
	FixedPrice  bool
	// AdvancePayment: an (instalment) payment is due before the lead time starts.
	AdvancePayment bool
	// LeadTimeDays is the delivery lead time in working days once it starts.
	LeadTimeDays int
	StartDate    civil.Date
	Terms        ContractTerms
	Indexation   IndexationClause
	Lines        []Line
	CreatedBy    int64
	// ContactID is the customer's contact person the quote is addressed to (its e-mails go
	// to them by name); nil: the billing address.
	ContactID  *int64
	CreatedAt  time.Time
	SentAt     *time.Time
	ValidUntil civil.Date
	Acceptance *Acceptance
	Declined   *Decline
	// CustomerName and StoredTotals are filled when read from the store; lists carry the
	// stored totals instead of lines.
	CustomerName string
	StoredTotals *StoredTotals
	// OrderID and ContractID are the order an accepted quote became and its newest
	// contract (0 when none), filled by the read of one quote and by AcceptQuote.
	OrderID, ContractID int64
}

// StoredTotals are the totals saved with a quote version, so lists need not load lines.
type StoredTotals struct {
	Net   decimal.Decimal
	VAT   decimal.Decimal
	Gross decimal.Decimal
}

// Acceptance records who accepted a quote, when and how.
type Acceptance struct {
	AcceptedBy string
	Method     AcceptanceMethod
	At         time.Time
	UserID     int64 // the portal or staff user who recorded it; 0 when unknown
	// SignedFileID is the stored signed copy (uploads, owner kind "quote") of an
	// acceptance by signed PDF; 0 when none was kept.
	SignedFileID int64
}

// Decline records a customer's refusal with its reason.
type Decline struct {
	Reason string
	At     time.Time
}

// QuoteNumber formats the yearly gapless sequence: Q2026-0001.
func QuoteNumber(year int, seq int64) string { return fmt.Sprintf("Q%d-%04d", year, seq) }

// OrderNumber formats the yearly gapless order sequence: O2026-0001.
func OrderNumber(year int, seq int64) string { return fmt.Sprintf("O%d-%04d", year, seq) }

// ContractNumber formats the yearly gapless contract sequence: C2026-0001.
func ContractNumber(year int, seq int64) string { return fmt.Sprintf("C%d-%04d", year, seq) }
