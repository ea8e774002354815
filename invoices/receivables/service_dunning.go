package receivables

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/events"
	"backoffice/internal/outbox"
	"backoffice/internal/pdfdoc"
)

// RunDunning moves every overdue invoice one step along its terms profile's schedule
// (INV-3, INV-5, INV-6) and sends the step's letter. It is safe to run any number of
// times: a step is recorded once per invoice (unique), and the next one waits for the
// recorded step's term. Returns the steps taken.
func (s *Service) RunDunning(ctx context.Context) (int, error) {
	today := s.today()
	open, err := invoicesOf(ctx, s.d.DB, 0, true, false)
	if err != nil {
		return 0, err
	}
	all, err := invoicesOf(ctx, s.d.DB, 0, false, false)
	if err != nil {
		return 0, err
	}
	taken := 0
	for i := range open {
		if !today.After(open[i].DueDate) {
			continue
		}
		did, err := s.dunOne(ctx, open[i].ID, all, today)
		if errors.Is(err, ErrNoRate) { // one invoice without a rate must not hold up the others
			if s.d.Log != nil {
				s.d.Log.Warn("dunning skipped an invoice", "invoice", open[i].Number, "reason", err.Error())
			}
			continue
		}
		if err != nil {
			return taken, fmt.Errorf("dunning invoice %s: %w", open[i].Number, err)
		}
		if did {
			taken++
		}
	}
	return taken, nil
}

// twoOverdue: the invoice or its neighbour in the customer's sequence of invoices is
// overdue too (two consecutive invoices, 003:12.10).
func twoOverdue(all []invoiceRow, inv *invoiceRow, today civil.Date) bool {
	var mine []invoiceRow
	for _, r := range all {
		if r.CustomerID == inv.CustomerID {
			mine = append(mine, r)
		}
	}
	overdue := func(r invoiceRow) bool { return r.Status == "issued" && today.After(r.DueDate) }
	for i, r := range mine {
		if r.ID == inv.ID {
			return (i > 0 && overdue(mine[i-1])) || (i+1 < len(mine) && overdue(mine[i+1]))
		}
	}
	return false
}

func (s *Service) dunOne(ctx context.Context, id int64, all []invoiceRow, today civil.Date) (bool, error) {
	did := false
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv, err := getInvoice(ctx, tx, id, true)
		if err != nil || inv.Status != "issued" {
			return err
		}
		f, err := s.loadFacts(ctx, tx, []int64{id})
		if err != nil {
			return err
		}
		cal := s.cal(ctx)
		claim, err := ComputeClaim(f.input(inv, today, cal))
		if err != nil {
			return err
		}
		credit, err := customerCredit(ctx, tx, inv.CustomerID)
		if err != nil {
			return err
		}
		p := ProfileFor(inv.TermsProfile)
		st := DunningState{DueDate: inv.DueDate, Sent: sentOf(f.steps[id]), Settled: !claim.Total.IsPositive(),
			Disputed: openDisputeOf(f.disputes[id]) != nil, CreditCovers: credit.IsPositive() && !credit.LessThan(claim.Total),
			TwoOverdue: twoOverdue(all, inv, today)}
		step, ok := p.Next(st, today, cal)
		if !ok {
			return nil
		}
		// the letter states the claim as it will stand once this step is recorded
		f.steps[id] = append(f.steps[id], stepRow{Stage: string(step.Stage), SentOn: today})
		if claim, err = ComputeClaim(f.input(inv, today, cal)); err != nil {
			return err
		}
		row := &stepRow{InvoiceID: id, CustomerID: inv.CustomerID, Stage: string(step.Stage), SentOn: today, Deadline: step.Deadline(today, cal),
			Principal: claim.Principal, Interest: claim.Interest, Costs: claim.CollectionCosts, Language: lang(inv.Language), CreatedAt: s.now()}
		letter := s.letterFor(inv, row, claim)
		if row.LetterPDF, err = letter.PDF(s.now()); err != nil {
			return err
		}
		inserted, err := insertStep(ctx, tx, row)
		if err != nil || !inserted {
			return err
		}
		did = true
		if inv.BillingEmail != "" {
			var notBefore time.Time // letters go out in office hours, not at night
			if oc, ok := cal.(interface{ NextOpening(time.Time) time.Time }); ok {
				notBefore = oc.NextOpening(s.now())
			}
			if err := outbox.Enqueue(ctx, tx, s.now(), &outbox.Message{Kind: "dunning_" + row.Stage, To: inv.BillingEmail, NotBefore: notBefore,
				Subject: letter.Subject(), Body: letter.Text(), Entity: "invoice", EntityID: fmt.Sprint(id),
				DedupKey:    outbox.Key("dunning:%d:%s", id, row.Stage),
				Attachments: []outbox.Attachment{{Filename: fmt.Sprintf("%s-%s.pdf", inv.Number, row.Stage), ContentType: "application/pdf", Content: row.LetterPDF}}}); err != nil {
				return err
			}
		}
		charges, err := chargesOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := events.Publish(ctx, tx, s.now(), events.InvoiceDunningStage, "invoice", id, events.InvoiceStagePayload{
			InvoiceID: id, CustomerID: inv.CustomerID, Stage: row.Stage, On: today, Charges: charges}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "invoice", id, "dunning_"+row.Stage, map[string]any{
			"sent_on": today.String(), "deadline": row.Deadline.String(), "principal": row.Principal.StringFixed(2),
			"interest": row.Interest.StringFixed(2), "costs": row.Costs.StringFixed(2)})
	})
	return did, err
}

