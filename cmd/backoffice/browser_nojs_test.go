package main

import (
	"context"
	"fmt"
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
// (a link to #sidebar, shown by :target) so "My hours" can be reached (issue 13). The home
// shows this week's hours in their SEC-3 bands and the hours waiting for approval.
func TestBrowserTechnicianHomeWithoutJavaScript(t *testing.T) {
	a := fullApp(t) // Monday 2 March 2026, 10:00
	techLogin := testkit.Login(t, auth.Technician, nil)
	tech := techLogin.User
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	var pl struct{ ID int64 }
	a.Do(t, "POST", "/api/v1/placements", am.Token, map[string]any{"customer_id": cust.ID, "technician_id": tech.ID, "role": "Systeembeheerder",
		"hourly_rate": "100.00", "km_rate": "0.23", "start_date": "2026-01-01"}).Expect(t, 201).JSON(t, &pl)
	// 06:00–09:00 on a working day: 1 h 30 min in the night band (until 07:30), 1 h 30 min normal
	a.Do(t, "POST", fmt.Sprintf("/api/v1/placements/%d/hours", pl.ID), techLogin.Token, map[string]any{
		"started_at": "2026-03-02T06:00:00+01:00", "ended_at": "2026-03-02T09:00:00+01:00", "description": "Early patching"}).Expect(t, 201)
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
	week, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#card-week-hours")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 hours", "Night · 200\u00a0%", "1 hour 30 min", "Normal · 100\u00a0%"} {
		if !strings.Contains(week, want) {
			t.Errorf("SEC-3: the week card lacks %q: %q", want, week)
		}
	}
	waiting, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#card-hours-waiting .figure")))
	if err != nil || strings.TrimSpace(waiting) != "1" {
		t.Errorf("hours waiting for approval: %q %v", waiting, err)
	}
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
	// the waiting hours card opens the list of exactly those entries, also without JavaScript
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#card-hours-waiting")),
		chromedp.Click(chromedp.CSS("#card-hours-waiting a.figure")), chromedp.WaitVisible(chromedp.CSS("#entries-title"))); err != nil {
		t.Fatal(err)
	}
	list, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main.content")))
	if !strings.Contains(list, "Waiting for approval") || !strings.Contains(list, "Early patching") {
		t.Errorf("the waiting list: %q", list)
	}
}
