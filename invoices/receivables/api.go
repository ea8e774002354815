package receivables

import (
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Routes registers the JSON API.
func (m *Module) Routes(r *apidoc.Router) {
	staff := auth.Require(auth.Admin, auth.AccountManager)
	admin := auth.Require(auth.Admin)
	r.Post("/payments", apidoc.Op{Summary: "Record a payment and allocate it (named invoice, reference, else oldest open; costs → interest → principal)",
		Body: PaymentIn{}, Response: PaymentOut{}, Status: 201}, staff, m.createPayment)
	r.Get("/payments", apidoc.Op{Summary: "List payments, refunds and reversals", Response: httpx.List[PaymentOut]{},
		Query: []apidoc.Param{{Name: "customer_id", Type: "integer"}, {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, staff, m.listPayments)
	r.Post("/payments/:id/reverse", apidoc.Op{Summary: "Reverse a payment (a new row)", Body: ReverseIn{}, Response: PaymentOut{}, Status: 201}, staff, m.reversePayment)
	r.Post("/refunds", apidoc.Op{Summary: "Refund a customer's unallocated credit (a new row)", Body: RefundIn{}, Response: PaymentOut{}, Status: 201}, staff, m.refund)
	r.Post("/bank-statements", apidoc.Op{Summary: "Import a CAMT.053 bank statement (the XML as body, or multipart field file)",
		Response: ImportOut{}, Status: 201}, staff, m.importStatement)
	r.Get("/bank-entries", apidoc.Op{Summary: "Bank entries newest first (unmatched=true: waiting for assignment)", Response: httpx.List[BankEntryOut]{},
		Query: []apidoc.Param{{Name: "unmatched", Type: "boolean"}, {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, staff, m.listEntries)
	r.Post("/bank-entries/:id/assign", apidoc.Op{Summary: "Assign an unmatched bank entry to a customer (and invoice)", Body: AssignIn{}, Response: BankEntryOut{}}, staff, m.assignEntry)
	r.Get("/interest-rates", apidoc.Op{Summary: "Statutory commercial interest rates", Response: []RateIO{}}, auth.Require(), m.getRates)
	r.Put("/interest-rates", apidoc.Op{Summary: "Replace the statutory commercial interest rates (admins)", Body: []RateIO{}, Response: []RateIO{}}, admin, m.putRates)
	r.Get("/invoices/:id/claim", apidoc.Op{Summary: "The claim on an invoice on a day: principal, interest lines, costs, paid, total",
		Response: ClaimOut{}, Query: []apidoc.Param{{Name: "on", Format: "date", Description: "default today"}}}, auth.Require(), m.getClaim)
	r.Get("/invoices/:id/dunning", apidoc.Op{Summary: "An invoice's dunning stage, steps and disputes", Response: DunningOut{}}, auth.Require(), m.getDunning)
	r.Post("/invoices/:id/dispute", apidoc.Op{Summary: "Dispute an invoice (INV-5)", Body: DisputeBody{}, Response: DisputeOut{}, Status: 201}, auth.Require(), m.dispute)
	r.Post("/invoices/:id/resolve", apidoc.Op{Summary: "Resolve an invoice's dispute", Body: ResolveBody{}, Response: DisputeOut{}}, staff, m.resolve)
	r.Post("/dunning-runs", apidoc.Op{Summary: "Run the dunning job now (safe to repeat)", Response: RunOut{}}, admin, m.runDunning)
	m.reportRoutes(r)
}

func paymentOut(p Payment) PaymentOut {
	return PaymentOut{ID: p.ID, CustomerID: p.CustomerID, Kind: p.Kind, Amount: money.Of(p.Amount), ReceivedOn: p.ReceivedOn,
		Reference: p.Reference, InvoiceID: p.InvoiceID, ReversesID: p.ReversesID}
}

func allocOut(a Allocation) AllocationOut {
	return AllocationOut{InvoiceID: a.InvoiceID, Number: a.Number, AppliedOn: a.AppliedOn, Amount: money.Of(a.Amount),
		ToCosts: money.Of(a.ToCosts), ToInterest: money.Of(a.ToInterest), ToPrincipal: money.Of(a.ToPrincipal)}
}

func (m *Module) createPayment(c *fiber.Ctx) error {
	var in PaymentIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	np := NewPayment{CustomerID: in.CustomerID, Amount: in.Amount.Decimal, ReceivedOn: in.ReceivedOn, Reference: in.Reference}
	if in.InvoiceID != nil {
		np.InvoiceID = *in.InvoiceID
	}
	res, err := m.svc.RecordPayment(c.UserContext(), np)
	if err != nil {
		return err
	}
	out := paymentOut(res.Payment)
	for _, a := range res.Allocations {
		out.Allocations = append(out.Allocations, allocOut(a))
	}
	u := money.Of(res.Unallocated)
	out.Unallocated = &u
	return c.Status(201).JSON(out)
}

func (m *Module) listPayments(c *fiber.Ctx) error {
	var f problem.Fields
	cid := httpx.QueryID(c, "customer_id", &f)
	page, err := httpx.PageWith(c, f)
	if err != nil {
		return err
	}
	var after int64
	if _, err := page.Cursor(&after); err != nil {
		return err
	}
	rows, outs := paymentRows.Get(), paymentOuts.Get()
	defer paymentRows.Put(rows)
	defer paymentOuts.Put(outs)
	if err := listPayments(c.UserContext(), m.d.DB, rows, cid, after, page.Fetch()); err != nil {
		return err
	}
	for _, p := range *rows {
		*outs = append(*outs, paymentOut(p))
	}
	return httpx.Send(c, httpx.Paginate(*outs, page, func(p PaymentOut) any { return p.ID }))
}

func (m *Module) reversePayment(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in ReverseIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := m.svc.Reverse(c.UserContext(), id, in.Note)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(paymentOut(*p))
}

func (m *Module) refund(c *fiber.Ctx) error {
	var in RefundIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := m.svc.Refund(c.UserContext(), in.CustomerID, in.Amount.Decimal, in.Note)
	if err != nil {
		return err
	}
	return c.Status(201).JSON(paymentOut(*p))
}

func (m *Module) importStatement(c *fiber.Ctx) error {
	body, name := c.Body(), "statement.xml"
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			return problem.Invalid("file", "cannot be read")
		}
		defer f.Close()
		res, err := m.svc.ImportStatement(c.UserContext(), fh.Filename, f)
		if err != nil {
			return err
		}
		return c.Status(201).JSON(ImportOut(*res))
	}
	res, err := m.svc.ImportStatement(c.UserContext(), name, bytesReader(body))
	if err != nil {
		return err
	}
	return c.Status(201).JSON(ImportOut(*res))
}

func entryOut(e BankEntry) BankEntryOut {
	return BankEntryOut{ID: e.ID, Ref: e.Ref, BookedOn: e.BookedOn, Amount: money.Of(e.Amount), DebtorName: e.DebtorName,
		DebtorIBAN: e.DebtorIBAN, Remittance: e.Remittance, PaymentID: e.PaymentID}
}

func (m *Module) listEntries(c *fiber.Ctx) error {
	var f problem.Fields
	unmatched := httpx.QueryFlag(c, "unmatched", &f)
	page, err := httpx.PageWith(c, f)
	if err != nil {
		return err
	}
	var before int64
	if _, err := page.Cursor(&before); err != nil {
		return err
	}
	rows, out := entryRows.Get(), entryOuts.Get()
	defer entryRows.Put(rows)
	defer entryOuts.Put(out)
	if err := m.svc.EntriesInto(c.UserContext(), unmatched, before, int(page.Fetch()), rows); err != nil {
		return err
	}
	for _, e := range *rows {
		*out = append(*out, entryOut(e))
	}
	return httpx.Send(c, httpx.Paginate(*out, page, func(e BankEntryOut) any { return e.ID }))
}

func (m *Module) assignEntry(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in AssignIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	var inv int64
	if in.InvoiceID != nil {
		inv = *in.InvoiceID
	}
	e, err := m.svc.AssignEntry(c.UserContext(), id, in.CustomerID, inv)
	if err != nil {
		return err
	}
	return c.JSON(entryOut(*e))
}

func ratesOut(t RateTable) []RateIO {
	out := make([]RateIO, len(t))
	for i, r := range t {
		out[i] = RateIO{ValidFrom: r.ValidFrom, Rate: money.Amount{Decimal: r.Rate}}
	}
	return out
}

func (m *Module) getRates(c *fiber.Ctx) error {
	t, err := m.svc.Rates(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(ratesOut(t))
}

func (m *Module) putRates(c *fiber.Ctx) error {
	var in []RateIO
	if len(c.Body()) == 0 {
		return problem.BadRequest("empty_body", "the request needs a JSON array of rates")
	}
	if err := httpx.DecodeStrict(c.Body(), &in); err != nil {
		return err
	}
	var f problem.Fields
	for i := range in {
		if err := httpx.Struct(&in[i]); err != nil {
			f.Add(fmt.Sprintf("[%d]", i), err.Error())
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	t := make(RateTable, len(in))
	for i, r := range in {
		t[i] = Rate{ValidFrom: r.ValidFrom, Rate: r.Rate.Decimal}
	}
	t, err := m.svc.SetRates(c.UserContext(), t)
	if err != nil {
		return err
	}
	return c.JSON(ratesOut(t))
}

func (m *Module) getClaim(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	on := m.svc.today()
	if s := c.Query("on"); s != "" {
		if on, err = civil.Parse(s); err != nil {
			return problem.Invalid("on", "must be a date YYYY-MM-DD")
		}
	}
	out, err := m.claimOut(c, id, on)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (m *Module) claimOut(c *fiber.Ctx, id int64, on civil.Date) (*ClaimOut, error) {
	inv, err := getInvoice(c.UserContext(), m.d.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := auth.Guard(auth.From(c), inv.CustomerID); err != nil {
		return nil, err
	}
	st, err := m.svc.StandingsOf(c.UserContext(), []*invoiceRow{inv}, on)
	if err != nil {
		return nil, err
	}
	if st[0].ClaimErr != nil {
		return nil, st[0].ClaimErr
	}
	cl := st[0].Claim
	out := claimToOut(inv, cl, st[0].History.Stage)
	out.Explanation = explain(web.APILang(c), inv, cl)
	return out, nil
}

func claimToOut(inv *invoiceRow, cl Claim, stage Stage) *ClaimOut {
	out := &ClaimOut{InvoiceID: inv.ID, Number: inv.Number, On: cl.On, DueDate: inv.DueDate, TermsProfile: ProfileFor(inv.TermsProfile).Code,
		Stage: string(stage), Principal: money.Of(cl.Principal), InterestFrom: cl.InterestFrom, Interest: money.Of(cl.Interest),
		InterestClaimable: cl.InterestClaimable, InterestClaimableFrom: cl.InterestClaimableFrom, CollectionCosts: money.Of(cl.CollectionCosts),
		CostsDueFrom: cl.CostsDueFrom, Paid: money.Of(cl.Paid), Credited: money.Of(cl.Credited), Total: money.Of(cl.Total),
		InterestLines: []LineOut{}}
	for _, l := range cl.Lines {
		out.InterestLines = append(out.InterestLines, LineOut{From: l.From, To: l.To, Days: l.Days, Rate: money.Amount{Decimal: l.Rate},
			Base: money.Of(l.Base), Amount: money.Of(l.Amount)})
	}
	return out
}

// explain is the claim in words in lang (the API reader's Accept-Language): the page's
// explanation, dates as "1 december 2026" and the terms profile by name, never ISO dates
// or a profile code.
func explain(lang string, inv *invoiceRow, cl Claim) string {
	date := func(d civil.Date) string { return i18n.Date(lang, d) }
	s := web.T(lang, "receivables.ui.claim.explain", "Date", date(cl.InterestFrom)) + " "
	switch {
	case cl.InterestClaimable && cl.InterestClaimableFrom != nil:
		s += web.T(lang, "receivables.ui.claim.explain_since", "Date", date(*cl.InterestClaimableFrom))
	case cl.InterestClaimableFrom != nil:
		s += web.T(lang, "receivables.ui.claim.explain_from", "Date", date(*cl.InterestClaimableFrom))
	default:
		s += web.T(lang, "receivables.ui.claim.explain_after_reminder", "Terms", termsNameIn(lang, inv.TermsProfile))
	}
	if cl.CostsDueFrom != nil {
		s += " " + web.T(lang, "receivables.ui.claim.explain_costs", "Date", date(*cl.CostsDueFrom))
	}
	return s
}

func disputeOut(d disputeRow) DisputeOut {
	o := DisputeOut{ID: d.ID, InvoiceID: d.InvoiceID, Reason: d.Reason, RaisedOn: d.RaisedOn, ResolvedOn: d.ResolvedOn, Resolution: d.Resolution}
	if d.DisputedPart != nil {
		a := money.Of(*d.DisputedPart)
		o.DisputedPart = &a
	}
	return o
}

func (m *Module) getDunning(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	inv, err := getInvoice(c.UserContext(), m.d.DB, id, false)
	if err != nil {
		return err
	}
	if err := auth.Guard(auth.From(c), inv.CustomerID); err != nil {
		return err
	}
	h, err := m.svc.HistoryOf(c.UserContext(), inv)
	if err != nil {
		return err
	}
	out := DunningOut{Stage: string(h.Stage), Steps: []StepOut{}, Disputes: []DisputeOut{}}
	for _, s := range h.Steps {
		out.Steps = append(out.Steps, StepOut{ID: s.ID, Stage: s.Stage, SentOn: s.SentOn, Deadline: s.Deadline,
			Principal: money.Of(s.Principal), Interest: money.Of(s.Interest), Costs: money.Of(s.Costs)})
	}
	for _, d := range h.Disputes {
		out.Disputes = append(out.Disputes, disputeOut(d))
	}
	return c.JSON(out)
}

func (m *Module) dispute(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in DisputeBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	di := DisputeIn{Reason: in.Reason}
	if in.DisputedPart != nil {
		d := decimal.Decimal(in.DisputedPart.Decimal)
		di.DisputedPart = &d
	}
	p := auth.From(c)
	d, err := m.svc.Dispute(c.UserContext(), id, di, func(cid int64) error { return auth.Guard(p, cid) })
	if err != nil {
		return err
	}
	return c.Status(201).JSON(disputeOut(*d))
}

func (m *Module) resolve(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in ResolveBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	d, err := m.svc.Resolve(c.UserContext(), id, in.Resolution)
	if err != nil {
		return err
	}
	return c.JSON(disputeOut(*d))
}

func (m *Module) runDunning(c *fiber.Ctx) error {
	n, err := m.svc.RunDunning(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(RunOut{Steps: n})
}
