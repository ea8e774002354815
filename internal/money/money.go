// Package money is the one place that says how amounts are rounded and written:
// euros as decimal.Decimal end to end, rounded half away from zero to cents at the
// points the rules define (line total, VAT per rate, a priced segment), and written
// on the wire as a string with exactly two decimals ("1234.50").
package money

import (
	"database/sql/driver"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Cents rounds half away from zero to whole cents (shopspring's Round does exactly that).
func Cents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// String writes d with two decimals.
func String(d decimal.Decimal) string { return string(appendFixed2(nil, d)) }

// pow10 are the powers of ten that fit an int64.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// appendFixed2 appends d rounded half away from zero to two decimals: StringFixed(2)'s
// text, in int64 arithmetic for every amount of at most 15 significant digits (shopspring
// rescales through math/big's Exp, a seventh of a quote list's CPU in issue 14's profile).
func appendFixed2(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if d.NumDigits() > 15 || exp > 1 || exp < -18 {
		return append(b, d.StringFixed(2)...)
	}
	c := d.CoefficientInt64()
	var cents int64
	if exp >= -2 {
		cents = c * pow10[exp+2]
	} else {
		div := pow10[-2-exp]
		cents = c / div
		if r := c % div; r >= div-div/2 { // |r| ≥ div/2 rounds away from zero (div is even)
			cents++
		} else if -r >= div-div/2 {
			cents--
		}
	}
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	return append(b, '.', byte('0'+cents%100/10), byte('0'+cents%10))
}

// Amount is a euro amount that marshals as "1234.50" and reads a JSON string or number.
// Use it in response and request types; its Decimal does the arithmetic.
type Amount struct{ decimal.Decimal }

// Of wraps d rounded to cents.
func Of(d decimal.Decimal) Amount { return Amount{Cents(d)} }

// MarshalJSON writes a string with two decimals (digits, a sign and a point: nothing to
// escape, so no encoder round trip — lists write several amounts per row).
func (a Amount) MarshalJSON() ([]byte, error) {
	return a.AppendJSON(make([]byte, 0, 24)), nil
}

// AppendJSON appends what MarshalJSON writes (a list row that writes itself, httpx.RowJSON).
func (a Amount) AppendJSON(b []byte) []byte {
	return append(appendFixed2(append(b, '"'), a.Decimal), '"')
}

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
