package web

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestMoney(t *testing.T) {
	for in, want := range map[string]string{"0": "€ 0,00", "1234.5": "€ 1.234,50", "-1234567.891": "€ -1.234.567,89", "999": "€ 999,00"} {
		if got := Money(decimal.RequireFromString(in)); got != want {
			t.Errorf("Money(%s) = %q, want %q", in, got, want)
		}
	}
	if Title("waiting_on_customer") != "Waiting on customer" {
		t.Error(Title("waiting_on_customer"))
	}
}
