package secondment

import (
	"testing"
	"time"
)

func TestSegmentAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, rate, pct string
		minutes         int
		want            string
	}{
		{"SEC-3_exact_hour", "100", "0", 60, "100.00"},
		{"SEC-3_half_cent_rounds_up", "0.30", "0", 1, "0.01"},
		{"SEC-3_just_below_half_rounds_down", "0.29", "0", 1, "0.00"},
		{"SEC-3_negative_half_rounds_away_from_zero", "-0.30", "0", 1, "-0.01"},
		{"SEC-3_decimal_surcharge", "80", "12.5", 45, "67.50"},
		{"SEC-3_repeating_third", "10", "0", 1, "0.17"},
		{"SEC-3_large_rate_no_float_error", "12345678.91", "100", 1439, "592181065.05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := segmentAmount(dec(tc.rate), dec(tc.pct), tc.minutes); got.StringFixed(2) != tc.want {
				t.Fatalf("segmentAmount(%s, %s, %d) = %s, want %s", tc.rate, tc.pct, tc.minutes, got.StringFixed(2), tc.want)
			}
		})
	}
}

func TestWallInstant(t *testing.T) {
	t.Parallel()
	loc := werktijden(t).Location()
	tests := []struct {
		name string
		day  string
		min  int
		want time.Time
	}{
		{"CAL-2_ordinary_time", "2026-01-13", 7*60 + 30, utc(2026, 1, 13, 6, 30)},
		{"CAL-2_midnight_after_the_day", "2026-01-13", MinutesPerDay, utc(2026, 1, 13, 23, 0)},
		{"CAL-2_summer_time", "2026-07-01", 18 * 60, utc(2026, 7, 1, 16, 0)},
		{"CAL-2_spring_gap_maps_to_transition", "2026-03-29", 2*60 + 30, utc(2026, 3, 29, 1, 0)},
		{"CAL-2_spring_gap_start_maps_to_transition", "2026-03-29", 2 * 60, utc(2026, 3, 29, 1, 0)},
		{"CAL-2_after_spring_gap", "2026-03-29", 3 * 60, utc(2026, 3, 29, 1, 0)},
		{"CAL-2_repeated_hour_first_occurrence", "2026-10-25", 2*60 + 30, utc(2026, 10, 25, 0, 30)},
		{"CAL-2_repeated_hour_start_first_occurrence", "2026-10-25", 2 * 60, utc(2026, 10, 25, 0, 0)},
		{"CAL-2_after_repeated_hour", "2026-10-25", 3 * 60, utc(2026, 10, 25, 2, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := wallInstant(date(tc.day), tc.min, loc); !got.Equal(tc.want) {
				t.Fatalf("wallInstant(%s, %d) = %s, want %s", tc.day, tc.min, got.UTC(), tc.want)
			}
		})
	}
}
