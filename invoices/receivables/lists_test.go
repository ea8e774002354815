package receivables_test

import (
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestPaymentListTools: the payment list sorts by its headers (the cursor keeps the
// sort), and its CSV streams every payment in batches beyond one page through the
// page's query with formula cells neutralised (issue 13).
func TestPaymentListTools(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 2
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	tag := testkit.Unique("=PAY")
	for _, amt := range []string{"30.00", "10.00", "20.00"} {
		a.Do(t, "POST", "/api/v1/payments", admin.Token, map[string]any{"customer_id": cust.ID, "amount": amt, "received_on": "2026-04-01", "reference": tag}).Expect(t, 201)
	}
	rows := testkit.ReadCSV(t, a.Do(t, "GET", "/receivables/payments?format=csv&sort=amount&dir=asc", admin.Token, nil).Expect(t, 200).Body)
	var mine []string
	for _, r := range rows[1:] {
		if r[5] == "'"+tag {
			mine = append(mine, r[4])
		} else if r[5] == tag {
			t.Fatalf("formula reference not neutralised: %v", r)
		}
	}
	if rows[0][0] != "Payment" || strings.Join(mine, " ") != "10.00 20.00 30.00" {
		t.Fatalf("payments csv by amount (2 a batch): %v of %v", mine, rows)
	}
	body := string(a.Do(t, "GET", "/receivables/payments?sort=amount&dir=desc&limit=1", admin.Token, nil).Expect(t, 200).Body)
	if !strings.Contains(body, `id="next-page"`) || !strings.Contains(body, `aria-sort="descending"`) || !strings.Contains(body, "sort=amount") {
		t.Fatal("payment list: no pager keeping the sort")
	}
	a.Do(t, "GET", "/receivables/payments?sort=customer", admin.Token, nil).Expect(t, 422)
	entries := testkit.ReadCSV(t, a.Do(t, "GET", "/receivables/bank-entries?format=csv", admin.Token, nil).Expect(t, 200).Body)
	if entries[0][0] != "Entry" {
		t.Fatalf("bank entries csv header %v", entries[0])
	}
}

// A list filter that is not a number, or a flag that is not true or false, is refused
// with every field error at once, never dropped to an unfiltered list.
func TestListFiltersParsedStrictly(t *testing.T) {
	a, _ := setup(t, time.Date(2026, 5, 1, 10, 0, 0, 0, clock.Amsterdam))
	admin := testkit.Login(t, auth.Admin, nil)
	for path, want := range map[string]string{
		"/api/v1/payments?customer_id=abc&limit=0":   "customer_id limit",
		"/api/v1/payments?customer_id=-3":            "customer_id",
		"/api/v1/bank-entries?unmatched=yes":         "unmatched",
		"/api/v1/bank-entries?unmatched=1&limit=900": "limit",
	} {
		r := a.Do(t, "GET", path, admin.Token, nil).Expect(t, 422)
		if got := strings.Join(r.FieldErrors(t), " "); r.Code(t) != "validation_failed" || got != want {
			t.Errorf("%s: %s %q, want the fields %q", path, r.Code(t), got, want)
		}
	}
	a.Do(t, "GET", "/api/v1/bank-entries?unmatched=true", admin.Token, nil).Expect(t, 200)
	a.Do(t, "GET", "/api/v1/payments?customer_id=1", admin.Token, nil).Expect(t, 200)
}
