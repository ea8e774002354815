package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/app"
	"backoffice/internal/server"
	"backoffice/internal/testkit"
)

// demoBase serves the demo data of every module (the portal as a customer sees it).
func demoBase(t *testing.T) string {
	t.Helper()
	return demoListen(t, demoServer(t, fmt.Sprintf("portal_%d", time.Now().UnixNano())))
}

// demoListen serves srv on a free local port for a browser, until the test ends.
func demoListen(t *testing.T, srv *server.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.App.Listener(ln) }()
	t.Cleanup(func() { _ = srv.App.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

func demoLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#password"), app.DemoPassword),
		chromedp.Click(chromedp.CSS("#login")), chromedp.WaitVisible(chromedp.CSS(".sidebar")))
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
}

// overflowJS reports what sticks out at the current width: the page itself, or a table
// scrolled sideways inside its wrapper.
const overflowJS = `(() => {
  const out = [];
  if (document.documentElement.scrollWidth > window.innerWidth) out.push("page " + document.documentElement.scrollWidth);
  document.querySelectorAll(".table-wrap").forEach(w => { if (w.scrollWidth > w.clientWidth + 1) out.push((w.querySelector("table")||w).id + " " + w.scrollWidth + ">" + w.clientWidth); });
  return out.join(", ");
})()`

// TestBrowserPortalAtPhoneWidth opens every portal page (each nav link, and the first
// quote, invoice and ticket they list) at 390 px: nothing wider than the screen, tables
// as stacked cards; the quote total is on screen; and the report form takes a photo.
func TestBrowserPortalAtPhoneWidth(t *testing.T) {
	base := demoBase(t)
	ctx := testkit.Browser(t)
	demoLogin(t, ctx, base, "contact@acme.demo.backoffice.test")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".sidebar nav a")].map(a => a.getAttribute("href"))`))
	if err != nil || len(links) < 6 {
		t.Fatalf("portal nav %v %v", links, err)
	}
	seen := map[string]bool{}
	visit := func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("main.content"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		over, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS))
		if err != nil || over != "" {
			t.Errorf("%s at 390 px: too wide: %s %v", path, over, err)
		}
		testkit.Screenshot(t, ctx, "portal-390"+strings.ReplaceAll(path, "/", "-"))
	}
	for _, l := range links {
		visit(l)
	}
	for _, list := range []struct{ page, link string }{{"/portal/quotes", "#portal-quotes a"}, {"/portal/invoices", "#portal-invoices a[href^='/portal/invoices/']"}, {"/portal/tickets", "#my-tickets a"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+list.page), chromedp.WaitReady(chromedp.CSS("main.content"))); err != nil {
			t.Fatal(err)
		}
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`[...document.querySelectorAll(%q)].map(a => a.getAttribute("href"))`, list.link)))
		if err != nil || len(hrefs) == 0 {
			t.Fatalf("%s lists nothing to open (%v)", list.page, err)
		}
		visit(hrefs[0])
	}
	t.Run("the quote total is on screen", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/quotes"), chromedp.WaitVisible(chromedp.CSS("#portal-quotes"))); err != nil {
			t.Fatal(err)
		}
		right, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.max(...[...document.querySelectorAll("#portal-quotes td.num")].map(td => td.getBoundingClientRect().right))`))
		if err != nil || right <= 0 || right > 390 {
			t.Fatalf("quote totals end at %v px (%v)", right, err)
		}
	})
	t.Run("the report form sends a photo", func(t *testing.T) {
		photo := filepath.Join(t.TempDir(), "scherm.png")
		if err := os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"), 0o644); err != nil {
			t.Fatal(err)
		}
		subject := testkit.Unique("Scherm zwart ")
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/tickets/new"), chromedp.WaitVisible(chromedp.CSS("#report-form")),
			chromedp.SendKeys(chromedp.CSS("#subject"), subject),
			chromedp.SendKeys(chromedp.CSS("#description"), "Het scherm blijft zwart na het opstarten."),
			chromedp.SetUploadFiles(chromedp.CSS("#report-files"), []string{photo}),
			chromedp.Click(chromedp.CSS("#submit-report")),
			chromedp.WaitVisible(chromedp.CSS("#ticket-facts")))
		if err != nil {
			t.Fatal(err)
		}
		files, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#attachments")))
		if err != nil || !strings.Contains(files, "scherm.png") || !strings.Contains(files, "Foto") {
			t.Fatalf("attachments %q %v", files, err)
		}
		testkit.Screenshot(t, ctx, "portal-390-ticket-with-photo")
	})
}
