package server

import (
	"crypto/subtle"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"backoffice/internal/httpx"
)

// APIPolicy is the Content-Security-Policy of every non-page answer (JSON, PDFs, CSV):
// nothing may load or frame it. Pages get web.PagePolicy with their nonce.
const APIPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securityHeaders sets the headers every answer carries (issue 9 #7). Rendered pages
// replace the CSP with one naming their script/style nonce. Over HTTPS (public URL or a
// trusted proxy's X-Forwarded-Proto) it adds HSTS and marks every cookie Secure.
func securityHeaders() fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		h.Set("Content-Security-Policy", APIPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		https := httpx.IsHTTPS(c)
		if https {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		err := c.Next()
		if strings.HasPrefix(string(h.ContentType()), "application/pdf") {
			// Browsers' PDF viewers run under the document's policy; keep only the framing rule.
			h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		}
		if https {
			secureCookies(h)
		}
		return err
	}
}

// secureCookies adds the Secure flag to every Set-Cookie of the response.
func secureCookies(h *fasthttp.ResponseHeader) {
	var cookies []*fasthttp.Cookie
	h.VisitAllCookie(func(_, value []byte) {
		ck := fasthttp.AcquireCookie()
		if ck.ParseBytes(value) == nil && !ck.Secure() {
			cookies = append(cookies, ck)
		} else {
			fasthttp.ReleaseCookie(ck)
		}
	})
	for _, ck := range cookies {
		ck.SetSecure(true)
		h.SetCookie(ck)
		fasthttp.ReleaseCookie(ck)
	}
}

// metricsGuard lets through only the configured bearer token (constant-time compare) or
// an address in the allow-list; with neither configured /metrics does not exist (404).
func metricsGuard(token string, allow httpx.Proxies, allowSet bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if token != "" {
			h := string(c.Request().Header.Peek(fiber.HeaderAuthorization))
			if sent, ok := strings.CutPrefix(h, "Bearer "); ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(sent)), []byte(token)) == 1 {
				return c.Next()
			}
		}
		if allowSet && allow.Contains(httpx.ClientIP(c)) {
			return c.Next()
		}
		if token == "" && !allowSet {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="metrics"`)
		return fiber.ErrUnauthorized
	}
}
