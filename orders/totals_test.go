package orders

import (
	"testing"
)

func TestTotals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                  string
		lines                 []Line
		net, vat, gross       string
		perRate               []string // "rate:base:vat"
		oneOff, monthly, year string
	}{
		{
			name:  "Q-7_single_rate",
			lines: []Line{line(KindHardware, "2", "899.00", "21")},
			net:   "1798.00", vat: "377.58", gross: "2175.58",
			perRate: []string{"21:1798:377.58"}, oneOff: "1798", monthly: "0", year: "0",
		},
		{
			// Ten lines of 0.10 at 21%: VAT per line would be 10 × 0.02 = 0.20; VAT on the
			// rate's base of 1.00 is 0.21.
			name: "Q-7_vat_rounded_once_per_rate_not_per_line",
			lines: func() []Line {
				var ls []Line
				for range 10 {
					ls = append(ls, line(KindService, "1", "0.10", "21"))
				}
				return ls
			}(),
			net: "1.00", vat: "0.21", gross: "1.21",
			perRate: []string{"21:1:0.21"}, oneOff: "1", monthly: "0", year: "0",
		},
		{
			name: "Q-7_mixed_rates_sorted_high_to_low",
			lines: []Line{
				line(KindTraining, "1", "100.00", "0"),
				line(KindService, "1", "100.00", "9"),
				line(KindService, "3", "33.33", "21"),
			},
			net: "299.99", vat: "30.00", gross: "329.99",
			perRate: []string{"21:99.99:21", "9:100:9", "0:100:0"}, oneOff: "299.99", monthly: "0", year: "0",
		},
		{
			// 1.5 × 0.33 = 0.495 → 0.50 (half away from zero at the line), VAT 0.105 → 0.11.
			name:  "Q-7_line_total_rounds_half_away_from_zero",
			lines: []Line{line(KindService, "1.5", "0.33", "21")},
			net:   "0.50", vat: "0.11", gross: "0.61",
			perRate: []string{"21:0.5:0.11"}, oneOff: "0.5", monthly: "0", year: "0",
		},
		{
			name: "Q-7_recurring_split_by_period",
			lines: []Line{
				line(KindRecurring, "10", "12.50", "21"),
				line(KindRecurring, "1", "1200.00", "21", func(l *Line) { l.Period = PeriodYear }),
				line(KindHardware, "1", "50.00", "21"),
			},
			net: "1375.00", vat: "288.75", gross: "1663.75",
			perRate: []string{"21:1375:288.75"}, oneOff: "50", monthly: "125", year: "1200",
		},
		{
			name: "Q-7_empty", lines: nil, net: "0", vat: "0", gross: "0", oneOff: "0", monthly: "0", year: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ComputeTotals(tt.lines)
			for _, c := range []struct{ name, want, got string }{
				{"net", tt.net, got.Net.String()}, {"vat", tt.vat, got.VAT.String()}, {"gross", tt.gross, got.Gross.String()},
				{"one_off", tt.oneOff, got.OneOff.String()}, {"monthly", tt.monthly, got.RecurringMonthly.String()},
				{"yearly", tt.year, got.RecurringYearly.String()},
			} {
				if !dec(c.want).Equal(dec(c.got)) {
					t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
				}
			}
			if len(got.PerRate) != len(tt.perRate) {
				t.Fatalf("per rate = %+v, want %v", got.PerRate, tt.perRate)
			}
			for i, r := range got.PerRate {
				s := r.Rate.String() + ":" + r.Base.String() + ":" + r.VAT.String()
				if s != tt.perRate[i] {
					t.Errorf("per rate[%d] = %s, want %s", i, s, tt.perRate[i])
				}
			}
		})
	}
}

func BenchmarkComputeTotals(b *testing.B) {
	q := validQuote()
	for range 17 { // 20 lines, a large quote
		q.Lines = append(q.Lines, line(KindService, "3.5", "95.00", "21"))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = ComputeTotals(q.Lines)
	}
}
