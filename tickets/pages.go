package tickets

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
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
		{Label: "Ticket queue", Href: "/tickets", Order: 40, Group: "Service", Roles: staff},
		{Label: "SLA dashboard", Href: "/sla/dashboard", Order: 41, Group: "Service", Roles: staff},
		{Label: "Availability", Href: "/sla/availability", Order: 42, Group: "Service", Roles: staff},
		{Label: "SLA policies", Href: "/sla/policies", Order: 43, Group: "Service", Roles: staff},
		{Label: "My tickets", Href: "/portal/tickets", Order: 20, Group: "Portal", Roles: []auth.Role{auth.Customer}},
		{Label: "Report a problem", Href: "/portal/tickets/new", Order: 21, Group: "Portal", Roles: []auth.Role{auth.Customer}},
	}
}

// Pages registers the desk pages and the customer portal.
func (m *Module) Pages(r fiber.Router) {
	st, mg, cu := auth.Require(staff...), auth.Require(manager...), auth.Require(auth.Customer)
	r.Get("/tickets", st, m.queuePage)
	r.Get("/tickets/new", st, m.newPage)
	r.Post("/tickets", st, m.createPost)
	r.Get("/tickets/:id", st, m.ticketPage)
	r.Post("/tickets/:id/comments", st, m.commentPost)
	r.Post("/tickets/:id/status", st, m.statusPost)
	r.Post("/tickets/:id/update", st, m.updatePost)
	r.Post("/tickets/:id/attachments", st, m.attachPost)
	r.Get("/tickets/:id/attachments/:file", auth.Require(), m.attachmentGet)
	r.Post("/tickets/:id/time", st, m.timePost)
	r.Get("/sla/dashboard", st, m.dashboardPage)
	r.Get("/sla/availability", st, m.availabilityPage)
	r.Post("/sla/outages", st, m.outagePost)
	r.Get("/sla/policies", st, m.policiesPage)
	r.Post("/sla/policies", mg, m.policyPost)
	r.Post("/sla/policies/assign", mg, m.assignPost)

	r.Get("/portal/tickets", cu, m.portalList)
	r.Get("/portal/tickets/new", cu, m.portalNew)
	r.Post("/portal/tickets", cu, m.portalCreate)
	r.Get("/portal/tickets/:id", cu, m.portalTicket)
	r.Post("/portal/tickets/:id/comments", cu, m.portalComment)
	r.Post("/portal/tickets/:id/status", cu, m.portalStatus)
	r.Post("/portal/tickets/:id/attachments", cu, m.attachPost)
}

// riskClass is the CSS class of a risk (colours of the queue).
func riskClass(r Risk) string {
	switch r {
	case RiskBreached:
		return "risk-bad"
	case RiskAtRisk:
		return "risk-warn"
	case RiskPaused:
		return "muted"
	}
	return "risk-ok"
}

// row is a ticket in a page's table.
type row struct {
	T         *Ticket
	SLA       SLA
	Risk      Risk
	RiskClass string
	Due       time.Time // the due time that matters now (zero when none runs)
	DueLabel  string
}

func rowOf(it Item) row {
	r := row{T: it.Ticket, SLA: it.SLA, Risk: it.Risk, RiskClass: riskClass(it.Risk)}
	switch {
	case it.SLA.FirstResponseAt.IsZero() && it.SLA.ResolvedAt.IsZero() && !it.Ticket.Status.Done():
		r.Due, r.DueLabel = it.SLA.ResponseDueAt, "response"
	case it.SLA.ResolvedAt.IsZero():
		r.Due, r.DueLabel = it.SLA.ResolutionDueAt, "resolution"
	}
	return r
}

type option struct {
	Value, Label string
}

func (m *Module) staffOptions(ctx context.Context) ([]option, error) {
	rows, err := m.svc.StaffOptions(ctx)
	out := make([]option, len(rows))
	for i, r := range rows {
		out[i] = option{strconv.FormatInt(r.ID, 10), r.Name}
	}
	return out, err
}

func (m *Module) customerOptions(ctx context.Context) ([]option, error) {
	rows, err := m.svc.CustomerOptions(ctx)
	out := make([]option, len(rows))
	for i, r := range rows {
		out[i] = option{strconv.FormatInt(r.ID, 10), r.Name}
	}
	return out, err
}

type queueData struct {
	Rows      []row
	Q         map[string]string
	Next      string
	Assignees []option
	Customers []option
	Statuses  []Status
	Windows   []string
	CSV       string // query string of the CSV export of these filters
	// Priorities are the priority filter's options; SortNumber and SortDue the sortable
	// headers of the queue's offered sorts (newest/oldest by number, due), filters kept.
	Priorities          []Priority
	SortNumber, SortDue sortLink
}

// sortLink is a sortable column header: the link (the current filters with the sort the
// header switches to), its aria-sort state and arrow.
type sortLink struct {
	Href        template.URL
	Aria, Arrow string
}

