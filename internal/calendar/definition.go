package calendar

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"backoffice/internal/civil"
)

// Slot is an opening interval on one day in wall-clock minutes since midnight:
// 510 is 08:30. Start is inclusive, End exclusive; End may be 1440 (24:00, the
// midnight that ends the day). In JSON a slot travels as
// {"start":"08:30","end":"17:00"}.
type Slot struct {
	Start, End int
}

// ParseSlot reads a wall-clock time "HH:MM" (00:00 to 24:00) and returns the
// minute of the day, e.g. "08:30" is 510 and "24:00" is 1440.
func ParseSlot(s string) (int, error) {
	bad := fmt.Errorf("calendar: time %q must be HH:MM between 00:00 and 24:00", s)
	if len(s) != 5 || s[2] != ':' {
		return 0, bad
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, bad
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, bad
	}
	return h*60 + m, nil
}

// formatMinute writes a minute of the day as "HH:MM".
func formatMinute(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// String formats the slot as "08:30-17:00".
func (s Slot) String() string { return formatMinute(s.Start) + "-" + formatMinute(s.End) }

type slotJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// MarshalJSON writes {"start":"HH:MM","end":"HH:MM"}.
func (s Slot) MarshalJSON() ([]byte, error) {
	return json.Marshal(slotJSON{formatMinute(s.Start), formatMinute(s.End)})
}

// UnmarshalJSON reads {"start":"HH:MM","end":"HH:MM"}; "24:00" is accepted. Whether
// the slot is sensible (start before end, no overlap) is checked by New.
func (s *Slot) UnmarshalJSON(b []byte) error {
	var v slotJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("calendar: slot must be an object {\"start\":\"HH:MM\",\"end\":\"HH:MM\"}")
	}
	start, err := ParseSlot(v.Start)
	if err != nil {
		return err
	}
	end, err := ParseSlot(v.End)
	if err != nil {
		return err
	}
	*s = Slot{Start: start, End: end}
	return nil
}

// LiberationDay says when Bevrijdingsdag (5 May) is a holiday (CAL-1).
type LiberationDay string

// The allowed LiberationDay rules.
const (
	LiberationYearly  LiberationDay = "yearly"  // every year
	LiberationLustrum LiberationDay = "lustrum" // only in years divisible by 5
	LiberationNone    LiberationDay = "none"    // never
)

// HolidayRules selects the public holidays of a calendar (CAL-1). The three
// fields are independent: Dutch adds Nieuwjaarsdag, Tweede Paasdag, Koningsdag,
// Hemelvaartsdag, Tweede Pinksterdag and Eerste and Tweede Kerstdag; GoodFriday
// adds Goede Vrijdag; LiberationDay adds Bevrijdingsdag as it says.
type HolidayRules struct {
	Dutch         bool          `json:"dutch"`          // the fixed Dutch public holidays of CAL-1
	GoodFriday    bool          `json:"good_friday"`    // Good Friday counts as holiday
	LiberationDay LiberationDay `json:"liberation_day"` // "yearly", "lustrum" or "none"; empty means "none" unless Dutch is set
}

// Definition is the stored and serialised (JSON) form of a calendar (CAL-2).
// Custom calendars are stored as this JSON; New turns it into a Calendar.
type Definition struct {
	ID       string `json:"id"`        // slug: lower-case letters, digits and single hyphens
	Name     string `json:"name"`      // display name
	TimeZone string `json:"time_zone"` // IANA zone, e.g. "Europe/Amsterdam"
	// Hours holds the opening slots per weekday, keyed "monday" to "friday";
	// a missing day is closed. Saturday and Sunday are never working days
	// (CAL-1), so New rejects slots on them.
	Hours       map[string][]Slot `json:"hours"`
	Holidays    HolidayRules      `json:"holidays"`
	ClosedDates []civil.Date      `json:"closed_dates"` // extra closed dates, listed as "Closed"
}

// FieldError is one problem in a Definition; Field is a path such as
// "hours.monday[0].end".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// DefinitionError lists every problem New found in a Definition.
type DefinitionError struct {
	Fields []FieldError `json:"fields"`
}

// Error joins all field problems into one line.
func (e *DefinitionError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "calendar: invalid definition: " + strings.Join(parts, "; ")
}

