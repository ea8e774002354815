package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// Cookie names.
const (
	SessionCookie = "bo_session"
	PreCSRFCookie = "bo_csrf" // double-submit token for forms before login
)

// ErrCSRF is answered when an unsafe request lacks the session's CSRF token.
var ErrCSRF = problem.New(403, "csrf_failed", "the form expired or did not come from this site; reload the page and try again")

// Middleware resolves the principal from a bearer token or the session cookie and puts
// it in the request context, reusing a login resolved less than CacheTTL ago. It never
// rejects: Require does.
func Middleware(db bun.IDB, clk clock.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx := c.UserContext()
		now := clk.Now()
		var p *Principal
		if h := c.Get(fiber.HeaderAuthorization); strings.HasPrefix(h, "Bearer ") {
			var err error
			if p, err = resolve(ctx, db, false, strings.TrimSpace(h[len("Bearer "):]), now); err != nil {
				if lookupFailed(err) {
					return unavailable(ctx, "bearer token", err)
				}
				return problem.New(401, "invalid_token", "the bearer token is unknown, expired or revoked")
			}
		} else if tok := c.Cookies(SessionCookie); tok != "" {
			var err error
			if p, err = resolve(ctx, db, true, tok, now); err != nil {
				if lookupFailed(err) {
					return unavailable(ctx, "session", err)
				}
				p = nil // unknown or expired session, or a blocked user: anonymous
			}
		}
		if p != nil {
			c.SetUserContext(With(ctx, p))
		}
		return c.Next()
	}
}

// resolve is the login of a session cookie or bearer token: from the cache (CacheTTL)
// or the database.
func resolve(ctx context.Context, db bun.IDB, session bool, token string, now time.Time) (*Principal, error) {
	k := cacheKey{session: session, hash: sha256.Sum256([]byte(token))}
	p, gen := logins.get(k, now)
	if p != nil {
		return p, nil
	}
	var expires time.Time
	var err error
	if session {
		p, expires, err = bySession(ctx, db, k.hash, now)
	} else {
		p, expires, err = byToken(ctx, db, k.hash, now)
	}
	if err != nil {
		return nil, err
	}
	logins.put(k, gen, p, now, expires)
	return p, nil
}

// ErrUnavailable answers a request whose login could not be checked because the
// database failed: never silently anonymous.
var ErrUnavailable = problem.New(503, "unavailable", "the login could not be checked; try again shortly")

// lookupFailed tells a failed lookup (the database) from an unknown, expired or
// blocked login, which simply is no principal.
func lookupFailed(err error) bool {
	return !errors.Is(err, sql.ErrNoRows) && !errors.Is(err, ErrUserBlocked)
}

func unavailable(ctx context.Context, what string, err error) error {
	slog.ErrorContext(ctx, "auth: resolving the "+what+" failed", "err", err)
	return ErrUnavailable
}

func unsafe(method string) bool {
	switch method {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return false
	}
	return true
}

// CSRF protects every unsafe request made with a session cookie: the form field
// `_csrf` or header `X-CSRF-Token` must equal the session's token (constant time).
// Before login, the double-submit cookie bo_csrf must match the form field.
func CSRF() fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !unsafe(c.Method()) {
			return c.Next()
		}
		p := From(c)
		if p != nil && !p.Session {
			return c.Next() // bearer tokens are not sent by browsers on their own
		}
		if p == nil && strings.HasPrefix(c.Path(), "/api/") {
			return c.Next() // no session: nothing a forged request could ride on
		}
		sent := c.Get("X-CSRF-Token")
		if sent == "" {
			sent = c.FormValue("_csrf")
		}
		want := ""
		if p != nil {
			want = p.CSRF
		} else {
			want = c.Cookies(PreCSRFCookie)
		}
		if want == "" || sent == "" || subtle.ConstantTimeCompare([]byte(want), []byte(sent)) != 1 {
			return ErrCSRF
		}
		return c.Next()
	}
}

// ErrTooManyAttempts is the 429 for login floods.
var ErrTooManyAttempts = problem.New(429, "too_many_attempts", "too many login attempts; wait a few minutes and try again")
