package receivables

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Pages registers the admin pages and the portal page.
func (m *Module) Pages(ui fiber.Router) {
	staff := auth.Require(auth.Admin, auth.AccountManager)
	ui.Get("/receivables", staff, m.pageAgeing)
	ui.Get("/receivables/invoices/:id", staff, m.pageInvoice)
	ui.Post("/receivables/invoices/:id/dispute", auth.Require(), m.postDispute)
	ui.Post("/receivables/invoices/:id/resolve", staff, m.postResolve)
	ui.Get("/receivables/letters/:id", auth.Require(), m.letterPDF)
	ui.Get("/receivables/payments", staff, m.pagePayments)
	ui.Post("/receivables/payments", staff, m.postPayment)
	ui.Post("/receivables/bank-statements", staff, m.postStatement)
	ui.Get("/receivables/bank-entries", staff, m.entriesCSV)
	ui.Post("/receivables/bank-entries/:id/assign", staff, m.postAssign)
	ui.Get("/receivables/interest-rates", staff, m.pageRates)
	ui.Post("/receivables/interest-rates", auth.Require(auth.Admin), m.postRates)
	ui.Post("/receivables/dunning-run", auth.Require(auth.Admin), m.postRun)
	ui.Get("/portal/balance", auth.Require(auth.Customer), m.pagePortal)
}

// chartSVG draws the ageing buckets as bars; nil when there is nothing open (the page
// shows an empty state, not a row of zeros).
func chartSVG(a *Ageing, labels []string, aria string) template.HTML {
	if a.Totals.Invoices == 0 {
		return ""
	}
	max := decimal.Zero
	for _, v := range a.Totals.Amounts {
		if v.GreaterThan(max) {
			max = v
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="ageing-chart" viewBox="0 0 520 220" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" style="max-width:640px">`, template.HTMLEscapeString(aria))
	for i, v := range a.Totals.Amounts {
		h := 0.0
		if max.IsPositive() {
			h, _ = v.Div(max).Mul(decimal.NewFromInt(160)).Float64()
		}
		x := 20 + i*100
		color := []string{"#6b9bd1", "#e0b84c", "#e08a3c", "#d4603a", "#b03030"}[i]
		fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="70" height="%.1f" fill="%s" data-bucket="%s"><title>%s: %s</title></rect>`,
			x, 180-h, h, color, Buckets[i], template.HTMLEscapeString(labels[i]), web.Money(v))
		fmt.Fprintf(&b, `<text x="%d" y="198" font-size="12" text-anchor="middle">%s</text>`, x+35, template.HTMLEscapeString(labels[i]))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="11" text-anchor="middle">%s</text>`, x+35, 175-h, template.HTMLEscapeString(web.Money(v)))
	}
	b.WriteString(`<line x1="10" y1="180" x2="510" y2="180" stroke="#888"/></svg>`)
	return template.HTML(b.String())
}

func (m *Module) pageAgeing(c *fiber.Ctx) error {
	ctx := c.UserContext()
	today := m.svc.today()
	a, err := m.svc.AgeingReport(ctx, today, 0)
	if err != nil {
		return err
	}
	sus, err := m.svc.SuspendedCustomers(ctx, today)
	if err != nil {
		return err
	}
	open, err := invoicesOf(ctx, m.d.DB, 0, true, false)
	if err != nil {
		return err
	}
	labels := bucketLabels(c)
	return m.d.Web.Render(c, "receivables/ageing", web.UITr(c, "receivables.ui.page.receivables"), fiber.Map{"Ageing": a,
		"Chart": chartSVG(a, labels, web.UITr(c, "receivables.ui.ageing.chart")), "Suspended": sus, "Open": open, "Today": today, "Buckets": labels})
}

// bucketLabels are the ageing buckets (Buckets) in words: "Not due", "1–30 days", ….
func bucketLabels(c *fiber.Ctx) []string {
	out := make([]string, len(Buckets))
	for i, b := range Buckets {
		out[i] = web.UITr(c, "receivables.ui.bucket."+b)
	}
	return out
}

func (m *Module) invoiceView(c *fiber.Ctx, id int64) (fiber.Map, error) {
	on := m.svc.today()
	if s := c.Query("on"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			return nil, problem.Invalid("on", web.UITr(c, "receivables.ui.err.date"))
		}
		on = d
	}
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
	h := st[0].History
	v := fiber.Map{"Invoice": inv, "History": h, "On": on, "Disputed": openDisputeOf(h.Disputes) != nil, "Terms": termsName(c, inv.TermsProfile)}
	if st[0].ClaimErr != nil {
		v["ClaimError"] = st[0].ClaimErr.Error()
	} else {
		v["Claim"] = claimToOut(inv, st[0].Claim, h.Stage)
	}
	return v, nil
}

