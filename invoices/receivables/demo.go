package receivables

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/platform"
	"backoffice/invoices"
)

// SeedDemo adds receivables to the demo: a paid invoice, a partly paid one, invoices at
// several dunning stages (with their letters), a disputed one, one not yet due and an
// unmatched bank entry.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	if len(demo.CustomerIDs) == 0 {
		return nil
	}
	s, now, today := m.svc, m.svc.now(), m.svc.today()
	format := "{year}-{seq:5}"
	if m.d.Config != nil && m.d.Config.InvoiceNumberFormat != "" {
		format = m.d.Config.InvoiceNumberFormat
	}
	a, b := demo.CustomerIDs[0], demo.CustomerIDs[len(demo.CustomerIDs)-1]
	type plan struct {
		cust             int64
		ago              int
		net, profile, ds string
	}
	plans := []plan{
		{a, 130, "3000.00", "002", "Beheerde werkplekken, 25 plekken"},   // 0: collection
		{a, 75, "1500.00", "004", "Servermonitoring en back-up"},         // 1: default notice
		{a, 40, "2000.00", "004", "Beheerd netwerk, kwartaalfee"},        // 2: partly paid, reminders
		{a, 30, "750.00", "004", "Licenties Microsoft 365"},              // 3: paid
		{b, 20, "371.90", "003", "Bestanden delen in de cloud, jaarfee"}, // 4: disputed within 10 days
		{b, 5, "500.00", "004", "Installatie werkplekken (uren)"},        // 5: not due yet
		{b, 35, "1200.00", "004", "Helpdeskbundel, 20 uur"},              // 6: first reminder
	}
	var sup invoices.Supplier
	if c := m.d.Config; c != nil {
		sup = invoices.Supplier{Name: c.CompanyName, Address: c.CompanyAddress, KvK: c.CompanyKvK, VATID: c.CompanyVATID, IBAN: c.CompanyIBAN, BIC: c.CompanyBIC}
	}
	ids := make([]int64, len(plans))
	// Numbers follow the issue dates (a gapless series in time order, INV-1): oldest first.
	order := make([]int, len(plans))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return plans[order[x]].ago > plans[order[y]].ago })
	for _, i := range order {
		p := plans[i]
		id, err := demoInvoice(ctx, tx, format, p.cust, today.AddDays(-p.ago), 14, decimal.RequireFromString(p.net), p.profile, p.ds, sup, now)
		if err != nil {
			return fmt.Errorf("demo invoice: %w", err)
		}
		ids[i] = id
	}
	inv := func(i int) *invoiceRow { r, _ := getInvoice(ctx, tx, ids[i], false); return r }
	// payments: #3 in full before its due date, #2 partly
	if _, err := s.recordPayment(ctx, tx, NewPayment{CustomerID: a, Amount: inv(3).Gross, ReceivedOn: today.AddDays(-18), Reference: inv(3).Number}); err != nil {
		return err
	}
	if _, err := s.recordPayment(ctx, tx, NewPayment{CustomerID: a, Amount: decimal.RequireFromString("1000.00"), ReceivedOn: today.AddDays(-27),
		Reference: "termijn 1 " + inv(2).Number}); err != nil {
		return err
	}
	if err := insertDispute(ctx, tx, &disputeRow{InvoiceID: ids[4], CustomerID: b, Reason: "Twee gebruikers te veel gefactureerd",
		DisputedPart: ptr(decimal.RequireFromString("90.00")), RaisedOn: today.AddDays(-15), CreatedAt: now}); err != nil {
		return err
	}
	// walk the dunning schedule day by day up to today, as the hourly job would have
	for _, i := range []int{0, 1, 2, 6} {
		if err := s.demoDunning(ctx, tx, inv(i), today); err != nil {
			return err
		}
	}
	st := &statementRow{Account: m.d.Config.CompanyIBAN, Filename: "demo-camt053.xml", Credits: 1, Added: 1, CreatedAt: now}
	if err := insertStatement(ctx, tx, st); err != nil {
		return err
	}
	_, err := insertEntry(ctx, tx, &BankEntry{StatementID: st.ID, Ref: "DEMO-" + strings.ReplaceAll(today.String(), "-", "") + "-1", Account: st.Account,
		BookedOn: today.AddDays(-2), Amount: decimal.RequireFromString("99.95"), Currency: "EUR", DebtorName: "J. Jansen",
		DebtorIBAN: "NL20INGB0007654321", Remittance: "contributie maart", CreatedAt: now})
	return err
}

func ptr[T any](v T) *T { return &v }

func (s *Service) demoDunning(ctx context.Context, tx bun.Tx, inv *invoiceRow, today civil.Date) error {
	cal := s.cal(ctx)
	p := ProfileFor(inv.TermsProfile)
	f, err := s.loadFacts(ctx, tx, []int64{inv.ID})
	if err != nil {
		return err
	}
	for d := inv.DueDate.AddDays(1); !d.After(today); d = d.AddDays(1) {
		c, err := ComputeClaim(f.input(inv, d, cal))
		if err != nil {
			return err
		}
		step, ok := p.Next(DunningState{DueDate: inv.DueDate, Sent: sentOf(f.steps[inv.ID]), Settled: !c.Total.IsPositive()}, d, cal)
		if !ok {
			continue
		}
		f.steps[inv.ID] = append(f.steps[inv.ID], stepRow{Stage: string(step.Stage), SentOn: d})
		if c, err = ComputeClaim(f.input(inv, d, cal)); err != nil {
			return err
		}
		row := &stepRow{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Stage: string(step.Stage), SentOn: d, Deadline: step.Deadline(d, cal),
			Principal: c.Principal, Interest: c.Interest, Costs: c.CollectionCosts, Language: lang(inv.Language), CreatedAt: s.now()}
		if row.LetterPDF, err = s.letterFor(inv, row, c).PDF(s.now()); err != nil {
			return err
		}
		if _, err := insertStep(ctx, tx, row); err != nil {
			return err
		}
	}
	return nil
}
