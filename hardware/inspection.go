package hardware

import (
	"time"

	"backoffice/internal/calendar"
)

// Defect kinds (HW-5).
const (
	Visible = "visible" // visible defects, shortages and deviations
	Hidden  = "hidden"  // defects not reasonably visible at delivery
)

// VisibleWindow is the period after delivery in which visible defects must be reported
// (HW-5, 004:16.1): 24 real hours, whatever nights, weekends and DST changes lie in it.
const VisibleWindow = 24 * time.Hour

// HiddenWorkingDays is how many working days after discovery a hidden defect may be
// reported (HW-5, 004:16.2).
const HiddenWorkingDays = 5

// Verdict is whether a defect report came in time (HW-5).
type Verdict struct {
	Deadline   time.Time // the last instant a report is in time
	InTime     bool
	LostReason string // set for a late report: why all claims about the defect are lost
}

// VisibleDeadline is delivery + 24 real hours: time.Time arithmetic on instants, so a
// DST night does not make the window 23 or 25 hours.
func VisibleDeadline(deliveredAt time.Time) time.Time { return deliveredAt.Add(VisibleWindow) }

// HiddenDeadline is the end (23:59:59 local) of the 5th working day of cal after the day
// the defect was discovered, in cal's time zone (CAL-1: weekends and public holidays,
// Koningsdag included, do not count).
func HiddenDeadline(cal *calendar.Calendar, discoveredAt time.Time) time.Time {
	day := cal.AddWorkingDays(cal.DateOf(discoveredAt), HiddenWorkingDays)
	return day.AddDays(1).Start(cal.Location()).Add(-time.Second)
}

// Inspect judges a report made at reportedAt (HW-5). For a visible defect the window
// runs from delivery; for a hidden one from discovery. A report is in time up to and
// including the deadline's second.
func Inspect(cal *calendar.Calendar, kind string, deliveredAt, discoveredAt, reportedAt time.Time) Verdict {
	var v Verdict
	if kind == Hidden {
		v.Deadline = HiddenDeadline(cal, discoveredAt)
	} else {
		v.Deadline = VisibleDeadline(deliveredAt)
	}
	v.InTime = reportedAt.Before(v.Deadline.Add(time.Second))
	if !v.InTime {
		if kind == Hidden {
			v.LostReason = "reported after the 5th working day after discovery (HW-5, 004:16.2): all claims about this defect are lost, warranty or not (004:16.3)"
		} else {
			v.LostReason = "reported more than 24 hours after delivery (HW-5, 004:16.1): all claims about this defect are lost, warranty or not (004:16.3)"
		}
	}
	return v
}

// DutyToPay is said with every report (HW-5, 004:16.4).
const DutyToPay = "A defect report does not suspend the duty to accept and pay: the invoices it concerns stay due (HW-5, 004:16.4)."
