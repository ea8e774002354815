package customerdata

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// Module serves the export and the destruction (API and the customer page's buttons).
type Module struct {
	DB    *bun.DB
	Clock clock.Clock
	Log   *slog.Logger
}

// Name of the module.
func (m *Module) Name() string { return "customerdata" }

// Routes registers the API.
func (m *Module) Routes(r *apidoc.Router) {
	r.Get("/customers/:id/export", apidoc.Op{Summary: "Every record of the customer as JSON and CSV plus its documents, one streamed zip (DATA-2; admin or the customer's own contact)",
		Tag: "customers", Produces: "application/zip"}, auth.Require(auth.Admin, auth.Customer), m.export)
	r.Post("/customers/:id/erase", apidoc.Op{Summary: "Destroy a former customer's personal data; invoices and credit notes are kept for the fiscal retention period (DATA-2; admin; confirm = the customer's name)",
		Tag: "customers", Body: EraseInput{}, Response: Erasure{}}, auth.Require(auth.Admin), m.eraseAPI)
}

// Pages registers the UI routes behind the customer page's buttons.
func (m *Module) Pages(r fiber.Router) {
	r.Get("/customers/:id/export.zip", auth.Require(auth.Admin, auth.Customer), m.export)
	r.Post("/customers/:id/erase", auth.Require(auth.Admin), m.erasePage)
}

func (m *Module) export(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := auth.Guard(auth.From(c), id); err != nil {
		return err
	}
	var n int
	if err := m.DB.NewRaw("SELECT count(*) FROM customers WHERE id = ?", id).Scan(c.UserContext(), &n); err != nil {
		return err
	}
	if n == 0 {
		return problem.NotFound("customer")
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="customer-%d-export.zip"`, id))
	c.Set("Cache-Control", "no-store")
	log := m.Log
	// The principal goes along (the domains' document sources render for its view); a copy,
	// since the stream runs after the handler returned.
	pr := *auth.From(c)
	ctx := auth.With(context.Background(), &pr)
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		// Runs after the handler returned: only copies of request data may be used here.
		if err := Export(ctx, m.DB, id, w); err != nil && log != nil {
			log.Error("customer export failed", "customer_id", id, "err", err)
		}
		_ = w.Flush()
	})
	return nil
}

func (m *Module) eraseAPI(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in EraseInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	rec, err := Erase(c.UserContext(), m.DB, id, in, auth.From(c), m.Clock.Now(), clock.Amsterdam)
	if err != nil {
		return err
	}
	return c.JSON(rec)
}

func (m *Module) erasePage(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	in := EraseInput{Confirm: c.FormValue("confirm"), Reason: strings.TrimSpace(c.FormValue("reason"))}
	if err := httpx.Struct(&in); err != nil {
		return err
	}
	if _, err := Erase(c.UserContext(), m.DB, id, in, auth.From(c), m.Clock.Now(), clock.Amsterdam); err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/customers/%d", id), "The customer's personal data was destroyed; invoices and credit notes are kept for the retention period.")
}
