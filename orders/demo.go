package orders

import (
	"backoffice/internal/accounts"
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/uploads"
)

// SeedDemo builds a living sales pipeline for `make run` through the use cases, inside the
// seed transaction: CPI values (2015=100 for 2024–2025, 2025=100 from 2025 on, overlapping in
// 2025 so the series chain, IDX-1), and for the demo companies a contract that has run since
// 1 January last year, a freshly accepted order with a change request and an extension, a quote
// that expires within a week, an open quote, a declined one and a draft. History is
// back-dated by running the use cases on a clock pinned at the day it happened.
func (m *Module) SeedDemo(ctx context.Context, tx bun.Tx, demo *platform.Demo) error {
	if len(demo.CustomerIDs) == 0 || demo.AccountManagerID == 0 {
		return nil
	}
	s := m.svc.InTx(tx)
	now := s.now()
	today := s.today(now)
	am := auth.With(ctx, &auth.Principal{UserID: demo.AccountManagerID, Role: auth.AccountManager, Name: "account manager"})
	if err := seedIndexValues(am, s); err != nil {
		return err
	}
	d := demoSeed{s: s, am: am, demo: demo, today: today}
	cust := func(i int) int64 { return demo.CustomerIDs[i%len(demo.CustomerIDs)] }

	// A 4-year managed-workplace contract that started on 1 January last year, indexed by CPI.
	yearAgo := civil.D(today.Year-2, time.December, 2)
	q, err := d.quote(yearAgo, cust(0), "Beheerde werkplekken en Microsoft 365, 25 gebruikers", func(q *Quote) {
		q.StartDate, q.LeadTimeDays = civil.D(today.Year-1, time.January, 1), 15
		q.Indexation = IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi", ReferenceMonth: 10}
		q.Lines = []Line{
			demoLine(KindHardware, "Laptop Lenovo ThinkPad T14 Gen 5, 16 GB, 512 GB SSD", "25", "pcs", "1149.00", "LAP-T14"),
			demoLine(KindRecurring, "Licentie Microsoft 365 Business Premium", "25", "user", "20.60", "M365-BP"),
			demoLine(KindRecurring, "Beheerde werkplek: monitoring, patching, servicedesk", "25", "user", "32.50", "MW-USER"),
			demoLine(KindService, "Installatie en datamigratie", "24", "hour", "95.00", "ENG-HOUR"),
		}
	})
	if err != nil {
		return err
	}
	if err := d.sendAndAccept(q, yearAgo, yearAgo.AddDays(7), 0, AcceptSignedPDF, true); err != nil {
		return err
	}

	// Sent 26 days ago: expires within 7 days, the reminder list shows it.
	if q, err = d.quote(today.AddDays(-26), cust(2), "Vervanging werkplekken notariskantoor", func(q *Quote) {
		q.StartDate, q.LeadTimeDays, q.Cancellable = today.AddDays(30), 10, true
		q.Lines = []Line{
			demoLine(KindHardware, "Laptop HP EliteBook 840 G11, 32 GB", "8", "pcs", "1389.00", "LAP-840"),
			demoLine(KindHardware, "Docking station HP USB-C G5", "8", "pcs", "189.00", "DOCK-G5"),
			demoLine(KindService, "Installatie en configuratie", "12", "hour", "95.00", "ENG-HOUR"),
			demoLine(KindRecurring, "Licentie Microsoft 365 Business Standard", "8", "user", "12.70", "M365-BS"),
		}
	}); err != nil {
		return err
	}
	if err := d.send(q, today.AddDays(-26)); err != nil {
		return err
	}

	// Declined after three weeks of thinking.
	if q, err = d.quote(today.AddDays(-22), cust(1), "Back-up en uitwijk", func(q *Quote) {
		q.Lines = []Line{
			demoLine(KindHardware, "Synology RackStation RS1221+ met 4 × 8 TB", "1", "pcs", "2495.00", "NAS-RS1221"),
			demoLine(KindRecurring, "Externe back-up, per TB", "4", "TB", "18.00", "BCK-TB"),
			demoLine(KindService, "Installatie en hersteltest", "8", "hour", "95.00", "ENG-HOUR"),
		}
	}); err != nil {
		return err
	}
	if err := d.send(q, today.AddDays(-21)); err != nil {
		return err
	}
	if _, err := s.At(demoAt(today.AddDays(-15))).DeclineQuote(d.customer(1), q.ID, "Budget doorgeschoven naar volgend jaar"); err != nil {
		return fmt.Errorf("demo decline: %w", err)
	}

	// Accepted in the portal five days ago: an open order with an extension and extra work.
	if q, err = d.quote(today.AddDays(-12), cust(1), "Kassa's en Microsoft 365 voor de winkel", func(q *Quote) {
		q.StartDate, q.LeadTimeDays, q.Cancellable = today.AddDays(30), 10, true
		q.Terms = mustProfile("1y-1y-1m").Terms
		q.Indexation = IndexationClause{Method: IndexBySeries, SeriesCode: "cbs-cpi", ReferenceMonth: 10}
		q.Lines = []Line{
			demoLine(KindHardware, "Laptop Lenovo ThinkPad E14 Gen 6", "3", "pcs", "899.00", "LAP-E14"),
			demoLine(KindRecurring, "Licentie Microsoft 365 Business Standard", "8", "user", "12.70", "M365-BS"),
			demoLine(KindRecurring, "Beheerde werkplek: monitoring, patching, servicedesk", "3", "device", "29.50", "MW-DEVICE"),
			demoLine(KindService, "Installatie op locatie", "6", "hour", "95.00", "ENG-HOUR"),
			demoLine(KindTraining, "Training Microsoft 365 voor medewerkers (halve dag)", "1", "session", "650.00", "TRN-M365"),
		}
	}); err != nil {
		return err
	}
	if err := d.sendAndAccept(q, today.AddDays(-12), today.AddDays(-5), 1, AcceptPortal, false); err != nil {
		return err
	}

	// Sent three days ago, open for another four weeks.
	if q, err = d.quote(today.AddDays(-3), cust(0), "Beveiliging: MFA, EDR en bewustwordingstraining", func(q *Quote) {
		q.StartDate, q.LeadTimeDays = today.AddDays(45), 15
		q.Lines = []Line{
			demoLine(KindRecurring, "Licentie Microsoft Defender for Business", "25", "user", "2.80", "MDE-BUS"),
			demoLine(KindService, "Uitrol MFA en conditional access", "16", "hour", "115.00", "CONSULT-HOUR"),
			demoLine(KindTraining, "Training beveiligingsbewustzijn (2 sessies)", "2", "session", "595.00", "TRN-AWARE"),
		}
	}); err != nil {
		return err
	}
	if err := d.send(q, today.AddDays(-3)); err != nil {
		return err
	}

	// A draft the account manager is still writing.
	_, err = d.quote(today.AddDays(-1), cust(1), "Vervanging netwerk vestiging Zwolle", func(q *Quote) {
		q.StartDate, q.LeadTimeDays = today.AddDays(60), 20
		q.Lines = []Line{
			demoLine(KindHardware, "UniFi Switch Pro 24 PoE", "2", "pcs", "749.00", "SW-USW24"),
			demoLine(KindHardware, "UniFi U7 Pro access point", "4", "pcs", "219.00", "AP-U7PRO"),
			demoLine(KindService, "Installatie netwerk", "10", "hour", "95.00", "ENG-HOUR"),
		}
	})
	if err != nil {
		return err
	}
	// A one-year contract that started ten months ago (1 calendar month's notice): its notice
	// deadline falls within the next 90 days, so the account manager's home counts it.
	started := civil.D(today.Year, today.Month, 1).AddMonths(-10)
	if q, err = d.quote(started.AddDays(-21), cust(2), "Beheerde back-up en servermonitoring", func(q *Quote) {
		q.StartDate, q.LeadTimeDays = started, 5
		q.Terms = mustProfile("1y-1y-1m").Terms
		q.Lines = []Line{
			demoLine(KindRecurring, "Externe back-up, per TB", "2", "TB", "18.00", "BCK-TB"),
			demoLine(KindRecurring, "Beheerde werkplek: monitoring, patching, servicedesk", "2", "device", "29.50", "MW-DEVICE"),
		}
	}); err != nil {
		return err
	}
	if err := d.sendAndAccept(q, started.AddDays(-21), started.AddDays(-15), 2, AcceptSignedPDF, true); err != nil {
		return err
	}
	// Two quotes nobody decided on: they expired, which the pipeline chart shows.
	for i, ago := range []int{7, 4} {
		day := today.AddMonths(-ago)
		if q, err = d.quote(day, cust(i), []string{"Vernieuwing printerpark", "Wifi-meting en access points"}[i], func(q *Quote) {
			q.StartDate, q.LeadTimeDays = day.AddDays(45), 10
			q.Lines = []Line{demoLine(KindService, "Inventarisatie en advies op locatie", "6", "hour", "95.00", "ENG-HOUR")}
		}); err != nil {
			return err
		}
		if err := d.send(q, day); err != nil {
			return err
		}
	}

	// The contracts' fees up to a month ahead, as the billing job publishes them (INV-7).
	_, err = s.BillContracts(am, now)
	return err
}

