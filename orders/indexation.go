package orders

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// ProposalOutcome is what an indexation run proposes for one contract line.
type ProposalOutcome string

// Proposal outcomes.
const (
	OutcomeChange    ProposalOutcome = "change"    // a new fee as of 1 January
	OutcomeUnchanged ProposalOutcome = "unchanged" // the fee stays (rule or factor 1)
	OutcomeBlocked   ProposalOutcome = "blocked"   // cannot be computed (missing index value)
	OutcomeSkipped   ProposalOutcome = "skipped"   // not due this year (not started, ended, done)
)

// Proposal is the indexation proposed for one contract line (IDX-1 … IDX-3).
type Proposal struct {
	ContractID       int64
	ContractLineID   int64
	Effective        civil.Date
	OldFee           decimal.Decimal
	NewFee           decimal.Decimal
	Factor           decimal.Decimal // the applied factor, 6 decimals, for display
	Method           IndexMethod
	Series           string
	SeriesName       string // the newest series of the lineage by name, for the reasons staff read
	IndexNew         []IndexPoint
	IndexPrev        []IndexPoint
	Outcome          ProposalOutcome
	Rule             string
	Reason           string
	Bounded          string // "floor" or "cap" when the clause bounded the change
	TerminationRight bool   // the customer may terminate because of this change
}

// IndexationEffective is the day fees change: 1 January of the year (IDX-1).
func IndexationEffective(year int) civil.Date { return civil.D(year, time.January, 1) }

// ReferencePeriods are the months compared for the indexation of year: the clause's month of
// the previous year against the same month a year earlier, or all months of those two years
// for a yearly average.
func ReferencePeriods(c IndexationClause, year int) (newer, older []civil.Month) {
	if c.ReferenceMonth >= 1 && c.ReferenceMonth <= 12 {
		m := time.Month(c.ReferenceMonth)
		return []civil.Month{{Year: year - 1, Month: m}}, []civil.Month{{Year: year - 2, Month: m}}
	}
	for m := time.January; m <= time.December; m++ {
		newer = append(newer, civil.Month{Year: year - 1, Month: m})
		older = append(older, civil.Month{Year: year - 2, Month: m})
	}
	return newer, older
}

// ProposeIndexation computes the indexation of one contract line for year, as if announced
// to the customer on announcedOn (the day the run is applied and the letters go out).
// lineage is the clause's series lineage (nil for other methods, or when the series could not
// be assembled, with lineageErr saying why). The new fee is old fee × I(new)/I(previous)
// bounded by the clause's floor and cap and rounded to cents once (IDX-1); the contract's
// price change rule may then hold the fee (IDX-2, IDX-3).
func ProposeIndexation(year int, c *Contract, l ContractLine, lineage *Lineage, lineageErr error, announcedOn civil.Date) Proposal {
	eff := IndexationEffective(year)
	p := Proposal{
		ContractID: c.ID, ContractLineID: l.ID, Effective: eff, OldFee: l.Fee, NewFee: l.Fee,
		Factor: decimal.NewFromInt(1), Method: c.Indexation.Method, Series: c.Indexation.SeriesCode, Rule: "IDX-1",
	}
	skip := func(reason string) Proposal {
		p.Outcome, p.Reason = OutcomeSkipped, reason
		return p
	}
	switch {
	case !c.StartDate.Before(eff):
		return skip(fmt.Sprintf("the contract starts on %s, not before %s", c.StartDate, eff))
	case c.Termination != nil && c.Termination.EndDate.Before(eff):
		return skip(fmt.Sprintf("the contract ends on %s, before %s", c.Termination.EndDate, eff))
	case !l.FeeSince.Before(eff):
		return skip(fmt.Sprintf("the fee already took effect on %s", l.FeeSince))
	case c.Indexation.Method == IndexNone || c.Indexation.Method == "":
		return skip("the contract has no indexation clause")
	}
	factor, ok := p.factor(year, c.Indexation, lineage, lineageErr)
	if !ok {
		return p
	}
	factor = p.bound(factor, c.Indexation)
	p.Factor = factor.Round(6)
	p.NewFee = RoundCents(l.Fee.Mul(factor))
	p.Outcome = OutcomeChange
	if p.NewFee.Equal(p.OldFee) {
		p.Outcome, p.Reason = OutcomeUnchanged, "the index did not move the fee"
		if p.Bounded != "" {
			p.Reason = "the clause's " + p.Bounded + " holds the fee"
		}
		return p
	}
	if p.NewFee.GreaterThan(p.OldFee) {
		p.applyIncreaseRules(c, announcedOn, eff)
	}
	if p.Reason == "" {
		p.Reason = fmt.Sprintf("%s × %s = %s as of %s", p.OldFee.StringFixed(2), p.Factor.String(), p.NewFee.StringFixed(2), eff)
	}
	return p
}

