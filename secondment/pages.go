package secondment

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/calendars"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/listq"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Pages registers the admin UI and portal pages.
func (m *Module) Pages(r fiber.Router) {
	tech := auth.Require(auth.Technician)
	approvers := auth.Require(auth.Admin, auth.AccountManager, auth.Customer)
	staff := auth.Require(auth.Admin, auth.AccountManager)
	r.Get("/secondment/my-hours", tech, m.myHours)
	r.Post("/secondment/my-hours", tech, m.logHoursForm)
	r.Post("/secondment/my-hours/:id/withdraw", tech, m.withdrawForm)
	r.Post("/secondment/preview", auth.Require(), m.previewForm)
	r.Get("/secondment/placements", approvers, m.placementsPage)
	r.Post("/secondment/placements", staff, m.createPlacementForm)
	r.Get("/secondment/placements/:id", approvers, m.placementPage)
	r.Get("/secondment/approvals", approvers, m.approvalsPage)
	r.Post("/secondment/approvals", approvers, m.bulkApproveForm)
	r.Post("/secondment/approvals/:id/reject", approvers, m.rejectForm)
	r.Get("/secondment/statements", staff, m.statementsPage)
	r.Get("/secondment/placements/:id/statements/:month", approvers, m.statementPage)
	r.Post("/secondment/placements/:id/statements/:month/close", staff, m.closeForm)
	m.placementPages(r)
	m.entryPages(r)
	m.expensePages(r)
}

// weekOf returns the Monday of d's week and the instants [from, to) of that week.
func weekOf(d civil.Date) (civil.Date, time.Time, time.Time) {
	monday := d.AddDays(-((int(d.Weekday()) + 6) % 7))
	return monday, wallInstant(monday, 0, clock.Amsterdam), wallInstant(monday.AddDays(7), 0, clock.Amsterdam)
}

// weekParam reads ?week=YYYY-MM-DD (any day of the week), defaulting to today's week.
func (m *Module) weekParam(c *fiber.Ctx) (civil.Date, time.Time, time.Time) {
	d := civil.In(m.svc.clock.Now(), clock.Amsterdam)
	if s := c.Query("week"); s != "" {
		if p, err := civil.Parse(s); err == nil {
			d = p
		}
	}
	return weekOf(d)
}

// localTime reads a datetime-local form value as Amsterdam wall-clock time.
func localTime(s string) (time.Time, error) {
	return time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(s), clock.Amsterdam)
}

type myHoursData struct {
	Placements []Placement
	Entries    []HourEntry
	Week       civil.Date
	Prev, Next civil.Date
	Form       map[string]string
	Errors     []problem.FieldError
	Minutes    int
	Waiting    bool // ?status=submitted: every entry still waiting for approval, any week
}

func (m *Module) myHoursData(c *fiber.Ctx) (*myHoursData, error) {
	ctx := c.UserContext()
	week, from, to := m.weekParam(c)
	ps, err := m.svc.Placements(ctx, PlacementFilter{})
	if err != nil {
		return nil, err
	}
	f := EntryFilter{From: &from, To: &to}
	waiting := c.Query("status") == string(StatusSubmitted)
	if waiting {
		st := StatusSubmitted
		f = EntryFilter{Status: &st}
	}
	es, err := m.svc.Entries(ctx, f)
	if err != nil {
		return nil, err
	}
	d := &myHoursData{Placements: ps, Entries: es, Week: week, Prev: week.AddDays(-7), Next: week.AddDays(7), Form: map[string]string{}, Waiting: waiting}
	for _, e := range es {
		if e.Status == StatusSubmitted || e.Status == StatusApproved {
			d.Minutes += e.Minutes
		}
	}
	return d, nil
}

func (m *Module) myHours(c *fiber.Ctx) error {
	d, err := m.myHoursData(c)
	if err != nil {
		return err
	}
	return m.web.Render(c, "secondment/my_hours", web.Tr(c, "secondment.ui.my_hours.title"), d)
}

func (m *Module) logHoursForm(c *fiber.Ctx) error {
	var f problem.Fields
	pid, err := strconv.ParseInt(c.FormValue("placement_id"), 10, 64)
	if err != nil {
		f.Add("placement_id", web.Tr(c, "secondment.ui.msg.choose a placement"))
	}
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
		e, err = m.svc.LogHours(c.UserContext(), pid, EntryInput{StartedAt: start, EndedAt: end, Description: c.FormValue("description")})
	}
	if err != nil {
		fields, isForm := problem.FieldErrors(err)
		msg, isUser := userMessage(c, err)
		if !isForm && !isUser {
			return err
		}
		d, derr := m.myHoursData(c)
		if derr != nil {
			return derr
		}
		d.Errors = trFields(c, fields)
		for _, k := range []string{"placement_id", "started_at", "ended_at", "description"} {
			d.Form[k] = c.FormValue(k)
		}
		c.Status(fiber.StatusUnprocessableEntity)
		if !isForm {
			c.Status(problem.StatusOf(err))
		}
		return m.web.RenderError(c, "secondment/my_hours", web.Tr(c, "secondment.ui.my_hours.title"), msg, d)
	}
	week, _, _ := weekOf(civil.In(e.StartedAt, clock.Amsterdam))
	return web.Redirect(c, "/secondment/my-hours?week="+week.String(),
		web.Tr(c, "secondment.ui.flash.logged", "Hours", HoursMinutes(e.Minutes), "Amount", web.Money(e.Amount)))
}

func (m *Module) withdrawForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := m.svc.WithdrawEntry(c.UserContext(), id); err != nil {
		if msg, ok := userMessage(c, err); ok {
			return web.Redirect(c, "/secondment/my-hours", msg)
		}
		return err
	}
	return web.Redirect(c, "/secondment/my-hours", web.Tr(c, "secondment.ui.flash.withdrawn"))
}

