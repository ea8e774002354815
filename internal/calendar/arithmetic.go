package calendar

import (
	"time"

	"backoffice/internal/civil"
)

// instant converts minute-of-day m on date d to an instant in the calendar's
// zone. Wall-clock times that do not exist (spring forward) move forward by the
// gap, as time.Date does; 1440 is the midnight that starts the next day.
func (c *Calendar) instant(d civil.Date, m int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, m/60, m%60, 0, 0, c.loc)
}

// slotsOn returns the opening slots of d: none unless d is a working day.
func (c *Calendar) slotsOn(d civil.Date) []Slot {
	w := c.week[d.Weekday()]
	if len(w) == 0 || !c.IsWorkingDay(d) { // weekday template first: cheap on sparse calendars
		return nil
	}
	return w
}

// IsOpen reports whether t lies inside an opening slot (start inclusive, end
// exclusive) of a working day (CAL-2).
func (c *Calendar) IsOpen(t time.Time) bool {
	d := c.DateOf(t)
	for _, s := range c.slotsOn(d) {
		if !t.Before(c.instant(d, s.Start)) && t.Before(c.instant(d, s.End)) {
			return true
		}
	}
	return false
}

// NextOpening returns t itself when the calendar is open at t, otherwise the
// start of the next opening slot (in the calendar's zone).
func (c *Calendar) NextOpening(t time.Time) time.Time {
	for d := c.DateOf(t); ; d = nextDay(d) {
		for _, s := range c.slotsOn(d) {
			end := c.instant(d, s.End)
			if !end.After(t) {
				continue
			}
			if start := c.instant(d, s.Start); start.After(t) {
				return start
			}
			return t
		}
	}
}

// AddBusiness returns the instant at which d of business time has elapsed
// after t: real elapsed time counted only inside the opening slots of working
// days (CAL-2). A slot 00:00-07:30 on a spring-forward day holds 6.5 hours.
// If t is outside opening hours, counting starts at the next opening. When the
// total is used up exactly at the end of a slot, that end is returned (not the
// next opening). For d <= 0 it returns t unchanged. Results other than t are
// in the calendar's zone. The walk is one step per day spanned; it always
// ends because New requires at least one weekday slot.
func (c *Calendar) AddBusiness(t time.Time, d time.Duration) time.Time {
	at, _ := c.AddBusinessUntil(t, d, civil.Date{Year: 1 << 30})
	return at
}

// AddBusinessUntil is AddBusiness that gives up (ok false) once the walk passes the date
// limit — the bound for requests from outside (a calendar open one minute a week would
// otherwise walk for thousands of years and end past year 9999). The walk costs one
// step per calendar day and a holiday lookup per day with opening slots.
func (c *Calendar) AddBusinessUntil(t time.Time, d time.Duration, limit civil.Date) (time.Time, bool) {
	if d <= 0 {
		return t, true
	}
	for day := c.DateOf(t); ; day = nextDay(day) {
		if day.After(limit) {
			return time.Time{}, false
		}
		for _, s := range c.slotsOn(day) {
			end := c.instant(day, s.End)
			if !end.After(t) {
				continue
			}
			start := c.instant(day, s.Start)
			if start.Before(t) {
				start = t.In(c.loc)
			}
			avail := end.Sub(start)
			if avail <= 0 {
				continue
			}
			if d <= avail {
				return start.Add(d), true
			}
			d -= avail
		}
	}
}

// BusinessBetween returns the business time (real elapsed time inside opening
// slots of working days, CAL-2) in [from, to); 0 if to is not after from.
// For d > 0, BusinessBetween(t, AddBusiness(t, d)) == d.
func (c *Calendar) BusinessBetween(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	var total time.Duration
	last := c.DateOf(to)
	for day := c.DateOf(from); !day.After(last); day = nextDay(day) {
		for _, s := range c.slotsOn(day) {
			start, end := c.instant(day, s.Start), c.instant(day, s.End)
			if start.Before(from) {
				start = from
			}
			if end.After(to) {
				end = to
			}
			if end.After(start) {
				total += end.Sub(start)
			}
		}
	}
	return total
}
