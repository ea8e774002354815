package orders

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/pdfdoc"
)

// BillingLookahead is how far ahead the contract billing job publishes the charges of
// periods billed in advance (INV-7, Q-7), so that an invoice run at the start of a period
// finds them.
const BillingLookahead = 31

// FeePeriod is one billing period of a recurring line: start and end inclusive.
type FeePeriod struct {
	Start, End civil.Date
}

// PeriodsOf lists the periods of a recurring line from the contract's start date, anchored
// on it (a yearly line from 15 March bills 15 March – 14 March), whose start lies after
// billedUntil (zero: from the first) and on or before horizon, and that begin before the
// contract's end date when it has one. The last period is cut at the end date.
func PeriodsOf(start civil.Date, p Period, billedUntil, horizon civil.Date, end *civil.Date) []FeePeriod {
	step := 1
	if p == PeriodYear {
		step = 12
	}
	var out []FeePeriod
	for k := 0; k < 12*200; k++ {
		ps := start.AddMonths(k * step)
		if ps.After(horizon) || (end != nil && ps.After(*end)) {
			break
		}
		pe := start.AddMonths((k + 1) * step).AddDays(-1)
		if end != nil && pe.After(*end) {
			pe = *end
		}
		if !billedUntil.IsZero() && !ps.After(billedUntil) {
			continue
		}
		out = append(out, FeePeriod{ps, pe})
	}
	return out
}

// feeOn is the indexed fee of the line in force on date (IDX-1): the current fee when it
// took effect on or before date, else the old fee of the first change after date.
func feeOn(ctx context.Context, idb bun.IDB, l billableLine, date civil.Date) (decimal.Decimal, error) {
	if !l.FeeSince.After(date) {
		return l.Fee, nil
	}
	olds, err := feeChangesAfter(ctx, idb, l.LineID, date)
	if err != nil || len(olds) == 0 {
		return l.Fee, err
	}
	return olds[0], nil
}

// chargePeriods charges the given periods of a line, billable on billableOn (nil: each
// period's first day, i.e. in advance), and records how far the line is billed.
func chargePeriods(ctx context.Context, tx bun.IDB, now time.Time, l billableLine, periods []FeePeriod, billableOn *civil.Date) (int, error) {
	if len(periods) == 0 {
		return 0, nil
	}
	vat, err := billing.VATRateOf(l.VATRate)
	if err != nil {
		return 0, err
	}
	added := 0
	lang := i18n.For(l.Language) // the charge goes on the customer's invoice: in its language
	for _, p := range periods {
		fee, err := feeOn(ctx, tx, l, p.Start)
		if err != nil {
			return added, err
		}
		q, price, lump := billing.PriceFor(l.Quantity, fee)
		unit := l.Unit
		desc := lang.T("orders.charge.contract_fee", map[string]any{"Description": l.Description, "Number": l.Number})
		if lump {
			unit = string(l.Period)
			desc = lang.T("orders.charge.contract_fee_lump", map[string]any{"Description": l.Description, "Number": l.Number,
				"Quantity": i18n.QuantityIn(lang.Lang, l.Quantity), "Unit": pdfdoc.Unit(lang, l.Unit)})
		}
		on := p.Start
		if billableOn != nil {
			on = *billableOn
		}
		ps, pe := p.Start, p.End
		_, isNew, err := billing.Add(ctx, tx, now, billing.New{CustomerID: l.CustomerID,
			Source: billing.Source{Domain: "orders", Kind: "contract_line", ID: l.LineID}, Agreement: billing.Agreement{Kind: "contract", ID: l.ContractID},
			Description: desc, LineKind: billing.Services, Quantity: q, Unit: unit, UnitPrice: price, VATRate: vat,
			PeriodStart: &ps, PeriodEnd: &pe, BillableOn: on, TermsProfile: termsDocument(l.Profile)})
		if err != nil {
			return added, err
		}
		if isNew {
			added++
		}
	}
	return added, markBilled(ctx, tx, l.LineID, periods[len(periods)-1].End)
}

// BillContracts publishes the charges of every recurring period that starts within the
// lookahead (INV-7: in advance), at the fee in force on the period's first day. Safe to
// run any number of times and from several processes at once: lines are locked with SKIP
// LOCKED, billed_until moves on, and the ledger's unique key refuses a period twice.
func (s *Service) BillContracts(ctx context.Context, now time.Time) (int, error) {
	horizon := civil.In(now, clock.Amsterdam).AddDays(BillingLookahead)
	total := 0
	var after int64
	for {
		var batch []billableLine
		err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			var err error
			if batch, err = linesToBill(ctx, tx, horizon, after, 500); err != nil {
				return err
			}
			for _, l := range batch {
				var billed civil.Date
				if l.BilledUntil != nil {
					billed = *l.BilledUntil
				}
				n, err := chargePeriods(ctx, tx, now, l, PeriodsOf(l.StartDate, l.Period, billed, horizon, l.EndDate), nil)
				if err != nil {
					return err
				}
				total += n
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		if len(batch) < 500 {
			return total, nil
		}
		after = batch[len(batch)-1].LineID
	}
}

// chargeOutstanding charges, at once, every period of a terminated contract up to its
// end date that was not charged yet (Q-9: every outstanding claim falls due at once).
func chargeOutstanding(ctx context.Context, tx bun.IDB, now time.Time, contractID int64) error {
	lines, err := contractLinesForBilling(ctx, tx, contractID)
	if err != nil {
		return err
	}
	today := civil.In(now, clock.Amsterdam)
	for _, l := range lines {
		if l.EndDate == nil {
			continue
		}
		var billed civil.Date
		if l.BilledUntil != nil {
			billed = *l.BilledUntil
		}
		if _, err := chargePeriods(ctx, tx, now, l, PeriodsOf(l.StartDate, l.Period, billed, *l.EndDate, l.EndDate), &today); err != nil {
			return err
		}
	}
	return nil
}

// BillContractsArgs is the periodic job that runs BillContracts.
type BillContractsArgs struct{}

// Kind names the job.
func (BillContractsArgs) Kind() string { return "orders_bill_contracts" }

// BillContractsWorker runs the contract billing.
type BillContractsWorker struct {
	river.WorkerDefaults[BillContractsArgs]
	Service *Service
}

// Work bills what is due.
func (w *BillContractsWorker) Work(ctx context.Context, _ *river.Job[BillContractsArgs]) error {
	_, err := w.Service.BillContracts(ctx, w.Service.Clock.Now())
	return err
}
