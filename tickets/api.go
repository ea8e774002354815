package tickets

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/riverqueue/river"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/platform"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

// Module plugs tickets into the server: JSON API, desk pages and portal, SLA jobs.
type Module struct {
	svc *Service
	web *web.Engine
}

// New builds the module from the shared services.
func New(d *platform.Deps) *Module {
	registerErase()
	svc := NewService(d.DB, d.Clock, d.Config.DeskEmail)
	svc.Rates = func() platform.RateBook { return d.Rates }
	svc.BaseURL, svc.Company = strings.TrimRight(d.Config.PublicURL, "/"), d.Config.CompanyName
	return &Module{svc: svc, web: d.Web}
}

// Service exposes the use cases (for tests and other wiring).
func (m *Module) Service() *Service { return m.svc }

// Name of the module; its templates are "tickets/…".
func (m *Module) Name() string { return "tickets" }

// Workers registers the SLA alert worker.
func (m *Module) Workers(w *river.Workers) { Workers(w, m.svc) }

// PeriodicJobs runs the SLA alerts every minute.
func (m *Module) PeriodicJobs() []*river.PeriodicJob { return PeriodicJobs() }

var (
	staff   = []auth.Role{auth.Admin, auth.AccountManager, auth.Technician}
	manager = []auth.Role{auth.Admin, auth.AccountManager}
)

// Routes registers the JSON API under /api/v1.
func (m *Module) Routes(r *apidoc.Router) {
	page := []apidoc.Param{{Name: "limit", Type: "integer"}, apidoc.Q("after", "cursor")}
	r.Post("/sla-policies", apidoc.Op{Summary: "Create an SLA policy: targets per priority in business time on a calendar (T-2, T-3)",
		Tag: "tickets", Body: PolicyInput{}, Response: PolicyOut{}, Status: 201}, auth.Require(manager...), m.createPolicy)
	r.Get("/sla-policies", apidoc.Op{Summary: "List SLA policies", Tag: "tickets", Response: httpx.List[PolicyOut]{}},
		auth.Require(staff...), m.listPolicies)
	r.Get("/sla-policies/:id", apidoc.Op{Summary: "Get an SLA policy", Tag: "tickets", Response: PolicyOut{}}, auth.Require(staff...), m.getPolicy)
	r.Put("/sla-policies/:id/customers/:customer_id", apidoc.Op{Summary: "Give a customer this policy; its unresolved tickets move to it as if from their start",
		Tag: "tickets", Response: AssignOut{}}, auth.Require(manager...), m.assignPolicy)

	r.Post("/tickets", apidoc.Op{Summary: "Report an incident, defect, question, request or data breach (T-1); the SLA clocks start at receipt (T-2)",
		Tag: "tickets", Body: TicketInput{}, Response: TicketOut{}, Status: 201}, auth.Require(), m.createTicket)
	r.Get("/tickets", apidoc.Op{Summary: "List tickets (customer users: their company's), filtered and sorted in SQL on the stored due times",
		Tag: "tickets", Response: httpx.List[TicketOut]{}, Query: append([]apidoc.Param{
			apidoc.Q("status", "comma-separated statuses"), {Name: "customer_id", Type: "integer"}, apidoc.Q("priority", "P1…P4"),
			{Name: "assignee_id", Type: "integer"}, {Name: "breach_within", Format: "duration", Description: "running tickets due within this time, e.g. PT2H"},
			apidoc.Q("sort", "newest (default), oldest, due"), apidoc.Q("q", "search text: number, subject, customer name"), apidoc.Q("format", "csv: the whole list as CSV")}, page...)}, auth.Require(), m.listTickets)
	r.Get("/tickets/:id", apidoc.Op{Summary: "Get a ticket with its SLA recomputed from the event log and explained", Tag: "tickets", Response: TicketOut{}},
		auth.Require(), m.getTicket)
	r.Patch("/tickets/:id", apidoc.Op{Summary: "Change priority, assignee, category or SLA policy; due times move as if it had been so from the start",
		Tag: "tickets", Body: PatchInput{}, Response: TicketOut{}}, auth.Require(staff...), m.patchTicket)
	r.Post("/tickets/:id/comments", apidoc.Op{Summary: "Comment; the first public staff comment is the first response (T-2)",
		Tag: "tickets", Body: CommentInput{}, Response: CommentOut{}, Status: 201}, auth.Require(), m.comment)
	r.Post("/tickets/:id/attachments", apidoc.Op{Summary: "Attach photos or PDFs (multipart field \"files\", at most 10 MB a file, type checked from the content)",
		Tag: "tickets", Response: []uploads.Upload{}, Status: 201}, auth.Require(), m.attachAPI)
	r.Get("/tickets/:id/attachments", apidoc.Op{Summary: "List a ticket's attachments", Tag: "tickets", Response: []uploads.Upload{}}, auth.Require(), m.attachmentsAPI)
	r.Get("/tickets/:id/attachments/:file", apidoc.Op{Summary: "Download an attachment", Tag: "tickets", Produces: "application/octet-stream"}, auth.Require(), m.attachmentGet)
	r.Post("/tickets/:id/status", apidoc.Op{Summary: "Change the status; resolving needs a resolution fix, workaround or not_covered (T-4)",
		Tag: "tickets", Body: StatusInput{}, Response: TicketOut{}}, auth.Require(), m.status)

	m.timeRoutes(r)

	r.Post("/outages", apidoc.Op{Summary: "Record an outage of a service (T-5)", Tag: "tickets", Body: OutageInput{}, Response: OutageOut{}, Status: 201},
		auth.Require(staff...), m.createOutage)
	r.Get("/availability", apidoc.Op{Summary: "Availability of a service in a quarter: 99.95% target, termination right after two quarters below (T-5)",
		Tag: "tickets", Response: AvailabilityOut{}, Query: []apidoc.Param{apidoc.Q("service", "service slug"),
			apidoc.Q("quarter", "e.g. 2026-Q1 (default: the current quarter)"), {Name: "customer_id", Type: "integer"}}}, auth.Require(), m.availability)
}