// factor computes the unbounded factor; on failure it marks p blocked with the reason.
func (p *Proposal) factor(year int, clause IndexationClause, lineage *Lineage, lineageErr error) (decimal.Decimal, bool) {
	if clause.Method == IndexFixedPercent {
		return decimal.NewFromInt(1).Add(clause.FixedPercent.Div(decimal.NewFromInt(100))), true
	}
	if lineage == nil {
		p.Outcome = OutcomeBlocked
		p.Reason = fmt.Sprintf("index series %q cannot be used", clause.SeriesCode)
		if lineageErr != nil {
			p.Reason += ": " + lineageErr.Error()
		}
		return decimal.Zero, false
	}
	p.SeriesName = lineage.NewestName()
	newer, older := ReferencePeriods(clause, year)
	ratio, used, missing := lineage.Ratio(newer, older)
	for _, u := range used {
		if u.Period.Year == year-1 {
			p.IndexNew = append(p.IndexNew, u)
		} else {
			p.IndexPrev = append(p.IndexPrev, u)
		}
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, m := range missing {
			names[i] = m.String()
		}
		p.Outcome = OutcomeBlocked
		p.Reason = fmt.Sprintf("index series %s has no value for %s; load the published value and run again — the fee is not guessed (IDX-1)", p.SeriesName, strings.Join(names, ", "))
		return decimal.Zero, false
	}
	return ratio, true
}

// bound applies the clause's floor and cap (in percent) to factor.
func (p *Proposal) bound(factor decimal.Decimal, clause IndexationClause) decimal.Decimal {
	one, hundred := decimal.NewFromInt(1), decimal.NewFromInt(100)
	if clause.Floor != nil {
		if f := one.Add(clause.Floor.Div(hundred)); factor.LessThan(f) {
			factor, p.Bounded = f, "floor"
		}
	}
	if clause.Cap != nil {
		if c := one.Add(clause.Cap.Div(hundred)); factor.GreaterThan(c) {
			factor, p.Bounded = c, "cap"
		}
	}
	return factor
}

// applyIncreaseRules holds or flags an increase according to the contract's price change
// rule.
func (p *Proposal) applyIncreaseRules(c *Contract, announcedOn, eff civil.Date) {
	hold := func(rule, reason string) {
		p.Rule, p.Reason, p.Outcome, p.NewFee = rule, reason, OutcomeUnchanged, p.OldFee
	}
	switch c.Terms.PriceChangeRule {
	case PriceChange31October:
		deadline := civil.D(eff.Year-1, time.October, 31)
		p.Rule = "IDX-2"
		switch {
		case c.Indexation.InflationDriven():
			p.Reason = fmt.Sprintf("inflation-driven change (%s): applies as of %s without a right to terminate (IDX-2, 003:12.3)", p.SeriesName, eff)
		case announcedOn.After(deadline):
			hold("IDX-2", fmt.Sprintf("the increase was not announced by %s (announced %s) and is not inflation-driven: no increase in %d (IDX-2, 003:12.2)", deadline, announcedOn, eff.Year))
		default:
			p.TerminationRight = true
			p.Reason = fmt.Sprintf("announced on %s, by %s: the customer's only remedy is free termination (IDX-2, 003:12.2)", announcedOn, deadline)
		}
	case PriceChangeOneMonth:
		p.Rule = "IDX-3"
		firstYearEnd := addTermMonths(c.StartDate, 12)
		deadline := eff.AddMonths(-1)
		switch {
		case eff.Before(firstYearEnd):
			hold("IDX-3", fmt.Sprintf("the contract started on %s and keeps its quoted price for the first year, until %s (IDX-3, 000:8)", c.StartDate, firstYearEnd.AddDays(-1)))
		case announcedOn.After(deadline):
			hold("IDX-3", fmt.Sprintf("a price change must be announced at least one month ahead, by %s (announced %s): no increase as of %s (IDX-3, 000:8)", deadline, announcedOn, eff))
		case p.NewFee.GreaterThan(p.OldFee.Mul(decimal.RequireFromString("1.5"))):
			p.TerminationRight = true
			p.Reason = fmt.Sprintf("the new fee %s is more than 1.5 × the current fee %s: the customer may terminate at once (IDX-3, 000:8)", p.NewFee.StringFixed(2), p.OldFee.StringFixed(2))
		}
	}
}
