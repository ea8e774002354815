// Package civil holds a calendar date without a time or zone: contract start dates,
// validity dates, holidays. It travels as "YYYY-MM-DD" in JSON and as a PostgreSQL
// date column, so domain code never confuses a date with an instant.
package civil

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// Date is a day in the Gregorian calendar. The zero value is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

const layout = "2006-01-02"

// D builds a Date and normalises overflow (D(2026, 2, 30) is 2 March).
func D(year int, month time.Month, day int) Date {
	return Of(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
}

// Of returns the date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In returns the date of instant t as seen in loc (Europe/Amsterdam for most rules).
func In(t time.Time, loc *time.Location) Date { return Of(t.In(loc)) }

// MinYear and MaxYear bound every date and instant that comes in from outside (JSON,
// forms, query parameters): 0001-01-01 notice dates or 9999 start dates are typing
// errors or probes, and arithmetic on them overflows PostgreSQL's and Go's ranges.
const (
	MinYear = 1900
	MaxYear = 2200
)

// ErrOutOfRange is returned for a date outside MinYear..MaxYear.
var ErrOutOfRange = fmt.Errorf("civil: date must lie between %d-01-01 and %d-12-31", MinYear, MaxYear)

// InRange reports whether d lies in MinYear..MaxYear.
func (d Date) InRange() bool { return d.Year >= MinYear && d.Year <= MaxYear }

// InstantInRange reports whether t's year (UTC) lies in MinYear..MaxYear.
func InstantInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

// Parse reads "YYYY-MM-DD" and refuses dates outside MinYear..MaxYear.
func Parse(s string) (Date, error) {
	d, err := parseAny(s)
	if err != nil {
		return Date{}, err
	}
	if !d.InRange() {
		return Date{}, ErrOutOfRange
	}
	return d, nil
}

func parseAny(s string) (Date, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date of the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// MustParse is Parse for literals in tests and tables (no range bound: literals are ours).
func MustParse(s string) Date {
	d, err := parseAny(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero value.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats as "YYYY-MM-DD".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.appendISO(make([]byte, 0, 10)))
}

// appendISO appends YYYY-MM-DD (fmt.Sprintf was 6 % of a list's CPU: every date of a
// JSON page goes through here).
func (d Date) appendISO(b []byte) []byte {
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 99 {
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	y, m := d.Year, int(d.Month)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// utcNoon is a stable instant for day arithmetic, immune to DST.
func (d Date) utcNoon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return d.utcNoon().Weekday() }

// AddDays moves n calendar days.
func (d Date) AddDays(n int) Date { return Of(d.utcNoon().AddDate(0, 0, n)) }

// AddMonths moves n calendar months, clamping to the month's last day
// (31 January + 1 month = 28/29 February), as contract terms are read.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day
	if day > last {
		day = last
	}
	return Date{first.Year(), first.Month(), day}
}

// LastOfMonth is the last day of d's month.
func (d Date) LastOfMonth() Date { return Date{d.Year, d.Month, 1}.AddMonths(1).AddDays(-1) }

// DaysSince counts calendar days from o to d (positive when d is later).
func (d Date) DaysSince(o Date) int {
	return int(d.utcNoon().Sub(o.utcNoon()).Hours()+0.5) / 24
}

// Before reports d < o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports d > o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmp(d.Year, o.Year)
	case d.Month != o.Month:
		return cmp(int(d.Month), int(o.Month))
	default:
		return cmp(d.Day, o.Day)
	}
}

func cmp(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Start is the first instant of the date in loc (midnight, or later on a DST gap).
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// At is the wall-clock time h:m on d in loc.
func (d Date) At(h, m int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc)
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return d.AppendJSON(make([]byte, 0, 12)), nil // digits and dashes: nothing to escape
}

// AppendJSON appends what MarshalJSON writes (a list row that writes itself, httpx.RowJSON).
func (d Date) AppendJSON(b []byte) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	return append(d.appendISO(append(b, '"')), '"')
}

// UnmarshalJSON reads "YYYY-MM-DD" (null leaves the zero date).
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("civil: date must be a string YYYY-MM-DD")
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores the date in a PostgreSQL date column.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// DateValue hands the date to pgx as a parameter in binary (pgtype.DateValuer), where
// Value's text was encoded by way of a string that pgx parsed again (6 % of the CPU of
// an invoice run page, which sends its month's first and last day; issue 14). The zero
// date is NULL, as in Value.
func (d Date) DateValue() (pgtype.Date, error) {
	if d.IsZero() {
		return pgtype.Date{}, nil
	}
	return pgtype.Date{Time: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), Valid: true}, nil
}

// ScanDate reads a date column straight from pgx's binary decoding (pgtype.DateScanner),
// without the database/sql detour through a boxed time.Time that Scan takes: the direct
// scan of list pages (internal/db) reads every date of a page this way. NULL is the zero
// date; ±infinity is refused (no column of ours holds it).
func (d *Date) ScanDate(v pgtype.Date) error {
	switch {
	case !v.Valid:
		*d = Date{}
	case v.InfinityModifier != pgtype.Finite:
		return fmt.Errorf("civil: cannot scan an infinite date")
	default:
		*d = Of(v.Time)
	}
	return nil
}

// Scan reads a PostgreSQL date column.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		p, err := parseAny(v[:min(len(v), 10)])
		*d = p
		return err
	case []byte:
		p, err := parseAny(string(v[:min(len(v), 10)]))
		*d = p
		return err
	}
	return fmt.Errorf("civil: cannot scan %T into Date", src)
}