func (m *Module) createPolicy(c *fiber.Ctx) error {
	var in PolicyInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	p, err := m.svc.CreatePolicy(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(PolicyOutOf(p))
}

func (m *Module) listPolicies(c *fiber.Ctx) error {
	ps, err := m.svc.Policies(c.UserContext())
	if err != nil {
		return err
	}
	out := httpx.List[PolicyOut]{Items: []PolicyOut{}}
	for _, p := range ps {
		out.Items = append(out.Items, PolicyOutOf(p))
	}
	return c.JSON(out)
}

func (m *Module) getPolicy(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	p, err := m.svc.Policy(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(PolicyOutOf(p))
}

func (m *Module) assignPolicy(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	cid, err := httpx.PathID(c, "customer_id")
	if err != nil {
		return err
	}
	n, err := m.svc.AssignPolicy(c.UserContext(), id, cid)
	if err != nil {
		return err
	}
	return c.JSON(AssignOut{CustomerID: cid, PolicyID: id, TicketsMoved: n})
}

func (m *Module) createTicket(c *fiber.Ctx) error {
	var in TicketInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	d, err := m.svc.CreateTicket(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(detailOut(d))
}

// detail answers the ticket as freshly read (same shape as GET /tickets/{id}).
func (m *Module) detail(c *fiber.Ctx, status int, id int64) error {
	d, err := m.svc.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.Status(status).JSON(detailOut(d))
}

func (m *Module) listTickets(c *fiber.Ctx) error {
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	lf, err := ParseListFilter(func(k string) string { return c.Query(k) })
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.ticketCSV(c, lf)
	}
	l, err := m.svc.List(c.UserContext(), lf, page)
	if err != nil {
		return err
	}
	out := httpx.List[TicketOut]{Items: make([]TicketOut, len(l.Items)), Next: l.Next}
	for i, it := range l.Items {
		out.Items[i] = ticketOut(it.Ticket, it.SLA, it.Policy, it.Risk, false)
	}
	return httpx.Send(c, out)
}

func (m *Module) getTicket(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return m.detail(c, fiber.StatusOK, id)
}

func (m *Module) patchTicket(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in PatchInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if _, _, err := m.svc.Patch(c.UserContext(), id, in); err != nil {
		return err
	}
	return m.detail(c, fiber.StatusOK, id)
}

func (m *Module) comment(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in CommentInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	cm, err := m.svc.AddComment(c.UserContext(), id, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(commentOut(*cm))
}

func (m *Module) status(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in StatusInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	d, err := m.svc.ChangeStatus(c.UserContext(), id, in)
	if err != nil {
		return err
	}
	return c.JSON(detailOut(d))
}

func (m *Module) createOutage(c *fiber.Ctx) error {
	var in OutageInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	o, err := m.svc.RecordOutage(c.UserContext(), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(OutageOut{ID: o.ID, Service: o.Service, CustomerID: in.CustomerID,
		StartedAt: o.StartedAt, EndedAt: o.EndedAt, Kind: string(o.Kind), AnnouncedAt: timePtr(o.AnnouncedAt),
		Downtime: o.CountsAsDowntime(clock.Amsterdam)})
}

func (m *Module) availability(c *fiber.Ctx) error {
	service, q, cid, err := ParseAvailabilityQuery(func(k string) string { return c.Query(k) }, m.svc.Clock.Now())
	if err != nil {
		return err
	}
	r, err := m.svc.Availability(c.UserContext(), service, q, cid)
	if err != nil {
		return err
	}
	return c.JSON(availabilityOut(r))
}
