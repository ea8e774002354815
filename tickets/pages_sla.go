package tickets

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/calendars"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

type dashboardData struct {
	D        *Dashboard
	Chart    *web.Chart // compliance per month; a month without resolved tickets is "no data", not 0 %
	AtRisk   []row
	Breaches []breachRow
	Avail    []AvailabilityOut
}

type breachRow struct {
	T       *Ticket
	Overdue bool
}

func (m *Module) dashboardPage(c *fiber.Ctx) error {
	d, err := m.svc.Dashboard(c.UserContext())
	if err != nil {
		return err
	}
	now := m.svc.Clock.Now()
	dd := dashboardData{D: d, Chart: complianceChart(d.Compliance)}
	for _, it := range d.AtRisk {
		dd.AtRisk = append(dd.AtRisk, rowOf(it))
	}
	for _, t := range d.DataBreaches {
		dd.Breaches = append(dd.Breaches, breachRow{T: t, Overdue: t.ControllerNoticeDueAt != nil && now.After(*t.ControllerNoticeDueAt)})
	}
	for _, a := range d.Availability {
		dd.Avail = append(dd.Avail, availabilityOut(a))
	}
	return m.web.Render(c, "tickets/dashboard", web.Tr(c, "tickets.ui.dashboard.title"), dd)
}

// complianceChart draws the compliance per month: a bar per month with resolved tickets,
// red below 80 %, amber below 95 %; a month with none is a hatched "no data" gap, and a
// year with none reads "no data yet".
func complianceChart(ms []MonthCompliance) *web.Chart {
	c := &web.Chart{ID: "compliance-chart", Title: "SLA compliance per month", Unit: "\u00a0%", Max: 100, Empty: "no data yet: no ticket resolved in the last 12 months",
		Desc: "Share of tickets resolved in the month that met both targets."}
	s := web.ChartSeries{Name: "met both targets", Class: "chart-s1"}
	for _, m := range ms {
		c.Labels = append(c.Labels, web.MonthLabel(m.Month))
		if m.Resolved == 0 {
			s.Values, s.Classes = append(s.Values, nil), append(s.Classes, "")
			continue
		}
		class := ""
		switch {
		case m.Percent < 80:
			class = "chart-low"
		case m.Percent < 95:
			class = "chart-mid"
		}
		s.Values, s.Classes = append(s.Values, web.Val(m.Percent)), append(s.Classes, class)
	}
	c.Series = []web.ChartSeries{s}
	return c
}

type availabilityData struct {
	Services []string
	Service  string
	Quarters []AvailabilityOut
	Errors   []problem.FieldError
	Form     map[string]string
}

// availabilityPage shows the last four quarters of each service (T-5) and the form to
// record an outage.
func (m *Module) availabilityPage(c *fiber.Ctx) error {
	return m.renderAvailability(c, nil, map[string]string{"kind": string(OutageUnplanned)})
}

func (m *Module) renderAvailability(c *fiber.Ctx, fe []problem.FieldError, form map[string]string) error {
	ctx := c.UserContext()
	services, err := m.svc.Services(ctx)
	if err != nil {
		return err
	}
	d := availabilityData{Services: services, Service: c.Query("service"), Errors: fe, Form: form}
	if d.Service == "" && len(services) > 0 {
		d.Service = services[0]
	}
	if d.Service != "" {
		q := QuarterOf(m.svc.Clock.Now(), clock.Amsterdam)
		for range 4 {
			r, err := m.svc.Availability(ctx, d.Service, q, nil)
			if err != nil {
				return err
			}
			d.Quarters = append(d.Quarters, availabilityOut(r))
			q = q.Prev()
		}
	}
	return m.web.Render(c, "tickets/availability", web.Tr(c, "tickets.ui.availability.title"), d)
}

