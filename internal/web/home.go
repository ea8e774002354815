package web

import (
	"strconv"
	"time"
)

// Tone is how a home card's count reads: ok (nothing to do), warn (look soon), bad (act now).
type Tone string

// The tones of a home card (CSS classes risk-ok, risk-warn, risk-bad).
const (
	ToneOK   Tone = "ok"
	ToneWarn Tone = "warn"
	ToneBad  Tone = "bad"
)

// HomeCard is one tile of a role's home page, contributed by the module that owns the data
// (platform.HomeCards): a count and the list that shows exactly what was counted.
type HomeCard struct {
	ID    string // stable, for tests and anchors ("quotes-expiring")
	Title string
	// Count is what was counted; More is true when the count stopped at its cap (shown "50+").
	Count int64
	More  bool
	// Text, when set, is shown instead of the count ("37 hours 30 min").
	Text string
	// Amount, when set, is a money total beside the count ("€ 1.249,00 due").
	Amount string
	Href   string // the list filtered to exactly what was counted
	Tone   Tone
	Note   string       // one line under the count
	Detail []HomeDetail // a few of the counted items
	// Chart is a server-rendered SVG (web.BarChart); a card with a chart spans the row.
	Chart *Chart
	// Order places the card (lower first); Section groups cards on the page.
	Order   int
	Section string
}

// Figure is the card's count as shown: "12", or "50+" when capped.
func (c HomeCard) Figure() string {
	if c.Text != "" {
		return c.Text
	}
	s := strconv.FormatInt(c.Count, 10)
	if c.More {
		s += "+"
	}
	return s
}

// ToneClass is the CSS class of the card's tone.
func (c HomeCard) ToneClass() string {
	if c.Tone == "" {
		return ""
	}
	return "risk-" + string(c.Tone)
}

// HomeDetail is one line of a card: a label, an optional link and a note ("due in 2 hours").
type HomeDetail struct {
	Label string
	Href  string
	Note  string
	Tone  Tone
	// Due, when set, is shown as a live countdown (data-countdown); Note holds the text
	// for pages without JavaScript.
	Due time.Time
}

// Counted sets the card's count from n read with LIMIT limit+1 (more than limit shows
// "limit+"), and its tone: tone when anything was counted, ok when nothing.
func (c HomeCard) Counted(n, limit int64, tone Tone) HomeCard {
	c.Count, c.More = Capped(n, limit)
	c.Tone = ToneOK
	if n > 0 {
		c.Tone = tone
	}
	return c
}

// Capped turns a count read with LIMIT cap+1 into a count and "more".
func Capped(n, limit int64) (int64, bool) {
	if n > limit {
		return limit, true
	}
	return n, false
}

// Until writes the time from now to due as a person reads it: "due in 2 hours 15 min",
// "overdue by 45 min" (whole minutes, rounded down).
func Until(now, due time.Time) string {
	d := due.Sub(now)
	if d < 0 {
		return "overdue by " + Minutes(int(-d/time.Minute))
	}
	return "due in " + Minutes(int(d/time.Minute))
}
