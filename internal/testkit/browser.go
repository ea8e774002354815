package testkit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts a real headless Chromium (Debian's `chromium`) for the test and
// returns a tab context that ends with the test, or after three minutes. A missing
// browser fails the test.
func Browser(t testing.TB) context.Context {
	t.Helper()
	return BrowserFor(t, 3*time.Minute)
}

// BrowserFor is Browser for a test that drives it longer than three minutes on a
// loaded machine (a walk over every page): its tabs end after d.
func BrowserFor(t testing.TB, d time.Duration) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Fatal("testkit: browser tests need Chromium: apt-get install -y chromium")
	}
	dir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, d)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("testkit: start Chromium: %v", err)
	}
	return ctx
}

// NewTab opens another tab (a second user) in the same browser, with its own cookies
// only if the caller logs in separately; use a separate Browser for isolation.
func NewTab(t testing.TB, parent context.Context) context.Context {
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	return ctx
}

// Screenshot saves a full-page PNG to $BACKOFFICE_SCREENSHOTS/name.png when that
// variable is set (for looking at pages); otherwise it does nothing.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	dir := os.Getenv("BACKOFFICE_SCREENSHOTS")
	if dir == "" {
		return
	}
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
		t.Error(err)
	}
}

// LoginBrowser logs a user in through the login form.
func LoginBrowser(t testing.TB, ctx context.Context, base, email string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), Password),
		chromedp.Click(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS(".sidebar")),
	)
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
}
