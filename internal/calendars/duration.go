package calendars

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var isoDur = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// ParseDuration reads an ISO-8601 duration of weeks, days, hours, minutes and seconds
// ("PT4H", "P2DT4H30M"). A day is 24 hours here: business durations are counted in
// hours of open time, so years and months (whose length varies) are refused.
func ParseDuration(s string) (time.Duration, error) {
	m := isoDur.FindStringSubmatch(s)
	if m == nil || s == "P" || s == "PT" || (len(s) > 0 && s[len(s)-1] == 'T') {
		return 0, fmt.Errorf("%q is not an ISO-8601 duration like PT4H", s)
	}
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second}
	var d time.Duration
	for i, u := range units {
		if m[i+1] == "" {
			continue
		}
		n, err := strconv.ParseInt(m[i+1], 10, 64)
		if err != nil || n > 1_000_000 {
			return 0, fmt.Errorf("%q is out of range", s)
		}
		d += time.Duration(n) * u
	}
	return d, nil
}

// FormatDuration writes d as ISO-8601 ("PT16H", "PT1H30M").
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "PT0S"
	}
	s := "PT"
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	sec := d / time.Second
	if h > 0 {
		s += strconv.FormatInt(int64(h), 10) + "H"
	}
	if m > 0 {
		s += strconv.FormatInt(int64(m), 10) + "M"
	}
	if sec > 0 {
		s += strconv.FormatInt(int64(sec), 10) + "S"
	}
	return s
}
