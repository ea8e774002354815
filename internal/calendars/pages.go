package calendars

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

//go:embed templates/*.html
var templates embed.FS

// Module serves calendars over the API and in the admin UI.
type Module struct {
	Reg   *Registry
	Clock clock.Clock
	Web   *web.Engine
	DB    *bun.DB
}

// Name of the module.
func (m *Module) Name() string { return "calendars" }

// Routes registers the API.
func (m *Module) Routes(r *apidoc.Router) { (&API{Reg: m.Reg, Clock: m.Clock}).Routes(r) }

// Templates of the module.
func (m *Module) Templates() fs.FS { s, _ := fs.Sub(templates, "templates"); return s }

// Nav is provided by accounts (Admin group).
func (m *Module) Nav() []web.NavItem { return nil }

// Pages registers the UI.
func (m *Module) Pages(r fiber.Router) {
	staff := auth.Require(auth.Admin, auth.AccountManager)
	admin := auth.Require(auth.Admin)
	r.Get("/calendars", staff, m.list)
	r.Get("/calendars/new", admin, m.newForm)
	r.Post("/calendars", admin, m.create)
	r.Get("/calendars/:id", staff, m.year)
	r.Get("/calendars/:id/edit", admin, m.editForm)
	r.Post("/calendars/:id", admin, m.update)
}

func (m *Module) list(c *fiber.Ctx) error {
	cals, err := m.Reg.List(c.UserContext())
	if err != nil {
		return err
	}
	return m.Web.Render(c, "calendars/list", web.Tr(c, "calendars.ui.title.list"), cals)
}

// Day is one cell of the year view.
type Day struct {
	Date    civil.Date
	Working bool
	Holiday string
	Hours   string
}

// Month is a month of the year view, weeks starting Monday.
type Month struct {
	Name  string
	Weeks [][]*Day
}

type yearData struct {
	Cal      *calendar.Calendar
	Year     int
	Months   []Month
	Holidays []calendar.Holiday
	Hours    []string
	Working  int
	Prev     int
	Next     int
}

// weekdays are the days the form offers opening hours for: Saturday and Sunday are never
// working days (CAL-1), so the form does not offer them (it used to, and always refused them).
var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday"}

func (m *Module) year(c *fiber.Ctx) error {
	cal, err := m.Reg.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	y := cal.DateOf(m.Clock.Now()).Year
	if s := c.Query("year"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v >= 1950 && v <= 2150 {
			y = v
		}
	}
	d := yearData{Cal: cal, Year: y, Holidays: cal.Holidays(y), Prev: y - 1, Next: y + 1}
	def := cal.Definition()
	for _, wd := range weekdays {
		var parts []string
		for _, s := range def.Hours[wd] {
			parts = append(parts, s.String())
		}
		h := "closed"
		if len(parts) > 0 {
			h = strings.Join(parts, ", ")
		}
		d.Hours = append(d.Hours, web.Title(wd)+": "+h)
	}
	for mo := time.January; mo <= time.December; mo++ {
		month := Month{Name: mo.String()}
		first := civil.D(y, mo, 1)
		offset := (int(first.Weekday()) + 6) % 7
		week := make([]*Day, 7)
		for day := first; day.Month == mo; day = day.AddDays(1) {
			idx := (offset + day.Day - 1) % 7
			name, _ := cal.HolidayName(day)
			w := cal.IsWorkingDay(day)
			if w {
				d.Working++
			}
			week[idx] = &Day{Date: day, Working: w, Holiday: name}
			if idx == 6 {
				month.Weeks = append(month.Weeks, week)
				week = make([]*Day, 7)
			}
		}
		if week[0] != nil || hasAny(week) {
			month.Weeks = append(month.Weeks, week)
		}
		d.Months = append(d.Months, month)
	}
	return m.Web.Render(c, "calendars/year", cal.Name(), d)
}

func hasAny(w []*Day) bool {
	for _, d := range w {
		if d != nil {
			return true
		}
	}
	return false
}

// Form is the custom-calendar form's state.
type Form struct {
	New         bool
	ID, Name    string
	TimeZone    string
	Hours       map[string]string
	GoodFriday  bool
	Dutch       bool
	Liberation  string
	ClosedDates string
	Errors      []problem.FieldError
	Weekdays    []string
}

