package money

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// appendFixed2 writes exactly what StringFixed(2) writes — half away from zero, no
// "-0.00" — for amounts of every scale, sign and size, the big ones through StringFixed.
func TestAppendFixed2MatchesStringFixed(t *testing.T) {
	cases := []string{"0", "-0", "0.004", "-0.004", "0.005", "-0.005", "0.015", "-0.015", "1249.5", "1249.505", "1249.50499999",
		"-1249.495", "12", "-12", "120", "1.2e1", "7e1", "999999999999.995", "-999999999999.995", "123456789012345678.9",
		"0.000000000000000001", "0.5e-2", "99.994999999999999999999", "9223372036854775807", "1e30", "-1e-30"}
	for _, s := range cases {
		d := decimal.RequireFromString(s)
		if got, want := String(d), d.StringFixed(2); got != want {
			t.Errorf("%s: %s, want %s", s, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		d := decimal.New(r.Int64N(2e15)-1e15, -r.Int32N(12)+1)
		if got, want := String(d), d.StringFixed(2); got != want {
			t.Fatalf("%s: %s, want %s", d, got, want)
		}
	}
}

func BenchmarkAmountJSON(b *testing.B) {
	a := Amount{decimal.New(1798, 0)}
	b.Run("StringFixed", func(b *testing.B) {
		for b.Loop() {
			_ = a.StringFixed(2)
		}
	})
	b.Run("MarshalJSON_(used)", func(b *testing.B) {
		for b.Loop() {
			if _, err := a.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
