package orders

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// Pages registers the admin UI and portal pages.
func (m *Module) Pages(r fiber.Router) {
	m.adminPages(r)
	m.referencePages(r)
	m.portalPages(r)
}

// tr is the page text id (orders/messages/ui.*.json) in the language of the reader of c:
// the staff language for staff, the company's language for a customer's user — the pages
// the portal shares with staff (quote, order, contracts) read right for both.
func tr(c *fiber.Ctx, id string, kv ...any) string {
	return web.T(web.UILang(auth.From(c)), id, kv...)
}