// demoSeed carries what the demo steps share.
type demoSeed struct {
	s     *Service
	am    context.Context
	demo  *platform.Demo
	today civil.Date
}

// demoAt is 10:00 Amsterdam time on day.
func demoAt(day civil.Date) time.Time {
	return time.Date(day.Year, day.Month, day.Day, 10, 0, 0, 0, clock.Amsterdam)
}

func mustProfile(code string) TermsProfile {
	p, ok := LookupTermsProfile(code)
	if !ok {
		panic("orders: unknown terms profile " + code)
	}
	return p
}

func demoLine(kind LineKind, desc, qty, unit, price, sku string) Line {
	l := Line{Kind: kind, Description: desc, Quantity: decimal.RequireFromString(qty), Unit: unit,
		UnitPrice: decimal.RequireFromString(price), VATRate: decimal.NewFromInt(21), SKU: sku}
	if kind == KindRecurring {
		l.Period = PeriodMonth
	}
	return l
}

// customer is the context of the i-th demo company's portal contact (the account manager
// when the company has none).
func (d demoSeed) customer(i int) context.Context {
	if len(d.demo.ContactIDs) == 0 {
		return d.am
	}
	i %= len(d.demo.CustomerIDs)
	if i >= len(d.demo.ContactIDs) {
		return d.am
	}
	cid := d.demo.CustomerIDs[i]
	return auth.With(d.am, &auth.Principal{UserID: d.demo.ContactIDs[i], Role: auth.Customer, CustomerID: &cid})
}

