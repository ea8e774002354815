package civil

import (
	"encoding/json"
	"fmt"
	"time"
)

// Month is one calendar month ("2025-10"): an index period (orders), the period of a
// secondment statement (SEC-4). It travels as "YYYY-MM".
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("%q is not a month of the form YYYY-MM", s)
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return Month{}, fmt.Errorf("%q lies outside %d..%d", s, MinYear, MaxYear)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthOf is the month of instant t in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	lt := t.In(loc)
	return Month{lt.Year(), lt.Month()}
}

// MonthOfDate is the month the date falls in.
func MonthOfDate(d Date) Month { return Month{d.Year, d.Month} }

// String formats as "YYYY-MM".
func (m Month) String() string {
	s := Date{m.Year, m.Month, 1}.String()
	if len(s) < 3 {
		return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
	}
	return s[:len(s)-3]
}

// Before reports m < o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// First is the month's first day.
func (m Month) First() Date { return Date{Year: m.Year, Month: m.Month, Day: 1} }

// Last is the month's last day.
func (m Month) Last() Date { return m.First().LastOfMonth() }

// Next is the following month.
func (m Month) Next() Month { return MonthOfDate(m.First().AddMonths(1)) }

// Prev is the month before.
func (m Month) Prev() Month { return MonthOfDate(m.First().AddMonths(-1)) }

// Bounds are the instants [start, end) of the month in loc (midnight is never in a DST gap
// in Europe/Amsterdam, whose transitions are at 02:00 and 03:00).
func (m Month) Bounds(loc *time.Location) (time.Time, time.Time) {
	return m.First().Start(loc), m.Next().First().Start(loc)
}

// Over reports whether the month has ended at now in loc.
func (m Month) Over(now time.Time, loc *time.Location) bool {
	_, end := m.Bounds(loc)
	return !now.Before(end)
}

// MarshalJSON writes "YYYY-MM".
func (m Month) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads "YYYY-MM".
func (m *Month) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a month must be a string YYYY-MM")
	}
	p, err := ParseMonth(s)
	if err != nil {
		return err
	}
	*m = p
	return nil
}
