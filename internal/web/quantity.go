package web

import (
	"fmt"

	"github.com/shopspring/decimal"

	"backoffice/internal/i18n"
)

// TQuantity writes a quantity (a decimal, or a wire type's decimal string such as "84.0")
// in lang without needless zeros: "84", "84,5" (nl), "84.5" (en). A string that is not a
// number is returned as it is; nil is "".
func TQuantity(lang string, v any) string {
	switch x := v.(type) {
	case *string:
		if x == nil {
			return ""
		}
		v = *x
	case *decimal.Decimal:
		if x == nil {
			return ""
		}
		v = *x
	}
	if s, ok := v.(string); ok {
		d, err := decimal.NewFromString(s)
		if err != nil {
			return s
		}
		v = d
	}
	if d, ok := v.(decimal.Decimal); ok {
		return i18n.QuantityIn(lang, d)
	}
	return fmt.Sprint(v)
}
