package receivables

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/invoices"
)

// Domain errors.
var (
	ErrAlreadyReversed = problem.Conflict("payment_already_reversed", "the payment was already reversed")
	ErrAlreadyDisputed = problem.Conflict("invoice_already_disputed", "the invoice has an open dispute")
	ErrNotDisputed     = problem.Conflict("invoice_not_disputed", "the invoice has no open dispute")
	ErrNotOpen         = problem.Conflict("invoice_not_open", "the invoice is not open")
	ErrEntryAssigned   = problem.Conflict("bank_entry_assigned", "the bank entry is already assigned")
	ErrCreditTooLow    = problem.Conflict("credit_insufficient", "the customer's unallocated credit is less than the refund")
)

// Service holds the use cases; each runs in one transaction.
type Service struct {
	d *platform.Deps
}

// NewService builds the service.
func NewService(d *platform.Deps) *Service { return &Service{d: d} }

func (s *Service) now() time.Time    { return s.d.Clock.Now() }
func (s *Service) today() civil.Date { return civil.In(s.now(), clock.Amsterdam) }
func (s *Service) cal(ctx context.Context) WorkingDays {
	if s.d.Calendars != nil {
		if c, err := s.d.Calendars.Get(ctx, "nl-werktijden"); err == nil && c != nil {
			return c
		}
	}
	if c, ok := calendar.Builtin("nl-werktijden"); ok {
		return c
	}
	return nil
}

// facts is everything stored about a set of invoices that their claims depend on.
type facts struct {
	rates    RateTable
	allocs   map[int64][]Allocation
	credits  map[int64][]creditRow
	disputes map[int64][]disputeRow
	steps    map[int64][]stepRow
}

func (s *Service) loadFacts(ctx context.Context, tx bun.IDB, ids []int64) (*facts, error) {
	f := &facts{allocs: map[int64][]Allocation{}, credits: map[int64][]creditRow{}, disputes: map[int64][]disputeRow{}, steps: map[int64][]stepRow{}}
	var err error
	if f.rates, err = loadRates(ctx, tx); err != nil {
		return nil, err
	}
	as, err := allocationsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		f.allocs[a.InvoiceID] = append(f.allocs[a.InvoiceID], a)
	}
	cs, err := creditsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		f.credits[c.InvoiceID] = append(f.credits[c.InvoiceID], c)
	}
	ds, err := disputesOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		f.disputes[d.InvoiceID] = append(f.disputes[d.InvoiceID], d)
	}
	ss, err := stepsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, st := range ss {
		f.steps[st.InvoiceID] = append(f.steps[st.InvoiceID], st)
	}
	return f, nil
}

func sentOf(rows []stepRow) []Sent {
	out := make([]Sent, len(rows))
	for i, r := range rows {
		out[i] = Sent{Stage(r.Stage), r.SentOn}
	}
	return out
}

func openDisputeOf(rows []disputeRow) *disputeRow {
	for i := range rows {
		if rows[i].ResolvedOn == nil {
			return &rows[i]
		}
	}
	return nil
}

// input builds the claim input of one invoice on a day, with an extra movement if any.
func (f *facts) input(inv *invoiceRow, on civil.Date, cal WorkingDays, extra ...Movement) ClaimInput {
	p := ProfileFor(inv.TermsProfile)
	sent := sentOf(f.steps[inv.ID])
	in := ClaimInput{Principal: inv.Gross, DueDate: inv.DueDate, On: on, Rates: f.rates,
		InterestClaimableFrom: p.InterestClaimableFrom(inv.DueDate, sent, cal),
		CostsDueFrom:          p.CostsDueFrom(sent, cal),
		Costs:                 func(unpaid decimal.Decimal) decimal.Decimal { return p.Costs.Compute(inv.Gross, unpaid) }}
	for _, a := range f.allocs[inv.ID] {
		in.Movements = append(in.Movements, Movement{On: a.AppliedOn, Kind: MovePayment, Amount: a.Amount, Ref: fmt.Sprintf("payment %d", a.PaymentID)})
	}
	for _, c := range f.credits[inv.ID] {
		in.Movements = append(in.Movements, Movement{On: c.IssueDate, Kind: MoveCredit, Amount: c.Gross, Ref: c.Number})
	}
	in.Movements = append(in.Movements, extra...)
	var ds []Dispute
	for _, d := range f.disputes[inv.ID] {
		x := Dispute{RaisedOn: d.RaisedOn}
		if d.ResolvedOn != nil {
			x.ResolvedOn = *d.ResolvedOn
		}
		if d.DisputedPart != nil {
			x.Part = *d.DisputedPart
		}
		ds = append(ds, x)
	}
	in.Free = p.InterestFree(inv.IssueDate, ds)
	return in
}

