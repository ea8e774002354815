package money

import (
	"strings"
	"testing"
)

func TestParseInputDutchAndPlain(t *testing.T) {
	ok := map[string]string{
		"1.249,00": "1249", "1249,00": "1249", "1249.00": "1249", "12,5": "12.5", "0,25": "0.25",
		"€\u00a01.249,50": "1249.5", " 3 ": "3", "-12,50": "-12.5", "1.249.000": "1249000", "12.345.678,9": "12345678.9",
		"12.50": "12.5",
	}
	for in, want := range ok {
		d, err := ParseInput(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseInput(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	bad := []string{"", "1e5", "1,5e3", "1E5", "1e-10000000", "+1", "1,2,3", "12.34,5", "1.24,00", "1,249.00", ",5", "5,",
		"NaN", "Inf", "0x10", "1 249", "12,1234567", strings.Repeat("9", 30), "--1", "€", "1.2.3"}
	for _, in := range bad {
		if d, err := ParseInput(in); err == nil {
			t.Errorf("ParseInput(%q) = %v, want an error", in, d)
		}
	}
	if got := InputString("1,5e3"); got != "1,5e3" {
		t.Errorf("InputString keeps an invalid value as typed, got %q", got)
	}
	if got := InputString("1.249,00"); got != "1249.00" {
		t.Errorf("InputString(1.249,00) = %q", got)
	}
}

func TestDutchRoundTrips(t *testing.T) {
	for _, s := range []string{"1249", "1249.5", "-1234567.25", "0.25", "12"} {
		d, _ := ParseStrict(s)
		for _, places := range []int32{-1, 2} {
			out := Dutch(d, places)
			back, err := ParseInput(out)
			if err != nil || !back.Equal(d) {
				t.Errorf("Dutch(%s, %d) = %q reads back as %v, %v", s, places, out, back, err)
			}
		}
	}
	d, _ := ParseStrict("1249")
	if got := Dutch(d, 2); got != "1.249,00" {
		t.Errorf("Dutch(1249, 2) = %q", got)
	}
}
