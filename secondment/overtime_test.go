package secondment

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

type wantSeg struct {
	from, to time.Time
	minutes  int
	band     Band
	pct      string
	rate     string
	amount   string
}

func TestOvertime(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	const r = "100.00"
	tests := []struct {
		name       string
		start, end time.Time
		rate       string
		want       []wantSeg
		minutes    int
		amount     string
	}{
		{
			name: "SEC-3_friday_night_into_saturday", rate: r,
			start: ams(2026, 1, 9, 22, 0), end: ams(2026, 1, 10, 2, 0),
			want: []wantSeg{
				{ams(2026, 1, 9, 22, 0), ams(2026, 1, 10, 0, 0), 120, BandEvening, "50", "150", "300.00"},
				{ams(2026, 1, 10, 0, 0), ams(2026, 1, 10, 2, 0), 120, BandNonWorkingDay, "100", "200", "400.00"},
			},
			minutes: 240, amount: "700.00",
		},
		{
			name: "SEC-3_17_to_18_carries_no_surcharge", rate: r,
			start: ams(2026, 1, 12, 17, 0), end: ams(2026, 1, 12, 18, 0),
			want:    []wantSeg{{ams(2026, 1, 12, 17, 0), ams(2026, 1, 12, 18, 0), 60, BandBase, "0", "100", "100.00"}},
			minutes: 60, amount: "100.00",
		},
		{
			name: "SEC-3_07_to_09_night_then_base", rate: r,
			start: ams(2026, 1, 12, 7, 0), end: ams(2026, 1, 12, 9, 0),
			want: []wantSeg{
				{ams(2026, 1, 12, 7, 0), ams(2026, 1, 12, 7, 30), 30, BandNight, "100", "200", "100.00"},
				{ams(2026, 1, 12, 7, 30), ams(2026, 1, 12, 9, 0), 90, BandBase, "0", "100", "150.00"},
			},
			minutes: 120, amount: "250.00",
		},
		{
			name: "SEC-3_17_to_19_split_at_18", rate: r,
			start: ams(2026, 1, 13, 17, 0), end: ams(2026, 1, 13, 19, 0),
			want: []wantSeg{
				{ams(2026, 1, 13, 17, 0), ams(2026, 1, 13, 18, 0), 60, BandBase, "0", "100", "100.00"},
				{ams(2026, 1, 13, 18, 0), ams(2026, 1, 13, 19, 0), 60, BandEvening, "50", "150", "150.00"},
			},
			minutes: 120, amount: "250.00",
		},
		{
			name: "SEC-3_office_hours_base_only", rate: "87.50",
			start: ams(2026, 1, 14, 9, 0), end: ams(2026, 1, 14, 12, 15),
			want:    []wantSeg{{ams(2026, 1, 14, 9, 0), ams(2026, 1, 14, 12, 15), 195, BandBase, "0", "87.5", "284.38"}},
			minutes: 195, amount: "284.38",
		},
		{
			name: "SEC-3_koningsdag_all_day_non_working", rate: r,
			start: ams(2026, 4, 27, 10, 0), end: ams(2026, 4, 27, 12, 0),
			want:    []wantSeg{{ams(2026, 4, 27, 10, 0), ams(2026, 4, 27, 12, 0), 120, BandNonWorkingDay, "100", "200", "400.00"}},
			minutes: 120, amount: "400.00",
		},
		{
			name: "SEC-3_koningsdag_night_into_tuesday_split_at_holiday_end", rate: r,
			start: ams(2026, 4, 27, 23, 0), end: ams(2026, 4, 28, 8, 0),
			want: []wantSeg{
				{ams(2026, 4, 27, 23, 0), ams(2026, 4, 28, 0, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
				{ams(2026, 4, 28, 0, 0), ams(2026, 4, 28, 7, 30), 450, BandNight, "100", "200", "1500.00"},
				{ams(2026, 4, 28, 7, 30), ams(2026, 4, 28, 8, 0), 30, BandBase, "0", "100", "50.00"},
			},
			minutes: 540, amount: "1750.00",
		},
		{
			name: "SEC-3_koningsdag_2025_on_saturday_26_april", rate: r,
			start: ams(2025, 4, 25, 20, 0), end: ams(2025, 4, 26, 1, 0),
			want: []wantSeg{
				{ams(2025, 4, 25, 20, 0), ams(2025, 4, 26, 0, 0), 240, BandEvening, "50", "150", "600.00"},
				{ams(2025, 4, 26, 0, 0), ams(2025, 4, 26, 1, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
			},
			minutes: 300, amount: "800.00",
		},
		{
			name: "SEC-3_tweede_paasdag_whole_day", rate: r,
			start: ams(2026, 4, 6, 9, 0), end: ams(2026, 4, 6, 17, 0),
			want:    []wantSeg{{ams(2026, 4, 6, 9, 0), ams(2026, 4, 6, 17, 0), 480, BandNonWorkingDay, "100", "200", "1600.00"}},
			minutes: 480, amount: "1600.00",
		},
		{
			name: "SEC-3_tweede_paasdag_evening_into_working_tuesday", rate: r,
			start: ams(2026, 4, 6, 21, 0), end: ams(2026, 4, 7, 1, 0),
			want: []wantSeg{
				{ams(2026, 4, 6, 21, 0), ams(2026, 4, 7, 0, 0), 180, BandNonWorkingDay, "100", "200", "600.00"},
				{ams(2026, 4, 7, 0, 0), ams(2026, 4, 7, 1, 0), 60, BandNight, "100", "200", "200.00"},
			},
			minutes: 240, amount: "800.00",
		},
		{
			name: "SEC-3_dst_spring_night_has_23_hours", rate: r,
			// Saturday 22:00 CET → Sunday 06:00 CEST: 7 real hours, not 8.
			start: ams(2026, 3, 28, 22, 0), end: ams(2026, 3, 29, 6, 0),
			want: []wantSeg{
				{ams(2026, 3, 28, 22, 0), ams(2026, 3, 29, 0, 0), 120, BandNonWorkingDay, "100", "200", "400.00"},
				{ams(2026, 3, 29, 0, 0), ams(2026, 3, 29, 6, 0), 300, BandNonWorkingDay, "100", "200", "1000.00"},
			},
			minutes: 420, amount: "1400.00",
		},
		{
			name: "SEC-3_dst_autumn_night_has_25_hours", rate: r,
			// Saturday 22:00 CEST → Sunday 06:00 CET: 9 real hours, not 8.
			start: ams(2026, 10, 24, 22, 0), end: ams(2026, 10, 25, 6, 0),
			want: []wantSeg{
				{ams(2026, 10, 24, 22, 0), ams(2026, 10, 25, 0, 0), 120, BandNonWorkingDay, "100", "200", "400.00"},
				{ams(2026, 10, 25, 0, 0), ams(2026, 10, 25, 6, 0), 420, BandNonWorkingDay, "100", "200", "1400.00"},
			},
			minutes: 540, amount: "1800.00",
		},
		{
			name: "SEC-3_dst_autumn_whole_sunday_is_1500_minutes", rate: r,
			start: ams(2026, 10, 25, 0, 0), end: ams(2026, 10, 26, 0, 0),
			want:    []wantSeg{{ams(2026, 10, 25, 0, 0), ams(2026, 10, 26, 0, 0), 1500, BandNonWorkingDay, "100", "200", "5000.00"}},
			minutes: 1500, amount: "5000.00",
		},
		{
			name: "SEC-3_new_year_eve_into_nieuwjaarsdag", rate: r,
			start: ams(2026, 12, 31, 20, 0), end: ams(2027, 1, 1, 3, 0),
			want: []wantSeg{
				{ams(2026, 12, 31, 20, 0), ams(2027, 1, 1, 0, 0), 240, BandEvening, "50", "150", "600.00"},
				{ams(2027, 1, 1, 0, 0), ams(2027, 1, 1, 3, 0), 180, BandNonWorkingDay, "100", "200", "600.00"},
			},
			minutes: 420, amount: "1200.00",
		},
		{
			name: "SEC-3_christmas_eve_into_eerste_kerstdag", rate: r,
			start: ams(2026, 12, 24, 17, 0), end: ams(2026, 12, 25, 2, 0),
			want: []wantSeg{
				{ams(2026, 12, 24, 17, 0), ams(2026, 12, 24, 18, 0), 60, BandBase, "0", "100", "100.00"},
				{ams(2026, 12, 24, 18, 0), ams(2026, 12, 25, 0, 0), 360, BandEvening, "50", "150", "900.00"},
				{ams(2026, 12, 25, 0, 0), ams(2026, 12, 25, 2, 0), 120, BandNonWorkingDay, "100", "200", "400.00"},
			},
			minutes: 540, amount: "1400.00",
		},
		{
			name: "SEC-3_goede_vrijdag_is_non_working_in_werktijden", rate: r,
			start: ams(2026, 4, 2, 23, 0), end: ams(2026, 4, 3, 1, 0),
			want: []wantSeg{
				{ams(2026, 4, 2, 23, 0), ams(2026, 4, 3, 0, 0), 60, BandEvening, "50", "150", "150.00"},
				{ams(2026, 4, 3, 0, 0), ams(2026, 4, 3, 1, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
			},
			minutes: 120, amount: "350.00",
		},
		{
			name: "SEC-3_sunday_night_into_monday_split_at_midnight_0730", rate: r,
			start: ams(2026, 1, 11, 23, 0), end: ams(2026, 1, 12, 8, 30),
			want: []wantSeg{
				{ams(2026, 1, 11, 23, 0), ams(2026, 1, 12, 0, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
				{ams(2026, 1, 12, 0, 0), ams(2026, 1, 12, 7, 30), 450, BandNight, "100", "200", "1500.00"},
				{ams(2026, 1, 12, 7, 30), ams(2026, 1, 12, 8, 30), 60, BandBase, "0", "100", "100.00"},
			},
			minutes: 570, amount: "1800.00",
		},
		{
			name: "SEC-3_24_hours_of_a_working_day", rate: r,
			start: ams(2026, 1, 13, 0, 0), end: ams(2026, 1, 14, 0, 0),
			want: []wantSeg{
				{ams(2026, 1, 13, 0, 0), ams(2026, 1, 13, 7, 30), 450, BandNight, "100", "200", "1500.00"},
				{ams(2026, 1, 13, 7, 30), ams(2026, 1, 13, 18, 0), 630, BandBase, "0", "100", "1050.00"},
				{ams(2026, 1, 13, 18, 0), ams(2026, 1, 14, 0, 0), 360, BandEvening, "50", "150", "900.00"},
			},
			minutes: 1440, amount: "3450.00",
		},
		{
			name: "SEC-3_rounding_once_per_segment_half_away_from_zero", rate: "0.30",
			// 0.30 €/h × 1 min = 0.005 → 0.01; 0.45 €/h evening × 1 min = 0.0075 → 0.01.
			start: ams(2026, 1, 13, 17, 59), end: ams(2026, 1, 13, 18, 1),
			want: []wantSeg{
				{ams(2026, 1, 13, 17, 59), ams(2026, 1, 13, 18, 0), 1, BandBase, "0", "0.3", "0.01"},
				{ams(2026, 1, 13, 18, 0), ams(2026, 1, 13, 18, 1), 1, BandEvening, "50", "0.45", "0.01"},
			},
			minutes: 2, amount: "0.02",
		},
		{
			name: "SEC-3_rounding_below_half_goes_down", rate: "0.29",
			start: ams(2026, 1, 13, 10, 0), end: ams(2026, 1, 13, 10, 1),
			want:    []wantSeg{{ams(2026, 1, 13, 10, 0), ams(2026, 1, 13, 10, 1), 1, BandBase, "0", "0.29", "0.00"}},
			minutes: 1, amount: "0.00",
		},
		{
			name: "SEC-3_odd_rate_thirds_of_cents", rate: "95.55",
			// 95.55 × 1.5 × 7 / 60 = 16.72125 → 16.72.
			start: ams(2026, 1, 13, 18, 0), end: ams(2026, 1, 13, 18, 7),
			want:    []wantSeg{{ams(2026, 1, 13, 18, 0), ams(2026, 1, 13, 18, 7), 7, BandEvening, "50", "143.325", "16.72"}},
			minutes: 7, amount: "16.72",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Price(tc.start, tc.end, dec(tc.rate), DefaultBands(), cal, cal.Location())
			if err != nil {
				t.Fatalf("Price: %v", err)
			}
			assertPricing(t, got, tc.want, tc.minutes, tc.amount)
		})
	}
}

func assertPricing(t *testing.T, got Pricing, want []wantSeg, minutes int, amount string) {
	t.Helper()
	if got.Minutes != minutes || got.Amount.StringFixed(2) != amount {
		t.Errorf("total = %d min %s, want %d min %s", got.Minutes, got.Amount.StringFixed(2), minutes, amount)
	}
	if len(got.Segments) != len(want) {
		t.Fatalf("got %d segments %+v, want %d", len(got.Segments), got.Segments, len(want))
	}
	for i, w := range want {
		g := got.Segments[i]
		if !g.StartedAt.Equal(w.from) || !g.EndedAt.Equal(w.to) || g.Minutes != w.minutes || g.Band != w.band ||
			!g.SurchargePercent.Equal(dec(w.pct)) || !g.Rate.Equal(dec(w.rate)) || g.Amount.StringFixed(2) != w.amount {
			t.Errorf("segment %d = %s–%s %d min %s +%s%% rate %s amount %s\n          want %s–%s %d min %s +%s%% rate %s amount %s", i,
				g.StartedAt.UTC().Format(time.DateTime), g.EndedAt.UTC().Format(time.DateTime), g.Minutes, g.Band, g.SurchargePercent, g.Rate, g.Amount.StringFixed(2),
				w.from.UTC().Format(time.DateTime), w.to.UTC().Format(time.DateTime), w.minutes, w.band, w.pct, w.rate, w.amount)
		}
	}
}

func TestOvertimeArguments(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	at := ams(2026, 1, 13, 10, 0)
	tests := []struct {
		name       string
		start, end time.Time
		want       error
	}{
		{"SEC-3_end_equals_start", at, at, ErrEmptySpan},
		{"SEC-3_end_before_start", at, at.Add(-time.Minute), ErrEmptySpan},
		{"SEC-3_seconds_refused", at, at.Add(90 * time.Second), ErrNotWholeMinutes},
		{"SEC-3_fraction_refused", at.Add(time.Millisecond), at.Add(time.Hour), ErrNotWholeMinutes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Price(tc.start, tc.end, dec("10"), DefaultBands(), cal, cal.Location()); err != tc.want {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// TestOvertimeCustomBands prices with a contract's own band table, including boundaries
// that fall inside the DST gap and the repeated hour.
func TestOvertimeCustomBands(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	bands, err := NewBandTable([]BandRule{
		{Band: BandEvening, Days: WorkingDays, From: 17 * 60, To: 22 * 60, SurchargePercent: dec("25")},
		{Band: BandNight, Days: WorkingDays, From: 22 * 60, To: MinutesPerDay, SurchargePercent: dec("37.5")},
		{Band: BandNight, Days: NonWorkingDays, From: 0, To: 2*60 + 30, SurchargePercent: dec("150")},
		{Band: BandNonWorkingDay, Days: NonWorkingDays, From: 2*60 + 30, To: MinutesPerDay, SurchargePercent: dec("100")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		start, end time.Time
		want       []wantSeg
		minutes    int
		amount     string
	}{
		{
			name:  "SEC-3_contract_bands_evening_and_night",
			start: ams(2026, 1, 13, 16, 0), end: ams(2026, 1, 14, 1, 0),
			want: []wantSeg{
				{ams(2026, 1, 13, 16, 0), ams(2026, 1, 13, 17, 0), 60, BandBase, "0", "100", "100.00"},
				{ams(2026, 1, 13, 17, 0), ams(2026, 1, 13, 22, 0), 300, BandEvening, "25", "125", "625.00"},
				{ams(2026, 1, 13, 22, 0), ams(2026, 1, 14, 0, 0), 120, BandNight, "37.5", "137.5", "275.00"},
				{ams(2026, 1, 14, 0, 0), ams(2026, 1, 14, 1, 0), 60, BandBase, "0", "100", "100.00"},
			},
			minutes: 540, amount: "1100.00",
		},
		{
			name: "SEC-3_contract_boundary_in_spring_gap_takes_effect_at_transition",
			// 02:30 does not exist on 29 March 2026: the night band ends at 03:00 CEST.
			start: utc(2026, 3, 28, 22, 0), end: utc(2026, 3, 29, 3, 0),
			want: []wantSeg{
				{utc(2026, 3, 28, 22, 0), utc(2026, 3, 28, 23, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
				{utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 1, 0), 120, BandNight, "150", "250", "500.00"},
				{utc(2026, 3, 29, 1, 0), utc(2026, 3, 29, 3, 0), 120, BandNonWorkingDay, "100", "200", "400.00"},
			},
			minutes: 300, amount: "1100.00",
		},
		{
			name: "SEC-3_contract_boundary_in_repeated_hour_takes_first_occurrence",
			// 02:30 happens twice on 25 October 2026; the band changes at 02:30 CEST.
			start: utc(2026, 10, 24, 21, 0), end: utc(2026, 10, 25, 4, 0),
			want: []wantSeg{
				{utc(2026, 10, 24, 21, 0), utc(2026, 10, 24, 22, 0), 60, BandNonWorkingDay, "100", "200", "200.00"},
				{utc(2026, 10, 24, 22, 0), utc(2026, 10, 25, 0, 30), 150, BandNight, "150", "250", "625.00"},
				{utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 4, 0), 210, BandNonWorkingDay, "100", "200", "700.00"},
			},
			minutes: 420, amount: "1525.00",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Price(tc.start, tc.end, dec("100"), bands, cal, cal.Location())
			if err != nil {
				t.Fatal(err)
			}
			assertPricing(t, got, tc.want, tc.minutes, tc.amount)
		})
	}
}

// TestOvertimeMatchesMinuteByMinute checks Price against an independent oracle that
// classifies every single minute of an entry by its own wall-clock time, across three
// years of start times (every DST change and holiday of 2025–2027 is crossed).
func TestOvertimeMatchesMinuteByMinute(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	loc := cal.Location()
	rate := dec("97.35")
	oracleBand := func(m time.Time) Band {
		lt := m.In(loc)
		if !cal.IsWorkingDay(date(lt.Format(time.DateOnly))) {
			return BandNonWorkingDay
		}
		switch mod := lt.Hour()*60 + lt.Minute(); {
		case mod < 450:
			return BandNight
		case mod >= 1080:
			return BandEvening
		}
		return BandBase
	}
	start := utc(2025, 1, 1, 0, 0)
	// A step of 7h13m walks through every time of day; lengths vary from 1 min to 24 h.
	for i := 0; i < 3700; i++ {
		s := start.Add(time.Duration(i) * (7*time.Hour + 13*time.Minute))
		length := time.Duration(1+(i*337)%1440) * time.Minute
		e := s.Add(length)
		got, err := Price(s, e, rate, DefaultBands(), cal, loc)
		if err != nil {
			t.Fatal(err)
		}
		want := map[Band]int{}
		for m := s; m.Before(e); m = m.Add(time.Minute) {
			want[oracleBand(m)]++
		}
		have := map[Band]int{}
		cursor := s
		sum := decimal.Zero
		for _, seg := range got.Segments {
			if !seg.StartedAt.Equal(cursor) {
				t.Fatalf("entry %s+%s: segment starts at %s, want %s (gap or overlap)", s, length, seg.StartedAt, cursor)
			}
			if d1, d2 := seg.StartedAt.In(loc).Format(time.DateOnly), seg.EndedAt.Add(-time.Minute).In(loc).Format(time.DateOnly); d1 != d2 {
				t.Fatalf("entry %s+%s: segment %s–%s spans midnight", s, length, seg.StartedAt, seg.EndedAt)
			}
			if oracleBand(seg.StartedAt) != seg.Band || oracleBand(seg.EndedAt.Add(-time.Minute)) != seg.Band {
				t.Fatalf("entry %s+%s: segment %s–%s is %s, oracle disagrees", s, length, seg.StartedAt, seg.EndedAt, seg.Band)
			}
			have[seg.Band] += seg.Minutes
			cursor = seg.EndedAt
			sum = sum.Add(seg.Amount)
		}
		if !cursor.Equal(e) || got.Minutes != int(length/time.Minute) || !sum.Equal(got.Amount) {
			t.Fatalf("entry %s+%s: covers to %s, %d min, sum %s vs %s", s, length, cursor, got.Minutes, sum, got.Amount)
		}
		for _, b := range Bands {
			if have[b] != want[b] {
				t.Fatalf("entry %s+%s: band %s has %d min, oracle %d", s, length, b, have[b], want[b])
			}
		}
	}
}
