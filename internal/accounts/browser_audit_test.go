package accounts_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestBrowserAuditPager: the audit log's "Next page" keeps the filter and shows the next
// (older) entries — the link was double-encoded ("?entity%3d…") and reloaded page 1; changes
// read as field, before → after.
func TestBrowserAuditPager(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	entity := strings.ReplaceAll(testkit.Unique("pagertest"), "-", "_")
	db := testkit.DB(t)
	for i := range 55 {
		ch := map[string]audit.Change{"status": {From: "draft", To: "sent"}, "valid_days": {From: i, To: i + 1}}
		if err := audit.Record(context.Background(), db.Bun, t0, entity, i+1, "send", ch); err != nil {
			t.Fatal(err)
		}
	}
	base := a.Listen(t)
	ctx := testkit.Browser(t)
	testkit.LoginBrowser(t, ctx, base, admin.Email)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/audit?entity="+entity), chromedp.WaitVisible(chromedp.CSS("#audit"))); err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#audit tbody tr:first-child")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "Draft → Sent") || !strings.Contains(first, "Valid for (days)") || !strings.Contains(first, "54 → 55") {
		t.Errorf("the newest entry does not read as before → after: %q", first)
	}
	testkit.Screenshot(t, ctx, "audit-1366")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#next-page")), chromedp.WaitVisible(chromedp.CSS("#audit"))); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if strings.Contains(loc, "%3d") || strings.Contains(loc, "%3D") {
		t.Errorf("the next page link is double-encoded: %s", loc)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#audit > tbody > tr")).map(r => r.cells[2].innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || !strings.HasSuffix(rows[0], " 5") || !strings.HasSuffix(rows[4], " 1") {
		t.Fatalf("page 2 shows %q, want the 5 oldest entries of the filter", rows)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#audit"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, ctx, "audit-390")
	other := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
	for _, w := range []int64{390, 1366} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(base+fmt.Sprintf("/users/%d", other.ID)), chromedp.WaitVisible(chromedp.CSS("#user-edit")),
			chromedp.Click(chromedp.CSS("#deactivate summary")), chromedp.WaitVisible(chromedp.CSS("#deactivate-confirm"))); err != nil {
			t.Fatal(err)
		}
		testkit.Screenshot(t, ctx, fmt.Sprintf("user-page-%d", w))
	}
}
