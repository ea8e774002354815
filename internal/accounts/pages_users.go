package accounts

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/outbox"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

type usersData struct {
	List      httpx.List[auth.User]
	Next      string
	Errors    []problem.FieldError
	Customers []Customer
}

func (m *Module) usersPage(c *fiber.Ctx) error { return m.renderUsers(c, nil) }

func (m *Module) renderUsers(c *fiber.Ctx, fe []problem.FieldError) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	l, err := ListUsers(c.UserContext(), m.DB, auth.From(c), c.Query("role"), nil, page)
	if err != nil {
		return err
	}
	d := usersData{List: l, Errors: fe}
	if l.Next != nil {
		d.Next = url.Values{"role": {c.Query("role")}, "after": {*l.Next}}.Encode()
	}
	if d.Customers, err = customersByName(c.UserContext(), m.DB, 500); err != nil {
		return err
	}
	return m.Web.Render(c, "accounts/users", "Users", d)
}

func (m *Module) userCreate(c *fiber.Ctx) error {
	in := UserInput{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: c.FormValue("role"), Password: c.FormValue("password")}
	if s := c.FormValue("customer_id"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			v = 0 // not an id: CreateUser reports customer_id as unknown
		}
		in.CustomerID = &v
	}
	err := httpx.Struct(&in)
	if err == nil {
		_, err = CreateUser(c.UserContext(), m.DB, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderUsers(c, fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/users", "User "+in.Email+" created.")
}

func (m *Module) userActive(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	active := c.FormValue("active") == "true"
	u, err := UpdateUser(c.UserContext(), m.DB, id, UserPatch{Active: &active}, m.Clock.Now())
	if err != nil {
		return err
	}
	msg := u.Email + " deactivated; their sessions and tokens are revoked."
	if active {
		msg = u.Email + " is active again."
	}
	return web.Redirect(c, "/users", msg)
}

type outboxData struct {
	List   httpx.List[outbox.Message]
	Status string
	Next   string
}

func (m *Module) outboxPage(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	d := outboxData{Status: c.Query("status")}
	if d.List, err = ListOutbox(c.UserContext(), m.DB, d.Status, page); err != nil {
		return err
	}
	if d.List.Next != nil {
		d.Next = url.Values{"status": {d.Status}, "after": {*d.List.Next}}.Encode()
	}
	return m.Web.Render(c, "accounts/outbox", "Outbox", d)
}
