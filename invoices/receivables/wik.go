package receivables

import (
	"github.com/shopspring/decimal"

	"backoffice/internal/money"
)

// wikBand is one band of the WIK scale (Besluit vergoeding voor buitengerechtelijke
// incassokosten): Percent of the part of the principal up to Upto (zero: no upper end).
type wikBand struct {
	Upto    decimal.Decimal
	Percent decimal.Decimal
}

var (
	wikScale = []wikBand{
		{decimal.NewFromInt(2500), decimal.NewFromInt(15)},
		{decimal.NewFromInt(5000), decimal.NewFromInt(10)},
		{decimal.NewFromInt(10000), decimal.NewFromInt(5)},
		{decimal.NewFromInt(200000), decimal.NewFromInt(1)},
		{decimal.Zero, decimal.RequireFromString("0.5")},
	}
	wikMin = decimal.NewFromInt(40)
	wikMax = decimal.NewFromInt(6775)
)

// WIK is the statutory extrajudicial collection costs on a principal (INV-4): 15 % of the
// first €2,500, 10 % of the next €2,500, 5 % of the next €5,000, 1 % of the next
// €190,000, 0.5 % above; at least €40 and at most €6,775; rounded once to cents.
func WIK(principal decimal.Decimal) decimal.Decimal {
	if !principal.IsPositive() {
		return decimal.Zero
	}
	total, lower := decimal.Zero, decimal.Zero
	for _, b := range wikScale {
		upper := principal
		if !b.Upto.IsZero() && b.Upto.LessThan(principal) {
			upper = b.Upto
		}
		if upper.GreaterThan(lower) {
			total = total.Add(upper.Sub(lower).Mul(b.Percent).Div(decimal.NewFromInt(100)))
		}
		if b.Upto.IsZero() || !b.Upto.LessThan(principal) {
			break
		}
		lower = b.Upto
	}
	total = money.Cents(total)
	if total.LessThan(wikMin) {
		return wikMin
	}
	if total.GreaterThan(wikMax) {
		return wikMax
	}
	return total
}

// CostsRule is how a terms profile or contract sets the collection costs: the WIK scale
// on the unpaid principal, or (business customers only) an agreed percentage of the
// invoice total (003:12.9: 15 %).
type CostsRule struct {
	Kind    string          `json:"kind"` // "wik" or "percent_of_invoice"
	Percent decimal.Decimal `json:"percent,omitempty"`
}

// Compute returns the costs for an invoice total and its unpaid principal.
func (r CostsRule) Compute(invoiceTotal, unpaid decimal.Decimal) decimal.Decimal {
	if r.Kind == "percent_of_invoice" {
		return money.Cents(invoiceTotal.Mul(r.Percent).Div(decimal.NewFromInt(100)))
	}
	return WIK(unpaid)
}