func lang(l string) string {
	if l == "en" {
		return "en"
	}
	return "nl"
}

func (s *Service) letterFor(inv *invoiceRow, row *stepRow, c Claim) Letter {
	l := Letter{Lang: row.Language, Stage: Stage(row.Stage), Number: inv.Number, IssueDate: inv.IssueDate, DueDate: inv.DueDate,
		SentOn: row.SentOn, Deadline: row.Deadline, Principal: c.Principal, Interest: c.Interest, Costs: c.CollectionCosts,
		To: pdfdoc.Addressee{Name: inv.CustomerName, Attn: inv.BillingContact, Street: inv.CustomerStreet, PostalCode: inv.CustomerPostal,
			City: inv.CustomerCity, Country: inv.CustomerCountry, KvK: inv.CustomerKvK, VATID: inv.CustomerVATID}}
	if s.d.Config != nil {
		l.From = pdfdoc.CompanyFrom(s.d.Config)
		l.Company, l.IBAN = l.From.Name, l.From.IBAN
	}
	total := c.Principal.Add(c.CollectionCosts).Add(c.Interest)
	if !c.InterestClaimable {
		l.InterestNote = msg(l.Lang, "interest.notyet")
		total = c.Principal.Add(c.CollectionCosts)
	}
	l.Total = total
	return l
}

// Suspended is a customer whose service is suspended (INV-6): a suspension notice's term
// passed on an invoice that is still open. Restored once everything is paid (derived).
type Suspended struct {
	CustomerID int64
	Name       string
	Since      civil.Date
	Invoices   []string
	Open       decimal.Decimal
}

// SuspendedCustomers lists the customers suspended on a day.
func (s *Service) SuspendedCustomers(ctx context.Context, today civil.Date) ([]Suspended, error) {
	open, err := invoicesOf(ctx, s.d.DB, 0, true, false)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(open))
	f, err := s.loadFacts(ctx, s.d.DB, idsOf(open, ids))
	if err != nil {
		return nil, err
	}
	names, err := customerNames(ctx, s.d.DB)
	if err != nil {
		return nil, err
	}
	by := map[int64]*Suspended{}
	var order []int64
	for i := range open {
		inv := &open[i]
		for _, st := range f.steps[inv.ID] {
			if st.Stage != string(StageSuspension) || !today.After(st.Deadline) {
				continue
			}
			x, ok := by[inv.CustomerID]
			if !ok {
				x = &Suspended{CustomerID: inv.CustomerID, Name: names[inv.CustomerID].Name, Since: st.Deadline.AddDays(1)}
				by[inv.CustomerID] = x
				order = append(order, inv.CustomerID)
			}
			if st.Deadline.AddDays(1).Before(x.Since) {
				x.Since = st.Deadline.AddDays(1)
			}
			x.Invoices = append(x.Invoices, inv.Number)
			x.Open = x.Open.Add(inv.balance())
		}
	}
	out := make([]Suspended, 0, len(order))
	for _, id := range order {
		out = append(out, *by[id])
	}
	return out, nil
}

// AgeingReport is the open balances per customer and bucket on a day (0: every customer).
func (s *Service) AgeingReport(ctx context.Context, today civil.Date, customerID int64) (*Ageing, error) {
	open, err := invoicesOf(ctx, s.d.DB, customerID, true, false)
	if err != nil {
		return nil, err
	}
	names, err := customerNames(ctx, s.d.DB)
	if err != nil {
		return nil, err
	}
	a := &Ageing{On: today}
	idx := map[int64]int{}
	for _, inv := range open {
		bal := inv.balance()
		if !bal.IsPositive() {
			continue
		}
		i, ok := idx[inv.CustomerID]
		if !ok {
			i = len(a.Rows)
			idx[inv.CustomerID] = i
			a.Rows = append(a.Rows, AgeingRow{CustomerID: inv.CustomerID, Name: names[inv.CustomerID].Name})
		}
		b := BucketOf(inv.DueDate, today)
		r := &a.Rows[i]
		r.Amounts[b] = r.Amounts[b].Add(bal)
		r.Total = r.Total.Add(bal)
		r.Invoices++
		a.Totals.Amounts[b] = a.Totals.Amounts[b].Add(bal)
		a.Totals.Total = a.Totals.Total.Add(bal)
		a.Totals.Invoices++
	}
	return a, nil
}
