package orders

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/money"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

var (
	sales = []auth.Role{auth.Admin, auth.AccountManager}
	staff = []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}
	// deciders may take the customer's decisions: the customer's contact, or sales
	// recording one on its behalf — never a technician (issue 8).
	deciders = []auth.Role{auth.Admin, auth.AccountManager, auth.Customer}
)

// Routes registers the JSON API under /api/v1.
func (m *Module) Routes(r *apidoc.Router) {
	page := listParams("number, title, customer name")
	r.Post("/quotes", apidoc.Op{Summary: "Create a draft quote (Q-1: valid 30 days unless valid_days; Q-7: prices excl. VAT)", Tag: "orders",
		Body: QuoteIn{}, Response: QuoteOut{}, Status: 201}, auth.Require(sales...), m.createQuote)
	r.Get("/quotes", apidoc.Op{Summary: "List quotes with totals; status is derived (a sent quote past valid_until is expired)", Tag: "orders",
		Response: httpx.List[QuoteOut]{}, Query: append([]apidoc.Param{apidoc.Q("status", "draft, sent, accepted, declined, withdrawn, superseded, expired"),
			{Name: "customer_id", Type: "integer"}, {Name: "expiring_within_days", Type: "integer"}}, page...)}, auth.Require(), m.listQuotes)
	r.Get("/quotes/:id", apidoc.Op{Summary: "Get a quote version with lines and totals", Tag: "orders", Response: QuoteOut{}}, auth.Require(), m.getQuote)
	r.Patch("/quotes/:id", apidoc.Op{Summary: "Change a draft (409 quote_not_editable otherwise); lines, when given, replace all lines", Tag: "orders",
		Body: QuoteIn{}, Response: QuoteOut{}}, auth.Require(sales...), m.patchQuote)
	r.Post("/quotes/:id/send", apidoc.Op{Summary: "Send a draft: valid_until = Amsterdam date of sending + valid_days (Q-1)", Tag: "orders",
		Response: QuoteOut{}}, auth.Require(sales...), m.sendQuote)
	r.Post("/quotes/:id/accept", apidoc.Op{Summary: "Accept a sent quote whole (Q-2) with who and how (Q-3); creates the order and contract",
		Description: "JSON, or multipart/form-data with the fields accepted_by, method (default signed_pdf) and the file signed_pdf: " +
			"the signed quote, a PDF of at most 10 MB, its type checked from the content (422 with the field signed_pdf otherwise, 413 when larger). " +
			"The file is kept with the acceptance record and downloadable at /quotes/{id}/signed-pdf.",
		Tag: "orders", Body: AcceptIn{}, Response: AcceptOut{}}, auth.Require(deciders...), m.acceptQuote)
	r.Get("/quotes/:id/signed-pdf", apidoc.Op{Summary: "The signed quote kept with an acceptance by signed PDF (Q-3)", Tag: "orders",
		Produces: "application/pdf"}, auth.Require(), m.signedPDF)
	r.Post("/quotes/:id/decline", apidoc.Op{Summary: "Decline a sent quote with a reason", Tag: "orders", Body: DeclineIn{}, Response: QuoteOut{}},
		auth.Require(deciders...), m.declineQuote)
	r.Post("/quotes/:id/withdraw", apidoc.Op{Summary: "Withdraw a draft, sent or expired quote", Tag: "orders", Response: QuoteOut{}},
		auth.Require(sales...), m.withdrawQuote)
	r.Post("/quotes/:id/revise", apidoc.Op{Summary: "Revise: a new draft version with the same number; the old one is superseded (Q-1)",
		Tag: "orders", Response: QuoteOut{}, Status: 201}, auth.Require(sales...), m.reviseQuote)
	r.Get("/quotes/:id/pdf", apidoc.Op{Summary: "The quote as PDF: company, customer, lines, VAT summary, validity, terms", Tag: "orders",
		Produces: "application/pdf"}, auth.Require(), m.quotePDF)
	r.Get("/terms-profiles", apidoc.Op{Summary: "Contract terms profiles a quote can use (Q-8)", Tag: "orders", Response: []ProfileOut{}},
		auth.Require(), m.profiles)

	m.orderRoutes(r, page)
	m.contractRoutes(r, page)
}

// AcceptOut is the accepted quote with the order and contract it became.
type AcceptOut struct {
	Quote    QuoteOut     `json:"quote"`
	Order    OrderOut     `json:"order"`
	Contract *ContractOut `json:"contract"`
}

func (m *Module) quoteOut(c *fiber.Ctx, q *Quote) (QuoteOut, error) {
	return quoteOut(q, m.svc.now(), q.OrderID, q.ContractID), nil
}

