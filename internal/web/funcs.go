package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
)

// Funcs are the template functions every page can use.
func Funcs() template.FuncMap {
	fm := template.FuncMap{
		"money":   Money,
		"percent": Percent,
		// {{tpercent $.Lang .Rate}}: a rate in the reader's language (21 %, 5.5 %).
		"tpercent": TPercent,
		// monthName 2026-12 → "December 2026"
		"monthName": func(m civil.Month) string { return m.Month.String() + " " + fmt.Sprint(m.Year) },
		// Customer-facing text in the reader's language ({{t $.Lang "portal.quotes.title"}},
		// placeholders as pairs: {{t $.Lang "portal.hello" "Name" .Name}}), with money and
		// dates in that language's format ({{tmoney $.Lang .Total}}, {{tdate $.Lang .Due}}).
		"t": T,
		// {{tor $.Lang "id" "fallback"}}: the translation when the id exists, else fallback.
		"tor": func(lang, id, fallback string) string {
			if i18n.Has(i18n.Lang(lang), id) {
				return i18n.For(lang).T(id)
			}
			return fallback
		},
		"tmoney": func(lang string, d decimal.Decimal) string { return i18n.Money(lang, d) },
		// {{tqty $.Lang .KM}}: a quantity in the reader's language (84,5 nl; 84.5 en), of a
		// decimal or the decimal string of a wire type; nil is "".
		"tqty": TQuantity,
		// {{tmonth $.Lang .Month}}: december 2026 / December 2026.
		"tmonth": func(lang string, m civil.Month) string { return i18n.MonthYear(lang, m) },
		// {{tdate $.Lang .Due}}: 1 december 2026, of a civil.Date or (its Amsterdam day) an instant.
		"tdate": TDate,
		// {{tdatetime $.Lang .At}}: 1 december 2026 14:05 (Amsterdam); a nil pointer is "".
		"tdatetime": TDateTime,
		// {{portalDate $.Data.Portal $.UILang .Due}}: on a page staff and portal share, the
		// customer reads a date (or date and time) in the company's language ("1 december
		// 2026"), staff in the staff format (Date, DateTime).
		"portalDate": PortalDate,
		"date":       Date,
		"datetime":   DateTime,
		"time":       func(t time.Time) string { return t.In(clock.Amsterdam).Format("15:04") },
		"isoLocal":   func(t time.Time) string { return t.In(clock.Amsterdam).Format("2006-01-02T15:04") },
		"rfc3339":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"title":      Title,
		"json": func(v any) template.JS {
			b, _ := json.Marshal(v)
			return template.JS(b)
		},
		"add":   func(a, b int) int { return a + b },
		"email": Email,
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
		// ui "layout.next_page": a staff message (StaffLang), for partials without a view.
		"ui":        UI,
		"field":     FieldLabel,
		"fieldin":   FieldLabelIn,
		"fieldmsg":  FieldMessage,
		"pagerHref": PagerHref,
		"duration":  Duration,
		// tspan $.UILang .DowntimeSeconds → "2 uur 5 minuten" (Span).
		"tspan": Span,
		// plural 1 "month" "months" → "1 month"; 3 → "3 months".
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"words":   func(code string) string { return Title(strings.ToLower(code)) }, // "RESPONSE_DUE" → "Response due"
		"minutes": Minutes,
		// hasRole .User "admin" "account_manager": show a link or button only to the roles
		// its route admits (the page route's auth.Require), so nobody sees a link that
		// answers 403.
		"hasRole": func(p *auth.Principal, roles ...string) bool {
			if p == nil {
				return false
			}
			for _, r := range roles {
				if string(p.Role) == r {
					return true
				}
			}
			return false
		},
		"eqs": func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	}
	partialFuncs(fm)
	wireFuncs(fm)
	return fm
}

