// Package auth knows who is asking: argon2id passwords, server-side UI sessions with
// CSRF tokens, hashed revocable API tokens, role checks, login rate limiting, and the
// one tenancy guard every domain uses so a customer user only ever sees its own
// company's records (a foreign record is "not found", never its data).
package auth

import (
	"context"
	"slices"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Role is what a user may do.
type Role string

// The four roles.
const (
	Admin          Role = "admin"
	AccountManager Role = "account_manager"
	Technician     Role = "technician"
	Customer       Role = "customer" // a contact person of one customer company
)

// Roles lists every role, for validation.
var Roles = []string{string(Admin), string(AccountManager), string(Technician), string(Customer)}

// Staff are the provider's own people.
var Staff = []Role{Admin, AccountManager, Technician}

// Principal is the authenticated user of a request.
type Principal struct {
	UserID     int64
	Email      string
	Name       string
	Role       Role
	CustomerID *int64 // set for role customer
	CSRF       string // the session's CSRF token (UI sessions only)
	Session    bool   // authenticated by UI session cookie (true) or bearer token
	Lang       string // a customer user's language (their company's: nl | en); "" for staff
	Company    string // a customer user's company name (the portal header); "" for staff
}

// Is reports whether p has one of roles.
func (p *Principal) Is(roles ...Role) bool { return p != nil && slices.Contains(roles, p.Role) }

// IsStaff reports whether p works for the provider.
func (p *Principal) IsStaff() bool { return p.Is(Staff...) }

type ctxKey struct{}

// With returns ctx carrying p (services read the actor from the context for audit).
func With(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the principal of ctx, or nil (system jobs).
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}

// From returns the principal of a Fiber request, or nil.
func From(c *fiber.Ctx) *Principal { return FromContext(c.UserContext()) }

// Require answers 401 without a principal and 403 when its role is not among roles.
func Require(roles ...Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := From(c)
		if p == nil {
			return problem.ErrUnauthorized
		}
		if len(roles) > 0 && !p.Is(roles...) {
			return problem.Forbidden("this needs the role " + joinRoles(roles))
		}
		return c.Next()
	}
}

func joinRoles(roles []Role) string {
	s := ""
	for i, r := range roles {
		if i > 0 {
			s += " or "
		}
		s += string(r)
	}
	return s
}

// Guard is the tenancy check for one record: a customer user reaching a record of
// another company gets ErrNotFound (so the record's existence does not leak).
func Guard(p *Principal, recordCustomerID int64) error {
	if p == nil {
		return problem.ErrUnauthorized
	}
	if p.Role == Customer && (p.CustomerID == nil || *p.CustomerID != recordCustomerID) {
		return problem.ErrNotFound
	}
	return nil
}

// GuardPtr is Guard for records that may belong to no customer (internal records are
// invisible to customer users).
func GuardPtr(p *Principal, recordCustomerID *int64) error {
	if recordCustomerID == nil {
		if p != nil && p.Role == Customer {
			return problem.ErrNotFound
		}
		if p == nil {
			return problem.ErrUnauthorized
		}
		return nil
	}
	return Guard(p, *recordCustomerID)
}

// Scope narrows a list query to the principal's company for customer users; column is
// the customer id column of the query ("q.customer_id").
func Scope(q *bun.SelectQuery, p *Principal, column string) *bun.SelectQuery {
	return ScopeWith(q, p, column, nil)
}

// ScopeWith is Scope with the customer id through args (db.Params), for a list query on
// the prepared read path: one statement text for every customer.
func ScopeWith(q *bun.SelectQuery, p *Principal, column string, args *db.Params) *bun.SelectQuery {
	if p != nil && p.Role == Customer {
		var id int64 = -1
		if p.CustomerID != nil {
			id = *p.CustomerID
		}
		return q.Where("? = ?", bun.Ident(column), args.Arg(id))
	}
	return q
}

// CustomerFor resolves the customer a request acts for: customer users always act for
// their own company (asking for another is a 404), staff name one.
func CustomerFor(p *Principal, requested *int64) (*int64, error) {
	if p != nil && p.Role == Customer {
		if requested != nil && (p.CustomerID == nil || *requested != *p.CustomerID) {
			return nil, problem.NotFound("customer")
		}
		return p.CustomerID, nil
	}
	return requested, nil
}
