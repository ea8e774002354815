package orders

import (
	"backoffice/internal/httpx"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

func (m *Module) adminPages(r fiber.Router) {
	s := auth.Require(sales...)
	r.Get("/quotes", s, m.quotesPage)
	r.Get("/quotes/new", s, m.quoteNewPage)
	r.Post("/quotes", s, m.quoteCreatePost)
	r.Get("/quotes/:id", s, m.quotePage)
	r.Get("/quotes/:id/edit", s, m.quoteEditPage)
	r.Post("/quotes/:id", s, m.quoteUpdatePost)
	r.Post("/quotes/:id/send", s, m.quoteAction("send"))
	r.Post("/quotes/:id/revise", s, m.quoteAction("revise"))
	r.Post("/quotes/:id/withdraw", s, m.quoteAction("withdraw"))
	r.Get("/orders", auth.Require(staff...), m.ordersPage)
	r.Get("/orders/:id", auth.Require(staff...), m.orderPage)
	r.Post("/orders/:id/cancel", s, m.orderCancelPost)
	r.Post("/orders/:id/preconditions", auth.Require(staff...), m.preconditionPost)
	r.Post("/orders/:id/extensions", auth.Require(staff...), m.extensionPost)
	r.Post("/orders/:id/change-requests", auth.Require(staff...), m.changeRequestPost)
	r.Get("/contracts", s, m.contractsPage)
	r.Get("/contracts/:id", s, m.contractPage)
	r.Post("/contracts/:id/terminate", s, m.terminatePost)
	r.Get("/indexation", s, m.indexationPage)
	r.Post("/indexation", s, m.indexationPost)
	r.Get("/indexation/:id", s, m.indexationRunPage)
	r.Post("/indexation/:id/apply", s, m.indexationApplyPost)
}

type option struct{ Value, Label string }

type quoteListData struct {
	Rows      []QuoteOut
	Q         map[string]string
	Statuses  []string
	Customers []option
	Next      string
}

func (m *Module) customerOptions(c *fiber.Ctx) ([]option, error) {
	rows, err := m.svc.CustomerOptions(c.UserContext())
	if err != nil {
		return nil, err
	}
	out := make([]option, len(rows))
	for i, r := range rows {
		out[i] = option{strconv.FormatInt(r.ID, 10), r.Name}
	}
	return out, nil
}

func (m *Module) quotesPage(c *fiber.Ctx) error {
	q := map[string]string{"status": c.Query("status"), "customer_id": c.Query("customer_id"), "expiring": c.Query("expiring")}
	f := QuoteFilter{Limit: 51, Principal: auth.From(c), Status: QuoteStatus(q["status"])}
	if f.Status != "" && !f.Status.Valid() {
		return problem.Invalid("status", "unknown status")
	}
	if v, err := strconv.ParseInt(q["customer_id"], 10, 64); err == nil && v > 0 {
		f.CustomerID = &v
	}
	if q["expiring"] != "" {
		d := ReminderDaysBeforeExpiry
		f.ExpiringWithin = &d
	}
	if v, err := strconv.ParseInt(c.Query("after"), 10, 64); err == nil {
		f.AfterID = v
	}
	qs, err := m.svc.ListQuotes(c.UserContext(), f)
	if err != nil {
		return err
	}
	d := quoteListData{Q: q, Statuses: []string{"draft", "sent", "expired", "accepted", "declined", "withdrawn", "superseded"}}
	now := m.svc.now()
	for i, x := range qs {
		if i == 50 {
			v := url.Values{}
			for k, s := range q {
				if s != "" {
					v.Set(k, s)
				}
			}
			v.Set("after", strconv.FormatInt(qs[49].ID, 10))
			d.Next = v.Encode()
			break
		}
		d.Rows = append(d.Rows, quoteOut(x, now, 0, 0))
	}
	if d.Customers, err = m.customerOptions(c); err != nil {
		return err
	}
	return m.web.Render(c, "orders/quotes", "Quotes", d)
}

type editorData struct {
	Quote     QuoteOut
	New       bool
	Lines     []LineOut
	Customers []option
	Profiles  []TermsProfile
	Errors    []problem.FieldError
	Kinds     []string
	Terms     termsOverrideForm
}

func (m *Module) editor(c *fiber.Ctx, status int, q *Quote, isNew bool, errs []problem.FieldError) error {
	d := editorData{Quote: quoteOut(q, m.svc.now(), 0, 0), New: isNew, Profiles: TermsProfiles(), Errors: errs,
		Kinds: []string{"hardware", "service", "recurring", "secondment", "training"}, Terms: overridesOf(q.Terms)}
	for _, l := range q.Lines {
		d.Lines = append(d.Lines, lineOut(l))
	}
	for range 3 {
		d.Lines = append(d.Lines, LineOut{VATRate: "21", Quantity: "1"})
	}
	var err error
	if d.Customers, err = m.customerOptions(c); err != nil {
		return err
	}
	title := "New quote"
	if !isNew {
		title = fmt.Sprintf("Edit quote %s v%d", q.Number, q.Version)
	}
	c.Status(status)
	return m.web.Render(c, "orders/quote_edit", title, d)
}

func (m *Module) quoteNewPage(c *fiber.Ctx) error {
	q := newDraft()
	if v, err := strconv.ParseInt(c.Query("customer_id"), 10, 64); err == nil {
		q.CustomerID = v
	}
	return m.editor(c, fiber.StatusOK, q, true, nil)
}

// quoteForm reads the editor form (it works without JavaScript): header fields and rows
// lines.N.field; rows without a description are empty and ignored.
func quoteForm(c *fiber.Ctx) *QuoteIn {
	in := &QuoteIn{}
	if v, err := strconv.ParseInt(c.FormValue("customer_id"), 10, 64); err == nil {
		in.CustomerID = &v
	} else {
		zero := int64(0)
		in.CustomerID = &zero
	}
	title := c.FormValue("title")
	in.Title = &title
	if v, err := strconv.Atoi(c.FormValue("valid_days")); err == nil {
		in.ValidDays = &v
	}
	if v, err := strconv.Atoi(c.FormValue("lead_time_days")); err == nil {
		in.LeadTimeDays = &v
	}
	sd := civil.Date{}
	if s := c.FormValue("start_date"); s != "" {
		if d, err := civil.Parse(s); err == nil {
			sd = d
		} // an unreadable date stays empty, like an absent one
	}
	in.StartDate = &sd
	b := func(name string) *bool { v := c.FormValue(name) == "on"; return &v }
	in.Cancellable, in.FixedPrice, in.AdvancePayment = b("cancellable"), b("fixed_price"), b("advance_payment")
	in.Terms = termsForm(c)
	in.Lines = []LineIn{}
	n, err := strconv.Atoi(c.FormValue("line_count"))
	if err != nil || n <= 0 || n > MaxQuoteLines {
		n = MaxQuoteLines
	}
	for i := range n {
		p := fmt.Sprintf("lines.%d.", i)
		if strings.TrimSpace(c.FormValue(p+"description")+c.FormValue(p+"unit_price")+c.FormValue(p+"sku")) == "" {
			continue // an empty row of the editor
		}
		l := LineIn{Kind: c.FormValue(p + "kind"), Description: c.FormValue(p + "description"), Quantity: Num(c.FormValue(p + "quantity")),
			Unit: c.FormValue(p + "unit"), UnitPrice: Num(c.FormValue(p + "unit_price")), VATRate: Num(c.FormValue(p + "vat_rate")),
			SKU: c.FormValue(p + "sku")}
		if l.Kind == string(KindRecurring) {
			l.Period = c.FormValue(p + "period")
		}
		in.Lines = append(in.Lines, l)
	}
	return in
}

func (m *Module) quoteCreatePost(c *fiber.Ctx) error {
	in := quoteForm(c)
	q := newDraft()
	var fe fieldErrors
	in.apply(q, &fe)
	if err := fe.err(); err != nil {
		fe.Merge(ValidateQuote(q, m.svc.Today()))
		return m.editor(c, fiber.StatusUnprocessableEntity, q, true, dedupe(fe).Fields)
	}
	saved, err := m.svc.CreateQuote(c.UserContext(), q)
	if fields, ok := problem.FieldErrors(err); ok {
		return m.editor(c, fiber.StatusUnprocessableEntity, q, true, fields)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/quotes/%d", saved.ID), "Quote "+saved.Number+" created.")
}

func (m *Module) quoteEditPage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	if err != nil {
		return err
	}
	if err := q.CheckEditable(); err != nil {
		return err
	}
	return m.editor(c, fiber.StatusOK, q, false, nil)
}

func (m *Module) quoteUpdatePost(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	in := quoteForm(c)
	var draft *Quote
	_, err = m.svc.UpdateQuote(c.UserContext(), qid, func(q *Quote) error {
		var fe fieldErrors
		in.apply(q, &fe)
		draft = q
		if err := fe.err(); err != nil {
			fe.Merge(ValidateQuote(q, m.svc.Today()))
			return dedupe(fe).err()
		}
		return nil
	})
	if fields, ok := problem.FieldErrors(err); ok && draft != nil {
		return m.editor(c, fiber.StatusUnprocessableEntity, draft, false, fields)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/quotes/%d", qid), "Quote saved.")
}

type quotePageData struct {
	Quote  QuoteOut
	Portal bool
	Errors []problem.FieldError
}

func (m *Module) quotePage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	if err != nil {
		return err
	}
	out, err := m.quoteOut(c, q)
	if err != nil {
		return err
	}
	return m.web.Render(c, "orders/quote", fmt.Sprintf("Quote %s v%d", q.Number, q.Version), quotePageData{Quote: out})
}

func (m *Module) quoteAction(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		qid, err := httpx.ID(c)
		if err != nil {
			return err
		}
		ctx := c.UserContext()
		var q *Quote
		switch action {
		case "send":
			q, err = m.svc.SendQuote(ctx, qid)
		case "revise":
			q, err = m.svc.ReviseQuote(ctx, qid)
		default:
			q, err = m.svc.WithdrawQuote(ctx, qid)
		}
		if err != nil {
			return err
		}
		msg := map[string]string{"send": "Quote sent; valid until " + q.ValidUntil.String() + ".",
			"revise": fmt.Sprintf("Version %d created as a draft.", q.Version), "withdraw": "Quote withdrawn."}[action]
		return web.Redirect(c, fmt.Sprintf("/quotes/%d", q.ID), msg)
	}
}
