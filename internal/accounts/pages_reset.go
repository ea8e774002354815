package accounts

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
	"backoffice/internal/web"
)

// ResetFloor is the least time asking for a reset link takes, whether or not the
// address has an account: queuing the mail must not be told apart from doing nothing.
var ResetFloor = 300 * time.Millisecond

// askReset is the one way to ask for a reset link (form and API): throttled per address
// and account like a login (every request counts), answered no sooner than ResetFloor.
func (m *Module) askReset(c *fiber.Ctx, email string) error {
	start := time.Now() // real time: the floor is about the answer's timing, not the business clock
	defer func() { time.Sleep(time.Until(start.Add(ResetFloor))) }()
	ctx, ip := c.UserContext(), httpx.ClientIP(c)
	key := "reset:" + email
	if err := m.Throttle.Check(ctx, key, ip); err != nil {
		retryAfter(c, err)
		return err
	}
	if err := m.Throttle.Failed(ctx, key, ip); err != nil {
		return err
	}
	_, err := RequestReset(ctx, m.DB, email, m.Clock.Now(), m.Reset)
	return err
}

type forgotData struct {
	Email string
	Sent  bool
}

func (m *Module) forgotPage(c *fiber.Ctx) error {
	return m.Web.Render(c, "accounts/password_forgot", web.Tr(c, "accounts.ui.forgot.title"), forgotData{})
}

func (m *Module) forgotPost(c *fiber.Ctx) error {
	email := strings.Clone(c.FormValue("email"))
	title := web.Tr(c, "accounts.ui.forgot.title")
	if err := m.askReset(c, email); err != nil {
		var te *auth.ErrThrottled
		if errors.As(err, &te) {
			c.Status(fiber.StatusTooManyRequests)
			return m.Web.RenderError(c, "accounts/password_forgot", title, web.Tr(c, "accounts.ui.forgot.throttled"), forgotData{Email: email})
		}
		return err
	}
	return m.Web.Render(c, "accounts/password_forgot", title, forgotData{Email: email, Sent: true})
}

type resetData struct {
	Token  string
	Usable bool
	Errors []problem.FieldError
}

// resetMessage is the reader's sentence for a link that cannot reset, or "".
func resetMessage(c *fiber.Ctx, err error) (string, int) {
	for _, e := range []*problem.Error{ErrResetInvalid, ErrResetUsed, ErrResetExpired} {
		if errors.Is(err, e) {
			return web.Tr(c, "accounts.ui.reset."+e.Code), e.Status
		}
	}
	return "", 0
}

func (m *Module) resetPage(c *fiber.Ctx) error {
	tok := strings.Clone(c.Query("token"))
	title := web.Tr(c, "accounts.ui.reset.title")
	err := CheckReset(c.UserContext(), m.DB, tok, m.Clock.Now())
	if msg, status := resetMessage(c, err); msg != "" {
		c.Status(status)
		return m.Web.RenderError(c, "accounts/password_reset", title, msg, resetData{})
	} else if err != nil {
		return err
	}
	c.Set("Referrer-Policy", "no-referrer") // the token is in the address
	return m.Web.Render(c, "accounts/password_reset", title, resetData{Token: tok, Usable: true})
}

func (m *Module) resetPost(c *fiber.Ctx) error {
	tok, pw := strings.Clone(c.FormValue("token")), c.FormValue("password")
	title := web.Tr(c, "accounts.ui.reset.title")
	var err error
	if pw != c.FormValue("password_confirm") {
		if err = CheckReset(c.UserContext(), m.DB, tok, m.Clock.Now()); err == nil {
			err = problem.Invalid("password_confirm", web.Tr(c, "accounts.ui.reset.mismatch"))
		}
	} else {
		err = ResetPassword(c.UserContext(), m.DB, tok, pw, m.Clock.Now())
	}
	if msg, status := resetMessage(c, err); msg != "" {
		c.Status(status)
		return m.Web.RenderError(c, "accounts/password_reset", title, msg, resetData{})
	}
	if fe, ok := problem.FieldErrors(err); ok {
		c.Status(fiber.StatusUnprocessableEntity)
		return m.Web.Render(c, "accounts/password_reset", title, resetData{Token: tok, Usable: true, Errors: fe})
	} else if err != nil {
		return err
	}
	return web.Redirect(c, "/login", web.Tr(c, "accounts.ui.reset.done"))
}

// ForgotIn asks for a reset link.
type ForgotIn struct {
	Email string `json:"email" validate:"required,max=200"`
}

// ForgotOut is the one answer to ForgotIn, whether or not the account exists.
type ForgotOut struct {
	Message string `json:"message"`
}

// ResetIn sets a new password through a reset link's token.
type ResetIn struct {
	Token    string `json:"token" validate:"required,max=200"`
	Password string `json:"password" validate:"required,max=200"`
}

func (m *Module) forgotAPI(c *fiber.Ctx) error {
	var in ForgotIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if err := m.askReset(c, in.Email); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(ForgotOut{Message: web.T(web.APILang(c), "accounts.ui.forgot.sent")})
}

func (m *Module) resetAPI(c *fiber.Ctx) error {
	var in ResetIn
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	if err := ResetPassword(c.UserContext(), m.DB, in.Token, in.Password, m.Clock.Now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
