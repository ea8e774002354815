package secondment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/httpx"
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
	msg, isUser := userMessage(err)
	if !isForm && !isUser {
		return err
	}
	d, derr := m.placementPageData(c, id)
	if derr != nil {
		return derr
	}
	d.Errors = fields
	c.Status(problem.StatusOf(err))
	return m.web.RenderError(c, "secondment/placement", fmt.Sprintf("Placement %d · %s", d.P.ID, d.P.Role), msg, d)
}

func (m *Module) endForm(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	received, err := localTime(c.FormValue("notice_received_at"))
	if err == nil && !web.Confirmed(c) {
		return m.formFailure(c, id, problem.Invalid(web.ConfirmField, "must be ticked: giving notice fixes the placement's end date"))
	}
	if err != nil {
		return m.formFailure(c, id, problem.Invalid("notice_received_at", "give the date and time the notice e-mail arrived"))
	}
	p, err := m.svc.EndPlacement(c.UserContext(), id, received)
	if err != nil {
		return m.formFailure(c, id, err)
	}
	return web.Redirect(c, fmt.Sprintf("/secondment/placements/%d", id),
		fmt.Sprintf("Notice deemed delivered on %s; the placement ends on %s.", p.NoticeDeemedOn, p.EndDate))
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
			return m.formFailure(c, id, problem.Invalid("technician_id", "choose a technician"))
		}
	}
	if s := c.FormValue("consulted_on"); s != "" {
		if req.ConsultedOn, err = civil.Parse(s); err != nil {
			return m.formFailure(c, id, problem.Invalid("consulted_on", "must be a date"))
		}
	}
	if _, err := m.svc.Replace(c.UserContext(), id, req); err != nil {
		return m.formFailure(c, id, err)
	}
	return web.Redirect(c, fmt.Sprintf("/secondment/placements/%d", id), "Technician replaced.")
}
