package accounts

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/outbox"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Templates of the module.
func (m *Module) Templates() fs.FS {
	s, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err) // the embedded directory is part of the binary
	}
	return s
}

// Nav links of the module.
func (m *Module) Nav() []web.NavItem {
	return []web.NavItem{
		{Label: "Home", Href: "/", Order: 0, Group: "My work", Roles: []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}},
		{Label: "Home", Href: "/portal", Order: 0, Group: "Portal", Roles: []auth.Role{auth.Customer}},
		{Label: "Customers", Href: "/customers", Order: 10, Group: "Customers", Roles: []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}},
		{Label: "My company", Href: "/portal/company", Order: 90, Group: "Portal", Roles: []auth.Role{auth.Customer}},
		{Label: "Users", Href: "/users", Order: 100, Group: "Admin", Roles: []auth.Role{auth.Admin}},
		{Label: "Calendars", Href: "/calendars", Order: 110, Group: "Admin", Roles: []auth.Role{auth.Admin, auth.AccountManager}},
		{Label: "Audit log", Href: "/audit", Order: 120, Group: "Admin", Roles: []auth.Role{auth.Admin}},
		{Label: "Outbox", Href: "/outbox", Order: 130, Group: "Admin", Roles: []auth.Role{auth.Admin}},
	}
}

// Pages registers the UI routes.
func (m *Module) Pages(r fiber.Router) {
	r.Get("/login", m.loginPage)
	r.Post("/login", m.loginPost)
	r.Post("/logout", m.logoutPost)
	r.Get("/password/forgot", m.forgotPage)
	r.Post("/password/forgot", m.forgotPost)
	r.Get("/password/reset", m.resetPage)
	r.Post("/password/reset", m.resetPost)
	r.Get("/", auth.Require(), m.home)
	r.Get("/portal", auth.Require(auth.Customer), m.home)

	staff := auth.Require(auth.Admin, auth.AccountManager, auth.Technician)
	manage := auth.Require(auth.Admin, auth.AccountManager)
	r.Get("/customers", staff, m.customersPage)
	r.Get("/customers/new", manage, m.customerNew)
	r.Post("/customers", manage, m.customerCreate)
	r.Get("/customers/:id", auth.Require(), m.customerPage)
	r.Post("/customers/:id", manage, m.customerUpdate)
	r.Post("/customers/:id/contacts", manage, m.contactCreate)
	r.Get("/portal/company", auth.Require(auth.Customer), func(c *fiber.Ctx) error {
		return c.Redirect("/customers/"+strconv.FormatInt(*auth.From(c).CustomerID, 10), fiber.StatusSeeOther)
	})
	r.Post("/contacts/:id/block", auth.Require(auth.Admin, auth.AccountManager, auth.Customer), m.blockPost)

	admin := auth.Require(auth.Admin)
	r.Get("/users", admin, m.usersPage)
	r.Post("/users", admin, m.userCreate)
	r.Post("/users/:id/active", admin, m.userActive)
	r.Get("/users/:id", admin, m.userPage)
	r.Post("/users/:id", admin, m.userSave)
	r.Post("/users/:id/password", admin, m.userPassword)
	r.Post("/users/:id/reset-link", admin, m.userResetLink)
	r.Get("/audit", admin, m.auditPage)
	r.Get("/outbox", admin, m.outboxPage)
}

type loginData struct{ Email, Next string }

func (m *Module) loginPage(c *fiber.Ctx) error {
	if auth.From(c) != nil {
		return c.Redirect("/", fiber.StatusSeeOther)
	}
	return m.Web.Render(c, "accounts/login", web.Tr(c, "accounts.ui.login.title"), loginData{Next: safeNext(c.Query("next"))})
}

func safeNext(s string) string { return httpx.SafeNext(s, "/") }