// queueSorts are the header links of the queue under sort cur: the number header toggles
// newest ⇄ oldest, the SLA header sorts by the next due time. Every other filter stays.
func queueSorts(q map[string]string) (number, due sortLink) {
	href := func(sort string) template.URL {
		v := url.Values{}
		for k, s := range q {
			if k != "sort" && s != "" || k == "status" {
				v.Set(k, s)
			}
		}
		v.Set("sort", sort)
		return template.URL("?" + v.Encode())
	}
	number, due = sortLink{Href: href(SortOldest), Aria: "none"}, sortLink{Href: href(SortDue), Aria: "none"}
	switch q["sort"] {
	case "", SortNewest:
		number.Aria, number.Arrow = "descending", "↓"
	case SortOldest:
		number = sortLink{Href: href(SortNewest), Aria: "ascending", Arrow: "↑"}
	case SortDue:
		due.Aria, due.Arrow = "ascending", "↑"
	}
	return number, due
}

func (m *Module) queuePage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q := map[string]string{}
	for _, k := range []string{"status", "priority", "assignee_id", "customer_id", "breach_within", "sort", "q"} {
		q[k] = c.Query(k)
	}
	if _, ok := c.Queries()["status"]; !ok {
		q["status"] = "new,open,waiting_on_customer" // the desk's default: everything not yet resolved
	}
	lf, err := ParseListFilter(func(k string) string { return q[k] })
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.ticketCSV(c, lf)
	}
	page, err := httpx.PageOf(c)
	if err != nil {
		return err
	}
	l, err := m.svc.List(ctx, lf, page)
	if err != nil {
		return err
	}
	d := queueData{Q: q, Statuses: Statuses, Windows: []string{"PT1H", "PT2H", "PT4H", "PT8H", "PT24H"}, CSV: queueCSV(q), Priorities: Priorities}
	d.SortNumber, d.SortDue = queueSorts(q)
	for _, it := range l.Items {
		d.Rows = append(d.Rows, rowOf(it))
	}
	if l.Next != nil {
		v := url.Values{"after": {*l.Next}}
		for k, s := range q {
			v.Set(k, s)
		}
		d.Next = v.Encode()
	}
	if d.Assignees, err = m.staffOptions(ctx); err != nil {
		return err
	}
	if d.Customers, err = m.customerOptions(ctx); err != nil {
		return err
	}
	return m.web.Render(c, "tickets/queue", web.Tr(c, "tickets.ui.queue.title"), d)
}

type newData struct {
	In         TicketInput
	ReceivedAt string
	Customers  []option
	Categories []Category
	Priorities []Priority
	Errors     []problem.FieldError
	// PortalErrors are the portal form's errors in the reader's language.
	PortalErrors []portalError
	Portal       bool
}

func (m *Module) newPage(c *fiber.Ctx) error {
	return m.renderNew(c, TicketInput{Category: string(Incident)}, "", nil)
}

func (m *Module) renderNew(c *fiber.Ctx, in TicketInput, received string, fe []problem.FieldError) error {
	cs, err := m.customerOptions(c.UserContext())
	if err != nil {
		return err
	}
	d := newData{In: in, ReceivedAt: received, Customers: cs, Categories: Categories, Priorities: Priorities, Errors: fe}
	return m.web.Render(c, "tickets/new", web.Tr(c, "tickets.ui.queue.new"), d)
}

// ticketForm reads the new-ticket form; datetime-local is Europe/Amsterdam wall time.
func ticketForm(c *fiber.Ctx) (TicketInput, string, []problem.FieldError) {
	in := TicketInput{Subject: c.FormValue("subject"), Description: c.FormValue("description"), Category: c.FormValue("category")}
	var fe []problem.FieldError
	if v := c.FormValue("priority"); v != "" {
		in.Priority = &v
	}
	if v := c.FormValue("customer_id"); v != "" {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.CustomerID = &id
		} else {
			fe = append(fe, problem.FieldError{Field: "customer_id", Message: web.Tr(c, "tickets.ui.err.choose_customer")})
		}
	}
	received := strings.TrimSpace(c.FormValue("received_at"))
	if received != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", received, clock.Amsterdam)
		if err != nil {
			fe = append(fe, problem.FieldError{Field: "received_at", Message: web.Tr(c, "tickets.ui.err.date_time")})
		} else {
			in.ReceivedAt = &t
		}
	}
	return in, received, fe
}

func (m *Module) createPost(c *fiber.Ctx) error {
	in, received, fe := ticketForm(c)
	if len(fe) > 0 {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderNew(c, in, received, fe)
	}
	d, err := m.svc.CreateTicket(c.UserContext(), in)
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(problem.StatusOf(err))
		return m.renderNew(c, in, received, fe)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/tickets/"+strconv.FormatInt(d.Ticket.ID, 10), web.Tr(c, "tickets.ui.flash.created", "Number", d.Ticket.Number))
}