// Title turns "waiting_on_customer" into "Waiting on customer".
func Title(v any) string {
	if l := codeLabel(fmt.Sprint(v)); l != "" {
		return l // the code's message (staff.<lang>.json "enum.<code>")
	}
	s := strings.ReplaceAll(fmt.Sprint(v), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// FieldLabel turns a field path of a validation error into words for a person:
// "lines[2].unit_price" → "Line 3 · Unit price", "ended_at" → "Ended at". Pages with a
// form of their own label their fields; this is the fallback that never shows a code.
func FieldLabel(path string) string { return FieldLabelIn(StaffLang, path) }

// FieldLabelIn is FieldLabel in lang (a customer's form: the company's language).
func FieldLabelIn(lang, path string) string {
	var parts []string
	for _, seg := range strings.Split(path, ".") {
		name, idx, hasIdx := strings.Cut(seg, "[")
		if name == "" && hasIdx {
			name = "rows" // "[1].period": the second row of a form's table
		}
		if name == "" {
			continue
		}
		word := labelWord(lang, name)
		if hasIdx {
			n := 0
			if _, err := fmt.Sscanf(strings.TrimSuffix(idx, "]"), "%d", &n); err == nil {
				word = strings.TrimSuffix(word, "s") + fmt.Sprintf(" %d", n+1)
			}
		} else if n := 0; len(parts) > 0 && isDigits(name) {
			fmt.Sscanf(name, "%d", &n)
			parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], "s") + fmt.Sprintf(" %d", n+1)
			continue
		}
		parts = append(parts, word)
	}
	return strings.Join(parts, " · ")
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// labelWord is one segment of a field path in words: "unit_price" → "Unit price",
// "vat_rate" → "VAT rate", "customer_id" → "Customer".
func labelWord(lang, name string) string {
	if l := fieldWord(lang, name); l != "" {
		return l // the field's message (staff.<lang>.json "field.<name>")
	}
	words := strings.Split(strings.TrimSuffix(name, "_id"), "_")
	for i, w := range words {
		switch w {
		case "sku", "vat", "kvk", "iban", "bic", "sla", "csv", "pdf", "url":
			words[i] = strings.ToUpper(w)
		}
	}
	return Title(strings.Join(words, " "))
}

// PagerHref is the link of the "Next page" button for the query string of the next page
// ("status=sent&after=42"). html/template would query-escape a string placed after "?"
// in an href (→ "?status%3dsent%26after%3d42", which reloads page 1), so the link is built
// here: the query is parsed and encoded again (nothing but a query can come through) and
// handed over as a template.URL.
func PagerHref(query string) template.URL {
	v, err := url.ParseQuery(query)
	if err != nil {
		return "?"
	}
	for k, vs := range v {
		// empty filters make the link longer, not different — except an empty status,
		// which is "all statuses" where a list's default is fewer (the ticket queue's
		// "not resolved"): dropping it made page 2 of "All" lose the resolved tickets
		if len(vs) == 1 && vs[0] == "" && k != "status" {
			delete(v, k)
		}
	}
	return template.URL("?" + v.Encode())
}

// Duration writes an ISO 8601 duration of hours and minutes ("PT1H", "PT1H30M", "PT24H")
// as a person reads it: "1 hour", "1 hour 30 min", "24 hours". Other text is returned as is.
func Duration(iso string) string {
	rest, ok := strings.CutPrefix(iso, "PT")
	if !ok || rest == "" {
		return iso
	}
	h, m := 0, 0
	for rest != "" {
		i := strings.IndexAny(rest, "HMS")
		if i <= 0 {
			return iso
		}
		n := 0
		if _, err := fmt.Sscanf(rest[:i], "%d", &n); err != nil {
			return iso
		}
		switch rest[i] {
		case 'H':
			h = n
		case 'M':
			m = n
		}
		rest = rest[i+1:]
	}
	return Minutes(h*60 + m)
}

// Minutes writes a number of minutes as "2 hours", "1 hour 30 min" or "45 min".
func Minutes(total int) string {
	h, m := total/60, total%60
	var parts []string
	switch {
	case h == 1:
		parts = append(parts, "1 hour")
	case h > 1:
		parts = append(parts, fmt.Sprintf("%d hours", h))
	}
	if m > 0 || h == 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	return strings.Join(parts, " ")
}

// T translates a message id for a template: lang, id, then placeholder name/value pairs.
func T(lang, id string, kv ...any) string {
	if len(kv) == 0 {
		return i18n.For(lang).T(id)
	}
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return i18n.For(lang).T(id, data)
}
