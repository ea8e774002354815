package money

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/problem"
)

// Number is a number in a request (a quantity, a price, a VAT rate, a percentage) that
// accepts "12.50" or 12.5 and never fails to decode, so that a bad value becomes a field
// error naming the field together with every other field error of the request, instead of
// a decoding failure of the whole body. Parse judges it in the strict grammar
// (ParseStrict: no exponents, bounded length and scale). Empty means absent. Responses
// put money as Amount.
type Number string

// numberInvalid marks a value that is neither a string nor a number.
const numberInvalid = Number("\x00invalid")

// UnmarshalJSON keeps the raw value; Parse judges it.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*n = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			*n = numberInvalid
			return nil
		}
		*n = Number(strings.TrimSpace(s))
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*n = Number(b)
	default:
		*n = numberInvalid
	}
	return nil
}

// Set reports whether a value was given.
func (n Number) Set() bool { return n != "" }

// Parse returns the decimal, or records a field error on f and returns zero; required
// decides whether absence is an error.
func (n Number) Parse(f *problem.Fields, field string, required bool) decimal.Decimal {
	if n == "" {
		if required {
			f.Add(field, "is required")
		}
		return decimal.Zero
	}
	d, err := ParseStrict(string(n))
	if err != nil || n == numberInvalid {
		f.Add(field, "must be a number such as \"12.50\"")
		return decimal.Zero
	}
	return d
}
