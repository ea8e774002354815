package tickets

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/httpx"
	"backoffice/internal/problem"
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
	return m.web.Render(c, "tickets/portal_list", "My tickets", d)
}

func (m *Module) portalNew(c *fiber.Ctx) error {
	return m.renderPortalNew(c, TicketInput{Category: string(Incident)}, nil)
}

func (m *Module) renderPortalNew(c *fiber.Ctx, in TicketInput, fe []problem.FieldError) error {
	return m.web.Render(c, "tickets/portal_new", "Report a problem",
		newData{In: in, Categories: Categories, Priorities: Priorities, Errors: fe, Portal: true})
}

func (m *Module) portalCreate(c *fiber.Ctx) error {
	in := TicketInput{Subject: c.FormValue("subject"), Description: c.FormValue("description"), Category: c.FormValue("category")}
	if v := c.FormValue("priority"); v != "" {
		in.Priority = &v
	}
	t, _, err := m.svc.CreateTicket(c.UserContext(), in)
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(problem.StatusOf(err))
		return m.renderPortalNew(c, in, fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, ticketURL("/portal", t.ID), "Thank you — we received your report as "+t.Number+".")
}

func (m *Module) portalTicket(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return m.renderTicket(c, id, nil, "")
}

func (m *Module) portalComment(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := CommentInput{Body: c.FormValue("body")}
	_, err = m.svc.AddComment(c.UserContext(), id, in)
	return m.after(c, id, err, in.Body, ticketURL("/portal", id), "Your reply was sent.")
}

func (m *Module) portalStatus(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := StatusInput{Status: c.FormValue("status")}
	_, err = m.svc.ChangeStatus(c.UserContext(), id, in)
	msg := "Ticket closed. Thank you."
	if in.Status == string(StatusOpen) {
		msg = "Ticket reopened; the desk will pick it up again."
	}
	return m.after(c, id, err, "", ticketURL("/portal", id), msg)
}
