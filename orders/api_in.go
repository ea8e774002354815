package orders

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// LineIn is a quote line in a request.
type LineIn struct {
	Kind        string       `json:"kind" validate:"required"`
	Description string       `json:"description" validate:"required"`
	Quantity    money.Number `json:"quantity" validate:"required"`
	Unit        string       `json:"unit" validate:"required"`
	UnitPrice   money.Number `json:"unit_price" validate:"required"`
	VATRate     money.Number `json:"vat_rate" validate:"required"`
	Period      string       `json:"period,omitempty"`
	SKU         string       `json:"sku,omitempty"`
}

// TermsIn picks a terms profile and overrides its fields for this quote.
type TermsIn struct {
	Profile           string `json:"profile,omitempty"`
	InitialTermMonths *int   `json:"initial_term_months,omitempty"`
	RenewalTermMonths *int   `json:"renewal_term_months,omitempty"`
	NoticeMonths      *int   `json:"notice_months,omitempty"`
	NoticeDays        *int   `json:"notice_days,omitempty"`
}

// IndexationIn is the contract's indexation clause (IDX-1): method series (with series and
// reference: a month name or "year_average"), fixed_percentage, or none; optional floor and
// cap in percent.
type IndexationIn struct {
	Method          string       `json:"method,omitempty"`
	Series          string       `json:"series,omitempty"`
	Reference       string       `json:"reference,omitempty"`
	Floor           money.Number `json:"floor,omitempty"`
	Cap             money.Number `json:"cap,omitempty"`
	FixedPercentage money.Number `json:"fixed_percentage,omitempty"`
}

// QuoteIn creates a quote (POST) or changes a draft (PATCH: absent fields stay).
type QuoteIn struct {
	CustomerID     *int64        `json:"customer_id,omitempty"`
	ContactID      *int64        `json:"contact_id,omitempty"` // the contact person it is addressed to
	Title          *string       `json:"title,omitempty"`
	ValidDays      *int          `json:"valid_days,omitempty"`
	Cancellable    *bool         `json:"cancellable,omitempty"`
	FixedPrice     *bool         `json:"fixed_price,omitempty"`
	AdvancePayment *bool         `json:"advance_payment,omitempty"`
	LeadTimeDays   *int          `json:"lead_time_days,omitempty"`
	StartDate      *civil.Date   `json:"start_date,omitempty"`
	Terms          *TermsIn      `json:"terms,omitempty"`
	Indexation     *IndexationIn `json:"indexation,omitempty"`
	Lines          []LineIn      `json:"lines,omitempty"`
}

var monthByName = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

// ReferenceName is the wire form of a reference month: "october" or "year_average".
func ReferenceName(m int) string {
	for name, n := range monthByName {
		if n == m {
			return name
		}
	}
	return "year_average"
}

// apply writes the request onto q (a fresh quote with defaults, or the stored draft),
// collecting every field error of the request.
func (in *QuoteIn) apply(q *Quote, fe *fieldErrors) {
	if in.CustomerID != nil {
		q.CustomerID = *in.CustomerID
	}
	if in.ContactID != nil {
		q.ContactID = in.ContactID
		if *in.ContactID == 0 { // 0: no contact person, the quote goes to the billing address
			q.ContactID = nil
		}
	}
	if in.Title != nil {
		q.Title = strings.TrimSpace(*in.Title)
	}
	if in.ValidDays != nil {
		q.ValidDays = *in.ValidDays
	}
	if in.Cancellable != nil {
		q.Cancellable = *in.Cancellable
	}
	if in.FixedPrice != nil {
		q.FixedPrice = *in.FixedPrice
	}
	if in.AdvancePayment != nil {
		q.AdvancePayment = *in.AdvancePayment
	}
	if in.LeadTimeDays != nil {
		q.LeadTimeDays = *in.LeadTimeDays
	}
	if in.StartDate != nil {
		q.StartDate = *in.StartDate
	}
	if t := in.Terms; t != nil {
		if t.Profile != "" {
			p, ok := LookupTermsProfile(t.Profile)
			if !ok {
				fe.add("terms.profile", "unknown terms profile %q", t.Profile)
			} else {
				// A new profile brings its own indexation clause; re-sending the same
				// profile (the editor always does) keeps the clause the quote has.
				if in.Indexation == nil && q.Terms.Profile != p.Code {
					q.Indexation = p.Indexation
				}
				q.Terms = p.Terms
			}
		}
		if t.NoticeMonths != nil && t.NoticeDays != nil {
			fe.add("terms.notice_days", "give the notice period in months or in days, not both")
		}
		q.Terms = q.Terms.ApplyOverride(TermsOverride{InitialTermMonths: t.InitialTermMonths, RenewalTermMonths: t.RenewalTermMonths,
			NoticeMonths: t.NoticeMonths, NoticeDays: t.NoticeDays})
	}
	if x := in.Indexation; x != nil {
		q.Indexation = x.clause(q.Indexation, fe)
	}
	if in.Lines != nil {
		q.Lines = make([]Line, len(in.Lines))
		for i, l := range in.Lines {
			q.Lines[i] = l.line(fe, fmt.Sprintf("lines[%d].", i))
		}
	}
}

