package orders

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// monthly fills every month of year with v.
func monthly(values map[civil.Month]decimal.Decimal, year int, v string) {
	for m := time.January; m <= time.December; m++ {
		values[civil.Month{Year: year, Month: m}] = dec(v)
	}
}

// testSeries: cbs-cdt (2015=100) with October values; cbs-cpi-2015 with a full 2024/2025
// and its successor cbs-cpi-2025 (2025=100) publishing 2025 (the overlap) and 2026.
func testSeries() map[string]*IndexSeries {
	cdt := &IndexSeries{Code: "cbs-cdt", Base: "2015=100", Values: map[civil.Month]decimal.Decimal{
		{Year: 2024, Month: 10}: dec("125.0"), {Year: 2025, Month: 10}: dec("128.9"),
	}}
	old := &IndexSeries{Code: "cbs-cpi-2015", Base: "2015=100", Values: map[civil.Month]decimal.Decimal{}}
	monthly(old.Values, 2024, "130.0")
	for m := time.January; m <= time.December; m++ {
		old.Values[civil.Month{Year: 2025, Month: m}] = dec("132.0").Add(decimal.NewFromInt(int64(m)).Div(decimal.NewFromInt(10)))
	}
	rebased := &IndexSeries{Code: "cbs-cpi-2025", Base: "2025=100", RebasedFrom: "cbs-cpi-2015", Values: map[civil.Month]decimal.Decimal{}}
	for m := time.January; m <= time.December; m++ {
		rebased.Values[civil.Month{Year: 2025, Month: m}] = dec("99.4").Add(decimal.NewFromInt(int64(m)).Div(decimal.NewFromInt(10)))
	}
	rebased.Values[civil.Month{Year: 2026, Month: 10}] = dec("102.5")
	return map[string]*IndexSeries{cdt.Code: cdt, old.Code: old, rebased.Code: rebased}
}

func contractWith(profile string, start civil.Date, clause IndexationClause, fee string) (*Contract, ContractLine) {
	p, _ := LookupTermsProfile(profile)
	l := ContractLine{ID: 11, Fee: dec(fee), Period: PeriodMonth, FeeSince: start}
	return &Contract{ID: 1, StartDate: start, Terms: p.Terms, Indexation: clause, Lines: []ContractLine{l}}, l
}

func pct(s string) *decimal.Decimal { d := dec(s); return &d }

