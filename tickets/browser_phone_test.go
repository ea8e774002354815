package tickets

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserTicketListAtPhoneWidth: at 390 px the queue becomes stacked cards — nothing
// is wider than the screen and each ticket's SLA and priority stay in view (issue 13).
func TestBrowserTicketListAtPhoneWidth(t *testing.T) {
	t.Parallel()
	b := setup(t, time.Time{})
	for _, s := range []string{"Printer on the second floor jams", "VPN drops every hour"} {
		b.do(t, b.contact, "POST", "/api/v1/tickets", map[string]any{"subject": testkit.Unique(s + " "), "description": "Since Monday.", "category": "incident", "priority": "P2"}).Expect(t, 201)
	}
	base := b.app.Listen(t)
	ctx := testkit.Browser(t)
	testkit.LoginBrowser(t, ctx, base, b.tech.User.Email)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(base+"/tickets"), chromedp.WaitVisible(chromedp.CSS("#queue"))); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil || width > 390 {
		t.Errorf("the ticket list is %v px wide on a 390 px phone (%v)", width, err)
	}
	offscreen, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#queue td.sla-cell, #queue td[data-label=Priority]")).filter(e => { const r = e.getBoundingClientRect(); return r.width === 0 || r.right > 390 || r.left < 0; }).length`))
	if err != nil || offscreen != 0 {
		t.Errorf("%d SLA or priority cells are off-screen or hidden (%v)", offscreen, err)
	}
	testkit.Screenshot(t, ctx, "tickets-queue-390")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#queue"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, ctx, "tickets-queue-1366")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sla/dashboard"), chromedp.WaitVisible(chromedp.CSS("#compliance"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, ctx, "tickets-dashboard-1366")
}

// TestBrowserAvailabilityAtPhoneWidth: /sla/availability was 511 px wide on a 390 px
// phone (issue 13); its quarters are stacked cards now, each with its availability and
// whether the target was met in view, for a technician.
func TestBrowserAvailabilityAtPhoneWidth(t *testing.T) {
	t.Parallel()
	b := setup(t, time.Time{})
	service := testkit.Unique("phone-mail-")
	start := b.app.Clock.Now().Add(-48 * time.Hour)
	b.do(t, b.tech, "POST", "/api/v1/outages", map[string]any{"service": service, "kind": "unplanned",
		"started_at": start, "ended_at": start.Add(3 * time.Hour)}).Expect(t, 201)
	base := b.app.Listen(t)
	ctx := testkit.Browser(t)
	testkit.LoginBrowser(t, ctx, base, b.tech.User.Email)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(base+"/sla/availability?service="+service),
		chromedp.WaitVisible(chromedp.CSS("#quarter-table"))); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil || width > 390 {
		t.Errorf("/sla/availability is %v px wide on a 390 px phone (%v)", width, err)
	}
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll("#quarter-table tbody td")).map(e => { const r = e.getBoundingClientRect(); return r.width === 0 ? -1 : r.right; })`))
	if err != nil || len(cells) < 4*6 {
		t.Fatalf("quarter cells %v (%v)", cells, err)
	}
	for i, right := range cells {
		if right < 0 || right > 390 {
			t.Errorf("quarter cell %d ends at %v px: hidden or off-screen", i, right)
		}
	}
	testkit.Screenshot(t, ctx, "tickets-availability-390")
}
