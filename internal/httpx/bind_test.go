package httpx

import (
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/money"
	"backoffice/internal/problem"
)

type line struct {
	Quantity  decimal.Decimal `json:"quantity" validate:"dgt=0"`
	UnitPrice money.Amount    `json:"unit_price" validate:"dgte=0,scale=2"`
	VATRate   decimal.Decimal `json:"vat_rate" validate:"dgte=0,dlte=100"`
}

type req struct {
	Title string `json:"title" validate:"required,max=10"`
	Lines []line `json:"lines" validate:"required,min=1,dive"`
}

func TestDecodeAndValidate(t *testing.T) {
	cases := []struct {
		name, body, code string
		fields           []string
	}{
		{"ok", `{"title":"x","lines":[{"quantity":"1","unit_price":"12.50","vat_rate":"21"}]}`, "", nil},
		{"malformed", `{"title":`, "malformed_json", nil},
		{"trailing", `{"title":"x","lines":[]} {}`, "malformed_json", nil},
		{"unknown_field", `{"title":"x","colour":"red"}`, "unknown_field", nil},
		{"wrong_type", `{"title":5}`, "validation_failed", []string{"title"}},
		{"every_field_error", `{"title":"far too long title","lines":[{"quantity":"0","unit_price":"1.005","vat_rate":"121"}]}`,
			"validation_failed", []string{"lines[0].quantity", "lines[0].unit_price", "lines[0].vat_rate", "title"}},
		{"negative_price", `{"title":"x","lines":[{"quantity":"2","unit_price":"-1","vat_rate":"9"}]}`, "validation_failed", []string{"lines[0].unit_price"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r req
			err := DecodeStrict([]byte(c.body), &r)
			if err == nil {
				err = Struct(&r)
			}
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if problem.CodeOf(err) != c.code {
				t.Fatalf("code %q (%v), want %q", problem.CodeOf(err), err, c.code)
			}
			var pe *problem.Error
			if c.fields != nil {
				pe = err.(*problem.Error)
				var got []string
				for _, f := range pe.Fields {
					got = append(got, f.Field)
				}
				sort.Strings(got)
				if strings.Join(got, ",") != strings.Join(c.fields, ",") {
					t.Fatalf("fields %v, want %v", got, c.fields)
				}
			}
		})
	}
}
