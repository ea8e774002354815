package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/problem"
)

// User is an account: staff or a customer's contact person.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	Email         string     `bun:"email" json:"email"`
	Name          string     `bun:"name" json:"name"`
	Role          Role       `bun:"role" json:"role"`
	CustomerID    *int64     `bun:"customer_id" json:"customer_id"`
	PasswordHash  string     `bun:"password_hash" json:"-"`
	Active        bool       `bun:"active" json:"active"`
	BlockedUntil  *time.Time `bun:"blocked_until" json:"blocked_until"`
	BlockedReason *string    `bun:"blocked_reason" json:"blocked_reason,omitempty"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`
}

// Principal of the user.
func (u *User) Principal() *Principal {
	return &Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, CustomerID: u.CustomerID}
}

// BlockedAt reports whether the user is blocked at now (T-7).
func (u *User) BlockedAt(now time.Time) bool {
	return u.BlockedUntil != nil && now.Before(*u.BlockedUntil)
}

// Session is a UI login.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	TokenHash []byte    `bun:"token_hash,pk"`
	UserID    int64     `bun:"user_id"`
	CSRFToken string    `bun:"csrf_token"`
	CreatedAt time.Time `bun:"created_at"`
	ExpiresAt time.Time `bun:"expires_at"`
	UserAgent string    `bun:"user_agent"`
	IP        string    `bun:"ip"`
}

// APIToken is a bearer token for the JSON API.
type APIToken struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64      `bun:"id,pk,autoincrement"`
	TokenHash  []byte     `bun:"token_hash"`
	UserID     int64      `bun:"user_id"`
	CreatedAt  time.Time  `bun:"created_at"`
	ExpiresAt  time.Time  `bun:"expires_at"`
	LastUsedAt *time.Time `bun:"last_used_at"`
	RevokedAt  *time.Time `bun:"revoked_at"`
}

// Lifetimes of logins.
const (
	SessionTTL = 12 * time.Hour
	TokenTTL   = 30 * 24 * time.Hour
)

// ErrBadCredentials is the one answer for a wrong e-mail or password.
var ErrBadCredentials = problem.New(401, "invalid_credentials", "e-mail or password is wrong")

// ErrUserBlocked is answered when a blocked or deactivated user logs in.
var ErrUserBlocked = problem.New(403, "user_blocked", "this account is blocked")

// Authenticate checks e-mail and password and returns the active, unblocked user.
func Authenticate(ctx context.Context, db bun.IDB, email, password string, now time.Time) (*User, error) {
	var u User
	err := db.NewSelect().Model(&u).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		_, _ = CheckPassword(dummyHash, password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, err
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrBadCredentials
	}
	if !u.Active {
		return nil, ErrUserBlocked
	}
	if u.BlockedAt(now) {
		return nil, problem.New(403, "user_blocked", "this account is blocked until "+u.BlockedUntil.UTC().Format(time.RFC3339))
	}
	return &u, nil
}

// IssueToken stores a new API token for u and returns the secret (shown once).
func IssueToken(ctx context.Context, db bun.IDB, userID int64, now time.Time) (string, error) {
	tok, hash := NewToken()
	_, err := db.NewInsert().Model(&APIToken{TokenHash: hash, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(TokenTTL)}).Exec(ctx)
	return tok, err
}

// RevokeToken revokes the token with this secret (outside a transaction: the cached
// login is forgotten once the statement committed).
func RevokeToken(ctx context.Context, db bun.IDB, token string, now time.Time) error {
	_, err := db.NewUpdate().Model((*APIToken)(nil)).Set("revoked_at = ?", now).
		Where("token_hash = ? AND revoked_at IS NULL", HashToken(token)).Exec(ctx)
	Forget()
	return err
}

// CreateSession stores a UI session and returns the cookie secret.
func CreateSession(ctx context.Context, db bun.IDB, userID int64, ua, ip string, now time.Time) (string, *Session, error) {
	tok, hash := NewToken()
	csrf, _ := NewToken()
	ua = userAgent(ua)
	s := &Session{TokenHash: hash, UserID: userID, CSRFToken: csrf, CreatedAt: now, ExpiresAt: now.Add(SessionTTL), UserAgent: ua, IP: ip}
	_, err := db.NewInsert().Model(s).Exec(ctx)
	return tok, s, err
}

// DeleteSession logs a UI session out (outside a transaction, like RevokeToken).
func DeleteSession(ctx context.Context, db bun.IDB, token string) error {
	_, err := db.NewDelete().Model((*Session)(nil)).Where("token_hash = ?", HashToken(token)).Exec(ctx)
	Forget()
	return err
}

