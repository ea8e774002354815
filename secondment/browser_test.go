package secondment

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserFridayNight drives real Chromium: the technician logs a Friday-night entry
// on the phone-sized "My hours" page and sees the band split live and in the list, then
// edits it while it is submitted (same live preview); the customer's contact approves it; the statement shows it in its bands (SEC-3, SEC-4).
func TestBrowserFridayNight(t *testing.T) {
	f := setup(t, marchNow)
	base := f.app.Listen(t)

	tech := testkit.Browser(t)
	testkit.LoginBrowser(t, tech, base, f.tech.User.Email)
	err := chromedp.Do(tech,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/secondment/my-hours"),
		chromedp.WaitVisible(chromedp.CSS("#log-form")),
		chromedp.SetValue(chromedp.CSS("#started_at"), "2026-03-13T22:00"),
		chromedp.SetValue(chromedp.CSS("#ended_at"), "2026-03-14T02:00"),
		chromedp.SendKeys(chromedp.CSS("#description"), "Storage outage, restore"),
		chromedp.WaitVisible(chromedp.CSS("#preview-segments li:nth-child(2)")),
	)
	if err != nil {
		t.Fatalf("log form: %v", err)
	}
	preview, err := chromedp.Run(tech, chromedp.Text(chromedp.CSS("#preview")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Evening", "22:00–00:00", "+50%", "€\u00a0300,00", "Non-working day", "00:00–02:00", "+100%", "€\u00a0400,00", "4 hours · €\u00a0700,00"} {
		if !strings.Contains(preview, want) {
			t.Fatalf("SEC-3 live preview lacks %q:\n%s", want, preview)
		}
	}
	testkit.Screenshot(t, tech, "secondment-my-hours-preview")
	err = chromedp.Do(tech,
		chromedp.Click(chromedp.CSS("#log-submit")),
		chromedp.WaitVisible(chromedp.CSS("#my-entries")),
	)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	row, err := chromedp.Run(tech, chromedp.Text(chromedp.CSS("#my-entries .entry")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Evening", "22:00–00:00", "Non-working day", "00:00–02:00", "4:00", "€\u00a0700,00", "Submitted"} {
		if !strings.Contains(row, want) {
			t.Fatalf("SEC-3 my entries row lacks %q:\n%s", want, row)
		}
	}
	testkit.Screenshot(t, tech, "secondment-my-hours")

	// The outage ran an hour longer: while submitted, the technician edits the entry and
	// the same live preview prices the new span before saving.
	err = chromedp.Do(tech,
		chromedp.Click(chromedp.CSS(`#my-entries .entry a[id^="edit-"]`)),
		chromedp.WaitVisible(chromedp.CSS("#edit-form #preview-segments li:nth-child(2)")),
		chromedp.SetValue(chromedp.CSS("#ended_at"), "2026-03-14T03:00"),
		chromedp.SendKeys(chromedp.CSS("#description"), " (till 03:00)"),
		chromedp.Poll[chromedp.Void](`document.getElementById("preview").textContent.includes("5 hours · €\u00a0900,00")`, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Click(chromedp.CSS("#edit-submit")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatalf("SEC-3 edit a submitted entry: %v", err)
	}
	row, err = chromedp.Run(tech, chromedp.Text(chromedp.CSS("#my-entries .entry")))
	if err != nil || !strings.Contains(row, "00:00–03:00") || !strings.Contains(row, "€\u00a0900,00") || !strings.Contains(row, "(till 03:00)") {
		t.Fatalf("SEC-3 edited row %q %v", row, err)
	}

	contact := testkit.Browser(t)
	testkit.LoginBrowser(t, contact, base, f.contact.User.Email)
	err = chromedp.Do(contact,
		chromedp.Navigate(base+"/secondment/approvals"),
		chromedp.WaitVisible(chromedp.CSS("#approvals .approve-box")),
		chromedp.Click(chromedp.CSS("#approvals .approve-box")),
		chromedp.Click(chromedp.CSS("#approve-selected")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	flash, err := chromedp.Run(contact, chromedp.Text(chromedp.CSS(".flash")))
	if err != nil || !strings.Contains(flash, "Goedgekeurde boekingen: 1") { // the contact reads the company's Dutch
		t.Fatalf("approval flash %q %v", flash, err)
	}

	err = chromedp.Do(contact,
		chromedp.Navigate(fmt.Sprintf("%s/secondment/placements/%d/statements/2026-03", base, f.placementID)),
		chromedp.WaitVisible(chromedp.CSS("#band-totals")),
	)
	if err != nil {
		t.Fatalf("statement: %v", err)
	}
	for sel, want := range map[string]string{
		`#band-totals tr[data-band="evening"]`:         "2:00 € 300,00",
		`#band-totals tr[data-band="non_working_day"]`: "3:00 € 600,00",
		`#band-totals tr[data-band="night"]`:           "0:00 € 0,00",
		"#statement-total":                             "€ 900,00",
		"#statement-entries":                           "Storage outage, restore",
	} {
		got, err := chromedp.Run(contact, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Fatalf("SEC-4 statement %s = %q, want %q", sel, got, want)
		}
	}
	testkit.Screenshot(t, contact, "secondment-statement")
}
