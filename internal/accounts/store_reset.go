package accounts

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// The queries of "forgot password": password_resets (0730).

// resetUser is what a reset mail needs of the account an e-mail address names.
type resetUser struct {
	ID     int64  `bun:"id"`
	Email  string `bun:"email"`
	Name   string `bun:"name"`
	Role   string `bun:"role"`
	Active bool   `bun:"active"`
	Lang   string `bun:"lang"` // the company's language for a customer contact, else ""
}

// userByEmail finds the account of an e-mail address; found is false for none.
func userByEmail(ctx context.Context, idb bun.IDB, email string) (u resetUser, found bool, err error) {
	err = idb.NewRaw(`SELECT u.id, u.email, u.name, u.role, u.active, COALESCE(c.language, '') AS lang
		FROM users AS u LEFT JOIN customers AS c ON c.id = u.customer_id WHERE u.email = ?`, email).Scan(ctx, &u)
	if db.IsNoRows(err) {
		return u, false, nil
	}
	return u, err == nil, err
}

func insertReset(ctx context.Context, idb bun.IDB, userID int64, hash []byte, now, expires time.Time) error {
	_, err := idb.NewRaw(`INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		userID, hash, now, expires).Exec(ctx)
	return db.Translate(err, problem.ErrNotFound, constraints)
}

// resetToken is one stored reset link.
type resetToken struct {
	ID        int64      `bun:"id"`
	UserID    int64      `bun:"user_id"`
	ExpiresAt time.Time  `bun:"expires_at"`
	UsedAt    *time.Time `bun:"used_at"`
	Active    bool       `bun:"active"`
}

// getReset reads the reset of a token hash (locked for the reset), with whether its
// user is active; found is false for an unknown token.
func getReset(ctx context.Context, idb bun.IDB, hash []byte, lock bool) (r resetToken, found bool, err error) {
	q := `SELECT r.id, r.user_id, r.expires_at, r.used_at, u.active FROM password_resets AS r JOIN users AS u ON u.id = r.user_id WHERE r.token_hash = ?`
	if lock {
		q += ` FOR UPDATE OF r, u`
	}
	err = idb.NewRaw(q, hash).Scan(ctx, &r)
	if db.IsNoRows(err) {
		return r, false, nil
	}
	return r, err == nil, err
}

// useResets marks every open reset of the user used: a link works once, and a reset
// closes the user's other links too.
func useResets(ctx context.Context, idb bun.IDB, userID int64, now time.Time) error {
	_, err := idb.NewRaw(`UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, now, userID).Exec(ctx)
	return err
}

func setPasswordHash(ctx context.Context, idb bun.IDB, userID int64, hash string, now time.Time) error {
	_, err := idb.NewRaw(`UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, now, userID).Exec(ctx)
	return db.Translate(err, problem.NotFound("user"), constraints)
}
