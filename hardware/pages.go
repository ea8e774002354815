package hardware

import "github.com/gofiber/fiber/v2"

// Pages registers the admin UI and the portal pages.
func (m *Module) Pages(ui fiber.Router) {}