func (d demoSeed) quote(day civil.Date, customerID int64, title string, fill func(q *Quote)) (*Quote, error) {
	q := newDraft()
	q.CustomerID, q.Title = customerID, title
	for i, cid := range d.demo.CustomerIDs {
		if cid == customerID && i < len(d.demo.ContactIDs) {
			contact := d.demo.ContactIDs[i]
			q.ContactID = &contact // the quote is addressed to the company's portal contact
		}
	}
	fill(q)
	out, err := d.s.At(demoAt(day)).CreateQuote(d.am, q)
	if err != nil {
		return nil, fmt.Errorf("demo quote %q: %w", title, err)
	}
	return out, nil
}

func (d demoSeed) send(q *Quote, day civil.Date) error {
	if _, err := d.s.At(demoAt(day)).SendQuote(d.am, q.ID); err != nil {
		return fmt.Errorf("demo send %s: %w", q.Number, err)
	}
	return nil
}

// sendAndAccept sends q on sent and has customer i accept it on accepted. The details are
// agreed two days later; a settled order also had its data supplied (its lead time runs),
// an order in preparation waits for the data, got an extension and a change request.
func (d demoSeed) sendAndAccept(q *Quote, sent, accepted civil.Date, i int, how AcceptanceMethod, settled bool) error {
	if err := d.send(q, sent); err != nil {
		return err
	}
	ctx := d.customer(i)
	by, err := accounts.UserName(ctx, d.s.DB, auth.FromContext(ctx).UserID)
	if err != nil {
		return err
	}
	req := AcceptRequest{AcceptedBy: by, Method: how}
	if how == AcceptSignedPDF { // the signed copy the customer sent back: the quote's own PDF
		if req.Signed, err = d.signedCopy(ctx, q, accepted); err != nil {
			return err
		}
	}
	res, err := d.s.At(demoAt(accepted)).AcceptQuote(ctx, q.ID, req)
	if err != nil {
		return fmt.Errorf("demo accept %s: %w", q.Number, err)
	}
	o := res.Order
	steps := []struct {
		name  string
		after int
	}{{PreconditionDetailsAgreed, 2}, {PreconditionDataSupplied, 4}}
	if !settled {
		steps = steps[:1]
	}
	for _, p := range steps {
		on := accepted.AddDays(p.after)
		if on.After(d.today) {
			on = d.today
		}
		if _, err := d.s.At(demoAt(on)).RecordPrecondition(d.am, o.ID, p.name, ""); err != nil {
			return fmt.Errorf("demo precondition of %s: %w", o.Number, err)
		}
	}
	if settled {
		return nil
	}
	// Still being prepared: the customer has to approve the design first, and asked for more.
	s := d.s.At(demoAt(d.today))
	if _, err := s.ExtendLeadTime(d.am, o.ID, Extension{WorkingDays: 3, Reason: ExtendPhaseApproval,
		Note: "Wacht op akkoord van de klant op het netwerkontwerp"}); err != nil {
		return fmt.Errorf("demo extension of %s: %w", o.Number, err)
	}
	_, err = s.CreateChangeRequest(d.am, o.ID, "Twee extra access points in de opslagruimte configureren", false, []ChangeLineRequest{
		{SKU: "ENG-HOUR", Quantity: decimal.NewFromInt(3)}, {SKU: "TRAVEL", Quantity: decimal.NewFromInt(1)}})
	if err != nil {
		return fmt.Errorf("demo change request of %s: %w", o.Number, err)
	}
	return nil
}