// previewForm prices the log form's span (wall-clock Amsterdam times) for the live
// preview; it answers JSON like POST /api/v1/overtime/preview.
func (m *Module) previewForm(c *fiber.Ctx) error {
	pid, err := strconv.ParseInt(c.FormValue("placement_id"), 10, 64)
	if err != nil {
		return problem.Invalid("placement_id", "choose a placement")
	}
	start, err1 := localTime(c.FormValue("started_at"))
	end, err2 := localTime(c.FormValue("ended_at"))
	if err1 != nil || err2 != nil {
		return problem.Invalid("started_at", "give start and end")
	}
	p, err := m.svc.PreviewForPlacement(c.UserContext(), pid, start, end)
	if fe, ok := problem.FieldErrors(err); ok {
		// the preview shows the message under the form: in the reader's words, no field codes
		var f problem.Fields
		for _, e := range trFields(c, fe) {
			f.Add(e.Field, e.Message)
		}
		return f.Err()
	}
	if err != nil {
		return err
	}
	return c.JSON(pricingOut(p))
}

type placementsData struct {
	Placements []Placement
	Form       map[string]string
	Errors     []problem.FieldError
	CanCreate  bool
	List       listq.View
	Customers  []accounts.Option // the new-placement form's pickers
	Staff      []accounts.Option
	Calendars  []calendars.Choice
}

// CalendarName names a listed placement's calendar.
func (d placementsData) CalendarName(id string) string { return calendars.NameOf(d.Calendars, id) }

func (m *Module) placementsPage(c *fiber.Ctx) error {
	pf, err := placementQuery(c)
	if err != nil {
		return err
	}
	if listq.WantsCSV(c) {
		return m.svc.placementCSV(c, pf)
	}
	d := placementsData{Form: map[string]string{"calendar_id": "nl-werktijden"}, CanCreate: !auth.From(c).Is(auth.Customer)}
	if err := m.placementRows(c, pf, &d); err != nil {
		return err
	}
	if d.Customers, d.Staff, err = m.svc.Pickers(c.UserContext()); err != nil {
		return err
	}
	if d.Calendars, err = m.svc.Calendars(c.UserContext()); err != nil {
		return err
	}
	return m.web.Render(c, "secondment/placements", web.Tr(c, "secondment.ui.placements.title"), d)
}

// placementRows fills the page's list of pf, with the links keeping its filters.
func (m *Module) placementRows(c *fiber.Ctx, pf PlacementFilter, d *placementsData) error {
	ps, err := m.svc.Placements(c.UserContext(), pf)
	if err != nil {
		return err
	}
	var next string
	d.Placements, next = placementList.Trim(ps, *pf.List)
	d.List = placementList.View("/secondment/placements", url.Values{"customer_id": {c.Query("customer_id")}, "technician_id": {c.Query("technician_id")}}, *pf.List, next)
	return nil
}

func (m *Module) createPlacementForm(c *fiber.Ctx) error {
	var f problem.Fields
	num := func(name string) int64 {
		v, err := strconv.ParseInt(c.FormValue(name), 10, 64)
		if err != nil || v <= 0 {
			f.Add(name, "is required")
		}
		return v
	}
	in := PlacementInput{CustomerID: num("customer_id"), TechnicianID: num("technician_id"), Role: c.FormValue("role"),
		CalendarID: c.FormValue("calendar_id")}
	if strings.TrimSpace(in.Role) == "" {
		f.Add("role", "is required")
	}
	var err error
	if in.HourlyRate, err = Money(c.FormValue("hourly_rate")); err != nil {
		f.Add("hourly_rate", err.Error())
	}
	if s := c.FormValue("km_rate"); s != "" {
		if in.KmRate, err = Money(s); err != nil {
			f.Add("km_rate", err.Error())
		}
	}
	if in.StartDate, err = civil.Parse(c.FormValue("start_date")); err != nil {
		f.Add("start_date", "is required")
	}
	if s := c.FormValue("end_date"); s != "" {
		if in.EndDate, err = civil.Parse(s); err != nil {
			f.Add("end_date", "must be a date")
		}
	}
	err = f.Err()
	var p *Placement
	if err == nil {
		p, err = m.svc.CreatePlacement(c.UserContext(), in)
	}
	if err != nil {
		fields, ok := problem.FieldErrors(err)
		if !ok {
			return err
		}
		lq, _ := placementList.ParseQuery("")
		d := placementsData{Form: map[string]string{}, Errors: fields, CanCreate: true}
		if lerr := m.placementRows(c, PlacementFilter{List: &lq}, &d); lerr != nil {
			return lerr
		}
		if d.Customers, d.Staff, err = m.svc.Pickers(c.UserContext()); err != nil {
			return err
		}
		if d.Calendars, err = m.svc.Calendars(c.UserContext()); err != nil {
			return err
		}
		for _, k := range []string{"customer_id", "technician_id", "role", "hourly_rate", "km_rate", "start_date", "end_date", "calendar_id"} {
			d.Form[k] = c.FormValue(k)
		}
		c.Status(fiber.StatusUnprocessableEntity)
		return m.web.Render(c, "secondment/placements", web.Tr(c, "secondment.ui.placements.title"), d)
	}
	return web.Redirect(c, fmt.Sprintf("/secondment/placements/%d", p.ID), web.Tr(c, "secondment.ui.flash.placement_created"))
}

// Hours formats the week's live minutes as h:mm.
func (d *myHoursData) Hours() string { return HoursMinutes(d.Minutes) }
