package accounts

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/outbox"
	"backoffice/internal/platform"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Module serves accounts, customers, users, audit, outbox and the test clock.
type Module struct {
	DB        *bun.DB
	Clock     clock.Clock
	TestClock *clock.Settable // nil unless BACKOFFICE_TEST_CLOCK=1
	Throttle  *auth.Throttle  // failed-login counters in PostgreSQL (ASVS V2.2)
	Web       *web.Engine
	// Home gives the home page the cards every module contributes (platform.HomeCards).
	Home *platform.HomeBoard
	// Tabs are the domains' tabs of the customer page (platform.Deps.CustomerTabs, read
	// per request: the server collects them after the modules are built).
	Tabs func() []platform.CustomerTab
	// Namers name the audit log's records (platform.Deps.AuditNamers, read per request).
	Namers func() []platform.AuditNamer
	// Reset is the link base and signature of "forgot password" mails.
	Reset ResetMail
}

// LoginIn is the login request.
type LoginIn struct {
	Email    string `json:"email" validate:"required,max=200"`
	Password string `json:"password" validate:"required,max=200"`
}

// UserOut is a user on the wire.
type UserOut struct {
	ID         int64  `json:"id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	CustomerID *int64 `json:"customer_id"`
}

// LoginOut carries the bearer token (shown once).
type LoginOut struct {
	Token string  `json:"token"`
	User  UserOut `json:"user"`
}

// ClockIn pins the test clock.
type ClockIn struct {
	Now time.Time `json:"now" validate:"required"`
}

// ClockOut tells the clock.
type ClockOut struct {
	Now    time.Time `json:"now"`
	Pinned bool      `json:"pinned"`
}

func userOut(u *auth.User) UserOut {
	return UserOut{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), CustomerID: u.CustomerID}
}

// Name of the module.
func (m *Module) Name() string { return "accounts" }

// Routes registers the JSON API.
func (m *Module) Routes(r *apidoc.Router) {
	r.Post("/auth/login", apidoc.Op{Summary: "Log in; answers a bearer token", Body: LoginIn{}, Response: LoginOut{}, Public: true, Tag: "auth"}, m.login)
	r.Post("/auth/password/forgot", apidoc.Op{Summary: "Ask for a password reset link by e-mail; the same 202 whether or not the account exists", Body: ForgotIn{}, Response: ForgotOut{}, Status: 202, Public: true, Tag: "auth"}, m.forgotAPI)
	r.Post("/auth/password/reset", apidoc.Op{Summary: "Set a new password with a reset link's token (single use, one hour); ends every session and token of the user", Body: ResetIn{}, Status: 204, Public: true, Tag: "auth"}, m.resetAPI)
	r.Post("/auth/logout", apidoc.Op{Summary: "Revoke the bearer token of this request", Status: 204, Tag: "auth"}, auth.Require(), m.logout)
	r.Get("/auth/me", apidoc.Op{Summary: "The logged-in user", Response: UserOut{}, Tag: "auth"}, auth.Require(), m.me)

	staff := auth.Require(auth.Admin, auth.AccountManager)
	r.Post("/customers", apidoc.Op{Summary: "Create a customer company", Body: CustomerInput{}, Response: Customer{}, Status: 201}, staff, m.createCustomer)
	r.Get("/customers", apidoc.Op{Summary: "List customers (customer users: their own)", Response: httpx.List[Customer]{},
		Query: []apidoc.Param{apidoc.Q("q", "search name, KvK or city"),
			apidoc.Q("sort", "name, city or created"), apidoc.Q("dir", "asc or desc"), apidoc.Q("format", "csv: the whole list as CSV"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, auth.Require(), m.listCustomers)
	r.Get("/customers/:id", apidoc.Op{Summary: "Get a customer", Response: Customer{}}, auth.Require(), m.getCustomer)
	r.Patch("/customers/:id", apidoc.Op{Summary: "Change a customer", Body: CustomerInput{}, Response: Customer{}}, staff, m.patchCustomer)
	r.Get("/customers/:id/contacts", apidoc.Op{Summary: "The customer's contact persons", Response: httpx.List[UserOut]{}}, auth.Require(), m.contacts)

	admin := auth.Require(auth.Admin)
	r.Post("/users", apidoc.Op{Summary: "Create a user (admin)", Body: UserInput{}, Response: auth.User{}, Status: 201}, admin, m.createUser)
	r.Get("/users", apidoc.Op{Summary: "List users (admin)", Response: httpx.List[auth.User]{},
		Query: []apidoc.Param{apidoc.Q("role", "filter by role"), {Name: "customer_id", Type: "integer"}, {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, admin, m.listUsers)
	r.Get("/users/:id", apidoc.Op{Summary: "Get a user", Response: auth.User{}}, auth.Require(), m.getUser)
	r.Patch("/users/:id", apidoc.Op{Summary: "Change a user; active=false revokes its sessions and tokens (admin)", Body: UserPatch{}, Response: auth.User{}}, admin, m.patchUser)
	r.Post("/users/:id/block", apidoc.Op{Summary: "Block a customer contact for at most 48 hours at another representative's request (T-7)", Body: BlockInput{}, Response: auth.User{}},
		auth.Require(auth.Admin, auth.AccountManager, auth.Customer), m.block)
	r.Post("/users/:id/unblock", apidoc.Op{Summary: "Lift a block early", Response: auth.User{}}, staff, m.unblock)

	r.Get("/audit", apidoc.Op{Summary: "Audit log (DATA-1), newest first (admin)", Response: httpx.List[audit.Entry]{},
		Query: []apidoc.Param{apidoc.Q("entity", "entity type"), apidoc.Q("entity_id", "entity id"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, admin, m.audit)
	r.Get("/outbox", apidoc.Op{Summary: "Outgoing e-mail, newest first (admin)", Response: httpx.List[outbox.Message]{},
		Query: []apidoc.Param{apidoc.Q("status", "pending, sent, failed"), {Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}}, admin, m.outbox)

	if m.TestClock != nil {
		r.Get("/test/clock", apidoc.Op{Summary: "Read the test clock", Response: ClockOut{}, Tag: "test"}, auth.Require(), m.getClock)
		r.Put("/test/clock", apidoc.Op{Summary: "Pin the test clock (admin; BACKOFFICE_TEST_CLOCK=1 only)", Body: ClockIn{}, Response: ClockOut{}, Tag: "test"}, admin, m.setClock)
		r.Delete("/test/clock", apidoc.Op{Summary: "Release the test clock", Response: ClockOut{}, Tag: "test"}, admin, m.resetClock)
	}
}

func (m *Module) login(c *fiber.Ctx) error {
	var in LoginIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	now := m.Clock.Now()
	u, err := m.Throttle.Login(ctx, in.Email, in.Password, httpx.ClientIP(c), now)
	if err != nil {
		retryAfter(c, err)
		return err
	}
	tok, err := auth.IssueToken(ctx, m.DB, u.ID, now)
	if err != nil {
		return err
	}
	return c.JSON(LoginOut{Token: tok, User: userOut(u)})
}

// retryAfter tells a throttled client when to come back.
func retryAfter(c *fiber.Ctx, err error) {
	var te *auth.ErrThrottled
	if errors.As(err, &te) {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(te.RetryAfter.Seconds())))
	}
}

func (m *Module) logout(c *fiber.Ctx) error {
	h := c.Get(fiber.HeaderAuthorization)
	if strings.HasPrefix(h, "Bearer ") {
		if err := auth.RevokeToken(c.UserContext(), m.DB, strings.TrimSpace(h[7:]), m.Clock.Now()); err != nil {
			return err
		}
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (m *Module) me(c *fiber.Ctx) error {
	p := auth.From(c)
	return c.JSON(UserOut{ID: p.UserID, Email: p.Email, Name: p.Name, Role: string(p.Role), CustomerID: p.CustomerID})
}

func (m *Module) createCustomer(c *fiber.Ctx) error {
	var in CustomerInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	cu, err := CreateCustomer(c.UserContext(), m.DB, in, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(cu)
}

func (m *Module) listCustomers(c *fiber.Ctx) error {
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
	return httpx.Send(c, listq.Paginate(CustomerList, rows, lq, func(c Customer) Customer { return c }))
}

// customerCSV streams the customer list of lq (the page's and the API's query) as CSV.
func (m *Module) customerCSV(c *fiber.Ctx, lq listq.Query) error {
	return CustomerList.Stream(c, lq, listq.Export[Customer]{File: "customers.csv",
		Header: []string{"Name", "KvK number", "VAT ID", "Country", "Street", "Postal code", "City", "Billing e-mail", "Language"},
		Row: func(cu Customer) []string {
			return []string{cu.Name, deref(cu.KvKNumber), deref(cu.VATID), cu.Country, cu.Street, cu.PostalCode, cu.City, deref(cu.BillingEmail), cu.Language}
		}}, func(ctx context.Context, lq listq.Query) ([]Customer, error) { return ListCustomers(ctx, m.DB, lq) })
}

func (m *Module) getCustomer(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	cu, err := GetCustomer(c.UserContext(), m.DB, id)
	if err != nil {
		return err
	}
	return c.JSON(cu)
}

func (m *Module) patchCustomer(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in CustomerInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	cu, err := UpdateCustomer(c.UserContext(), m.DB, id, in, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(cu)
}

func (m *Module) contacts(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := GetCustomer(c.UserContext(), m.DB, id); err != nil {
		return err
	}
	users, err := Contacts(c.UserContext(), m.DB, id)
	if err != nil {
		return err
	}
	out := httpx.List[UserOut]{Items: []UserOut{}}
	for i := range users {
		out.Items = append(out.Items, userOut(&users[i]))
	}
	return c.JSON(out)
}

func (m *Module) createUser(c *fiber.Ctx) error {
	var in UserInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	u, err := CreateUser(c.UserContext(), m.DB, in, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(u)
}

func (m *Module) listUsers(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	var cid *int64
	if s := c.Query("customer_id"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return problem.Invalid("customer_id", "must be a whole number")
		}
		cid = &v
	}
	l, err := ListUsers(c.UserContext(), m.DB, c.Query("role"), cid, page)
	if err != nil {
		return err
	}
	return c.JSON(l)
}

func (m *Module) getUser(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	u, err := GetUser(c.UserContext(), m.DB, id)
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (m *Module) patchUser(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in UserPatch
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	u, err := UpdateUser(c.UserContext(), m.DB, id, in, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (m *Module) block(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in BlockInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	u, err := Block(c.UserContext(), m.DB, id, in, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (m *Module) unblock(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	u, err := Unblock(c.UserContext(), m.DB, id, m.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(u)
}

type idCursor struct {
	ID int64 `json:"i"`
}

func (m *Module) audit(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	l, err := ListAudit(c.UserContext(), m.DB, c.Query("entity"), c.Query("entity_id"), page)
	if err != nil {
		return err
	}
	return httpx.Send(c, l)
}

func (m *Module) outbox(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	l, err := ListOutbox(c.UserContext(), m.DB, c.Query("status"), page)
	if err != nil {
		return err
	}
	return c.JSON(l)
}

func (m *Module) getClock(c *fiber.Ctx) error {
	_, pinned := m.TestClock.Pinned()
	return c.JSON(ClockOut{Now: m.TestClock.Now(), Pinned: pinned})
}

func (m *Module) setClock(c *fiber.Ctx) error {
	var in ClockIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	at := in.Now
	if err := saveTestClock(c.UserContext(), m.DB, &at, clock.Real{}.Now()); err != nil { // when it was set: the real instant
		return err
	}
	m.TestClock.Set(in.Now)
	return c.JSON(ClockOut{Now: in.Now, Pinned: true})
}

func (m *Module) resetClock(c *fiber.Ctx) error {
	if err := saveTestClock(c.UserContext(), m.DB, nil, clock.Real{}.Now()); err != nil {
		return err
	}
	m.TestClock.Reset()
	return c.JSON(ClockOut{Now: m.TestClock.Now(), Pinned: false})
}
