package auth

import (
	"database/sql"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// A database that fails while the login is looked up answers 503 — the request is never
// treated as anonymous (which would show a login page or public data instead of an error).
func TestMiddlewareDatabaseErrorIsNotAnonymous(t *testing.T) {
	sqldb, err := sql.Open("pgx", "postgres://nobody@127.0.0.1:1/none?connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, pgdialect.New())
	t.Cleanup(func() { _ = db.Close() })
	app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		return c.Status(problem.StatusOf(err)).SendString(problem.CodeOf(err))
	}})
	app.Use(Middleware(db, clock.Fixed(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))))
	app.Get("/x", func(c *fiber.Ctx) error {
		if From(c) == nil {
			return c.SendString("anonymous")
		}
		return c.SendString("logged in")
	})
	for _, tc := range []struct{ name, header, value string }{
		{"session_cookie", "Cookie", SessionCookie + "=abc"},
		{"bearer_token", "Authorization", "Bearer abc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/x", nil)
			req.Header.Set(tc.header, tc.value)
			res, err := app.Test(req, 5000)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != 503 {
				t.Fatalf("status %d, want 503", res.StatusCode)
			}
		})
	}
}
