package calendars

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/calendar"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
)

// CalendarOut is a calendar on the wire.
type CalendarOut struct {
	calendar.Definition
	BuiltIn bool `json:"built_in"`
}

// DateOut answers working-days and notice-delivery.
type DateOut struct {
	Date civil.Date `json:"date"`
}

// AtOut answers business-time with add.
type AtOut struct {
	At time.Time `json:"at"`
}

// SecondsOut answers business-time with to.
type SecondsOut struct {
	Seconds int64 `json:"seconds"`
}

// API serves the calendar endpoints.
type API struct {
	Reg   *Registry
	Clock clock.Clock
}

func out(c *calendar.Calendar) CalendarOut {
	return CalendarOut{Definition: c.Definition(), BuiltIn: c.BuiltIn()}
}

// Routes registers /calendars.
func (a *API) Routes(r *apidoc.Router) {
	g := r.Group("/calendars", auth.Require())
	g.Get("", apidoc.Op{Summary: "List calendars (built-in and custom)", Response: httpx.List[CalendarOut]{}}, a.list)
	g.Post("", apidoc.Op{Summary: "Create a custom calendar (admin)", Body: calendar.Definition{}, Response: CalendarOut{}, Status: 201}, auth.Require(auth.Admin), a.create)
	g.Get("/:id", apidoc.Op{Summary: "Get a calendar", Response: CalendarOut{}}, a.get)
	g.Put("/:id", apidoc.Op{Summary: "Replace a custom calendar (admin)", Body: calendar.Definition{}, Response: CalendarOut{}}, auth.Require(auth.Admin), a.update)
	g.Get("/:id/holidays", apidoc.Op{Summary: "Holidays and closed dates of a year (CAL-1)", Response: []calendar.Holiday{},
		Query: []apidoc.Param{{Name: "year", Type: "integer"}}}, a.holidays)
	g.Get("/:id/working-days", apidoc.Op{Summary: "The Nth working day after a date (CAL-1)", Response: DateOut{},
		Query: []apidoc.Param{{Name: "from", Format: "date"}, {Name: "add", Type: "integer"}}}, a.workingDays)
	g.Get("/:id/business-time", apidoc.Op{Summary: "Add business time to an instant (add=ISO-8601 duration → {at}) or measure it between two instants (to → {seconds}) (CAL-2)",
		Response: AtOut{}, Query: []apidoc.Param{{Name: "from", Format: "date-time"}, {Name: "add", Format: "duration"}, {Name: "to", Format: "date-time"}}}, a.businessTime)
	g.Get("/:id/notice-delivery", apidoc.Op{Summary: "The day an e-mail notice is deemed delivered (CAL-3)", Response: DateOut{},
		Query: []apidoc.Param{{Name: "sent_at", Format: "date-time"}}}, a.noticeDelivery)
}

func (a *API) list(c *fiber.Ctx) error {
	cals, err := a.Reg.List(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]CalendarOut, 0, len(cals))
	for _, cal := range cals {
		items = append(items, out(cal))
	}
	return c.JSON(httpx.List[CalendarOut]{Items: items})
}

func (a *API) cal(c *fiber.Ctx) (*calendar.Calendar, error) {
	return a.Reg.Get(c.UserContext(), c.Params("id"))
}

func (a *API) get(c *fiber.Ctx) error {
	cal, err := a.cal(c)
	if err != nil {
		return err
	}
	return c.JSON(out(cal))
}

func (a *API) create(c *fiber.Ctx) error { return a.save(c, true) }
func (a *API) update(c *fiber.Ctx) error { return a.save(c, false) }

func (a *API) save(c *fiber.Ctx, create bool) error {
	var def calendar.Definition
	if err := httpx.Bind(c, &def); err != nil {
		return err
	}
	if !create {
		if def.ID != "" && def.ID != c.Params("id") {
			return problem.Invalid("id", "must match the calendar in the path")
		}
		def.ID = c.Params("id")
	}
	ctx := c.UserContext()
	now := a.Clock.Now()
	var cal *calendar.Calendar
	err := a.Reg.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if cal, err = a.Reg.Save(ctx, tx, def, create, now); err != nil {
			return err
		}
		action := "update"
		if create {
			action = "create"
		}
		return audit.Record(ctx, tx, now, "calendar", def.ID, action, cal.Definition())
	})
	if err != nil {
		return err
	}
	if create {
		c.Status(fiber.StatusCreated)
	}
	return c.JSON(out(cal))
}

