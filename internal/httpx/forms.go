package httpx

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/problem"
)

// MaxFormValue bounds a single-line form value (as MaxLine bounds a JSON one);
// multi-line fields (Multiline names and the textareas in formMultiline) may hold MaxText.
const MaxFormValue = MaxLine

var formMultiline = []string{"closed_dates"}

// FormGuard refuses, with a 422 naming the field, every form value (urlencoded or
// multipart, on unsafe UI requests) that is not valid UTF-8, holds a control character
// (NUL, …; single-line fields not even \n) or is too long — so no page handler ever hands
// PostgreSQL a NUL byte or a megabyte name. JSON requests are checked by DecodeStrict.
func FormGuard() fiber.Handler {
	return func(c *fiber.Ctx) error {
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
			return c.Next()
		}
		ct := strings.ToLower(string(c.Request().Header.ContentType()))
		var f problem.Fields
		check := func(key, value string) {
			multi := Multiline(key, "")
			for _, m := range formMultiline {
				if strings.Contains(key, m) {
					multi = true
				}
			}
			if key == "password" || key == "_csrf" {
				multi = false
			}
			max := MaxFormValue
			if multi {
				max = MaxText
			}
			if msg := TextProblem(value, multi, max); msg != "" {
				f.Add(key, msg)
			}
			if msg := TextProblem(key, false, MaxLine); msg != "" {
				f.Add("form", "field names "+msg)
			}
		}
		switch {
		case strings.HasPrefix(ct, fiber.MIMEApplicationForm):
			c.Request().PostArgs().VisitAll(func(k, v []byte) { check(string(k), string(v)) })
		case strings.HasPrefix(ct, fiber.MIMEMultipartForm):
			form, err := c.MultipartForm()
			if err != nil {
				return problem.BadRequest("malformed_form", "the form could not be read")
			}
			for k, vs := range form.Value {
				for _, v := range vs {
					check(k, v)
				}
			}
			for k, fhs := range form.File {
				for _, fh := range fhs {
					check(k+".filename", fh.Filename)
				}
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		return c.Next()
	}
}
