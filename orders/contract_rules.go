package orders

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// ContractStatus is the life-cycle state of a service contract, derived from its end date.
type ContractStatus string

// Contract states.
const (
	ContractActive      ContractStatus = "active"
	ContractNoticeGiven ContractStatus = "notice_given" // terminated, runs until its end date
	ContractEnded       ContractStatus = "ended"
)

// Contract is a continuing service agreement made from the recurring lines of an accepted
// quote.
type Contract struct {
	ID           int64
	Number       string
	CustomerID   int64
	CustomerName string
	OrderID      int64
	QuoteID      int64
	OrderNumber  string // O2026-0001, for the contract page (empty where a list did not read it)
	QuoteNumber  string
	StartDate    civil.Date
	Terms        ContractTerms
	Indexation   IndexationClause
	Lines        []ContractLine
	Termination  *Termination
	CreatedAt    time.Time
}

// ContractLine is one recurring fee of a contract. Fee is the amount per period (quantity ×
// unit price at the time of the quote, then indexed), excluding VAT.
type ContractLine struct {
	ID          int64
	OrderLineID int64
	Description string
	Quantity    decimal.Decimal
	Unit        string
	SKU         string
	Fee         decimal.Decimal
	Period      Period
	VATRate     decimal.Decimal
	// FeeSince is the date the current fee took effect (the start date, or the 1 January of
	// the last indexation); IDX-3 uses the quoted fee for the first contract year.
	FeeSince civil.Date
}

// Termination is a recorded termination notice and its effect.
type Termination struct {
	NoticeReceivedAt time.Time
	DeemedDelivered  civil.Date
	RunningTermEnd   civil.Date
	NoticeDeadline   civil.Date
	OnTime           bool
	EndDate          civil.Date
	Rule             string
	Reason           string
	RecordedAt       time.Time
	RecordedBy       int64
}

// Status is the contract's state on today.
func (c *Contract) Status(today civil.Date) ContractStatus {
	switch {
	case c.Termination == nil:
		return ContractActive
	case today.After(c.Termination.EndDate):
		return ContractEnded
	default:
		return ContractNoticeGiven
	}
}

// addTermMonths is the first day of the period n months after start. When the target
// month is too short for start's day (a term from 31 January, or from 29 February) the
// period ends with that month, so the next one starts on the 1st of the month after.
func addTermMonths(start civil.Date, n int) civil.Date {
	next := start.AddMonths(n)
	if next.Day < start.Day {
		return next.LastOfMonth().AddDays(1)
	}
	return next
}

// TermEnd is the last day of term k (0 is the initial term, k ≥ 1 the k-th renewal) of a
// contract starting on start.
func (t ContractTerms) TermEnd(start civil.Date, k int) civil.Date {
	return addTermMonths(start, t.InitialTermMonths+k*t.RenewalTermMonths).AddDays(-1)
}

// NoticeDeadline is the last day a notice can be deemed delivered and still end the term
// that ends on termEnd: the term ends at midnight after termEnd, and the notice must precede
// that moment by the full notice period (Q-8: "at least 2 months before the end").
func (t ContractTerms) NoticeDeadline(termEnd civil.Date) civil.Date {
	if t.NoticeDays > 0 {
		return termEnd.AddDays(-t.NoticeDays)
	}
	return termEnd.AddDays(1).AddMonths(-t.NoticeMonths).AddDays(-1)
}

// RunningTerm returns the index and last day of the term running on day (the initial term
// for days before the start).
func (t ContractTerms) RunningTerm(start, day civil.Date) (k int, end civil.Date) {
	end = t.TermEnd(start, 0)
	if !day.After(end) || t.RenewalTermMonths <= 0 {
		return 0, end
	}
	// Jump close to the answer, then step: terms are whole months, so the estimate is off
	// by at most one.
	months := (day.Year-start.Year)*12 + int(day.Month) - int(start.Month) - t.InitialTermMonths
	k = max(0, months/t.RenewalTermMonths-1)
	for end = t.TermEnd(start, k); end.Before(day); end = t.TermEnd(start, k) {
		k++
	}
	return k, end
}

