package tickets

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
)

// TimeOut is a time entry on the wire.
type TimeOut struct {
	ID             int64      `json:"id"`
	TicketID       int64      `json:"ticket_id"`
	TechnicianID   int64      `json:"technician_id"`
	TechnicianName string     `json:"technician_name"`
	WorkedOn       civil.Date `json:"worked_on"`
	Minutes        int        `json:"minutes"`
	Note           string     `json:"note"`
	CreatedAt      time.Time  `json:"created_at"`
}

func timeOut(e TimeEntry) TimeOut {
	return TimeOut{ID: e.ID, TicketID: e.TicketID, TechnicianID: e.TechnicianID, TechnicianName: e.TechnicianName,
		WorkedOn: e.WorkedOn, Minutes: e.Minutes, Note: e.Note, CreatedAt: e.CreatedAt}
}

func (m *Module) timeRoutes(r *apidoc.Router) {
	r.Post("/tickets/:id/time", apidoc.Op{Summary: "Log time spent on a ticket; billed per hour at the standard rate when the ticket is resolved as not covered (T-4)",
		Tag: "tickets", Body: TimeInput{}, Response: TimeOut{}, Status: 201}, auth.Require(staff...), m.logTime)
	r.Get("/tickets/:id/time", apidoc.Op{Summary: "The time logged on a ticket", Tag: "tickets", Response: []TimeOut{}},
		auth.Require(staff...), m.listTime)
}

func (m *Module) logTime(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in TimeInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	e, err := m.svc.LogTime(c.UserContext(), id, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(timeOut(*e))
}

func (m *Module) listTime(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	es, err := m.svc.TimeOf(c.UserContext(), id)
	if err != nil {
		return err
	}
	out := make([]TimeOut, len(es))
	for i, e := range es {
		out[i] = timeOut(e)
	}
	return c.JSON(out)
}
