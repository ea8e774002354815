package tickets

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

type portalListData struct {
	Rows   []row
	Next   string
	Status string // the ?status= filter, kept in the pager
}

// portalList shows the customer's own tickets (the tenancy scope is in List).
func (m *Module) portalList(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	// ?status= narrows the list (the home's "Open tickets" card links here with it)
	lf, err := ParseListFilter(func(k string) string {
		if k == "status" {
			return c.Query(k)
		}
		return ""
	})
	if err != nil {
		return err
	}
	l, err := m.svc.List(c.UserContext(), lf, page)
	if err != nil {
		return err
	}
	d := portalListData{Status: c.Query("status")}
	for _, it := range l.Items {
		d.Rows = append(d.Rows, rowOf(it))
	}
	if l.Next != nil {
		v := url.Values{"after": {*l.Next}}
		if d.Status != "" {
			v.Set("status", d.Status)
		}
		d.Next = v.Encode()
	}
	return m.web.Render(c, "tickets/portal_list", web.Tr(c, "portal.tickets.title"), d)
}

func (m *Module) portalNew(c *fiber.Ctx) error {
	return m.renderPortalNew(c, TicketInput{Category: string(Incident)}, nil)
}

// portalError is a form error in the reader's language: the field's label and the message.
type portalError struct{ Label, Message string }

// portalErrors translates a failed submission's errors (codes and field names are
// stable; unknown messages stay as the service wrote them).
func portalErrors(lang string, err error) ([]portalError, bool) {
	fe, ok := problem.FormErrors(err)
	if !ok {
		return nil, false
	}
	l := i18n.For(lang)
	out := make([]portalError, 0, len(fe))
	for _, f := range fe {
		e := portalError{Message: f.Message}
		if f.Field == "" {
			if id := "tk.err." + problem.CodeOf(err); i18n.Has(lang, id) {
				e.Message = l.T(id)
			}
		} else {
			e.Label = f.Field
			if id := "tk.field." + f.Field; i18n.Has(lang, id) {
				e.Label = l.T(id)
			}
			if id := "tk.msg." + f.Message; i18n.Has(lang, id) {
				e.Message = l.T(id)
			}
		}
		out = append(out, e)
	}
	return out, true
}

func (m *Module) renderPortalNew(c *fiber.Ctx, in TicketInput, fe []portalError) error {
	return m.web.Render(c, "tickets/portal_new", web.Tr(c, "portal.tickets.new_title"),
		newData{In: in, Categories: Categories, Priorities: Priorities, PortalErrors: fe, Portal: true})
}

// portalCreate files a report with its photos or PDFs (a multipart form that works
// without JavaScript): the files are checked first and stored in the creating
// transaction, so a refused file leaves nothing behind and the form comes back filled in.
func (m *Module) portalCreate(c *fiber.Ctx) error {
	in := TicketInput{Subject: c.FormValue("subject"), Description: c.FormValue("description"), Category: c.FormValue("category")}
	if v := c.FormValue("priority"); v != "" {
		in.Priority = &v
	}
	files, err := uploads.FromForm(c, "files", false)
	if err == nil {
		in.Files = files
		var d *Detail
		if d, err = m.svc.CreateTicket(c.UserContext(), in); err == nil {
			return web.Redirect(c, ticketURL("/portal", d.Ticket.ID), web.Tr(c, "portal.tickets.created", "Number", d.Ticket.Number))
		}
	}
	fe, ok := portalErrors(web.Lang(c), err)
	if !ok {
		return err
	}
	c.Status(problem.StatusOf(err))
	in.Files = nil
	return m.renderPortalNew(c, in, fe)
}

func (m *Module) portalTicket(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return m.renderPortalTicket(c, id, nil, "")
}

// portalComment sends a reply, with photos or PDFs if chosen (stored with the reply).
func (m *Module) portalComment(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := CommentInput{Body: c.FormValue("body")}
	if in.Files, err = uploads.FromForm(c, "files", false); err == nil {
		_, err = m.svc.AddComment(c.UserContext(), id, in)
	}
	return m.portalAfter(c, id, err, in.Body, "portal.tickets.replied")
}

func (m *Module) portalStatus(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := StatusInput{Status: c.FormValue("status")}
	_, err = m.svc.ChangeStatus(c.UserContext(), id, in)
	msg := "portal.tickets.closed"
	if in.Status == string(StatusOpen) {
		msg = "portal.tickets.reopened"
	}
	return m.portalAfter(c, id, err, "", msg)
}

// portalAfter answers a portal form post: the ticket page again with the errors in the
// reader's language, or a redirect with the flash msgID.
func (m *Module) portalAfter(c *fiber.Ctx, id int64, err error, draft, msgID string) error {
	if err == nil {
		return web.Redirect(c, ticketURL("/portal", id), web.Tr(c, msgID))
	}
	fe, ok := portalErrors(web.Lang(c), err)
	if !ok {
		return err
	}
	c.Status(problem.StatusOf(err))
	return m.renderPortalTicket(c, id, fe, draft)
}
