package receivables_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
	"backoffice/invoices/receivables"
)

func setup(t *testing.T, now time.Time) (*testkit.App, *receivables.Module) {
	var mod *receivables.Module
	a := testkit.NewApp(t, now, func(d *platform.Deps) []platform.Module {
		mod = receivables.New(d)
		return []platform.Module{mod}
	})
	return a, mod
}

func TestPaymentAndClaimAPI(t *testing.T) {
	a, _ := setup(t, time.Date(2025, 4, 1, 10, 0, 0, 0, clock.Amsterdam))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	am := testkit.Login(t, auth.AccountManager, nil)
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	other := testkit.Customer(t, testkit.CustomerOpts{})
	stranger := testkit.Login(t, auth.Customer, &other.ID)
	num := testkit.Unique("2025-")
	id := issuedInvoice(t, cust.ID, num, "5000.00", "2025-01-17", "2025-01-31", "002")

	t.Run("INV-4_partial_payment_claim_by_hand", func(t *testing.T) {
		// as TestStatutoryInterest: 45.82 interest to 2 Mar; €1,000 on 3 Mar → 45.82 interest,
		// 954.18 principal; then 29 days on 4,045.82 = 35.84; total 4,081.66
		var p receivables.PaymentOut
		a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "1000.00",
			"received_on": "2025-03-03", "reference": "thanks"}).Expect(t, 201).JSON(t, &p)
		if len(p.Allocations) != 1 || p.Allocations[0].ToInterest.String() != "45.82" || p.Allocations[0].ToPrincipal.String() != "954.18" {
			t.Fatalf("allocation %+v", p.Allocations)
		}
		var c receivables.ClaimOut
		a.Do(t, "GET", "/api/v1/invoices/"+itoa(id)+"/claim?on=2025-04-01", contact.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.Principal.StringFixed(2) != "4045.82" || c.Interest.StringFixed(2) != "35.84" || c.Total.StringFixed(2) != "4081.66" ||
			c.Paid.StringFixed(2) != "1000.00" || len(c.InterestLines) != 2 || !c.InterestClaimable {
			t.Fatalf("claim %+v", c)
		}
		if st, paid := invoiceStatus(t, id); st != "issued" || paid.StringFixed(2) != "954.18" {
			t.Fatalf("invoice %s paid %s", st, paid)
		}
		a.Do(t, "GET", "/api/v1/invoices/"+itoa(id)+"/claim", stranger.Token, nil).Expect(t, 404)
	})
	t.Run("INV-8_full_payment_marks_paid_and_publishes", func(t *testing.T) {
		a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "4081.66",
			"received_on": "2025-04-01", "invoice_id": id}).Expect(t, 201)
		if st, _ := invoiceStatus(t, id); st != "paid" {
			t.Fatalf("status %s", st)
		}
		if n := count(t, "SELECT count(*) FROM events WHERE kind = 'invoice.paid' AND entity_id = ?", id); n != 1 {
			t.Fatalf("%d invoice.paid events", n)
		}
	})
	t.Run("bad_input", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "-1", "received_on": "2025-03-03"})
		r.Expect(t, 422)
		a.Do(t, "POST", "/api/v1/payments", contact.Token, map[string]any{"customer_id": cust.ID, "amount": "1", "received_on": "2025-03-03"}).Expect(t, 403)
		a.Do(t, "PUT", "/api/v1/interest-rates", am.Token, []map[string]any{}).Expect(t, 403)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestBankStatementImport(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 3, 16, 9, 0, 0, 0, clock.Amsterdam))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	am := testkit.Login(t, auth.AccountManager, nil)
	na, nb, nc := testkit.Unique("A"), testkit.Unique("B"), testkit.Unique("C")
	ia := issuedInvoice(t, cust.ID, na, "1210.00", "2026-02-20", "2026-03-06", "004")
	ib := issuedInvoice(t, cust.ID, nb, "800.00", "2026-02-27", "2026-03-13", "004")
	ic := issuedInvoice(t, cust.ID, nc, "400.00", "2026-03-01", "2026-03-15", "004")
	raw, err := os.ReadFile("testdata/camt053_example.xml")
	if err != nil {
		t.Fatal(err)
	}
	// B is named by its payment reference (structured), A and C by their numbers
	file := strings.NewReplacer("{{INVOICE_A}}", na, "{{INVOICE_B}}", "RF"+nb, "{{INVOICE_C}}", nc).Replace(string(raw))
	var res receivables.ImportOut
	a.Do(t, "POST", "/api/v1/bank-statements", am.Token, file).Expect(t, 201).JSON(t, &res)
	if res.Credits != 5 || res.Added != 5 || res.Matched != 3 || res.Unmatched != 2 {
		t.Fatalf("first import %+v", res)
	}
	if st, _ := invoiceStatus(t, ia); st != "paid" {
		t.Fatalf("A (1210.00 paid in full) is %s", st)
	}
	if st, paid := invoiceStatus(t, ib); st != "issued" || paid.StringFixed(2) != "500.00" {
		t.Fatalf("B %s %s", st, paid)
	}
	if _, paid := invoiceStatus(t, ic); paid.StringFixed(2) != "200.00" {
		t.Fatalf("C paid %s", paid)
	}
	a.Do(t, "POST", "/api/v1/bank-statements", am.Token, file).Expect(t, 201).JSON(t, &res)
	if res.Added != 0 || res.Matched != 0 {
		t.Fatalf("re-import added %+v", res)
	}
	var entries httpx.List[receivables.BankEntryOut]
	a.Do(t, "GET", "/api/v1/bank-entries?unmatched=true", am.Token, nil).Expect(t, 200).JSON(t, &entries)
	var target int64
	for _, e := range entries.Items {
		if e.Ref == "ABN20260313-000005-02" {
			target = e.ID
		}
	}
	if target == 0 {
		t.Fatalf("unmatched entries %+v", entries)
	}
	a.Do(t, "POST", "/api/v1/bank-entries/"+itoa(target)+"/assign", am.Token, map[string]any{"customer_id": cust.ID, "invoice_id": ic}).Expect(t, 200)
	if _, paid := invoiceStatus(t, ic); paid.StringFixed(2) != "300.00" {
		t.Fatalf("C after assignment paid %s", paid)
	}
	a.Do(t, "POST", "/api/v1/bank-entries/"+itoa(target)+"/assign", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 409)
}
