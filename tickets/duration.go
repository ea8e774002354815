package tickets

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxTarget bounds SLA targets: a year of business time is far beyond any service level
// and keeps the arithmetic well inside time.Duration.
const maxTarget = 24 * 365 * time.Hour

// ParseBusinessDuration reads an ISO-8601 duration of business time made of hours,
// minutes and seconds only ("PT1H", "PT16H", "PT1H30M", "PT48H"). Days, weeks, months
// and years are refused: a "day" of business time is ambiguous (8.5 or 9 opening hours,
// or 24?), so a policy states hours.
func ParseBusinessDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New("is required")
	}
	rest, ok := strings.CutPrefix(s, "PT")
	if !ok {
		if strings.HasPrefix(s, "P") {
			return 0, fmt.Errorf("%q: state business time in hours, minutes or seconds (PT16H), not days, weeks, months or years", s)
		}
		return 0, fmt.Errorf("%q is not an ISO-8601 duration such as PT4H", s)
	}
	if rest == "" {
		return 0, fmt.Errorf("%q has no hours, minutes or seconds", s)
	}
	var total time.Duration
	order := "HMS"
	last := -1
	for rest != "" {
		i := strings.IndexAny(rest, "HMS")
		if i <= 0 {
			return 0, fmt.Errorf("%q is not an ISO-8601 duration such as PT4H", s)
		}
		num, unit := rest[:i], rest[i]
		pos := strings.IndexByte(order, unit)
		if pos <= last {
			return 0, fmt.Errorf("%q: units must appear once each, in the order H, M, S", s)
		}
		last = pos
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil || strings.Trim(num, "0123456789") != "" {
			return 0, fmt.Errorf("%q: %q is not a whole number", s, num)
		}
		per := map[byte]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second}[unit]
		if n > int64(maxTarget/per) {
			return 0, fmt.Errorf("%q is longer than a year of business time", s)
		}
		total += time.Duration(n) * per
		rest = rest[i+1:]
	}
	if total > maxTarget {
		return 0, fmt.Errorf("%q is longer than a year of business time", s)
	}
	return total, nil
}

// FormatBusinessDuration writes d as an ISO-8601 duration in hours, minutes and seconds
// ("PT16H", "PT1H30M", "PT0S"), the inverse of ParseBusinessDuration for whole seconds.
func FormatBusinessDuration(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	d = d.Round(time.Second)
	h, m, s := int64(d/time.Hour), int64(d%time.Hour/time.Minute), int64(d%time.Minute/time.Second)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s > 0 || (h == 0 && m == 0) {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}
