package calendar

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"backoffice/internal/civil"
)

func TestHolidays(t *testing.T) {
	kantoor := builtin(t, IDKantooruren)
	t.Run("CAL-1 full list 2025 nl-kantooruren", func(t *testing.T) {
		want := []Holiday{
			{date("2025-01-01"), "Nieuwjaarsdag"},
			{date("2025-04-18"), "Goede Vrijdag"},
			{date("2025-04-21"), "Tweede Paasdag"},
			{date("2025-04-26"), "Koningsdag"},
			{date("2025-05-05"), "Bevrijdingsdag"},
			{date("2025-05-29"), "Hemelvaartsdag"},
			{date("2025-06-09"), "Tweede Pinksterdag"},
			{date("2025-12-25"), "Eerste Kerstdag"},
			{date("2025-12-26"), "Tweede Kerstdag"},
		}
		if got := kantoor.Holidays(2025); !reflect.DeepEqual(got, want) {
			t.Errorf("Holidays(2025)\n got %v\nwant %v", got, want)
		}
	})
	t.Run("CAL-1 full list 2026 nl-kantooruren", func(t *testing.T) {
		want := []Holiday{
			{date("2026-01-01"), "Nieuwjaarsdag"},
			{date("2026-04-03"), "Goede Vrijdag"},
			{date("2026-04-06"), "Tweede Paasdag"},
			{date("2026-04-27"), "Koningsdag"},
			{date("2026-05-05"), "Bevrijdingsdag"},
			{date("2026-05-14"), "Hemelvaartsdag"},
			{date("2026-05-25"), "Tweede Pinksterdag"},
			{date("2026-12-25"), "Eerste Kerstdag"},
			{date("2026-12-26"), "Tweede Kerstdag"},
		}
		if got := kantoor.Holidays(2026); !reflect.DeepEqual(got, want) {
			t.Errorf("Holidays(2026)\n got %v\nwant %v", got, want)
		}
	})

	// Easter Sundays and observed Koningsdag written out by hand; the other
	// moveable feasts follow from Easter.
	years := []struct {
		year       int
		easter     string
		koningsdag string
	}{
		{2024, "2024-03-31", "2024-04-27"},
		{2025, "2025-04-20", "2025-04-26"},
		{2026, "2026-04-05", "2026-04-27"},
		{2027, "2027-03-28", "2027-04-27"},
		{2028, "2028-04-16", "2028-04-27"},
		{2029, "2029-04-01", "2029-04-27"},
		{2030, "2030-04-21", "2030-04-27"},
		{2031, "2031-04-13", "2031-04-26"},
	}
	for _, y := range years {
		t.Run(fmt.Sprintf("CAL-1 list %d nl-kantooruren", y.year), func(t *testing.T) {
			e := date(y.easter)
			want := []Holiday{
				{civil.D(y.year, 1, 1), "Nieuwjaarsdag"},
				{e.AddDays(-2), "Goede Vrijdag"},
				{e.AddDays(1), "Tweede Paasdag"},
				{date(y.koningsdag), "Koningsdag"},
				{civil.D(y.year, 5, 5), "Bevrijdingsdag"},
				{e.AddDays(39), "Hemelvaartsdag"},
				{e.AddDays(50), "Tweede Pinksterdag"},
				{civil.D(y.year, 12, 25), "Eerste Kerstdag"},
				{civil.D(y.year, 12, 26), "Tweede Kerstdag"},
			}
			if got := kantoor.Holidays(y.year); !reflect.DeepEqual(got, want) {
				t.Errorf("Holidays(%d)\n got %v\nwant %v", y.year, got, want)
			}
		})
	}

	t.Run("CAL-1 hemelvaart and bevrijdingsdag share 5 may 2016", func(t *testing.T) {
		name, ok := kantoor.HolidayName(date("2016-05-05"))
		if !ok || name != "Hemelvaartsdag / Bevrijdingsdag" {
			t.Errorf("HolidayName(2016-05-05) = %q, %v", name, ok)
		}
		if n := len(kantoor.Holidays(2016)); n != 8 {
			t.Errorf("len(Holidays(2016)) = %d, want 8 (one entry per date)", n)
		}
	})
	t.Run("CAL-2 closed dates listed as Closed only in their year", func(t *testing.T) {
		def := weekdaysDef("closed", "Europe/Amsterdam", dutchRules, Slot{510, 1020})
		def.ClosedDates = []civil.Date{date("2025-12-24"), date("2025-12-25"), date("2026-01-02"), date("2025-12-24")}
		c := mustNew(t, def)
		h := c.Holidays(2025)
		if got, want := h[len(h)-3:], []Holiday{
			{date("2025-12-24"), ClosedName}, {date("2025-12-25"), "Eerste Kerstdag"}, {date("2025-12-26"), "Tweede Kerstdag"},
		}; !reflect.DeepEqual(got, want) {
			t.Errorf("end of Holidays(2025) = %v, want %v", got, want)
		}
		if got := c.Holidays(2026)[1]; got != (Holiday{date("2026-01-02"), ClosedName}) {
			t.Errorf("Holidays(2026)[1] = %v", got)
		}
		if c.IsWorkingDay(date("2025-12-24")) || c.IsWorkingDay(date("2026-01-02")) {
			t.Error("closed dates must not be working days")
		}
	})
	t.Run("CAL-1 no dutch rules means only weekends", func(t *testing.T) {
		c := mustNew(t, weekdaysDef("plain", "UTC", HolidayRules{}, Slot{0, 1440}))
		if h := c.Holidays(2025); len(h) != 0 {
			t.Errorf("Holidays = %v, want none", h)
		}
		if !c.IsWorkingDay(date("2025-12-25")) {
			t.Error("Christmas 2025 should be a working day without holiday rules")
		}
	})
	t.Run("CAL-1 returned list is a copy", func(t *testing.T) {
		kantoor.Holidays(2027)[0].Name = "changed"
		if kantoor.Holidays(2027)[0].Name != "Nieuwjaarsdag" {
			t.Error("Holidays exposes the cache")
		}
	})
}

