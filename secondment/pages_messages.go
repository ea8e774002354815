package secondment

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/i18n"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// userMessage is the text of a 4xx problem in the reader's language, for a flash
// message or a form's message: the message "secondment.ui.err.<code>" when there is one,
// else the problem's detail; 5xx stays an error.
func userMessage(c *fiber.Ctx, err error) (string, bool) {
	var pe *problem.Error
	if !errors.As(err, &pe) || pe.Status >= 500 {
		return "", false
	}
	if id := "secondment.ui.err." + pe.Code; i18n.Has(web.UILang(auth.From(c)), id) {
		return web.Tr(c, id), true
	}
	return err.Error(), true
}

// trFields puts a form's field errors in the reader's language: a message
// "secondment.ui.msg.<message>" replaces the service's English words where there is one
// (the field's label comes from the fielderrors partial).
func trFields(c *fiber.Ctx, fe []problem.FieldError) []problem.FieldError {
	lang := web.UILang(auth.From(c))
	out := make([]problem.FieldError, len(fe))
	for i, f := range fe {
		out[i] = f
		if id := "secondment.ui.msg." + f.Message; i18n.Has(lang, id) {
			out[i].Message = web.Tr(c, id)
		}
	}
	return out
}

// placementTitle is a placement's page title: role, customer and technician, never its id
// (issue 13).
func placementTitle(c *fiber.Ctx, p *Placement) string {
	return web.Tr(c, "secondment.ui.placement.title", "Role", p.Role, "Customer", p.CustomerName, "Technician", p.TechnicianName)
}

// monthTitle is the title of a placement's month page (statement, expenses): the month,
// the role and the customer.
func monthTitle(c *fiber.Ctx, id string, mo civil.Month, p *Placement) string {
	return web.Tr(c, id, "Month", i18n.MonthYear(web.UILang(auth.From(c)), mo), "Role", p.Role, "Customer", p.CustomerName)
}
