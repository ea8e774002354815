package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/problem"
)

// ErrEmailTaken is answered when the e-mail address is in use.
var ErrEmailTaken = problem.Conflict("email_taken", "another user has this e-mail address")

// UserInput creates a user.
type UserInput struct {
	Email      string `json:"email" validate:"required,email,max=200"`
	Name       string `json:"name" validate:"required,min=1,max=200"`
	Role       string `json:"role" validate:"required,oneof=admin account_manager technician customer"`
	CustomerID *int64 `json:"customer_id" validate:"omitempty,gt=0"`
	Password   string `json:"password" validate:"required,min=12,max=200"`
}

// UserPatch changes a user; nil fields stay. CustomerID 0 clears the company; a customer
// contact needs one and staff have none (a staff role clears it).
type UserPatch struct {
	Name       *string `json:"name" validate:"omitempty,min=1,max=200"`
	Role       *string `json:"role,omitempty" validate:"omitempty,oneof=admin account_manager technician customer"`
	CustomerID *int64  `json:"customer_id,omitempty" validate:"omitempty,gte=0"`
	Active     *bool   `json:"active"`
	Password   *string `json:"password" validate:"omitempty,min=12,max=200"`
}

// CreateUser validates and stores a user (argon2id password) and audits it.
func CreateUser(ctx context.Context, b bun.IDB, in UserInput, now time.Time) (*auth.User, error) {
	var f problem.Fields
	if in.Role == string(auth.Customer) && in.CustomerID == nil {
		f.Add("customer_id", "is required for a customer contact")
	}
	if in.Role != string(auth.Customer) && in.CustomerID != nil {
		f.Add("customer_id", "only customer contacts belong to a customer")
	}
	if strings.TrimSpace(in.Name) == "" {
		f.Add("name", "must not be empty")
	}
	if msg := auth.PasswordProblem(in.Password); msg != "" {
		f.Add("password", msg) // every way in: API, users page, `user add`, bootstrap admin
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &auth.User{Email: strings.ToLower(strings.TrimSpace(in.Email)), Name: strings.TrimSpace(in.Name), Role: auth.Role(in.Role),
		CustomerID: in.CustomerID, PasswordHash: hash, Active: true, CreatedAt: now, UpdatedAt: now}
	err = b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if u.CustomerID != nil {
			ok, err := CustomerExists(ctx, tx, *u.CustomerID)
			if err != nil {
				return err
			}
			if !ok {
				return problem.Invalid("customer_id", "no such customer")
			}
		}
		if err := insertUser(ctx, tx, u); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "user", u.ID, "create", u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// GetUser loads a user visible to p: admins see all, customer contacts see their
// colleagues, everyone sees themselves.
func GetUser(ctx context.Context, b bun.IDB, id int64) (*auth.User, error) {
	p := auth.FromContext(ctx)
	u, err := getUser(ctx, b, id, false)
	if err != nil {
		return nil, err
	}
	if p.UserID == u.ID || p.Is(auth.Admin, auth.AccountManager) {
		return u, nil
	}
	if p.Role == auth.Customer && u.CustomerID != nil && auth.Guard(p, *u.CustomerID) == nil {
		return u, nil
	}
	return nil, problem.NotFound("user")
}

// UpdateUser patches a user; deactivating revokes every session and token.
func UpdateUser(ctx context.Context, b bun.IDB, id int64, in UserPatch, now time.Time) (*auth.User, error) {
	defer auth.Forget() // after the commit: name, role, activity and password reach cached logins at once
	var u auth.User
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		locked, err := getUser(ctx, tx, id, true)
		if err != nil {
			return err
		}
		u = *locked
		before := u
		if in.Name != nil {
			if strings.TrimSpace(*in.Name) == "" {
				return problem.Invalid("name", "must not be empty")
			}
			u.Name = strings.TrimSpace(*in.Name)
		}
		if in.Active != nil {
			if !*in.Active && auth.FromContext(ctx) != nil && auth.FromContext(ctx).UserID == u.ID {
				return problem.Conflict("cannot_deactivate_self", "you cannot deactivate your own account")
			}
			u.Active = *in.Active
		}
		if err := patchRole(ctx, &u, in); err != nil {
			return err
		}
		if in.Password != nil {
			if msg := auth.PasswordProblem(*in.Password); msg != "" {
				return problem.Invalid("password", msg)
			}
			h, err := auth.HashPassword(*in.Password)
			if err != nil {
				return err
			}
			u.PasswordHash = h
		}
		u.UpdatedAt = now
		if err := updateUserColumns(ctx, tx, &u, "name", "role", "customer_id", "active", "password_hash", "updated_at"); err != nil {
			return err
		}
		if !u.Active || in.Password != nil || u.Role != before.Role || !sameID(u.CustomerID, before.CustomerID) {
			if err := auth.RevokeAll(ctx, tx, u.ID, now); err != nil {
				return err
			}
		}
		changes := audit.Diff(before, u)
		if in.Password != nil {
			changes["password"] = audit.Change{From: "*****", To: "*****"}
		}
		return audit.Record(ctx, tx, now, "user", u.ID, "update", changes)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// UserCursor is the sort key of the user list.
type UserCursor struct {
	ID int64 `json:"i"`
}

// BlockInput asks to block a contact (T-7).
type BlockInput struct {
	Hours  int    `json:"hours" validate:"required,min=1,max=48"`
	Reason string `json:"reason" validate:"required,min=3,max=500"`
}

// MaxBlock is the longest block one representative may impose on another (T-7).
const MaxBlock = 48 * time.Hour

// Block blocks user id for in.Hours (at most 48, T-7). A customer contact may block
// another contact of its own company; staff (admin, account manager) may block any
// customer contact on such a request. Sessions and tokens are revoked at once.
func Block(ctx context.Context, b bun.IDB, id int64, in BlockInput, now time.Time) (*auth.User, error) {
	defer auth.Forget() // after the commit
	p := auth.FromContext(ctx)
	var u auth.User
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		locked, err := getUser(ctx, tx, id, true)
		if err != nil {
			return err
		}
		u = *locked
		if u.Role != auth.Customer {
			if p.Role == auth.Customer {
				return problem.NotFound("user")
			}
			return problem.Conflict("not_a_contact", "only customer contacts can be blocked this way; deactivate staff accounts instead")
		}
		if err := auth.Guard(p, *u.CustomerID); err != nil {
			return problem.NotFound("user")
		}
		if p.UserID == u.ID {
			return problem.Conflict("cannot_block_self", "a representative blocks another representative, not itself")
		}
		until := now.Add(time.Duration(in.Hours) * time.Hour)
		if err := insertBlock(ctx, tx, &BlockRow{UserID: u.ID, BlockedBy: p.UserID, Reason: strings.TrimSpace(in.Reason), StartsAt: now, EndsAt: until}); err != nil {
			return err
		}
		reason := strings.TrimSpace(in.Reason)
		u.BlockedUntil, u.BlockedReason, u.UpdatedAt = &until, &reason, now
		if err := updateUserColumns(ctx, tx, &u, "blocked_until", "blocked_reason", "updated_at"); err != nil {
			return err
		}
		if err := auth.RevokeAll(ctx, tx, u.ID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "user", u.ID, "block", map[string]any{"until": until, "reason": reason, "rule": "T-7", "hours": in.Hours})
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Unblock lifts a block early (staff).
func Unblock(ctx context.Context, b bun.IDB, id int64, now time.Time) (*auth.User, error) {
	defer auth.Forget() // after the commit
	var u auth.User
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		locked, err := getUser(ctx, tx, id, true)
		if err != nil {
			return err
		}
		u = *locked
		if !u.BlockedAt(now) {
			return problem.Conflict("not_blocked", "this user is not blocked")
		}
		u.BlockedUntil, u.BlockedReason, u.UpdatedAt = nil, nil, now
		if err := updateUserColumns(ctx, tx, &u, "blocked_until", "blocked_reason", "updated_at"); err != nil {
			return err
		}
		if err := liftBlocks(ctx, tx, u.ID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "user", u.ID, "unblock", map[string]any{})
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// BlockRow is a row of user_blocks (T-7).
type BlockRow struct {
	bun.BaseModel `bun:"table:user_blocks"`

	ID        int64      `bun:"id,pk,autoincrement"`
	UserID    int64      `bun:"user_id"`
	BlockedBy int64      `bun:"blocked_by"`
	Reason    string     `bun:"reason"`
	StartsAt  time.Time  `bun:"starts_at"`
	EndsAt    time.Time  `bun:"ends_at"`
	LiftedAt  *time.Time `bun:"lifted_at"`
}

// EnsureBootstrapAdmin creates the configured admin when no user exists at all.
func EnsureBootstrapAdmin(ctx context.Context, b bun.IDB, email, password string, now time.Time) (bool, error) {
	if email == "" {
		return false, nil
	}
	n, err := countUsers(ctx, b)
	if err != nil || n > 0 {
		return false, err
	}
	_, err = CreateUser(ctx, b, UserInput{Email: email, Name: "Administrator", Role: string(auth.Admin), Password: password}, now)
	if err != nil {
		return false, fmt.Errorf("bootstrap admin: %w", err)
	}
	return true, nil
}

// patchRole applies a role or company change: a customer contact belongs to a company,
// staff to none, and nobody changes their own role (an admin cannot lock themselves out).
func patchRole(ctx context.Context, u *auth.User, in UserPatch) error {
	if in.Role == nil && in.CustomerID == nil {
		return nil
	}
	role, cid := u.Role, u.CustomerID
	if in.Role != nil {
		role = auth.Role(*in.Role)
	}
	if in.CustomerID != nil {
		cid = nil
		if *in.CustomerID > 0 {
			v := *in.CustomerID
			cid = &v
		}
	}
	if role != auth.Customer {
		cid = nil
	} else if cid == nil {
		return problem.Invalid("customer_id", "choose the company of this customer contact")
	}
	if p := auth.FromContext(ctx); p != nil && p.UserID == u.ID && role != u.Role {
		return problem.Conflict("cannot_change_own_role", "you cannot change your own role")
	}
	u.Role, u.CustomerID = role, cid
	return nil
}

func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
