package orders

import (
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// LineOut is a priced line on the wire.
type LineOut struct {
	ID          int64        `json:"id"`
	Position    int          `json:"position"`
	Kind        string       `json:"kind"`
	Description string       `json:"description"`
	Quantity    string       `json:"quantity"`
	Unit        string       `json:"unit"`
	UnitPrice   money.Amount `json:"unit_price"`
	VATRate     string       `json:"vat_rate"`
	Period      *string      `json:"period"`
	SKU         string       `json:"sku"`
	LineTotal   money.Amount `json:"line_total"`
	PriceSource string       `json:"price_source,omitempty"` // change requests: agreed_rate | standard_rate
}

// VATOut is the VAT of one rate.
type VATOut struct {
	Rate string       `json:"rate"`
	Base money.Amount `json:"base"`
	VAT  money.Amount `json:"vat"`
}

// TotalsOut are net, VAT (per rate, rounded once per rate) and gross.
type TotalsOut struct {
	Net              money.Amount `json:"net"`
	VAT              money.Amount `json:"vat"`
	Gross            money.Amount `json:"gross"`
	PerRate          []VATOut     `json:"vat_per_rate,omitempty"`
	OneOff           money.Amount `json:"one_off"`
	RecurringMonthly money.Amount `json:"recurring_monthly"`
	RecurringYearly  money.Amount `json:"recurring_yearly"`
}

// TermsOut are a quote's or contract's terms.
type TermsOut struct {
	Profile           string `json:"profile"`
	InitialTermMonths int    `json:"initial_term_months"`
	RenewalTermMonths int    `json:"renewal_term_months"`
	NoticeMonths      int    `json:"notice_months"`
	NoticeDays        int    `json:"notice_days"`
	NoticeMethod      string `json:"notice_method"`
	PriceChangeRule   string `json:"price_change_rule"`
}

// ClauseOut is an indexation clause (IDX-1).
type ClauseOut struct {
	Method          string  `json:"method"`
	Series          string  `json:"series,omitempty"`
	Reference       string  `json:"reference,omitempty"`
	Floor           *string `json:"floor"`
	Cap             *string `json:"cap"`
	FixedPercentage *string `json:"fixed_percentage"`
	Text            string  `json:"text"`
}

// AcceptanceOut records who accepted, when and how.
type AcceptanceOut struct {
	AcceptedBy string    `json:"accepted_by"`
	Method     string    `json:"method"`
	At         time.Time `json:"at"`
	// SignedPDF is the download of the signed quote kept with an acceptance by signed PDF.
	SignedPDF string `json:"signed_pdf,omitempty"`
}

// QuoteOut is a quote version on the wire. Status is derived when read.
type QuoteOut struct {
	ID                 int64          `json:"id"`
	Number             string         `json:"number"`
	Version            int            `json:"version"`
	CustomerID         int64          `json:"customer_id"`
	CustomerName       string         `json:"customer_name"`
	ContactID          *int64         `json:"contact_id"`
	Title              string         `json:"title"`
	Status             string         `json:"status"`
	ValidDays          int            `json:"valid_days"`
	Cancellable        bool           `json:"cancellable"`
	FixedPrice         bool           `json:"fixed_price"`
	AdvancePayment     bool           `json:"advance_payment"`
	LeadTimeDays       int            `json:"lead_time_days"`
	StartDate          *civil.Date    `json:"start_date"`
	Terms              TermsOut       `json:"terms"`
	Indexation         ClauseOut      `json:"indexation"`
	Lines              []LineOut      `json:"lines,omitempty"`
	Totals             TotalsOut      `json:"totals"`
	CreatedAt          time.Time      `json:"created_at"`
	SentAt             *time.Time     `json:"sent_at"`
	ValidUntil         *civil.Date    `json:"valid_until"`
	AcceptableUntil    *time.Time     `json:"acceptable_until"` // end of valid_until, Amsterdam time
	Acceptance         *AcceptanceOut `json:"acceptance"`
	DeclineReason      *string        `json:"decline_reason"`
	OrderID            *int64         `json:"order_id"`
	ContractID         *int64         `json:"contract_id,omitempty"`
	ReminderDueOrSent  bool           `json:"expiring_soon"`
	PartialAcceptance  bool           `json:"partial_acceptance_allowed"` // always false
	AcceptanceMethods  []string       `json:"acceptance_methods"`
	ConfirmationByMail bool           `json:"confirmation_by_email"`
}

// PlanOut is the indicative delivery planning of an order.
type PlanOut struct {
	LeadTimeStarted bool        `json:"lead_time_started"`
	LeadTimeStart   *civil.Date `json:"lead_time_start"`
	Missing         []string    `json:"missing_preconditions"`
	LeadTimeDays    int         `json:"lead_time_working_days"`
	ExtensionDays   int         `json:"extension_working_days"`
	TargetDate      *civil.Date `json:"target_date"`
	Indicative      bool        `json:"target_date_indicative"` // always true: target dates bind nobody
}

// PreconditionsOut are the dates the lead-time preconditions were met.
type PreconditionsOut struct {
	DetailsAgreed          *civil.Date `json:"details_agreed"`
	DataSupplied           *civil.Date `json:"data_supplied"`
	QuoteAccepted          *civil.Date `json:"quote_accepted"`
	AdvancePaymentRequired bool        `json:"advance_payment_required"`
	AdvancePaymentReceived *civil.Date `json:"advance_payment_received"`
}

// ExtensionOut is a recorded lead-time extension.
type ExtensionOut struct {
	ID          int64     `json:"id"`
	WorkingDays int       `json:"working_days"`
	Reason      string    `json:"reason"`
	Note        string    `json:"note"`
	RecordedAt  time.Time `json:"recorded_at"`
}

// ChangeRequestOut is extra work with its financial consequence.
type ChangeRequestOut struct {
	ID               int64        `json:"id"`
	OrderID          int64        `json:"order_id"`
	Description      string       `json:"description"`
	Necessary        bool         `json:"necessary"`
	Status           string       `json:"status"`
	ApprovalRequired bool         `json:"approval_required"`
	WorkMayStart     bool         `json:"work_may_start"`
	Lines            []LineOut    `json:"lines"`
	Totals           TotalsOut    `json:"totals"`
	FixedPrice       bool         `json:"fixed_price"`
	OrderNetBefore   money.Amount `json:"order_net_before"`
	OrderNetAfter    money.Amount `json:"order_net_after"`
	Consequence      string       `json:"financial_consequence"`
	RequestedAt      time.Time    `json:"requested_at"`
	DecidedAt        *time.Time   `json:"decided_at"`
	DecidedBy        string       `json:"decided_by,omitempty"`
}

// OrderOut is an order on the wire.
type OrderOut struct {
	ID                 int64              `json:"id"`
	Number             string             `json:"number"`
	QuoteID            int64              `json:"quote_id"`
	QuoteNumber        string             `json:"quote_number"`
	CustomerID         int64              `json:"customer_id"`
	CustomerName       string             `json:"customer_name"`
	Title              string             `json:"title"`
	Status             string             `json:"status"`
	StartDate          civil.Date         `json:"start_date"`
	Cancellable        bool               `json:"cancellable"`
	FixedPrice         bool               `json:"fixed_price"`
	FreeCancelUntil    *string            `json:"free_cancellation_until,omitempty"`
	Lines              []LineOut          `json:"lines,omitempty"`
	Totals             *TotalsOut         `json:"totals,omitempty"`
	Net                money.Amount       `json:"net"`
	Preconditions      PreconditionsOut   `json:"preconditions"`
	Plan               *PlanOut           `json:"delivery,omitempty"`
	Extensions         []ExtensionOut     `json:"extensions,omitempty"`
	ChangeRequests     []ChangeRequestOut `json:"change_requests,omitempty"`
	ContractID         *int64             `json:"contract_id"`
	CreatedAt          time.Time          `json:"created_at"`
	CancelledAt        *time.Time         `json:"cancelled_at"`
	CancellationFee    *money.Amount      `json:"cancellation_fee"`
	CancellationReason string             `json:"cancellation_reason,omitempty"`
}

// ContractLineOut is a recurring fee.
type ContractLineOut struct {
	ID          int64        `json:"id"`
	Description string       `json:"description"`
	Quantity    string       `json:"quantity"`
	Unit        string       `json:"unit"`
	SKU         string       `json:"sku"`
	Fee         money.Amount `json:"fee"`
	Period      string       `json:"period"`
	VATRate     string       `json:"vat_rate"`
	FeeSince    civil.Date   `json:"fee_since"`
}

// TerminationOut is a recorded notice and its effect (Q-8, CAL-3, Q-9).
type TerminationOut struct {
	NoticeReceivedAt time.Time  `json:"notice_received_at"`
	DeemedDelivered  civil.Date `json:"deemed_delivered"`
	NoticeDeadline   civil.Date `json:"notice_deadline"`
	OnTime           bool       `json:"on_time"`
	EndDate          civil.Date `json:"end_date"`
	Rule             string     `json:"rule"`
	Reason           string     `json:"reason"`
}

// ContractOut is a service contract on the wire.
type ContractOut struct {
	ID                int64             `json:"id"`
	Number            string            `json:"number"`
	CustomerID        int64             `json:"customer_id"`
	CustomerName      string            `json:"customer_name"`
	OrderID           int64             `json:"order_id"`
	QuoteID           int64             `json:"quote_id"`
	OrderNumber       string            `json:"order_number,omitempty"`
	QuoteNumber       string            `json:"quote_number,omitempty"`
	StartDate         civil.Date        `json:"start_date"`
	InitialTermMonths int               `json:"initial_term_months"`
	RenewalTermMonths int               `json:"renewal_term_months"`
	NoticeMonths      int               `json:"notice_months"`
	NoticeDays        int               `json:"notice_days"`
	Terms             TermsOut          `json:"terms"`
	CurrentTermEnd    civil.Date        `json:"current_term_end"`
	NoticeDeadline    civil.Date        `json:"notice_deadline"`
	Status            string            `json:"status"`
	EndDate           *civil.Date       `json:"end_date"`
	Lines             []ContractLineOut `json:"lines"`
	Indexation        ClauseOut         `json:"indexation"`
	Termination       *TerminationOut   `json:"termination"`
}

// SeriesOut is an index series with its values.
type SeriesOut struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Base        string     `json:"base"`
	RebasedFrom string     `json:"rebased_from,omitempty"`
	Values      []ValueOut `json:"values"`
}

