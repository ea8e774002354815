package secondment

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// entryPages registers the technician's edit form for a submitted entry: the UI side of
// PATCH /api/v1/hours/{id}, calling the same service (SEC-3: edit only while submitted).
func (m *Module) entryPages(r fiber.Router) {
	tech := auth.Require(auth.Technician)
	r.Get("/secondment/my-hours/:id/edit", tech, m.editEntryPage)
	r.Post("/secondment/my-hours/:id", tech, m.editEntryForm)
}

type entryEditData struct {
	Entry  *HourEntry
	Week   civil.Date
	Form   map[string]string
	Errors []problem.FieldError
}

// weekBack is the My hours page of the week an entry starts in.
func weekBack(e *HourEntry) string {
	week, _, _ := weekOf(civil.In(e.StartedAt, clock.Amsterdam))
	return "/secondment/my-hours?week=" + week.String()
}

// lockedRedirect sends the technician back to the week when the entry is no longer
// submitted: approved hours are locked, rejected and withdrawn ones are done.
func lockedRedirect(c *fiber.Ctx, e *HourEntry) error {
	return web.Redirect(c, weekBack(e), web.Tr(c, "secondment.ui.flash.locked", "Status", web.Tr(c, "secondment.ui.status."+string(e.Status))))
}

func (m *Module) editEntryPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	e, err := m.svc.MyEntry(c.UserContext(), id)
	if err != nil {
		return err
	}
	if e.Status != StatusSubmitted {
		return lockedRedirect(c, e)
	}
	week, _, _ := weekOf(civil.In(e.StartedAt, clock.Amsterdam))
	d := &entryEditData{Entry: e, Week: week, Form: map[string]string{
		"started_at":  e.StartedAt.In(clock.Amsterdam).Format("2006-01-02T15:04"),
		"ended_at":    e.EndedAt.In(clock.Amsterdam).Format("2006-01-02T15:04"),
		"description": e.Description,
	}}
	return m.web.Render(c, "secondment/entry_edit", web.Tr(c, "secondment.ui.edit_entry.page"), d)
}

func (m *Module) editEntryForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	cur, err := m.svc.MyEntry(ctx, id)
	if err != nil {
		return err
	}
	var f problem.Fields
	start, err := localTime(c.FormValue("started_at"))
	if err != nil {
		f.Add("started_at", web.Tr(c, "secondment.ui.msg.is required (date and time)"))
	}
	end, err := localTime(c.FormValue("ended_at"))
	if err != nil {
		f.Add("ended_at", web.Tr(c, "secondment.ui.msg.is required (date and time)"))
	}
	err = f.Err()
	var e *HourEntry
	if err == nil {
		e, err = m.svc.EditEntry(ctx, id, EntryInput{StartedAt: start, EndedAt: end, Description: c.FormValue("description")})
	}
	if errors.Is(err, ErrEntryLocked) {
		return lockedRedirect(c, cur)
	}
	if err != nil {
		fields, isForm := problem.FieldErrors(err)
		msg, isUser := userMessage(c, err)
		if !isForm && !isUser {
			return err
		}
		week, _, _ := weekOf(civil.In(cur.StartedAt, clock.Amsterdam))
		d := &entryEditData{Entry: cur, Week: week, Errors: fields, Form: map[string]string{}}
		for _, k := range []string{"started_at", "ended_at", "description"} {
			d.Form[k] = c.FormValue(k)
		}
		c.Status(problem.StatusOf(err))
		if isForm {
			return m.web.Render(c, "secondment/entry_edit", web.Tr(c, "secondment.ui.edit_entry.page"), d)
		}
		return m.web.RenderError(c, "secondment/entry_edit", "Edit hours", msg, d)
	}
	return web.Redirect(c, weekBack(e), web.Tr(c, "secondment.ui.flash.saved", "Hours", HoursMinutes(e.Minutes), "Amount", web.Money(e.Amount)))
}
