package orders

import (
	"github.com/gofiber/fiber/v2"
)

// Pages registers the admin UI and portal pages.
func (m *Module) Pages(r fiber.Router) {
	m.adminPages(r)
	m.referencePages(r)
	m.portalPages(r)
}
