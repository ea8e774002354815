package invoices_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// TestInvoiceListTools: the invoice and credit note lists export CSV through the page's
// own query (filters respected, every row streamed in batches beyond one page, formula
// cells neutralised), sort by their headers, keep the filters in every link, and the
// customer page shows the customer's invoices as a tab (issue 13).
func TestInvoiceListTools(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	defer func(n int) { listq.ExportBatch = n }(listq.ExportBatch)
	listq.ExportBatch = 2
	am := testkit.Login(t, auth.AccountManager, nil)
	cust, other := customer(t, custOpts{}), customer(t, custOpts{})
	var issued []string
	var first *invoices.Document
	for i, price := range []string{"300.00", "100.00", "200.00"} {
		charge(t, cust.ID, chargeOpts{Description: fmt.Sprintf("=cmd|' /C calc'!A%d", i), Price: price})
		dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := s.svc.Issue(ctx, dr.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		issued = append(issued, *doc.Invoice.Number)
		if first == nil {
			first = doc
		}
	}
	charge(t, other.ID, chargeOpts{Price: "50.00"})
	if _, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: other.ID}); err != nil {
		t.Fatal(err)
	}

	rows := testkit.ReadCSV(t, s.app.Do(t, "GET", fmt.Sprintf("/invoices?format=csv&customer_id=%d&status=issued&sort=total&dir=asc", cust.ID), am.Token, nil).Expect(t, 200).Body)
	if len(rows) != 4 || rows[0][0] != "Number" {
		t.Fatalf("invoices csv of one customer (3 rows, 2 a batch): %v", rows)
	}
	if rows[1][0] != issued[1] || rows[2][0] != issued[2] || rows[3][0] != issued[0] || rows[1][6] != "121.00" {
		t.Fatalf("csv not by total ascending: %v", rows)
	}
	for _, r := range rows[1:] {
		if r[2] != "issued" {
			t.Fatalf("row %v outside the filter", r)
		}
	}

	path := fmt.Sprintf("/invoices?customer_id=%d&sort=total&dir=desc&limit=2", cust.ID)
	body := string(s.app.Do(t, "GET", path, am.Token, nil).Expect(t, 200).Body)
	if i, j := strings.Index(body, issued[0]), strings.Index(body, issued[2]); i < 0 || j < i || strings.Contains(body, issued[1]) {
		t.Fatalf("page 1 by total descending, 2 a page")
	}
	for _, link := range []string{`id="export-csv"`, `id="next-page"`} {
		i := strings.Index(body, link)
		if i < 0 {
			t.Fatalf("no %s", link)
		}
		tag := body[strings.LastIndex(body[:i], "<a"):i]
		if !strings.Contains(tag, fmt.Sprintf("customer_id=%d", cust.ID)) || !strings.Contains(tag, "sort=total") {
			t.Errorf("%s loses the filters: %s", link, tag)
		}
	}
	s.app.Do(t, "GET", "/invoices?sort=customer", am.Token, nil).Expect(t, 422)

	// a credit note whose reason is a formula, on the credit note list and its CSV
	if _, err := s.svc.Credit(ctx, first.Invoice.ID, invoices.CreditIn{Reason: "@SUM(1+1)",
		Lines: []invoices.CreditLineIn{{LineID: first.Lines[0].ID, Quantity: first.Lines[0].Quantity}}}); err != nil {
		t.Fatal(err)
	}
	cns := testkit.ReadCSV(t, s.app.Do(t, "GET", fmt.Sprintf("/credit-notes?format=csv&customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).Body)
	if len(cns) != 2 || cns[1][3] != "'@SUM(1+1)" {
		t.Fatalf("credit note csv: %v", cns)
	}
	if !strings.Contains(string(s.app.Do(t, "GET", "/credit-notes?sort=issued&dir=asc", am.Token, nil).Expect(t, 200).Body), `id="credit-note-list"`) {
		t.Fatal("credit note list")
	}
	// issue 13: the list names the credited invoice by its number, not "invoice 12"
	credited := fmt.Sprintf(`<a href="/invoices/%d"><span class="mono">%s</span></a>`, first.Invoice.ID, first.Invoice.NumberOr())
	if body := string(s.app.Do(t, "GET", fmt.Sprintf("/credit-notes?customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).Body); !strings.Contains(body, credited) {
		t.Fatalf("the credit note list does not name invoice %s", first.Invoice.NumberOr())
	}

	tab := string(s.app.Do(t, "GET", fmt.Sprintf("/customers/%d?tab=invoices", cust.ID), am.Token, nil).Expect(t, 200).Body)
	for _, n := range issued {
		if !strings.Contains(tab, n) {
			t.Errorf("invoices tab lacks %s", n)
		}
	}
}
