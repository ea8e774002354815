package receivables_test

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
	"backoffice/invoices/receivables"
)

func at(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 10, 0, 0, 0, clock.Amsterdam)
}

func TestDisputeAPI(t *testing.T) {
	a, _ := setup(t, at(2025, 3, 5))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	am := testkit.Login(t, auth.AccountManager, nil)
	other := testkit.Customer(t, testkit.CustomerOpts{})
	stranger := testkit.Login(t, auth.Customer, &other.ID)
	id := issuedInvoice(t, cust.ID, testkit.Unique("S"), "2000.00", "2025-03-01", "2025-03-15", "003")
	path := "/api/v1/invoices/" + itoa(id)

	t.Run("INV-5_003_dispute_within_10_days_claim_by_hand", func(t *testing.T) {
		a.Do(t, "POST", path+"/dispute", stranger.Token, map[string]any{"reason": "x"}).Expect(t, 404)
		a.Do(t, "POST", path+"/dispute", contact.Token, map[string]any{"reason": "500 te veel", "disputed_part": "500.00"}).Expect(t, 201)
		a.Do(t, "POST", path+"/dispute", contact.Token, map[string]any{"reason": "again"}).Expect(t, 409)
		a.Do(t, "POST", path+"/resolve", contact.Token, map[string]any{"resolution": "x"}).Expect(t, 403)
		a.Clock.Set(at(2025, 4, 10))
		a.Do(t, "POST", path+"/resolve", am.Token, map[string]any{"resolution": "terecht gefactureerd"}).Expect(t, 200)
		// as TestStatutoryInterest: 25 days on 1,500 (11.46) + 21 days on 2,000 (12.83) = 24.29
		var c receivables.ClaimOut
		a.Do(t, "GET", path+"/claim?on=2025-05-01", contact.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.Interest.StringFixed(2) != "24.29" || len(c.InterestLines) != 2 || c.InterestLines[0].Base.StringFixed(2) != "1500.00" {
			t.Fatalf("claim %+v", c)
		}
		var h receivables.DunningOut
		a.Do(t, "GET", path+"/dunning", contact.Token, nil).Expect(t, 200).JSON(t, &h)
		if len(h.Disputes) != 1 || h.Disputes[0].ResolvedOn == nil {
			t.Fatalf("history %+v", h)
		}
	})
}

func TestInterestRatesAPI(t *testing.T) {
	a, _ := setup(t, at(2025, 3, 5))
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	var shipped []receivables.RateIO
	a.Do(t, "GET", "/api/v1/interest-rates", admin.Token, nil).Expect(t, 200).JSON(t, &shipped)
	if len(shipped) != 8 || shipped[0].ValidFrom.String() != "2019-01-01" || shipped[7].Rate.StringFixed(2) != "10.15" {
		t.Fatalf("shipped %+v", shipped)
	}
	t.Cleanup(func() { a.Do(t, "PUT", "/api/v1/interest-rates", admin.Token, shipped).Expect(t, 200) })
	id := issuedInvoice(t, cust.ID, testkit.Unique("R"), "1000.00", "2019-06-16", "2019-06-30", "002")
	t.Run("INV-4_missing_period_blocks_with_a_reason", func(t *testing.T) {
		a.Do(t, "PUT", "/api/v1/interest-rates", admin.Token, shipped[1:]).Expect(t, 200)
		r := a.Do(t, "GET", "/api/v1/invoices/"+itoa(id)+"/claim?on=2023-02-01", admin.Token, nil).Expect(t, 409)
		if r.Code(t) != "interest_rate_missing" {
			t.Fatalf("code %s", r.Code(t))
		}
	})
	t.Run("INV-4_admin_edits_the_table", func(t *testing.T) {
		a.Do(t, "PUT", "/api/v1/interest-rates", admin.Token, shipped).Expect(t, 200)
		// 1 Jul 2019 – 31 Jan 2023: 2019-07-01..2022-12-31 at 8 %, compounded yearly, then 10.5 %
		a.Do(t, "GET", "/api/v1/invoices/"+itoa(id)+"/claim?on=2023-02-01", admin.Token, nil).Expect(t, 200)
		bad := []map[string]any{{"valid_from": "2024-01-01", "rate": "12.50"}, {"valid_from": "2024-01-01", "rate": "101"}}
		a.Do(t, "PUT", "/api/v1/interest-rates", admin.Token, bad).Expect(t, 422)
	})
}

func TestReversalRefundAndCredit(t *testing.T) {
	a, mod := setup(t, at(2026, 3, 20))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	am := testkit.Login(t, auth.AccountManager, nil)
	id := issuedInvoice(t, cust.ID, testkit.Unique("V"), "400.00", "2026-02-01", "2026-02-15", "004")
	var p receivables.PaymentOut
	a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "400.00", "received_on": "2026-02-10"}).Expect(t, 201).JSON(t, &p)
	if st, _ := invoiceStatus(t, id); st != "paid" {
		t.Fatalf("status %s", st)
	}
	t.Run("reversal_is_a_new_row_and_reopens", func(t *testing.T) {
		a.Do(t, "POST", "/api/v1/payments/"+itoa(p.ID)+"/reverse", am.Token, map[string]any{"note": "storno"}).Expect(t, 201)
		if st, paid := invoiceStatus(t, id); st != "issued" || !paid.IsZero() {
			t.Fatalf("after reversal %s %s", st, paid)
		}
		a.Do(t, "POST", "/api/v1/payments/"+itoa(p.ID)+"/reverse", am.Token, map[string]any{}).Expect(t, 409)
		if n := count(t, "SELECT count(*) FROM payments WHERE customer_id = ?", cust.ID); n != 2 {
			t.Fatalf("%d payment rows", n)
		}
	})
	t.Run("INV-5_no_reminder_while_credit_covers_it", func(t *testing.T) {
		// €500 with no invoice named goes to the open invoice (400) and leaves 100 credit;
		// reverse that and pay to a customer without invoices instead
		other := testkit.Customer(t, testkit.CustomerOpts{})
		var q receivables.PaymentOut
		a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": other.ID, "amount": "150.00", "received_on": "2026-03-01"}).Expect(t, 201).JSON(t, &q)
		if q.Unallocated == nil || q.Unallocated.StringFixed(2) != "150.00" {
			t.Fatalf("unallocated %v", q.Unallocated)
		}
		a.Do(t, "POST", "/api/v1/refunds", am.Token, map[string]any{"customer_id": other.ID, "amount": "100.00", "note": "terug"}).Expect(t, 201)
		a.Do(t, "POST", "/api/v1/refunds", am.Token, map[string]any{"customer_id": other.ID, "amount": "100.00"}).Expect(t, 409)
		inv := issuedInvoice(t, other.ID, testkit.Unique("W"), "50.00", "2026-02-01", "2026-02-15", "004")
		// the invoice was issued after the payment: the 50 credit covers it, so no reminder
		if _, err := mod.Service().RunDunning(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := count(t, "SELECT count(*) FROM dunning_steps WHERE invoice_id = ?", inv); n != 0 {
			t.Fatalf("%d reminders although the credit covers the invoice", n)
		}
		if n := count(t, "SELECT count(*) FROM dunning_steps WHERE invoice_id = ?", id); n != 1 {
			t.Fatalf("the reopened invoice got %d reminders, want 1", n)
		}
	})
}
