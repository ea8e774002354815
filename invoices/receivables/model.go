package receivables

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// Rate is the statutory commercial interest rate (percent a year) valid from a day until
// the day before the next rate's ValidFrom (INV-4: ECB refinancing rate + 8 points, set
// per half year).
type Rate struct {
	ValidFrom civil.Date      `json:"valid_from"`
	Rate      decimal.Decimal `json:"rate"`
}

// RateTable is the rates sorted by ValidFrom. A day before the first rate has no rate:
// the computation stops with ErrNoRate instead of guessing.
type RateTable []Rate

// ShippedRates are the commercial rates the product ships with (art. 6:119a BW, as
// published by the Dutch government), editable by an admin.
var ShippedRates = RateTable{
	{civil.D(2019, 1, 1), decimal.RequireFromString("8.00")},
	{civil.D(2023, 1, 1), decimal.RequireFromString("10.50")},
	{civil.D(2023, 7, 1), decimal.RequireFromString("12.00")},
	{civil.D(2024, 1, 1), decimal.RequireFromString("12.50")},
	{civil.D(2024, 7, 1), decimal.RequireFromString("12.25")},
	{civil.D(2025, 1, 1), decimal.RequireFromString("11.15")},
	{civil.D(2025, 7, 1), decimal.RequireFromString("10.15")},
	{civil.D(2026, 1, 1), decimal.RequireFromString("10.15")},
}

// ErrNoRate blocks an interest computation for a day without a known rate.
var ErrNoRate = problem.Conflict("interest_rate_missing", "no statutory interest rate is known for a day of the claim")

// Sorted returns a copy sorted by ValidFrom.
func (t RateTable) Sorted() RateTable {
	s := append(RateTable(nil), t...)
	sort.Slice(s, func(i, j int) bool { return s[i].ValidFrom.Before(s[j].ValidFrom) })
	return s
}

// On returns the rate valid on d.
func (t RateTable) On(d civil.Date) (decimal.Decimal, error) {
	for i := len(t) - 1; i >= 0; i-- {
		if !t[i].ValidFrom.After(d) {
			return t[i].Rate, nil
		}
	}
	if len(t) == 0 {
		return decimal.Zero, fmt.Errorf("%w: the interest-rate table is empty; an admin adds the rates under Receivables → Interest rates", ErrNoRate)
	}
	return decimal.Zero, fmt.Errorf("%w: %s is before the first rate (valid from %s); an admin adds the rate for that period under Receivables → Interest rates", ErrNoRate, d, t[0].ValidFrom)
}

// nextChange is the first ValidFrom after d, if any.
func (t RateTable) nextChange(d civil.Date) (civil.Date, bool) {
	for _, r := range t {
		if r.ValidFrom.After(d) {
			return r.ValidFrom, true
		}
	}
	return civil.Date{}, false
}

// Check validates an edited table: dates set, rates within 0..100, no date twice.
func (t RateTable) Check() error {
	var f problem.Fields
	seen := map[civil.Date]bool{}
	for i, r := range t {
		if r.ValidFrom.IsZero() {
			f.Add(fmt.Sprintf("[%d].valid_from", i), "is required")
		} else if seen[r.ValidFrom] {
			f.Add(fmt.Sprintf("[%d].valid_from", i), "appears twice")
		}
		seen[r.ValidFrom] = true
		if r.Rate.IsNegative() || r.Rate.GreaterThan(decimal.NewFromInt(100)) {
			f.Add(fmt.Sprintf("[%d].rate", i), "must be between 0 and 100")
		}
		if r.Rate.Exponent() < -2 && !r.Rate.Equal(r.Rate.Round(2)) {
			f.Add(fmt.Sprintf("[%d].rate", i), "has more than 2 decimals")
		}
	}
	return f.Err()
}

// MovementKind tells a payment (allocated costs → interest → principal, art. 6:44 BW)
// from a credit note (it lowers the principal it corrects).
type MovementKind string

// Movement kinds.
const (
	MovePayment MovementKind = "payment"
	MoveCredit  MovementKind = "credit"
)

// Movement is money applied to one invoice on a day.
type Movement struct {
	On     civil.Date
	Kind   MovementKind
	Amount decimal.Decimal
	Ref    string // what it was (payment id, credit note number), for the explanation
}

// InterestFreeSpan is a period in which (part of) the principal bears no interest: a
// dispute raised within 10 days under the 003 profile (INV-5), for as long as it stands.
// Until is exclusive (the day the dispute was resolved); zero means it still stands.
// Part is the disputed amount; zero means the whole invoice is disputed.
type InterestFreeSpan struct {
	From  civil.Date
	Until civil.Date
	Part  decimal.Decimal
}

func (s InterestFreeSpan) covers(d civil.Date) bool {
	return !d.Before(s.From) && (s.Until.IsZero() || d.Before(s.Until))
}

// Stage is a dunning stage of an invoice (INV-3).
type Stage string

// The stages in order.
const (
	StageIssued         Stage = "issued"
	StageOverdue        Stage = "overdue"
	StageFirstReminder  Stage = "first_reminder"
	StageSecondReminder Stage = "second_reminder"
	StageSuspension     Stage = "suspension"
	StageDefaultNotice  Stage = "default_notice"
	StageCollection     Stage = "collection"
	StagePaid           Stage = "paid"
)
