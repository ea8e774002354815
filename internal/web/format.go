package web

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
)

// Money formats euros the one way every page and message writes them, i18n.Euro:
// € 1.234,50 (negative: € -1.234,50).
func Money(v any) string {
	var d decimal.Decimal
	switch x := v.(type) {
	case decimal.Decimal:
		d = x
	case *decimal.Decimal:
		if x == nil {
			return ""
		}
		d = *x
	case money.Amount:
		d = x.Decimal
	case *money.Amount:
		if x == nil {
			return ""
		}
		d = x.Decimal
	case string:
		var err error
		if d, err = decimal.NewFromString(x); err != nil {
			return x
		}
	default:
		return fmt.Sprint(v)
	}
	return i18n.Euro(d)
}

// Percent writes a rate on a staff page the way amounts are written there (Dutch),
// through i18n.Percent: 8,25 %, 21 %, 99,95 %.
func Percent(v any) string { return TPercent(i18n.NL, v) }

// TPercent writes a rate in lang (i18n.Percent): a decimal, an integer, or a string on the
// wire; a string is a measured rate ("99.9094" → "99,9 %"), cut rather than rounded so it
// never reads as a target it missed (i18n.MeasuredPercent).
func TPercent(lang string, v any) string {
	switch x := v.(type) {
	case decimal.Decimal:
		return i18n.Percent(lang, x)
	case *decimal.Decimal:
		if x == nil {
			return ""
		}
		return i18n.Percent(lang, *x)
	case int:
		return i18n.Percent(lang, decimal.NewFromInt(int64(x)))
	case int64:
		return i18n.Percent(lang, decimal.NewFromInt(x))
	case string:
		if d, err := decimal.NewFromString(x); err == nil {
			return i18n.MeasuredPercent(lang, d)
		}
	}
	return fmt.Sprint(v) + "\u00a0%"
}

// TDateTime is an instant in lang, in Amsterdam time: 1 december 2026 14:05; a nil
// pointer or the zero time is "".
func TDateTime(lang string, v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x != nil {
			t = *x
		}
	}
	if t.IsZero() {
		return ""
	}
	t = t.In(clock.Amsterdam)
	return i18n.Date(lang, civil.Of(t)) + " " + t.Format("15:04")
}

// dayOf is the day of a civil date or (in Amsterdam) an instant; the zero date for nil
// or the zero time; ok false for any other type.
func dayOf(v any) (d civil.Date, ok bool) {
	switch x := v.(type) {
	case civil.Date:
		return x, true
	case *civil.Date:
		if x != nil {
			d = *x
		}
		return d, true
	case time.Time:
		if !x.IsZero() {
			d = civil.In(x, clock.Amsterdam)
		}
		return d, true
	case *time.Time:
		if x != nil && !x.IsZero() {
			d = civil.In(*x, clock.Amsterdam)
		}
		return d, true
	}
	return d, false
}

// TDate is a date in lang ({{tdate $.Lang .Due}}): 1 december 2026, of a civil.Date or
// (its Amsterdam day) an instant; nothing is "".
func TDate(lang string, v any) string {
	d, ok := dayOf(v)
	if !ok {
		return fmt.Sprint(v)
	}
	if d.IsZero() {
		return ""
	}
	return i18n.Date(lang, d)
}

// Date formats a civil date or an instant (in Amsterdam) the way every page writes dates,
// in the staff language: "2 December 2026" (nl: "2 december 2026"); nothing is "—".
func Date(v any) string {
	if s := TDate(StaffLang, v); s != "" {
		return s
	}
	return "—"
}

// DateTime formats an instant in Amsterdam as TDateTime does in the staff language:
// "2 December 2026 14:33"; nothing is "—".
func DateTime(v any) string {
	switch x := v.(type) {
	case time.Time, *time.Time:
		if s := TDateTime(StaffLang, x); s != "" {
			return s
		}
		return "—"
	}
	return fmt.Sprint(v)
}
