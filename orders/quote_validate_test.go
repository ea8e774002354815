package orders

import (
	"slices"
	"testing"

	"backoffice/internal/civil"
)

func TestValidateQuote(t *testing.T) {
	t.Parallel()
	today := civil.D(2026, 3, 2)
	tests := []struct {
		name   string
		mutate func(q *Quote)
		want   []string // field names, in order; nil = valid
	}{
		{name: "valid_quote", mutate: func(*Quote) {}},
		{name: "Q-1_valid_days_default_30_is_valid", mutate: func(q *Quote) { q.ValidDays = DefaultValidDays }},
		{name: "Q-1_valid_days_365_is_valid", mutate: func(q *Quote) { q.ValidDays = 365 }},
		{name: "Q-1_valid_days_0", mutate: func(q *Quote) { q.ValidDays = 0 }, want: []string{"valid_days"}},
		{name: "Q-1_valid_days_366", mutate: func(q *Quote) { q.ValidDays = 366 }, want: []string{"valid_days"}},
		{name: "start_date_today_is_valid", mutate: func(q *Quote) { q.StartDate = today }},
		{name: "start_date_none_is_valid", mutate: func(q *Quote) { q.StartDate = civil.Date{} }},
		{name: "start_date_in_the_past", mutate: func(q *Quote) { q.StartDate = today.AddDays(-1) }, want: []string{"start_date"}},
		{name: "missing_customer_and_title", mutate: func(q *Quote) { q.CustomerID = 0; q.Title = "  " }, want: []string{"customer_id", "title"}},
		{name: "no_lines", mutate: func(q *Quote) { q.Lines = nil }, want: []string{"lines"}},
		{name: "Q-7_zero_quantity", mutate: func(q *Quote) { q.Lines[0].Quantity = dec("0") }, want: []string{"lines[0].quantity"}},
		{name: "Q-7_negative_quantity", mutate: func(q *Quote) { q.Lines[1].Quantity = dec("-1") }, want: []string{"lines[1].quantity"}},
		{name: "Q-7_quantity_four_decimals", mutate: func(q *Quote) { q.Lines[0].Quantity = dec("1.2345") }, want: []string{"lines[0].quantity"}},
		{name: "Q-7_price_three_decimals", mutate: func(q *Quote) { q.Lines[0].UnitPrice = dec("10.005") }, want: []string{"lines[0].unit_price"}},
		{name: "Q-7_price_trailing_zero_decimals_is_valid", mutate: func(q *Quote) { q.Lines[0].UnitPrice = dec("10.500") }},
		{name: "Q-7_negative_price", mutate: func(q *Quote) { q.Lines[0].UnitPrice = dec("-5") }, want: []string{"lines[0].unit_price"}},
		{name: "Q-7_free_line_is_valid", mutate: func(q *Quote) { q.Lines[0].UnitPrice = dec("0") }},
		{name: "Q-7_line_total_too_large", mutate: func(q *Quote) {
			q.Lines[0].Quantity, q.Lines[0].UnitPrice = dec("1000000"), dec("1000.00")
		}, want: []string{"lines[0].unit_price"}},
		{name: "INV-1_unknown_vat_rate", mutate: func(q *Quote) { q.Lines[2].VATRate = dec("19") }, want: []string{"lines[2].vat_rate"}},
		{name: "INV-1_vat_9_and_0_are_valid", mutate: func(q *Quote) { q.Lines[0].VATRate, q.Lines[1].VATRate = dec("9"), dec("0") }},
		{name: "unknown_kind", mutate: func(q *Quote) { q.Lines[0].Kind = "software" }, want: []string{"lines[0].kind"}},
		{name: "recurring_without_period", mutate: func(q *Quote) { q.Lines[1].Period = "" }, want: []string{"lines[1].period"}},
		{name: "recurring_with_bad_period", mutate: func(q *Quote) { q.Lines[1].Period = "week" }, want: []string{"lines[1].period"}},
		{name: "hardware_with_period", mutate: func(q *Quote) { q.Lines[0].Period = PeriodMonth }, want: []string{"lines[0].period"}},
		{name: "line_text_fields", mutate: func(q *Quote) { q.Lines[0].Description, q.Lines[0].Unit = "", "" }, want: []string{"lines[0].description", "lines[0].unit"}},
		{name: "Q-8_terms_out_of_range", mutate: func(q *Quote) { q.Terms.InitialTermMonths, q.Terms.RenewalTermMonths = 0, 121 }, want: []string{"terms.initial_term_months", "terms.renewal_term_months"}},
		{name: "Q-8_notice_in_months_and_days", mutate: func(q *Quote) { q.Terms.NoticeDays = 80 }, want: []string{"terms.notice_days"}},
		{name: "Q-8_no_notice", mutate: func(q *Quote) { q.Terms.NoticeMonths = 0 }, want: []string{"terms.notice_months"}},
		{name: "IDX-1_series_clause_without_series", mutate: func(q *Quote) { q.Indexation.SeriesCode = "" }, want: []string{"indexation.series"}},
		{name: "IDX-1_floor_above_cap", mutate: func(q *Quote) {
			f, c := dec("3"), dec("2")
			q.Indexation.Floor, q.Indexation.Cap = &f, &c
		}, want: []string{"indexation.floor"}},
		{name: "every_error_at_once", mutate: func(q *Quote) {
			q.ValidDays = 0
			q.StartDate = today.AddDays(-10)
			q.Lines[0].Quantity = dec("0")
			q.Lines[1].UnitPrice = dec("1.001")
			q.Lines[2].VATRate = dec("6")
		}, want: []string{"valid_days", "start_date", "lines[0].quantity", "lines[1].unit_price", "lines[2].vat_rate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := validQuote()
			tt.mutate(q)
			err := ValidateQuote(q, today)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if got := fieldsOf(t, err); !slices.Equal(got, sorted(tt.want)) {
				t.Fatalf("fields = %v, want %v", got, tt.want)
			}
		})
	}
}
