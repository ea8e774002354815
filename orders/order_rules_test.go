package orders

import (
	"slices"
	"testing"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// order builds an open order starting on start with the given lines.
func order(start civil.Date, cancellable bool, lines ...Line) *Order {
	for i := range lines {
		lines[i].ID = int64(i + 1)
	}
	return &Order{ID: 1, Number: "O2026-0001", QuoteNumber: "Q2026-0001", Status: OrderOpen, StartDate: start, Cancellable: cancellable, Lines: lines}
}

func TestCancellationOutcome(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	service := func() Line { return line(KindService, "10", "100.00", "21") }   // 1000.00
	training := func() Line { return line(KindTraining, "2", "450.00", "21") }  // 900.00
	hardware := func() Line { return line(KindHardware, "1", "1234.56", "21") } // 1234.56
	monday15June, tuesday7April := civil.D(2026, 6, 15), civil.D(2026, 4, 7)
	tests := []struct {
		name      string
		order     *Order
		today     civil.Date
		wantErr   *problem.Error
		fee       string
		freeUntil civil.Date
	}{
		{name: "Q-4_no_option_agreed", order: order(monday15June, false, service()), today: civil.D(2026, 5, 1), wantErr: ErrCancellationNotAgreed},
		{name: "Q-4_no_option_agreed_mixed_with_training", order: order(monday15June, false, training(), hardware()), today: civil.D(2026, 5, 1), wantErr: ErrCancellationNotAgreed},
		{name: "Q-4_exactly_5_working_days_before_is_free", order: order(monday15June, true, service(), hardware()), today: civil.D(2026, 6, 8), fee: "0", freeUntil: civil.D(2026, 6, 8)},
		{name: "Q-4_weekend_before_deadline_is_free", order: order(monday15June, true, service()), today: civil.D(2026, 6, 7), fee: "0", freeUntil: civil.D(2026, 6, 8)},
		{name: "Q-4_4_working_days_before_full_fee", order: order(monday15June, true, service(), hardware()), today: civil.D(2026, 6, 9), fee: "2234.56", freeUntil: civil.D(2026, 6, 8)},
		{name: "Q-4_on_the_start_date_full_fee", order: order(monday15June, true, service()), today: monday15June, fee: "1000.00", freeUntil: civil.D(2026, 6, 8)},
		{name: "Q-4_after_the_start_date_full_fee", order: order(monday15June, true, service()), today: civil.D(2026, 7, 1), fee: "1000.00", freeUntil: civil.D(2026, 6, 8)},
		// Good Friday 3 April and Easter Monday 6 April 2026 are not working days: five
		// working days before Tuesday 7 April reach back to Friday 27 March.
		{name: "Q-4_easter_holidays_do_not_count_free", order: order(tuesday7April, true, service()), today: civil.D(2026, 3, 27), fee: "0", freeUntil: civil.D(2026, 3, 27)},
		{name: "Q-4_easter_holidays_do_not_count_late", order: order(tuesday7April, true, service()), today: civil.D(2026, 3, 30), fee: "1000.00", freeUntil: civil.D(2026, 3, 27)},
		// King's Day, Monday 27 April 2026.
		{name: "Q-4_kings_day_does_not_count", order: order(civil.D(2026, 5, 1), true, service()), today: civil.D(2026, 4, 24), fee: "1000.00", freeUntil: civil.D(2026, 4, 23)},
		{name: "Q-4_training_free_until_5_calendar_days_before", order: order(monday15June, false, training()), today: civil.D(2026, 6, 10), fee: "0", freeUntil: civil.D(2026, 6, 10)},
		{name: "Q-4_training_within_5_days_is_charged", order: order(monday15June, false, training()), today: civil.D(2026, 6, 11), fee: "900.00", freeUntil: civil.D(2026, 6, 10)},
		// On 9 June the service line is late (free until 8 June), the training is not (10 June).
		{name: "Q-4_mixed_order_charges_only_late_lines", order: order(monday15June, true, service(), training()), today: civil.D(2026, 6, 9), fee: "1000.00", freeUntil: civil.D(2026, 6, 8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := CancellationOutcome(tt.order, tt.today, cal)
			if tt.wantErr != nil {
				wantRule(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !c.Fee.Equal(dec(tt.fee)) || c.FreeUntil != tt.freeUntil {
				t.Fatalf("fee %s free until %s, want %s until %s", c.Fee, c.FreeUntil, tt.fee, tt.freeUntil)
			}
			if c.Late != c.Fee.IsPositive() {
				t.Fatalf("late = %v with fee %s", c.Late, c.Fee)
			}
			tt.order.Cancel(c, ams(2026, 6, 1, 9, 0))
			if tt.order.Status != OrderCancelled || !tt.order.CancellationFee.Equal(c.Fee) {
				t.Fatalf("cancel not applied: %s %v", tt.order.Status, tt.order.CancellationFee)
			}
			_, err = CancellationOutcome(tt.order, tt.today, cal)
			wantRule(t, err, ErrOrderNotCancellable)
		})
	}
}

func TestLeadTime(t *testing.T) {
	t.Parallel()
	cal := werktijden(t)
	friday24April := civil.D(2026, 4, 24)
	met := Preconditions{DetailsAgreed: civil.D(2026, 4, 20), DataSupplied: friday24April, QuoteAccepted: civil.D(2026, 4, 15)}
	tests := []struct {
		name       string
		pre        Preconditions
		leadDays   int
		extensions []int
		started    bool
		missing    []string
		start      civil.Date
		target     civil.Date
	}{
		{name: "Q-6_nothing_met", pre: Preconditions{QuoteAccepted: civil.D(2026, 4, 15), AdvancePaymentRequired: true}, leadDays: 3,
			missing: []string{PreconditionDetailsAgreed, PreconditionDataSupplied, PreconditionAdvancePayment}},
		{name: "Q-6_advance_payment_agreed_not_received", pre: func() Preconditions { p := met; p.AdvancePaymentRequired = true; return p }(), leadDays: 3,
			missing: []string{PreconditionAdvancePayment}},
		// Lead time starts on the last precondition (Friday 24 April); King's Day 27 April is
		// skipped: Tue 28, Wed 29, Thu 30.
		{name: "Q-6_starts_when_last_precondition_met", pre: met, leadDays: 3, started: true, start: friday24April, target: civil.D(2026, 4, 30)},
		{name: "Q-6_advance_payment_received_last", pre: func() Preconditions {
			p := met
			p.AdvancePaymentRequired, p.AdvancePaymentReceived = true, civil.D(2026, 4, 28)
			return p
		}(), leadDays: 3, started: true, start: civil.D(2026, 4, 28), target: civil.D(2026, 5, 1)},
		// Extensions add working days: 3 + 2 reaches Monday 4 May; one more skips
		// Liberation Day (5 May) to Wednesday 6 May.
		{name: "Q-6_extensions_move_the_target", pre: met, leadDays: 3, extensions: []int{2, 1}, started: true, start: friday24April, target: civil.D(2026, 5, 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := order(civil.D(2026, 6, 1), false, line(KindService, "1", "10", "21"))
			o.Preconditions, o.LeadTimeDays = tt.pre, tt.leadDays
			for _, d := range tt.extensions {
				o.Extensions = append(o.Extensions, Extension{WorkingDays: d, Reason: ExtendChangeWork})
			}
			p := o.Plan(cal)
			if p.LeadTimeStarted != tt.started || !slices.Equal(p.Missing, tt.missing) {
				t.Fatalf("started %v missing %v, want %v %v", p.LeadTimeStarted, p.Missing, tt.started, tt.missing)
			}
			if p.LeadTimeStart != tt.start || p.TargetDate != tt.target {
				t.Fatalf("start %s target %s, want %s %s", p.LeadTimeStart, p.TargetDate, tt.start, tt.target)
			}
		})
	}
}

func TestValidateExtension(t *testing.T) {
	t.Parallel()
	if err := ValidateExtension(Extension{WorkingDays: 3, Reason: ExtendPhaseApproval, Note: "customer approval of phase 1 took a week"}); err != nil {
		t.Fatalf("Q-6 valid extension refused: %v", err)
	}
	got := fieldsOf(t, ValidateExtension(Extension{WorkingDays: 0, Reason: "weather"}))
	if !slices.Equal(got, sorted([]string{"working_days", "reason", "note"})) {
		t.Fatalf("Q-6 fields = %v", got)
	}
}
