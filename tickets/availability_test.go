package tickets

import (
	"errors"
	"strings"
	"testing"
	"time"

	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

func outage(kind OutageKind, from, to string) Outage {
	return Outage{Service: "mail", Kind: kind, StartedAt: at(from), EndedAt: at(to)}
}

func sec(d time.Duration) int64 { return int64(d / time.Second) }

func TestQuarterDowntime(t *testing.T) {
	t.Parallel()
	ams := clock.Amsterdam
	q1, q2 := Quarter{2026, 1}, Quarter{2026, 2}
	announced := func(o Outage, s string) Outage { o.AnnouncedAt = at(s); return o }
	tests := []struct {
		name    string
		q       Quarter
		outages []Outage
		wantAST int64
		wantDT  int64
		wantPct string
		wantMet bool
	}{
		{"T-5_q1_ast_is_every_second_one_hour_short_for_dst", q1, nil, 90*86400 - 3600, 0, "100", true},
		{"T-5_q4_ast_is_one_hour_long_for_dst", Quarter{2026, 4}, nil, 92*86400 + 3600, 0, "100", true},
		{"T-5_one_hour_unplanned_in_q2", q2, []Outage{outage(OutageUnplanned, "2026-05-12 10:00", "2026-05-12 11:00")},
			91 * 86400, 3600, "99.9542", true},
		{"T-5_downtime_exactly_at_the_limit_is_met", q2, []Outage{{Service: "mail", Kind: OutageUnplanned,
			StartedAt: at("2026-05-12 10:00"), EndedAt: at("2026-05-12 10:00").Add(3931 * time.Second)}},
			91 * 86400, 3931, "99.95", true},
		{"T-5_one_second_over_the_limit_is_below_target", q2, []Outage{{Service: "mail", Kind: OutageUnplanned,
			StartedAt: at("2026-05-12 10:00"), EndedAt: at("2026-05-12 10:00").Add(3932 * time.Second)}},
			91 * 86400, 3932, "99.9499", false},
		{"T-5_overlapping_outages_count_once", q2, []Outage{
			outage(OutageUnplanned, "2026-05-12 10:00", "2026-05-12 11:00"),
			outage(OutageUnplanned, "2026-05-12 10:30", "2026-05-12 11:30"),
			outage(OutageUnplanned, "2026-05-12 10:40", "2026-05-12 10:50"),
			outage(OutageUnplanned, "2026-05-12 11:30", "2026-05-12 11:40"),
			outage(OutageUnplanned, "2026-06-01 00:00", "2026-06-01 00:10"),
		}, 91 * 86400, 110 * 60, "99.916", false},
		{"T-5_planned_announced_a_week_ahead_is_not_downtime", q2, []Outage{
			announced(outage(OutagePlanned, "2026-05-12 22:00", "2026-05-13 02:00"), "2026-05-05 22:00")}, 91 * 86400, 0, "100", true},
		{"T-5_planned_announced_a_week_ahead_across_dst_is_not_downtime", q1, []Outage{
			announced(outage(OutagePlanned, "2026-03-30 22:00", "2026-03-30 23:00"), "2026-03-23 22:00")}, 90*86400 - 3600, 0, "100", true},
		{"T-5_planned_announced_six_days_ahead_is_downtime", q2, []Outage{
			announced(outage(OutagePlanned, "2026-05-12 22:00", "2026-05-12 23:00"), "2026-05-06 22:01")}, 91 * 86400, 3600, "99.9542", true},
		{"T-5_planned_never_announced_is_downtime", q2, []Outage{
			outage(OutagePlanned, "2026-05-12 22:00", "2026-05-12 23:00")}, 91 * 86400, 3600, "99.9542", true},
		{"T-5_customer_caused_is_not_downtime", q2, []Outage{
			outage(OutageCustomerCaused, "2026-05-12 08:00", "2026-05-13 08:00")}, 91 * 86400, 0, "100", true},
		{"T-5_outage_across_quarter_end_is_split", q1, []Outage{
			outage(OutageUnplanned, "2026-03-31 23:00", "2026-04-01 01:00")}, 90*86400 - 3600, 3600, "99.9536", true},
		{"T-5_outage_across_quarter_start_is_split", q2, []Outage{
			outage(OutageUnplanned, "2026-03-31 23:00", "2026-04-01 01:00")}, 91 * 86400, 3600, "99.9542", true},
		{"T-5_outage_outside_the_quarter_is_ignored", q2, []Outage{
			outage(OutageUnplanned, "2026-02-01 10:00", "2026-02-02 10:00")}, 91 * 86400, 0, "100", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := QuarterDowntime(tc.q, tc.outages, ams, at("2027-01-01 00:00"))
			if got.AgreedSeconds != tc.wantAST || got.DowntimeSeconds != tc.wantDT {
				t.Errorf("AST, DT = %d, %d; want %d, %d", got.AgreedSeconds, got.DowntimeSeconds, tc.wantAST, tc.wantDT)
			}
			if got.Percent.String() != tc.wantPct {
				t.Errorf("percent = %s, want %s", got.Percent, tc.wantPct)
			}
			if got.Met != tc.wantMet {
				t.Errorf("met = %v, want %v", got.Met, tc.wantMet)
			}
			if got.Provisional {
				t.Error("a past quarter is not provisional")
			}
		})
	}
	t.Run("T-5_running_quarter_is_provisional", func(t *testing.T) {
		if !QuarterDowntime(q2, nil, ams, at("2026-05-01 12:00")).Provisional {
			t.Error("Q2 seen on 1 May should be provisional")
		}
	})
}

