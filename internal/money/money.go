// Package money is the one place that says how amounts are rounded and written:
// euros as decimal.Decimal end to end, rounded half away from zero to cents at the
// points the rules define (line total, VAT per rate, a priced segment), and written
// on the wire as a string with exactly two decimals ("1234.50").
package money

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

// Cents rounds half away from zero to whole cents (shopspring's Round does exactly that).
func Cents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// String writes d with two decimals.
func String(d decimal.Decimal) string { return d.StringFixed(2) }

// Amount is a euro amount that marshals as "1234.50" and reads a JSON string or number.
// Use it in response and request types; its Decimal does the arithmetic.
type Amount struct{ decimal.Decimal }

// Of wraps d rounded to cents.
func Of(d decimal.Decimal) Amount { return Amount{Cents(d)} }

// MarshalJSON writes a string with two decimals.
func (a Amount) MarshalJSON() ([]byte, error) { return json.Marshal(a.StringFixed(2)) }

// UnmarshalJSON reads "12.50" or 12.5 in the strict grammar (ParseStrict: no exponents,
// bounded length and scale).
func (a *Amount) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	d, err := StrictJSON(b)
	if err != nil {
		return fmt.Errorf("must be an amount like \"12.50\"")
	}
	a.Decimal = d
	return nil
}

// UnmarshalText reads the strict grammar (forms, query parameters, CSV).
func (a *Amount) UnmarshalText(b []byte) error {
	d, err := ParseStrict(string(b))
	if err != nil {
		return fmt.Errorf("must be an amount like \"12.50\"")
	}
	a.Decimal = d
	return nil
}

// Value stores the amount in a numeric column.
func (a Amount) Value() (driver.Value, error) { return a.Decimal.Value() }

// Scan reads a numeric column.
func (a *Amount) Scan(src any) error { return a.Decimal.Scan(src) }
