package orders

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserQuoteEditorDutchInputAndFailedPost: prices typed the Dutch way ("1.249,00",
// "1249,00") count in the live totals and are accepted by the server; a post that fails
// re-renders exactly what was posted (no wiped prices, no added blank rows); a line is
// removed with its button, and the table fits a 1366 px screen.
func TestBrowserQuoteEditorDutchInputAndFailedPost(t *testing.T) {
	e := setup(t, monday2March)
	base := e.a.Listen(t)
	am := testkit.Browser(t)
	testkit.LoginBrowser(t, am, base, e.am.User.Email)
	err := chromedp.Do(am,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/quotes/new"),
		chromedp.WaitVisible(css("#quote-form")),
		chromedp.SetValue(css("#customer"), fmt.Sprint(e.cust.ID)),
		chromedp.SendKeys(css("#title"), "Laptops"),
		chromedp.SendKeys(css(`[name="lines.0.description"]`), "Laptop 14 inch"),
		chromedp.SetValue(css(`[name="lines.0.quantity"]`), "2"),
		chromedp.SendKeys(css(`[name="lines.0.unit_price"]`), "1.249,00"),
		chromedp.Click(css("#add-line")),
		chromedp.SendKeys(css(`[name="lines.1.description"]`), "Docking station"),
		chromedp.SendKeys(css(`[name="lines.1.unit_price"]`), "1249,00"),
		chromedp.Click(css("#add-line")),
		chromedp.SendKeys(css(`[name="lines.2.description"]`), "Typo line"),
		chromedp.SendKeys(css(`[name="lines.2.unit_price"]`), "12,5e3"),
	)
	if err != nil {
		t.Fatal(err)
	}
	// 2 × 1249 + 1249 = 3747.00; VAT 786.87; the line with an exponent does not count.
	if live, err := chromedp.Run(am, chromedp.Text(css("#live-gross"))); err != nil || live != "€\u00a04.533,87" {
		t.Fatalf("live total %q %v", live, err)
	}
	width, err := chromedp.Run(am, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil || width > 1366 {
		t.Errorf("the editor is %v px wide at 1366 (%v)", width, err)
	}
	testkit.Screenshot(t, am, "orders-quote-editor-1366")
	if err := chromedp.Do(am, chromedp.Click(css("#save-quote")), chromedp.WaitVisible(css(`[role="alert"]`))); err != nil {
		t.Fatal(err)
	}
	testkit.Screenshot(t, am, "orders-quote-editor-failed")
	rows, err := chromedp.Run(am, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("tr.line-row [name$='.unit_price']")).map(e => e.value)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows, "|") != "1.249,00|1249,00|12,5e3" {
		t.Fatalf("after the failed post the prices are %q, want exactly what was posted", rows)
	}
	err = chromedp.Do(am,
		chromedp.Click(css(`tr.line-row:nth-child(3) .remove-line`)),
		chromedp.Click(css("#save-quote")),
		chromedp.WaitVisible(css("#quote-number")),
	)
	if err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(am, chromedp.Text(css("main")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "4.533,87") || strings.Contains(page, "Typo line") {
		t.Fatalf("saved quote page does not show the Dutch-typed lines:\n%s", page)
	}
}
