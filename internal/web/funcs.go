package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/money"
)

// Funcs are the template functions every page can use.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"money":    Money,
		"date":     Date,
		"datetime": DateTime,
		"time":     func(t time.Time) string { return t.In(clock.Amsterdam).Format("15:04") },
		"isoLocal": func(t time.Time) string { return t.In(clock.Amsterdam).Format("2006-01-02T15:04") },
		"rfc3339":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"title":    Title,
		"json": func(v any) template.JS {
			b, _ := json.Marshal(v)
			return template.JS(b)
		},
		"add": func(a, b int) int { return a + b },
		"deref": func(p any) any {
			switch v := p.(type) {
			case *int64:
				if v == nil {
					return ""
				}
				return *v
			case *string:
				if v == nil {
					return ""
				}
				return *v
			case *time.Time:
				if v == nil {
					return nil
				}
				return *v
			}
			return p
		},
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"hasPrefix": strings.HasPrefix,
		"eqs":       func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	}
}

// Money formats euros the Dutch way: € 1.234,50 (negative: € -1.234,50).
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
	s := d.StringFixed(2)
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
	sign := ""
	if neg {
		sign = "-"
	}
	return "€ " + sign + b.String() + "," + frac
}

// Date formats a civil date or an instant (in Amsterdam) as "Mon 2 Jan 2006".
func Date(v any) string {
	switch x := v.(type) {
	case civil.Date:
		if x.IsZero() {
			return "—"
		}
		return x.Start(time.UTC).Format("Mon 2 Jan 2006")
	case *civil.Date:
		if x == nil || x.IsZero() {
			return "—"
		}
		return x.Start(time.UTC).Format("Mon 2 Jan 2006")
	case time.Time:
		if x.IsZero() {
			return "—"
		}
		return x.In(clock.Amsterdam).Format("Mon 2 Jan 2006")
	case *time.Time:
		if x == nil {
			return "—"
		}
		return x.In(clock.Amsterdam).Format("Mon 2 Jan 2006")
	}
	return fmt.Sprint(v)
}

// DateTime formats an instant in Amsterdam time.
func DateTime(v any) string {
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return "—"
		}
		return x.In(clock.Amsterdam).Format("Mon 2 Jan 2006 15:04")
	case *time.Time:
		if x == nil || x.IsZero() {
			return "—"
		}
		return x.In(clock.Amsterdam).Format("Mon 2 Jan 2006 15:04")
	}
	return fmt.Sprint(v)
}

// Title turns "waiting_on_customer" into "Waiting on customer".
func Title(v any) string {
	s := strings.ReplaceAll(fmt.Sprint(v), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
