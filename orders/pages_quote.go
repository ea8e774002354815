package orders

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

// The quote page, for staff and (Portal) for the customer's users, in the reader's
// language: the terms, the index and the acceptance in words (no series codes or rule IDs
// for the customer), and the two ways to accept a sent quote: online with the typed
// name, or by uploading the signed quote PDF (staff record a signed copy received by mail).

type quotePageData struct {
	Quote    QuoteOut
	Portal   bool
	Errors   []problem.FieldError
	Versions []QuoteVersion // every version of the number, oldest first (staff page)

	TermsText   string // "48 months, renewing by 12 months; notice 2 months before the end of a term"
	IndexText   string // the indexation clause naming the index, not its code
	AcceptText  string // the acceptance record: who, when, how
	AcceptIntro string // what accepting commits to: the one-off total and the recurring commitment
	ContactName string // the contact person the quote is addressed to (staff page)
	Form        string // the acceptance form that failed: "online" or "signed"
	AcceptedBy  string // the name typed in it
}

// quoteView is the page of q in the language of the principal of c.
func (m *Module) quoteView(c *fiber.Ctx, q *Quote, portal bool) quotePageData {
	l := i18n.For(web.UILang(auth.From(c)))
	d := quotePageData{Quote: quoteOut(q, m.svc.now(), q.OrderID, q.ContractID), Portal: portal, IndexText: clause(l, q.Indexation),
		TermsText: l.T("orders.ui.quote.terms_text", map[string]any{"Initial": months(l, q.Terms.InitialTermMonths),
			"Renewal": months(l, q.Terms.RenewalTermMonths), "Notice": notice(l, q.Terms)})}
	if a := q.Acceptance; a != nil {
		d.AcceptText = acceptanceText(l, a)
	}
	t := ComputeTotals(q.Lines)
	args := map[string]any{"Number": q.Number, "Version": q.Version, "Net": i18n.Money(l.Lang, t.Net), "Gross": i18n.Money(l.Lang, t.Gross),
		"OneOff": i18n.Money(l.Lang, t.OneOff), "Renewal": months(l, q.Terms.RenewalTermMonths)}
	if c := commitment(l, t, q.Terms.InitialTermMonths); c != "" {
		args["Commitment"] = c
		d.AcceptIntro = l.T("orders.ui.accept.intro_recurring", args)
	} else {
		d.AcceptIntro = l.T("orders.ui.accept.intro", args)
	}
	return d
}

func (m *Module) quotePage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, versions, err := m.svc.QuoteWithVersions(c.UserContext(), qid)
	if err != nil {
		return err
	}
	d := m.quoteView(c, q, false)
	d.Versions = versions
	if q.ContactID != nil {
		if d.ContactName, err = m.svc.ContactName(c.UserContext(), *q.ContactID); err != nil {
			return err
		}
	}
	return m.web.Render(c, "orders/quote", tr(c, "orders.ui.title.quote_version", "Number", q.Number, "Version", q.Version), d)
}

func (m *Module) portalQuotePage(c *fiber.Ctx) error {
	qid, err := httpx.ID(c)
	if err != nil {
		return err
	}
	q, err := m.svc.GetQuote(c.UserContext(), qid)
	if err != nil {
		return err
	}
	return m.web.Render(c, "orders/quote", tr(c, "orders.ui.title.quote", "Number", q.Number), m.quoteView(c, q, true))
}

// acceptPosted records an acceptance posted from a quote page: online (the typed name) or,
// as multipart, with the signed quote PDF. A failed acceptance re-renders the page with
// the errors beside the form that was used and the name typed in it.
func (m *Module) acceptPosted(c *fiber.Ctx, portal bool) (*AcceptResult, error) {
	qid, err := httpx.ID(c)
	if err != nil {
		return nil, err
	}
	req := AcceptRequest{AcceptedBy: c.FormValue("accepted_by"), Method: AcceptPortal}
	form := "online"
	if isMultipart(c) || !portal {
		form, req.Method = "signed", AcceptSignedPDF
		var f *uploads.File
		if f, err = signedFile(c); err == nil {
			req.Signed = f
		}
	}
	var res *AcceptResult
	if err == nil {
		res, err = m.svc.AcceptQuote(c.UserContext(), qid, req)
	}
	fields, ok := problem.FieldErrors(err)
	if !ok {
		return res, err
	}
	q, gerr := m.svc.GetQuote(c.UserContext(), qid)
	if gerr != nil {
		return nil, gerr
	}
	d := m.quoteView(c, q, portal)
	d.Errors, d.Form, d.AcceptedBy = fields, form, req.AcceptedBy
	c.Status(problem.StatusOf(err))
	return nil, m.web.Render(c, "orders/quote", tr(c, "orders.ui.title.quote", "Number", q.Number), d)
}

func (m *Module) portalAcceptPost(c *fiber.Ctx) error {
	res, err := m.acceptPosted(c, true)
	if err != nil || res == nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/portal/orders/%d", res.Order.ID), tr(c, "orders.ui.flash.accepted", "Number", res.Quote.Number))
}

// staffAcceptPost records the signed quote the account manager received by mail.
func (m *Module) staffAcceptPost(c *fiber.Ctx) error {
	res, err := m.acceptPosted(c, false)
	if err != nil || res == nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/quotes/%d", res.Quote.ID), tr(c, "orders.ui.flash.signed_recorded", "Number", res.Quote.Number, "Order", res.Order.Number))
}
