package receivables_test

import (
	"context"
	"os"
	"testing"
	"time"

	"backoffice/internal/auth"
	civ "backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestDunningJob(t *testing.T) {
	a, mod := setup(t, time.Date(2026, 3, 9, 7, 0, 0, 0, clock.Amsterdam))
	svc := mod.Service()
	ctx := context.Background()
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	am := testkit.Login(t, auth.AccountManager, nil)
	// due Sun 1 Mar 2026 (004): first reminder 7 days after, on 8 Mar → the run on 9 Mar sends it
	id := issuedInvoice(t, cust.ID, testkit.Unique("D"), "1000.00", "2026-02-15", "2026-03-01", "004")
	disputed := issuedInvoice(t, cust.ID, testkit.Unique("E"), "300.00", "2026-02-15", "2026-03-01", "004")
	a.Do(t, "POST", "/api/v1/invoices/"+itoa(disputed)+"/dispute", contact.Token, map[string]any{"reason": "not delivered"}).Expect(t, 201)

	steps := func() int { return count(t, "SELECT count(*) FROM dunning_steps WHERE customer_id = ?", cust.ID) }
	mails := func() int {
		return count(t, "SELECT count(*) FROM outbox WHERE entity = 'invoice' AND entity_id IN (?, ?)", itoa(id), itoa(disputed))
	}
	evts := func() int {
		return count(t, "SELECT count(*) FROM events WHERE kind = 'invoice.dunning_stage' AND entity_id IN (?, ?)", id, disputed)
	}

	t.Run("INV-3_first_reminder_once_run_twice_changes_nothing", func(t *testing.T) {
		if _, err := svc.RunDunning(ctx); err != nil {
			t.Fatal(err)
		}
		s1, m1, e1 := steps(), mails(), evts()
		if s1 != 1 || m1 != 1 || e1 != 1 {
			t.Fatalf("after one run: %d steps, %d mails, %d events; want 1 each (the disputed invoice gets none, INV-5)", s1, m1, e1)
		}
		if n := count(t, "SELECT count(*) FROM outbox_attachments a JOIN outbox o ON o.id = a.message_id WHERE o.entity_id = ? AND a.content_type = 'application/pdf'", itoa(id)); n != 1 {
			t.Fatalf("the reminder mail carries %d PDF letters", n)
		}
		if _, err := svc.RunDunning(ctx); err != nil {
			t.Fatal(err)
		}
		if steps() != s1 || mails() != m1 || evts() != e1 {
			t.Fatal("the second run changed something")
		}
	})
	t.Run("INV-3_004_interest_claimable_after_the_reminder_term", func(t *testing.T) {
		var c map[string]any
		a.Do(t, "GET", "/api/v1/invoices/"+itoa(id)+"/claim?on=2026-03-23", am.Token, nil).Expect(t, 200).JSON(t, &c)
		// reminder 9 Mar + 14 days = 23 Mar: claimable from 24 Mar
		if c["interest_claimable"] != false || c["interest_claimable_from"] != "2026-03-24" {
			t.Fatalf("claim %v", c)
		}
	})
	t.Run("INV-3_steps_follow_the_terms", func(t *testing.T) {
		for _, d := range []struct {
			day   time.Time
			stage string
		}{
			{time.Date(2026, 3, 24, 7, 0, 0, 0, clock.Amsterdam), "second_reminder"}, // 9 Mar + 14 passed
			{time.Date(2026, 4, 1, 7, 0, 0, 0, clock.Amsterdam), "suspension"},       // 24 Mar + 7 passed
			{time.Date(2026, 4, 11, 7, 0, 0, 0, clock.Amsterdam), "default_notice"},  // Wed 1 Apr + 5 working days (Good Friday and Easter Monday are holidays in nl-werktijden) = Fri 10 Apr passed
		} {
			a.Clock.Set(d.day)
			if _, err := svc.RunDunning(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.RunDunning(ctx); err != nil {
				t.Fatal(err)
			}
			if n := count(t, "SELECT count(*) FROM dunning_steps WHERE invoice_id = ? AND stage = ?", id, d.stage); n != 1 {
				t.Fatalf("%s: %d %s steps", d.day, n, d.stage)
			}
		}
		if n := count(t, "SELECT count(*) FROM dunning_steps WHERE invoice_id = ?", disputed); n != 0 {
			t.Fatalf("INV-5: %d reminders on a disputed invoice", n)
		}
		sus, err := svc.SuspendedCustomers(ctx, civ.D(2026, 4, 11))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range sus {
			found = found || s.CustomerID == cust.ID
		}
		if !found {
			t.Fatal("INV-6: customer not listed as suspended")
		}
	})
	t.Run("letters_are_pdfs", func(t *testing.T) {
		var pdf []byte
		var stage string
		if err := testkit.DB(t).Bun.NewRaw("SELECT letter_pdf, stage FROM dunning_steps WHERE invoice_id = ? AND stage = 'default_notice'", id).Scan(ctx, &pdf, &stage); err != nil {
			t.Fatal(err)
		}
		if len(pdf) < 500 || string(pdf[:5]) != "%PDF-" {
			t.Fatal("no PDF")
		}
		if dir := os.Getenv("RECV_LETTERS"); dir != "" {
			_ = os.WriteFile(dir+"/default_notice.pdf", pdf, 0o644)
		}
	})
}
