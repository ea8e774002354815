package tickets

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/calendar"
	"backoffice/internal/clock"
)

// at is a wall-clock instant in Europe/Amsterdam: "2026-04-24 16:30".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, clock.Amsterdam)
	if err != nil {
		panic(err)
	}
	return t
}

func cal(t testing.TB, id string) *calendar.Calendar {
	t.Helper()
	c, ok := calendar.Builtin(id)
	if !ok {
		t.Fatalf("calendar %s is not built in", id)
	}
	return c
}

// standard is the default policy on nl-kantooruren (08:30–17:30, 9 business hours a day).
func standard() Policy {
	return Policy{ID: 1, Name: "Standaard", CalendarName: calendar.IDKantooruren,
		Targets: []Target{
			{P1, 1 * time.Hour, 4 * time.Hour},
			{P2, 4 * time.Hour, 16 * time.Hour},
			{P3, 8 * time.Hour, 40 * time.Hour},
			{P4, 16 * time.Hour, 80 * time.Hour},
		},
		PauseStatuses: []Status{StatusWaitingOnCustomer}}
}

// cliendo is the T-3 variant: a reaction within 48 business hours on the Cliendo desk.
func cliendo() Policy {
	p := Policy{ID: 2, Name: "Cliendo", CalendarName: calendar.IDCliendoSupport,
		PauseStatuses: []Status{StatusWaitingOnCustomer}}
	for _, pr := range Priorities {
		p.Targets = append(p.Targets, Target{pr, 48 * time.Hour, 96 * time.Hour})
	}
	return p
}

func facts(t testing.TB, p Policy, pr Priority, received string, changes ...StatusChange) Facts {
	c := cal(t, p.CalendarName)
	return Facts{ReceivedAt: at(received), Statuses: changes, Priority: pr, Policy: p, Calendar: c, Zone: c.Location()}
}

func change(s string, st Status) StatusChange { return StatusChange{At: at(s), Status: st} }

type want struct {
	responseDue, resolutionDue string
	state                      State
	paused                     int64
	respBreached, resBreached  bool
	resolvedAt                 string
}

func TestSLAClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		facts func(t testing.TB) Facts
		now   string
		want  want
	}{
		{"T-2_counts_from_receipt_within_one_day", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-03-10 09:00")
		}, "2026-03-10 09:05", want{responseDue: "2026-03-10 13:00", resolutionDue: "2026-03-11 16:00", state: StateRunning}},
		{"T-2_received_before_opening_starts_at_0830", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 07:00")
		}, "2026-03-10 07:05", want{responseDue: "2026-03-10 09:30", resolutionDue: "2026-03-10 12:30", state: StateRunning}},
		{"T-2_received_after_closing_counts_from_next_morning", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 20:00")
		}, "2026-03-10 20:05", want{responseDue: "2026-03-11 09:30", resolutionDue: "2026-03-11 12:30", state: StateRunning}},
		{"T-2_due_exactly_at_closing_stays_at_closing", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 16:30")
		}, "2026-03-10 16:31", want{responseDue: "2026-03-10 17:30", resolutionDue: "2026-03-11 11:30", state: StateRunning}},
		{"CAL-1_weekend_not_counted", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-03-13 16:30")
		}, "2026-03-13 16:31", want{responseDue: "2026-03-16 11:30", resolutionDue: "2026-03-17 14:30", state: StateRunning}},
		{"CAL-1_koningsdag_not_counted", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-04-24 16:30")
		}, "2026-04-24 16:31", want{responseDue: "2026-04-28 11:30", resolutionDue: "2026-04-29 14:30", state: StateRunning}},
		{"CAL-1_received_on_koningsdag_starts_next_working_day", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-04-27 10:00")
		}, "2026-04-27 10:01", want{responseDue: "2026-04-28 09:30", resolutionDue: "2026-04-28 12:30", state: StateRunning}},
		{"CAL-1_good_friday_and_easter_monday_not_counted", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-04-02 16:30")
		}, "2026-04-02 16:31", want{responseDue: "2026-04-07 11:30", resolutionDue: "2026-04-08 14:30", state: StateRunning}},
		{"CAL-1_bevrijdingsdag_and_hemelvaart_not_counted", func(t testing.TB) Facts {
			return facts(t, standard(), P4, "2026-05-04 16:00")
		}, "2026-05-04 16:01", want{responseDue: "2026-05-07 14:00", resolutionDue: "2026-05-19 15:00", state: StateRunning}},
		{"CAL-2_dst_spring_forward_weekend_keeps_wall_clock_hours", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-03-27 17:00")
		}, "2026-03-27 17:01", want{responseDue: "2026-03-30 12:00", resolutionDue: "2026-03-31 15:00", state: StateRunning}},
		{"CAL-2_dst_fall_back_weekend_keeps_wall_clock_hours", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-10-23 17:00")
		}, "2026-10-23 17:01", want{responseDue: "2026-10-26 12:00", resolutionDue: "2026-10-27 15:00", state: StateRunning}},
		{"CAL-1_koningsdag_on_saturday_2025_does_not_move_to_monday", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2025-04-25 16:30")
		}, "2025-04-25 16:31", want{responseDue: "2025-04-28 11:30", resolutionDue: "2025-04-29 14:30", state: StateRunning}},
		{"CAL-1_christmas_and_new_year_not_counted", func(t testing.TB) Facts {
			return facts(t, standard(), P4, "2026-12-23 16:30")
		}, "2026-12-23 16:31", want{responseDue: "2026-12-28 14:30", resolutionDue: "2027-01-07 15:30", state: StateRunning}},
		{"CAL-2_received_in_the_spring_forward_night_counts_from_monday", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-27 09:00")
			f.ReceivedAt = time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC) // 03:30 CEST, just after the skipped hour
			return f
		}, "2026-03-29 04:00", want{responseDue: "2026-03-30 09:30", resolutionDue: "2026-03-30 12:30", state: StateRunning}},
		{"CAL-2_received_in_the_repeated_fall_back_hour_counts_from_monday", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-10-23 09:00")
			f.ReceivedAt = time.Date(2026, 10, 25, 1, 15, 0, 0, time.UTC) // the second 02:15 (CET)
			return f
		}, "2026-10-25 03:00", want{responseDue: "2026-10-26 09:30", resolutionDue: "2026-10-26 12:30", state: StateRunning}},
		{"T-2_pause_across_koningsdag_credits_business_time_only", func(t testing.TB) Facts {
			f := facts(t, standard(), P3, "2026-04-24 09:00",
				change("2026-04-24 12:00", StatusWaitingOnCustomer), change("2026-04-28 10:00", StatusOpen))
			f.FirstResponseAt = at("2026-04-24 10:00")
			return f
		}, "2026-04-28 10:05", want{responseDue: "2026-04-24 17:00", resolutionDue: "2026-05-04 11:00", state: StateRunning, paused: 7 * 3600}},
		{"T-2_priority_change_after_pause_keeps_the_credit", func(t testing.TB) Facts {
			f := facts(t, standard(), P2, "2026-04-24 09:00",
				change("2026-04-24 12:00", StatusWaitingOnCustomer), change("2026-04-28 10:00", StatusOpen))
			f.FirstResponseAt = at("2026-04-24 10:00")
			return f
		}, "2026-04-28 10:05", want{responseDue: "2026-04-24 13:00", resolutionDue: "2026-04-29 14:00", state: StateRunning, paused: 7 * 3600}},
		{"T-2_pause_before_first_response_moves_response_due", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-03-10 09:00",
				change("2026-03-10 10:00", StatusWaitingOnCustomer), change("2026-03-11 09:00", StatusOpen))
		}, "2026-03-11 09:30", want{responseDue: "2026-03-11 12:00", resolutionDue: "2026-03-12 15:00", state: StateRunning, paused: 8 * 3600}},
		{"T-2_paused_now_projects_due_from_now", func(t testing.TB) Facts {
			return facts(t, standard(), P2, "2026-03-10 09:00", change("2026-03-10 10:00", StatusWaitingOnCustomer))
		}, "2026-03-10 15:00", want{responseDue: "2026-03-11 09:00", resolutionDue: "2026-03-12 12:00", state: StatePaused, paused: 5 * 3600}},
		{"T-2_pause_after_breach_does_not_move_due", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 09:00", change("2026-03-10 11:00", StatusWaitingOnCustomer))
		}, "2026-03-10 12:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 14:00", state: StateBreached, paused: 3600, respBreached: true}},
		{"T-2_unanswered_past_due_is_breached", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 09:00")
		}, "2026-03-10 10:01", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 13:00", state: StateBreached, respBreached: true}},
		{"T-2_answered_exactly_at_due_is_met", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00")
			f.FirstResponseAt = at("2026-03-10 10:00")
			return f
		}, "2026-03-10 11:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 13:00", state: StateRunning}},
		{"T-2_answered_late_stays_breached", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00")
			f.FirstResponseAt = at("2026-03-10 10:30")
			return f
		}, "2026-03-10 11:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 13:00", state: StateBreached, respBreached: true}},
		{"T-2_reopen_resumes_the_resolution_clock", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00",
				change("2026-03-10 11:00", StatusResolved), change("2026-03-11 10:00", StatusOpen))
			f.FirstResponseAt = at("2026-03-10 09:30")
			return f
		}, "2026-03-11 10:30", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-11 12:00", state: StateRunning}},
		{"T-2_reopened_then_resolved_in_time_is_met", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00",
				change("2026-03-10 11:00", StatusResolved), change("2026-03-11 10:00", StatusOpen),
				change("2026-03-11 11:30", StatusResolved), change("2026-03-12 09:00", StatusClosed))
			f.FirstResponseAt = at("2026-03-10 09:30")
			return f
		}, "2026-03-20 10:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-11 12:00", state: StateMet, resolvedAt: "2026-03-11 11:30"}},
		{"T-2_resolved_without_comment_counts_as_response", func(t testing.TB) Facts {
			return facts(t, standard(), P1, "2026-03-10 09:00", change("2026-03-10 09:45", StatusResolved))
		}, "2026-03-10 12:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 13:00", state: StateMet, resolvedAt: "2026-03-10 09:45"}},
		{"T-2_pause_running_into_resolution_ends_there", func(t testing.TB) Facts {
			f := facts(t, standard(), P2, "2026-03-10 09:00",
				change("2026-03-10 10:00", StatusWaitingOnCustomer), change("2026-03-11 10:00", StatusResolved))
			f.FirstResponseAt = at("2026-03-10 09:50")
			return f
		}, "2026-03-12 10:00", want{responseDue: "2026-03-10 13:00", resolutionDue: "2026-03-12 16:00", state: StateMet, paused: 9 * 3600, resolvedAt: "2026-03-11 10:00"}},
		{"T-2_resolved_late_is_breached", func(t testing.TB) Facts {
			f := facts(t, standard(), P1, "2026-03-10 09:00", change("2026-03-10 14:00", StatusResolved))
			f.FirstResponseAt = at("2026-03-10 09:10")
			return f
		}, "2026-03-10 15:00", want{responseDue: "2026-03-10 10:00", resolutionDue: "2026-03-10 13:00", state: StateBreached, resBreached: true, resolvedAt: "2026-03-10 14:00"}},
		{"CAL-2_pause_over_dst_night_credits_business_hours_not_wall_clock", func(t testing.TB) Facts {
			f := facts(t, standard(), P3, "2026-03-27 09:00",
				change("2026-03-27 17:00", StatusWaitingOnCustomer), change("2026-03-30 09:00", StatusOpen))
			f.FirstResponseAt = at("2026-03-27 09:30")
			return f
		}, "2026-03-30 09:30", want{responseDue: "2026-03-27 17:00", resolutionDue: "2026-04-02 14:00", state: StateRunning, paused: 3600}},
		{"T-3_policy_change_to_cliendo_applies_from_start_keeping_pauses", func(t testing.TB) Facts {
			return facts(t, cliendo(), P2, "2026-03-10 09:00",
				change("2026-03-10 10:00", StatusWaitingOnCustomer), change("2026-03-11 09:00", StatusOpen))
		}, "2026-03-11 09:30", want{responseDue: "2026-03-18 16:00", resolutionDue: "2026-03-26 13:00", state: StateRunning, paused: 9 * 3600}},
		{"T-3_cliendo_48_business_hours_on_the_support_desk", func(t testing.TB) Facts {
			return facts(t, cliendo(), P2, "2026-03-12 18:00")
		}, "2026-03-12 18:01", want{responseDue: "2026-03-20 15:00", resolutionDue: "2026-03-30 15:00", state: StateRunning}},
		{"T-3_cliendo_received_friday_evening", func(t testing.TB) Facts {
			return facts(t, cliendo(), P2, "2026-03-13 16:30")
		}, "2026-03-13 16:31", want{responseDue: "2026-03-23 16:00", resolutionDue: "2026-03-31 13:00", state: StateRunning}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := tc.facts(t)
			got := Compute(f, at(tc.now))
			assertTime(t, "response_due_at", got.ResponseDueAt, tc.want.responseDue)
			assertTime(t, "resolution_due_at", got.ResolutionDueAt, tc.want.resolutionDue)
			assertTime(t, "resolved_at", got.ResolvedAt, tc.want.resolvedAt)
			if got.State != tc.want.state {
				t.Errorf("state = %s, want %s", got.State, tc.want.state)
			}
			if got.PausedSeconds != tc.want.paused {
				t.Errorf("paused_seconds = %d, want %d", got.PausedSeconds, tc.want.paused)
			}
			if got.ResponseBreached != tc.want.respBreached || got.ResolutionBreached != tc.want.resBreached {
				t.Errorf("breached = response %v resolution %v, want %v %v",
					got.ResponseBreached, got.ResolutionBreached, tc.want.respBreached, tc.want.resBreached)
			}
			// every due time is explained: business time from receipt = target + credit
			if b := f.Calendar.BusinessBetween(f.ReceivedAt, got.ResponseDueAt); b != got.Target.Response+got.ResponseCredit {
				t.Errorf("response: business time to due %v != target %v + credit %v", b, got.Target.Response, got.ResponseCredit)
			}
			if b := f.Calendar.BusinessBetween(f.ReceivedAt, got.ResolutionDueAt); b != got.Target.Resolution+got.ResolutionCredit {
				t.Errorf("resolution: business time to due %v != target %v + credit %v", b, got.Target.Resolution, got.ResolutionCredit)
			}
		})
	}
}

