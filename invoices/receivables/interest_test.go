package receivables

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func day(s string) civil.Date      { return civil.MustParse(s) }
func dayp(s string) *civil.Date    { d := day(s); return &d }

type wantLine struct {
	from, to string
	days     int
	rate     string
	base     string
	amount   string
}

func checkLines(t *testing.T, got []InterestLine, want []wantLine) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("lines: got %d %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.From != day(w.from) || g.To != day(w.to) || g.Days != w.days || !g.Rate.Equal(dec(w.rate)) ||
			!g.Base.Equal(dec(w.base)) || !g.Amount.Equal(dec(w.amount)) {
			t.Errorf("line %d: got %s..%s %d days %s%% on %s = %s; want %+v", i, g.From, g.To, g.Days, g.Rate, g.Base, g.Amount, w)
		}
	}
}

func eq(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(dec(want)) {
		t.Errorf("%s: got %s, want %s", what, got, want)
	}
}

// Each case is computed by hand in its comment: amount = base × rate × days / 36500,
// rounded half away from zero per line.
func TestStatutoryInterest(t *testing.T) {
	t.Run("INV-4_rate_change_splits_the_period", func(t *testing.T) {
		// €10,000.00 due 2024-06-15: interest from 2024-06-16; claim on 2024-08-01.
		// 16–30 Jun: 15 days × 12.50 %: 10000 × 12.5 × 15 / 36500 = 51.369… → 51.37
		// 1–31 Jul:  31 days × 12.25 %: 10000 × 12.25 × 31 / 36500 = 104.041… → 104.04
		// interest 155.41, total 10,155.41 (002: claimable at once)
		c, err := ComputeClaim(ClaimInput{Principal: dec("10000.00"), DueDate: day("2024-06-15"), On: day("2024-08-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2024-06-16")})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2024-06-16", "2024-06-30", 15, "12.50", "10000.00", "51.37"},
			{"2024-07-01", "2024-07-31", 31, "12.25", "10000.00", "104.04"},
		})
		eq(t, "interest", c.Interest, "155.41")
		eq(t, "total", c.Total, "10155.41")
	})

	t.Run("INV-4_yearly_compounding_art_6_119_lid_2", func(t *testing.T) {
		// €1,000.00 due 2023-03-14: interest from 2023-03-15; claim on 2024-04-01.
		// 15 Mar–30 Jun 2023: 108 days × 10.50: 1000 × 10.5 × 108 / 36500 = 31.068… → 31.07
		// 1 Jul–31 Dec 2023:  184 days × 12.00: 1000 × 12 × 184 / 36500 = 60.493… → 60.49
		// 1 Jan–14 Mar 2024:   74 days × 12.50: 1000 × 12.5 × 74 / 36500 = 25.342… → 25.34
		// year's interest 116.90 → base from 2024-03-15 is 1,116.90
		// 15–31 Mar 2024: 17 days × 12.50: 1116.90 × 12.5 × 17 / 36500 = 6.5025 → 6.50
		// interest 123.40
		c, err := ComputeClaim(ClaimInput{Principal: dec("1000.00"), DueDate: day("2023-03-14"), On: day("2024-04-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2023-03-15")})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2023-03-15", "2023-06-30", 108, "10.50", "1000.00", "31.07"},
			{"2023-07-01", "2023-12-31", 184, "12.00", "1000.00", "60.49"},
			{"2024-01-01", "2024-03-14", 74, "12.50", "1000.00", "25.34"},
			{"2024-03-15", "2024-03-31", 17, "12.50", "1116.90", "6.50"},
		})
		eq(t, "interest", c.Interest, "123.40")
		eq(t, "principal", c.Principal, "1000.00")
		eq(t, "total", c.Total, "1123.40")
	})

	t.Run("INV-4_partial_payment_goes_to_interest_first_art_6_44", func(t *testing.T) {
		// €5,000.00 due 2025-01-31 (002), €1,000.00 paid on 2025-03-03, claim on 2025-04-01.
		// 1 Feb–2 Mar: 30 days × 11.15: 5000 × 11.15 × 30 / 36500 = 45.821… → 45.82
		// payment: 45.82 to interest, 954.18 to principal → principal 4,045.82
		// 3–31 Mar: 29 days: 4045.82 × 11.15 × 29 / 36500 = 35.841… → 35.84
		// claim: principal 4,045.82 + interest 35.84 = 4,081.66; paid 1,000.00
		c, err := ComputeClaim(ClaimInput{Principal: dec("5000.00"), DueDate: day("2025-01-31"), On: day("2025-04-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2025-02-01"),
			Movements: []Movement{{On: day("2025-03-03"), Kind: MovePayment, Amount: dec("1000.00")}}})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2025-02-01", "2025-03-02", 30, "11.15", "5000.00", "45.82"},
			{"2025-03-03", "2025-03-31", 29, "11.15", "4045.82", "35.84"},
		})
		eq(t, "to interest", c.Splits[0].ToInterest, "45.82")
		eq(t, "to principal", c.Splits[0].ToPrincipal, "954.18")
		eq(t, "principal", c.Principal, "4045.82")
		eq(t, "interest", c.Interest, "35.84")
		eq(t, "paid", c.Paid, "1000.00")
		eq(t, "total", c.Total, "4081.66")
	})

	t.Run("INV-3_004_interest_not_yet_claimable_payment_to_principal", func(t *testing.T) {
		// As above under 004 without a failed reminder: the whole €1,000 goes to principal.
		// 1 Feb–2 Mar: 45.82 (as above); 3–31 Mar: 4000 × 11.15 × 29 / 36500 = 35.435… → 35.44
		// interest computed 81.26 but not claimable: total is the principal 4,000.00
		c, err := ComputeClaim(ClaimInput{Principal: dec("5000.00"), DueDate: day("2025-01-31"), On: day("2025-04-01"),
			Rates: ShippedRates, Movements: []Movement{{On: day("2025-03-03"), Kind: MovePayment, Amount: dec("1000.00")}}})
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "principal", c.Principal, "4000.00")
		eq(t, "interest", c.Interest, "81.26")
		eq(t, "total", c.Total, "4000.00")
		if c.InterestClaimable {
			t.Error("interest claimable under 004 before a failed reminder")
		}
	})

	t.Run("INV-4_payment_to_costs_then_interest_then_principal", func(t *testing.T) {
		// €1,000.00 due 2025-01-31 (002), costs due from 2025-03-01 (WIK 15 % = 150.00),
		// €300.00 paid on 2025-03-11, claim on 2025-03-21.
		// 1 Feb–10 Mar: 38 days: 1000 × 11.15 × 38 / 36500 = 11.608… → 11.61
		// payment: 150.00 costs, 11.61 interest, 138.39 principal → principal 861.61
		// 11–20 Mar: 10 days: 861.61 × 11.15 × 10 / 36500 = 2.632… → 2.63
		// total 861.61 + 2.63 = 864.24
		c, err := ComputeClaim(ClaimInput{Principal: dec("1000.00"), DueDate: day("2025-01-31"), On: day("2025-03-21"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2025-02-01"), CostsDueFrom: dayp("2025-03-01"), Costs: WIK,
			Movements: []Movement{{On: day("2025-03-11"), Kind: MovePayment, Amount: dec("300.00")}}})
		if err != nil {
			t.Fatal(err)
		}
		sp := c.Splits[0]
		eq(t, "to costs", sp.ToCosts, "150.00")
		eq(t, "to interest", sp.ToInterest, "11.61")
		eq(t, "to principal", sp.ToPrincipal, "138.39")
		eq(t, "costs", c.CollectionCosts, "0")
		eq(t, "interest", c.Interest, "2.63")
		eq(t, "total", c.Total, "864.24")
	})

	t.Run("INV-5_dispute_within_10_days_part_bears_no_interest_under_003", func(t *testing.T) {
		// €2,000.00 dated 2025-03-01, due 2025-03-15; €500.00 disputed on 2025-03-05,
		// resolved 2025-04-10; claim on 2025-05-01. The undisputed €1,500 accrues.
		// 16 Mar–9 Apr: 25 days on 1500: 1500 × 11.15 × 25 / 36500 = 11.455… → 11.46
		// 10–30 Apr:    21 days on 2000: 2000 × 11.15 × 21 / 36500 = 12.830… → 12.83
		// interest 24.29
		c, err := ComputeClaim(ClaimInput{Principal: dec("2000.00"), DueDate: day("2025-03-15"), On: day("2025-05-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2025-03-16"),
			Free: []InterestFreeSpan{{From: day("2025-03-05"), Until: day("2025-04-10"), Part: dec("500.00")}}})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2025-03-16", "2025-04-09", 25, "11.15", "1500.00", "11.46"},
			{"2025-04-10", "2025-04-30", 21, "11.15", "2000.00", "12.83"},
		})
		eq(t, "interest", c.Interest, "24.29")
	})

	t.Run("INV-5_whole_invoice_disputed_no_interest_while_it_stands", func(t *testing.T) {
		c, err := ComputeClaim(ClaimInput{Principal: dec("2000.00"), DueDate: day("2025-03-15"), On: day("2025-05-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2025-03-16"),
			Free: []InterestFreeSpan{{From: day("2025-03-05")}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Lines) != 0 || !c.Interest.IsZero() {
			t.Fatalf("interest on a disputed invoice: %+v", c.Lines)
		}
		eq(t, "total", c.Total, "2000.00")
	})

	t.Run("INV-4_leap_year_counts_366_days_of_a_365_day_year", func(t *testing.T) {
		// €3,650.00 due 2023-12-31: interest from 2024-01-01, claim on 2025-01-01.
		// 1 Jan–30 Jun 2024: 182 days × 12.50: 3650 × 12.5 × 182 / 36500 = 227.50
		// 1 Jul–31 Dec 2024: 184 days × 12.25: 3650 × 12.25 × 184 / 36500 = 225.40
		// 366 days of interest, 452.90 (a 366-day year would give less: 226.88 + …)
		c, err := ComputeClaim(ClaimInput{Principal: dec("3650.00"), DueDate: day("2023-12-31"), On: day("2025-01-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2024-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2024-01-01", "2024-06-30", 182, "12.50", "3650.00", "227.50"},
			{"2024-07-01", "2024-12-31", 184, "12.25", "3650.00", "225.40"},
		})
		eq(t, "interest", c.Interest, "452.90")
	})

	t.Run("INV-4_year_from_29_february_compounds_on_1_march", func(t *testing.T) {
		// €1,000.00 due 2024-02-28: interest from 2024-02-29; the first full year ends on
		// 2025-02-28, so the base grows on 2025-03-01. Claim on 2025-03-02.
		// 29 Feb–30 Jun 2024: 123 days × 12.50: 1000 × 12.5 × 123 / 36500 = 42.123… → 42.12
		// 1 Jul–31 Dec 2024:  184 days × 12.25: 1000 × 12.25 × 184 / 36500 = 61.753… → 61.75
		// 1 Jan–28 Feb 2025:   59 days × 11.15: 1000 × 11.15 × 59 / 36500 = 18.023… → 18.02
		// year 121.89 → 1 Mar 2025: 1 day on 1121.89: 1121.89 × 11.15 / 36500 = 0.342… → 0.34
		c, err := ComputeClaim(ClaimInput{Principal: dec("1000.00"), DueDate: day("2024-02-28"), On: day("2025-03-02"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2024-02-29")})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, c.Lines, []wantLine{
			{"2024-02-29", "2024-06-30", 123, "12.50", "1000.00", "42.12"},
			{"2024-07-01", "2024-12-31", 184, "12.25", "1000.00", "61.75"},
			{"2025-01-01", "2025-02-28", 59, "11.15", "1000.00", "18.02"},
			{"2025-03-01", "2025-03-01", 1, "11.15", "1121.89", "0.34"},
		})
	})

	t.Run("INV-4_credit_note_lowers_the_principal", func(t *testing.T) {
		// €1,000.00 due 2025-01-31, credit note €1,000.00 on 2025-01-20: nothing left, no interest.
		c, err := ComputeClaim(ClaimInput{Principal: dec("1000.00"), DueDate: day("2025-01-31"), On: day("2025-04-01"),
			Rates: ShippedRates, InterestClaimableFrom: dayp("2025-02-01"),
			Movements: []Movement{{On: day("2025-01-20"), Kind: MoveCredit, Amount: dec("1000.00")}}})
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "principal", c.Principal, "0")
		eq(t, "total", c.Total, "0")
		eq(t, "credited", c.Credited, "1000.00")
	})

	t.Run("INV-4_missing_rate_blocks_with_a_reason", func(t *testing.T) {
		_, err := ComputeClaim(ClaimInput{Principal: dec("1000.00"), DueDate: day("2018-06-30"), On: day("2019-02-01"), Rates: ShippedRates})
		if !errors.Is(err, ErrNoRate) {
			t.Fatalf("want ErrNoRate, got %v", err)
		}
		if want := "2018-07-01 is before the first rate"; !contains(err.Error(), want) {
			t.Errorf("reason %q lacks %q", err, want)
		}
	})
}

func contains(s, sub string) bool { return len(sub) == 0 || (len(s) >= len(sub) && index(s, sub) >= 0) }

func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestWIKScale(t *testing.T) {
	for _, c := range []struct{ name, principal, want string }{
		{"INV-4_minimum_40", "266.00", "40.00"},                       // 15 % = 39.90 → 40.00
		{"INV-4_first_band_15pct", "1000.00", "150.00"},               // 15 % of 1000
		{"INV-4_first_band_full", "2500.00", "375.00"},                // 15 % of 2500
		{"INV-4_second_band_10pct", "5000.00", "625.00"},              // 375 + 250
		{"INV-4_third_band_5pct", "10000.00", "875.00"},               // 625 + 250
		{"INV-4_fourth_band_1pct", "12345.67", "898.46"},              // 875 + 23.4567
		{"INV-4_fourth_band_full", "200000.00", "2775.00"},            // 875 + 1900
		{"INV-4_fifth_band_reaches_maximum", "1000000.00", "6775.00"}, // 2775 + 4000
		{"INV-4_maximum_6775", "2000000.00", "6775.00"},               // 2775 + 9000 → 6775
	} {
		t.Run(c.name, func(t *testing.T) { eq(t, "WIK", WIK(dec(c.principal)), c.want) })
	}
	t.Run("INV-4_contract_15pct_of_invoice_total_003_12_9", func(t *testing.T) {
		r := CostsRule{Kind: "percent_of_invoice", Percent: dec("15")}
		eq(t, "costs", r.Compute(dec("2000.00"), dec("500.00")), "300.00") // 15 % of the total, not the unpaid part
	})
}