func (a *API) holidays(c *fiber.Ctx) error {
	cal, err := a.cal(c)
	if err != nil {
		return err
	}
	year := cal.DateOf(a.Clock.Now()).Year
	if s := c.Query("year"); s != "" {
		if year, err = strconv.Atoi(s); err != nil || year < 1900 || year > 2200 {
			return problem.Invalid("year", "must be a year from 1900 to 2200")
		}
	}
	h := cal.Holidays(year)
	if h == nil {
		h = []calendar.Holiday{}
	}
	return c.JSON(h)
}

func (a *API) workingDays(c *fiber.Ctx) error {
	cal, err := a.cal(c)
	if err != nil {
		return err
	}
	var f problem.Fields
	from, err := civil.Parse(c.Query("from"))
	if err != nil {
		f.Add("from", "must be a date YYYY-MM-DD")
	}
	n, err := strconv.Atoi(c.Query("add"))
	if err != nil || n < -3660 || n > 3660 {
		f.Add("add", "must be a whole number from -3660 to 3660")
	}
	if err := f.Err(); err != nil {
		return err
	}
	res := cal.AddWorkingDays(from, n)
	if !res.InRange() {
		return problem.Invalid("add", fmt.Sprintf("the result lies outside %d..%d", civil.MinYear, civil.MaxYear))
	}
	return c.JSON(DateOut{Date: res})
}

func (a *API) businessTime(c *fiber.Ctx) error {
	cal, err := a.cal(c)
	if err != nil {
		return err
	}
	var f problem.Fields
	from, err := time.Parse(time.RFC3339, c.Query("from"))
	if err != nil {
		f.Add("from", "must be an RFC 3339 instant")
	} else if !civil.InstantInRange(from) {
		f.Add("from", fmt.Sprintf("must lie between %d and %d", civil.MinYear, civil.MaxYear))
	}
	add, to := c.Query("add"), c.Query("to")
	switch {
	case add != "" && to != "":
		f.Add("add", "give either add or to, not both")
	case add == "" && to == "":
		f.Add("add", "give add (an ISO-8601 duration) or to (an RFC 3339 instant)")
	}
	var d time.Duration
	var until time.Time
	if add != "" && to == "" {
		if d, err = ParseDuration(add); err != nil || d < 0 || d > 10*365*24*time.Hour {
			f.Add("add", "must be a non-negative ISO-8601 duration such as PT4H or P2D")
		}
	}
	if to != "" && add == "" {
		if until, err = time.Parse(time.RFC3339, to); err != nil {
			f.Add("to", "must be an RFC 3339 instant")
		} else if !civil.InstantInRange(until) {
			f.Add("to", fmt.Sprintf("must lie between %d and %d", civil.MinYear, civil.MaxYear))
		} else if until.Sub(from) > 20*365*24*time.Hour {
			f.Add("to", "must be within 20 years of from")
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	if add != "" {
		at, ok := cal.AddBusinessUntil(from, d, civil.Date{Year: civil.MaxYear, Month: time.December, Day: 31})
		if !ok {
			return problem.Invalid("add", fmt.Sprintf("the result lies after %d: the calendar has too little open time for this duration", civil.MaxYear))
		}
		return c.JSON(AtOut{At: at.In(from.Location())})
	}
	return c.JSON(SecondsOut{Seconds: int64(cal.BusinessBetween(from, until) / time.Second)})
}

func (a *API) noticeDelivery(c *fiber.Ctx) error {
	cal, err := a.cal(c)
	if err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339, c.Query("sent_at"))
	if err != nil || !civil.InstantInRange(t) {
		return problem.Invalid("sent_at", "must be an RFC 3339 instant")
	}
	return c.JSON(DateOut{Date: cal.NoticeDeemedDelivered(t)})
}
