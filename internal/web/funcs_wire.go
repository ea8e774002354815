package web

import (
	"html/template"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

// wireFuncs read values as they come on the wire (a response type's strings) the way a
// page writes them.
func wireFuncs(fm template.FuncMap) {
	// {{tperiod $.UILang "2026-08"}}: a month on the wire as words, "August 2026".
	fm["tperiod"] = func(lang, yyyymm string) string {
		if m, err := civil.ParseMonth(yyyymm); err == nil {
			return i18n.MonthYear(lang, m)
		}
		return yyyymm
	}
	// {{quantity "103.6700"}}: a decimal on the wire the way amounts are written, 103,67.
	fm["quantity"] = func(s string) string {
		if d, err := decimal.NewFromString(s); err == nil {
			return i18n.Quantity(d)
		}
		return s
	}
	// {{tunit $.UILang "hour"}}: a line's unit in the reader's language ("uur"), through the
	// documents' words (pdfdoc.Unit); a unit they do not know stays as written.
	fm["tunit"] = func(lang, unit string) string { return pdfdoc.Unit(i18n.For(lang), unit) }
}
