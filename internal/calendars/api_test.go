package calendars_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestCalendarAPI(t *testing.T) {
	a := testkit.NewApp(t, time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam), nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	get := func(t *testing.T, path string, v any) {
		t.Helper()
		a.Do(t, "GET", path, am.Token, nil).Expect(t, 200).JSON(t, v)
	}
	t.Run("built-ins_listed_by_name", func(t *testing.T) {
		var l struct{ Items []struct{ ID string } }
		get(t, "/api/v1/calendars", &l)
		want := []string{"nl-werktijden", "nl-kantooruren", "nl-kantooruren-lustrum", "cliendo-support"}
		for i, w := range want {
			if i >= len(l.Items) || l.Items[i].ID != w {
				t.Fatalf("calendars %+v", l.Items)
			}
		}
	})
	t.Run("CAL-1_holidays_2024_to_2031", func(t *testing.T) {
		type h struct{ Date, Name string }
		for year := 2024; year <= 2031; year++ {
			var hs []h
			get(t, fmt.Sprintf("/api/v1/calendars/nl-kantooruren/holidays?year=%d", year), &hs)
			if len(hs) != 9 {
				t.Errorf("%d: %d holidays, want 9: %v", year, len(hs), hs)
			}
			for _, x := range hs {
				if x.Date[:4] != fmt.Sprint(year) {
					t.Errorf("%d: holiday of another year %v", year, x)
				}
			}
		}
		var hs []h
		get(t, "/api/v1/calendars/nl-kantooruren/holidays?year=2025", &hs)
		found := false
		for _, x := range hs {
			if x.Name == "Koningsdag" {
				found = x.Date == "2025-04-26"
			}
		}
		if !found {
			t.Errorf("CAL-1 Koningsdag 2025 must be Saturday 26 April: %v", hs)
		}
	})
	workingDay := func(t *testing.T, cal, day string) bool {
		// The 1st working day after the day before is the day itself iff it is a working day.
		d, _ := time.Parse("2006-01-02", day)
		var out struct{ Date string }
		get(t, fmt.Sprintf("/api/v1/calendars/%s/working-days?from=%s&add=1", cal, d.AddDate(0, 0, -1).Format("2006-01-02")), &out)
		return out.Date == day
	}
	t.Run("CAL-1_5_may_lustrum_variants", func(t *testing.T) {
		if workingDay(t, "nl-kantooruren", "2025-05-05") || workingDay(t, "nl-kantooruren-lustrum", "2025-05-05") {
			t.Error("Monday 5 May 2025 is a holiday on both calendars")
		}
		if !workingDay(t, "nl-kantooruren-lustrum", "2026-05-05") {
			t.Error("Tuesday 5 May 2026 is a working day on the lustrum calendar")
		}
		if workingDay(t, "nl-kantooruren", "2026-05-05") {
			t.Error("Tuesday 5 May 2026 is a holiday on the default calendar")
		}
	})
	t.Run("CAL-1_working_days_add", func(t *testing.T) {
		var out struct{ Date string }
		get(t, "/api/v1/calendars/nl-werktijden/working-days?from=2026-12-23&add=3", &out)
		if out.Date != "2026-12-29" { // 24th, (25/26 holidays, 27 Sunday) 28th, 29th
			t.Fatalf("got %s", out.Date)
		}
	})
	t.Run("CAL-2_business_time_add_and_between", func(t *testing.T) {
		var at struct{ At time.Time }
		// Friday 24 April 2026 16:30 + 2h on kantooruren (08:30–17:30): 1h Friday, Koningsdag Monday 27 April closed → Tuesday 09:30.
		get(t, "/api/v1/calendars/nl-kantooruren/business-time?from="+url.QueryEscape("2026-04-24T16:30:00+02:00")+"&add=PT2H", &at)
		if want := time.Date(2026, 4, 28, 9, 30, 0, 0, clock.Amsterdam); !at.At.Equal(want) {
			t.Fatalf("got %s want %s", at.At, want)
		}
		var s struct{ Seconds int64 }
		get(t, "/api/v1/calendars/nl-kantooruren/business-time?from="+url.QueryEscape("2026-04-24T16:30:00+02:00")+"&to="+url.QueryEscape("2026-04-28T09:30:00+02:00"), &s)
		if s.Seconds != 7200 {
			t.Fatalf("seconds %d", s.Seconds)
		}
	})
	t.Run("CAL-3_notice_delivery", func(t *testing.T) {
		var out struct{ Date string }
		get(t, "/api/v1/calendars/nl-werktijden/notice-delivery?sent_at="+url.QueryEscape("2026-04-24T15:59:00+02:00"), &out)
		if out.Date != "2026-04-24" {
			t.Fatal(out.Date)
		}
		get(t, "/api/v1/calendars/nl-werktijden/notice-delivery?sent_at="+url.QueryEscape("2026-04-24T16:00:00+02:00"), &out)
		if out.Date != "2026-04-28" { // Monday 27 April is Koningsdag
			t.Fatal(out.Date)
		}
	})
	t.Run("422_bad_parameters", func(t *testing.T) {
		r := a.Do(t, "GET", "/api/v1/calendars/nl-kantooruren/business-time?from=yesterday&add=4h", am.Token, nil).Expect(t, 422)
		if got := r.FieldErrors(t); len(got) != 2 {
			t.Fatal(got)
		}
		a.Do(t, "GET", "/api/v1/calendars/nope/holidays", am.Token, nil).Expect(t, 404)
	})
	t.Run("custom_calendar_admin_only", func(t *testing.T) {
		admin := testkit.Login(t, auth.Admin, nil)
		def := map[string]any{"id": "support-24-7-test", "name": "Weekday nights", "time_zone": "Europe/Amsterdam",
			"hours":    map[string]any{"monday": []map[string]string{{"start": "00:00", "end": "24:00"}}},
			"holidays": map[string]any{"dutch": true, "good_friday": false, "liberation_day": "lustrum"}, "closed_dates": []string{"2026-12-31"}}
		a.Do(t, "POST", "/api/v1/calendars", am.Token, def).Expect(t, 403)
		a.Do(t, "POST", "/api/v1/calendars", admin.Token, def).Expect(t, 201)
		a.Do(t, "POST", "/api/v1/calendars", admin.Token, def).Expect(t, 409)
		var hs []struct{ Date, Name string }
		get(t, "/api/v1/calendars/support-24-7-test/holidays?year=2026", &hs)
		if len(hs) != 8 || hs[len(hs)-1].Date != "2026-12-31" { // no Good Friday, no 5 May in 2026, + closed date
			t.Fatalf("%v", hs)
		}
		bad := map[string]any{"id": "Bad Id", "name": "", "time_zone": "Mars/Base", "hours": map[string]any{"monday": []map[string]string{{"start": "17:00", "end": "08:00"}}},
			"holidays": map[string]any{"dutch": true, "liberation_day": "sometimes"}}
		r := a.Do(t, "POST", "/api/v1/calendars", admin.Token, bad).Expect(t, 422)
		if got := r.FieldErrors(t); len(got) < 4 {
			t.Fatalf("want every field error, got %v", got)
		}
		a.Do(t, "PUT", "/api/v1/calendars/nl-kantooruren", admin.Token, def).Expect(t, 422)
	})
}
