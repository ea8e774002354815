package accounts_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestBrowserForgotPassword walks the journey as a customer contact would, with
// JavaScript on and off: "Forgot password?" on the login page, the e-mail address, the
// link from the mail in the outbox, a new password, and a login with it (the old one no
// longer works). The pages follow the browser's language (Dutch here).
func TestBrowserForgotPassword(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	base := a.Listen(t)
	for _, js := range []bool{true, false} {
		name := map[bool]string{true: "javascript", false: "no-javascript"}[js]
		t.Run(name, func(t *testing.T) {
			cu := testkit.Customer(t, testkit.CustomerOpts{Language: "nl"})
			u := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &cu.ID, Name: "Henk Smit"})
			ctx := testkit.Browser(t)
			steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(1366, 900)}
			if !js {
				steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
					return err
				}))
			}
			steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}})
				return err
			}))
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#forgot-link")),
				chromedp.Click(chromedp.CSS("#forgot-link")), chromedp.WaitVisible(chromedp.CSS("#forgot-form")),
				chromedp.SendKeys(chromedp.CSS("#email"), u.Email), chromedp.Click(chromedp.CSS("#forgot-submit")),
				chromedp.WaitVisible(chromedp.CSS("#forgot-sent"))); err != nil {
				t.Fatal(err)
			}
			testkit.Screenshot(t, ctx, "password-forgot-sent-"+name)
			ms := resetMails(t, a, u.Email)
			if len(ms) != 1 {
				t.Fatalf("%d reset mails", len(ms))
			}
			link := resetLink.FindString(ms[0].Body)
			if !strings.HasPrefix(ms[0].Body, "Beste Henk Smit,") || link == "" {
				t.Fatalf("mail:\n%s", ms[0].Body)
			}
			// The mail's link points at BACKOFFICE_PUBLIC_URL; the test server listens elsewhere.
			path := link[strings.Index(link, "/password/reset"):]
			if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("#reset-form"))); err != nil {
				t.Fatal(err)
			}
			title, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
			if title != "Nieuw wachtwoord instellen" {
				t.Errorf("reset page title %q (the browser asks for Dutch)", title)
			}
			testkit.Screenshot(t, ctx, "password-reset-form-"+name)
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#password"), "a brand new passphrase"),
				chromedp.SendKeys(chromedp.CSS("#password_confirm"), "a brand new passphrase"),
				chromedp.Click(chromedp.CSS("#reset-submit")), chromedp.WaitVisible(chromedp.CSS("#login"))); err != nil {
				t.Fatal(err)
			}
			flash, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash")))
			if !strings.Contains(flash, "Uw wachtwoord is gewijzigd") {
				t.Errorf("flash after the reset: %q", flash)
			}
			login := func(pw, then string) {
				t.Helper()
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#email")),
					chromedp.SendKeys(chromedp.CSS("#email"), u.Email), chromedp.SendKeys(chromedp.CSS("#password"), pw),
					chromedp.Click(chromedp.CSS("#login")), chromedp.WaitVisible(chromedp.CSS(then))); err != nil {
					t.Fatal(err)
				}
			}
			login(testkit.Password, ".flash.error")
			if msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash.error"))); !strings.Contains(msg, "E-mailadres of wachtwoord is onjuist") {
				t.Errorf("the old password: %q", msg)
			}
			login("a brand new passphrase", ".sidebar")
			if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/portal") {
				t.Errorf("after login: %s", loc)
			}
			// The link is used up: opening it again says so.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("#ask-new"))); err != nil {
				t.Fatal(err)
			}
		})
	}
}
