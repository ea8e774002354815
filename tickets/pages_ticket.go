package tickets

import (
	"backoffice/internal/httpx"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
	"backoffice/internal/web"
)

type ticketData struct {
	D           *Detail
	Row         row
	Next        []Status
	Resolutions []Resolution
	Priorities  []Priority
	Categories  []Category
	Assignees   []option
	Policies    []Policy
	Errors      []problem.FieldError
	PortalErrs  []portalError // the portal's form errors in the reader's language
	Draft       string
	Internal    bool // the reply box stays on "internal note" after one (or after a failed one)
	Portal      bool
	Reopenable  bool
	Files       []uploads.Upload
	OriginURL   string
	Time        []TimeEntry
	TimeMinutes int
}

// PausedMinutes is the business time the ticket spent paused, in whole minutes.
func (d ticketData) PausedMinutes() int { return int(d.D.SLA.PausedSeconds / 60) }

// renderTicket shows the ticket page (desk or portal) with optional form errors.
func (m *Module) renderTicket(c *fiber.Ctx, id int64, fe []problem.FieldError, draft string) error {
	ctx := c.UserContext()
	p := auth.From(c)
	d, err := m.svc.Get(ctx, id)
	if err != nil {
		return err
	}
	td := ticketData{D: d, Row: rowOf(Item{Ticket: d.Ticket, SLA: d.SLA, Policy: d.Policy, Risk: d.Risk}), Next: NextStatuses(d.Ticket.Status),
		Resolutions: Resolutions, Priorities: Priorities, Categories: Categories, Errors: fe, Draft: draft,
		Portal: !p.IsStaff(), Reopenable: d.Ticket.Status == StatusResolved}
	if td.Files, err = m.svc.Attachments(ctx, id); err != nil {
		return err
	}
	td.OriginURL = originURL(d.Ticket.Origin, td.Portal)
	td.Internal = c.Query("note") == "internal" || (c.Method() == fiber.MethodPost && strings.HasSuffix(c.Path(), "/comments") && c.FormValue("public") == "")
	if fe != nil && c.Response().StatusCode() == fiber.StatusOK {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	if td.Portal {
		return m.web.Render(c, "tickets/portal_ticket", d.Ticket.Number+" · "+d.Ticket.Subject, td)
	}
	return m.renderStaffTicket(c, td)
}

// renderPortalTicket is the customer's ticket page, with errors already translated.
func (m *Module) renderPortalTicket(c *fiber.Ctx, id int64, fe []portalError, draft string) error {
	ctx := c.UserContext()
	d, err := m.svc.Get(ctx, id)
	if err != nil {
		return err
	}
	td := ticketData{D: d, PortalErrs: fe, Draft: draft, Portal: true, Reopenable: d.Ticket.Status == StatusResolved}
	if td.Files, err = m.svc.Attachments(ctx, id); err != nil {
		return err
	}
	td.OriginURL = originURL(d.Ticket.Origin, true)
	return m.web.Render(c, "tickets/portal_ticket", d.Ticket.Number+" · "+d.Ticket.Subject, td)
}

func (m *Module) renderStaffTicket(c *fiber.Ctx, td ticketData) error {
	ctx, id := c.UserContext(), td.D.Ticket.ID
	var err error
	if td.Assignees, err = m.staffOptions(ctx); err != nil {
		return err
	}
	if td.Policies, err = m.svc.Policies(ctx); err != nil {
		return err
	}
	if td.Time, err = m.svc.TimeOf(ctx, id); err != nil {
		return err
	}
	for _, e := range td.Time {
		td.TimeMinutes += e.Minutes
	}
	return m.web.Render(c, "tickets/ticket", td.D.Ticket.Number+" · "+td.D.Ticket.Subject, td)
}

func (m *Module) ticketPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	return m.renderTicket(c, id, nil, "")
}

// after finishes a form post: errors re-render the page, success redirects.
func (m *Module) after(c *fiber.Ctx, id int64, err error, draft, to, flash string) error {
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(problem.StatusOf(err))
		return m.renderTicket(c, id, fe, draft)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, to, flash)
}

func ticketURL(prefix string, id int64) string {
	return prefix + "/tickets/" + strconv.FormatInt(id, 10)
}

func (m *Module) commentPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	public := c.FormValue("public") == "on" || c.FormValue("public") == "true"
	in := CommentInput{Body: c.FormValue("body"), Public: &public}
	_, err = m.svc.AddComment(c.UserContext(), id, in)
	msg, to := web.Tr(c, "tickets.ui.flash.note_added"), ticketURL("", id)+"?note=internal#comment-form"
	if public {
		msg, to = web.Tr(c, "tickets.ui.flash.reply_sent"), ticketURL("", id)
	}
	return m.after(c, id, err, in.Body, to, msg)
}

func (m *Module) statusPost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := StatusInput{Status: c.FormValue("status")}
	if v := c.FormValue("resolution"); v != "" && in.Status == string(StatusResolved) {
		in.Resolution = &v
	}
	_, err = m.svc.ChangeStatus(c.UserContext(), id, in)
	return m.after(c, id, err, "", ticketURL("", id), web.Tr(c, "tickets.ui.flash.status_changed", "Status", web.Title(in.Status)))
}

func (m *Module) updatePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in PatchInput
	var fe []problem.FieldError
	if v := c.FormValue("priority"); v != "" {
		in.Priority = &v
	}
	if v := c.FormValue("category"); v != "" {
		in.Category = &v
	}
	if v := c.FormValue("sla_policy_id"); v != "" {
		if n, perr := strconv.ParseInt(v, 10, 64); perr == nil {
			in.PolicyID = &n
		} else {
			fe = append(fe, problem.FieldError{Field: "sla_policy_id", Message: web.Tr(c, "tickets.ui.err.choose_policy")})
		}
	}
	if c.Request().PostArgs().Has("assignee_id") {
		in.AssigneeID = httpx.Optional[int64]{Set: true, Null: true}
		if v := c.FormValue("assignee_id"); v != "" {
			if n, perr := strconv.ParseInt(v, 10, 64); perr == nil {
				in.AssigneeID = httpx.Of(n)
			} else {
				fe = append(fe, problem.FieldError{Field: "assignee_id", Message: web.Tr(c, "tickets.ui.err.choose_staff")})
			}
		}
	}
	if len(fe) > 0 {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderTicket(c, id, fe, "")
	}
	_, _, err = m.svc.Patch(c.UserContext(), id, in)
	return m.after(c, id, err, "", ticketURL("", id), web.Tr(c, "tickets.ui.flash.updated"))
}

// EventValue writes an event log value for a person: assignee and policy ids become names,
// statuses and categories words; "—" for none.
func (d ticketData) EventValue(kind string, v *string) string {
	if v == nil || *v == "" {
		return "—"
	}
	switch kind {
	case EventAssignee:
		for _, o := range d.Assignees {
			if o.Value == *v {
				return o.Label
			}
		}
		return web.UI("tickets.ui.events.former_colleague")
	case EventPolicy:
		for _, p := range d.Policies {
			if strconv.FormatInt(p.ID, 10) == *v {
				return p.Name
			}
		}
	case EventStatus, EventCategory, EventCreated:
		return web.Title(*v)
	}
	return *v
}
