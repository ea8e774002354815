package secondment

import (
	"errors"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// WorkingDayCalendar tells whether a date is a working day (CAL-1). The business
// calendars of internal/calendar satisfy it, so overtime uses the same holidays as the
// SLA clock.
type WorkingDayCalendar interface {
	IsWorkingDay(d civil.Date) bool
}

// Segment is a stretch of an hour entry that lies in one band on one day (SEC-3).
type Segment struct {
	StartedAt        time.Time       `json:"started_at"`
	EndedAt          time.Time       `json:"ended_at"`
	Minutes          int             `json:"minutes"`
	Band             Band            `json:"band"`
	SurchargePercent decimal.Decimal `json:"surcharge_percent"`
	// Rate is the hourly rate including the surcharge, exact (not rounded).
	Rate decimal.Decimal `json:"rate"`
	// Amount is Rate × Minutes / 60, rounded once to cents, half away from zero.
	Amount decimal.Decimal `json:"amount"`
}

// Pricing is an hour entry split into its band segments with their totals.
type Pricing struct {
	Minutes  int             `json:"minutes"`
	Amount   decimal.Decimal `json:"amount"`
	Segments []Segment       `json:"segments"`
}

// Errors of Price's arguments.
var (
	ErrEmptySpan        = errors.New("secondment: the entry must end after it starts")
	ErrNotWholeMinutes  = errors.New("secondment: the entry must start and end on whole minutes")
	errNoLocation       = errors.New("secondment: a time zone is required to price an entry")
	sixThousand         = decimal.NewFromInt(6000)
	oneHundred          = decimal.NewFromInt(100)
	halfCentOfSixThousd = decimal.NewFromInt(30) // half of 6000 × 0.01
)

// Price splits [start, end) into segments by the band table of the placement, using cal
// for working days and loc (Europe/Amsterdam) for wall-clock times (SEC-3).
//
// Segments break at every band boundary, at every midnight and so at the start and end
// of every holiday. Minutes are real elapsed minutes, so a segment across a DST change
// counts one hour less or more than its wall-clock times suggest. Each segment's amount
// is hourlyRate × (100 + surcharge) / 100 × minutes / 60, computed exactly and rounded
// once to cents, half away from zero; the entry's amount is the sum of its segments.
func Price(start, end time.Time, hourlyRate decimal.Decimal, bands BandTable, cal WorkingDayCalendar, loc *time.Location) (Pricing, error) {
	if loc == nil {
		return Pricing{}, errNoLocation
	}
	if !end.After(start) {
		return Pricing{}, ErrEmptySpan
	}
	if !wholeMinute(start) || !wholeMinute(end) {
		return Pricing{}, ErrNotWholeMinutes
	}
	out := Pricing{Amount: decimal.Zero, Segments: make([]Segment, 0, 4)}
	day := civil.In(start, loc)
	for {
		dayStart := wallInstant(day, 0, loc)
		if !dayStart.Before(end) {
			break
		}
		for _, s := range bands.spans(cal.IsWorkingDay(day)) {
			from := wallInstant(day, s.from, loc)
			to := wallInstant(day, s.to, loc)
			if from.Before(start) {
				from = start
			}
			if to.After(end) {
				to = end
			}
			if !to.After(from) {
				continue
			}
			minutes := int(to.Sub(from) / time.Minute)
			seg := Segment{
				StartedAt:        from,
				EndedAt:          to,
				Minutes:          minutes,
				Band:             s.band,
				SurchargePercent: s.pct,
				Rate:             hourlyRate.Mul(oneHundred.Add(s.pct)).Div(oneHundred),
				Amount:           segmentAmount(hourlyRate, s.pct, minutes),
			}
			out.Segments = append(out.Segments, seg)
			out.Minutes += minutes
			out.Amount = out.Amount.Add(seg.Amount)
		}
		day = day.AddDays(1)
	}
	return out, nil
}

// wholeMinute reports whether t has no seconds or fractions.
func wholeMinute(t time.Time) bool { return t.Truncate(time.Minute).Equal(t) }

// segmentAmount is rate × (100 + pct) × minutes / 6000 rounded to cents half away from
// zero, without any intermediate rounding: the quotient is cut at cents and the
// remainder decides the last cent exactly.
func segmentAmount(rate, pct decimal.Decimal, minutes int) decimal.Decimal {
	num := rate.Mul(oneHundred.Add(pct)).Mul(decimal.NewFromInt(int64(minutes)))
	q, r := num.QuoRem(sixThousand, 2)
	// r = num − 6000 × q with |r| < 60; the cent goes up when |r| ≥ 30.
	if r.Abs().GreaterThanOrEqual(halfCentOfSixThousd) {
		if num.IsNegative() {
			q = q.Sub(decimal.New(1, -2))
		} else {
			q = q.Add(decimal.New(1, -2))
		}
	}
	return q
}

// wallInstant is the first instant at which the wall clock in loc shows minute m of day
// d (m = 1440 is midnight after d). A wall-clock time inside a spring-forward gap maps to
// the transition itself; one inside the repeated autumn hour maps to its first occurrence.
func wallInstant(d civil.Date, m int, loc *time.Location) time.Time {
	if m >= MinutesPerDay {
		d, m = d.AddDays(m/MinutesPerDay), m%MinutesPerDay
	}
	h, mm := m/60, m%60
	t := time.Date(d.Year, d.Month, d.Day, h, mm, 0, 0, loc)
	zoneStart, _ := t.ZoneBounds()
	if lt := t.In(loc); lt.Hour() != h || lt.Minute() != mm || lt.Day() != d.Day {
		// In a gap: Go normalised past it; the first instant showing ≥ h:mm is the
		// transition that opened the current zone.
		return zoneStart
	}
	if zoneStart.IsZero() {
		return t
	}
	// Ambiguous in a repeated hour? Try the same wall time in the previous zone.
	_, offNow := t.Zone()
	_, offPrev := zoneStart.Add(-time.Nanosecond).Zone()
	if offPrev > offNow {
		earlier := t.Add(-time.Duration(offPrev-offNow) * time.Second)
		if earlier.Before(zoneStart) {
			if le := earlier.In(loc); le.Hour() == h && le.Minute() == mm && le.Day() == d.Day {
				return earlier
			}
		}
	}
	return t
}
