package web

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestPercentOneFormat (issue 13): every percentage is written one way — at most 2
// decimals, no needless zeros, a comma (staff pages and Dutch readers), a non-breaking
// space before the sign — and a measured rate on the wire is cut, not rounded, so it never
// reads as the target it missed ("99.8951" is 99,89 %, not 99,9 %).
func TestPercentOneFormat(t *testing.T) {
	const nb = "\u00a0%"
	for _, tt := range []struct {
		lang string
		in   any
		want string
	}{
		{"nl", decimal.RequireFromString("21.00"), "21" + nb},
		{"nl", decimal.RequireFromString("8.25"), "8,25" + nb},
		{"nl", decimal.RequireFromString("3.4512"), "3,45" + nb},
		{"nl", decimal.RequireFromString("3.456"), "3,46" + nb},
		{"en", decimal.RequireFromString("5.50"), "5.5" + nb},
		{"nl", "99.9500", "99,95" + nb},
		{"nl", "99.9094", "99,9" + nb},
		{"nl", "99.8951", "99,89" + nb},
		{"nl", "21", "21" + nb},
		{"nl", 50, "50" + nb},
	} {
		if got := TPercent(tt.lang, tt.in); got != tt.want {
			t.Errorf("TPercent(%s, %v) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
	if got := Percent(decimal.RequireFromString("10.15")); got != "10,15"+nb {
		t.Errorf("Percent(10.15) = %q", got)
	}
}

// TestQuantityInTheReadersLanguage: a wire type's decimal string ("84.0" km) reads
// "84" and "40,5" to a Dutch reader, "40.5" to an English one; nil is empty.
func TestQuantityInTheReadersLanguage(t *testing.T) {
	s, none := "40.5", (*string)(nil)
	for _, tt := range []struct {
		lang string
		in   any
		want string
	}{
		{"nl", "84.0", "84"}, {"nl", &s, "40,5"}, {"en", &s, "40.5"},
		{"nl", decimal.RequireFromString("1.50"), "1,5"}, {"nl", none, ""}, {"nl", "n/a", "n/a"},
	} {
		if got := TQuantity(tt.lang, tt.in); got != tt.want {
			t.Errorf("TQuantity(%s, %v) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}
