package calendars_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// TestCalendarAttackInputs reproduces issue 9 #4, #5 and #11 on the calendar API: every
// answer is a 4xx with the field named, never a 500 or a year past 9999.
func TestCalendarAttackInputs(t *testing.T) {
	a := testkit.NewApp(t, time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam), nil)
	admin := testkit.Login(t, auth.Admin, nil)
	field := func(t *testing.T, r *testkit.Response, want string) {
		t.Helper()
		r.Expect(t, 422)
		for _, f := range r.FieldErrors(t) {
			if f == want {
				return
			}
		}
		t.Fatalf("422 without field %s: %s", want, r.Body)
	}
	t.Run("business_time_past_year_9999", func(t *testing.T) {
		r := a.Do(t, "GET", "/api/v1/calendars/nl-werktijden/business-time?from="+url.QueryEscape("9999-12-30T08:00:00Z")+"&add=PT100H", admin.Token, nil)
		field(t, r, "from")
	})
	t.Run("working_days_result_past_range", func(t *testing.T) {
		field(t, a.Do(t, "GET", "/api/v1/calendars/nl-werktijden/working-days?from=9999-12-31&add=3660", admin.Token, nil), "from")
		field(t, a.Do(t, "GET", "/api/v1/calendars/nl-werktijden/working-days?from=2200-12-01&add=3660", admin.Token, nil), "add")
	})
	t.Run("sparse_calendar_long_durations", func(t *testing.T) {
		def := map[string]any{"id": "one-minute-a-week", "name": "One minute a week", "time_zone": "Europe/Amsterdam",
			"hours":    map[string]any{"wednesday": []map[string]string{{"start": "10:00", "end": "10:01"}}},
			"holidays": map[string]any{"dutch": true, "liberation_day": "lustrum"}}
		a.Do(t, "POST", "/api/v1/calendars", admin.Token, def).Expect(t, 201)
		from := url.QueryEscape("2026-03-02T08:00:00Z")
		// 1000 hours at one minute a week is 1150 years: past the range, refused.
		field(t, a.Do(t, "GET", "/api/v1/calendars/one-minute-a-week/business-time?from="+from+"&add=PT1000H", admin.Token, nil), "add")
		field(t, a.Do(t, "GET", "/api/v1/calendars/one-minute-a-week/business-time?from="+from+"&add=PT10000H", admin.Token, nil), "add")
		var at struct{ At time.Time }
		a.Do(t, "GET", "/api/v1/calendars/one-minute-a-week/business-time?from="+from+"&add=PT2M", admin.Token, nil).Expect(t, 200).JSON(t, &at)
		if want := time.Date(2026, 3, 11, 10, 1, 0, 0, clock.Amsterdam); !at.At.Equal(want) {
			t.Fatalf("2 minutes: %s, want %s", at.At, want)
		}
	})
	t.Run("megabyte_calendar_name", func(t *testing.T) {
		def := map[string]any{"id": "huge-name", "name": strings.Repeat("x", 1<<20), "time_zone": "Europe/Amsterdam",
			"hours": map[string]any{"monday": []map[string]string{{"start": "09:00", "end": "17:00"}}}, "holidays": map[string]any{"dutch": true, "liberation_day": "lustrum"}}
		field(t, a.Do(t, "POST", "/api/v1/calendars", admin.Token, def), "name")
	})
	t.Run("nul_in_calendar_name", func(t *testing.T) {
		def := `{"id":"nul-name","name":"a\u0000b","time_zone":"Europe/Amsterdam","hours":{"monday":[{"start":"09:00","end":"17:00"}]},"holidays":{"dutch":true,"liberation_day":"lustrum"}}`
		field(t, a.Do(t, "POST", "/api/v1/calendars", admin.Token, def), "name")
	})
}
