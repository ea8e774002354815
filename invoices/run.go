package invoices

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

type (
	civilDate = civil.Date
	decimalT  = decimal.Decimal
	timeT     = time.Time
)

// PlannedInvoice is one invoice a run makes: a customer (and agreement when the
// customer is invoiced per agreement), its charges and their net total.
type PlannedInvoice struct {
	CustomerID int64
	Customer   string
	Agreement  *billing.Agreement
	Charges    int
	Net        decimal.Decimal
	Problem    string // why it cannot be issued (no address)
	InvoiceID  int64
	Number     string
}

// RunResult is what a run did (or, dry, would do).
type RunResult struct {
	Run      *Run
	Planned  []PlannedInvoice
	Issued   int
	Drafts   int // left as drafts with a problem
	Gross    decimal.Decimal
	Problems map[int64]string
}

// Plan groups the open charges billable by until into invoices per the customers'
// settings (one invoice, or one per agreement). Pure.
func Plan(groups []billing.OpenGroup, custs map[int64]*Customer) []PlannedInvoice {
	var out []PlannedInvoice
	idx := map[int64]int{}
	for _, g := range groups {
		c := custs[g.CustomerID]
		if c == nil {
			continue
		}
		if c.Grouping == GroupPerAgreement {
			a := billing.Agreement{Kind: g.AgreementKind, ID: g.AgreementID}
			out = append(out, PlannedInvoice{CustomerID: c.ID, Customer: c.Name, Agreement: &a, Charges: g.Charges, Net: g.Net})
			continue
		}
		i, ok := idx[c.ID]
		if !ok {
			i = len(out)
			idx[c.ID] = i
			out = append(out, PlannedInvoice{CustomerID: c.ID, Customer: c.Name, Net: decimal.Zero})
		}
		out[i].Charges += g.Charges
		out[i].Net = out[i].Net.Add(g.Net)
	}
	for i := range out {
		if c := custs[out[i].CustomerID]; !c.HasAddress() {
			out[i].Problem = ErrNoAddress.Detail
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].CustomerID < out[b].CustomerID })
	return out
}

// RunInvoices makes one invoice per customer (or agreement) with open charges billable
// by until and, unless dry, issues them, all in one transaction: a crash or kill
// midway leaves nothing behind and consumes no number; a second run finds nothing left.
// Set-based throughout (the monthly run of 10,000 contracts is a benchmark).
func (s *Service) RunInvoices(ctx context.Context, until civil.Date, dry bool, by *int64) (*RunResult, error) {
	now := s.Clock.Now()
	res := &RunResult{Gross: decimal.Zero, Problems: map[int64]string{}}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockRuns(ctx, tx); err != nil {
			return err
		}
		groups, err := billing.OpenGroups(ctx, tx, until)
		if err != nil {
			return err
		}
		var ids []int64
		seen := map[int64]bool{}
		for _, g := range groups {
			if !seen[g.CustomerID] {
				seen[g.CustomerID] = true
				ids = append(ids, g.CustomerID)
			}
		}
		custs := map[int64]*Customer{}
		if len(ids) > 0 {
			if custs, err = customers(ctx, tx, ids); err != nil {
				return err
			}
		}
		res.Planned = Plan(groups, custs)
		if dry {
			res.Run = &Run{Until: until, DryRun: true, Invoices: len(res.Planned), CreatedAt: now}
			return nil
		}
		run := &Run{Until: until, DryRun: false, Invoices: len(res.Planned), StartedBy: by, Gross: decimal.Zero, CreatedAt: now}
		if err := insertRun(ctx, tx, run); err != nil {
			return err
		}
		res.Run = run
		if len(res.Planned) == 0 {
			run.FinishedAt = &now
			return saveRun(ctx, tx, run)
		}
		invs := make([]Invoice, len(res.Planned))
		for i, p := range res.Planned {
			c := custs[p.CustomerID]
			invs[i] = Invoice{CustomerID: p.CustomerID, Status: Draft, PaymentTermDays: DefaultPaymentTermDays, Language: c.Language,
				RunID: &run.ID, Supplier: Supplier{}, VATPerRate: []VATAmount{}, CreatedAt: now, UpdatedAt: now}
			if p.Agreement != nil {
				invs[i].AgreementKind, invs[i].AgreementID = &p.Agreement.Kind, &p.Agreement.ID
			}
		}
		if err := insertInvoices(ctx, tx, invs); err != nil {
			return err
		}
		as := make([]billing.Assignment, len(invs))
		for i := range invs {
			res.Planned[i].InvoiceID = invs[i].ID
			as[i] = billing.Assignment{CustomerID: invs[i].CustomerID, Agreement: res.Planned[i].Agreement, InvoiceID: invs[i].ID}
		}
		charges, err := billing.ReserveMany(ctx, tx, now, until, as)
		if err != nil {
			return err
		}
		sort.Slice(charges, func(a, b int) bool {
			if charges[a].InvoiceID != charges[b].InvoiceID {
				return *charges[a].InvoiceID < *charges[b].InvoiceID
			}
			if charges[a].BillableOn != charges[b].BillableOn {
				return charges[a].BillableOn.Before(charges[b].BillableOn)
			}
			return charges[a].ID < charges[b].ID
		})
		lines := make([]Line, len(charges))
		pos := map[int64]int{}
		for i := range charges {
			inv := *charges[i].InvoiceID
			pos[inv]++
			lines[i] = lineOf(&charges[i], pos[inv])
			if c := custs[charges[i].CustomerID]; c != nil {
				lines[i].VATCategory = Category(lines[i].VATRate, lines[i].LineKind, Buyer{Country: c.Country, VATID: c.VATID})
			}
		}
		if err := insertLinesBatched(ctx, tx, lines); err != nil {
			return err
		}
		if err := deleteEmptyDrafts(ctx, tx, run.ID); err != nil {
			return err
		}
		invIDs := make([]int64, 0, len(invs))
		for _, inv := range invs {
			if pos[inv.ID] > 0 {
				invIDs = append(invIDs, inv.ID)
			}
		}
		docs, problems, err := s.issueMany(ctx, tx, now, invIDs)
		if err != nil {
			return err
		}
		numbers := map[int64]string{}
		for _, d := range docs {
			numbers[d.Invoice.ID] = *d.Invoice.Number
			res.Gross = res.Gross.Add(d.Invoice.Gross)
		}
		for i := range res.Planned {
			res.Planned[i].Number = numbers[res.Planned[i].InvoiceID]
			if p, ok := problems[res.Planned[i].InvoiceID]; ok {
				res.Problems[res.Planned[i].InvoiceID] = problemText(p)
				res.Planned[i].Problem = problemText(p)
			}
		}
		res.Issued, res.Drafts = len(docs), len(problems)
		run.Issued, run.Gross, run.FinishedAt = len(docs), res.Gross, &now
		if err := saveRun(ctx, tx, run); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "invoice_run", run.ID, "run", map[string]any{"until": until, "invoices": len(invs), "issued": len(docs)})
	})
	return res, err
}

func problemText(err error) string {
	var pe *problem.Error
	if errors.As(err, &pe) {
		return pe.Detail
	}
	return err.Error()
}

// Runs lists recent invoice runs.
func (s *Service) Runs(ctx context.Context) ([]Run, error) { return listRuns(ctx, s.DB, 50) }
