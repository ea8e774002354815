package orders

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

func profileTerms(t *testing.T, code string) ContractTerms {
	t.Helper()
	p, ok := LookupTermsProfile(code)
	if !ok {
		t.Fatalf("no profile %s", code)
	}
	return p.Terms
}

func TestTermEndAndNoticeDeadline(t *testing.T) {
	t.Parallel()
	months := func(n int) *int { return &n }
	tests := []struct {
		name     string
		profile  string
		override TermsOverride
		start    civil.Date
		k        int
		end      civil.Date
		deadline civil.Date
	}{
		{"Q-8_default_4_years_2_months", DefaultTermsProfile, TermsOverride{}, civil.D(2026, 1, 1), 0, civil.D(2029, 12, 31), civil.D(2029, 10, 31)},
		{"Q-8_default_first_renewal_1_year", DefaultTermsProfile, TermsOverride{}, civil.D(2026, 1, 1), 1, civil.D(2030, 12, 31), civil.D(2030, 10, 31)},
		{"Q-8_default_mid_month_start", DefaultTermsProfile, TermsOverride{}, civil.D(2026, 3, 15), 0, civil.D(2030, 3, 14), civil.D(2030, 1, 14)},
		{"Q-8_variant_3_months_registered_letter", "1y-1y-3m-registered", TermsOverride{}, civil.D(2026, 3, 15), 0, civil.D(2027, 3, 14), civil.D(2026, 12, 14)},
		{"Q-8_variant_renews_by_initial_term", "1y-1y-3m-registered", TermsOverride{InitialTermMonths: months(24)}, civil.D(2026, 1, 1), 1, civil.D(2029, 12, 31), civil.D(2029, 9, 30)},
		{"Q-8_variant_80_days", "1y-1y-80d", TermsOverride{}, civil.D(2026, 1, 1), 0, civil.D(2026, 12, 31), civil.D(2026, 10, 12)},
		{"Q-8_variant_1_calendar_month", "1y-1y-1m", TermsOverride{}, civil.D(2026, 2, 1), 0, civil.D(2027, 1, 31), civil.D(2026, 12, 31)},
		{"Q-8_override_per_quote", DefaultTermsProfile, TermsOverride{InitialTermMonths: months(36), NoticeMonths: months(3)}, civil.D(2026, 1, 1), 0, civil.D(2028, 12, 31), civil.D(2028, 9, 30)},
		{"Q-8_term_from_31_january_ends_with_february", DefaultTermsProfile, TermsOverride{InitialTermMonths: months(1), RenewalTermMonths: months(1), NoticeDays: months(10)}, civil.D(2026, 1, 31), 0, civil.D(2026, 2, 28), civil.D(2026, 2, 18)},
		{"Q-8_term_from_leap_day", "1y-1y-1m", TermsOverride{}, civil.D(2028, 2, 29), 0, civil.D(2029, 2, 28), civil.D(2029, 1, 31)},
		{"Q-8_term_ending_on_leap_day", "1y-1y-1m", TermsOverride{}, civil.D(2027, 3, 1), 0, civil.D(2028, 2, 29), civil.D(2028, 1, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			terms := profileTerms(t, tt.profile).ApplyOverride(tt.override)
			end := terms.TermEnd(tt.start, tt.k)
			if end != tt.end {
				t.Fatalf("term %d ends %s, want %s", tt.k, end, tt.end)
			}
			if d := terms.NoticeDeadline(end); d != tt.deadline {
				t.Fatalf("notice deadline %s, want %s", d, tt.deadline)
			}
		})
	}
}

func TestRunningTermMatchesStepping(t *testing.T) {
	t.Parallel()
	for _, terms := range []ContractTerms{
		{InitialTermMonths: 48, RenewalTermMonths: 12}, {InitialTermMonths: 12, RenewalTermMonths: 12},
		{InitialTermMonths: 1, RenewalTermMonths: 1}, {InitialTermMonths: 7, RenewalTermMonths: 5},
	} {
		for _, start := range []civil.Date{civil.D(2026, 1, 1), civil.D(2026, 1, 31), civil.D(2028, 2, 29), civil.D(2025, 8, 30)} {
			for day := start.AddDays(-40); day.Before(start.AddDays(4000)); day = day.AddDays(1) {
				want := 0
				for terms.TermEnd(start, want).Before(day) {
					want++
				}
				k, end := terms.RunningTerm(start, day)
				if k != want || end != terms.TermEnd(start, want) {
					t.Fatalf("Q-8 %+v start %s day %s: term %d (%s), want %d", terms, start, day, k, end, want)
				}
			}
		}
	}
}