func formOf(def calendar.Definition, isNew bool) Form {
	f := Form{New: isNew, ID: def.ID, Name: def.Name, TimeZone: def.TimeZone, Hours: map[string]string{}, Dutch: def.Holidays.Dutch,
		GoodFriday: def.Holidays.GoodFriday, Liberation: string(def.Holidays.LiberationDay), Weekdays: weekdays}
	for wd, slots := range def.Hours {
		var parts []string
		for _, s := range slots {
			parts = append(parts, s.String())
		}
		f.Hours[wd] = strings.Join(parts, ", ")
	}
	var ds []string
	for _, d := range def.ClosedDates {
		ds = append(ds, d.String())
	}
	f.ClosedDates = strings.Join(ds, "\n")
	return f
}

func (m *Module) newForm(c *fiber.Ctx) error {
	base := MustBuiltin(calendar.IDKantooruren).Definition()
	base.ID, base.Name = "", ""
	return m.Web.Render(c, "calendars/form", web.Tr(c, "calendars.ui.title.new"), formOf(base, true))
}

func (m *Module) editForm(c *fiber.Ctx) error {
	cal, err := m.Reg.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if cal.BuiltIn() {
		return ErrBuiltinReadOnly
	}
	return m.Web.Render(c, "calendars/form", web.Tr(c, "calendars.ui.title.edit", "Name", cal.Name()), formOf(cal.Definition(), false))
}

// parseForm reads the form; slot syntax "08:30-12:00, 13:00-17:00".
func parseForm(c *fiber.Ctx, id string) (calendar.Definition, Form, error) {
	def := calendar.Definition{ID: id, Name: strings.TrimSpace(c.FormValue("name")), TimeZone: strings.TrimSpace(c.FormValue("time_zone")),
		Hours: map[string][]calendar.Slot{}, Holidays: calendar.HolidayRules{Dutch: c.FormValue("dutch") == "on", GoodFriday: c.FormValue("good_friday") == "on",
			LiberationDay: calendar.LiberationDay(c.FormValue("liberation_day"))}}
	var f problem.Fields
	form := Form{ID: id, Name: def.Name, TimeZone: def.TimeZone, Hours: map[string]string{}, Dutch: def.Holidays.Dutch, GoodFriday: def.Holidays.GoodFriday,
		Liberation: string(def.Holidays.LiberationDay), ClosedDates: c.FormValue("closed_dates"), Weekdays: weekdays}
	for _, wd := range weekdays {
		raw := strings.TrimSpace(c.FormValue("hours_" + wd))
		form.Hours[wd] = raw
		if raw == "" {
			continue
		}
		for _, part := range strings.Split(raw, ",") {
			a, b, ok := strings.Cut(strings.TrimSpace(part), "-")
			start, err1 := calendar.ParseSlot(strings.TrimSpace(a))
			end, err2 := calendar.ParseSlot(strings.TrimSpace(b))
			if !ok || err1 != nil || err2 != nil {
				f.Addf("hours."+wd, "%q is not a slot like 08:30-17:00", strings.TrimSpace(part))
				continue
			}
			def.Hours[wd] = append(def.Hours[wd], calendar.Slot{Start: start, End: end})
		}
	}
	for _, line := range strings.Fields(form.ClosedDates) {
		d, err := civil.Parse(line)
		if err != nil {
			f.Addf("closed_dates", "%q is not a date YYYY-MM-DD", line)
			continue
		}
		def.ClosedDates = append(def.ClosedDates, d)
	}
	return def, form, f.Err()
}

func (m *Module) create(c *fiber.Ctx) error {
	return m.save(c, strings.TrimSpace(c.FormValue("id")), true)
}

func (m *Module) update(c *fiber.Ctx) error { return m.save(c, c.Params("id"), false) }

func (m *Module) save(c *fiber.Ctx, id string, create bool) error {
	def, form, err := parseForm(c, id)
	form.New = create
	if err == nil {
		now := m.Clock.Now()
		err = m.DB.RunInTx(c.UserContext(), nil, func(ctx context.Context, tx bun.Tx) error {
			cal, err := m.Reg.Save(ctx, tx, def, create, now)
			if err != nil {
				return err
			}
			action := "update"
			if create {
				action = "create"
			}
			return audit.Record(ctx, tx, now, "calendar", id, action, cal.Definition())
		})
	}
	var pe *problem.Error
	if errors.As(err, &pe) && pe.Status < 500 {
		form.Errors = pe.Fields
		if len(pe.Fields) == 0 {
			form.Errors = []problem.FieldError{{Field: "id", Message: pe.Detail}}
		}
		c.Status(fiber.StatusUnprocessableEntity)
		return m.Web.Render(c, "calendars/form", web.Tr(c, "calendars.ui.title.form"), form)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/calendars/"+id, web.Tr(c, "calendars.ui.saved"))
}
