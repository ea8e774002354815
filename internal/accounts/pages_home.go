package accounts

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/web"
)

// homeData is a role's home: the modules' cards (platform.HomeCards), and for a
// technician the big buttons of the day's work.
type homeData struct {
	Cards  []web.HomeCard
	Charts []web.HomeCard // cards carrying a chart, shown full width below the counts
	Role   string
}

// home is "/" for staff and "/portal" for customers: one page, the cards the modules
// contribute for the principal's role.
func (m *Module) home(c *fiber.Ctx) error {
	p := auth.From(c)
	if p.Role == auth.Customer && c.Path() != "/portal" {
		return c.Redirect("/portal", fiber.StatusSeeOther)
	}
	d := homeData{Role: string(p.Role)}
	var cards []web.HomeCard
	if m.Home != nil {
		var err error
		if cards, err = m.Home.Cards(c.UserContext()); err != nil {
			return err
		}
	}
	for _, card := range cards {
		if card.Chart != nil {
			d.Charts = append(d.Charts, card)
		} else {
			d.Cards = append(d.Cards, card)
		}
	}
	return m.Web.Render(c, "accounts/home", web.Tr(c, "accounts.ui.home.title"), d)
}

// HomeCards of the foundation: for an admin, e-mails the outbox could not send.
func (m *Module) HomeCards(ctx context.Context) ([]web.HomeCard, error) {
	p := auth.FromContext(ctx)
	if p == nil || p.Role != auth.Admin {
		return nil, nil
	}
	n, err := countFailedOutbox(ctx, m.DB, homeCap)
	if err != nil {
		return nil, err
	}
	lang := web.UILang(p)
	return []web.HomeCard{web.HomeCard{ID: "outbox-failed", Title: web.T(lang, "accounts.ui.home.outbox_failed"), Href: "/outbox?status=failed", Order: 900, Section: "Admin",
		Note: web.T(lang, "accounts.ui.home.outbox_failed_note")}.Counted(n, homeCap, web.ToneBad)}, nil
}

// homeCap is where a home card stops counting ("50+"): the count is a LIMITed index scan.
const homeCap = 50
