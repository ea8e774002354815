package orders

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// Limits on quote content. They keep every amount inside the numeric columns and keep a
// quote printable.
const (
	MaxQuoteLines      = 200
	maxTitleLen        = 200
	maxDescriptionLen  = 1000
	maxUnitLen         = 20
	maxSKULen          = 64
	maxQuantityDecimal = 3
)

var (
	maxQuantity  = decimal.NewFromInt(1_000_000)
	maxUnitPrice = decimal.NewFromInt(100_000_000)
	maxLineTotal = decimal.RequireFromString("999999999.99")
)

// ValidateQuote checks a draft quote as it is about to be stored, collecting every field
// error: bad lines, a validity outside 1–365 days, a start date before today, unknown
// VAT rates, prices with more than two decimals, inconsistent terms.
func ValidateQuote(q *Quote, today civil.Date) error {
	var fe fieldErrors
	if q.CustomerID <= 0 {
		fe.add("customer_id", "is required")
	}
	checkText(&fe, "title", q.Title, maxTitleLen, true)
	if q.ValidDays < 1 || q.ValidDays > MaxValidDays {
		fe.add("valid_days", "must be between 1 and %d days", MaxValidDays)
	}
	if q.LeadTimeDays < 0 || q.LeadTimeDays > 730 {
		fe.add("lead_time_days", "must be between 0 and 730 working days")
	}
	if !q.StartDate.IsZero() && q.StartDate.Before(today) {
		fe.add("start_date", "must not be in the past (today is %s)", today)
	}
	q.Terms.validate("terms.", &fe)
	if !q.Terms.PriceChangeRule.Valid() {
		fe.add("terms.price_change_rule", "unknown price change rule")
	}
	q.Indexation.validate("indexation.", &fe)
	validateLines(&fe, "lines", q.Lines)
	return fe.err()
}

// validateLines checks priced lines; it is shared by quotes and change requests.
func validateLines(fe *fieldErrors, prefix string, lines []Line) {
	if len(lines) == 0 {
		fe.add(prefix, "at least one line is required")
	}
	if len(lines) > MaxQuoteLines {
		fe.add(prefix, "at most %d lines", MaxQuoteLines)
	}
	for i, l := range lines {
		validateLine(fe, fmt.Sprintf("%s[%d].", prefix, i), l)
	}
}

func validateLine(fe *fieldErrors, p string, l Line) {
	if !l.Kind.Valid() {
		fe.add(p+"kind", "must be one of hardware, service, recurring, secondment, training")
	}
	checkText(fe, p+"description", l.Description, maxDescriptionLen, true)
	checkText(fe, p+"unit", l.Unit, maxUnitLen, true)
	checkText(fe, p+"sku", l.SKU, maxSKULen, false)
	switch {
	case !l.Quantity.IsPositive():
		fe.add(p+"quantity", "must be greater than zero")
	case l.Quantity.GreaterThan(maxQuantity):
		fe.add(p+"quantity", "must not exceed %s", maxQuantity)
	case !l.Quantity.Equal(l.Quantity.Round(maxQuantityDecimal)):
		fe.add(p+"quantity", "at most %d decimals", maxQuantityDecimal)
	}
	priceOK := false
	switch {
	case l.UnitPrice.IsNegative():
		fe.add(p+"unit_price", "must not be negative")
	case l.UnitPrice.GreaterThan(maxUnitPrice):
		fe.add(p+"unit_price", "must not exceed %s", maxUnitPrice)
	case !l.UnitPrice.Equal(RoundCents(l.UnitPrice)):
		fe.add(p+"unit_price", "at most 2 decimals (euro cents)")
	default:
		priceOK = true
	}
	if priceOK && l.Quantity.IsPositive() && l.Total().GreaterThan(maxLineTotal) {
		fe.add(p+"unit_price", "the line total must not exceed %s", maxLineTotal)
	}
	if !IsKnownVATRate(l.VATRate) {
		fe.add(p+"vat_rate", "must be one of 21, 9 or 0")
	}
	switch {
	case l.Kind == KindRecurring && !l.Period.Valid():
		fe.add(p+"period", "a recurring line needs period month or year")
	case l.Kind != KindRecurring && l.Period != "":
		fe.add(p+"period", "only recurring lines have a period")
	}
}

func checkText(fe *fieldErrors, field, s string, maxLen int, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		fe.add(field, "is required")
	case utf8.RuneCountInString(s) > maxLen:
		fe.add(field, "at most %d characters", maxLen)
	case !utf8.ValidString(s):
		fe.add(field, "must be valid UTF-8")
	}
}
