package orders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
)

// Indexation run states; a dry run is computed and returned but never stored.
const (
	RunDryRun   = "dry_run"
	RunProposed = "proposed"
	RunApplied  = "applied"
)

// computeProposals proposes the indexation of year for every contract line, as if
// announced on announcedOn (IDX-1 … IDX-3).
func computeProposals(ctx context.Context, idb bun.IDB, year int, announcedOn civil.Date) ([]Proposal, error) {
	contracts, err := listContracts(ctx, idb, ContractFilter{})
	if err != nil {
		return nil, err
	}
	series, err := loadSeries(ctx, idb)
	if err != nil {
		return nil, err
	}
	type built struct {
		lin *Lineage
		err error
	}
	lineages := map[string]built{}
	var out []Proposal
	for i := len(contracts) - 1; i >= 0; i-- { // oldest contract first
		c := contracts[i]
		var b built
		if c.Indexation.Method == IndexBySeries {
			var ok bool
			if b, ok = lineages[c.Indexation.SeriesCode]; !ok {
				b.lin, b.err = BuildLineage(c.Indexation.SeriesCode, series)
				lineages[c.Indexation.SeriesCode] = b
			}
		}
		for _, l := range c.Lines {
			out = append(out, ProposeIndexation(year, c, l, b.lin, b.err, announcedOn))
		}
	}
	return out, nil
}

func validateYear(year int, today civil.Date) error {
	if year < 2000 || year > today.Year+1 {
		return problem.Invalid("year", fmt.Sprintf("must be between 2000 and %d", today.Year+1))
	}
	return nil
}

// ProposeIndexation computes the proposals for year; unless dryRun it stores them as a
// run that can be applied.
func (s *Service) ProposeIndexation(ctx context.Context, year int, dryRun bool) (*IndexationRun, error) {
	now := s.now()
	today := s.today(now)
	if err := validateYear(year, today); err != nil {
		return nil, err
	}
	run := &IndexationRun{Year: year, Status: RunDryRun, AnnouncedOn: today, CreatedAt: now}
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if run.Proposals, err = computeProposals(ctx, tx, year, today); err != nil {
			return err
		}
		if dryRun {
			return nil
		}
		run.Status = RunProposed
		if err := insertRun(ctx, tx, run, actorID(ctx)); err != nil {
			return err
		}
		return record(ctx, tx, now, "indexation_run", run.ID, "propose", map[string]any{"year": year, "lines": len(run.Proposals)})
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

// GetIndexationRun reads a stored run with its proposals.
func (s *Service) GetIndexationRun(ctx context.Context, id int64) (*IndexationRun, error) {
	return getRun(ctx, s.DB, id, false)
}

// ApplyIndexation applies a proposed run: the announcement is today, so the proposals are
// recomputed and must still match (else 409 indexation_stale); every change sets the new fee
// as of 1 January with an audit entry, and each affected customer gets a letter.
func (s *Service) ApplyIndexation(ctx context.Context, id int64) (*IndexationRun, error) {
	now := s.now()
	today := s.today(now)
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		run, err := getRun(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if run.Status != RunProposed {
			return refuse(ErrIndexationNotProposed, "indexation run %d is %s", run.ID, run.Status)
		}
		fresh, err := computeProposals(ctx, tx, run.Year, today)
		if err != nil {
			return err
		}
		if diff := staleness(run.Proposals, fresh); diff != "" {
			return refuse(ErrIndexationStale, "%s; run a new proposal", diff)
		}
		byContract := map[int64][]Proposal{}
		var order []int64
		for _, p := range run.Proposals {
			if p.Outcome != OutcomeChange {
				continue
			}
			if err := applyFee(ctx, tx, p, run.ID, now); err != nil {
				return err
			}
			if err := record(ctx, tx, now, "contract", p.ContractID, "indexation", map[string]any{"line": p.ContractLineID, "year": run.Year,
				"fee": map[string]string{"from": p.OldFee.StringFixed(2), "to": p.NewFee.StringFixed(2)}, "factor": p.Factor.String(), "rule": p.Rule}); err != nil {
				return err
			}
			if byContract[p.ContractID] == nil {
				order = append(order, p.ContractID)
			}
			byContract[p.ContractID] = append(byContract[p.ContractID], p)
		}
		for _, cid := range order {
			if err := s.mailIndexationLetter(ctx, tx, cid, run, byContract[cid], now); err != nil {
				return err
			}
		}
		if err := markRunApplied(ctx, tx, run.ID, now, actorID(ctx)); err != nil {
			return err
		}
		return record(ctx, tx, now, "indexation_run", run.ID, "apply", map[string]any{"year": run.Year, "contracts": len(order)})
	})
	if err != nil {
		return nil, err
	}
	return s.GetIndexationRun(ctx, id)
}

