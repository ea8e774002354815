package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/auth"
	"backoffice/internal/testkit"
)

func TestBrowserFoundation(t *testing.T) {
	a := fullApp(t)
	a.Clock.Reset() // sessions are stored with real expiry
	base := a.Listen(t)
	am := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager, Name: "Mark Jansen"})
	name := testkit.Unique("Huisartsenpraktijk ")

	t.Run("account_manager_logs_in_creates_customer_sees_it_listed", func(t *testing.T) {
		ctx := testkit.Browser(t)
		testkit.LoginBrowser(t, ctx, base, am.Email)
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/customers"),
			chromedp.Click(chromedp.CSS("#new-customer")),
			chromedp.WaitVisible(chromedp.CSS("#customer-form")),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.SendKeys(chromedp.CSS("#billing_email"), "facturen@example.nl"),
			chromedp.Click(chromedp.CSS("#save-customer")),
			chromedp.WaitVisible(chromedp.CSS("#customer-name")),
		)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#customer-name")))
		if err != nil || got != name {
			t.Fatalf("customer page shows %q (%v)", got, err)
		}
		err = chromedp.Do(ctx, chromedp.Navigate(base+"/customers?q="+strings.Fields(name)[1]), chromedp.WaitVisible(chromedp.CSS("#customers")))
		if err != nil {
			t.Fatal(err)
		}
		list, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#customers")))
		if err != nil || !strings.Contains(list, name) {
			t.Fatalf("list lacks %q: %q %v", name, list, err)
		}
		testkit.Screenshot(t, ctx, "customers")
	})

	t.Run("customer_user_cannot_open_another_customers_page", func(t *testing.T) {
		own := testkit.Customer(t, testkit.CustomerOpts{})
		other := testkit.Customer(t, testkit.CustomerOpts{Name: testkit.Unique("Geheim BV ")})
		contact := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &own.ID})
		ctx := testkit.Browser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/login"),
			chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), contact.Email),
			chromedp.SendKeys(chromedp.CSS("#password"), testkit.Password),
			chromedp.Click(chromedp.CSS("#login")),
			chromedp.WaitVisible(chromedp.CSS(".sidebar")),
			chromedp.Navigate(fmt.Sprintf("%s/customers/%d", base, own.ID)),
			chromedp.WaitVisible(chromedp.CSS("#customer-name")),
		)
		if err != nil {
			t.Fatal(err)
		}
		err = chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/customers/%d", base, other.ID)), chromedp.WaitVisible(chromedp.CSS(".error-page")))
		if err != nil {
			t.Fatal(err)
		}
		page, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, "404") || strings.Contains(page, other.Name) {
			t.Fatalf("foreign customer page: %q", page)
		}
		testkit.Screenshot(t, ctx, "foreign-customer")
	})
}
