package receivables_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// TestBrowserReceivables drives real Chromium: the admin sees the ageing chart, an
// invoice's claim and dunning history, payments with the unmatched bank entry and the rate
// table; the customer sees the open balance and disputes an invoice from the portal.
func TestBrowserReceivables(t *testing.T) {
	a, mod := setup(t, time.Date(2026, 12, 1, 9, 0, 0, 0, clock.Amsterdam))
	ca := testkit.Customer(t, testkit.CustomerOpts{})
	cb := testkit.Customer(t, testkit.CustomerOpts{})
	ctx := context.Background()
	if err := testkit.DB(t).Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return mod.SeedDemo(ctx, tx, &platform.Demo{CustomerIDs: []int64{ca.ID, cb.ID}})
	}); err != nil {
		t.Fatal(err)
	}
	admin := testkit.User(t, testkit.UserOpts{Role: auth.Admin})
	contact := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &ca.ID})
	base := a.Listen(t)

	b := testkit.Browser(t)
	testkit.LoginBrowser(t, b, base, admin.Email)
	text := func(ctx context.Context, sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	if err := chromedp.Do(b, chromedp.Navigate(base+"/receivables"), chromedp.WaitVisible(chromedp.CSS("#ageing-chart"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, b, "receivables-ageing")
	if got := text(b, "#ageing-total"); !strings.Contains(got, "€") {
		t.Fatalf("ageing total %q", got)
	}
	oldest := count(t, "SELECT id FROM invoices WHERE customer_id = ? ORDER BY due_date LIMIT 1", ca.ID)
	if err := chromedp.Do(b, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#open-invoices a[href="/receivables/invoices/%d"]`, oldest))),
		chromedp.WaitVisible(chromedp.CSS("#dunning-steps"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, b, "receivables-invoice")
	if got := text(b, "#dunning-steps"); !strings.Contains(got, "Collection") {
		t.Fatalf("the oldest demo invoice is in collection: %q", got)
	}
	if err := chromedp.Do(b, chromedp.Navigate(base+"/receivables/payments"), chromedp.WaitVisible(chromedp.CSS("#unmatched"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, b, "receivables-payments")
	if err := chromedp.Do(b, chromedp.Navigate(base+"/receivables/interest-rates"), chromedp.WaitVisible(chromedp.CSS("#rates"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, b, "receivables-rates")

	p := testkit.Browser(t)
	testkit.LoginBrowser(t, p, base, contact.Email)
	if err := chromedp.Do(p, chromedp.Navigate(base+"/portal/balance"), chromedp.WaitVisible(chromedp.CSS("#portal-open"))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, p, "portal-balance")
	if got := text(p, "#overdue-balance"); !strings.Contains(got, "€") {
		t.Fatalf("overdue %q", got)
	}
	before := count(t, "SELECT count(*) FROM invoice_disputes WHERE customer_id = ?", ca.ID)
	if err := chromedp.Do(p,
		chromedp.Click(chromedp.CSS("#portal-open tbody tr:first-child summary")),
		chromedp.SendKeys(chromedp.CSS("#portal-open tbody tr:first-child input[name=reason]"), "Dubbel gefactureerd"),
		chromedp.Click(chromedp.CSS("#portal-open tbody tr:first-child form button")),
		chromedp.WaitVisible(chromedp.CSS("#open-balance"))); err != nil {
		t.Fatal(err)
	}
	after := 0
	for i := 0; i < 50 && after != before+1; i++ { // the form posts and redirects; wait for it
		time.Sleep(100 * time.Millisecond)
		after = count(t, "SELECT count(*) FROM invoice_disputes WHERE customer_id = ?", ca.ID)
	}
	if after != before+1 {
		t.Fatalf("disputes %d → %d", before, after)
	}
}
