package tickets

import (
	"backoffice/internal/httpx"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// timePost logs time from the ticket page's form.
func (m *Module) timePost(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var f problem.Fields
	in := TimeInput{Note: c.FormValue("note")}
	if v := strings.TrimSpace(c.FormValue("minutes")); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || len(v) > 4 {
			f.Add("minutes", "must be a whole number of minutes")
		}
		in.Minutes = n
	}
	if v := strings.TrimSpace(c.FormValue("worked_on")); v != "" {
		d, perr := civil.Parse(v)
		if perr != nil {
			f.Add("worked_on", "must be a date")
		} else {
			in.WorkedOn = &d
		}
	}
	if err := f.Err(); err != nil {
		return m.after(c, id, err, "", "", "")
	}
	_, err = m.svc.LogTime(c.UserContext(), id, in)
	return m.after(c, id, err, "", ticketURL("", id), web.Tr(c, "tickets.ui.flash.time_logged"))
}