func (m *Module) pageInvoice(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	v, err := m.invoiceView(c, id)
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "receivables/invoice", web.UITr(c, "receivables.ui.page.claim", "Number", v["Invoice"].(*invoiceRow).Number), v)
}

// termsName names an invoice's terms profile for a person: "terms and conditions of
// Cloudwise", "(the standard ones)" for the default one, never the profile's code.
func termsName(c *fiber.Ctx, code string) string { return termsNameIn(web.UILang(auth.From(c)), code) }

// termsNameIn names a terms profile in lang, never by the English word "terms" after a
// Dutch name ("IT aanspreekpunt terms", issue 13).
func termsNameIn(lang, code string) string {
	p := ProfileFor(code)
	if code == "" {
		return web.T(lang, "receivables.ui.claim.terms_default", "Name", p.Name)
	}
	return web.T(lang, "receivables.ui.claim.terms_name", "Name", p.Name)
}

func (m *Module) postDispute(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := DisputeIn{Reason: strings.TrimSpace(c.FormValue("reason"))}
	if in.Reason == "" {
		return problem.Invalid("reason", web.Tr(c, "receivables.ui.err.required"))
	}
	if s := strings.TrimSpace(c.FormValue("disputed_part")); s != "" {
		d, err := money.ParseInput(s)
		if err != nil {
			return problem.Invalid("disputed_part", web.Tr(c, "receivables.ui.err.amount"))
		}
		in.DisputedPart = &d
	}
	p := auth.From(c)
	if _, err := m.svc.Dispute(c.UserContext(), id, in, func(cid int64) error { return auth.Guard(p, cid) }); err != nil {
		return err
	}
	if p.Role == auth.Customer {
		return web.Redirect(c, "/portal/balance", web.Tr(c, "portal.balance.disputed"))
	}
	return web.Redirect(c, fmt.Sprintf("/receivables/invoices/%d", id), web.UITr(c, "receivables.ui.flash.disputed"))
}

func (m *Module) postResolve(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := m.svc.Resolve(c.UserContext(), id, c.FormValue("resolution")); err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/receivables/invoices/%d", id), web.UITr(c, "receivables.ui.flash.resolved"))
}

func (m *Module) letterPDF(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	s, err := stepLetter(c.UserContext(), m.d.DB, id)
	if err != nil {
		return err
	}
	if err := auth.Guard(auth.From(c), s.CustomerID); err != nil {
		return err
	}
	c.Set("Content-Type", "application/pdf")
	c.Set("Content-Disposition", fmt.Sprintf(`inline; filename="letter-%d-%s.pdf"`, s.InvoiceID, s.Stage))
	return c.Send(s.LetterPDF)
}

func formInt(c *fiber.Ctx, k string) int64 {
	n, _ := strconv.ParseInt(c.FormValue(k), 10, 64)
	return n
}

func (m *Module) postPayment(c *fiber.Ctx) error {
	var f problem.Fields
	amt, err := money.ParseInput(c.FormValue("amount"))
	if err != nil {
		f.Add("amount", web.UITr(c, "receivables.ui.err.amount"))
	}
	on, err := civil.Parse(c.FormValue("received_on"))
	if err != nil {
		f.Add("received_on", web.UITr(c, "receivables.ui.err.date"))
	}
	if err := f.Err(); err != nil {
		return err
	}
	res, err := m.svc.RecordPayment(c.UserContext(), NewPayment{CustomerID: formInt(c, "customer_id"), Amount: amt, ReceivedOn: on,
		Reference: c.FormValue("reference"), InvoiceID: formInt(c, "invoice_id")})
	if err != nil {
		return err
	}
	return web.Redirect(c, "/receivables/payments", web.UITr(c, "receivables.ui.flash.payment", "Count", len(res.Allocations), "Amount", web.Money(res.Unallocated)))
}

