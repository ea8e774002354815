package receivables

import (
	"sort"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
)

// ClaimInput is everything the claim on one invoice depends on; the service gathers it.
type ClaimInput struct {
	Principal decimal.Decimal // the invoice's gross amount (VAT included)
	DueDate   civil.Date
	On        civil.Date // the claim as it stands on this day; interest runs up to but not including it
	Movements []Movement // payments and credit notes applied to this invoice (those after On are ignored)
	Rates     RateTable
	Free      []InterestFreeSpan
	// InterestClaimableFrom is the first day the interest may be claimed (INV-3); nil:
	// not (yet) claimable. Payments before it go to the principal only.
	InterestClaimableFrom *civil.Date
	// CostsDueFrom is the day the collection costs become due (the default notice's term
	// has passed, INV-4); nil: not due. Costs computes them from the unpaid principal then.
	CostsDueFrom *civil.Date
	Costs        func(unpaidPrincipal decimal.Decimal) decimal.Decimal
}

// InterestLine is one period of constant base and rate, `To` inclusive.
type InterestLine struct {
	From   civil.Date      `json:"from"`
	To     civil.Date      `json:"to"`
	Days   int             `json:"days"`
	Rate   decimal.Decimal `json:"rate"`
	Base   decimal.Decimal `json:"base"`
	Amount decimal.Decimal `json:"amount"`
}

// Split is how one movement was applied (art. 6:44 BW).
type Split struct {
	Movement    Movement
	ToCosts     decimal.Decimal
	ToInterest  decimal.Decimal
	ToPrincipal decimal.Decimal
	Excess      decimal.Decimal // more than was owed: the customer's credit
}

// Claim is the claim on one invoice on a day, every amount explained.
type Claim struct {
	On                    civil.Date
	InterestFrom          civil.Date
	Principal             decimal.Decimal // unpaid principal after every allocation
	Lines                 []InterestLine
	Interest              decimal.Decimal // accrued interest not yet paid (capitalised or not)
	InterestClaimable     bool
	InterestClaimableFrom *civil.Date
	CollectionCosts       decimal.Decimal // due costs not yet paid
	CostsDueFrom          *civil.Date
	Paid                  decimal.Decimal // all payments so far
	Credited              decimal.Decimal // credit notes so far
	Total                 decimal.Decimal // what the customer owes on On
	Splits                []Split
}

var days365 = decimal.NewFromInt(36500) // 365 days × 100 percent

// ComputeClaim computes the claim (INV-3, INV-4, INV-5): interest from the day after the
// due date on the unpaid principal, day by day at the rate valid that day, split into
// lines at every rate change, yearly compounding, payment, credit and dispute edge; each
// line rounded to cents half away from zero. On every anniversary of the day interest
// began the unpaid interest of that year is added to the base (art. 6:119 lid 2).
func ComputeClaim(in ClaimInput) (Claim, error) {
	rates := in.Rates.Sorted()
	start := in.DueDate.AddDays(1)
	c := Claim{On: in.On, InterestFrom: start, InterestClaimableFrom: in.InterestClaimableFrom, CostsDueFrom: in.CostsDueFrom}
	moves := append([]Movement(nil), in.Movements...)
	sort.SliceStable(moves, func(i, j int) bool { return moves[i].On.Before(moves[j].On) })

	st := &accrual{principal: in.Principal, start: start, years: 1, rates: rates, free: in.Free}
	costsSet := false
	setCosts := func(d civil.Date) {
		if !costsSet && in.CostsDueFrom != nil && !d.Before(*in.CostsDueFrom) && in.Costs != nil {
			costsSet = true
			st.costs = money.Cents(in.Costs(st.principal))
		}
	}
	for _, m := range moves {
		if m.On.After(in.On) {
			break
		}
		if err := st.accrueUntil(m.On, &c.Lines); err != nil {
			return c, err
		}
		setCosts(m.On)
		claimable := in.InterestClaimableFrom != nil && !m.On.Before(*in.InterestClaimableFrom)
		sp := st.apply(m, claimable)
		c.Splits = append(c.Splits, sp)
		if m.Kind == MoveCredit {
			c.Credited = c.Credited.Add(m.Amount)
		} else {
			c.Paid = c.Paid.Add(m.Amount)
		}
	}
	if err := st.accrueUntil(in.On, &c.Lines); err != nil {
		return c, err
	}
	setCosts(in.On)
	c.Principal = st.principal
	c.Interest = st.capitalised.Add(st.accrued)
	c.CollectionCosts = st.costs
	c.InterestClaimable = in.InterestClaimableFrom != nil && !in.On.Before(*in.InterestClaimableFrom)
	c.Total = c.Principal.Add(c.CollectionCosts)
	if c.InterestClaimable {
		c.Total = c.Total.Add(c.Interest)
	}
	return c, nil
}

