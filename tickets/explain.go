package tickets

import (
	"fmt"
	"strings"
	"time"

	"backoffice/internal/web"
)

// Step is one line of the explanation of a ticket's due times: where the clocks start,
// which targets and calendar apply, every pause with the business seconds it credits,
// and how each due time follows.
type Step struct {
	Kind            string    `json:"kind"`
	At              time.Time `json:"at"`
	Until           time.Time `json:"until,omitzero"`
	BusinessSeconds int64     `json:"business_seconds,omitempty"`
	Text            string    `json:"text"`
}

// The step kinds of an explanation.
const (
	StepStart          = "start"
	StepTargets        = "targets"
	StepCalendar       = "calendar"
	StepPause          = "pause"
	StepResolvedPeriod = "resolved_period"
	StepResponseDue    = "response_due"
	StepResponse       = "first_response"
	StepResolutionDue  = "resolution_due"
	StepResolution     = "resolution"
)

const stampLayout = "Mon 2 Jan 2006 15:04 MST"

func stamp(t time.Time, loc *time.Location) string { return t.In(loc).Format(stampLayout) }

// businessText writes business seconds as hours and minutes ("2h30m of business time").
func businessText(sec int64) string {
	return readable(time.Duration(sec)*time.Second) + " of business time"
}

// readable writes a duration as a person reads it: "8 hours", "1 hour 30 min", "45 s".
func readable(d time.Duration) string {
	d = d.Round(time.Second)
	if d%time.Minute != 0 && d < time.Hour {
		return fmt.Sprintf("%s %d s", strings.TrimSuffix(web.Minutes(int(d/time.Minute)), " 0 min"), int64(d%time.Minute/time.Second))
	}
	return web.Minutes(int(d / time.Minute))
}

// explain lists the steps that made the due times of sla.
func explain(f Facts, sla SLA, segs []interval, pauses []interval, respondedAt, now time.Time) []Step {
	loc := f.Zone
	if loc == nil {
		loc = time.UTC
	}
	steps := []Step{{
		Kind: StepStart, At: f.ReceivedAt,
		Text: fmt.Sprintf("Report received %s: the response and resolution clocks start at receipt.", stamp(f.ReceivedAt, loc)),
	}, {
		Kind: StepTargets, At: f.ReceivedAt,
		Text: fmt.Sprintf("Policy %q, priority %s: respond within %s and resolve within %s of business time, applied as if from the start.",
			f.Policy.Name, f.Priority, readable(sla.Target.Response), readable(sla.Target.Resolution)),
	}, {
		Kind: StepCalendar, At: f.ReceivedAt,
		Text: fmt.Sprintf("Business time is counted in the opening hours of the calendar “%s” on working days (weekends and public holidays do not count), in %s.",
			calendarName(f), loc),
	}}
	for _, p := range pauses {
		end := p.endOr(now)
		sec := int64(f.Calendar.BusinessBetween(p.Start, end) / time.Second)
		until := "still paused now"
		if !p.open() {
			until = "until " + stamp(end, loc)
		}
		steps = append(steps, Step{
			Kind: StepPause, At: p.Start, Until: p.End, BusinessSeconds: sec,
			Text: fmt.Sprintf("Paused (%s) from %s %s: %s not counted.", strings.ToLower(web.Title(p.Status)), stamp(p.Start, loc), until, businessText(sec)),
		})
	}
	for i, s := range segs {
		if !s.Status.Done() || s.open() || (i+1 < len(segs) && segs[i+1].Status.Done()) {
			continue
		}
		// a resolved period that ended in a reopen: the resolution clock stood still
		start := s.Start
		for j := i - 1; j >= 0 && segs[j].Status.Done(); j-- {
			start = segs[j].Start
		}
		sec := int64(f.Calendar.BusinessBetween(start, s.End) / time.Second)
		steps = append(steps, Step{
			Kind: StepResolvedPeriod, At: start, Until: s.End, BusinessSeconds: sec,
			Text: fmt.Sprintf("Resolved %s, reopened %s: the resolution clock stood still, %s not counted; it resumed on reopening.",
				stamp(start, loc), stamp(s.End, loc), businessText(sec)),
		})
	}
	steps = append(steps, Step{
		Kind: StepResponseDue, At: sla.ResponseDueAt, BusinessSeconds: int64((sla.Target.Response + sla.ResponseCredit) / time.Second),
		Text: fmt.Sprintf("Response due %s = receipt + %s + %s of pauses before it, counted in business time.",
			stamp(sla.ResponseDueAt, loc), readable(sla.Target.Response), readable(sla.ResponseCredit)),
	})
	if !respondedAt.IsZero() {
		verdict := "within target"
		if sla.ResponseBreached {
			verdict = "after the due time: response target breached"
		}
		steps = append(steps, Step{Kind: StepResponse, At: respondedAt,
			Text: fmt.Sprintf("First response %s, %s.", stamp(respondedAt, loc), verdict)})
	} else if f.Policy.Pauses(segs[len(segs)-1].Status) {
		steps = append(steps, Step{Kind: StepResponse, At: now,
			Text: "Not yet answered; the ticket is paused, so the due time shown assumes the clock resumes now."})
	}
	steps = append(steps, Step{
		Kind: StepResolutionDue, At: sla.ResolutionDueAt, BusinessSeconds: int64((sla.Target.Resolution + sla.ResolutionCredit) / time.Second),
		Text: fmt.Sprintf("Resolution due %s = receipt + %s + %s of pauses and resolved periods before it, counted in business time.",
			stamp(sla.ResolutionDueAt, loc), readable(sla.Target.Resolution), readable(sla.ResolutionCredit)),
	})
	if !sla.ResolvedAt.IsZero() {
		verdict := "within target"
		if sla.ResolutionBreached {
			verdict = "after the due time: resolution target breached"
		}
		steps = append(steps, Step{Kind: StepResolution, At: sla.ResolvedAt,
			Text: fmt.Sprintf("Resolved %s, %s.", stamp(sla.ResolvedAt, loc), verdict)})
	}
	return steps
}

// calendarName names the calendar of the explanation for a person (its id is no word).
func calendarName(f Facts) string {
	if c, ok := f.Calendar.(interface{ Name() string }); ok && c.Name() != "" {
		return c.Name()
	}
	return f.Policy.CalendarName
}