func (m *Module) postStatement(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return problem.Invalid("file", web.UITr(c, "receivables.ui.err.file"))
	}
	f, err := fh.Open()
	if err != nil {
		return problem.Invalid("file", web.UITr(c, "receivables.ui.err.unreadable"))
	}
	defer f.Close()
	res, err := m.svc.ImportStatement(c.UserContext(), fh.Filename, f)
	if err != nil {
		return err
	}
	return web.Redirect(c, "/receivables/payments", web.UITr(c, "receivables.ui.flash.imported", "Credits", res.Credits, "Added", res.Added, "Matched", res.Matched, "Unmatched", res.Unmatched))
}

func (m *Module) postAssign(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	invID := formInt(c, "invoice_id")
	cid := formInt(c, "customer_id")
	if invID != 0 && cid == 0 {
		inv, err := getInvoice(c.UserContext(), m.d.DB, invID, false)
		if err != nil {
			return err
		}
		cid = inv.CustomerID
	}
	if _, err := m.svc.AssignEntry(c.UserContext(), id, cid, invID); err != nil {
		return err
	}
	return web.Redirect(c, "/receivables/payments", web.UITr(c, "receivables.ui.flash.assigned"))
}

func (m *Module) pageRates(c *fiber.Ctx) error {
	t, err := m.svc.Rates(c.UserContext())
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "receivables/rates", web.UITr(c, "receivables.ui.rates.page"), fiber.Map{"Rates": t, "Admin": auth.From(c).Role == auth.Admin})
}

// postRates adds or changes one rate (valid_from, rate) or removes one (remove=1).
func (m *Module) postRates(c *fiber.Ctx) error {
	t, err := m.svc.Rates(c.UserContext())
	if err != nil {
		return err
	}
	from, err := civil.Parse(c.FormValue("valid_from"))
	if err != nil {
		return problem.Invalid("valid_from", web.UITr(c, "receivables.ui.err.date"))
	}
	var next RateTable
	for _, r := range t {
		if r.ValidFrom != from {
			next = append(next, r)
		}
	}
	if c.FormValue("remove") != "" && !web.Confirmed(c) {
		return web.NotConfirmed(c, "/receivables/interest-rates")
	}
	if c.FormValue("remove") == "" {
		rate, err := money.ParseInput(c.FormValue("rate"))
		if err != nil {
			return problem.Invalid("rate", web.UITr(c, "receivables.ui.err.number"))
		}
		next = append(next, Rate{ValidFrom: from, Rate: rate})
	}
	if _, err := m.svc.SetRates(c.UserContext(), next); err != nil {
		return err
	}
	return web.Redirect(c, "/receivables/interest-rates", web.UITr(c, "receivables.ui.flash.rates"))
}

func (m *Module) postRun(c *fiber.Ctx) error {
	n, err := m.svc.RunDunning(c.UserContext())
	if err != nil {
		return err
	}
	return web.Redirect(c, "/receivables", web.UITr(c, "receivables.ui.flash.dunning", "Count", n))
}

type portalRow struct {
	Inv     invoiceRow
	Claim   *ClaimOut
	Overdue bool
}

func (m *Module) pagePortal(c *fiber.Ctx) error {
	p := auth.From(c)
	if p.CustomerID == nil {
		return problem.ErrNotFound
	}
	ctx := c.UserContext()
	today := m.svc.today()
	open, err := invoicesOf(ctx, m.d.DB, *p.CustomerID, true, false)
	if err != nil {
		return err
	}
	var rows []portalRow
	total, overdue := decimal.Zero, decimal.Zero
	invs := make([]*invoiceRow, len(open))
	for i := range open {
		invs[i] = &open[i]
	}
	sts, err := m.svc.StandingsOf(ctx, invs, today)
	if err != nil {
		return err
	}
	for i := range open {
		inv := open[i]
		if sts[i].ClaimErr != nil {
			return sts[i].ClaimErr
		}
		cl := sts[i].Claim
		r := portalRow{Inv: inv, Claim: claimToOut(&inv, cl, sts[i].History.Stage), Overdue: today.After(inv.DueDate)}
		total = total.Add(cl.Total)
		if r.Overdue {
			overdue = overdue.Add(cl.Total)
		}
		rows = append(rows, r)
	}
	credit, err := m.svc.Credit(ctx, *p.CustomerID)
	if err != nil {
		return err
	}
	return m.d.Web.Render(c, "receivables/portal_balance", web.Tr(c, "portal.balance.title"), fiber.Map{"Rows": rows, "Total": total, "Overdue": overdue, "Credit": credit})
}
