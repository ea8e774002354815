package web

import "strings"

// Span writes a length of time in seconds in words in lang, largest units first and
// zero units left out: "91 days", "2 hours 5 minutes" (en), "2 uur 5 minuten" (nl);
// seconds only under a minute ("45 seconds"), nothing as "0 minutes". Template: tspan.
func Span(lang string, seconds int64) string {
	if seconds < 0 {
		seconds = -seconds
	}
	if seconds < 60 && seconds > 0 {
		return spanUnit(lang, "second", seconds)
	}
	d, h, m := seconds/86400, seconds%86400/3600, seconds%3600/60
	var parts []string
	for _, u := range []struct {
		name string
		n    int64
	}{{"day", d}, {"hour", h}, {"minute", m}} {
		if u.n > 0 {
			parts = append(parts, spanUnit(lang, u.name, u.n))
		}
	}
	if len(parts) == 0 {
		return spanUnit(lang, "minute", 0)
	}
	return strings.Join(parts, " ")
}

func spanUnit(lang, unit string, n int64) string {
	if n == 1 {
		return T(lang, "layout.span."+unit)
	}
	return T(lang, "layout.span."+unit+"s", "N", n)
}
