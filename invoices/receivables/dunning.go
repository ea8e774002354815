package receivables

import (
	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// InterestClaim says when a terms profile lets the interest be claimed (INV-3); the
// amount is always computed from the day after the due date.
type InterestClaim string

// The claim rules of the seeds.
const (
	ClaimAtOnce              InterestClaim = "at_once"                     // 002:13.4
	ClaimAfterFailedReminder InterestClaim = "after_failed_reminder"       // 004:5.2 (default)
	ClaimUnlessDisputed10d   InterestClaim = "at_once_unless_disputed_10d" // 003:12.9
)

// Step is one dunning step of a schedule: the letter sent at Stage and the term it gives.
// The first step is sent AfterDueDays after the due date; every later one the day after
// the previous step's term has passed.
type Step struct {
	Stage         Stage `json:"stage"`
	AfterDueDays  int   `json:"after_due_days,omitempty"`
	PayWithinDays int   `json:"pay_within_days,omitempty"`
	// WorkingDays: the term is in working days of the calendar (the suspension notice
	// gives at least 5 working days, INV-5).
	WorkingDays bool `json:"working_days,omitempty"`
}

// Profile is a terms profile's receivables rules as data.
type Profile struct {
	Code     string        `json:"code"`
	Name     string        `json:"name"`
	Interest InterestClaim `json:"interest"`
	Costs    CostsRule     `json:"costs"`
	Steps    []Step        `json:"steps"`
	// SuspendOnTwoOverdue: suspension only when two consecutive invoices are overdue (003:12.10).
	SuspendOnTwoOverdue bool `json:"suspend_on_two_overdue"`
}

// DefaultProfile is the terms profile used when a charge names none (004).
const DefaultProfile = "004"

var (
	wik          = CostsRule{Kind: "wik"}
	standardPlan = []Step{
		{Stage: StageFirstReminder, AfterDueDays: 7, PayWithinDays: 14},
		{Stage: StageSecondReminder, PayWithinDays: 7},
		{Stage: StageSuspension, PayWithinDays: 5, WorkingDays: true},
		{Stage: StageDefaultNotice, PayWithinDays: 14},
		{Stage: StageCollection},
	}
	profiles = map[string]Profile{
		"002": {Code: "002", Name: "IT aanspreekpunt", Interest: ClaimAtOnce, Costs: wik, Steps: standardPlan},
		"003": {Code: "003", Name: "Smartlockr", Interest: ClaimUnlessDisputed10d,
			Costs: CostsRule{Kind: "percent_of_invoice", Percent: decimal.NewFromInt(15)}, Steps: standardPlan, SuspendOnTwoOverdue: true},
		"004": {Code: "004", Name: "Cloudwise", Interest: ClaimAfterFailedReminder, Costs: wik, Steps: standardPlan},
		// Cliendo (000:9): reminders two weeks apart, the account blocked with the third
		// reminder, six weeks after the due date.
		"000": {Code: "000", Name: "Cliendo", Interest: ClaimAfterFailedReminder, Costs: wik, Steps: []Step{
			{Stage: StageFirstReminder, AfterDueDays: 14, PayWithinDays: 13},
			{Stage: StageSecondReminder, PayWithinDays: 13},
			{Stage: StageSuspension, PayWithinDays: 5, WorkingDays: true},
			{Stage: StageDefaultNotice, PayWithinDays: 14},
			{Stage: StageCollection},
		}},
	}
)

// ProfileFor returns the rules of a terms profile, the default (004) for an unknown one.
func ProfileFor(code string) Profile {
	if p, ok := profiles[code]; ok {
		return p
	}
	return profiles[DefaultProfile]
}

// WorkingDays is the calendar arithmetic the suspension notice needs.
type WorkingDays interface {
	AddWorkingDays(d civil.Date, n int) civil.Date
}

// Sent is a dunning step recorded for an invoice.
type Sent struct {
	Stage Stage
	On    civil.Date
}

// DunningState is what the next step of one invoice depends on.
type DunningState struct {
	DueDate      civil.Date
	Sent         []Sent // in order
	Settled      bool   // nothing left to pay
	Disputed     bool   // a dispute stands (INV-5: no reminder)
	CreditCovers bool   // the customer's unallocated credit covers the claim
	TwoOverdue   bool   // this and the customer's previous (or next) invoice are both overdue
}

func (p Profile) index(s Stage) int {
	for i, st := range p.Steps {
		if st.Stage == s {
			return i
		}
	}
	return -1
}

// Deadline is the last day of the term a step sent on `on` gives.
func (st Step) Deadline(on civil.Date, cal WorkingDays) civil.Date {
	if st.WorkingDays && cal != nil {
		return cal.AddWorkingDays(on, st.PayWithinDays)
	}
	return on.AddDays(st.PayWithinDays)
}

// Next is the step to take for an invoice on `today`, if any (INV-3, INV-5, INV-6). It
// depends only on what was recorded, so running it again after recording the step gives
// nothing: the next step waits for this one's term.
func (p Profile) Next(s DunningState, today civil.Date, cal WorkingDays) (Step, bool) {
	if s.Settled || s.Disputed || s.CreditCovers || !today.After(s.DueDate) {
		return Step{}, false
	}
	i, earliest := 0, s.DueDate.AddDays(p.Steps[0].AfterDueDays)
	if n := len(s.Sent); n > 0 {
		last := s.Sent[n-1]
		li := p.index(last.Stage)
		if li < 0 || li+1 >= len(p.Steps) {
			return Step{}, false
		}
		i, earliest = li+1, p.Steps[li].Deadline(last.On, cal).AddDays(1)
	}
	if today.Before(earliest) {
		return Step{}, false
	}
	if p.Steps[i].Stage == StageSuspension && p.SuspendOnTwoOverdue && !s.TwoOverdue {
		i++ // 003:12.10: no suspension for a single overdue invoice; the default notice follows
	}
	if i >= len(p.Steps) {
		return Step{}, false
	}
	return p.Steps[i], true
}

// CurrentStage is the stage derived when read: paid, the last recorded step, overdue
// from the day after the due date, else issued.
func CurrentStage(s DunningState, today civil.Date) Stage {
	switch {
	case s.Settled:
		return StagePaid
	case len(s.Sent) > 0:
		return s.Sent[len(s.Sent)-1].Stage
	case today.After(s.DueDate):
		return StageOverdue
	}
	return StageIssued
}

// StepOf returns the schedule's step for a stage.
func (p Profile) StepOf(s Stage) (Step, bool) {
	if i := p.index(s); i >= 0 {
		return p.Steps[i], true
	}
	return Step{}, false
}

// InterestClaimableFrom is the first day the interest may be claimed (INV-3), nil while
// it may not: 002 and 003 at once; 004 once the term of the first reminder has passed.
func (p Profile) InterestClaimableFrom(due civil.Date, sent []Sent, cal WorkingDays) *civil.Date {
	if p.Interest != ClaimAfterFailedReminder {
		d := due.AddDays(1)
		return &d
	}
	for _, s := range sent {
		if s.Stage == StageFirstReminder {
			st, _ := p.StepOf(StageFirstReminder)
			d := st.Deadline(s.On, cal).AddDays(1)
			return &d
		}
	}
	return nil
}

// CostsDueFrom is the day the collection costs become due: the day after the default
// notice's term (INV-4), nil before a default notice was sent.
func (p Profile) CostsDueFrom(sent []Sent, cal WorkingDays) *civil.Date {
	for _, s := range sent {
		if s.Stage == StageDefaultNotice {
			st, _ := p.StepOf(StageDefaultNotice)
			d := st.Deadline(s.On, cal).AddDays(1)
			return &d
		}
	}
	return nil
}

// Dispute is a customer's objection to an invoice.
type Dispute struct {
	RaisedOn   civil.Date
	ResolvedOn civil.Date // zero while it stands
	Part       decimal.Decimal
}

// InterestFree returns the spans without interest (INV-5): under 003 a dispute raised
// within 10 days of the invoice date stops the interest on the disputed part for as long
// as it stands; in every other case the invoice keeps accruing.
func (p Profile) InterestFree(issueDate civil.Date, ds []Dispute) []InterestFreeSpan {
	if p.Interest != ClaimUnlessDisputed10d {
		return nil
	}
	var out []InterestFreeSpan
	for _, d := range ds {
		if !d.RaisedOn.After(issueDate.AddDays(10)) {
			out = append(out, InterestFreeSpan{From: d.RaisedOn, Until: d.ResolvedOn, Part: d.Part})
		}
	}
	return out
}
