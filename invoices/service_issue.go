package invoices

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/events"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// Issue finalises a draft: the next number of the series, issue date today (Amsterdam),
// due date by the payment term (INV-2), the customer snapshot, VAT per line; its charges
// become invoiced and invoice.issued is published. A failed issue consumes no number.
func (s *Service) Issue(ctx context.Context, id int64) (*Document, error) {
	var doc *Document
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		docs, problems, err := s.issueMany(ctx, tx, s.Clock.Now(), []int64{id})
		if err != nil {
			return err
		}
		if p, ok := problems[id]; ok {
			return p
		}
		doc = &docs[0]
		return nil
	})
	return doc, err
}

// issueMany issues drafts in one transaction (a single issue or an invoice run): every
// statement is set-based, the numbers are taken last, in id order, from one counter
// update. Drafts that cannot be issued (empty, customer without address) are returned
// in problems and stay drafts; they consume no number.
func (s *Service) issueMany(ctx context.Context, tx bun.Tx, now time.Time, ids []int64) ([]Document, map[int64]error, error) {
	invs, err := lockInvoices(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	if len(invs) != len(ids) && len(ids) == 1 {
		return nil, nil, problem.NotFound("invoice")
	}
	problems := map[int64]error{}
	var custIDs, invIDs []int64
	for _, inv := range invs {
		if inv.Status != Draft {
			problems[inv.ID] = ErrImmutable
			continue
		}
		custIDs = append(custIDs, inv.CustomerID)
		invIDs = append(invIDs, inv.ID)
	}
	if len(invIDs) == 0 {
		return nil, problems, nil
	}
	custs, err := customers(ctx, tx, custIDs)
	if err != nil {
		return nil, nil, err
	}
	allLines, err := linesOf(ctx, tx, invIDs...)
	if err != nil {
		return nil, nil, err
	}
	byInv := map[int64][]Line{}
	for _, l := range allLines {
		byInv[l.InvoiceID] = append(byInv[l.InvoiceID], l)
	}
	terms, err := billing.TermsOf(ctx, tx, invIDs)
	if err != nil {
		return nil, nil, err
	}
	today := civil.In(now, s.loc())
	var ok []Document
	var changed []Line // lines whose category or net the pricing changed
	for i := range invs {
		inv := &invs[i]
		if _, bad := problems[inv.ID]; bad {
			continue
		}
		c := custs[inv.CustomerID]
		lines := byInv[inv.ID]
		switch {
		case len(lines) == 0:
			problems[inv.ID] = ErrEmpty
			continue
		case c == nil || !c.HasAddress():
			problems[inv.ID] = ErrNoAddress
			continue
		}
		snapshot(inv, c)
		before := priceKeys(lines)
		PriceInvoice(inv, lines)
		for j := range lines {
			if before[j] != priceKey(&lines[j]) {
				changed = append(changed, lines[j])
			}
		}
		t := terms[inv.ID]
		inv.PaymentTermDays = PaymentTerm(t.PaymentTermDays, c.PaymentTermDays)
		inv.TermsProfile = t.TermsProfile
		issue := today
		due := DueDate(issue, inv.PaymentTermDays)
		inv.IssueDate, inv.DueDate = &issue, &due
		inv.VATNote = VATNote(inv.Language, Categories(inv.VATPerRate))
		inv.Supplier = s.Supplier
		inv.Status, inv.UpdatedAt, inv.IssuedAt = Issued, now, &now
		ok = append(ok, Document{Invoice: inv, Lines: lines})
	}
	if len(ok) == 0 {
		return nil, problems, nil
	}
	// The numbers, as late as possible: everything above may still fail without a gap.
	counter := CounterName(SeriesInvoice, s.NumberFormat, today.Year)
	first, err := nextNumbers(ctx, tx, counter, len(ok))
	if err != nil {
		return nil, nil, err
	}
	issued := make([]Invoice, len(ok))
	okIDs := make([]int64, len(ok))
	for i := range ok {
		n := FormatNumber(s.NumberFormat, today.Year, first+int64(i))
		ok[i].Invoice.Number = &n
		ok[i].Invoice.PaymentReference = n
		issued[i], okIDs[i] = *ok[i].Invoice, ok[i].Invoice.ID
	}
	if err := priceLines(ctx, tx, changed); err != nil {
		return nil, nil, err
	}
	if err := saveIssued(ctx, tx, issued); err != nil {
		return nil, nil, err
	}
	if _, err := billing.MarkInvoicedAll(ctx, tx, now, okIDs); err != nil {
		return nil, nil, err
	}
	auditItems := make([]audit.Item, len(ok))
	eventItems := make([]events.Item, len(ok))
	for i, d := range ok {
		inv := d.Invoice
		auditItems[i] = audit.Item{EntityID: inv.ID, Changes: map[string]any{"number": *inv.Number, "gross": money.String(inv.Gross)}}
		eventItems[i] = events.Item{EntityID: inv.ID, Payload: events.InvoicePayload{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: *inv.Number,
			IssueDate: *inv.IssueDate, DueDate: *inv.DueDate, Gross: money.String(inv.Gross), Charges: chargeRefs(d.Lines)}}
	}
	if err := audit.RecordMany(ctx, tx, now, "invoice", "issue", auditItems); err != nil {
		return nil, nil, err
	}
	if err := events.PublishMany(ctx, tx, now, events.InvoiceIssued, "invoice", eventItems); err != nil {
		return nil, nil, err
	}
	return ok, problems, nil
}

func chargeRefs(lines []Line) []events.ChargeRef {
	out := []events.ChargeRef{}
	for _, l := range lines {
		if l.ChargeID != nil {
			out = append(out, events.ChargeRef{ChargeID: *l.ChargeID, SourceDomain: l.SourceDomain, SourceKind: l.SourceKind,
				SourceID: l.SourceID, AgreementKind: l.AgreementKind, AgreementID: l.AgreementID})
		}
	}
	return out
}

// IsProblem reports whether err is a client problem (4xx) rather than a failure.
func IsProblem(err error) bool {
	var pe *problem.Error
	return errors.As(err, &pe) && pe.Status < 500
}

func (s *Service) loc() *time.Location { return amsterdam }

func priceKey(l *Line) string { return l.VATCategory + "|" + l.Net.String() }

func priceKeys(lines []Line) []string {
	out := make([]string, len(lines))
	for i := range lines {
		out[i] = priceKey(&lines[i])
	}
	return out
}
