package secondment

import (
	"github.com/gofiber/fiber/v2"

	"backoffice/internal/httpx"
)

// replacements answers a placement's replacement history (SEC-1); the placement's
// tenancy decides who sees it (another company's contact: 404).
func (a *API) replacements(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	rs, err := a.svc.Replacements(c.UserContext(), id)
	if err != nil {
		return err
	}
	items := make([]ReplacementOut, len(rs))
	for i := range rs {
		items[i] = replacementOut(&rs[i])
	}
	return c.JSON(httpx.List[ReplacementOut]{Items: items})
}
