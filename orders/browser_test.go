package orders

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserQuoteToContract drives real Chromium: the account manager writes and sends a
// quote in the editor, the customer accepts it in the portal with a typed name, and
// the order and the contract appear.
func TestBrowserQuoteToContract(t *testing.T) {
	e := setup(t, monday2March)
	base := e.a.Listen(t)

	am := testkit.Browser(t)
	testkit.LoginBrowser(t, am, base, e.am.User.Email)
	err := chromedp.Do(am,
		chromedp.Navigate(base+"/quotes/new"),
		chromedp.WaitVisible(css("#quote-form")),
		chromedp.SetValue(css("#customer"), fmt.Sprint(e.cust.ID)),
		chromedp.SendKeys(css("#title"), "Managed workplace for 10 users"),
		chromedp.SetValue(css(`[name="lines.0.kind"]`), "recurring"),
		chromedp.SendKeys(css(`[name="lines.0.description"]`), "Managed workplace"),
		chromedp.SetValue(css(`[name="lines.0.quantity"]`), "10"),
		chromedp.SetValue(css(`[name="lines.0.unit"]`), "user"),
		chromedp.SendKeys(css(`[name="lines.0.unit_price"]`), "12.50"),
		chromedp.Click(css("#add-line")),
		chromedp.SetValue(css(`[name="lines.1.kind"]`), "hardware"),
		chromedp.SendKeys(css(`[name="lines.1.description"]`), "Docking station"),
		chromedp.SetValue(css(`[name="lines.1.quantity"]`), "2"),
		chromedp.SendKeys(css(`[name="lines.1.unit_price"]`), "149.99"),
	)
	if err != nil {
		t.Fatal(err)
	}
	live, err := chromedp.Run(am, chromedp.Text(css("#live-gross")))
	if err != nil {
		t.Fatal(err)
	}
	// 125.00 + 299.98 = 424.98; VAT 89.2458 → 89.25; gross 514.23
	if live != "€\u00a0514,23" {
		t.Fatalf("live total %q", live)
	}
	testkit.Screenshot(t, am, "orders-quote-editor")
	if err := chromedp.Do(am, chromedp.Click(css("#save-quote")), chromedp.WaitVisible(css("#quote-number")),
		chromedp.Click(css("#send-quote")), chromedp.WaitVisible(css("#revise-quote"))); err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(am, chromedp.Text(css("#quote-status")))
	if err != nil || !strings.Contains(status, "Sent") {
		t.Fatalf("status %q %v", status, err)
	}
	loc, err := chromedp.Run(am, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	quoteID := loc[strings.LastIndex(loc, "/")+1:]
	testkit.Screenshot(t, am, "orders-quote-sent")

	cu := testkit.Browser(t)
	testkit.LoginBrowser(t, cu, base, e.contact.User.Email)
	err = chromedp.Do(cu,
		chromedp.Navigate(base+"/portal/quotes/"+quoteID),
		chromedp.WaitVisible(css("#accept-card")),
		chromedp.SendKeys(css("#accepted-by"), "Anna de Vries"),
		chromedp.Click(css("#accept-quote")),
		chromedp.WaitVisible(css("#order-number")),
	)
	if err != nil {
		t.Fatal(err)
	}
	orderNo, err := chromedp.Run(cu, chromedp.Text(css("#order-number")))
	if err != nil || !strings.HasPrefix(orderNo, "O2026-") {
		t.Fatalf("order number %q %v", orderNo, err)
	}
	testkit.Screenshot(t, cu, "orders-portal-order")

	err = chromedp.Do(am, chromedp.Navigate(base+"/orders"), chromedp.WaitVisible(css("#orders")))
	if err != nil {
		t.Fatal(err)
	}
	orders, err := chromedp.Run(am, chromedp.Text(css("#orders")))
	if err != nil || !strings.Contains(orders, orderNo) {
		t.Fatalf("orders page lacks %s: %q %v", orderNo, orders, err)
	}
	err = chromedp.Do(am, chromedp.Navigate(base+"/contracts"), chromedp.WaitVisible(css("#contracts")))
	if err != nil {
		t.Fatal(err)
	}
	contracts, err := chromedp.Run(am, chromedp.Text(css("#contracts")))
	if err != nil || !strings.Contains(contracts, e.cust.Name) || !strings.Contains(contracts, "€\u00a0125,00") {
		t.Fatalf("contracts page: %q %v", contracts, err)
	}
	testkit.Screenshot(t, am, "orders-contracts")
}

// css is a CSS selector for chromedp.
func css(s string) chromedp.CSS { return chromedp.CSS(s) }
