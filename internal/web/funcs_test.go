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

func TestFieldLabelNamesNoCodes(t *testing.T) {
	for in, want := range map[string]string{
		"lines[2].unit_price": "Line 3 · Unit price", "ended_at": "Ended at", "hours.saturday": "Hours · Saturday",
		"lines.0.quantity": "Line 1 · Quantity", "terms.notice_months": "Terms · Notice months",
	} {
		if got := FieldLabel(in); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
