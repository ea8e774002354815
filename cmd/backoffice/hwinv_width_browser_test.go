package main

import (
	"testing"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserInvoicesAndDeliveryFitTheScreen: the invoice list at 390 px (its filters,
// customer pickers and stacked cards) and a delivery of 20 serial numbers at 1366 px
// (the serials wrap) and a stored one with its terminate form at 1366 and 390 px are no wider than the screen, the page nor a table in its wrapper.
func TestBrowserInvoicesAndDeliveryFitTheScreen(t *testing.T) {
	base := demoBase(t)
	ctx := testkit.Browser(t)
	demoLogin(t, ctx, base, "admin@demo.backoffice.test")
	for _, c := range []struct {
		width int64
		path  string
		wait  string
	}{{390, "/invoices", "#invoices"}, {390, "/credit-notes", "main.content"}, {1366, "/hardware/deliveries/1", "#delivery-lines"}, {1366, "/hardware/deliveries/3", "#terminate-form"}, {390, "/hardware/deliveries/3", "#terminate-form"}, {1366, "/invoices", "#invoices"}} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, 900), chromedp.Navigate(base+c.path), chromedp.WaitVisible(chromedp.CSS(c.wait)))
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil || width > c.width {
			t.Errorf("%s at %d px: scrollWidth %d %v", c.path, c.width, width, err)
		}
		if over, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS)); err != nil || over != "" {
			t.Errorf("%s at %d px: too wide: %s %v", c.path, c.width, over, err)
		}
		testkit.Screenshot(t, ctx, "width-"+c.path[1:])
	}
}