// weekdayKeys maps the Hours keys to weekdays, in display order.
var weekdayKeys = []struct {
	key string
	day time.Weekday
}{
	{"monday", time.Monday}, {"tuesday", time.Tuesday}, {"wednesday", time.Wednesday},
	{"thursday", time.Thursday}, {"friday", time.Friday}, {"saturday", time.Saturday},
	{"sunday", time.Sunday},
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validated is the checked, ready-to-use content of a Definition.
type validated struct {
	loc  *time.Location
	week [7][]Slot
}

// validate checks def and returns its parsed form or a *DefinitionError.
func validate(def Definition) (validated, error) {
	var v validated
	var errs []FieldError
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}

	switch {
	case def.ID == "":
		add("id", "is required")
	case len(def.ID) > 64 || !slugPattern.MatchString(def.ID):
		add("id", "must be a slug of at most 64 characters: lower-case letters, digits and single hyphens")
	}

	switch def.TimeZone {
	case "":
		add("time_zone", "is required")
	case "Local":
		add("time_zone", "must be an IANA zone name such as Europe/Amsterdam, not Local")
	default:
		loc, err := time.LoadLocation(def.TimeZone)
		if err != nil {
			add("time_zone", "unknown time zone %q", def.TimeZone)
		}
		v.loc = loc
	}

	known := map[string]bool{}
	slots := 0
	for _, wk := range weekdayKeys {
		known[wk.key] = true
		list := def.Hours[wk.key]
		if len(list) > 0 && (wk.day == time.Saturday || wk.day == time.Sunday) {
			add("hours."+wk.key, "%s is never a working day (CAL-1), so its slots would never be open", wk.day)
			continue
		}
		ok := true
		for i, s := range list {
			path := fmt.Sprintf("hours.%s[%d]", wk.key, i)
			if s.Start < 0 || s.Start >= 1440 {
				add(path+".start", "must be between 00:00 and 23:59")
				ok = false
			}
			if s.End <= 0 || s.End > 1440 {
				add(path+".end", "must be between 00:01 and 24:00")
				ok = false
			} else if s.End <= s.Start {
				add(path+".end", "must be after start %s", formatMinute(s.Start))
				ok = false
			}
			if i > 0 && s.Start < list[i-1].End {
				add(path, "must start at or after the end of the previous slot (%s); slots must be sorted and must not overlap", formatMinute(list[i-1].End))
				ok = false
			}
		}
		if ok {
			v.week[wk.day] = append([]Slot(nil), list...)
			slots += len(list)
		}
	}
	var unknown []string
	for k := range def.Hours {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		add("hours."+k, "unknown day; use monday to friday")
	}
	if slots == 0 && !hasHoursError(errs) {
		add("hours", "at least one opening slot on a weekday (monday to friday) is required")
	}

	switch def.Holidays.LiberationDay {
	case LiberationYearly, LiberationLustrum, LiberationNone:
	case "":
		if def.Holidays.Dutch {
			add("holidays.liberation_day", "is required with dutch holidays: one of yearly, lustrum, none")
		}
	default:
		add("holidays.liberation_day", "must be one of yearly, lustrum, none; got %q", def.Holidays.LiberationDay)
	}

	for i, d := range def.ClosedDates {
		if d.IsZero() {
			add(fmt.Sprintf("closed_dates[%d]", i), "must be a date YYYY-MM-DD")
		} else if civil.D(d.Year, d.Month, d.Day) != d {
			add(fmt.Sprintf("closed_dates[%d]", i), "%04d-%02d-%02d is not a valid date", d.Year, d.Month, d.Day)
		}
	}

	if len(errs) > 0 {
		return validated{}, &DefinitionError{Fields: errs}
	}
	return v, nil
}

func hasHoursError(errs []FieldError) bool {
	for _, e := range errs {
		if strings.HasPrefix(e.Field, "hours") {
			return true
		}
	}
	return false
}

// clone returns a deep copy, so neither the caller nor the Calendar can change
// the other's data.
func (def Definition) clone() Definition {
	out := def
	if def.Hours != nil {
		out.Hours = make(map[string][]Slot, len(def.Hours))
		for k, v := range def.Hours {
			out.Hours[k] = append([]Slot(nil), v...)
		}
	}
	if def.ClosedDates != nil {
		out.ClosedDates = append([]civil.Date(nil), def.ClosedDates...)
	}
	return out
}
