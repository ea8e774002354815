package calendar

import (
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/nl"

	"backoffice/internal/civil"
)

// Holiday is a day a calendar is closed for a named reason: a public holiday
// or an extra closed date (named "Closed").
type Holiday struct {
	Date civil.Date `json:"date"`
	Name string     `json:"name"`
}

// ClosedName is the name Holidays and HolidayName give an extra closed date.
const ClosedName = "Closed"

// Years whose tables are cached in the Calendar; other years are computed on
// every call (correct, only slower).
const (
	cacheFirst = 1900
	cacheLast  = 2199
)

// yearInfo is the precomputed view of one year.
type yearInfo struct {
	work     [13]uint32 // per month, bit d set when day d is a working day
	holidays []Holiday  // sorted, one entry per date
}

// dutchFixed are the CAL-1 holidays selected by HolidayRules.Dutch.
var dutchFixed = []*cal.Holiday{
	nl.Nieuwjaar, nl.TweedePaasdag, nl.Koningsdag, nl.Hemelvaart,
	nl.TweedePinksterDag, nl.EersteKerstdag, nl.TweedeKerstdag,
}

// year returns the (cached) table of year y.
func (c *Calendar) year(y int) *yearInfo {
	if y < cacheFirst || y > cacheLast {
		return c.computeYear(y)
	}
	p := &c.years[y-cacheFirst]
	if yi := p.Load(); yi != nil {
		return yi
	}
	yi := c.computeYear(y)
	if p.CompareAndSwap(nil, yi) {
		return yi
	}
	return p.Load()
}

// publicHolidays lists the rule-based holidays of year y, unsorted.
func (r HolidayRules) publicHolidays(y int) []Holiday {
	var hs []*cal.Holiday
	if r.Dutch {
		hs = append(hs, dutchFixed...)
	}
	if r.GoodFriday {
		hs = append(hs, nl.GoedeVrijdag)
	}
	switch r.LiberationDay {
	case LiberationYearly:
		hs = append(hs, nl.BevrijdingsDag)
	case LiberationLustrum:
		if y%5 == 0 {
			hs = append(hs, nl.BevrijdingsDag)
		}
	}
	out := make([]Holiday, 0, len(hs))
	for _, h := range hs {
		// observed moves Koningsdag to Saturday 26 April when the 27th is a Sunday.
		_, observed := h.Calc(y)
		if observed.IsZero() {
			continue
		}
		if d := civil.Of(observed); d.Year == y {
			out = append(out, Holiday{Date: d, Name: h.Name})
		}
	}
	return out
}

// computeYear builds the holiday list and working-day masks of year y.
func (c *Calendar) computeYear(y int) *yearInfo {
	byDate := map[civil.Date][]string{}
	for _, h := range c.def.Holidays.publicHolidays(y) {
		byDate[h.Date] = append(byDate[h.Date], h.Name)
	}
	for _, d := range c.closed[y] {
		if _, ok := byDate[d]; !ok {
			byDate[d] = []string{ClosedName}
		}
	}
	yi := &yearInfo{holidays: make([]Holiday, 0, len(byDate))}
	for d, names := range byDate {
		// Two holidays can share a date (Hemelvaartsdag on 5 May in 2016).
		yi.holidays = append(yi.holidays, Holiday{Date: d, Name: strings.Join(names, " / ")})
	}
	sort.Slice(yi.holidays, func(i, j int) bool { return yi.holidays[i].Date.Before(yi.holidays[j].Date) })

	for m := time.January; m <= time.December; m++ {
		wd := civil.Date{Year: y, Month: m, Day: 1}.Weekday()
		for d := 1; d <= daysIn(y, m); d++ {
			if wd != time.Saturday && wd != time.Sunday {
				yi.work[m] |= 1 << d
			}
			wd = (wd + 1) % 7
		}
	}
	for _, h := range yi.holidays {
		yi.work[h.Date.Month] &^= 1 << h.Date.Day
	}
	return yi
}

// Holidays returns the holidays and extra closed dates (named "Closed") that
// fall in year, sorted by date, one entry per date. When two holidays share a
// date their names are joined with " / ". Holidays on weekends are included
// (Koningsdag 2025 is Saturday 26 April).
func (c *Calendar) Holidays(year int) []Holiday {
	return append([]Holiday(nil), c.year(year).holidays...)
}

// HolidayName returns the holiday or closed-date name of d, if d is one.
func (c *Calendar) HolidayName(d civil.Date) (string, bool) {
	d = norm(d)
	hs := c.year(d.Year).holidays
	i := sort.Search(len(hs), func(i int) bool { return !hs[i].Date.Before(d) })
	if i < len(hs) && hs[i].Date == d {
		return hs[i].Name, true
	}
	return "", false
}

// IsWorkingDay reports whether d is a working day (CAL-1): not a Saturday or
// Sunday, not a public holiday of the calendar's rules and not an extra closed
// date. It does not look at opening hours.
func (c *Calendar) IsWorkingDay(d civil.Date) bool {
	d = norm(d)
	return c.year(d.Year).work[d.Month]>>d.Day&1 == 1
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// norm normalises an out-of-range date literal (31 February) like civil.D does.
func norm(d civil.Date) civil.Date {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
		return civil.D(d.Year, d.Month, d.Day)
	}
	return d
}

// nextDay returns the day after d (d normalised).
func nextDay(d civil.Date) civil.Date {
	if d.Day < daysIn(d.Year, d.Month) {
		d.Day++
		return d
	}
	if d.Month == time.December {
		return civil.Date{Year: d.Year + 1, Month: time.January, Day: 1}
	}
	return civil.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
}

// prevDay returns the day before d (d normalised).
func prevDay(d civil.Date) civil.Date {
	if d.Day > 1 {
		d.Day--
		return d
	}
	if d.Month == time.January {
		return civil.Date{Year: d.Year - 1, Month: time.December, Day: 31}
	}
	return civil.Date{Year: d.Year, Month: d.Month - 1, Day: daysIn(d.Year, d.Month-1)}
}