func (x *IndexationIn) clause(base IndexationClause, fe *fieldErrors) IndexationClause {
	c := base
	if x.Method != "" {
		c.Method = IndexMethod(x.Method)
	}
	if x.Series != "" {
		c.SeriesCode = x.Series
	}
	if x.Reference != "" {
		r := strings.ToLower(strings.TrimSpace(x.Reference))
		if m, ok := monthByName[r]; ok {
			c.ReferenceMonth = m
		} else if n, err := strconv.Atoi(r); err == nil && n >= 1 && n <= 12 {
			c.ReferenceMonth = n
		} else if r == "year_average" {
			c.ReferenceMonth = 0
		} else {
			fe.add("indexation.reference", "must be a month name (e.g. october) or year_average")
		}
	}
	if x.Floor.Set() {
		v := x.Floor.Parse(&fe.Fields, "indexation.floor", false)
		c.Floor = &v
	}
	if x.Cap.Set() {
		v := x.Cap.Parse(&fe.Fields, "indexation.cap", false)
		c.Cap = &v
	}
	if x.FixedPercentage.Set() {
		c.FixedPercent = x.FixedPercentage.Parse(&fe.Fields, "indexation.fixed_percentage", false)
	}
	return c
}

func (l LineIn) line(fe *fieldErrors, p string) Line {
	return Line{
		Kind: LineKind(l.Kind), Description: strings.TrimSpace(l.Description), Unit: strings.TrimSpace(l.Unit),
		Quantity: l.Quantity.Parse(&fe.Fields, p+"quantity", true), UnitPrice: l.UnitPrice.Parse(&fe.Fields, p+"unit_price", true),
		VATRate: l.VATRate.Parse(&fe.Fields, p+"vat_rate", true), Period: Period(l.Period), SKU: strings.TrimSpace(l.SKU),
	}
}

// newDraft is a quote with the defaults a new quote starts from: 30 days, the
// default terms profile and its indexation clause (IDX-1).
func newDraft() *Quote {
	p, _ := LookupTermsProfile(DefaultTermsProfile)
	return &Quote{ValidDays: DefaultValidDays, Terms: p.Terms, Indexation: p.Indexation}
}

// AcceptIn accepts a quote; line_ids, when given, must list every line.
type AcceptIn struct {
	AcceptedBy string  `json:"accepted_by" validate:"required"`
	Method     string  `json:"method" validate:"required"`
	LineIDs    []int64 `json:"line_ids,omitempty"`
}

// DeclineIn declines a quote with a reason.
type DeclineIn struct {
	Reason string `json:"reason" validate:"required"`
}

// TerminateIn is a termination notice; the instant it arrived decides the day it counts
// (CAL-3).
type TerminateIn struct {
	NoticeReceivedAt time.Time `json:"notice_received_at" validate:"required"`
}

// ChangeRequestIn asks for extra work on an order.
type ChangeRequestIn struct {
	Description string `json:"description" validate:"required"`
	Necessary   bool   `json:"necessary"`
	Lines       []struct {
		SKU         string       `json:"sku"`
		Description string       `json:"description,omitempty"`
		Quantity    money.Number `json:"quantity"`
	} `json:"lines"`
}

// DecisionIn approves or rejects a change request.
type DecisionIn struct {
	Approve   bool   `json:"approve"`
	DecidedBy string `json:"decided_by" validate:"required"`
}

// PreconditionIn records that a lead-time precondition was met.
type PreconditionIn struct {
	Precondition string `json:"precondition" validate:"required"`
	On           string `json:"on,omitempty"`
}

// ExtensionIn records a lead-time extension.
type ExtensionIn struct {
	WorkingDays int    `json:"working_days"`
	Reason      string `json:"reason"`
	Note        string `json:"note"`
}

// SeriesIn registers an index series (IDX-1).
type SeriesIn struct {
	Code        string `json:"code" validate:"required"`
	Name        string `json:"name" validate:"required"`
	Base        string `json:"base" validate:"required"`
	RebasedFrom string `json:"rebased_from,omitempty"`
}

// ValueIn is one monthly index value.
type ValueIn struct {
	Period string       `json:"period"`
	Value  money.Number `json:"value"`
}

// IndexationRunIn starts an indexation proposal (dry_run: compute without storing).
type IndexationRunIn struct {
	Year   int  `json:"year" validate:"required"`
	DryRun bool `json:"dry_run"`
}
