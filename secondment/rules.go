package secondment

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// CheckEntrySpan applies the rules every hour entry must meet before it is priced: it
// ends after it starts, lasts at most 24 hours, does not end in the future, lies on whole
// minutes and falls inside the placement's period (in loc's wall-clock days). Every
// broken rule is reported at once, by field.
func CheckEntrySpan(start, end, now time.Time, period Period, loc *time.Location) error {
	var v fields
	switch {
	case start.IsZero():
		v.Add("started_at", "is required")
	case !wholeMinute(start):
		v.Add("started_at", "must be a whole minute (no seconds)")
	}
	switch {
	case end.IsZero():
		v.Add("ended_at", "is required")
	case !wholeMinute(end):
		v.Add("ended_at", "must be a whole minute (no seconds)")
	}
	if start.IsZero() || end.IsZero() {
		return v.Err()
	}
	if !end.After(start) {
		v.Add("ended_at", "must be after started_at")
	} else if end.Sub(start) > MaxEntryDuration {
		v.Add("ended_at", "an entry lasts at most 24 hours")
	}
	if end.After(now) {
		v.Add("ended_at", "must not be in the future")
	}
	if end.After(start) && !period.ContainsEntry(start, end, loc) {
		v.Add("started_at", "must fall inside the placement's period "+period.String())
	}
	return v.Err()
}

// String describes the period for messages: "2026-01-01 – 2026-06-30" or "from 2026-01-01".
func (p Period) String() string {
	if p.End.IsZero() {
		return "from " + p.Start.String()
	}
	return p.Start.String() + " – " + p.End.String()
}

// EndByNotice is the last day of an indefinite placement given notice deemed delivered
// on deemed (CAL-3): the last day of the months-th full calendar month after deemed's
// month (SEC-2: two months, so notice deemed delivered on 15 March ends on 31 May).
func EndByNotice(deemed civil.Date, months int) civil.Date {
	return civil.Date{Year: deemed.Year, Month: deemed.Month, Day: 1}.AddMonths(months + 1).AddDays(-1)
}

// NoticeEnd applies SEC-2 to a placement: only an indefinite placement ends by notice,
// and the end may not fall before its start.
func NoticeEnd(p Period, deemed civil.Date, months int) (civil.Date, error) {
	if !p.Indefinite() {
		return civil.Date{}, ErrNotIndefinite
	}
	end := EndByNotice(deemed, months)
	if end.Before(p.Start) {
		return civil.Date{}, ErrNoticeBeforeStart
	}
	return end, nil
}

// ReplacementRequest is a request to put another technician on a placement (SEC-1).
type ReplacementRequest struct {
	TechnicianID     int64
	Reason           ReplacementReason
	RequestedBy      Requester
	ConsultedOn      civil.Date
	ConsultationNote string
}

// CheckReplacement applies SEC-1: a customer may ask only for a proven quality failure or
// long-term inability to work; the provider may replace for any reason, but only after
// consulting the customer, which must be recorded (date and note).
func CheckReplacement(r ReplacementRequest, currentTechnician int64) error {
	var v fields
	if r.TechnicianID <= 0 {
		v.Add("technician_id", "is required")
	} else if r.TechnicianID == currentTechnician {
		v.Add("technician_id", "is the technician already placed")
	}
	switch r.Reason {
	case ReasonQuality, ReasonLongTermAbsence, ReasonOther:
	default:
		v.Add("reason", "must be quality, long_term_absence or other")
	}
	switch r.RequestedBy {
	case RequestedByCustomer:
		if r.Reason == ReasonOther {
			v.Add("reason", "a customer may ask for a replacement only because of the quality of the work or a long-term absence")
		}
	case RequestedByProvider:
		if r.ConsultedOn.IsZero() {
			v.Add("consulted_on", "the provider replaces only after consulting the customer: give the date")
		}
		if strings.TrimSpace(r.ConsultationNote) == "" {
			v.Add("consultation_note", "record the consultation with the customer")
		}
	default:
		v.Add("requested_by", "must be customer or provider")
	}
	return v.Err()
}

// ExpenseInput is a cost claimed on a placement (SEC-4). Travel may be given as km, which
// are priced at the placement's km rate; otherwise Amount is the cost.
type ExpenseInput struct {
	Date        civil.Date
	Kind        ExpenseKind
	Amount      *decimal.Decimal
	KM          *decimal.Decimal
	Description string
}

// ExpenseAmount checks an expense and returns its amount in euros: km × kmRate rounded
// once to cents (half away from zero) for travel by km, else the amount given. The date
// lies in the placement's period and not after today.
func ExpenseAmount(in ExpenseInput, kmRate decimal.Decimal, period Period, today civil.Date) (decimal.Decimal, error) {
	var v fields
	switch {
	case in.Date.IsZero():
		v.Add("date", "is required")
	case in.Date.After(today):
		v.Add("date", "must not be in the future")
	case in.Date.Before(period.Start) || (!period.End.IsZero() && in.Date.After(period.End)):
		v.Add("date", "must fall inside the placement's period "+period.String())
	}
	if !in.Kind.Valid() {
		v.Add("kind", "must be travel, lodging or other")
	}
	if d := strings.TrimSpace(in.Description); d == "" {
		v.Add("description", "is required")
	} else if len(d) > 500 {
		v.Add("description", "must be at most 500 characters")
	}
	var amount decimal.Decimal
	switch {
	case in.KM != nil:
		km := *in.KM
		if in.Kind != ExpenseTravel {
			v.Add("km", "only travel is claimed by km")
		}
		if !km.IsPositive() || !km.Equal(km.Round(1)) || km.GreaterThan(decimal.NewFromInt(10000)) {
			v.Add("km", "must be positive, at most 10000, with at most 1 decimal")
		}
		if in.Amount != nil {
			v.Add("amount", "leave out the amount when claiming km: it is km × the placement's km rate")
		}
		if !kmRate.IsPositive() {
			v.Add("km", "the placement has no km rate; claim the amount instead")
		}
		amount = km.Mul(kmRate).Round(2)
	case in.Amount == nil:
		v.Add("amount", "is required (or km for travel)")
	default:
		amount = *in.Amount
		if err := CheckMoney(amount); err != nil {
			v.Add("amount", err.Error())
		} else if !amount.IsPositive() {
			v.Add("amount", "must be more than 0.00")
		}
	}
	if err := v.Err(); err != nil {
		return decimal.Decimal{}, err
	}
	return amount, nil
}

// CheckModifiable guards edits and withdrawals by the technician: only a submitted entry
// may change; approved hours are locked.
func CheckModifiable(s EntryStatus) error {
	if s != StatusSubmitted {
		return fmt.Errorf("%w (status %s)", ErrEntryLocked, s)
	}
	return nil
}

// CheckDecision guards approval and rejection: only a submitted entry is decided, once.
func CheckDecision(s EntryStatus) error { return CheckModifiable(s) }