func TestTerminate(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	tests := []struct {
		name     string
		profile  string
		start    civil.Date
		received time.Time
		deemed   civil.Date
		onTime   bool
		end      civil.Date
	}{
		{"Q-8_notice_on_deadline_before_16h_ends_running_term", DefaultTermsProfile, civil.D(2026, 1, 1), ams(2029, 10, 31, 15, 59), civil.D(2029, 10, 31), true, civil.D(2029, 12, 31)},
		{"CAL-3_notice_on_deadline_after_16h_counts_next_working_day", DefaultTermsProfile, civil.D(2026, 1, 1), ams(2029, 10, 31, 16, 0), civil.D(2029, 11, 1), false, civil.D(2030, 12, 31)},
		{"Q-8_early_notice_in_first_year_ends_initial_term", DefaultTermsProfile, civil.D(2026, 1, 1), ams(2026, 6, 1, 10, 0), civil.D(2026, 6, 1), true, civil.D(2029, 12, 31)},
		{"Q-8_notice_during_renewal", DefaultTermsProfile, civil.D(2026, 1, 1), ams(2031, 3, 2, 10, 0), civil.D(2031, 3, 3), true, civil.D(2031, 12, 31)},
		{"Q-8_notice_before_start_date", DefaultTermsProfile, civil.D(2026, 9, 1), ams(2026, 8, 3, 9, 0), civil.D(2026, 8, 3), true, civil.D(2030, 8, 31)},
		// Deadline Sunday 31 October 2027: a notice on Friday 29 October before 16:00 is in
		// time; after 16:00 it counts on Monday 1 November, which is too late.
		{"CAL-3_friday_before_weekend_deadline_in_time", DefaultTermsProfile, civil.D(2024, 1, 1), ams(2027, 10, 29, 15, 0), civil.D(2027, 10, 29), true, civil.D(2027, 12, 31)},
		{"CAL-3_friday_evening_before_weekend_deadline_late", DefaultTermsProfile, civil.D(2024, 1, 1), ams(2027, 10, 29, 17, 0), civil.D(2027, 11, 1), false, civil.D(2028, 12, 31)},
		{"CAL-3_sunday_on_the_deadline_late", DefaultTermsProfile, civil.D(2024, 1, 1), ams(2027, 10, 31, 10, 0), civil.D(2027, 11, 1), false, civil.D(2028, 12, 31)},
		{"Q-8_variant_80_days_in_time", "1y-1y-80d", civil.D(2026, 1, 1), ams(2026, 10, 12, 11, 0), civil.D(2026, 10, 12), true, civil.D(2026, 12, 31)},
		{"Q-8_variant_80_days_late", "1y-1y-80d", civil.D(2026, 1, 1), ams(2026, 10, 13, 11, 0), civil.D(2026, 10, 13), false, civil.D(2027, 12, 31)},
		{"Q-8_variant_1_month_last_day", "1y-1y-1m", civil.D(2026, 2, 1), ams(2026, 12, 31, 9, 0), civil.D(2026, 12, 31), true, civil.D(2027, 1, 31)},
		{"Q-8_variant_3_months_late", "1y-1y-3m-registered", civil.D(2026, 3, 15), ams(2026, 12, 15, 9, 0), civil.D(2026, 12, 15), false, civil.D(2028, 3, 14)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &Contract{ID: 1, Number: "C2026-0001", StartDate: tt.start, Terms: profileTerms(t, tt.profile)}
			now := ams(2032, 1, 1, 0, 0)
			tm, err := c.Terminate(tt.received, cal, now)
			if err != nil {
				t.Fatal(err)
			}
			if tm.DeemedDelivered != tt.deemed || tm.OnTime != tt.onTime || tm.EndDate != tt.end {
				t.Fatalf("deemed %s on time %v end %s, want %s %v %s (%s)", tm.DeemedDelivered, tm.OnTime, tm.EndDate, tt.deemed, tt.onTime, tt.end, tm.Reason)
			}
			for _, must := range []string{"CAL-3", "Q-9", tt.end.String(), tm.NoticeDeadline.String()} {
				if !strings.Contains(tm.Reason, must) {
					t.Errorf("reason %q does not mention %s", tm.Reason, must)
				}
			}
			_, err = c.Terminate(tt.received, cal, now)
			wantRule(t, err, ErrContractAlreadyNotified)
		})
	}
}

