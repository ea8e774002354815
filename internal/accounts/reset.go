package accounts

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// "Forgot password?" for every user, staff and customer: a single-use link valid for
// ResetTTL, mailed through the outbox in the user's language. Asking never tells whether
// an account exists (the same answer, see ResetFloor), and only the SHA-256 of the
// token is stored.

// ResetTTL is how long a reset link works.
const ResetTTL = time.Hour

// MailPasswordReset is the outbox kind of the reset mail.
const MailPasswordReset = "password_reset"

// The answers for a link that cannot reset (the pages show them in the reader's language
// by code: accounts.ui.reset.<code>).
var (
	ErrResetInvalid = problem.New(400, "reset_link_invalid", "this password reset link is not valid; ask for a new one")
	ErrResetUsed    = problem.New(410, "reset_link_used", "this password reset link has already been used; ask for a new one")
	ErrResetExpired = problem.New(410, "reset_link_expired", "this password reset link has expired (a link works for one hour); ask for a new one")
)

// ResetMail is what the reset mail says besides the user's own data.
type ResetMail struct {
	PublicURL string // BACKOFFICE_PUBLIC_URL: the link's base
	Company   string // BACKOFFICE_COMPANY_NAME: the signature
}

// ResetLink is the page a reset mail links to.
func (r ResetMail) ResetLink(token string) string {
	return strings.TrimRight(r.PublicURL, "/") + "/password/reset?token=" + url.QueryEscape(token)
}

// RequestReset mails a reset link to the active account of email, if there is one; for
// an unknown or deactivated address it does nothing, and the caller answers the same.
// It reports whether a mail was queued (for tests and logs only: never shown).
func RequestReset(ctx context.Context, b bun.IDB, email string, now time.Time, m ResetMail) (bool, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || utf8.RuneCountInString(email) > 200 {
		return false, nil
	}
	queued := false
	err := b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, found, err := userByEmail(ctx, tx, email)
		if err != nil || !found || !u.Active {
			return err
		}
		tok, hash := auth.NewToken()
		expires := now.Add(ResetTTL)
		if err := insertReset(ctx, tx, u.ID, hash, now, expires); err != nil {
			return err
		}
		lang := web.StaffLang
		if u.Role == string(auth.Customer) {
			lang = i18n.Lang(u.Lang)
		}
		l := i18n.For(lang)
		body := i18n.Greeting(lang, u.Name, "") + "\n\n" + l.T("accounts.mail.reset.body", map[string]any{
			"Email": u.Email, "Link": m.ResetLink(tok), "Until": expires.In(clock.Amsterdam).Format("15:04")}) +
			"\n\n" + i18n.Signed(lang, m.Company)
		queued = true
		return outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: MailPasswordReset, To: u.Email,
			Subject: l.T("accounts.mail.reset.subject", map[string]any{"Company": m.Company}), Body: body,
			Entity: "user", EntityID: fmt.Sprint(u.ID)})
	})
	return queued && err == nil, err
}

// CheckReset tells whether a reset link still works (the reset page asks before it
// shows the form): nil, or ErrResetInvalid / ErrResetUsed / ErrResetExpired.
func CheckReset(ctx context.Context, b bun.IDB, token string, now time.Time) error {
	r, found, err := getReset(ctx, b, auth.HashToken(token), false)
	if err != nil {
		return err
	}
	return resetUsable(r, found, now)
}

func resetUsable(r resetToken, found bool, now time.Time) error {
	switch {
	case !found || !r.Active:
		return ErrResetInvalid
	case r.UsedAt != nil:
		return ErrResetUsed
	case !now.Before(r.ExpiresAt):
		return ErrResetExpired
	}
	return nil
}

// ResetPassword sets a new password through a reset link (the same rules as every other
// way a password is set), uses up every open link of the user, ends all their sessions
// and API tokens, and forgets cached logins once committed.
func ResetPassword(ctx context.Context, b bun.IDB, token, password string, now time.Time) error {
	defer auth.Forget()
	return b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, found, err := getReset(ctx, tx, auth.HashToken(token), true)
		if err != nil {
			return err
		}
		if err := resetUsable(r, found, now); err != nil {
			return err
		}
		if msg := PasswordRule(password); msg != "" {
			return problem.Invalid("password", msg)
		}
		h, err := auth.HashPassword(password)
		if err != nil {
			return err
		}
		if err := setPasswordHash(ctx, tx, r.UserID, h, now); err != nil {
			return err
		}
		if err := useResets(ctx, tx, r.UserID, now); err != nil {
			return err
		}
		if err := auth.RevokeAll(ctx, tx, r.UserID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "user", r.UserID, "password_reset", map[string]audit.Change{"password": {From: "*****", To: "*****"}})
	})
}

// PasswordRule is the one password rule of every way in (create, edit, reset): the
// policy (auth.PasswordProblem) and the column's 200 characters.
func PasswordRule(pw string) string {
	if utf8.RuneCountInString(pw) > 200 {
		return "must be at most 200 characters"
	}
	return auth.PasswordProblem(pw)
}
