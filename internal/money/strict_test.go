package money

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseStrict(t *testing.T) {
	ok := []string{"0", "12", "12.5", "12.50", "-3.25", "123456789012345678", "0.000001"}
	bad := []string{"", "-", ".5", "5.", "1e5", "1E5", "1e-10000000", "+1", " 1", "1 ", "1,5", "NaN", "Inf", "0x10",
		"1234567890123456789", "0.0000001", "1.2.3", "--1", strings.Repeat("9", 100)}
	for _, s := range ok {
		if _, err := ParseStrict(s); err != nil {
			t.Errorf("ParseStrict(%q) = %v, want ok", s, err)
		}
	}
	for _, s := range bad {
		if _, err := ParseStrict(s); err == nil {
			t.Errorf("ParseStrict(%q) accepted", s)
		}
	}
}

// TestAmountRefusesExponentsCheaply reproduces the CPU denial of service of issue 9 #2:
// "1e-10000000" took seconds inside shopspring's parser before its 422.
func TestAmountRefusesExponentsCheaply(t *testing.T) {
	for _, in := range []string{`"1e-10000000"`, `1e-100000000`, `"1E400"`, `"99999999999999999999.99"`} {
		var a Amount
		if err := json.Unmarshal([]byte(in), &a); err == nil {
			t.Errorf("Amount accepted %s", in)
		}
	}
	var a Amount
	if err := json.Unmarshal([]byte(`"12.50"`), &a); err != nil || a.StringFixed(2) != "12.50" {
		t.Fatalf("12.50: %v %v", a, err)
	}
	if err := json.Unmarshal([]byte(`12.5`), &a); err != nil || a.StringFixed(2) != "12.50" {
		t.Fatalf("12.5: %v %v", a, err)
	}
}