func (m *Module) answerQuote(c *fiber.Ctx, status int, q *Quote, err error) error {
	if err != nil {
		return err
	}
	out, err := m.quoteOut(c, q)
	if err != nil {
		return err
	}
	return c.Status(status).JSON(out)
}

func (m *Module) createQuote(c *fiber.Ctx) error {
	var in QuoteIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	q := newDraft()
	var fe fieldErrors
	in.apply(q, &fe)
	if in.Lines == nil {
		fe.add("lines", "at least one line is required")
	}
	if err := fe.err(); err != nil {
		// report the domain's field errors together with the parse errors
		fe.Merge(ValidateQuote(q, m.svc.Today()))
		return dedupe(fe).err()
	}
	q, err := m.svc.CreateQuote(c.UserContext(), q)
	return m.answerQuote(c, fiber.StatusCreated, q, err)
}

// dedupe drops repeated field errors on the same field (a parse error and the validation
// of the zero value it left behind).
func dedupe(fe fieldErrors) fieldErrors {
	var out fieldErrors
	for _, f := range fe.Fields {
		if !out.Has(f.Field) {
			out.Add(f.Field, f.Message)
		}
	}
	return out
}

func (m *Module) patchQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in QuoteIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	q, err := m.svc.UpdateQuote(c.UserContext(), qid, func(q *Quote) error {
		var fe fieldErrors
		in.apply(q, &fe)
		if err := fe.err(); err != nil {
			fe.Merge(ValidateQuote(q, m.svc.Today()))
			return dedupe(fe).err()
		}
		return nil
	})
	return m.answerQuote(c, fiber.StatusOK, q, err)
}

func (m *Module) getQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	return m.answerQuote(c, fiber.StatusOK, q, err)
}

func (m *Module) listQuotes(c *fiber.Ctx) error {
	f, err := quoteQuery(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.quoteCSV(c, f)
	}
	qs, err := m.svc.ListQuotes(c.UserContext(), f)
	if err != nil {
		return err
	}
	now := m.svc.now()
	return httpx.Send(c, listq.Paginate(quoteList, qs, *f.List, func(q *Quote) QuoteOut { return quoteOut(q, now, 0, 0) }))
}

func (m *Module) sendQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.SendQuote(c.UserContext(), qid)
	return m.answerQuote(c, fiber.StatusOK, q, err)
}

func (m *Module) acceptQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in AcceptIn
	var signed *uploads.File
	if isMultipart(c) {
		if in, signed, err = acceptForm(c); err != nil {
			return err
		}
	} else if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	if p := auth.From(c); p.Role == auth.Customer && in.Method != string(AcceptPortal) && signed == nil {
		return problem.Invalid("method", "in the portal a quote is accepted with method portal, or signed_pdf with the signed PDF attached")
	}
	res, err := m.svc.AcceptQuote(c.UserContext(), qid, AcceptRequest{AcceptedBy: in.AcceptedBy, Method: AcceptanceMethod(in.Method), LineIDs: in.LineIDs, Signed: signed})
	if err != nil {
		return err
	}
	qo, err := m.quoteOut(c, res.Quote)
	if err != nil {
		return err
	}
	out := AcceptOut{Quote: qo, Order: orderOut(res.Order)}
	for _, l := range res.Order.Lines {
		out.Order.Lines = append(out.Order.Lines, lineOut(l))
	}
	out.Order.Net = money.Of(ComputeTotals(res.Order.Lines).Net)
	if res.Contract != nil {
		co := contractOut(res.Contract, m.svc.Today())
		out.Contract = &co
		out.Order.ContractID = &res.Contract.ID
	}
	return c.JSON(out)
}

func (m *Module) declineQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	var in DeclineIn
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	q, err := m.svc.DeclineQuote(c.UserContext(), qid, in.Reason)
	return m.answerQuote(c, fiber.StatusOK, q, err)
}

func (m *Module) withdrawQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.WithdrawQuote(c.UserContext(), qid)
	return m.answerQuote(c, fiber.StatusOK, q, err)
}

func (m *Module) reviseQuote(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.ReviseQuote(c.UserContext(), qid)
	return m.answerQuote(c, fiber.StatusCreated, q, err)
}

func (m *Module) profiles(c *fiber.Ctx) error {
	var out []ProfileOut
	for _, p := range TermsProfiles() {
		out = append(out, ProfileOut{Code: p.Code, Name: p.Name, Source: p.Source, Terms: termsOut(p.Terms), Indexation: clauseOut(p.Indexation)})
	}
	return c.JSON(out)
}