func TestIsWorkingDay(t *testing.T) {
	const (
		kantoor = IDKantooruren
		lustrum = IDKantoorurenLustrum
		werk    = IDWerktijden
		cliendo = IDCliendoSupport
	)
	tests := []struct {
		name    string
		cal     string
		date    string
		working bool
		holiday string // expected HolidayName, "" for none
	}{
		{"CAL-1 koningsdag 2025 is saturday 26 april", kantoor, "2025-04-26", false, "Koningsdag"},
		{"CAL-1 sunday 27 april 2025 is no holiday", kantoor, "2025-04-27", false, ""},
		{"CAL-1 monday 28 april 2025 is a working day", kantoor, "2025-04-28", true, ""},
		{"CAL-1 koningsdag 2026 is monday 27 april", werk, "2026-04-27", false, "Koningsdag"},
		{"CAL-1 bevrijdingsdag monday 5 may 2025 default", kantoor, "2025-05-05", false, "Bevrijdingsdag"},
		{"CAL-1 bevrijdingsdag monday 5 may 2025 lustrum", lustrum, "2025-05-05", false, "Bevrijdingsdag"},
		{"CAL-1 tuesday 5 may 2026 holiday on default", kantoor, "2026-05-05", false, "Bevrijdingsdag"},
		{"CAL-1 tuesday 5 may 2026 working day on lustrum", lustrum, "2026-05-05", true, ""},
		{"CAL-1 sunday 5 may 2030 holiday on lustrum", lustrum, "2030-05-05", false, "Bevrijdingsdag"},
		{"CAL-1 monday 5 may 2031 working day on lustrum", lustrum, "2031-05-05", true, ""},
		{"CAL-1 monday 5 may 2031 holiday on default", kantoor, "2031-05-05", false, "Bevrijdingsdag"},
		{"CAL-1 good friday 2025 off", kantoor, "2025-04-18", false, "Goede Vrijdag"},
		{"CAL-1 good friday 2026 off on cliendo", cliendo, "2026-04-03", false, "Goede Vrijdag"},
		{"CAL-1 easter sunday is weekend, not a listed holiday", kantoor, "2025-04-20", false, ""},
		{"CAL-1 tweede paasdag 2025", kantoor, "2025-04-21", false, "Tweede Paasdag"},
		{"CAL-1 tuesday after easter 2025 works", kantoor, "2025-04-22", true, ""},
		{"CAL-1 hemelvaart 2025", werk, "2025-05-29", false, "Hemelvaartsdag"},
		{"CAL-1 friday after hemelvaart 2025 works", werk, "2025-05-30", true, ""},
		{"CAL-1 tweede pinksterdag 2026", lustrum, "2026-05-25", false, "Tweede Pinksterdag"},
		{"CAL-1 eerste kerstdag 2025", kantoor, "2025-12-25", false, "Eerste Kerstdag"},
		{"CAL-1 new year's eve 2025 works", kantoor, "2025-12-31", true, ""},
		{"CAL-1 nieuwjaarsdag 2026", kantoor, "2026-01-01", false, "Nieuwjaarsdag"},
		{"CAL-1 saturday", kantoor, "2025-06-07", false, ""},
		{"CAL-1 sunday", kantoor, "2025-06-08", false, ""},
		{"CAL-1 plain wednesday", kantoor, "2025-06-11", true, ""},
		{"CAL-1 working day does not depend on hours, cliendo friday", cliendo, "2025-06-13", true, ""},
		{"CAL-1 leap day 2028", kantoor, "2028-02-29", true, ""},
		{"CAL-1 year outside cache 2300", kantoor, "2300-12-26", false, "Tweede Kerstdag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := builtin(t, tt.cal)
			d := date(tt.date)
			if got := c.IsWorkingDay(d); got != tt.working {
				t.Errorf("%s IsWorkingDay(%s) = %v, want %v", tt.cal, d, got, tt.working)
			}
			name, ok := c.HolidayName(d)
			if name != tt.holiday || ok != (tt.holiday != "") {
				t.Errorf("%s HolidayName(%s) = %q, %v; want %q", tt.cal, d, name, ok, tt.holiday)
			}
		})
	}

	t.Run("CAL-1 good friday on when the rule is off", func(t *testing.T) {
		c := mustNew(t, weekdaysDef("gf-on", "Europe/Amsterdam",
			HolidayRules{Dutch: true, GoodFriday: false, LiberationDay: LiberationYearly}, Slot{510, 1020}))
		if !c.IsWorkingDay(date("2025-04-18")) {
			t.Error("Good Friday 2025 should be a working day")
		}
	})
	t.Run("CAL-1 liberation day none", func(t *testing.T) {
		c := mustNew(t, weekdaysDef("lib-none", "Europe/Amsterdam",
			HolidayRules{Dutch: true, GoodFriday: true, LiberationDay: LiberationNone}, Slot{510, 1020}))
		if !c.IsWorkingDay(date("2025-05-05")) {
			t.Error("5 May 2025 should be a working day with liberation_day none")
		}
	})
	t.Run("CAL-1 unnormalised date literal", func(t *testing.T) {
		c := builtin(t, IDKantooruren)
		// 32 December 2025 is 1 January 2026.
		if c.IsWorkingDay(civil.Date{Year: 2025, Month: time.December, Day: 32}) {
			t.Error("2025-12-32 normalises to Nieuwjaarsdag")
		}
	})
	t.Run("CAL-1 bit masks agree with holiday list 1990-2110", func(t *testing.T) {
		for _, c := range Builtins() {
			for d := date("1990-01-01"); d.Year <= 2110; d = nextDay(d) {
				if got, want := c.IsWorkingDay(d), naiveIsWorkingDay(c, d); got != want {
					t.Fatalf("%s IsWorkingDay(%s) = %v, reference %v", c.ID(), d, got, want)
				}
			}
		}
	})
	t.Run("CAL-1 concurrent first use", func(t *testing.T) {
		c := mustNew(t, weekdaysDef("fresh", "Europe/Amsterdam", dutchRules, Slot{510, 1020}))
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for y := 2020; y < 2040; y++ {
					if c.IsWorkingDay(civil.D(y, 12, 25)) {
						t.Errorf("goroutine %d: Christmas %d is a working day", i, y)
					}
				}
			}()
		}
		wg.Wait()
	})
}
