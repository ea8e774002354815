package receivables

import (
	"testing"
	"time"

	"backoffice/internal/civil"
)

// weekdays is a calendar of Monday–Friday working days without holidays.
type weekdays struct{}

func (weekdays) AddWorkingDays(d civil.Date, n int) civil.Date {
	for n > 0 {
		d = d.AddDays(1)
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n--
		}
	}
	return d
}

func TestDunningSchedule(t *testing.T) {
	p := ProfileFor("004")
	due := day("2025-03-14") // a Friday
	var sent []Sent
	// expect walks the schedule: nothing the day before `on`, the stage on `on`, and nothing
	// again on the same day once recorded (the job is safe to repeat).
	expect := func(t *testing.T, st DunningState, on string, want Stage) {
		t.Helper()
		st.Sent = sent
		if s, ok := p.Next(st, day(on).AddDays(-1), weekdays{}); ok {
			t.Fatalf("%s: %s already on the day before", on, s.Stage)
		}
		s, ok := p.Next(st, day(on), weekdays{})
		if !ok || s.Stage != want {
			t.Fatalf("%s: got %v %v, want %s", on, s.Stage, ok, want)
		}
		sent = append(sent, Sent{want, day(on)})
		st.Sent = sent
		if s, ok := p.Next(st, day(on), weekdays{}); ok {
			t.Fatalf("%s: run twice gives %s again", on, s.Stage)
		}
	}
	t.Run("INV-3_steps_and_terms_004", func(t *testing.T) {
		st := DunningState{DueDate: due}
		if CurrentStage(st, day("2025-03-14")) != StageIssued || CurrentStage(st, day("2025-03-15")) != StageOverdue {
			t.Fatal("overdue from the day after the due date")
		}
		expect(t, st, "2025-03-21", StageFirstReminder)  // due + 7
		expect(t, st, "2025-04-05", StageSecondReminder) // 21 Mar + 14 = 4 Apr passed
		expect(t, st, "2025-04-13", StageSuspension)     // 5 Apr + 7 = 12 Apr passed
		expect(t, st, "2025-04-19", StageDefaultNotice)  // Sun 13 Apr + 5 working days = Fri 18 Apr passed
		expect(t, st, "2025-05-04", StageCollection)     // 19 Apr + 14 = 3 May passed
		st.Sent = sent
		if _, ok := p.Next(st, day("2026-01-01"), weekdays{}); ok {
			t.Fatal("a step after collection")
		}
		if got := CurrentStage(st, day("2025-05-04")); got != StageCollection {
			t.Fatalf("stage %s", got)
		}
	})
	t.Run("INV-3_004_interest_claimable_after_the_first_reminder_fails", func(t *testing.T) {
		if p.InterestClaimableFrom(due, nil, nil) != nil {
			t.Fatal("claimable before a reminder")
		}
		got := p.InterestClaimableFrom(due, []Sent{{StageFirstReminder, day("2025-03-21")}}, nil)
		if got == nil || *got != day("2025-04-05") {
			t.Fatalf("claimable from %v, want 2025-04-05", got)
		}
		if got := ProfileFor("002").InterestClaimableFrom(due, nil, nil); *got != day("2025-03-15") {
			t.Fatalf("002 claimable from %v", got)
		}
		costs := p.CostsDueFrom([]Sent{{StageDefaultNotice, day("2025-04-19")}}, nil)
		if costs == nil || *costs != day("2025-05-04") {
			t.Fatalf("INV-4 costs due from %v, want 2025-05-04", costs)
		}
	})
	t.Run("INV-5_no_reminder_while_disputed_or_covered_by_credit", func(t *testing.T) {
		for _, st := range []DunningState{{DueDate: due, Disputed: true}, {DueDate: due, CreditCovers: true}, {DueDate: due, Settled: true}} {
			if s, ok := p.Next(st, day("2025-04-01"), weekdays{}); ok {
				t.Fatalf("%+v: %s", st, s.Stage)
			}
		}
	})
	t.Run("INV-5_003_suspension_only_with_two_consecutive_overdue", func(t *testing.T) {
		p3 := ProfileFor("003")
		st := DunningState{DueDate: due, Sent: []Sent{{StageFirstReminder, day("2025-03-21")}, {StageSecondReminder, day("2025-04-05")}}}
		if s, _ := p3.Next(st, day("2025-04-13"), weekdays{}); s.Stage != StageDefaultNotice {
			t.Fatalf("single overdue invoice: %s, want default_notice", s.Stage)
		}
		st.TwoOverdue = true
		s, _ := p3.Next(st, day("2025-04-13"), weekdays{})
		if s.Stage != StageSuspension {
			t.Fatalf("two overdue: %s, want suspension", s.Stage)
		}
		// the notice gives at least 5 working days: sent Sun 13 Apr, suspended after Fri 18 Apr
		if d := s.Deadline(day("2025-04-13"), weekdays{}); d != day("2025-04-18") {
			t.Fatalf("notice term ends %s", d)
		}
	})
	t.Run("INV-6_cliendo_blocks_around_the_third_reminder", func(t *testing.T) {
		c := ProfileFor("000")
		st := DunningState{DueDate: due, Sent: []Sent{{StageFirstReminder, due.AddDays(14)}, {StageSecondReminder, due.AddDays(28)}}}
		s, ok := c.Next(st, due.AddDays(42), weekdays{})
		if !ok || s.Stage != StageSuspension {
			t.Fatalf("six weeks after the due date: %v", s.Stage)
		}
		if _, ok := c.Next(st, due.AddDays(41), weekdays{}); ok {
			t.Fatal("blocked before six weeks")
		}
	})
	t.Run("INV-5_003_dispute_within_10_days_is_interest_free", func(t *testing.T) {
		p3 := ProfileFor("003")
		issue := day("2025-03-01")
		spans := p3.InterestFree(issue, []Dispute{{RaisedOn: day("2025-03-11")}, {RaisedOn: day("2025-03-12")}})
		if len(spans) != 1 || spans[0].From != day("2025-03-11") {
			t.Fatalf("spans %+v: only the dispute by day 10 counts", spans)
		}
		if len(ProfileFor("004").InterestFree(issue, []Dispute{{RaisedOn: day("2025-03-02")}})) != 0 {
			t.Fatal("004 stops interest for a dispute")
		}
	})
}