func assertTime(t *testing.T, field string, got time.Time, want string) {
	t.Helper()
	if want == "" {
		if !got.IsZero() {
			t.Errorf("%s = %s, want none", field, got.In(clock.Amsterdam).Format(stampLayout))
		}
		return
	}
	if !got.Equal(at(want)) {
		t.Errorf("%s = %s, want %s", field, got.In(clock.Amsterdam).Format(stampLayout), at(want).Format(stampLayout))
	}
}

func TestSLAExplanation(t *testing.T) {
	t.Parallel()
	t.Run("T-2_explanation_lists_start_targets_calendar_each_pause_and_dues", func(t *testing.T) {
		t.Parallel()
		f := facts(t, standard(), P3, "2026-04-24 09:00",
			change("2026-04-24 12:00", StatusWaitingOnCustomer), change("2026-04-28 10:00", StatusOpen))
		f.FirstResponseAt = at("2026-04-24 10:00")
		got := Compute(f, at("2026-04-28 11:00"))
		var kinds []string
		for _, s := range got.Explanation {
			kinds = append(kinds, s.Kind)
		}
		wantKinds := []string{StepStart, StepTargets, StepCalendar, StepPause, StepResponseDue, StepResponse, StepResolutionDue}
		if strings.Join(kinds, ",") != strings.Join(wantKinds, ",") {
			t.Fatalf("steps = %v, want %v", kinds, wantKinds)
		}
		pause := got.Explanation[3]
		if pause.BusinessSeconds != 25200 || !pause.At.Equal(at("2026-04-24 12:00")) || !pause.Until.Equal(at("2026-04-28 10:00")) {
			t.Errorf("pause step = %+v", pause)
		}
		for _, sub := range []string{"7 hours of business time", "Fri 24 Apr 2026 12:00 CEST", "Tue 28 Apr 2026 10:00 CEST"} {
			if !strings.Contains(pause.Text, sub) {
				t.Errorf("pause text %q lacks %q", pause.Text, sub)
			}
		}
		res := got.Explanation[6]
		if res.BusinessSeconds != (40*3600)+25200 || !strings.Contains(res.Text, "Mon 4 May 2026 11:00 CEST") || !strings.Contains(res.Text, "40 hours") {
			t.Errorf("resolution step = %+v", res)
		}
		// issue 13: the calendar by its name, not its id "nl-kantooruren"
		if !strings.Contains(got.Explanation[2].Text, "Kantooruren (ma-vr 08:30-17:30)") || strings.Contains(got.Explanation[2].Text, "nl-kantooruren") {
			t.Errorf("calendar step = %q", got.Explanation[2].Text)
		}
		if got.Explanation[4].BusinessSeconds != 8*3600 {
			t.Errorf("response due step credits pauses after the first response: %+v", got.Explanation[4])
		}
	})
	t.Run("T-2_explanation_names_the_resolved_period_of_a_reopen", func(t *testing.T) {
		t.Parallel()
		f := facts(t, standard(), P1, "2026-03-10 09:00",
			change("2026-03-10 11:00", StatusResolved), change("2026-03-11 10:00", StatusOpen))
		f.FirstResponseAt = at("2026-03-10 09:30")
		got := Compute(f, at("2026-03-11 10:30"))
		var found bool
		for _, s := range got.Explanation {
			if s.Kind == StepResolvedPeriod {
				found = true
				if s.BusinessSeconds != 8*3600 {
					t.Errorf("resolved period credits %d s, want %d", s.BusinessSeconds, 8*3600)
				}
			}
		}
		if !found {
			t.Fatal("no resolved_period step")
		}
	})
}
