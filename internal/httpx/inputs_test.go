package httpx

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

type inner struct {
	Note string `json:"note"`
}

type attackReq struct {
	Subject     string           `json:"subject"`
	Description string           `json:"description"`
	Rate        *decimal.Decimal `json:"hourly_rate"`
	Price       money.Amount     `json:"price"`
	At          *time.Time       `json:"at"`
	On          civil.Date       `json:"on"`
	Tags        []string         `json:"tags"`
	Inner       []inner          `json:"inner"`
	Title       string           `json:"title" validate:"max=5"`
	Patch       Optional[string] `json:"patch"`
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var pe *problem.Error
	if !errors.As(err, &pe) || pe.Status != 422 {
		t.Fatalf("want a 422, got %v", err)
	}
	var out []string
	for _, f := range pe.Fields {
		out = append(out, f.Field)
	}
	return out
}

// TestDecodeStrictRefusesAttackInputs reproduces issue 9 #2, #3, #5 and #11 at the one
// decoder every JSON endpoint uses: exponents, NUL bytes, extreme dates, oversized text.
func TestDecodeStrictRefusesAttackInputs(t *testing.T) {
	cases := []struct{ name, body, field string }{
		{"nul_in_subject", `{"subject":"a\u0000b"}`, "subject"},
		{"newline_in_single_line", `{"subject":"a\nb"}`, "subject"},
		{"del_in_subject", `{"subject":"a\u007fb"}`, "subject"},
		{"nul_in_description", `{"description":"a\u0000b"}`, "description"},
		{"nul_case_insensitive_key", `{"SUBJECT":"a\u0000b"}`, "SUBJECT"},
		{"nul_in_array", `{"tags":["ok","a\u0001"]}`, "tags[1]"},
		{"nul_nested", `{"inner":[{"note":"x\u0000"}]}`, "inner[0].note"},
		{"exponent_string", `{"hourly_rate":"1e-10000000"}`, "hourly_rate"},
		{"exponent_number", `{"hourly_rate":1e-100000000}`, "hourly_rate"},
		{"exponent_amount", `{"price":"1E400"}`, "price"},
		{"huge_amount", `{"price":"99999999999999999999.99"}`, "price"},
		{"year_1", `{"on":"0001-01-01"}`, "on"},
		{"year_9999", `{"on":"9999-12-31"}`, "on"},
		{"instant_9999", `{"at":"9999-12-30T08:00:00Z"}`, "at"},
		{"nul_in_optional", `{"patch":"a\u0000"}`, "patch"},
		{"oversized_name", `{"subject":"` + strings.Repeat("x", MaxLine+1) + `"}`, "subject"},
		{"oversized_text", `{"description":"` + strings.Repeat("x", MaxText+1) + `"}`, "description"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r attackReq
			got := fieldsOf(t, DecodeStrict([]byte(c.body), &r))
			if len(got) != 1 || got[0] != c.field {
				t.Fatalf("fields %v, want [%s]", got, c.field)
			}
		})
	}
	ok := `{"subject":"Printer","description":"line 1\nline 2\ttab\r\n","hourly_rate":"85.50","price":12.5,"at":"2026-03-02T10:00:00Z","on":"2026-03-02","tags":["a"],"inner":[{"note":"n"}],"title":"toolongtitle"}`
	var r attackReq
	if err := DecodeStrict([]byte(ok), &r); err != nil {
		t.Fatalf("a good body was refused: %v", err)
	}
}
