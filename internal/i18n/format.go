package i18n

import (
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

var months = map[string][12]string{
	NL: {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Amount formats money the Dutch way, 2 decimals, thousands with dots: 1.249,00.
func Amount(d decimal.Decimal) string {
	s := d.Round(2).StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String() + "," + frac
	if neg {
		out = "-" + out
	}
	return out
}

// Euro is Amount with the euro sign: € 1.249,00.
func Euro(d decimal.Decimal) string { return "€\u00a0" + Amount(d) }

// Quantity formats a quantity without needless decimals, Dutch decimal comma: 1,5.
func Quantity(d decimal.Decimal) string {
	return strings.Replace(d.String(), ".", ",", 1)
}

// Date formats a date in words: 1 december 2026 (nl), 1 December 2026 (en).
func Date(lang string, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return strings.Join([]string{itoa(d.Day), months[Lang(lang)][d.Month-1], itoa(d.Year)}, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// AmountIn formats money in a language, 2 decimals: 1.249,00 (nl) or 1,249.00 (en).
func AmountIn(lang string, d decimal.Decimal) string {
	s := Amount(d)
	if Lang(lang) == EN {
		s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	}
	return s
}

// Money is an amount with the euro sign in a language: € 1.249,00 (nl), €1,249.00 (en).
func Money(lang string, d decimal.Decimal) string {
	if Lang(lang) == EN {
		s := AmountIn(EN, d)
		if strings.HasPrefix(s, "-") {
			return "-€" + s[1:]
		}
		return "€" + s
	}
	return Euro(d)
}

// QuantityIn formats a quantity without needless decimals: 1,5 (nl), 1.5 (en).
func QuantityIn(lang string, d decimal.Decimal) string {
	if Lang(lang) == EN {
		return d.String()
	}
	return Quantity(d)
}

// Percent is the one way a percentage is written (issue 13): at most 2 decimals, rounded
// half away from zero, no needless zeros, a non-breaking space before the sign: 21 %,
// 5,5 %, 99,95 % (nl), 5.5 % (en).
func Percent(lang string, d decimal.Decimal) string {
	return QuantityIn(lang, d.Round(2)) + "\u00a0%"
}

// MeasuredPercent is Percent of a measured rate (an availability), cut to 2 decimals
// rather than rounded, so it never reads as meeting a target it missed: 99.8951 is
// 99,89 %, never 99,9 %.
func MeasuredPercent(lang string, d decimal.Decimal) string {
	return Percent(lang, d.Truncate(2))
}

// MonthYear names a month: januari 2026 (nl), January 2026 (en).
func MonthYear(lang string, m civil.Month) string {
	if m.Month < 1 || m.Month > 12 {
		return ""
	}
	return months[Lang(lang)][m.Month-1] + " " + itoa(m.Year)
}
