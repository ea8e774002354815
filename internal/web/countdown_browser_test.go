package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserCountdownSpeaksThePageLanguage: app.js's live countdowns (<time
// data-countdown>) read in the page's language — a Dutch portal page "nog 2u 5m", "… te
// laat", an English staff page "in 2h 5m", "… over" (issue 13 "Portal": the customer's
// language on every portal page).
func TestBrowserCountdownSpeaksThePageLanguage(t *testing.T) {
	js, err := os.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(2*time.Hour + 5*time.Minute + 20*time.Second).UTC().Format(time.RFC3339)
	past := time.Now().Add(-(3*time.Hour + 10*time.Minute + 20*time.Second)).UTC().Format(time.RFC3339)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/app.js" {
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write(js)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="%s"><body><time id="f" data-countdown="%s"></time> <time id="p" data-countdown="%s"></time><script src="/app.js"></script></body></html>`,
			r.URL.Query().Get("lang"), future, past)
	}))
	defer srv.Close()
	ctx := testkit.Browser(t)
	for lang, want := range map[string][2]string{"nl": {"nog 2u 5m", "3u 10m te laat"}, "en": {"in 2h 5m", "3h 10m over"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#f")))
		if err != nil {
			t.Fatal(err)
		}
		p, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#p")))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(f) != want[0] || strings.TrimSpace(p) != want[1] {
			t.Errorf("%s page: countdowns %q and %q, want %q and %q", lang, f, p, want[0], want[1])
		}
	}
}