// accrual is the running state of one invoice's claim.
type accrual struct {
	principal   decimal.Decimal // unpaid principal
	capitalised decimal.Decimal // unpaid interest of past years, part of the base
	accrued     decimal.Decimal // unpaid interest since the last anniversary
	costs       decimal.Decimal // unpaid collection costs
	cursor      civil.Date      // first day not yet accrued
	start       civil.Date
	years       int // the next anniversary is start + years
	rates       RateTable
	free        []InterestFreeSpan
}

// anniversary is the day after the a.years-th full year since interest began (a year
// from 29 February ends on 28 February, so the next one starts on 1 March).
func (a *accrual) anniversary() civil.Date {
	return civil.D(a.start.Year+a.years, a.start.Month, a.start.Day)
}

// base on day d: the unpaid principal plus capitalised interest, less a disputed part
// that bears no interest.
func (a *accrual) base(d civil.Date) decimal.Decimal {
	b := a.principal.Add(a.capitalised)
	for _, s := range a.free {
		if s.covers(d) {
			if s.Part.IsZero() {
				return decimal.Zero
			}
			b = b.Sub(s.Part)
		}
	}
	if b.IsNegative() {
		return decimal.Zero
	}
	return b
}

// accrueUntil adds the lines for [cursor, end).
func (a *accrual) accrueUntil(end civil.Date, lines *[]InterestLine) error {
	if a.cursor.IsZero() {
		a.cursor = a.start
	}
	for a.cursor.Before(end) {
		d := a.cursor
		rate, err := a.rates.On(d)
		if err != nil {
			if a.base(d).IsZero() && a.principal.Add(a.capitalised).IsZero() {
				a.cursor = end // nothing owed: no rate needed
				return nil
			}
			return err
		}
		next := end
		if ch, ok := a.rates.nextChange(d); ok && ch.Before(next) {
			next = ch
		}
		ann := a.anniversary()
		if ann.Before(next) {
			next = ann
		}
		for _, s := range a.free {
			if s.From.After(d) && s.From.Before(next) {
				next = s.From
			}
			if !s.Until.IsZero() && s.Until.After(d) && s.Until.Before(next) {
				next = s.Until
			}
		}
		base := a.base(d)
		days := next.DaysSince(d)
		if base.IsPositive() {
			amt := money.Cents(base.Mul(rate).Mul(decimal.NewFromInt(int64(days))).Div(days365))
			*lines = append(*lines, InterestLine{From: d, To: next.AddDays(-1), Days: days, Rate: rate, Base: base, Amount: amt})
			a.accrued = a.accrued.Add(amt)
		}
		a.cursor = next
		if next == ann {
			a.capitalised = a.capitalised.Add(a.accrued) // art. 6:119 lid 2
			a.accrued = decimal.Zero
			a.years++
		}
	}
	return nil
}

// apply allocates one movement: a payment to costs, then interest (when claimable), then
// principal (art. 6:44 BW); a credit note lowers the principal only.
func (a *accrual) apply(m Movement, interestClaimable bool) Split {
	sp := Split{Movement: m}
	left := m.Amount
	take := func(owed *decimal.Decimal) decimal.Decimal {
		x := decimal.Min(left, *owed)
		if x.IsNegative() {
			x = decimal.Zero
		}
		*owed = owed.Sub(x)
		left = left.Sub(x)
		return x
	}
	if m.Kind != MoveCredit {
		sp.ToCosts = take(&a.costs)
		if interestClaimable {
			sp.ToInterest = take(&a.capitalised).Add(take(&a.accrued))
		}
	}
	sp.ToPrincipal = take(&a.principal)
	sp.Excess = left
	return sp
}
