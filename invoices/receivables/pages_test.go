package receivables_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
	"backoffice/internal/web"
)

func TestPages(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	id := issuedInvoice(t, cust.ID, testkit.Unique("P"), "2420.00", "2026-01-15", "2026-01-29", "002")
	for _, c := range []struct{ path, token, want string }{
		{"/receivables", admin.Token, `id="ageing-chart"`},
		{"/receivables/payments", admin.Token, `id="payment-form"`},
		{"/receivables/interest-rates", admin.Token, "10,15\u00a0%"},
		{"/receivables/invoices/" + itoa(id) + "?on=2026-05-01", admin.Token, `id="interest-lines"`},
		{"/portal/balance", contact.Token, `id="portal-open"`},
	} {
		r := a.Do(t, "GET", c.path, c.token, nil)
		if r.Status != 200 || !strings.Contains(string(r.Body), c.want) {
			t.Errorf("%s: %d, want %q in:\n%.600s", c.path, r.Status, c.want, r.Body)
		}
	}
	a.Do(t, "GET", "/receivables", contact.Token, nil).Expect(t, 403)
}

func TestAgeingAPI(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	issuedInvoice(t, cust.ID, testkit.Unique("G"), "100.00", "2026-04-20", "2026-05-04", "004") // not due
	issuedInvoice(t, cust.ID, testkit.Unique("G"), "200.00", "2026-03-01", "2026-03-31", "004") // 31 days late
	issuedInvoice(t, cust.ID, testkit.Unique("G"), "300.00", "2026-01-01", "2026-01-15", "004") // 106 days late
	var out struct {
		Customers []struct {
			CustomerID int64             `json:"customer_id"`
			Buckets    map[string]string `json:"buckets"`
			Total      string            `json:"total"`
		} `json:"customers"`
	}
	a.Do(t, "GET", "/api/v1/receivables/ageing?on=2026-05-01", am.Token, nil).Expect(t, 200).JSON(t, &out)
	for _, r := range out.Customers {
		if r.CustomerID == cust.ID {
			if r.Buckets["not_due"] != "100.00" || r.Buckets["31_60"] != "200.00" || r.Buckets["over_90"] != "300.00" || r.Buckets["1_30"] != "0.00" || r.Total != "600.00" {
				t.Fatalf("ageing %+v", r)
			}
			return
		}
	}
	t.Fatal("customer missing from the ageing report")
}

// TestPaymentsNameThePayer (issue 13): the payments list names a payment by its payer,
// amount and day, never "Payment 7".
func TestPaymentsNameThePayer(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	var p struct {
		ID int64 `json:"id"`
	}
	a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "400.00", "received_on": "2026-04-30"}).Expect(t, 201).JSON(t, &p)
	body := string(a.Do(t, "GET", "/receivables/payments?sort=created&dir=desc", am.Token, nil).Expect(t, 200).Body)
	row := fmt.Sprintf(`<tr data-payment="%d"><td class="card-title">%s · %s · 30 April 2026</td>`, p.ID, template.HTMLEscapeString(cust.Name), web.Money("400.00"))
	if !strings.Contains(body, row) {
		t.Errorf("the payments list does not name payment %d by payer, amount and day (%s)", p.ID, row)
	}
	for _, bare := range []string{fmt.Sprintf("Payment %d<", p.ID), fmt.Sprintf("Betaling %d<", p.ID)} {
		if strings.Contains(body, bare) {
			t.Errorf("the payments list shows %q", bare)
		}
	}
	// the audit log names it the same way
	admin := testkit.Login(t, auth.Admin, nil)
	audit := string(a.Do(t, "GET", fmt.Sprintf("/audit?entity=payment&entity_id=%d", p.ID), admin.Token, nil).Expect(t, 200).Body)
	if want := fmt.Sprintf("Payment %s · %s · 30 April 2026<", template.HTMLEscapeString(cust.Name), web.Money("400.00")); !strings.Contains(audit, want) {
		t.Errorf("the audit log does not name payment %d as %q", p.ID, want)
	}
}

// The portal's open balance reads the facts of all a customer's open invoices at once:
// its statements do not grow with the invoices (they were eleven more per invoice), and
// every open invoice is on it.
func TestPortalBalanceStatementsDoNotGrowWithInvoices(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	numbers := []string{testkit.Unique("PB")}
	issuedInvoice(t, cust.ID, numbers[0], "121.00", "2026-03-02", "2026-03-16", "004")
	count := func() int {
		a.Do(t, "GET", "/portal/balance", contact.Token, nil).Expect(t, 200) // the login is cached after this
		n := testkit.CountQueries(t)
		r := a.Do(t, "GET", "/portal/balance", contact.Token, nil).Expect(t, 200)
		got := n.Stop()
		for _, num := range numbers {
			if !strings.Contains(string(r.Body), num) {
				t.Fatalf("invoice %s is not on the portal's balance", num)
			}
		}
		return got
	}
	one := count()
	for i := range 4 {
		numbers = append(numbers, testkit.Unique("PB"))
		issuedInvoice(t, cust.ID, numbers[len(numbers)-1], fmt.Sprintf("%d.00", 200+i), "2026-04-01", "2026-04-15", "004")
	}
	if five := count(); five != one {
		t.Fatalf("the balance sent %d statements for one open invoice and %d for five", one, five)
	}
}
