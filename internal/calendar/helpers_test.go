package calendar

import (
	"testing"
	"time"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
)

// ams is a wall-clock instant in Europe/Amsterdam.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, clock.Amsterdam)
}

func date(s string) civil.Date { return civil.MustParse(s) }

func builtin(t testing.TB, id string) *Calendar {
	t.Helper()
	c, ok := Builtin(id)
	if !ok {
		t.Fatalf("Builtin(%q) not found", id)
	}
	return c
}

func mustNew(t testing.TB, def Definition) *Calendar {
	t.Helper()
	c, err := New(def)
	if err != nil {
		t.Fatalf("New(%s): %v", def.ID, err)
	}
	return c
}

// weekdaysDef is a test-only definition with the same slots Monday to Friday.
func weekdaysDef(id, zone string, rules HolidayRules, slots ...Slot) Definition {
	h := map[string][]Slot{}
	for _, k := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		h[k] = slots
	}
	return Definition{ID: id, Name: id, TimeZone: zone, Hours: h, Holidays: rules}
}

var dutchRules = HolidayRules{Dutch: true, GoodFriday: true, LiberationDay: LiberationYearly}

// naiveAddWorkingDays is the obvious day-by-day reference for AddWorkingDays.
func naiveAddWorkingDays(c *Calendar, d civil.Date, n int) civil.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// naiveIsWorkingDay recomputes CAL-1 from the holiday list, without the bit masks.
func naiveIsWorkingDay(c *Calendar, d civil.Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, h := range c.Holidays(d.Year) {
		if h.Date == d {
			return false
		}
	}
	return true
}
