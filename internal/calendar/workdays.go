package calendar

import (
	"math/bits"
	"time"

	"backoffice/internal/civil"
)

// AddWorkingDays moves n working days from d (CAL-1). For n > 0 it returns the
// nth working day after d, for n < 0 the |n|th working day before d, and for
// n == 0 d itself, even when d is not a working day. d need not be a working
// day. The cost is proportional to the months spanned.
func (c *Calendar) AddWorkingDays(d civil.Date, n int) civil.Date {
	d = norm(d)
	switch {
	case n > 0:
		return c.forward(d, n)
	case n < 0:
		return c.backward(d, -n)
	}
	return d
}

// forward returns the nth (n > 0) working day after d.
func (c *Calendar) forward(d civil.Date, n int) civil.Date {
	y, m, after := d.Year, d.Month, d.Day
	info := c.year(y)
	for {
		mask := info.work[m] &^ (uint32(1)<<(after+1) - 1) // days > after
		if cnt := bits.OnesCount32(mask); cnt < n {
			n -= cnt
		} else {
			for ; n > 1; n-- {
				mask &= mask - 1 // drop the lowest day
			}
			return civil.Date{Year: y, Month: m, Day: bits.TrailingZeros32(mask)}
		}
		after = 0
		if m++; m > time.December {
			m, y = time.January, y+1
			info = c.year(y)
		}
	}
}

// backward returns the nth (n > 0) working day before d.
func (c *Calendar) backward(d civil.Date, n int) civil.Date {
	y, m, before := d.Year, d.Month, d.Day
	info := c.year(y)
	for {
		mask := info.work[m] & (uint32(1)<<before - 1) // days < before
		if cnt := bits.OnesCount32(mask); cnt < n {
			n -= cnt
		} else {
			for ; n > 1; n-- {
				mask &^= 1 << (31 - bits.LeadingZeros32(mask)) // drop the highest day
			}
			return civil.Date{Year: y, Month: m, Day: 31 - bits.LeadingZeros32(mask)}
		}
		before = 32
		if m--; m < time.January {
			m, y = time.December, y-1
			info = c.year(y)
		}
	}
}

// WorkingDaysBetween counts working days (CAL-1). For from <= to it is the
// number of working days in (from, to]. For to < from it is minus the number
// of working days in [to, from), so that for every d and n
// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
func (c *Calendar) WorkingDaysBetween(from, to civil.Date) int {
	from, to = norm(from), norm(to)
	switch from.Compare(to) {
	case 0:
		return 0
	case 1:
		return -c.countAfterThrough(prevDay(to), prevDay(from))
	}
	return c.countAfterThrough(from, to)
}

// countAfterThrough counts working days in (a, b], a < b.
func (c *Calendar) countAfterThrough(a, b civil.Date) int {
	y, m, after := a.Year, a.Month, a.Day
	info := c.year(y)
	count := 0
	for {
		mask := info.work[m] &^ (uint32(1)<<(after+1) - 1)
		if y == b.Year && m == b.Month {
			mask &= uint32(1)<<(b.Day+1) - 1
			return count + bits.OnesCount32(mask)
		}
		count += bits.OnesCount32(mask)
		after = 0
		if m++; m > time.December {
			m, y = time.January, y+1
			info = c.year(y)
		}
	}
}

// NoticeDeemedDelivered applies CAL-3: an e-mail notice arriving at arrivedAt
// is deemed delivered that day if it is a working day of this calendar and the
// arrival is before 16:00 in the calendar's zone; otherwise on the next
// working day.
func (c *Calendar) NoticeDeemedDelivered(arrivedAt time.Time) civil.Date {
	d := c.DateOf(arrivedAt)
	if c.IsWorkingDay(d) && arrivedAt.Before(d.At(16, 0, c.loc)) {
		return d
	}
	return c.AddWorkingDays(d, 1)
}
