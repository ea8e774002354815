package httpx

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/problem"
)

// Decode reads a JSON body strictly (400 empty_body, malformed_json, unknown_field) without
// the validator: for a module whose domain checks the fields and reports every field error
// at once itself. Bind is Decode plus the validator.
func Decode(c *fiber.Ctx, dst any) error {
	if len(bytes.TrimSpace(c.Body())) == 0 {
		return problem.BadRequest("empty_body", "the request needs a JSON body")
	}
	return DecodeStrict(c.Body(), dst)
}

// ID is the path parameter ":id" (a positive integer; anything else is 404).
func ID(c *fiber.Ctx) (int64, error) { return PathID(c, "id") }

// IDAndBody reads ":id" and binds the body: the first two steps of a handler that changes
// one record.
func IDAndBody(c *fiber.Ctx, dst any) (int64, error) {
	id, err := ID(c)
	if err != nil {
		return 0, err
	}
	return id, Bind(c, dst)
}

// Reply answers v as JSON with status, or err when the service failed: the last step of a
// handler, `return httpx.Reply(c, 200, out(v), err)`.
func Reply(c *fiber.Ctx, status int, v any, err error) error {
	if err != nil {
		return err
	}
	return c.Status(status).JSON(v)
}
