package secondment

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

func TestCheckEntrySpan(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	now := ams(2026, 4, 10, 12, 0)
	open := Period{Start: date("2026-01-01")}
	fixed := Period{Start: date("2026-01-01"), End: date("2026-03-05")}
	tests := []struct {
		name       string
		start, end time.Time
		period     Period
		want       []string // fields in error; nil = valid
	}{
		{"SEC-3_valid_entry", ams(2026, 3, 6, 22, 0), ams(2026, 3, 7, 2, 0), open, nil},
		{"SEC-3_end_before_start", ams(2026, 3, 6, 22, 0), ams(2026, 3, 6, 21, 0), open, []string{"ended_at"}},
		{"SEC-3_end_equals_start", ams(2026, 3, 6, 22, 0), ams(2026, 3, 6, 22, 0), open, []string{"ended_at"}},
		{"SEC-3_exactly_24_hours_allowed", ams(2026, 3, 5, 8, 0), ams(2026, 3, 6, 8, 0), open, nil},
		{"SEC-3_longer_than_24_hours", ams(2026, 3, 5, 8, 0), ams(2026, 3, 6, 8, 1), open, []string{"ended_at"}},
		{"SEC-3_24h30_wall_clock_is_23h30_real_over_spring_dst", ams(2026, 3, 28, 12, 0), ams(2026, 3, 29, 12, 30), open, nil},
		{"SEC-3_ends_in_the_future", ams(2026, 4, 10, 11, 0), ams(2026, 4, 10, 12, 1), open, []string{"ended_at"}},
		{"SEC-3_ends_exactly_now", ams(2026, 4, 10, 11, 0), now, open, nil},
		{"SEC-3_before_placement_start", ams(2025, 12, 31, 23, 0), ams(2026, 1, 1, 1, 0), open, []string{"started_at"}},
		{"SEC-3_starts_at_placement_start", ams(2026, 1, 1, 0, 0), ams(2026, 1, 1, 1, 0), open, nil},
		{"SEC-3_after_placement_end", ams(2026, 3, 5, 23, 0), ams(2026, 3, 6, 0, 1), fixed, []string{"started_at"}},
		{"SEC-3_ends_at_midnight_after_last_day", ams(2026, 3, 5, 23, 0), ams(2026, 3, 6, 0, 0), fixed, nil},
		{"SEC-3_seconds_refused", ams(2026, 3, 5, 23, 0).Add(time.Second), ams(2026, 3, 6, 0, 0), open, []string{"started_at"}},
		{"SEC-3_missing_times", time.Time{}, time.Time{}, open, []string{"started_at", "ended_at"}},
		{"SEC-3_every_problem_at_once", ams(2026, 4, 11, 12, 0), ams(2026, 4, 12, 13, 0), fixed, []string{"ended_at", "started_at"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := fieldsOf(t, CheckEntrySpan(tc.start, tc.end, now, tc.period, loc))
			if len(got) != len(tc.want) {
				t.Fatalf("fields = %v, want %v", got, tc.want)
			}
			for _, f := range tc.want {
				if _, ok := got[f]; !ok {
					t.Fatalf("fields = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestCheckEntrySpanReportsAllProblems(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	err := CheckEntrySpan(ams(2026, 3, 11, 12, 0), ams(2026, 3, 12, 13, 0), ams(2026, 3, 10, 12, 0),
		Period{Start: date("2026-01-01"), End: date("2026-03-05")}, loc)
	var v *problem.Error
	if !errors.As(err, &v) || len(v.Fields) != 3 {
		t.Fatalf("want 3 field errors (too long, future, outside period), got %v", err)
	}
}

func TestEndByNotice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		deemed string
		months int
		want   string
	}{
		{"SEC-2_15_march_ends_31_may", "2026-03-15", 2, "2026-05-31"},
		{"SEC-2_first_of_month_still_two_full_months", "2026-03-01", 2, "2026-05-31"},
		{"SEC-2_last_of_month", "2026-03-31", 2, "2026-05-31"},
		{"SEC-2_over_year_end_into_february", "2026-12-01", 2, "2027-02-28"},
		{"SEC-2_leap_february", "2027-12-20", 2, "2028-02-29"},
		{"SEC-2_january_ends_march", "2026-01-31", 2, "2026-03-31"},
		{"SEC-2_contract_says_one_month", "2026-03-15", 1, "2026-04-30"},
		{"SEC-2_contract_says_three_months", "2026-11-15", 3, "2027-02-28"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := EndByNotice(date(tc.deemed), tc.months); got != date(tc.want) {
				t.Fatalf("EndByNotice(%s, %d) = %s, want %s", tc.deemed, tc.months, got, tc.want)
			}
		})
	}
}

// TestNoticeWithDeemedDelivery combines CAL-3 (the calendar's deemed delivery) with SEC-2.
func TestNoticeWithDeemedDelivery(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	tests := []struct {
		name    string
		arrived time.Time
		want    string
	}{
		{"SEC-2_CAL-3_working_day_before_16", ams(2026, 3, 13, 15, 59), "2026-05-31"},
		{"SEC-2_CAL-3_after_16_on_last_working_day_moves_a_month", ams(2026, 3, 31, 16, 30), "2026-06-30"},
		{"SEC-2_CAL-3_saturday_31_january_counts_on_monday", ams(2026, 1, 31, 10, 0), "2026-04-30"},
		{"SEC-2_CAL-3_new_years_eve_evening_counts_in_january", ams(2026, 12, 31, 18, 0), "2027-03-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			end, err := NoticeEnd(Period{Start: date("2025-06-01")}, cal.NoticeDeemedDelivered(tc.arrived), DefaultNoticeMonths)
			if err != nil || end != date(tc.want) {
				t.Fatalf("end = %s (%v), want %s", end, err, tc.want)
			}
		})
	}
}

func TestNoticeEnd(t *testing.T) {
	t.Parallel()
	if _, err := NoticeEnd(Period{Start: date("2026-01-01"), End: date("2026-12-31")}, date("2026-03-02"), 2); !errors.Is(err, ErrNotIndefinite) {
		t.Fatalf("SEC-2 fixed term: err = %v, want ErrNotIndefinite", err)
	}
	if _, err := NoticeEnd(Period{Start: date("2026-09-01")}, date("2026-03-02"), 2); !errors.Is(err, ErrNoticeBeforeStart) {
		t.Fatalf("SEC-2 notice before start: err = %v, want ErrNoticeBeforeStart", err)
	}
	if end, err := NoticeEnd(Period{Start: date("2026-05-31")}, date("2026-03-02"), 2); err != nil || end != date("2026-05-31") {
		t.Fatalf("SEC-2 ends on its first day: %s %v", end, err)
	}
}

func TestCheckReplacement(t *testing.T) {
	t.Parallel()
	const current = 7
	tests := []struct {
		name string
		req  ReplacementRequest
		want []string
	}{
		{"SEC-1_customer_quality", ReplacementRequest{TechnicianID: 8, Reason: ReasonQuality, RequestedBy: RequestedByCustomer}, nil},
		{"SEC-1_customer_long_term_absence", ReplacementRequest{TechnicianID: 8, Reason: ReasonLongTermAbsence, RequestedBy: RequestedByCustomer}, nil},
		{"SEC-1_customer_other_reason_refused", ReplacementRequest{TechnicianID: 8, Reason: ReasonOther, RequestedBy: RequestedByCustomer}, []string{"reason"}},
		{"SEC-1_provider_any_reason_after_consultation", ReplacementRequest{TechnicianID: 8, Reason: ReasonOther, RequestedBy: RequestedByProvider,
			ConsultedOn: date("2026-03-01"), ConsultationNote: "call with J. de Vries"}, nil},
		{"SEC-1_provider_without_consultation", ReplacementRequest{TechnicianID: 8, Reason: ReasonOther, RequestedBy: RequestedByProvider, ConsultationNote: "  "},
			[]string{"consulted_on", "consultation_note"}},
		{"SEC-1_same_technician", ReplacementRequest{TechnicianID: current, Reason: ReasonQuality, RequestedBy: RequestedByCustomer}, []string{"technician_id"}},
		{"SEC-1_unknown_everything", ReplacementRequest{Reason: "boredom", RequestedBy: "neighbour"}, []string{"technician_id", "reason", "requested_by"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := fieldsOf(t, CheckReplacement(tc.req, current))
			if len(got) != len(tc.want) {
				t.Fatalf("fields = %v, want %v", got, tc.want)
			}
			for _, f := range tc.want {
				if _, ok := got[f]; !ok {
					t.Fatalf("fields = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestExpenseAmount(t *testing.T) {
	t.Parallel()
	ptr := func(s string) *decimal.Decimal { d := dec(s); return &d }
	period := Period{Start: date("2026-01-01"), End: date("2026-06-30")}
	today := date("2026-03-10")
	tests := []struct {
		name   string
		in     ExpenseInput
		kmRate string
		want   string
		fields []string
	}{
		{"SEC-4_travel_by_km", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseTravel, KM: ptr("123.5"), Description: "Utrecht–Zwolle"}, "0.23", "28.41", nil},
		{"SEC-4_km_half_cent_rounds_up", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseTravel, KM: ptr("0.5"), Description: "x"}, "0.21", "0.11", nil},
		{"SEC-4_lodging_amount", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseLodging, Amount: ptr("89.95"), Description: "hotel"}, "0", "89.95", nil},
		{"SEC-4_km_without_km_rate", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseTravel, KM: ptr("10"), Description: "x"}, "0", "", []string{"km"}},
		{"SEC-4_km_and_amount", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseTravel, KM: ptr("10"), Amount: ptr("5"), Description: "x"}, "0.23", "", []string{"amount"}},
		{"SEC-4_km_on_lodging", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseLodging, KM: ptr("10"), Description: "x"}, "0.23", "", []string{"km"}},
		{"SEC-4_amount_three_decimals", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseOther, Amount: ptr("1.005"), Description: "x"}, "0", "", []string{"amount"}},
		{"SEC-4_amount_negative", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseOther, Amount: ptr("-1"), Description: "x"}, "0", "", []string{"amount"}},
		{"SEC-4_amount_zero", ExpenseInput{Date: date("2026-03-02"), Kind: ExpenseOther, Amount: ptr("0"), Description: "x"}, "0", "", []string{"amount"}},
		{"SEC-4_future_date", ExpenseInput{Date: date("2026-03-11"), Kind: ExpenseOther, Amount: ptr("1"), Description: "x"}, "0", "", []string{"date"}},
		{"SEC-4_outside_period", ExpenseInput{Date: date("2025-12-31"), Kind: ExpenseOther, Amount: ptr("1"), Description: "x"}, "0", "", []string{"date"}},
		{"SEC-4_everything_missing", ExpenseInput{Kind: "food"}, "0", "", []string{"date", "kind", "description", "amount"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ExpenseAmount(tc.in, dec(tc.kmRate), period, today)
			fields := fieldsOf(t, err)
			if len(fields) != len(tc.fields) {
				t.Fatalf("fields = %v, want %v", fields, tc.fields)
			}
			for _, f := range tc.fields {
				if _, ok := fields[f]; !ok {
					t.Fatalf("fields = %v, want %v", fields, tc.fields)
				}
			}
			if tc.fields == nil && got.StringFixed(2) != tc.want {
				t.Fatalf("amount = %s, want %s", got.StringFixed(2), tc.want)
			}
		})
	}
}

func TestMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{{"95.00", true}, {"95", true}, {"0", true}, {"95.5", true}, {"95.505", false}, {"-1", false}, {"abc", false}, {"", false}, {"95.500", true}}
	for _, tc := range tests {
		t.Run("SEC-3_rate_"+tc.in, func(t *testing.T) {
			t.Parallel()
			if _, err := Money(tc.in); (err == nil) != tc.ok {
				t.Fatalf("Money(%q) err = %v, want ok=%v", tc.in, err, tc.ok)
			}
		})
	}
}

func TestCheckModifiable(t *testing.T) {
	t.Parallel()
	for _, s := range []EntryStatus{StatusApproved, StatusRejected, StatusWithdrawn} {
		if err := CheckModifiable(s); !errors.Is(err, ErrEntryLocked) {
			t.Errorf("SEC-4 %s entry: err = %v, want ErrEntryLocked", s, err)
		}
		if err := CheckDecision(s); !errors.Is(err, ErrEntryLocked) {
			t.Errorf("SEC-4 decide %s entry: err = %v, want ErrEntryLocked", s, err)
		}
	}
	if CheckModifiable(StatusSubmitted) != nil || CheckDecision(StatusSubmitted) != nil {
		t.Error("a submitted entry may be edited and decided")
	}
}

func TestPeriodContainsEntry(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	p := Period{Start: civil.D(2026, 3, 29), End: civil.D(2026, 3, 29)}
	// The DST Sunday: the period's single day runs 23 real hours.
	if !p.ContainsEntry(ams(2026, 3, 29, 0, 0), ams(2026, 3, 30, 0, 0), loc) {
		t.Error("SEC-3 the whole DST day is inside a one-day period")
	}
	if p.ContainsEntry(ams(2026, 3, 29, 0, 0), ams(2026, 3, 30, 0, 1), loc) {
		t.Error("SEC-3 a minute past the last day is outside")
	}
}
