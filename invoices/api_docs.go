package invoices

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/problem"
)

// ErrDraftDocument: a draft has no number, so no PDF or UBL to send (the admin preview
// uses /invoices/{id}/preview).
var ErrDraftDocument = problem.Conflict("invoice_draft", "a draft has no number yet; issue it first")

func (m *Module) pdf(c *fiber.Ctx) error {
	doc, err := m.load(c)
	if err != nil {
		return err
	}
	if doc.Invoice.Status == Draft {
		return ErrDraftDocument
	}
	b, err := PDF(doc, m.svc.Clock.Now())
	if err != nil {
		return err
	}
	return sendFile(c, "application/pdf", doc.Invoice.NumberOr()+".pdf", b)
}

func (m *Module) ubl(c *fiber.Ctx) error {
	doc, err := m.load(c)
	if err != nil {
		return err
	}
	if doc.Invoice.Status == Draft {
		return ErrDraftDocument
	}
	b, err := UBL(doc)
	if err != nil {
		return err
	}
	return sendFile(c, "application/xml", doc.Invoice.NumberOr()+".xml", b)
}

func (m *Module) creditPDF(c *fiber.Ctx) error {
	d, err := m.loadCredit(c)
	if err != nil {
		return err
	}
	b, err := CreditPDF(d, m.svc.Clock.Now())
	if err != nil {
		return err
	}
	return sendFile(c, "application/pdf", d.Note.Number+".pdf", b)
}

func (m *Module) creditUBL(c *fiber.Ctx) error {
	d, err := m.loadCredit(c)
	if err != nil {
		return err
	}
	b, err := CreditUBL(d)
	if err != nil {
		return err
	}
	return sendFile(c, "application/xml", d.Note.Number+".xml", b)
}

func sendFile(c *fiber.Ctx, ctype, name string, b []byte) error {
	c.Set(fiber.HeaderContentType, ctype)
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"`)
	return c.Send(b)
}