// userName is a user's display name ("" when unknown).

// Plausible CPI values: 2015=100 for 2024–2025 and 2025=100 from January 2025, so 2025 is the
// overlap that chains the two (IDX-1).
var (
	demoCPI2015 = []string{
		"129.8", "131.0", "131.9", "132.6", "132.6", "133.0", "134.1", "134.5", "133.6", "133.6", "133.4", "133.9", // 2024
		"134.3", "135.6", "136.0", "137.0", "136.3", "136.9", "138.3", "138.4", "137.4", "137.6", "136.9", "137.4", // 2025
	}
	demoCPI2025 = []string{
		"98.14", "99.09", "99.38", "100.12", "99.60", "100.04", "101.07", "101.14", "100.41", "100.55", "100.04", "100.41", // 2025
		"100.99", "101.77", "102.16", "102.72", "102.29", "102.54", "103.50", "103.67", "103.02", "103.26", // 2026-01..10
	}
)

func monthlyValues(from civil.Month, vals []string) []MonthValue {
	out := make([]MonthValue, len(vals))
	m := from
	for i, v := range vals {
		out[i] = MonthValue{Period: m, Value: decimal.RequireFromString(v)}
		m = m.Next()
	}
	return out
}

func seedIndexValues(ctx context.Context, s *Service) error {
	for _, x := range []struct {
		code string
		from civil.Month
		vals []string
	}{{"cbs-cpi-2015", civil.Month{Year: 2024, Month: time.January}, demoCPI2015}, {"cbs-cpi", civil.Month{Year: 2025, Month: time.January}, demoCPI2025}} {
		if _, _, err := s.PutValues(ctx, x.code, monthlyValues(x.from, x.vals), "demo"); err != nil {
			return fmt.Errorf("demo index values of %s: %w", x.code, err)
		}
	}
	return nil
}

// signedCopy is the demo's "scan" of a signed quote: the quote PDF as sent.
func (d demoSeed) signedCopy(ctx context.Context, q *Quote, on civil.Date) (*uploads.File, error) {
	doc, addr, err := d.s.QuoteDocument(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	b, err := QuotePDF(doc, addr, d.s.Company, demoAt(on))
	if err != nil {
		return nil, err
	}
	return &uploads.File{Name: q.Number + "-signed.pdf", ContentType: "application/pdf", Data: b}, nil
}
