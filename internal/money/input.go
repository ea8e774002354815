package money

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// ErrNotInputNumber is returned by ParseInput for text that is not a number a person types.
var ErrNotInputNumber = errors.New(`must be a number such as "1.249,50" or "12,5"`)

// NormaliseInput turns what a person types into a UI money or quantity field into the
// strict grammar (ParseStrict), or returns ok=false. It accepts the Dutch way of writing
// numbers — a decimal comma with optional thousands points ("1.249,00", "1249,00",
// "12,5") — and the plain form the API uses ("1249.00"). A leading "€" and surrounding
// spaces are ignored. A single point without a comma is a decimal point ("12.50"); two or
// more points are thousands separators ("1.249.000"), which must then group by three.
// Exponents, signs other than a leading minus, and anything else stay refused: the result
// still has to pass the strict grammar, so this never widens what decimal arithmetic sees.
func NormaliseInput(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	s = strings.ReplaceAll(s, "\u00a0", "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var intPart, frac string
	hasFrac := false
	switch {
	case strings.Count(s, ",") > 1:
		return "", false
	case strings.Contains(s, ","):
		intPart, frac, hasFrac = strings.Cut(s, ",")
		if strings.Contains(frac, ".") {
			return "", false
		}
		if strings.Contains(intPart, ".") {
			if !grouped(intPart) {
				return "", false
			}
			intPart = strings.ReplaceAll(intPart, ".", "")
		}
	case strings.Count(s, ".") > 1:
		if !grouped(s) {
			return "", false
		}
		intPart = strings.ReplaceAll(s, ".", "")
	default:
		intPart, frac, hasFrac = strings.Cut(s, ".")
	}
	out := intPart
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	if !StrictGrammar(out) {
		return "", false
	}
	return out, true
}

// grouped reports whether s is digits in thousands groups: "1.249", "12.345.678".
func grouped(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// ParseInput parses a UI money or quantity field (see NormaliseInput) with the strict grammar.
func ParseInput(s string) (decimal.Decimal, error) {
	n, ok := NormaliseInput(s)
	if !ok {
		return decimal.Zero, ErrNotInputNumber
	}
	return decimal.NewFromString(n)
}

// InputString is NormaliseInput for form readers that hand the value on as text to a
// parser with the strict grammar: a value that cannot be normalised is returned as typed,
// so that parser reports it (naming the field) instead of it silently becoming empty.
func InputString(s string) string {
	if n, ok := NormaliseInput(s); ok {
		return n
	}
	return strings.TrimSpace(s)
}

// Dutch writes d the way ParseInput reads it back: thousands points and a decimal comma
// ("1.249,00"). places < 0 keeps d's own decimals (a quantity "2,5"), else it rounds to places.
// A whole number without decimals gets no thousands points ("1249"): a lone point would read
// back as a decimal point.
func Dutch(d decimal.Decimal, places int32) string {
	s := d.String()
	if places >= 0 {
		s = d.StringFixed(places)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if hasFrac && i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}