// TermView is what the contract page shows about its terms on a day.
type TermView struct {
	CurrentTermEnd civil.Date
	NoticeDeadline civil.Date
	Renewals       int
}

// TermsOn reports the running term's end and notice deadline on today. Once the notice
// deadline of the running term has passed, the deadline shown is the next term's: that is
// the next date that matters to the customer.
func (c *Contract) TermsOn(today civil.Date) TermView {
	k, end := c.Terms.RunningTerm(c.StartDate, today)
	deadline := c.Terms.NoticeDeadline(end)
	if c.Termination == nil && today.After(deadline) {
		k++
		end = c.Terms.TermEnd(c.StartDate, k)
		deadline = c.Terms.NoticeDeadline(end)
	}
	return TermView{CurrentTermEnd: end, NoticeDeadline: deadline, Renewals: k}
}

// Terminate records a termination notice that arrived at receivedAt. The notice counts
// on the day it is deemed delivered (CAL-3); it ends the contract at the end of the running
// term when that day is on or before the term's notice deadline, otherwise at the end of the
// next term. On termination all outstanding claims fall due at once.
func (c *Contract) Terminate(receivedAt time.Time, cal BusinessCalendar, now time.Time) (*Termination, error) {
	if c.Termination != nil {
		return nil, refuse(ErrContractAlreadyNotified, "contract %s already ends on %s", c.Number, c.Termination.EndDate)
	}
	deemed := cal.NoticeDeemedDelivered(receivedAt)
	k, runningEnd := c.Terms.RunningTerm(c.StartDate, deemed)
	deadline := c.Terms.NoticeDeadline(runningEnd)
	tm := &Termination{
		NoticeReceivedAt: receivedAt, DeemedDelivered: deemed, RunningTermEnd: runningEnd,
		NoticeDeadline: deadline, RecordedAt: now, Rule: "Q-8",
	}
	period := c.Terms.noticePeriod()
	if !deemed.After(deadline) {
		tm.OnTime, tm.EndDate = true, runningEnd
		tm.Reason = fmt.Sprintf("The notice is deemed delivered on %s (CAL-3), on or before the notice deadline %s (%s before the end of the running term): the contract ends at the end of the running term, on %s. All outstanding claims fall due at once (Q-9).",
			deemed, deadline, period, runningEnd)
	} else {
		tm.EndDate = c.Terms.TermEnd(c.StartDate, k+1)
		tm.Reason = fmt.Sprintf("The notice is deemed delivered on %s (CAL-3), after the notice deadline %s of the term ending %s (%s' notice): the contract renews once more and ends at the end of the next term, on %s. All outstanding claims fall due at once (Q-9).",
			deemed, deadline, runningEnd, period, tm.EndDate)
	}
	c.Termination = tm
	return tm, nil
}

func (t ContractTerms) noticePeriod() string {
	if t.NoticeDays > 0 {
		return fmt.Sprintf("%d days", t.NoticeDays)
	}
	if t.NoticeMonths == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", t.NoticeMonths)
}

// ContractFromOrder builds the contract of an order's recurring lines; ok is false when
// the order has none. The contract starts on the order's start date.
func ContractFromOrder(o *Order, terms ContractTerms, clause IndexationClause, now time.Time) (*Contract, bool) {
	c := &Contract{
		CustomerID: o.CustomerID, OrderID: o.ID, QuoteID: o.QuoteID, StartDate: o.StartDate,
		Terms: terms, Indexation: clause, CreatedAt: now,
	}
	for _, l := range o.Lines {
		if l.Kind != KindRecurring {
			continue
		}
		c.Lines = append(c.Lines, ContractLine{
			OrderLineID: l.ID, Description: l.Description, Quantity: l.Quantity, Unit: l.Unit, SKU: l.SKU,
			Fee: l.Total(), Period: l.Period, VATRate: l.VATRate, FeeSince: o.StartDate,
		})
	}
	return c, len(c.Lines) > 0
}