// claimOf computes an invoice's claim on a day from the stored facts.
func (s *Service) claimOf(ctx context.Context, f *facts, inv *invoiceRow, on civil.Date) (Claim, error) {
	return ComputeClaim(f.input(inv, on, s.cal(ctx)))
}

// settle writes the invoice's settlement after its allocations changed: paid is what
// went to the principal; a zero balance makes it paid and publishes invoice.paid
// (INV-8); a reversal that reopens it makes it issued again.
func (s *Service) settle(ctx context.Context, tx bun.IDB, f *facts, inv *invoiceRow, on civil.Date) error {
	far := on
	for _, a := range f.allocs[inv.ID] {
		if a.AppliedOn.After(far) {
			far = a.AppliedOn
		}
	}
	c, err := s.claimOf(ctx, f, inv, far)
	if err != nil {
		return err
	}
	paid := decimal.Zero
	for _, sp := range c.Splits {
		if sp.Movement.Kind == MovePayment {
			paid = paid.Add(sp.ToPrincipal)
		}
	}
	st, err := invoices.RecordSettlement(ctx, tx, s.now(), inv.ID, paid, on)
	if err != nil {
		return err
	}
	inv.Paid, inv.Status, inv.SettledOn = st.Paid, st.Status, st.SettledOn
	return nil
}

// History is an invoice's dunning steps, disputes and allocations.
type History struct {
	Steps    []stepRow
	Disputes []disputeRow
	Allocs   []Allocation
	Stage    Stage
}

// HistoryOf reads what happened to an invoice.
func (s *Service) HistoryOf(ctx context.Context, inv *invoiceRow) (History, error) {
	f, err := s.loadFacts(ctx, s.d.DB, []int64{inv.ID})
	if err != nil {
		return History{}, err
	}
	return s.historyFrom(f, inv), nil
}

func (s *Service) historyFrom(f *facts, inv *invoiceRow) History {
	h := History{Steps: f.steps[inv.ID], Disputes: f.disputes[inv.ID], Allocs: f.allocs[inv.ID]}
	h.Stage = CurrentStage(DunningState{DueDate: inv.DueDate, Sent: sentOf(h.Steps), Settled: inv.Status != "issued"}, s.today())
	return h
}

// Standing is an invoice's claim on a day (or why there is none: ClaimErr) and its
// history: what the invoice page, the claim API and the portal show of it.
type Standing struct {
	Claim    Claim
	ClaimErr error
	History  History
}

// StandingsOf reads the facts of invs once, whatever their number (the rate table and
// four statements), and gives each invoice its standing on on. The portal's list of open
// invoices read them twice per invoice (Claim and HistoryOf), the claim API twice.
func (s *Service) StandingsOf(ctx context.Context, invs []*invoiceRow, on civil.Date) ([]Standing, error) {
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		ids[i] = inv.ID
	}
	f, err := s.loadFacts(ctx, s.d.DB, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Standing, len(invs))
	for i, inv := range invs {
		out[i].Claim, out[i].ClaimErr = s.claimOf(ctx, f, inv, on)
		out[i].History = s.historyFrom(f, inv)
	}
	return out, nil
}

// Rates returns the interest-rate table.
func (s *Service) Rates(ctx context.Context) (RateTable, error) { return loadRates(ctx, s.d.DB) }

// SetRates replaces the interest-rate table (admins).
func (s *Service) SetRates(ctx context.Context, t RateTable) (RateTable, error) {
	if err := t.Check(); err != nil {
		return nil, err
	}
	t = t.Sorted()
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := loadRates(ctx, tx)
		if err != nil {
			return err
		}
		if err := replaceRates(ctx, tx, t, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "interest_rates", 0, "replace", map[string]any{"before": before, "after": t})
	})
	return t, err
}

func sortAllocs(as []Allocation) {
	sort.SliceStable(as, func(i, j int) bool { return as[i].AppliedOn.Before(as[j].AppliedOn) })
}
