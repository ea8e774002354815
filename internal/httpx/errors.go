// Package httpx is the JSON API's plumbing: the one ErrorHandler that answers
// application/problem+json, strict body decoding with validation that reports every
// field error at once, and cursor pagination.
package httpx

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// ProblemBody is the RFC 9457 document the API answers on every error.
type ProblemBody struct {
	Type      string               `json:"type"`
	Title     string               `json:"title"`
	Status    int                  `json:"status"`
	Code      string               `json:"code"`
	Detail    string               `json:"detail,omitempty"`
	Instance  string               `json:"instance,omitempty"`
	RequestID string               `json:"request_id,omitempty"`
	Errors    []problem.FieldError `json:"errors,omitempty"`
}

// ToProblem maps any error to the problem document (500 hides the cause).
func ToProblem(err error, path, requestID string) ProblemBody {
	var pe *problem.Error
	var fe *fiber.Error
	b := ProblemBody{Instance: path, RequestID: requestID}
	switch {
	case errors.As(err, &pe):
		b.Status, b.Code, b.Detail, b.Errors = pe.Status, pe.Code, err.Error(), pe.Fields
		if len(pe.Fields) > 0 {
			b.Detail = pe.Detail
		}
	case errors.As(err, &fe):
		b.Status, b.Detail = fe.Code, fe.Message
		b.Code = fiberCode(fe.Code)
	case strings.HasPrefix(db.Code(err), "22"):
		// A data exception (numeric overflow, date out of range, a NUL byte) that slipped
		// past validation is the client's value, not our failure: a 422, never a 500.
		b.Status, b.Code, b.Detail = http.StatusUnprocessableEntity, "value_out_of_range", "a value is out of the range the data can hold"
	case db.Code(err) == db.CheckViolation:
		b.Status, b.Code, b.Detail = http.StatusUnprocessableEntity, "constraint_violated", "a value breaks a rule of the data (e.g. too long)"
	default:
		b.Status, b.Code, b.Detail = http.StatusInternalServerError, "internal_error",
			"something went wrong on our side; quote the request id when you report it"
	}
	b.Title = http.StatusText(b.Status)
	b.Type = "https://backoffice.example/problems/" + strings.ReplaceAll(b.Code, "_", "-")
	return b
}

func fiberCode(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	case http.StatusTooManyRequests:
		return "too_many_requests"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	}
	return "http_" + http.StatusText(status)
}

// HTMLRenderer renders an error page for browser (non-API) requests.
type HTMLRenderer func(c *fiber.Ctx, p ProblemBody) error

// Localizer writes a problem's title, detail and field messages in the reader's language
// (internal/web.LocalizeProblem); the code and field paths stay.
type Localizer func(c *fiber.Ctx, p *ProblemBody)

// ErrorHandler is the Fiber ErrorHandler: API paths get problem+json, UI paths the
// HTML renderer. Unexpected errors are logged with the request id. A localizer, when
// given, translates the texts of both.
func ErrorHandler(log *slog.Logger, html HTMLRenderer, localize ...Localizer) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		rid := RequestID(c)
		p := ToProblem(err, c.Path(), rid)
		for _, l := range localize {
			l(c, &p)
		}
		if p.Code == "value_out_of_range" || p.Code == "constraint_violated" {
			log.Warn("database refused a value that validation let through", "request_id", rid, "method", c.Method(), "path", c.Path(), "err", err)
		}
		if p.Status >= 500 {
			log.Error("request failed", "request_id", rid, "method", c.Method(), "path", c.Path(), "err", err)
		}
		if html != nil && !strings.HasPrefix(c.Path(), "/api/") && p.Status != http.StatusRequestEntityTooLarge && !WantsJSON(c) {
			c.Status(p.Status)
			if herr := html(c, p); herr == nil {
				return nil
			}
		}
		c.Set(fiber.HeaderContentType, "application/problem+json")
		return c.Status(p.Status).JSON(p, "application/problem+json")
	}
}

// WantsJSON reports whether a UI request asked for JSON rather than a page (a script's
// fetch with "Accept: application/json"): its errors are then problem+json too, so the
// script can show the message instead of failing on an HTML error page.
func WantsJSON(c *fiber.Ctx) bool {
	accept := c.Get(fiber.HeaderAccept)
	if accept == "" || strings.Contains(accept, "text/html") {
		return false
	}
	return strings.Contains(accept, "application/json") || strings.Contains(accept, "application/problem+json")
}

// RequestID returns the request id set by the request-id middleware.
func RequestID(c *fiber.Ctx) string {
	if v, ok := c.Locals("requestid").(string); ok {
		return v
	}
	return ""
}
