package calendar

import (
	"testing"
	"time"
)

func BenchmarkAddWorkingDays10(b *testing.B) {
	c := builtin(b, IDKantooruren)
	d := date("2025-12-19")
	for b.Loop() {
		d2 := c.AddWorkingDays(d, 10)
		if d2.IsZero() {
			b.Fatal("zero")
		}
	}
}

func BenchmarkAddBusiness40h(b *testing.B) {
	c := builtin(b, IDKantooruren)
	from := ams(2025, 4, 24, 14, 0) // across Koningsdag weekend
	for b.Loop() {
		if c.AddBusiness(from, 40*time.Hour).IsZero() {
			b.Fatal("zero")
		}
	}
}

func BenchmarkBusinessBetween(b *testing.B) {
	c := builtin(b, IDKantooruren)
	from, to := ams(2025, 3, 15, 10, 0), ams(2025, 4, 15, 10, 0) // one month, across DST
	for b.Loop() {
		if c.BusinessBetween(from, to) == 0 {
			b.Fatal("zero")
		}
	}
}
