package accounts

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// The user page (/users/{id}): an admin edits name, role and company, (de)activates the
// account and sets a new password. Every form works without JavaScript; deactivating asks
// for confirmation in the page itself.

type userPageData struct {
	U         *auth.User
	Company   string
	Customers []Customer
	Roles     []option
	Form      string // the form the errors belong to: "profile" or "password"
	Errors    []problem.FieldError
	Self      bool
}

type option struct{ Value, Label string }

// roleOptions are the roles in the reader's words, in the form's order.
func roleOptions(c *fiber.Ctx) []option {
	var out []option
	for _, r := range []string{"account_manager", "technician", "admin", "customer"} {
		out = append(out, option{r, web.Tr(c, "accounts.ui.users.role."+r)})
	}
	return out
}

func (m *Module) renderUser(c *fiber.Ctx, u *auth.User, form string, errs []problem.FieldError) error {
	d := userPageData{U: u, Roles: roleOptions(c), Form: form, Errors: errs, Self: auth.From(c).UserID == u.ID}
	var err error
	if d.Customers, err = customersByName(c.UserContext(), m.DB, 500); err != nil {
		return err
	}
	for _, cu := range d.Customers {
		if u.CustomerID != nil && cu.ID == *u.CustomerID {
			d.Company = cu.Name
		}
	}
	if errs != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return m.Web.Render(c, "accounts/user", u.Name, d)
}

func (m *Module) loadUser(c *fiber.Ctx) (*auth.User, error) {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return nil, err
	}
	return GetUser(c.UserContext(), m.DB, id)
}

func (m *Module) userPage(c *fiber.Ctx) error {
	u, err := m.loadUser(c)
	if err != nil {
		return err
	}
	return m.renderUser(c, u, "", nil)
}

func (m *Module) userSave(c *fiber.Ctx) error {
	u, err := m.loadUser(c)
	if err != nil {
		return err
	}
	name, role := c.FormValue("name"), c.FormValue("role")
	var cid int64
	if s := c.FormValue("customer_id"); s != "" {
		if cid, err = strconv.ParseInt(s, 10, 64); err != nil || cid < 0 {
			cid = 0
		}
	}
	in := UserPatch{Name: &name, Role: &role, CustomerID: &cid}
	err = httpx.Struct(&in)
	if err == nil {
		_, err = UpdateUser(c.UserContext(), m.DB, u.ID, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		posted := *u
		posted.Name, posted.Role = name, auth.Role(role)
		posted.CustomerID = nil
		if cid > 0 {
			posted.CustomerID = &cid
		}
		return m.renderUser(c, &posted, "profile", fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/users/"+strconv.FormatInt(u.ID, 10), web.Tr(c, "accounts.ui.user.saved", "Name", name))
}

func (m *Module) userPassword(c *fiber.Ctx) error {
	u, err := m.loadUser(c)
	if err != nil {
		return err
	}
	pw := c.FormValue("password")
	if pw != c.FormValue("password_again") {
		return m.renderUser(c, u, "password", []problem.FieldError{{Field: "password_again", Message: web.Tr(c, "accounts.ui.reset.mismatch")}})
	}
	in := UserPatch{Password: &pw}
	err = httpx.Struct(&in)
	if err == nil {
		_, err = UpdateUser(c.UserContext(), m.DB, u.ID, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		return m.renderUser(c, u, "password", fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/users/"+strconv.FormatInt(u.ID, 10), web.Tr(c, "accounts.ui.user.password_set", "Email", u.Email))
}

// userResetLink e-mails the user a single-use reset link (the forgot-password mail, through
// the outbox), so an admin resets a password without knowing or telling the new one.
func (m *Module) userResetLink(c *fiber.Ctx) error {
	u, err := m.loadUser(c)
	if err != nil {
		return err
	}
	back := "/users/" + strconv.FormatInt(u.ID, 10)
	sent, err := RequestReset(c.UserContext(), m.DB, u.Email, m.Clock.Now(), m.Reset)
	if err != nil {
		return err
	}
	if !sent { // a deactivated account gets no link
		return web.Redirect(c, back, web.Tr(c, "accounts.ui.user.reset_link_inactive", "Email", u.Email))
	}
	return web.Redirect(c, back, web.Tr(c, "accounts.ui.user.reset_link_sent", "Email", u.Email))
}

// userActive deactivates (confirmed: web.Confirmed) or reactivates a user.
func (m *Module) userActive(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	active := c.FormValue("active") == "true"
	back := "/users"
	if c.FormValue("back") == "user" {
		back = "/users/" + strconv.FormatInt(id, 10)
	}
	if !active && !web.Confirmed(c) {
		return web.NotConfirmed(c, back)
	}
	u, err := UpdateUser(c.UserContext(), m.DB, id, UserPatch{Active: &active}, m.Clock.Now())
	if err != nil {
		return err
	}
	msg := web.Tr(c, "accounts.ui.users.deactivated", "Email", u.Email)
	if active {
		msg = web.Tr(c, "accounts.ui.users.activated", "Email", u.Email)
	}
	return web.Redirect(c, back, msg)
}
