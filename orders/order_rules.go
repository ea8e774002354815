package orders

import (
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// OrderStatus is the life-cycle state of an order.
type OrderStatus string

// Order states.
const (
	OrderOpen      OrderStatus = "open"
	OrderCancelled OrderStatus = "cancelled"
)

// Order is what an accepted quote becomes: the agreed lines, start date and options. The
// accepted quote is part of the agreement.
type Order struct {
	ID              int64
	Number          string
	QuoteID         int64
	QuoteNumber     string
	CustomerID      int64
	Title           string
	Status          OrderStatus
	StartDate       civil.Date
	Cancellable     bool
	FixedPrice      bool
	Lines           []Line
	Preconditions   Preconditions
	LeadTimeDays    int // working days from the start of the lead time to the target date
	Extensions      []Extension
	CreatedAt       time.Time
	CancelledAt     *time.Time
	CancellationFee *decimal.Decimal
	// CancellationReason explains the fee (which deadline applied).
	CancellationReason string
	// CustomerName and StoredNet are filled when read from the store.
	CustomerName string
	StoredNet    decimal.Decimal
	// ContractID is the contract the order became (0 when none), filled by the read of
	// one order (contracts.order_id is unique), as Quote.ContractID is.
	ContractID int64
}

// CancellationNoticeWorkingDays is how many working days before the start date an agreed
// cancellation option must be used (Q-4, 004:6.6).
const CancellationNoticeWorkingDays = 5

// TrainingCancellationDays is how many calendar days before the training date a training can
// be cancelled for free (Q-4, 003:11.3).
const TrainingCancellationDays = 5

// BusinessCalendar is the part of internal/calendar the order and contract rules use; the
// service passes calendar.Builtin("nl-werktijden").
type BusinessCalendar interface {
	IsWorkingDay(d civil.Date) bool
	AddWorkingDays(d civil.Date, n int) civil.Date
	NoticeDeemedDelivered(arrivedAt time.Time) civil.Date
}

// LineCancellation is the outcome of cancelling one order line.
type LineCancellation struct {
	LineID    int64
	FreeUntil civil.Date
	Fee       decimal.Decimal
	Rule      string
}

// Cancellation is the outcome of cancelling an order on a given day.
type Cancellation struct {
	FreeUntil civil.Date
	Late      bool
	Fee       decimal.Decimal
	Lines     []LineCancellation
	Reason    string
}

// CancellationOutcome decides what cancelling o on today costs. Without an agreed
// cancellation option the order cannot be cancelled, except that training lines may always be
// cancelled (003:11.3). With the option, cancelling on or before the day 5 working days before
// the start date is free; later the full fee (the net total of the lines) is due. Trainings
// are free until 5 calendar days before the date.
func CancellationOutcome(o *Order, today civil.Date, cal BusinessCalendar) (Cancellation, error) {
	if o.Status != OrderOpen {
		return Cancellation{}, refuse(ErrOrderNotCancellable, "order %s is %s", o.Number, o.Status)
	}
	if !o.Cancellable {
		for _, l := range o.Lines {
			if l.Kind != KindTraining {
				return Cancellation{}, refuse(ErrCancellationNotAgreed, "quote %s agreed no cancellation option; an accepted order cannot be cancelled (Q-4, 004:6.6)", o.QuoteNumber)
			}
		}
	}
	servicesFreeUntil := cal.AddWorkingDays(o.StartDate, -CancellationNoticeWorkingDays)
	trainingFreeUntil := o.StartDate.AddDays(-TrainingCancellationDays)
	c := Cancellation{Fee: decimal.Zero}
	for _, l := range o.Lines {
		lc := LineCancellation{LineID: l.ID, Fee: decimal.Zero, FreeUntil: servicesFreeUntil, Rule: "Q-4 (004:6.6) 5 working days"}
		if l.Kind == KindTraining {
			lc.FreeUntil, lc.Rule = trainingFreeUntil, "Q-4 (003:11.3) training 5 days"
		}
		if today.After(lc.FreeUntil) {
			lc.Fee = l.Total()
			c.Late = true
		}
		if c.FreeUntil.IsZero() || lc.FreeUntil.Before(c.FreeUntil) {
			c.FreeUntil = lc.FreeUntil
		}
		c.Fee = c.Fee.Add(lc.Fee)
		c.Lines = append(c.Lines, lc)
	}
	if c.Late {
		c.Reason = "cancelled after the free cancellation deadline of " + c.FreeUntil.String() + " (start date " + o.StartDate.String() + "): the full fee is due (Q-4)"
	} else {
		c.Reason = "cancelled on or before " + c.FreeUntil.String() + ", at least 5 working days before the start date " + o.StartDate.String() + ": no fee (Q-4)"
	}
	return c, nil
}

// Cancel applies a cancellation outcome to the order.
func (o *Order) Cancel(c Cancellation, now time.Time) {
	fee := c.Fee
	o.Status = OrderCancelled
	o.CancelledAt = &now
	o.CancellationFee = &fee
	o.CancellationReason = c.Reason
}

// Preconditions are what must be in place before the lead time starts (Q-6, 002:8.2): the
// commercial and technical details agreed, the data supplied, the quote accepted and, when
// agreed, the advance payment received. Each is the date it was met; zero means not yet.
type Preconditions struct {
	DetailsAgreed          civil.Date
	DataSupplied           civil.Date
	QuoteAccepted          civil.Date
	AdvancePaymentRequired bool
	AdvancePaymentReceived civil.Date
}

// Precondition names, as the API reports and records them.
const (
	PreconditionDetailsAgreed  = "details_agreed"
	PreconditionDataSupplied   = "data_supplied"
	PreconditionQuoteAccepted  = "quote_accepted"
	PreconditionAdvancePayment = "advance_payment_received"
)

// LeadTimeStart is the day the lead time starts: the day the last precondition was met.
// ok is false while any is missing; missing names them.
func (p Preconditions) LeadTimeStart() (start civil.Date, ok bool, missing []string) {
	check := func(name string, d civil.Date) {
		if d.IsZero() {
			missing = append(missing, name)
			return
		}
		if d.After(start) {
			start = d
		}
	}
	check(PreconditionDetailsAgreed, p.DetailsAgreed)
	check(PreconditionDataSupplied, p.DataSupplied)
	check(PreconditionQuoteAccepted, p.QuoteAccepted)
	if p.AdvancePaymentRequired {
		check(PreconditionAdvancePayment, p.AdvancePaymentReceived)
	}
	if len(missing) > 0 {
		return civil.Date{}, false, missing
	}
	return start, true, nil
}

// ExtensionReason is one of the grounds on which the lead time is extended (Q-6, 002:8.3).
type ExtensionReason string

// Extension reasons.
const (
	ExtendPhaseApproval        ExtensionReason = "phase_approval"
	ExtendChangedCircumstances ExtensionReason = "changed_circumstances"
	ExtendChangeWork           ExtensionReason = "change_work"
)

// Valid reports whether r is a known reason.
func (r ExtensionReason) Valid() bool {
	return r == ExtendPhaseApproval || r == ExtendChangedCircumstances || r == ExtendChangeWork
}

// Extension records a lead-time extension with its reason.
type Extension struct {
	ID            int64
	WorkingDays   int
	Reason        ExtensionReason
	Note          string
	RecordedAt    time.Time
	RecordedBy    int64
	ChangeRequest int64 // the change request that caused it, for change_work
}

// ValidateExtension checks a requested extension.
func ValidateExtension(e Extension) error {
	var fe fieldErrors
	if e.WorkingDays < 1 || e.WorkingDays > 365 {
		fe.add("working_days", "must be between 1 and 365")
	}
	if !e.Reason.Valid() {
		fe.add("reason", "must be one of phase_approval, changed_circumstances, change_work")
	}
	checkText(&fe, "note", e.Note, 2000, true)
	return fe.err()
}

// DeliveryPlan is the order's indicative planning: target dates bind nobody.
type DeliveryPlan struct {
	LeadTimeStarted bool
	LeadTimeStart   civil.Date
	Missing         []string
	LeadTimeDays    int
	ExtensionDays   int
	TargetDate      civil.Date // zero until the lead time starts
}

// Plan computes the order's delivery planning in working days of the business calendar.
func (o *Order) Plan(cal BusinessCalendar) DeliveryPlan {
	p := DeliveryPlan{LeadTimeDays: o.LeadTimeDays}
	for _, e := range o.Extensions {
		p.ExtensionDays += e.WorkingDays
	}
	p.LeadTimeStart, p.LeadTimeStarted, p.Missing = o.Preconditions.LeadTimeStart()
	if p.LeadTimeStarted {
		p.TargetDate = cal.AddWorkingDays(p.LeadTimeStart, p.LeadTimeDays+p.ExtensionDays)
	}
	return p
}

// MeetPrecondition records that a lead-time precondition was met on on ("YYYY-MM-DD", empty
// for today). The quote acceptance is recorded by the acceptance itself; the advance
// payment only exists when one was agreed.
func (o *Order) MeetPrecondition(name, on string, today civil.Date) error {
	var fe fieldErrors
	d := today
	if on != "" {
		p, err := civil.Parse(on)
		switch {
		case err != nil:
			fe.add("on", "must be a date YYYY-MM-DD")
		case p.After(today):
			fe.add("on", "must not be in the future")
		default:
			d = p
		}
	}
	var target *civil.Date
	switch name {
	case PreconditionDetailsAgreed:
		target = &o.Preconditions.DetailsAgreed
	case PreconditionDataSupplied:
		target = &o.Preconditions.DataSupplied
	case PreconditionAdvancePayment:
		target = &o.Preconditions.AdvancePaymentReceived
	default:
		fe.add("precondition", "must be one of details_agreed, data_supplied, advance_payment_received")
	}
	if err := fe.err(); err != nil {
		return err
	}
	switch {
	case o.Status != OrderOpen:
		return refuse(ErrOrderNotOpen, "order %s is %s", o.Number, o.Status)
	case name == PreconditionAdvancePayment && !o.Preconditions.AdvancePaymentRequired:
		return refuse(ErrAdvancePaymentNotAgreed, "order %s has no agreed advance payment", o.Number)
	case !target.IsZero():
		return refuse(ErrPreconditionAlreadyMet, "%s was already recorded on %s", name, *target)
	}
	*target = d
	return nil
}
