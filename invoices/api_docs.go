package invoices

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/problem"
)

var errTODO = problem.New(501, "not_implemented", "not yet")

func (m *Module) pdf(c *fiber.Ctx) error       { return errTODO }
func (m *Module) ubl(c *fiber.Ctx) error       { return errTODO }
func (m *Module) creditPDF(c *fiber.Ctx) error { return errTODO }
func (m *Module) creditUBL(c *fiber.Ctx) error { return errTODO }
