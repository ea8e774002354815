package web

import (
	"fmt"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
)

// PortalDate formats v (civil.Date, time.Time or a pointer to one) for the reader of a page
// that staff and portal share: in lang for a customer (portal), else as Date/DateTime.
func PortalDate(portal bool, lang string, v any) string {
	switch x := v.(type) {
	case *civil.Date:
		if x == nil {
			return "—"
		}
		return PortalDate(portal, lang, *x)
	case *time.Time:
		if x == nil {
			return "—"
		}
		return PortalDate(portal, lang, *x)
	case civil.Date:
		if !portal || x.IsZero() {
			return Date(x)
		}
		return i18n.Date(lang, x)
	case time.Time:
		if !portal || x.IsZero() {
			return DateTime(x)
		}
		t := x.In(clock.Amsterdam)
		return i18n.Date(lang, civil.Of(t)) + " " + t.Format("15:04")
	}
	return fmt.Sprint(v)
}
