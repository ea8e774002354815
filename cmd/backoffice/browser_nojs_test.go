package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestBrowserTechnicianHomeWithoutJavaScript: on a 390 px phone with JavaScript off the
// technician's home offers big "Log hours" and "Expense" buttons, and the ☰ menu opens
// (a link to #sidebar, shown by :target) so "My hours" can be reached (issue 13).
func TestBrowserTechnicianHomeWithoutJavaScript(t *testing.T) {
	a := fullApp(t)
	tech := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
	base := a.Listen(t)
	ctx := testkit.Browser(t)
	testkit.LoginBrowser(t, ctx, base, tech.Email)
	noJS := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), noJS, chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#home-log-hours"))); err != nil {
		t.Fatal(err)
	}
	if on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!window.backoffice`)); err == nil && on {
		t.Fatal("JavaScript ran although it is disabled")
	}
	testkit.Screenshot(t, ctx, "home-technician-390-nojs")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#menu-btn")), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	box, err := chromedp.Run(ctx, chromedp.Dimensions(chromedp.CSS("#sidebar")))
	if err != nil || box.Content[0] < 0 {
		t.Fatalf("the menu did not open without JavaScript: %v %v", box, err)
	}
	testkit.Screenshot(t, ctx, "home-technician-390-menu")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#sidebar a[href="/secondment/my-hours"]`)), chromedp.WaitVisible(chromedp.CSS("main.content"))); err != nil {
		t.Fatalf("My hours cannot be reached from the menu without JavaScript: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "/secondment/my-hours") {
		t.Errorf("at %s", loc)
	}
}
