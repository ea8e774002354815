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
