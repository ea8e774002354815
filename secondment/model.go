package secondment

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// Domain errors: *problem.Error values with a stable code, checked with errors.Is and
// answered as application/problem+json by the shared ErrorHandler.
var (
	ErrOverlappingHours = problem.Conflict("overlapping_hours",
		"the entry overlaps another entry of the technician")
	ErrEntryLocked = problem.Conflict("entry_locked",
		"only a submitted entry can change; approved hours are locked")
	ErrStatementFinal = problem.Conflict("statement_final",
		"the statement of that month is final and can no longer change")
	ErrMonthNotOver = problem.Conflict("month_not_over",
		"a month can be closed only after it is over")
	ErrOpenHours = problem.Conflict("open_hours",
		"the month still has hours awaiting approval; approve or reject them first")
	ErrNotIndefinite = problem.Conflict("placement_not_indefinite",
		"the placement has an end date; only an indefinite placement ends by notice")
	ErrAlreadyEnded = problem.Conflict("notice_already_given",
		"notice was already given on this placement")
	ErrNoticeBeforeStart = problem.Conflict("notice_before_start",
		"the notice period ends before the placement starts")
)

// fields collects field problems; Err is nil or a 422 validation_failed listing all.
type fields = problem.Fields

// ClockTime is a wall-clock time of day in minutes after midnight; 1440 is 24:00, the end
// of the day. It travels as "HH:MM".
type ClockTime int

// ParseClockTime reads "HH:MM" (00:00 … 24:00).
func ParseClockTime(s string) (ClockTime, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("secondment: %q is not a time of the form HH:MM", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("secondment: %q is not a time between 00:00 and 24:00", s)
	}
	return ClockTime(h*60 + m), nil
}

// String formats as "HH:MM".
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalJSON writes "HH:MM".
func (c ClockTime) MarshalJSON() ([]byte, error) { return []byte(`"` + c.String() + `"`), nil }

// UnmarshalJSON reads "HH:MM".
func (c *ClockTime) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("secondment: a time must be a string HH:MM")
	}
	v, err := ParseClockTime(s[1 : len(s)-1])
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// EntryStatus is where an hour entry is in its approval.
type EntryStatus string

// Hour entry statuses. Submitted entries may be edited or withdrawn by their technician;
// approved entries are locked and billed; rejected and withdrawn entries count nowhere.
const (
	StatusSubmitted EntryStatus = "submitted"
	StatusApproved  EntryStatus = "approved"
	StatusRejected  EntryStatus = "rejected"
	StatusWithdrawn EntryStatus = "withdrawn"
)

// ExpenseKind is the kind of cost claimed beside the fee (SEC-4).
type ExpenseKind string

// Expense kinds of SEC-4: travel (by amount or by km at the placement's km rate),
// lodging, other.
const (
	ExpenseTravel  ExpenseKind = "travel"
	ExpenseLodging ExpenseKind = "lodging"
	ExpenseOther   ExpenseKind = "other"
)

// Valid reports whether k is a known expense kind.
func (k ExpenseKind) Valid() bool {
	return k == ExpenseTravel || k == ExpenseLodging || k == ExpenseOther
}

// ReplacementReason is why a technician is replaced (SEC-1).
type ReplacementReason string

// Replacement reasons. A customer may ask only for quality or long-term absence
// (Cloudwise 20.4); the provider may replace for any reason after consultation (20.3).
const (
	ReasonQuality         ReplacementReason = "quality"
	ReasonLongTermAbsence ReplacementReason = "long_term_absence"
	ReasonOther           ReplacementReason = "other"
)

// Requester says which party asks for a replacement.
type Requester string

// The parties that can ask for a replacement.
const (
	RequestedByCustomer Requester = "customer"
	RequestedByProvider Requester = "provider"
)

// DefaultNoticeMonths is the SEC-2 notice period of an indefinite placement.
const DefaultNoticeMonths = 2

// MaxEntryDuration is the longest single hour entry.
const MaxEntryDuration = 24 * time.Hour

// Period is the run of a placement: from Start to End inclusive; a zero End is an
// indefinite placement (SEC-2).
type Period struct {
	Start civil.Date
	End   civil.Date
}

// Indefinite reports whether the placement has no end date.
func (p Period) Indefinite() bool { return p.End.IsZero() }

// ContainsEntry reports whether [start, end) lies within the period's days in loc: it
// starts on or after the first day's midnight and ends by the midnight after the last day.
func (p Period) ContainsEntry(start, end time.Time, loc *time.Location) bool {
	if start.Before(wallInstant(p.Start, 0, loc)) {
		return false
	}
	return p.End.IsZero() || !end.After(wallInstant(p.End, MinutesPerDay, loc))
}

// Money parses a euro amount: at most two decimals, not negative. It is the rule for
// hourly rates, km rates and expense amounts ("rates with more than 2 decimals or
// negative" are refused).
func Money(s string) (decimal.Decimal, error) {
	d, err := money.ParseInput(s) // "95,00", "1.249,50" or "95.00"
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("must be an amount such as 95,00")
	}
	return d, CheckMoney(d)
}

// CheckMoney reports whether d is a valid amount: not negative, at most two decimals.
func CheckMoney(d decimal.Decimal) error {
	if d.IsNegative() {
		return fmt.Errorf("must not be negative")
	}
	if !d.Equal(d.Round(2)) {
		return fmt.Errorf("must have at most 2 decimals")
	}
	return nil
}
