package hardware

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
)

func ams(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, clock.Amsterdam)
	if err != nil {
		panic(err)
	}
	return t
}

func nl(t *testing.T) *calendar.Calendar {
	cal, ok := calendar.Builtin("nl-werktijden")
	if !ok {
		t.Fatal("no nl-werktijden calendar")
	}
	return cal
}

func TestInspectionWindows(t *testing.T) {
	cal := nl(t)
	cases := []struct {
		name                        string
		kind                        string
		delivered, discovered, sent string
		deadline                    string // Amsterdam wall clock, seconds dropped
		inTime                      bool
	}{
		{"HW-5_visible_24h_edge_exactly_24h", Visible, "2026-03-03 14:30", "", "2026-03-04 14:30", "2026-03-04 14:30", true},
		{"HW-5_visible_24h_edge_one_minute_late", Visible, "2026-03-03 14:30", "", "2026-03-04 14:31", "2026-03-04 14:30", false},
		{"HW-5_visible_24h_edge_one_minute_early", Visible, "2026-03-03 14:30", "", "2026-03-04 14:29", "2026-03-04 14:30", true},
		{"HW-5_visible_weekend_counts_saturday", Visible, "2026-03-06 16:00", "", "2026-03-07 15:59", "2026-03-07 16:00", true},
		{"HW-5_visible_weekend_monday_is_late", Visible, "2026-03-06 16:00", "", "2026-03-09 09:00", "2026-03-07 16:00", false},
		// 29 March 2026: clocks go 02:00 → 03:00; 24 real hours end at 11:00 CEST
		{"HW-5_visible_DST_spring_night_23_wall_hours_later_still_in_time", Visible, "2026-03-28 10:00", "", "2026-03-29 10:30", "2026-03-29 11:00", true},
		{"HW-5_visible_DST_spring_night_late_after_real_24h", Visible, "2026-03-28 10:00", "", "2026-03-29 11:01", "2026-03-29 11:00", false},
		// 25 October 2026: clocks go 03:00 → 02:00; 24 real hours end at 09:00 CET
		{"HW-5_visible_DST_autumn_night_wall_clock_24h_is_late", Visible, "2026-10-24 10:00", "", "2026-10-25 09:30", "2026-10-25 09:00", false},
		{"HW-5_visible_DST_autumn_night_in_time", Visible, "2026-10-24 10:00", "", "2026-10-25 08:59", "2026-10-25 09:00", true},
		{"HW-5_CAL-1_hidden_weekend_skipped", Hidden, "2026-03-02 10:00", "2026-03-06 11:00", "2026-03-13 23:59", "2026-03-13 23:59", true},
		{"HW-5_hidden_weekend_saturday_after_5th_day_late", Hidden, "2026-03-02 10:00", "2026-03-06 11:00", "2026-03-14 00:00", "2026-03-13 23:59", false},
		{"HW-5_hidden_discovered_on_saturday", Hidden, "2026-03-02 10:00", "2026-03-07 11:00", "2026-03-13 18:00", "2026-03-13 23:59", true},
		// Koningsdag Monday 27 April 2026 is no working day (CAL-1)
		{"HW-5_CAL-1_hidden_Koningsdag_not_counted", Hidden, "2026-04-20 10:00", "2026-04-22 09:00", "2026-04-30 17:00", "2026-04-30 23:59", true},
		{"HW-5_hidden_Koningsdag_late_on_friday", Hidden, "2026-04-20 10:00", "2026-04-22 09:00", "2026-05-01 00:01", "2026-04-30 23:59", false},
		{"HW-5_hidden_DST_autumn_end_of_day_local", Hidden, "2026-10-01 10:00", "2026-10-22 09:00", "2026-10-29 23:30", "2026-10-29 23:59", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var disc time.Time
			if c.discovered != "" {
				disc = ams(c.discovered)
			}
			v := Inspect(cal, c.kind, ams(c.delivered), disc, ams(c.sent))
			if got := v.Deadline.In(clock.Amsterdam).Format("2006-01-02 15:04"); got != c.deadline {
				t.Errorf("deadline %s, want %s", got, c.deadline)
			}
			if v.InTime != c.inTime {
				t.Errorf("in time %v, want %v", v.InTime, c.inTime)
			}
			if v.InTime == (v.LostReason != "") {
				t.Errorf("lost reason %q with in_time %v", v.LostReason, v.InTime)
			}
		})
	}
	t.Run("HW-5_visible_window_is_24_real_hours_across_DST", func(t *testing.T) {
		d := ams("2026-03-28 10:00")
		if got := VisibleDeadline(d).Sub(d); got != 24*time.Hour {
			t.Fatalf("window %v", got)
		}
	})
}

func day(s string) *civil.Date { d := civil.MustParse(s); return &d }