func TestAvailabilityTerminationRight(t *testing.T) {
	t.Parallel()
	bad := func(day string) Outage { // 2 hours: below 99.95% in any quarter
		return outage(OutageUnplanned, day+" 10:00", day+" 12:00")
	}
	tests := []struct {
		name        string
		outages     []Outage
		wantBelow   int
		wantRight   bool
		wantCurrent bool
	}{
		{"T-5_no_outages_no_right", nil, 0, false, true},
		{"T-5_one_quarter_below_no_right", []Outage{bad("2026-02-10")}, 1, false, false},
		{"T-5_two_consecutive_quarters_below_give_the_right", []Outage{bad("2025-11-10"), bad("2026-02-10")}, 2, true, false},
		{"T-5_three_in_a_row_are_counted", []Outage{bad("2025-08-10"), bad("2025-11-10"), bad("2026-02-10")}, 3, true, false},
		{"T-5_a_met_quarter_breaks_the_streak", []Outage{bad("2025-08-10"), bad("2026-02-10")}, 1, false, false},
		{"T-5_below_earlier_but_met_now_no_right", []Outage{bad("2025-08-10"), bad("2025-11-10")}, 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Availability(Quarter{2026, 1}, tc.outages, clock.Amsterdam, at("2026-06-01 00:00"))
			if got.ConsecutiveQuartersBelow != tc.wantBelow || got.TerminationRight != tc.wantRight || got.Met != tc.wantCurrent {
				t.Errorf("below %d right %v met %v; want %d %v %v", got.ConsecutiveQuartersBelow, got.TerminationRight, got.Met,
					tc.wantBelow, tc.wantRight, tc.wantCurrent)
			}
			if got.Target.String() != "99.95" {
				t.Errorf("target = %s", got.Target)
			}
		})
	}
}

func TestQuarter(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Quarter{"2026-Q1": {2026, 1}, "2025-Q4": {2025, 4}, " 2026-Q3 ": {2026, 3}} {
		got, err := ParseQuarter(in)
		if err != nil || got != want {
			t.Errorf("ParseQuarter(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2026-Q5", "2026-Q0", "2026Q1", "Q1-2026", "", "2026-q1"} {
		if _, err := ParseQuarter(in); err == nil {
			t.Errorf("ParseQuarter(%q) accepted", in)
		}
	}
	if (Quarter{2026, 1}).Prev() != (Quarter{2025, 4}) || (Quarter{2025, 4}).Next() != (Quarter{2026, 1}) {
		t.Error("Prev/Next do not wrap the year")
	}
	if q := QuarterOf(at("2026-04-01 00:30"), clock.Amsterdam); q != (Quarter{2026, 2}) {
		t.Errorf("QuarterOf(1 Apr 00:30 local) = %v (UTC would say Q1)", q)
	}
}

func TestOutageValidate(t *testing.T) {
	t.Parallel()
	now := at("2026-05-20 12:00")
	t.Run("T-5_valid_unplanned", func(t *testing.T) {
		if err := outage(OutageUnplanned, "2026-05-12 10:00", "2026-05-12 11:00").Validate(now); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("T-5_planned_work_may_be_entered_ahead", func(t *testing.T) {
		o := outage(OutagePlanned, "2026-06-12 22:00", "2026-06-12 23:00")
		o.AnnouncedAt = at("2026-05-20 09:00")
		if err := o.Validate(now); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("T-5_every_problem_at_once", func(t *testing.T) {
		o := Outage{Service: "Mail Server", Kind: "scheduled", StartedAt: at("2026-05-25 10:00"), EndedAt: at("2026-05-25 09:00"),
			AnnouncedAt: at("2026-05-26 10:00")}
		var v *problem.Error
		if err := o.Validate(now); !errors.As(err, &v) {
			t.Fatalf("err = %v", err)
		}
		fields := map[string]string{}
		for _, f := range v.Fields {
			fields[f.Field] += f.Message + ";"
		}
		for field, msg := range map[string]string{"service": "slug", "kind": "one of", "ended_at": "after started_at",
			"started_at": "future", "announced_at": "before started_at"} {
			if !strings.Contains(fields[field], msg) {
				t.Errorf("%s: %q lacks %q", field, fields[field], msg)
			}
		}
		if !strings.Contains(fields["announced_at"], "not be in the future") {
			t.Errorf("announced_at in the future not reported: %q", fields["announced_at"])
		}
	})
	t.Run("T-5_missing_times", func(t *testing.T) {
		var v *problem.Error
		if err := (Outage{Service: "mail", Kind: OutageUnplanned}).Validate(now); !errors.As(err, &v) || len(v.Fields) != 2 {
			t.Fatalf("err = %v", err)
		}
	})
}