func (m *Module) loginPost(c *fiber.Ctx) error {
	email, pw, next := c.FormValue("email"), c.FormValue("password"), safeNext(c.FormValue("next"))
	fail := func(msg string, status int) error {
		c.Status(status)
		return m.Web.RenderError(c, "accounts/login", web.Tr(c, "accounts.ui.login.title"), msg, loginData{Email: email, Next: next})
	}
	ctx := c.UserContext()
	now := m.Clock.Now()
	u, err := m.Throttle.Login(ctx, email, pw, httpx.ClientIP(c), now)
	if err != nil {
		retryAfter(c, err)
		var te *auth.ErrThrottled
		if errors.As(err, &te) {
			return fail(web.Tr(c, "accounts.ui.login.throttled"), fiber.StatusTooManyRequests)
		}
		var pe *problem.Error
		if errors.As(err, &pe) {
			msg := pe.Detail
			if pe.Code == auth.ErrBadCredentials.Code || pe.Detail == auth.ErrUserBlocked.Detail {
				msg = web.Tr(c, "accounts.ui.login."+pe.Code)
			}
			return fail(msg, pe.Status)
		}
		return err
	}
	tok, _, err := auth.CreateSession(ctx, m.DB, u.ID, c.Get(fiber.HeaderUserAgent), httpx.ClientIP(c), now)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: auth.SessionCookie, Value: tok, Path: "/", HTTPOnly: true, SameSite: "Lax",
		Secure: httpx.IsHTTPS(c), MaxAge: int(auth.SessionTTL.Seconds())})
	if next == "/" && u.Role == auth.Customer {
		next = "/portal"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

func (m *Module) logoutPost(c *fiber.Ctx) error {
	if tok := c.Cookies(auth.SessionCookie); tok != "" {
		if err := auth.DeleteSession(c.UserContext(), m.DB, tok); err != nil {
			return err
		}
	}
	c.Cookie(&fiber.Cookie{Name: auth.SessionCookie, Value: "", Path: "/", HTTPOnly: true, SameSite: "Lax", Expires: time.Unix(1, 0), MaxAge: -1})
	return web.Redirect(c, "/login", web.Tr(c, "accounts.ui.logout.done"))
}

type customersData struct {
	Rows []Customer
	List listq.View
}

func (m *Module) customersPage(c *fiber.Ctx) error {
	lq, err := CustomerList.Parse(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.customerCSV(c, lq)
	}
	rows, err := ListCustomers(c.UserContext(), m.DB, lq)
	if err != nil {
		return err
	}
	rows, next := CustomerList.Trim(rows, lq)
	return m.Web.Render(c, "accounts/customers", web.Tr(c, "accounts.ui.customers.title"), customersData{Rows: rows, List: CustomerList.View("/customers", nil, lq, next)})
}

type customerForm struct {
	Customer Customer
	Errors   []problem.FieldError
}

func (m *Module) customerNew(c *fiber.Ctx) error {
	return m.Web.Render(c, "accounts/customer_form", web.Tr(c, "accounts.ui.customers.new"), customerForm{Customer: Customer{Country: "NL"}})
}

func formInput(c *fiber.Ctx) CustomerInput {
	s := func(k string) *string { v := strings.TrimSpace(c.FormValue(k)); return &v }
	in := CustomerInput{Name: s("name"), KvKNumber: s("kvk_number"), VATID: s("vat_id"), Country: s("country"),
		Street: s("street"), PostalCode: s("postal_code"), City: s("city"), BillingEmail: s("billing_email"), Language: s("language")}
	for _, p := range []**string{&in.KvKNumber, &in.VATID, &in.BillingEmail, &in.Language} {
		if **p == "" {
			*p = nil
		}
	}
	return in
}

func (m *Module) customerCreate(c *fiber.Ctx) error {
	in := formInput(c)
	err := httpx.Struct(&in)
	var cu *Customer
	if err == nil {
		cu, err = CreateCustomer(c.UserContext(), m.DB, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		draft := Customer{}
		// The draft only refills the form; the errors it finds are the ones fe already holds.
		_ = (&CustomerInput{Name: in.Name, Country: in.Country, Street: in.Street, PostalCode: in.PostalCode, City: in.City, Language: in.Language}).apply(&draft, false)
		draft.KvKNumber, draft.VATID, draft.BillingEmail = in.KvKNumber, in.VATID, in.BillingEmail
		c.Status(fiber.StatusUnprocessableEntity)
		return m.Web.Render(c, "accounts/customer_form", web.Tr(c, "accounts.ui.customers.new"), customerForm{Customer: draft, Errors: fe})
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/customers/"+strconv.FormatInt(cu.ID, 10), web.Tr(c, "accounts.ui.customers.created", "Name", cu.Name))
}

func (m *Module) customerUpdate(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := formInput(c)
	err = httpx.Struct(&in)
	if err == nil {
		_, err = UpdateCustomer(c.UserContext(), m.DB, id, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderCustomer(c, id, fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/customers/"+strconv.FormatInt(id, 10), web.Tr(c, "accounts.ui.customer.saved"))
}

func (m *Module) contactCreate(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := UserInput{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: string(auth.Customer), CustomerID: &id, Password: c.FormValue("password")}
	err = httpx.Struct(&in)
	if err == nil {
		_, err = CreateUser(c.UserContext(), m.DB, in, m.Clock.Now())
	}
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderCustomer(c, id, fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/customers/"+strconv.FormatInt(id, 10), web.Tr(c, "accounts.ui.customer.contact_added", "Name", in.Name))
}

func (m *Module) blockPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.NotConfirmed(c, "/customers")
	}
	hours, err := strconv.Atoi(strings.TrimSpace(c.FormValue("hours")))
	if err != nil {
		hours = 0 // not a number: the validator reports hours as missing
	}
	in := BlockInput{Hours: hours, Reason: c.FormValue("reason")}
	err = httpx.Struct(&in)
	var u *auth.User
	if err == nil {
		u, err = Block(c.UserContext(), m.DB, id, in, m.Clock.Now())
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/customers/"+strconv.FormatInt(*u.CustomerID, 10), web.Tr(c, "accounts.ui.customer.blocked", "Name", u.Name, "Until", web.DateTime(*u.BlockedUntil)))
}

type usersData struct {
	Rows      []auth.User
	List      listq.View
	Role      string
	Roles     []string
	Companies map[int64]string // customer id → name
	Errors    []problem.FieldError
	Customers []Customer
}

// userRoles are the users page's role filter, in its order.
var userRoles = []string{string(auth.Admin), string(auth.AccountManager), string(auth.Technician), string(auth.Customer)}

func (m *Module) usersPage(c *fiber.Ctx) error { return m.renderUsers(c, nil) }

func (m *Module) renderUsers(c *fiber.Ctx, fe []problem.FieldError) error {
	lq, err := UserList.Parse(c)
	if err != nil {
		return err
	}
	f := UserFilter{Role: c.Query("role")}
	if f.Role != "" && !slices.Contains(userRoles, f.Role) {
		return problem.Invalid("role", "must be one of: "+strings.Join(userRoles, ", "))
	}
	if listq.WantsCSV(c) {
		return m.userCSV(c, f, lq)
	}
	rows, err := ListUsersQ(c.UserContext(), m.DB, f, lq)
	if err != nil {
		return err
	}
	rows, next := UserList.Trim(rows, lq)
	d := usersData{Rows: rows, Role: f.Role, Roles: userRoles, Errors: fe,
		List: UserList.View("/users", url.Values{"role": {f.Role}}, lq, next)}
	if d.Customers, err = customersByName(c.UserContext(), m.DB, 500); err != nil {
		return err
	}
	d.Companies = map[int64]string{}
	for _, cu := range d.Customers {
		d.Companies[cu.ID] = cu.Name
	}
	return m.Web.Render(c, "accounts/users", web.Tr(c, "accounts.ui.users.title"), d)
}

// userCSV streams the users of the page's filter and query as CSV (the same query, in batches).
func (m *Module) userCSV(c *fiber.Ctx, f UserFilter, lq listq.Query) error {
	return UserList.Stream(c, lq, listq.Export[auth.User]{File: "users.csv",
		Header: []string{"Name", "E-mail", "Role", "Customer ID", "Active", "Blocked until", "Created"},
		Row: func(u auth.User) []string {
			blocked := ""
			if u.BlockedUntil != nil {
				blocked = u.BlockedUntil.UTC().Format(time.RFC3339)
			}
			cid := ""
			if u.CustomerID != nil {
				cid = strconv.FormatInt(*u.CustomerID, 10)
			}
			return []string{u.Name, u.Email, string(u.Role), cid, strconv.FormatBool(u.Active), blocked, u.CreatedAt.UTC().Format(time.RFC3339)}
		}}, func(ctx context.Context, lq listq.Query) ([]auth.User, error) { return ListUsersQ(ctx, m.DB, f, lq) })
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
	return web.Redirect(c, "/users", web.Tr(c, "accounts.ui.users.created", "Email", in.Email))
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
	return m.Web.Render(c, "accounts/outbox", web.Tr(c, "accounts.ui.outbox.title"), d)
}