func (m *Module) outagePost(c *fiber.Ctx) error {
	form := map[string]string{}
	for _, k := range []string{"service", "kind", "started_at", "ended_at", "announced_at"} {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	in := OutageInput{Service: form["service"], Kind: form["kind"]}
	var fe []problem.FieldError
	parse := func(k string, dst **time.Time) {
		if form[k] == "" {
			return
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", form[k], clock.Amsterdam)
		if err != nil {
			fe = append(fe, problem.FieldError{Field: k, Message: web.Tr(c, "tickets.ui.err.date_time")})
			return
		}
		*dst = &t
	}
	parse("started_at", &in.StartedAt)
	parse("ended_at", &in.EndedAt)
	parse("announced_at", &in.AnnouncedAt)
	var err error
	if len(fe) == 0 {
		_, err = m.svc.RecordOutage(c.UserContext(), in)
		if f, ok := problem.FormErrors(err); ok {
			fe = f
		} else if err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.renderAvailability(c, fe, form)
	}
	return web.Redirect(c, "/sla/availability?service="+in.Service, web.Tr(c, "tickets.ui.outage.recorded"))
}

type policiesData struct {
	Policies  []PolicyOut
	Errors    []problem.FieldError
	CanEdit   bool
	Form      map[string]string
	Targets   []targetField
	Customers []option
	Calendars []calendars.Choice // the form's calendar picker, and the list's names
}

// CalendarName names a listed policy's calendar.
func (d policiesData) CalendarName(id string) string { return calendars.NameOf(d.Calendars, id) }

// targetField is one priority's row of the new-policy form.
type targetField struct {
	Priority, Key, Response, Resolution string
}

func (m *Module) policiesPage(c *fiber.Ctx) error {
	form := map[string]string{"calendar_id": "nl-kantooruren", "pause": "on"}
	return m.renderPolicies(c, nil, form)
}

func (m *Module) renderPolicies(c *fiber.Ctx, fe []problem.FieldError, form map[string]string) error {
	ps, err := m.svc.Policies(c.UserContext())
	if err != nil {
		return err
	}
	d := policiesData{Errors: fe, CanEdit: auth.From(c).Is(manager...), Form: form}
	if d.Calendars, err = m.svc.Calendars(c.UserContext()); err != nil {
		return err
	}
	if d.CanEdit {
		if d.Customers, err = m.customerOptions(c.UserContext()); err != nil {
			return err
		}
	}
	for _, p := range Priorities {
		k := strings.ToLower(string(p))
		d.Targets = append(d.Targets, targetField{string(p), k, form[k+"_response"], form[k+"_resolution"]})
	}
	for _, p := range ps {
		d.Policies = append(d.Policies, PolicyOutOf(p))
	}
	return m.web.Render(c, "tickets/policies", web.Tr(c, "tickets.ui.policies.title"), d)
}

func (m *Module) policyPost(c *fiber.Ctx) error {
	form := map[string]string{}
	for _, k := range []string{"name", "calendar_id", "pause"} {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	in := PolicyInput{Name: form["name"], CalendarID: form["calendar_id"]}
	for _, p := range Priorities {
		k := strings.ToLower(string(p))
		form[k+"_response"], form[k+"_resolution"] = strings.TrimSpace(c.FormValue(k+"_response")), strings.TrimSpace(c.FormValue(k+"_resolution"))
		in.Targets = append(in.Targets, TargetInput{Priority: string(p), Response: hoursInput(form[k+"_response"]), Resolution: hoursInput(form[k+"_resolution"])})
	}
	pause := []string{}
	if form["pause"] == "on" {
		pause = append(pause, string(StatusWaitingOnCustomer))
	}
	in.PauseStatuses = &pause
	p, err := m.svc.CreatePolicy(c.UserContext(), in)
	if fe, ok := problem.FormErrors(err); ok {
		c.Status(problem.StatusOf(err))
		return m.renderPolicies(c, fe, form)
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/sla/policies", web.Tr(c, "tickets.ui.flash.policy_created", "Name", p.Name))
}

// assignPost gives a customer a policy (its unresolved tickets move along).
func (m *Module) assignPost(c *fiber.Ctx) error {
	policy, perr := strconv.ParseInt(c.FormValue("sla_policy_id"), 10, 64)
	customer, cerr := strconv.ParseInt(c.FormValue("customer_id"), 10, 64)
	var fe []problem.FieldError
	if perr != nil {
		fe = append(fe, problem.FieldError{Field: "sla_policy_id", Message: web.Tr(c, "tickets.ui.err.choose_policy")})
	}
	if cerr != nil {
		fe = append(fe, problem.FieldError{Field: "customer_id", Message: web.Tr(c, "tickets.ui.err.choose_customer")})
	}
	if len(fe) == 0 {
		n, err := m.svc.AssignPolicy(c.UserContext(), policy, customer)
		if f, ok := problem.FormErrors(err); ok {
			fe = f
		} else if err != nil {
			return err
		} else {
			return web.Redirect(c, "/sla/policies", web.Tr(c, "tickets.ui.flash.policy_assigned", "Count", n))
		}
	}
	c.Status(fiber.StatusUnprocessableEntity)
	return m.renderPolicies(c, fe, map[string]string{"calendar_id": "nl-kantooruren", "pause": "on"})
}

// hoursInput reads a target typed as hours ("4", "1,5", "0.25") as the ISO-8601 duration
// the API takes ("PT4H", "PT1H30M", "PT15M"); anything else (an ISO duration, or a typo
// the service reports with its field label) is passed on as typed.
func hoursInput(s string) string {
	h, err := decimal.NewFromString(strings.Replace(s, ",", ".", 1))
	if err != nil || !h.IsPositive() {
		return s
	}
	total := h.Mul(decimal.NewFromInt(60))
	if !total.IsInteger() {
		return s
	}
	min := total.IntPart()
	out := "PT"
	if min/60 > 0 {
		out += fmt.Sprintf("%dH", min/60)
	}
	if min%60 > 0 {
		out += fmt.Sprintf("%dM", min%60)
	}
	return out
}