func TestTitleTransfer(t *testing.T) {
	scope := TitleScope{Profile: Profile004, DeliveryLineID: 7, OrderID: 3}
	hw := ChargeFact{ChargeID: 1, SourceDomain: "hardware", SourceKind: "delivery_line", SourceID: 7, AgreementKind: "order", AgreementID: 3}
	other := ChargeFact{ChargeID: 2, SourceDomain: "hardware", SourceKind: "delivery_line", SourceID: 8, AgreementKind: "order", AgreementID: 3}
	svc := ChargeFact{ChargeID: 3, SourceDomain: "orders", SourceKind: "order_line", SourceID: 40, AgreementKind: "order", AgreementID: 3}
	foreign := ChargeFact{ChargeID: 4, SourceDomain: "orders", SourceKind: "order_line", SourceID: 41, AgreementKind: "order", AgreementID: 9}
	g := decimal.RequireFromString
	cases := []struct {
		name     string
		scope    TitleScope
		invoices []InvoiceFact
		open     int
		title    string
		on       string
	}{
		{"HW-4_not_invoiced_stays_retained", scope, nil, 1, Retained, ""},
		{"HW-4_partial_payment_keeps_title", scope, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("363"), Charges: []ChargeFact{svc}}}, 0, Retained, ""},
		{"INV-8_last_payment_transfers_title_on_its_day", scope, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("363"), PaidOn: day("2026-04-10"), Charges: []ChargeFact{svc}}}, 0, Transferred, "2026-04-10"},
		{"INV-8_a_credit_note_counts", scope, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("363"), Credited: g("363"), CreditOn: day("2026-04-05"), Charges: []ChargeFact{svc}}}, 0, Transferred, "2026-04-05"},
		{"INV-8_a_partial_credit_note_keeps_title", scope, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("363"), Credited: g("100"), CreditOn: day("2026-04-05"), Charges: []ChargeFact{svc}}}, 0, Retained, ""},
		{"HW-4_004_other_hardware_and_other_agreements_do_not_count", scope, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("500"), Charges: []ChargeFact{other, foreign}}}, 0, Transferred, "2026-04-01"},
		{"HW-4_002_everything_owed_under_the_agreement", TitleScope{Profile: Profile002, DeliveryLineID: 7, OrderID: 3}, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}},
			{ID: 2, Gross: g("500"), Charges: []ChargeFact{other}}}, 0, Retained, ""},
		{"HW-4_002_open_charges_of_the_agreement_keep_title", TitleScope{Profile: Profile002, DeliveryLineID: 7, OrderID: 3}, []InvoiceFact{
			{ID: 1, Gross: g("1210"), PaidOn: day("2026-04-01"), Charges: []ChargeFact{hw}}}, 2, Retained, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := TitleOf(c.scope, c.invoices, c.open)
			if v.Title != c.title {
				t.Fatalf("title %s (%s), want %s", v.Title, v.Reason, c.title)
			}
			if c.on != "" && (v.On == nil || v.On.String() != c.on) {
				t.Fatalf("transferred on %v, want %s", v.On, c.on)
			}
		})
	}
}

func TestWarranty(t *testing.T) {
	p := &Product{WarrantyMonths: 36, Condition: ConditionNew}
	on := civil.MustParse("2026-03-03")
	cases := []struct {
		name     string
		p        *Product
		country  string
		discount string
		covered  bool
	}{
		{"HW-7_manufacturer_term_from_delivery", p, "NL", "0", true},
		{"HW-7_outside_EU_no_warranty", p, "CH", "0", false},
		{"HW-7_discounted_no_warranty", p, "NL", "5", false},
		{"HW-7_second_hand_no_warranty", &Product{WarrantyMonths: 12, Condition: ConditionSecondHand}, "BE", "0", false},
		{"HW-7_refurbished_keeps_warranty", &Product{WarrantyMonths: 12, Condition: ConditionRefurbished}, "DE", "0", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := WarrantyFor(c.p, on, c.country, decimal.RequireFromString(c.discount))
			if w.Covered != c.covered || w.Reason == "" {
				t.Fatalf("%+v", w)
			}
			if w.Covered && w.Until.String() != on.AddMonths(c.p.WarrantyMonths).String() {
				t.Fatalf("until %s", w.Until)
			}
		})
	}
}

func TestRiskAndStorage(t *testing.T) {
	disp, del := ams("2026-03-03 07:00"), ams("2026-03-03 11:00")
	if got := RiskSince(Profile004, &disp, del); !got.Equal(del) {
		t.Errorf("HW-3 004: risk since %v, want delivery", got)
	}
	if got := RiskSince(Profile002, &disp, del); !got.Equal(disp) {
		t.Errorf("HW-3 002: risk since %v, want dispatch", got)
	}
	s := ams("2026-03-03 11:00")
	for _, c := range []struct {
		now  string
		want int
	}{{"2026-03-03 11:00", 1}, {"2026-03-10 10:59", 1}, {"2026-03-10 11:00", 2}, {"2026-03-30 12:00", 4}} {
		if got := StorageWeeks(s, ams(c.now)); got != c.want {
			t.Errorf("HW-2 storage weeks at %s: %d, want %d", c.now, got, c.want)
		}
	}
}
