package tickets

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"backoffice/internal/testkit"
)

// TestBrowserReportAnswerSee drives real Chromium: a customer reports an incident in the
// portal, the desk finds it in the queue and answers publicly, the customer sees the
// answer and replies, and the desk sees the reply in the thread.
func TestBrowserReportAnswerSee(t *testing.T) {
	t.Parallel()
	b := setup(t, time.Time{}) // real clock: browser cookies carry real expiry dates
	base := b.app.Listen(t)
	subject := testkit.Unique("Scanner prints blank pages ")
	var ticketURL string

	customer := testkit.Browser(t)
	testkit.LoginBrowser(t, customer, base, b.contact.User.Email)
	t.Run("T-1_customer_reports_an_incident_in_the_portal", func(t *testing.T) {
		err := chromedp.Do(customer,
			chromedp.Navigate(base+"/portal/tickets"),
			chromedp.WaitVisible(chromedp.CSS("#new-report")),
			chromedp.Click(chromedp.CSS("#new-report")),
			chromedp.WaitVisible(chromedp.CSS("#report-form")),
			chromedp.SetValue(chromedp.CSS("#category"), "defect"),
			chromedp.SetValue(chromedp.CSS("#priority"), "P2"),
			chromedp.SendKeys(chromedp.CSS("#subject"), subject),
			chromedp.SendKeys(chromedp.CSS("#description"), "Every scan since the update is blank. Steps: scan any page."),
			chromedp.Click(chromedp.CSS("#submit-report")),
			chromedp.WaitVisible(chromedp.CSS("#ticket-facts")),
		)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := chromedp.Run(customer, chromedp.Text(chromedp.CSS("#ticket-facts")))
		if err != nil || !strings.Contains(facts, "Defect") || !strings.Contains(facts, "P2") || !strings.Contains(facts, "Nieuw") {
			t.Fatalf("ticket facts %q (%v)", facts, err)
		}
		if ticketURL, err = chromedp.Run(customer, chromedp.Location()); err != nil {
			t.Fatal(err)
		}
		testkit.Screenshot(t, customer, "portal-ticket")
	})
	if ticketURL == "" {
		t.FailNow()
	}
	deskURL := strings.Replace(ticketURL, "/portal/tickets/", "/tickets/", 1)

	desk := testkit.Browser(t)
	testkit.LoginBrowser(t, desk, base, b.tech.User.Email)
	t.Run("T-2_desk_sees_it_in_the_queue_with_its_SLA_and_answers", func(t *testing.T) {
		err := chromedp.Do(desk,
			chromedp.Navigate(base+"/tickets"),
			chromedp.WaitVisible(chromedp.CSS("#queue")),
		)
		if err != nil {
			t.Fatal(err)
		}
		queue, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS("#queue")))
		if err != nil || !strings.Contains(queue, subject) || !strings.Contains(queue, "response due") {
			t.Fatalf("queue lacks the ticket or its countdown: %q (%v)", queue, err)
		}
		testkit.Screenshot(t, desk, "queue")
		err = chromedp.Do(desk,
			chromedp.Navigate(deskURL),
			chromedp.WaitVisible(chromedp.CSS("#sla-explanation")),
			chromedp.SendKeys(chromedp.CSS("#comment-body"), "We reproduced it; a driver update is on its way."),
			chromedp.Click(chromedp.CSS("#send-comment")),
			chromedp.WaitVisible(chromedp.CSS(".flash")),
		)
		if err != nil {
			t.Fatal(err)
		}
		sla, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS("#sla")))
		if err != nil || !strings.Contains(sla, "answered") || !strings.Contains(sla, "Report received") || !strings.Contains(sla, "4 hours") {
			t.Fatalf("SLA panel after the answer: %q (%v)", sla, err)
		}
		testkit.Screenshot(t, desk, "desk-ticket")
		// Issue 13: after an internal note the reply box stays on "internal note".
		err = chromedp.Do(desk,
			chromedp.Click(chromedp.CSS("#comment-public")),
			chromedp.SendKeys(chromedp.CSS("#comment-body"), "Internal: driver 31.0.101 fixes it."),
			chromedp.Click(chromedp.CSS("#send-comment")),
			// the answer's flash is still on screen: wait for the page that shows the note
			chromedp.WaitVisible(`//*[@id="thread"]//*[contains(text(), "driver 31.0.101")]`),
		)
		if err != nil {
			t.Fatal(err)
		}
		if public, err := chromedp.Run(desk, chromedp.Evaluate[bool](`document.getElementById("comment-public").checked`)); err != nil || public {
			t.Fatalf("after an internal note the reply box is back on visible to the customer (%v)", err)
		}
	})
	t.Run("T-2_customer_sees_the_answer_and_replies", func(t *testing.T) {
		err := chromedp.Do(customer,
			chromedp.Navigate(ticketURL),
			chromedp.WaitVisible(chromedp.CSS("#thread")),
		)
		if err != nil {
			t.Fatal(err)
		}
		thread, err := chromedp.Run(customer, chromedp.Text(chromedp.CSS("#thread")))
		if err != nil || !strings.Contains(thread, "driver update is on its way") {
			t.Fatalf("customer thread %q (%v)", thread, err)
		}
		err = chromedp.Do(customer,
			chromedp.SendKeys(chromedp.CSS("#reply-body"), "Thanks, waiting for it."),
			chromedp.Click(chromedp.CSS("#send-reply")),
			chromedp.WaitVisible(chromedp.CSS(".flash")),
		)
		if err != nil {
			t.Fatal(err)
		}
		thread, err = chromedp.Run(customer, chromedp.Text(chromedp.CSS("#thread")))
		if err != nil || !strings.Contains(thread, "Thanks, waiting for it.") {
			t.Fatalf("customer thread after reply %q (%v)", thread, err)
		}
	})
	t.Run("desk_resolves_and_the_customer_can_close", func(t *testing.T) {
		err := chromedp.Do(desk,
			chromedp.Navigate(deskURL),
			chromedp.WaitVisible(chromedp.CSS("#resolve-form")),
			chromedp.SetValue(chromedp.CSS("#resolution"), "workaround"),
			chromedp.Click(chromedp.CSS("#status-resolved")),
			chromedp.WaitVisible(chromedp.CSS(".flash")),
		)
		if err != nil {
			t.Fatal(err)
		}
		err = chromedp.Do(customer,
			chromedp.Navigate(ticketURL),
			chromedp.WaitVisible(chromedp.CSS("#close")),
			chromedp.Click(chromedp.CSS("#close")),
			chromedp.WaitVisible(chromedp.CSS(".flash")),
		)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := chromedp.Run(customer, chromedp.Text(chromedp.CSS("#ticket-facts")))
		if err != nil || !strings.Contains(facts, "Gesloten") || !strings.Contains(facts, "Tijdelijke oplossing") {
			t.Fatalf("after closing: %q (%v)", facts, err)
		}
		n, err := chromedp.Run(customer, chromedp.Nodes(chromedp.CSS("#reply-form"), chromedp.AtLeast(0)))
		if err != nil || len(n) != 0 {
			t.Errorf("a closed ticket still offers the reply form (%d, %v)", len(n), err)
		}
	})
	t.Run("desk_dashboard_shows_compliance_and_risk", func(t *testing.T) {
		err := chromedp.Do(desk, chromedp.Navigate(base+"/sla/dashboard"), chromedp.WaitVisible(chromedp.CSS("#compliance")))
		if err != nil {
			t.Fatal(err)
		}
		page, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS("main")))
		if err != nil || !strings.Contains(page, "SLA compliance per month") || !strings.Contains(page, "Breaches at risk") {
			t.Fatalf("dashboard %q (%v)", page, err)
		}
		testkit.Screenshot(t, desk, "dashboard")
	})
}
