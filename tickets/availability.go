package tickets

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/problem"
)

// OutageKind says why a service was unavailable; only some kinds are downtime (T-5).
type OutageKind string

// The outage kinds.
const (
	// OutageUnplanned is a failure: always downtime.
	OutageUnplanned OutageKind = "unplanned"
	// OutagePlanned is maintenance: not downtime when announced at least a week ahead
	// (000:4 "minimaal één week van tevoren").
	OutagePlanned OutageKind = "planned"
	// OutageCustomerCaused is an outage under the customer's responsibility: never
	// downtime (000:4).
	OutageCustomerCaused OutageKind = "customer_caused"
)

// OutageKinds lists every kind.
var OutageKinds = []OutageKind{OutageUnplanned, OutagePlanned, OutageCustomerCaused}

// Valid reports whether k is a known kind.
func (k OutageKind) Valid() bool { return slices.Contains(OutageKinds, k) }

// AvailabilityTarget is the agreed availability per calendar quarter (T-5, 003:5.9).
var AvailabilityTarget = decimal.RequireFromString("99.95")

// Outage is one period during which a service was (or will be) unavailable. A zero
// CustomerID means every customer of the service was affected.
type Outage struct {
	ID          int64
	Service     string
	CustomerID  int64
	StartedAt   time.Time
	EndedAt     time.Time
	Kind        OutageKind
	AnnouncedAt time.Time // zero when never announced
}

var servicePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,62}$`)

// Validate checks an outage as reported at now, listing every problem: a service slug,
// a known kind, an end after the start, no failure that starts in the future (planned
// work may be entered ahead), and an announcement before the start.
func (o Outage) Validate(now time.Time) error {
	var v problem.Fields
	if !servicePattern.MatchString(o.Service) {
		v.Addf("service", "must be a service slug such as \"mail\" or \"portal-eu\" (lower-case letters, digits, . _ -)")
	}
	if !o.Kind.Valid() {
		v.Addf("kind", "must be one of unplanned, planned, customer_caused")
	}
	if o.StartedAt.IsZero() {
		v.Addf("started_at", "is required")
	}
	if o.EndedAt.IsZero() {
		v.Addf("ended_at", "is required")
	}
	if !o.StartedAt.IsZero() && !o.EndedAt.IsZero() && !o.EndedAt.After(o.StartedAt) {
		v.Addf("ended_at", "must be after started_at")
	}
	if o.Kind != OutagePlanned && o.StartedAt.After(now) {
		v.Addf("started_at", "must not be in the future for an outage that is not planned")
	}
	if !o.AnnouncedAt.IsZero() {
		if o.AnnouncedAt.After(now) {
			v.Addf("announced_at", "must not be in the future")
		}
		if !o.StartedAt.IsZero() && o.AnnouncedAt.After(o.StartedAt) {
			v.Addf("announced_at", "must be before started_at")
		}
	}
	return v.Err()
}

// AnnouncedAhead reports whether planned work was announced at least one calendar week
// before it started (wall-clock in loc, so a DST change in between does not matter).
func (o Outage) AnnouncedAhead(loc *time.Location) bool {
	if o.AnnouncedAt.IsZero() {
		return false
	}
	return !o.AnnouncedAt.In(loc).AddDate(0, 0, 7).After(o.StartedAt)
}

// CountsAsDowntime reports whether the outage is downtime under T-5: unplanned outages
// are; customer-caused ones are not; planned work is not when announced a week ahead.
func (o Outage) CountsAsDowntime(loc *time.Location) bool {
	switch o.Kind {
	case OutageUnplanned:
		return true
	case OutagePlanned:
		return !o.AnnouncedAhead(loc)
	default:
		return false
	}
}

// Quarter is a calendar quarter ("2026-Q1").
type Quarter struct {
	Year int
	Q    int // 1…4
}

var quarterPattern = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)

// ParseQuarter reads "YYYY-Qn".
func ParseQuarter(s string) (Quarter, error) {
	m := quarterPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Quarter{}, fmt.Errorf("%q is not a quarter such as 2026-Q1", s)
	}
	y, yerr := strconv.Atoi(m[1])
	q, qerr := strconv.Atoi(m[2])
	if yerr != nil || qerr != nil {
		return Quarter{}, fmt.Errorf("%q is not a quarter such as 2026-Q1", s)
	}
	return Quarter{Year: y, Q: q}, nil
}

// QuarterOf returns the quarter instant t falls in, seen in loc.
func QuarterOf(t time.Time, loc *time.Location) Quarter {
	l := t.In(loc)
	return Quarter{Year: l.Year(), Q: (int(l.Month())-1)/3 + 1}
}

// String formats as "2026-Q1".
func (q Quarter) String() string { return fmt.Sprintf("%04d-Q%d", q.Year, q.Q) }

// Start is the first instant of the quarter in loc.
func (q Quarter) Start(loc *time.Location) time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, loc)
}

// End is the first instant after the quarter in loc.
func (q Quarter) End(loc *time.Location) time.Time { return q.Next().Start(loc) }

// Next is the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Prev is the preceding quarter.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// QuarterAvailability is the T-5 report for one service in one quarter.
type QuarterAvailability struct {
	Quarter         Quarter
	AgreedSeconds   int64           // AST: every second of the quarter (DST makes Q1 an hour short, Q4 an hour long)
	DowntimeSeconds int64           // DT: union of downtime outages within the quarter
	Percent         decimal.Decimal // (AST − DT) / AST × 100, truncated to 4 decimals (never rounded up to the target)
	Met             bool            // Percent ≥ 99.95, compared exactly
	// Provisional is true while the quarter has not ended at the time of the report.
	Provisional bool
}

// AvailabilityReport adds the history that decides the termination right.
type AvailabilityReport struct {
	Service string
	QuarterAvailability
	Target                   decimal.Decimal
	ConsecutiveQuartersBelow int  // quarters below target in a row, ending with this one
	TerminationRight         bool // two consecutive quarters below target (003:5.9)
}

// QuarterDowntime computes AST, DT and the availability of one quarter from the
// outages of the service (already filtered to the customer, if any); overlapping
// outages count once.
func QuarterDowntime(q Quarter, outages []Outage, loc *time.Location, now time.Time) QuarterAvailability {
	start, end := q.Start(loc), q.End(loc)
	var spans [][2]time.Time
	for _, o := range outages {
		if !o.CountsAsDowntime(loc) {
			continue
		}
		s, e := later(o.StartedAt, start), o.EndedAt
		if e.After(end) {
			e = end
		}
		if e.After(s) {
			spans = append(spans, [2]time.Time{s, e})
		}
	}
	slices.SortFunc(spans, func(a, b [2]time.Time) int { return a[0].Compare(b[0]) })
	var dt time.Duration
	var curS, curE time.Time
	for i, sp := range spans {
		if i > 0 && !sp[0].After(curE) {
			curE = later(curE, sp[1])
			continue
		}
		dt += curE.Sub(curS)
		curS, curE = sp[0], sp[1]
	}
	dt += curE.Sub(curS)
	ast := int64(end.Sub(start) / time.Second)
	dts := int64(dt / time.Second)
	// exact: floor((AST−DT)·100·10⁴ / AST) / 10⁴
	scaled := (ast - dts) * 1_000_000 / ast
	return QuarterAvailability{
		Quarter:         q,
		AgreedSeconds:   ast,
		DowntimeSeconds: dts,
		Percent:         decimal.New(scaled, -4),
		Met:             dts*2000 <= ast, // (AST−DT)/AST ≥ 0.9995 ⇔ DT ≤ AST/2000
		Provisional:     now.Before(end),
	}
}

// Availability builds the T-5 report for quarter q: the quarter's availability and the
// count of consecutive quarters below target ending with q, which gives the customer the
// right to terminate without cost at two (003:5.9).
func Availability(q Quarter, outages []Outage, loc *time.Location, now time.Time) AvailabilityReport {
	r := AvailabilityReport{QuarterAvailability: QuarterDowntime(q, outages, loc, now), Target: AvailabilityTarget}
	earliest := q.Start(loc)
	for _, o := range outages {
		if o.StartedAt.Before(earliest) {
			earliest = o.StartedAt
		}
	}
	for cur := q; ; cur = cur.Prev() {
		a := r.QuarterAvailability
		if cur != q {
			if !cur.End(loc).After(earliest) {
				break // no outage reaches this far back: every earlier quarter is at 100%
			}
			a = QuarterDowntime(cur, outages, loc, now)
		}
		if a.Met {
			break
		}
		r.ConsecutiveQuartersBelow++
	}
	r.TerminationRight = r.ConsecutiveQuartersBelow >= 2
	return r
}
