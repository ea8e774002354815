package invoices_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/outbox"
	"backoffice/internal/testkit"
)

// TestBrowserRunToPortal: the account manager runs the invoice run for a customer with
// charges from a contract, a secondment statement and an order, issues it, and the
// customer's contact sees the invoice in the portal (in Dutch). Runs in June 2023.
func TestBrowserRunToPortal(t *testing.T) {
	s := newApp(t, time.Date(2023, 7, 3, 9, 0, 0, 0, clock.Amsterdam))
	base := s.app.Listen(t)
	cust := customer(t, custOpts{})
	on := civil.D(2023, 7, 1)
	charge(t, cust.ID, chargeOpts{Domain: "orders", Kind: "contract_line", AgreementKind: "contract", Description: "Managed werkplek juli", Qty: "10", Unit: "month", Price: "45.00",
		Billable: on, Period: &[2]civil.Date{on, civil.D(2023, 7, 31)}})
	charge(t, cust.ID, chargeOpts{Domain: "secondment", Kind: "statement", AgreementKind: "placement", Description: "Detachering juni: 160 uur", Qty: "160", Unit: "hour", Price: "82.50", Billable: on})
	charge(t, cust.ID, chargeOpts{Domain: "orders", Kind: "order_line", AgreementKind: "order", Description: "Docking station", LineKind: billing.Goods, Qty: "2", Price: "149.99", Billable: civil.D(2023, 6, 20)})
	am := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	contact := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &cust.ID})

	b := testkit.Browser(t)
	testkit.LoginBrowser(t, b, base, am.Email)
	if err := chromedp.Do(b,
		chromedp.Navigate(base+"/invoice-runs?until=2023-07-31"),
		chromedp.WaitVisible(chromedp.CSS("#plan")),
	); err != nil {
		t.Fatal(err)
	}
	plan, err := chromedp.Run(b, chromedp.Text(chromedp.CSS("#plan")))
	if err != nil || !strings.Contains(plan, cust.Name) {
		t.Fatalf("plan %q %v", plan, err)
	}
	testkit.Screenshot(t, b, "invoices-dry-run")
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool]("(window.confirm = () => true, true)")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b,
		chromedp.Click(chromedp.CSS("#issue-run")),
		chromedp.WaitVisible(chromedp.CSS("#invoices")),
	); err != nil {
		t.Fatal(err)
	}
	list, err := chromedp.Run(b, chromedp.Text(chromedp.CSS("#invoices")))
	if err != nil || !strings.Contains(list, "2023-00001") {
		t.Fatalf("list %q %v", list, err)
	}
	if err := chromedp.Do(b, chromedp.Click(chromedp.CSS(`#invoices tbody a`)), chromedp.WaitVisible(chromedp.CSS("#lines"))); err != nil {
		t.Fatal(err)
	}
	lines, _ := chromedp.Run(b, chromedp.Text(chromedp.CSS("#lines")))
	for _, want := range []string{"Contract fee", "Secondment hours", "Order line"} {
		if !strings.Contains(lines, want) {
			t.Errorf("invoice page lacks source %s: %q", want, lines)
		}
	}
	testkit.Screenshot(t, b, "invoices-invoice")

	p := testkit.Browser(t)
	testkit.LoginBrowser(t, p, base, contact.Email)
	if err := chromedp.Do(p, chromedp.Navigate(base+"/portal/invoices"), chromedp.WaitVisible(chromedp.CSS("#portal-invoices"))); err != nil {
		t.Fatal(err)
	}
	portal, err := chromedp.Run(p, chromedp.Text(chromedp.CSS("#portal-invoices")))
	// 10 × 45 + 160 × 82.50 + 2 × 149.99 = 13,949.98 net; VAT 21 % 2,929.50 → 16.879,48
	if err != nil || !strings.Contains(portal, "2023-00001") || !strings.Contains(portal, "€\u00a016.879,48") || !strings.Contains(portal, "Open") {
		t.Fatalf("portal %q %v", portal, err)
	}
	testkit.Screenshot(t, p, "invoices-portal")
	if err := chromedp.Do(p, chromedp.Click(chromedp.CSS("#portal-invoices a")), chromedp.WaitVisible(chromedp.CSS("#portal-lines"))); err != nil {
		t.Fatal(err)
	}
	// the e-mail with PDF and UBL was queued to the billing address
	var atts int
	err = testkit.DB(t).Bun.NewRaw(`SELECT count(*) FROM outbox_attachments a JOIN outbox o ON o.id = a.message_id WHERE o.kind = 'invoice_issued' AND o.to_address = ?`,
		deref(cust.BillingEmail)).Scan(context.Background(), &atts)
	if err != nil || atts != 2 {
		t.Errorf("e-mail attachments %d %v", atts, err)
	}
	_ = outbox.Key
	_ = fmt.Sprint
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
