package main

import (
	"net/url"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestIssue9AttackRequests replays the exact requests of issue 9 against the full server:
// each was a slow 422, a 500 or a nonsense answer; each is now a quick 4xx naming the field.
func TestIssue9AttackRequests(t *testing.T) {
	a := fullApp(t)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	customer := testkit.Login(t, auth.Customer, &cust.ID)
	admin := testkit.Login(t, auth.Admin, nil)
	cases := []struct {
		name, method, path, token string
		body                      any
		field                     string
	}{
		{"2_exponent_hourly_rate", "POST", "/api/v1/overtime/preview", customer.Token,
			`{"hourly_rate":"1e-10000000","started_at":"2026-03-02T18:00:00+01:00","ended_at":"2026-03-02T20:00:00+01:00"}`, "hourly_rate"},
		{"2_exponent_bare_number", "POST", "/api/v1/overtime/preview", customer.Token,
			`{"hourly_rate":1e-100000000,"started_at":"2026-03-02T18:00:00+01:00","ended_at":"2026-03-02T20:00:00+01:00"}`, "hourly_rate"},
		{"3_nul_in_ticket_subject", "POST", "/api/v1/tickets", customer.Token,
			`{"subject":"a\u0000b","description":"printer","category":"incident","priority":"p3"}`, "subject"},
		{"4_index_value_overflow", "PUT", "/api/v1/index-series/CPI/values", admin.Token, `[{"period":"2026-01","value":"99999999999999999999.99"}]`, "[0].value"},
		{"4_index_value_exponent", "PUT", "/api/v1/index-series/CPI/values", admin.Token, `[{"period":"2026-01","value":"1e400"}]`, "[0].value"},
		{"5_index_period_9999", "PUT", "/api/v1/index-series/CPI/values", admin.Token, `[{"period":"9999-01","value":"101.5"}]`, "[0].period"},
		{"5_termination_notice_year_1", "POST", "/api/v1/contracts/1/terminate", admin.Token, `{"notice_received_at":"0001-01-01T00:00:00Z"}`, "notice_received_at"},
		{"4_business_time_past_9999", "GET", "/api/v1/calendars/nl-werktijden/business-time?from=" + url.QueryEscape("9999-12-30T08:00:00Z") + "&add=PT100H", admin.Token, nil, "from"},
		{"5_working_days_year_10014", "GET", "/api/v1/calendars/nl-werktijden/working-days?from=9999-12-31&add=3660", admin.Token, nil, "from"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := a.Do(t, c.method, c.path, c.token, c.body)
			if r.Status != 422 {
				t.Fatalf("status %d, want 422: %s", r.Status, r.Body)
			}
			for _, f := range r.FieldErrors(t) {
				if f == c.field {
					return
				}
			}
			t.Fatalf("422 without field %s: %s", c.field, r.Body)
		})
	}
}