// ValueOut is one monthly index value.
type ValueOut struct {
	Period string `json:"period"`
	Value  string `json:"value"`
}

// ValuesResult reports an upload of values.
type ValuesResult struct {
	Created int    `json:"created"`
	Updated int    `json:"updated"`
	Skipped int    `json:"skipped,omitempty"`
	Column  string `json:"column,omitempty"`
}

// PointOut is an index value used by a proposal.
type PointOut struct {
	Period       string `json:"period"`
	Series       string `json:"series"`
	Value        string `json:"value"`
	ChainedValue string `json:"chained_value"`
}

// ProposalOut is the proposed indexation of one contract line.
type ProposalOut struct {
	ContractID       int64        `json:"contract_id"`
	ContractLineID   int64        `json:"contract_line_id"`
	Effective        civil.Date   `json:"effective"`
	OldFee           money.Amount `json:"old_fee"`
	NewFee           money.Amount `json:"new_fee"`
	Factor           string       `json:"factor"`
	Method           string       `json:"method"`
	Series           string       `json:"series,omitempty"`
	IndexNew         []PointOut   `json:"index_new"`
	IndexPrevious    []PointOut   `json:"index_previous"`
	Outcome          string       `json:"outcome"`
	Rule             string       `json:"rule"`
	Reason           string       `json:"reason"`
	Bounded          string       `json:"bounded,omitempty"`
	TerminationRight bool         `json:"termination_right"`
}

// RunOut is an indexation run (or a dry run, without id).
type RunOut struct {
	ID          int64         `json:"id,omitempty"`
	Year        int           `json:"year"`
	Status      string        `json:"status"`
	AnnouncedOn civil.Date    `json:"announced_on"`
	Effective   civil.Date    `json:"effective"`
	CreatedAt   time.Time     `json:"created_at"`
	AppliedAt   *time.Time    `json:"applied_at"`
	Proposals   []ProposalOut `json:"proposals"`
	Changes     int           `json:"changes"`
	Blocked     int           `json:"blocked"`
}

// ProfileOut is a terms profile.
type ProfileOut struct {
	Code       string    `json:"code"`
	Name       string    `json:"name"`
	Source     string    `json:"source"`
	Terms      TermsOut  `json:"terms"`
	Indexation ClauseOut `json:"indexation"`
}

// StandardRateOut is an entry of the standard rate list.
type StandardRateOut struct {
	SKU         string       `json:"sku"`
	Description string       `json:"description"`
	Kind        string       `json:"kind"`
	Unit        string       `json:"unit"`
	UnitPrice   money.Amount `json:"unit_price"`
	VATRate     string       `json:"vat_rate"`
}
