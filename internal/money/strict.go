package money

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// Bounds of the strict number grammar. 18 integer digits hold every numeric(14,2) amount
// and numeric(18,x) rate with room; 6 decimals hold every rate and index value we store.
// Anything longer is refused before decimal arithmetic sees it: shopspring parses
// "1e-10000000" into a 10-million-digit division (a CPU denial of service).
const (
	MaxIntDigits   = 18
	MaxScaleDigits = 6
)

// ErrNotStrictNumber is returned for a value outside the strict grammar.
var ErrNotStrictNumber = errors.New(`must be a number such as "12.50" (digits, one optional decimal point, no exponent)`)

// ParseStrict parses an amount or quantity with the one grammar every entry point uses
// (JSON, forms, CSV, query): an optional leading minus, 1..MaxIntDigits digits, and
// optionally a point followed by 1..MaxScaleDigits digits. No exponents, no plus sign,
// no spaces, no thousands separators, no "NaN"/"Inf". Callers that do not accept
// negatives say so in their validation (dgte=0).
func ParseStrict(s string) (decimal.Decimal, error) {
	if !StrictGrammar(s) {
		return decimal.Zero, ErrNotStrictNumber
	}
	return decimal.NewFromString(s)
}

// StrictGrammar reports whether s is in the strict number grammar (see ParseStrict).
func StrictGrammar(s string) bool {
	if len(s) > 1+MaxIntDigits+1+MaxScaleDigits {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if len(intPart) == 0 || len(intPart) > MaxIntDigits || !digits(intPart) {
		return false
	}
	if hasPoint && (len(frac) == 0 || len(frac) > MaxScaleDigits || !digits(frac)) {
		return false
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// StrictJSON parses a JSON value that is a string or a bare number in the strict grammar.
func StrictJSON(b []byte) (decimal.Decimal, error) {
	s := strings.TrimSpace(string(b))
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return ParseStrict(s)
}
