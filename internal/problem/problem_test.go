package problem

import (
	"errors"
	"fmt"
	"testing"
)

func TestFieldsOrderAndWrapping(t *testing.T) {
	var f Fields
	f.Add("lines[10].quantity", "x")
	f.Add("title", "x")
	f.Add("lines[2].unit_price", "x")
	f.Add("lines[2].quantity", "x")
	err := f.Err().(*Error)
	var got []string
	for _, e := range err.Fields {
		got = append(got, e.Field)
	}
	want := "[lines[2].quantity lines[2].unit_price lines[10].quantity title]"
	if fmt.Sprint(got) != want {
		t.Fatalf("%v, want %s", got, want)
	}
	wrapped := fmt.Errorf("%w: valid until 2026-04-01", Conflict("quote_expired", "expired"))
	if !errors.Is(wrapped, Conflict("quote_expired", "other text")) || StatusOf(wrapped) != 409 || CodeOf(wrapped) != "quote_expired" {
		t.Fatal("wrapped problem lost its identity")
	}
	if StatusOf(errors.New("boom")) != 500 || (Fields{}).Err() != nil {
		t.Fatal("plain errors are 500; no fields is no error")
	}
}