func TestProposeIndexation(t *testing.T) {
	t.Parallel()
	all := testSeries()
	october := func(series string) IndexationClause {
		return IndexationClause{Method: IndexBySeries, SeriesCode: series, ReferenceMonth: 10}
	}
	fixed := func(p string) IndexationClause {
		return IndexationClause{Method: IndexFixedPercent, FixedPercent: dec(p)}
	}
	start2025 := civil.D(2025, 3, 1)
	tests := []struct {
		name      string
		profile   string
		start     civil.Date
		clause    IndexationClause
		fee       string
		year      int
		announced civil.Date
		mutate    func(c *Contract, l *ContractLine)
		outcome   ProposalOutcome
		newFee    string
		factor    string
		rule      string
		terminate bool
		mention   string
	}{
		{name: "IDX-1_october_to_october", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-cdt"), fee: "1000.00", year: 2026,
			outcome: OutcomeChange, newFee: "1031.20", factor: "1.0312", rule: "IDX-1"},
		// 12.50 × 128.9/125 = 12.89: rounded once to cents after the full-precision ratio.
		{name: "IDX-1_new_fee_rounded_to_cents", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-cdt"), fee: "12.50", year: 2026,
			outcome: OutcomeChange, newFee: "12.89", factor: "1.0312", rule: "IDX-1"},
		{name: "IDX-1_missing_index_value_blocks_the_line", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-cdt"), fee: "1000.00", year: 2027,
			outcome: OutcomeBlocked, newFee: "1000.00", factor: "1", mention: "2026-10"},
		{name: "IDX-1_unknown_series_blocks_the_line", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-dpi"), fee: "1000.00", year: 2026,
			outcome: OutcomeBlocked, newFee: "1000.00", factor: "1", mention: "cbs-dpi"},
		// Yearly averages: 2025 averages 132.65 in the old series, 2024 averages 130.
		{name: "IDX-1_yearly_average", profile: DefaultTermsProfile, start: start2025, clause: IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi-2015"}, fee: "200.00", year: 2026,
			outcome: OutcomeChange, newFee: "204.08", factor: "1.020385", rule: "IDX-1"},
		{name: "IDX-1_yearly_average_needs_every_month", profile: DefaultTermsProfile, start: start2025, clause: IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi-2025"}, fee: "200.00", year: 2027,
			outcome: OutcomeBlocked, newFee: "200.00", factor: "1", mention: "2026-01"},
		// 2027: October 2026 (102.5) and October 2025 (99.4 + 1.0 = 100.4) both in the
		// rebased series; the clause names the old series and is followed to its successor.
		{name: "IDX-1_rebased_series_used_directly", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-cpi-2015"), fee: "1000.00", year: 2027,
			outcome: OutcomeChange, newFee: "1020.92", factor: "1.020916", rule: "IDX-1"},
		// 2026: October 2025 is published in both series (the newest is used: 100.4),
		// October 2024 only in the old base (130.0): chained through the 2025 overlap whose
		// averages are 100.05 and 132.65, so I(prev) = 130 × 100.05 / 132.65 and the factor
		// is 100.4 × 132.65 / (130 × 100.05) = 1.023954.
		{name: "IDX-1_chained_across_rebasing", profile: DefaultTermsProfile, start: start2025, clause: october("cbs-cpi-2025"), fee: "1000.00", year: 2026,
			outcome: OutcomeChange, newFee: "1023.95", factor: "1.023954", rule: "IDX-1"},
		{name: "IDX-1_fixed_percentage", profile: DefaultTermsProfile, start: start2025, clause: fixed("2.5"), fee: "99.99", year: 2026,
			outcome: OutcomeChange, newFee: "102.49", factor: "1.025", rule: "IDX-1"},
		{name: "IDX-1_cap_bounds_the_increase", profile: DefaultTermsProfile, start: start2025, clause: IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cdt", ReferenceMonth: 10, Cap: pct("2")}, fee: "1000.00", year: 2026,
			outcome: OutcomeChange, newFee: "1020.00", factor: "1.02", rule: "IDX-1"},
		{name: "IDX-1_floor_prevents_a_decrease", profile: DefaultTermsProfile, start: start2025, clause: IndexationClause{Method: IndexFixedPercent, FixedPercent: dec("-3"), Floor: pct("0")}, fee: "1000.00", year: 2026,
			outcome: OutcomeUnchanged, newFee: "1000.00", factor: "1"},
		{name: "IDX-1_decrease_without_floor", profile: DefaultTermsProfile, start: start2025, clause: fixed("-3"), fee: "1000.00", year: 2026,
			outcome: OutcomeChange, newFee: "970.00", factor: "0.97", rule: "IDX-1"},
		{name: "IDX-1_contract_starting_on_1_january_is_not_indexed", profile: DefaultTermsProfile, start: civil.D(2026, 1, 1), clause: fixed("2"), fee: "100.00", year: 2026,
			outcome: OutcomeSkipped, newFee: "100.00", factor: "1"},
		{name: "IDX-1_ended_contract_is_not_indexed", profile: DefaultTermsProfile, start: start2025, clause: fixed("2"), fee: "100.00", year: 2026,
			mutate:  func(c *Contract, _ *ContractLine) { c.Termination = &Termination{EndDate: civil.D(2025, 12, 31)} },
			outcome: OutcomeSkipped, newFee: "100.00", factor: "1"},
		{name: "IDX-1_already_indexed_this_year", profile: DefaultTermsProfile, start: start2025, clause: fixed("2"), fee: "102.00", year: 2026,
			mutate:  func(_ *Contract, l *ContractLine) { l.FeeSince = civil.D(2026, 1, 1) },
			outcome: OutcomeSkipped, newFee: "102.00", factor: "1"},
		{name: "IDX-1_no_clause", profile: DefaultTermsProfile, start: start2025, clause: IndexationClause{Method: IndexNone}, fee: "100.00", year: 2026,
			outcome: OutcomeSkipped, newFee: "100.00", factor: "1"},
		{name: "IDX-2_announced_by_31_october_gives_termination_right", profile: "1y-1y-3m-registered", start: start2025, clause: fixed("4"), fee: "100.00", year: 2026, announced: civil.D(2025, 10, 31),
			outcome: OutcomeChange, newFee: "104.00", factor: "1.04", rule: "IDX-2", terminate: true},
		{name: "IDX-2_not_announced_in_time_no_increase", profile: "1y-1y-3m-registered", start: start2025, clause: fixed("4"), fee: "100.00", year: 2026, announced: civil.D(2025, 11, 1),
			outcome: OutcomeUnchanged, newFee: "100.00", factor: "1.04", rule: "IDX-2", mention: "2025-10-31"},
		{name: "IDX-2_late_but_inflation_driven_applies", profile: "1y-1y-3m-registered", start: start2025, clause: october("cbs-cdt"), fee: "1000.00", year: 2026, announced: civil.D(2025, 12, 15),
			outcome: OutcomeChange, newFee: "1031.20", factor: "1.0312", rule: "IDX-2", mention: "inflation-driven"},
		{name: "IDX-2_late_decrease_applies", profile: "1y-1y-3m-registered", start: start2025, clause: fixed("-1"), fee: "100.00", year: 2026, announced: civil.D(2025, 12, 15),
			outcome: OutcomeChange, newFee: "99.00", factor: "0.99", rule: "IDX-1"},
		{name: "IDX-3_first_contract_year_keeps_quoted_price", profile: "1y-1y-80d", start: civil.D(2025, 3, 1), clause: fixed("3"), fee: "100.00", year: 2026, announced: civil.D(2025, 10, 1),
			outcome: OutcomeUnchanged, newFee: "100.00", factor: "1.03", rule: "IDX-3", mention: "first year"},
		{name: "IDX-3_after_first_year_announced_a_month_ahead", profile: "1y-1y-80d", start: civil.D(2024, 6, 1), clause: fixed("3"), fee: "100.00", year: 2026, announced: civil.D(2025, 12, 1),
			outcome: OutcomeChange, newFee: "103.00", factor: "1.03", rule: "IDX-3"},
		{name: "IDX-3_announced_less_than_a_month_ahead", profile: "1y-1y-80d", start: civil.D(2024, 6, 1), clause: fixed("3"), fee: "100.00", year: 2026, announced: civil.D(2025, 12, 2),
			outcome: OutcomeUnchanged, newFee: "100.00", factor: "1.03", rule: "IDX-3", mention: "one month ahead"},
		{name: "IDX-3_increase_above_1.5x_flagged", profile: "1y-1y-80d", start: civil.D(2024, 1, 1), clause: fixed("50.01"), fee: "100.00", year: 2026, announced: civil.D(2025, 11, 1),
			outcome: OutcomeChange, newFee: "150.01", factor: "1.5001", rule: "IDX-3", terminate: true, mention: "1.5"},
		{name: "IDX-3_increase_of_exactly_1.5x_not_flagged", profile: "1y-1y-80d", start: civil.D(2024, 1, 1), clause: fixed("50"), fee: "100.00", year: 2026, announced: civil.D(2025, 11, 1),
			outcome: OutcomeChange, newFee: "150.00", factor: "1.5", rule: "IDX-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, l := contractWith(tt.profile, tt.start, tt.clause, tt.fee)
			if tt.mutate != nil {
				tt.mutate(c, &l)
			}
			var lin *Lineage
			var linErr error
			if tt.clause.Method == IndexBySeries {
				lin, linErr = BuildLineage(tt.clause.SeriesCode, all)
			}
			announced := tt.announced
			if announced.IsZero() {
				announced = civil.D(tt.year-1, 10, 1)
			}
			p := ProposeIndexation(tt.year, c, l, lin, linErr, announced)
			if p.Outcome != tt.outcome || !p.NewFee.Equal(dec(tt.newFee)) || !p.Factor.Equal(dec(tt.factor)) {
				t.Fatalf("outcome %s new fee %s factor %s, want %s %s %s (%s)", p.Outcome, p.NewFee, p.Factor, tt.outcome, tt.newFee, tt.factor, p.Reason)
			}
			if tt.rule != "" && p.Rule != tt.rule {
				t.Errorf("rule %s, want %s", p.Rule, tt.rule)
			}
			if p.TerminationRight != tt.terminate {
				t.Errorf("termination right %v, want %v (%s)", p.TerminationRight, tt.terminate, p.Reason)
			}
			if !strings.Contains(p.Reason, tt.mention) {
				t.Errorf("reason %q does not mention %q", p.Reason, tt.mention)
			}
			if p.Effective != civil.D(tt.year, 1, 1) || !p.OldFee.Equal(l.Fee) {
				t.Errorf("effective %s old fee %s", p.Effective, p.OldFee)
			}
		})
	}
}