// staleness compares stored proposals with a fresh computation; "" when they agree.
func staleness(stored, fresh []Proposal) string {
	key := func(p Proposal) string { return fmt.Sprintf("%d/%d", p.ContractID, p.ContractLineID) }
	now := make(map[string]Proposal, len(fresh))
	for _, p := range fresh {
		now[key(p)] = p
	}
	for _, p := range stored {
		f, ok := now[key(p)]
		switch {
		case !ok:
			return fmt.Sprintf("contract line %d is no longer due for indexation", p.ContractLineID)
		case f.Outcome != p.Outcome || !f.NewFee.Equal(p.NewFee) || !f.OldFee.Equal(p.OldFee):
			return fmt.Sprintf("contract line %d: proposed %s %s, today %s %s (%s)", p.ContractLineID, p.Outcome, p.NewFee.StringFixed(2), f.Outcome, f.NewFee.StringFixed(2), f.Reason)
		}
		delete(now, key(p))
	}
	for _, f := range now {
		if f.Outcome == OutcomeChange {
			return fmt.Sprintf("contract line %d became due after the proposal", f.ContractLineID)
		}
	}
	return ""
}

// mailIndexationLetter tells the customer the new fees as of 1 January and any right to
// terminate (IDX-2, IDX-3).
func (s *Service) mailIndexationLetter(ctx context.Context, tx bun.IDB, contractID int64, run *IndexationRun, ps []Proposal, now time.Time) error {
	c, err := getContract(ctx, tx, contractID, false)
	if err != nil {
		return err
	}
	desc := map[int64]string{}
	for _, l := range c.Lines {
		desc[l.ID] = l.Description
	}
	who, err := quoteContact(ctx, tx, c.QuoteID)
	if err != nil {
		return err
	}
	eff := IndexationEffective(run.Year)
	return s.mailCustomer(ctx, tx, c.CustomerID, now, customerMail{kind: MailIndexationLetter, entity: "contract", entityID: c.ID, contactID: who,
		dedup: fmt.Sprintf("indexation:%d:%d", run.Year, c.ID),
		subject: func(l *i18n.Localizer) string {
			return l.T("orders.mail.indexation.subject", map[string]any{"Number": c.Number, "Effective": i18n.Date(l.Lang, eff)})
		},
		body: func(l *i18n.Localizer) string {
			var b strings.Builder
			b.WriteString(l.T("orders.mail.indexation.intro", map[string]any{"Number": c.Number, "Effective": i18n.Date(l.Lang, eff)}) + "\n\n")
			right := false
			for _, p := range ps {
				b.WriteString(l.T("orders.mail.indexation.line", map[string]any{"Description": desc[p.ContractLineID], "Old": i18n.Money(l.Lang, p.OldFee),
					"New": i18n.Money(l.Lang, p.NewFee), "Change": feeChange(l, p.Factor)}) + "\n")
				if len(p.IndexNew) > 0 && len(p.IndexPrev) > 0 {
					b.WriteString(l.T("orders.mail.indexation.index", map[string]any{"New": indexPoints(l, p.IndexNew), "Prev": indexPoints(l, p.IndexPrev)}) + "\n")
				}
				right = right || p.TerminationRight
			}
			if right {
				b.WriteString("\n" + l.T("orders.mail.indexation.right"))
			}
			return strings.TrimRight(b.String(), "\n")
		}})
}

// feeChange says a factor as the change in percent the customer reads: 1.034512 is "een
// verhoging van 3,45 %" (nl), "an increase of 3.45 %" (en), written by i18n.Percent.
func feeChange(l *i18n.Localizer, factor decimal.Decimal) string {
	pct := factor.Sub(decimal.NewFromInt(1)).Mul(decimal.NewFromInt(100)).Round(2)
	key := "orders.mail.indexation.increase"
	if pct.IsNegative() {
		key, pct = "orders.mail.indexation.decrease", pct.Neg()
	}
	return l.T(key, map[string]any{"Percent": i18n.Percent(l.Lang, pct)})
}

// indexPoints says the index values a change was computed from: one month as "132,77
// (oktober 2026)", a yearly average as "het jaargemiddelde van 2026".
func indexPoints(l *i18n.Localizer, ps []IndexPoint) string {
	if len(ps) == 1 {
		return l.T("orders.mail.indexation.point", map[string]any{"Value": i18n.QuantityIn(l.Lang, ps[0].Value), "Period": i18n.MonthYear(l.Lang, ps[0].Period)})
	}
	return l.T("orders.mail.indexation.average", map[string]any{"Year": ps[0].Period.Year})
}