// RevokeAll ends every session and token of a user (deactivation, block). In a
// transaction, the caller calls Forget again once it committed.
func RevokeAll(ctx context.Context, db bun.IDB, userID int64, now time.Time) error {
	defer Forget()
	if _, err := db.NewDelete().Model((*Session)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewUpdate().Model((*APIToken)(nil)).Set("revoked_at = ?", now).
		Where("user_id = ? AND revoked_at IS NULL", userID).Exec(ctx)
	return err
}

// principalRow is what a request needs of its user, read with its session or token.
type principalRow struct {
	ID           int64      `bun:"id"`
	Email        string     `bun:"email"`
	Name         string     `bun:"name"`
	Role         Role       `bun:"role"`
	CustomerID   *int64     `bun:"customer_id"`
	Active       bool       `bun:"active"`
	BlockedUntil *time.Time `bun:"blocked_until"`
	CSRF         string     `bun:"csrf_token"`
	Lang         string     `bun:"lang"`
	Company      string     `bun:"company"`
	ExpiresAt    time.Time  `bun:"expires_at"`
}

// principal checks that the user may act now (active, not blocked) and returns it.
func (r *principalRow) principal(now time.Time) (*Principal, error) {
	u := User{ID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role, CustomerID: r.CustomerID, Active: r.Active, BlockedUntil: r.BlockedUntil}
	if !u.Active || u.BlockedAt(now) {
		return nil, ErrUserBlocked
	}
	p := u.Principal()
	p.Lang = r.Lang
	p.Company = r.Company
	return p, nil
}

// BySession resolves a session cookie: the session and its user in one query (no
// cache: the middleware's cached lookup is resolveSession).
func BySession(ctx context.Context, db bun.IDB, token string, now time.Time) (*Principal, error) {
	p, _, err := bySession(ctx, db, sha256.Sum256([]byte(token)), now)
	return p, err
}

func bySession(ctx context.Context, db bun.IDB, hash [sha256.Size]byte, now time.Time) (*Principal, time.Time, error) {
	var r principalRow
	err := db.NewRaw(`SELECT u.id, u.email, u.name, u.role, u.customer_id, u.active, u.blocked_until, s.csrf_token, COALESCE(c.language, '') AS lang,
		COALESCE(c.name, '') AS company, s.expires_at
		FROM sessions AS s JOIN users AS u ON u.id = s.user_id LEFT JOIN customers AS c ON c.id = u.customer_id
		WHERE s.token_hash = ? AND s.expires_at > ?`, hash[:], now).Scan(ctx, &r)
	if err != nil {
		return nil, time.Time{}, err
	}
	p, err := r.principal(now)
	if err != nil {
		return nil, time.Time{}, err
	}
	p.CSRF, p.Session = r.CSRF, true
	return p, r.ExpiresAt, nil
}

// ByToken resolves a bearer token: the token and its user in one query (no cache: the
// middleware's cached lookup is resolveToken).
func ByToken(ctx context.Context, db bun.IDB, token string, now time.Time) (*Principal, error) {
	p, _, err := byToken(ctx, db, sha256.Sum256([]byte(token)), now)
	return p, err
}

func byToken(ctx context.Context, db bun.IDB, hash [sha256.Size]byte, now time.Time) (*Principal, time.Time, error) {
	var r principalRow
	err := db.NewRaw(`SELECT u.id, u.email, u.name, u.role, u.customer_id, u.active, u.blocked_until, '' AS csrf_token, COALESCE(c.language, '') AS lang,
		COALESCE(c.name, '') AS company, t.expires_at
		FROM api_tokens AS t JOIN users AS u ON u.id = t.user_id LEFT JOIN customers AS c ON c.id = u.customer_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?`, hash[:], now).Scan(ctx, &r)
	if err != nil {
		return nil, time.Time{}, err
	}
	p, err := r.principal(now)
	return p, r.ExpiresAt, err
}

// userAgent keeps a printable prefix of at most 1000 characters of a User-Agent header
// (the column is bounded; the header is the client's to choose).
func userAgent(ua string) string {
	ua = strings.ToValidUTF8(ua, "")
	out := make([]rune, 0, min(len(ua), 1000))
	for _, r := range ua {
		if len(out) == 1000 {
			break
		}
		if r >= 0x20 && r != 0x7f {
			out = append(out, r)
		}
	}
	return string(out)
}