func TestChainingArithmetic(t *testing.T) {
	t.Parallel()
	lin, err := BuildLineage("cbs-cpi-2015", testSeries())
	if err != nil {
		t.Fatal(err)
	}
	if lin.Newest() != "cbs-cpi-2025" {
		t.Fatalf("IDX-1 newest series %s", lin.Newest())
	}
	ratio, used, missing := lin.Ratio([]civil.Month{{Year: 2025, Month: 10}}, []civil.Month{{Year: 2024, Month: 10}})
	if len(missing) != 0 || len(used) != 2 || used[0].Series != "cbs-cpi-2025" || used[1].Series != "cbs-cpi-2015" {
		t.Fatalf("IDX-1 points used %+v missing %v", used, missing)
	}
	// I(2025-10, new base) / (I(2024-10, old base) × avg_new/avg_old over the overlap).
	want := dec("100.4").Div(dec("130.0").Mul(dec("100.05")).Div(dec("132.65")))
	if ratio.Sub(want).Abs().GreaterThan(dec("0.000000000001")) {
		t.Fatalf("IDX-1 chained ratio %s, want %s", ratio, want)
	}
	t.Run("IDX-1_no_overlap_refuses_to_mix_bases", func(t *testing.T) {
		t.Parallel()
		all := testSeries()
		all["cbs-cpi-2025"].Values = map[civil.Month]decimal.Decimal{{Year: 2026, Month: 10}: dec("102.5")}
		_, err := BuildLineage("cbs-cpi-2025", all)
		if !errors.Is(err, ErrIndexSeriesNoOverlap) {
			t.Fatalf("want no-overlap error, got %v", err)
		}
	})
	t.Run("IDX-1_rebasing_cycle_is_refused", func(t *testing.T) {
		t.Parallel()
		all := testSeries()
		all["cbs-cpi-2015"].RebasedFrom = "cbs-cpi-2025"
		if _, err := BuildLineage("cbs-cpi-2015", all); err == nil {
			t.Fatal("a cycle must be refused")
		}
	})
}

func BenchmarkProposeIndexation(b *testing.B) {
	all := testSeries()
	c, l := contractWith(DefaultTermsProfile, civil.D(2025, 3, 1), IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi-2015"}, "1000.00")
	lin, err := BuildLineage("cbs-cpi-2015", all)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = ProposeIndexation(2026, c, l, lin, nil, civil.D(2025, 10, 1))
	}
}
