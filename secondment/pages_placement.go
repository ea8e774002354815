package secondment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/calendars"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// placementPages registers the placement detail forms: notice (SEC-2) and
// replacement (SEC-1).
func (m *Module) placementPages(r fiber.Router) {
	parties := auth.Require(auth.Admin, auth.AccountManager, auth.Customer)
	r.Post("/secondment/placements/:id/end", parties, m.endForm)
	r.Post("/secondment/placements/:id/replacements", parties, m.replaceForm)
}

// formFailure re-renders the placement page with the problem of a refused form.
func (m *Module) formFailure(c *fiber.Ctx, id int64, err error) error {
	fields, isForm := problem.FieldErrors(err)
	msg, isUser := userMessage(c, err)
	if !isForm && !isUser {
		return err
	}
	d, derr := m.placementPageData(c, id)
	if derr != nil {
		return derr
	}
	d.Errors = trFields(c, fields)
	c.Status(problem.StatusOf(err))
	return m.web.RenderError(c, "secondment/placement", placementTitle(c, d.P), msg, d)
}

func (m *Module) endForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	received, err := localTime(c.FormValue("notice_received_at"))
	if err == nil && !web.Confirmed(c) {
		return m.formFailure(c, id, problem.Invalid(web.ConfirmField, web.Tr(c, "secondment.ui.msg.must be ticked")))
	}
	if err != nil {
		return m.formFailure(c, id, problem.Invalid("notice_received_at", web.Tr(c, "secondment.ui.msg.give the notice time")))
	}
	p, err := m.svc.EndPlacement(c.UserContext(), id, received)
	if err != nil {
		return m.formFailure(c, id, err)
	}
	return web.Redirect(c, fmt.Sprintf("/secondment/placements/%d", id),
		web.Tr(c, "secondment.ui.flash.notice", "Deemed", i18n.Date(web.UILang(auth.From(c)), p.NoticeDeemedOn), "End", i18n.Date(web.UILang(auth.From(c)), p.EndDate)))
}

func (m *Module) replaceForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	req := ReplacementRequest{Reason: ReplacementReason(c.FormValue("reason")), RequestedBy: Requester(c.FormValue("requested_by")),
		ConsultationNote: c.FormValue("consultation_note")}
	if auth.From(c).Is(auth.Customer) {
		req.RequestedBy = RequestedByCustomer
	}
	if v := strings.TrimSpace(c.FormValue("technician_id")); v != "" {
		if req.TechnicianID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return m.formFailure(c, id, problem.Invalid("technician_id", web.Tr(c, "secondment.ui.msg.choose a technician")))
		}
	}
	if s := c.FormValue("consulted_on"); s != "" {
		if req.ConsultedOn, err = civil.Parse(s); err != nil {
			return m.formFailure(c, id, problem.Invalid("consulted_on", web.Tr(c, "secondment.ui.msg.must be a date")))
		}
	}
	if _, err := m.svc.Replace(c.UserContext(), id, req); err != nil {
		return m.formFailure(c, id, err)
	}
	return web.Redirect(c, fmt.Sprintf("/secondment/placements/%d", id), web.Tr(c, "secondment.ui.flash.replaced"))
}

type placementData struct {
	P            *Placement
	Entries      []HourEntry
	Replacements []Replacement
	Months       []civil.Month
	Staff        []accounts.Option // the replacement form's technician picker
	Errors       []problem.FieldError
	IsCustomer   bool
	CanEnd       bool
	CalendarName string // the placement's calendar by name
}

func (m *Module) placementPage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	d, err := m.placementPageData(c, id)
	if err != nil {
		return err
	}
	return m.web.Render(c, "secondment/placement", placementTitle(c, d.P), d)
}

func (m *Module) placementPageData(c *fiber.Ctx, id int64) (*placementData, error) {
	ctx := c.UserContext()
	p, err := m.svc.Placement(ctx, id)
	if err != nil {
		return nil, err
	}
	es, err := m.svc.Entries(ctx, EntryFilter{PlacementID: &id})
	if err != nil {
		return nil, err
	}
	rs, err := m.svc.Replacements(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &placementData{P: p, Entries: es, Replacements: rs, IsCustomer: auth.From(c).Is(auth.Customer), CanEnd: p.EndDate.IsZero() && p.NoticeReceivedAt == nil}
	if _, d.Staff, err = m.svc.Pickers(ctx); err != nil {
		return nil, err
	}
	cals, err := m.svc.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	d.CalendarName = calendars.NameOf(cals, p.CalendarID)
	now := civil.MonthOf(m.svc.clock.Now(), clock.Amsterdam)
	for mm := (civil.Month{Year: p.StartDate.Year, Month: p.StartDate.Month}); len(d.Months) < 24 && !(mm.Year > now.Year || (mm.Year == now.Year && mm.Month > now.Month)); mm = mm.Next() {
		d.Months = append([]civil.Month{mm}, d.Months...)
	}
	return d, nil
}