func TestContractTermsOnAndStatus(t *testing.T) {
	t.Parallel()
	c := &Contract{StartDate: civil.D(2026, 1, 1), Terms: profileTerms(t, DefaultTermsProfile)}
	for _, tt := range []struct {
		name     string
		today    civil.Date
		end      civil.Date
		deadline civil.Date
	}{
		{"Q-8_before_the_deadline_shows_running_term", civil.D(2029, 10, 31), civil.D(2029, 12, 31), civil.D(2029, 10, 31)},
		{"Q-8_after_the_deadline_shows_next_term", civil.D(2029, 11, 1), civil.D(2030, 12, 31), civil.D(2030, 10, 31)},
		{"Q-8_in_renewal", civil.D(2031, 1, 1), civil.D(2031, 12, 31), civil.D(2031, 10, 31)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := c.TermsOn(tt.today)
			if v.CurrentTermEnd != tt.end || v.NoticeDeadline != tt.deadline {
				t.Fatalf("term end %s deadline %s, want %s %s", v.CurrentTermEnd, v.NoticeDeadline, tt.end, tt.deadline)
			}
		})
	}
	t.Run("Q-8_status_follows_the_end_date", func(t *testing.T) {
		c := &Contract{StartDate: civil.D(2026, 1, 1), Terms: profileTerms(t, DefaultTermsProfile)}
		if s := c.Status(civil.D(2027, 1, 1)); s != ContractActive {
			t.Fatalf("status %s", s)
		}
		c.Termination = &Termination{EndDate: civil.D(2029, 12, 31)}
		if s := c.Status(civil.D(2029, 12, 31)); s != ContractNoticeGiven {
			t.Fatalf("status on the end date %s", s)
		}
		if s := c.Status(civil.D(2030, 1, 1)); s != ContractEnded {
			t.Fatalf("status after the end date %s", s)
		}
	})
}

func TestContractFromOrder(t *testing.T) {
	t.Parallel()
	o := order(civil.D(2026, 4, 1), false,
		line(KindHardware, "2", "899.00", "21"),
		line(KindRecurring, "10", "12.50", "21"),
		line(KindRecurring, "1", "1200.00", "21", func(l *Line) { l.Period = PeriodYear }),
	)
	c, ok := ContractFromOrder(o, profileTerms(t, DefaultTermsProfile), IndexationClause{Method: IndexBySeries, SeriesCode: DefaultIndexSeries, ReferenceMonth: 10}, ams(2026, 3, 10, 9, 0))
	if !ok || len(c.Lines) != 2 {
		t.Fatalf("Q-8 recurring lines become the contract: ok %v lines %d", ok, len(c.Lines))
	}
	if !c.Lines[0].Fee.Equal(dec("125.00")) || c.Lines[0].Period != PeriodMonth || c.Lines[1].Period != PeriodYear || c.StartDate != o.StartDate {
		t.Fatalf("lines %+v", c.Lines)
	}
	if _, ok := ContractFromOrder(order(civil.D(2026, 4, 1), false, line(KindHardware, "1", "1", "21")), ContractTerms{}, IndexationClause{}, ams(2026, 3, 10, 9, 0)); ok {
		t.Fatal("an order without recurring lines makes no contract")
	}
}

func BenchmarkRunningTerm(b *testing.B) {
	terms := ContractTerms{InitialTermMonths: 48, RenewalTermMonths: 12}
	start, day := civil.D(2026, 1, 1), civil.D(2045, 6, 1)
	for b.Loop() {
		_, _ = terms.RunningTerm(start, day)
	}
}

// TestClauseText (IDX-1): the clause in words, as the API's indexation.text says it, for a
// series with and without a reference month, a fixed percentage, floor and cap.
func TestClauseText(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	for _, tc := range []struct {
		c    IndexationClause
		want string
	}{
		{IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi", ReferenceMonth: 10},
			"Fees are indexed every 1 January by index series cbs-cpi: October of the previous year against October a year earlier (IDX-1)."},
		{IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cdt", Floor: d("0"), Cap: d("5.5")},
			"Fees are indexed every 1 January by index series cbs-cdt: the yearly average of the previous year against the year before (IDX-1), at least 0%, at most 5.5%."},
		{IndexationClause{Method: IndexFixedPercent, FixedPercent: decimal.RequireFromString("2.5")}, "Fees rise by a fixed 2.5% every 1 January."},
		{IndexationClause{}, "Fees are not indexed"},
	} {
		if got := ClauseText(tc.c); got != tc.want {
			t.Errorf("ClauseText = %q, want %q", got, tc.want)
		}
	}
}
