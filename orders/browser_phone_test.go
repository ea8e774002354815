package orders

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

// TestBrowserQuoteEditorAtPhoneWidth: at 390 px the quote editor fits the screen (its lines
// are stacked cards: description, quantity, unit, price, period and Remove each visible);
// the contact picker lists the chosen customer's contact persons by name, a failed post (a
// price that is no number)
// keeps the chosen contact, and the saved quote is addressed to that contact.
func TestBrowserQuoteEditorAtPhoneWidth(t *testing.T) {
	e := setup(t, monday2March)
	contact := testkit.Login(t, auth.Customer, &e.cust.ID) // a second contact person of the customer
	base := e.a.Listen(t)
	am := testkit.Browser(t)
	testkit.LoginBrowser(t, am, base, e.am.User.Email)
	width := func(what string) {
		t.Helper()
		w, err := chromedp.Run(am, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		if err != nil || w > 390 {
			t.Errorf("%s is %v px wide at 390 (%v)", what, w, err)
		}
	}
	err := chromedp.Do(am,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/quotes/new"),
		chromedp.WaitVisible(css("#quote-form")),
	)
	if err != nil {
		t.Fatal(err)
	}
	width("/quotes/new")
	testkit.Screenshot(t, am, "orders-quote-editor-390")
	// every field of a line and its Remove button lie within the screen
	off, err := chromedp.Run(am, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("tr.line-row input, tr.line-row select, tr.line-row .remove-line"))
		.filter(el => { const r = el.getBoundingClientRect(); return r.width < 40 || r.right > 390 || r.left < 0 }).map(el => el.name || el.className)`))
	if err != nil || len(off) > 0 {
		t.Fatalf("line fields off screen or squeezed at 390 px: %v %v", off, err)
	}
	// without JavaScript, "Show the customer's contacts" re-renders the form (nothing saved)
	// with the chosen customer's contact persons; with JavaScript choosing the customer does it
	r := postForm(t, e.a, "/quotes", e.am.Token, url.Values{"customer_id": {fmt.Sprint(e.cust.ID)}, "title": {"Laptops"},
		"line_count": {"1"}, "refresh_contacts": {"1"}}, nil)
	expectForm(t, r, 200, "", fmt.Sprintf(`<option value="%d" >%s</option>`, contact.User.ID, contact.User.Name), `value="Laptops"`)
	err = chromedp.Do(am,
		chromedp.Navigate(fmt.Sprintf("%s/quotes/new?customer_id=%d", base, e.cust.ID)),
		chromedp.WaitReady(css(fmt.Sprintf(`#contact option[value="%d"]`, contact.User.ID))),
		chromedp.SetValue(css("#contact"), fmt.Sprint(contact.User.ID)),
		chromedp.SendKeys(css("#title"), "Laptops"),
		chromedp.SendKeys(css(`[name="lines.0.description"]`), "Laptop 14 inch"),
		chromedp.SendKeys(css(`[name="lines.0.unit_price"]`), "12,5e3"),
		chromedp.Click(css("#save-quote")), // not a price: fails
		chromedp.WaitVisible(css(`[role="alert"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	width("the failed post")
	if v, err := chromedp.Run(am, chromedp.Value(css("#contact"))); err != nil || v != fmt.Sprint(contact.User.ID) {
		t.Fatalf("after the failed post the contact is %q (%v), want %d", v, err, contact.User.ID)
	}
	err = chromedp.Do(am,
		chromedp.SetValue(css(`[name="lines.0.unit_price"]`), "1.249,00"),
		chromedp.Click(css("#save-quote")),
		chromedp.WaitVisible(css("#quote-contact")),
	)
	if err != nil {
		t.Fatal(err)
	}
	width("the quote page")
	if got, err := chromedp.Run(am, chromedp.Text(css("#quote-contact"))); err != nil || !strings.Contains(got, contact.User.Name) {
		t.Fatalf("the quote is addressed to %q (%v), want %s", got, err, contact.User.Name)
	}
}
