package money

import "github.com/shopspring/decimal"

// DecimalOf is the decimal of an optional amount of a request body, nil when absent.
func DecimalOf(a *Amount) *decimal.Decimal {
	if a == nil {
		return nil
	}
	d := a.Decimal
	return &d
}
