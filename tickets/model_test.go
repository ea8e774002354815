package tickets

import (
	"errors"
	"strings"
	"testing"
	"time"

	"backoffice/internal/problem"
)

func TestStatusTransitions(t *testing.T) {
	t.Parallel()
	allowed := map[[2]Status]bool{
		{StatusNew, StatusOpen}: true, {StatusNew, StatusWaitingOnCustomer}: true, {StatusNew, StatusResolved}: true,
		{StatusOpen, StatusWaitingOnCustomer}: true, {StatusOpen, StatusResolved}: true,
		{StatusWaitingOnCustomer, StatusOpen}: true, {StatusWaitingOnCustomer, StatusResolved}: true,
		{StatusResolved, StatusOpen}: true, {StatusResolved, StatusClosed}: true,
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			name := "T-4_" + string(from) + "_to_" + string(to)
			t.Run(name, func(t *testing.T) {
				if got := CanTransition(from, to); got != allowed[[2]Status{from, to}] {
					t.Errorf("CanTransition(%s, %s) = %v", from, to, got)
				}
			})
		}
	}
	t.Run("T-4_closed_is_final", func(t *testing.T) {
		if n := NextStatuses(StatusClosed); len(n) != 0 {
			t.Errorf("closed may move to %v", n)
		}
	})
}

func TestEnums(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		ok   bool
	}{
		{"P1", Priority("P1").Valid()}, {"P4", Priority("P4").Valid()},
		{"!P5", !Priority("P5").Valid()}, {"!p1", !Priority("p1").Valid()},
		{"data_breach", DataBreach.Valid()}, {"!bug", !Category("bug").Valid()},
		{"workaround", ResolutionWorkaround.Valid()}, {"!wontfix", !Resolution("wontfix").Valid()},
		{"T-4_not_covered_is_billable", ResolutionNotCovered.Billable()},
		{"T-4_fix_is_not_billable", !ResolutionFix.Billable() && !ResolutionWorkaround.Billable()},
		{"T-6_data_breach_defaults_to_P1", DataBreach.DefaultPriority() == P1},
		{"T-1_incident_defaults_to_P3", Incident.DefaultPriority() == P3},
		{"!status_reopened", !Status("reopened").Valid()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Fail()
			}
		})
	}
}

func TestParseBusinessDuration(t *testing.T) {
	t.Parallel()
	ok := []struct {
		in   string
		want time.Duration
	}{
		{"PT1H", time.Hour}, {"PT16H", 16 * time.Hour}, {"PT48H", 48 * time.Hour},
		{"PT1H30M", 90 * time.Minute}, {"PT90M", 90 * time.Minute}, {"PT45S", 45 * time.Second},
		{"PT2H0M5S", 2*time.Hour + 5*time.Second}, {"PT0H", 0},
	}
	for _, c := range ok {
		t.Run("T-2_"+c.in, func(t *testing.T) {
			got, err := ParseBusinessDuration(c.in)
			if err != nil || got != c.want {
				t.Fatalf("ParseBusinessDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
	bad := []struct{ in, msg string }{
		{"", "required"}, {"P2D", "not days"}, {"P1DT2H", "not days"}, {"1H", "ISO-8601"},
		{"PT", "no hours"}, {"PT1.5H", "whole number"}, {"PT-1H", "whole number"}, {"PT+1H", "whole number"},
		{"PT30M1H", "order"}, {"PT1H1H", "order"}, {"PTH", "ISO-8601"}, {"PT1X", "ISO-8601"},
		{"PT9000H", "longer than a year"}, {"PT99999999999999999H", "longer than a year"}, {"PT99999999999999999999H", "whole number"},
	}
	for _, c := range bad {
		t.Run("rejects_"+c.in, func(t *testing.T) {
			_, err := ParseBusinessDuration(c.in)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("ParseBusinessDuration(%q) err = %v, want mention of %q", c.in, err, c.msg)
			}
		})
	}
}

func TestFormatBusinessDuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		time.Hour: "PT1H", 16 * time.Hour: "PT16H", 90 * time.Minute: "PT1H30M", 0: "PT0S",
		time.Hour + 5*time.Second: "PT1H5S", -time.Hour: "-PT1H", 48 * time.Hour: "PT48H",
	} {
		if got := FormatBusinessDuration(d); got != want {
			t.Errorf("FormatBusinessDuration(%v) = %q, want %q", d, got, want)
		}
		if d >= 0 {
			back, err := ParseBusinessDuration(want)
			if err != nil || back != d {
				t.Errorf("round trip %q = %v, %v", want, back, err)
			}
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	t.Parallel()
	t.Run("T-2_standard_policy_is_valid", func(t *testing.T) {
		if err := standard().Validate(); err != nil {
			t.Fatal(err)
		}
		if err := cliendo().Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("T-2_no_pause_statuses_is_valid", func(t *testing.T) {
		p := standard()
		p.PauseStatuses = nil
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("T-2_every_problem_at_once", func(t *testing.T) {
		p := Policy{Name: " ", Targets: []Target{
			{P1, time.Hour, 4 * time.Hour},
			{P1, time.Hour, 4 * time.Hour},
			{"P9", 0, -time.Hour},
			{P2, 8 * time.Hour, 4 * time.Hour},
		}, PauseStatuses: []Status{StatusOpen}}
		err := p.Validate()
		var v *problem.Error
		if !errors.As(err, &v) {
			t.Fatalf("err = %v, want *ValidationError", err)
		}
		want := map[string]string{
			"name": "required", "calendar_id": "required", "targets[1].priority": "twice",
			"targets[2].priority": "P1, P2", "targets[2].response": "positive", "targets[2].resolution": "positive",
			"targets[3].resolution": "shorter", "targets": "P3", "pause_statuses[0]": "waiting_on_customer",
		}
		got := map[string]string{}
		for _, f := range v.Fields {
			got[f.Field] += f.Message + ";"
		}
		for field, msg := range want {
			if !strings.Contains(got[field], msg) {
				t.Errorf("field %s: got %q, want mention of %q", field, got[field], msg)
			}
		}
		if !strings.Contains(got["targets"], "P4") {
			t.Errorf("missing P4 target not reported: %q", got["targets"])
		}
	})
}

func TestControllerNoticeDue(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, discovered, want string }{
		{"T-6_72_wall_clock_hours_over_a_weekend", "2026-03-13 16:00", "2026-03-16 16:00"},
		{"T-6_over_koningsdag_holidays_count", "2026-04-25 10:00", "2026-04-28 10:00"},
		{"T-6_dst_spring_forward_is_72_real_hours", "2026-03-27 10:00", "2026-03-30 11:00"},
		{"T-6_dst_fall_back_is_72_real_hours", "2026-10-23 10:00", "2026-10-26 09:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ControllerNoticeDue(at(c.discovered))
			if !got.Equal(at(c.want)) {
				t.Errorf("due = %s, want %s", got.In(at(c.want).Location()), c.want)
			}
			if got.Sub(at(c.discovered)) != 72*time.Hour {
				t.Errorf("not 72 real hours")
			}
		})
	}
}
