package invoices

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/apidoc"
)

func (m *Module) runRoutes(r *apidoc.Router, staff fiber.Handler) {}
