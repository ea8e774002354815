package invoices

import "github.com/gofiber/fiber/v2"

// Pages registers the admin pages and the portal pages.
func (m *Module) Pages(ui fiber.Router) {}
