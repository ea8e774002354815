// Package calendar answers when the company works and when it is open.
//
// It implements three business rules:
//
//   - CAL-1 Working day: every day except Saturday, Sunday and the Dutch public
//     holidays (Nieuwjaarsdag, Goede Vrijdag, Tweede Paasdag, Koningsdag,
//     Bevrijdingsdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede
//     Kerstdag), with per-calendar variants for Good Friday and 5 May (every
//     year, lustrum years only, never). Holiday dates come from
//     github.com/rickar/cal/v2/nl. Whether a day is a working day does not
//     depend on opening hours.
//   - CAL-2 Hours: a calendar is data (Definition): id, name, time zone, opening
//     slots per weekday, holiday rules and extra closed dates. Four calendars are
//     built in: nl-werktijden, nl-kantooruren, nl-kantooruren-lustrum and
//     cliendo-support (see Builtins). Business time is real elapsed time inside
//     the wall-clock slots of working days, so it stays correct across DST.
//   - CAL-3 An e-mail notice is deemed delivered on the day it arrives if that
//     is a working day and it arrives before 16:00 in the calendar's zone,
//     otherwise on the next working day (NoticeDeemedDelivered).
//
// A Calendar is immutable after New and safe for concurrent use. All arithmetic
// walks day by day (closed days cost one cheap step, month-sized blocks of
// working days are counted with bit masks); nothing loops per minute.
package calendar

import (
	"sync/atomic"
	"time"

	"backoffice/internal/civil"
)

// Calendar is a validated, ready-to-use calendar. It is immutable after New
// and safe for concurrent use; holiday tables are computed lazily per year and
// cached.
type Calendar struct {
	def     Definition
	loc     *time.Location
	week    [7][]Slot // opening slots per time.Weekday
	builtIn bool
	closed  map[int][]civil.Date // extra closed dates by year

	years [cacheLast - cacheFirst + 1]atomic.Pointer[yearInfo]
}

// New validates def and builds a Calendar. It checks that the id is a
// non-empty slug, the time zone loads, every slot satisfies
// 0 <= start < end <= 1440, slots of a day are sorted and do not overlap,
// there is at least one slot Monday to Friday, weekend days have no slots
// (they are never working days under CAL-1), the liberation_day rule is valid
// and closed dates are real dates. On failure it returns a *DefinitionError
// listing every problem.
func New(def Definition) (*Calendar, error) {
	v, err := validate(def)
	if err != nil {
		return nil, err
	}
	c := &Calendar{def: def.clone(), loc: v.loc, week: v.week, closed: map[int][]civil.Date{}}
	seen := map[civil.Date]bool{}
	for _, d := range def.ClosedDates {
		if !seen[d] {
			seen[d] = true
			c.closed[d.Year] = append(c.closed[d.Year], d)
		}
	}
	return c, nil
}

// ID returns the calendar's id, e.g. "nl-kantooruren".
func (c *Calendar) ID() string { return c.def.ID }

// Name returns the display name.
func (c *Calendar) Name() string { return c.def.Name }

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Definition returns a copy of the definition the calendar was built from.
func (c *Calendar) Definition() Definition { return c.def.clone() }

// BuiltIn reports whether this is one of the four built-in calendars.
func (c *Calendar) BuiltIn() bool { return c.builtIn }

// DateOf returns the date of instant t in the calendar's zone.
func (c *Calendar) DateOf(t time.Time) civil.Date { return civil.In(t, c.loc) }

// IDs of the built-in calendars (CAL-2).
const (
	IDWerktijden         = "nl-werktijden"
	IDKantooruren        = "nl-kantooruren"
	IDKantoorurenLustrum = "nl-kantooruren-lustrum"
	IDCliendoSupport     = "cliendo-support"
)

// builtinDefinitions are the CAL-2 calendars, in the order Builtins returns them.
func builtinDefinitions() []Definition {
	weekdays := func(s Slot) map[string][]Slot {
		return map[string][]Slot{
			"monday": {s}, "tuesday": {s}, "wednesday": {s}, "thursday": {s}, "friday": {s},
		}
	}
	dutch := HolidayRules{Dutch: true, GoodFriday: true, LiberationDay: LiberationYearly}
	lustrum := HolidayRules{Dutch: true, GoodFriday: true, LiberationDay: LiberationLustrum}
	cliendo := weekdays(Slot{600, 1140})
	cliendo["friday"] = []Slot{{600, 960}}
	return []Definition{
		{ID: IDWerktijden, Name: "Werktijden (ma-vr 08:30-17:00)", TimeZone: "Europe/Amsterdam",
			Hours: weekdays(Slot{510, 1020}), Holidays: dutch},
		{ID: IDKantooruren, Name: "Kantooruren (ma-vr 08:30-17:30)", TimeZone: "Europe/Amsterdam",
			Hours: weekdays(Slot{510, 1050}), Holidays: dutch},
		{ID: IDKantoorurenLustrum, Name: "Kantooruren, Bevrijdingsdag alleen in lustrumjaren", TimeZone: "Europe/Amsterdam",
			Hours: weekdays(Slot{510, 1050}), Holidays: lustrum},
		{ID: IDCliendoSupport, Name: "Cliendo support desk (ma-do 10:00-19:00, vr 10:00-16:00)", TimeZone: "Europe/Amsterdam",
			Hours: cliendo, Holidays: dutch},
	}
}

var builtins = func() []*Calendar {
	defs := builtinDefinitions()
	out := make([]*Calendar, len(defs))
	for i, def := range defs {
		c, err := New(def)
		if err != nil {
			panic(err) // programming error in the table above; covered by tests
		}
		c.builtIn = true
		out[i] = c
	}
	return out
}()

// Builtin returns the built-in calendar with the given id (CAL-2).
func Builtin(id string) (*Calendar, bool) {
	for _, c := range builtins {
		if c.def.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Builtins returns the four built-in calendars in a stable order:
// nl-werktijden, nl-kantooruren, nl-kantooruren-lustrum, cliendo-support.
// The calendars are shared and immutable; the slice is a fresh copy.
func Builtins() []*Calendar { return append([]*Calendar(nil), builtins...) }
