package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// TestSeamQuoteToTitle follows one agreement through every domain, which meet only through
// the charges ledger and events: a quote with laptops and installation is accepted
// (orders charge the installation, publish quote.accepted); hardware learns the order lines
// from the event, delivers the laptops and charges them per delivery (INV-7); an invoice
// bills every open charge and publishes invoice.issued; a payment settles it and
// invoice.paid releases the retention of title (HW-4, INV-8).
func TestSeamQuoteToTitle(t *testing.T) {
	ctx := context.Background()
	a := fullApp(t)
	a.Clock.Set(time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam))
	deliver := func() {
		t.Helper()
		if _, _, err := a.Deps.Events.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	am := testkit.Login(t, auth.AccountManager, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	a.Do(t, "PATCH", fmt.Sprintf("/api/v1/customers/%d", cust.ID), admin.Token, map[string]any{
		"street": "Stationsplein 1", "postal_code": "3511 ED", "city": "Utrecht", "country": "NL", "kvk_number": fmt.Sprintf("%08d", cust.ID%100000000),
		"billing_email": "finance@example.test"}).Expect(t, 200)
	sku := fmt.Sprintf("LAP-SEAM-%d", cust.ID)
	a.Do(t, "POST", "/api/v1/products", am.Token, map[string]any{"sku": sku, "name": "Laptop 14", "manufacturer": "Lenovo",
		"warranty_months": 24, "serialised": true, "condition": "new"}).Expect(t, 201)

	var q struct{ ID int64 }
	a.Do(t, "POST", "/api/v1/quotes", am.Token, map[string]any{"customer_id": cust.ID, "title": "Two laptops", "start_date": "2026-03-16",
		"lines": []map[string]any{
			{"kind": "hardware", "description": "Laptop 14", "quantity": "2", "unit": "pcs", "unit_price": "900.00", "vat_rate": "21", "sku": sku},
			{"kind": "service", "description": "Installation", "quantity": "2", "unit": "hour", "unit_price": "95.00", "vat_rate": "21", "sku": "ENG-HOUR"},
		}}).Expect(t, 201).JSON(t, &q)
	a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/send", q.ID), am.Token, nil).Expect(t, 200)
	var acc struct {
		Order struct {
			ID    int64
			Lines []struct {
				ID   int64
				Kind string
			}
		}
	}
	a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), contact.Token, map[string]any{"accepted_by": "Anna de Vries", "method": "portal"}).
		Expect(t, 200).JSON(t, &acc)
	deliver() // hardware learns the order's hardware lines from quote.accepted
	var hwLine int64
	for _, l := range acc.Order.Lines {
		if l.Kind == "hardware" {
			hwLine = l.ID
		}
	}
	var charges struct {
		Items []struct{ Source, Status string }
	}
	a.Do(t, "GET", fmt.Sprintf("/api/v1/charges?customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &charges)
	if len(charges.Items) != 1 {
		t.Fatalf("INV-7: at acceptance only the installation is billable, got %+v", charges.Items)
	}

	var d struct{ ID int64 }
	a.Do(t, "POST", "/api/v1/deliveries", am.Token, map[string]any{"order_id": acc.Order.ID, "planned_on": "2026-03-03",
		"lines": []map[string]any{{"order_line_id": hwLine, "quantity": "2", "serials": []string{"SN-A-" + sku, "SN-B-" + sku}}}}).Expect(t, 201).JSON(t, &d)
	a.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/deliver", d.ID), am.Token, map[string]any{"delivered_at": "2026-03-02T08:30:00Z",
		"received_by": "Anna de Vries"}).Expect(t, 200)
	a.Do(t, "GET", fmt.Sprintf("/api/v1/charges?customer_id=%d&status=open", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &charges)
	if len(charges.Items) != 2 {
		t.Fatalf("INV-7: the delivered laptops are billable per delivery, got %+v", charges.Items)
	}
	items := func() []struct{ Title string } {
		var l struct{ Items []struct{ Title string } }
		a.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items?customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &l)
		return l.Items
	}
	if it := items(); len(it) != 2 || it[0].Title != "retained" {
		t.Fatalf("HW-4: delivered items stay ours until paid, got %+v", it)
	}

	var inv struct {
		ID     int64
		Status string
		Totals struct{ Gross string }
	}
	a.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &inv)
	a.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
	// 2 × 900.00 + 2 × 95.00 = 1,990.00 net, 417.90 VAT at 21 % = 2,407.90.
	if inv.Status != "issued" || inv.Totals.Gross != "2407.90" {
		t.Fatalf("invoice %+v", inv)
	}
	deliver()
	a.Do(t, "GET", fmt.Sprintf("/api/v1/charges?customer_id=%d&status=invoiced", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &charges)
	if len(charges.Items) != 2 {
		t.Fatalf("charges on the issued invoice %+v", charges.Items)
	}
	a.Clock.Set(time.Date(2026, 3, 12, 12, 0, 0, 0, clock.Amsterdam))
	a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "1000.00", "received_on": "2026-03-10", "invoice_id": inv.ID}).Expect(t, 201)
	deliver()
	if it := items(); it[0].Title != "retained" {
		t.Fatalf("INV-8: a partial payment keeps the title, got %+v", it)
	}
	a.Do(t, "POST", "/api/v1/payments", am.Token, map[string]any{"customer_id": cust.ID, "amount": "1407.90", "received_on": "2026-03-12", "invoice_id": inv.ID}).Expect(t, 201)
	deliver()
	if it := items(); len(it) != 2 || it[0].Title != "transferred" || it[1].Title != "transferred" {
		t.Fatalf("INV-8: the last payment transfers the title, got %+v", it)
	}

	// DATA-2: the customer's export holds its records and its documents, rendered.
	res := a.Do(t, "GET", fmt.Sprintf("/api/v1/customers/%d/export", cust.ID), contact.Token, nil).Expect(t, 200)
	zr, err := zip.NewReader(bytes.NewReader(res.Body), int64(len(res.Body)))
	if err != nil {
		t.Fatal(err)
	}
	var inv2 struct{ Number string }
	a.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv2)
	want := map[string]bool{"documents/invoices/" + inv2.Number + ".pdf": false, "documents/invoices/" + inv2.Number + ".xml": false,
		"charges.json": false, "hw_items.csv": false}
	quotePDF := false
	for _, f := range zr.File {
		if _, ok := want[f.Name]; ok {
			want[f.Name] = true
		}
		if strings.HasPrefix(f.Name, "documents/quotes/") && strings.HasSuffix(f.Name, "-v1.pdf") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			head := make([]byte, 5)
			_, _ = io.ReadFull(rc, head)
			rc.Close()
			quotePDF = string(head) == "%PDF-"
		}
	}
	for name, found := range want {
		if !found {
			t.Errorf("DATA-2 export lacks %s", name)
		}
	}
	if !quotePDF {
		t.Error("DATA-2 export lacks the quote as a PDF")
	}

	// DATA-2 erasure: the domains erase the free text that may name people; invoices stay.
	var tk struct{ ID int64 }
	a.Do(t, "POST", "/api/v1/tickets", contact.Token, map[string]any{"subject": "Laptop van Jan Jansen start niet",
		"description": "Jan's laptop shows a black screen.", "category": "incident"}).Expect(t, 201).JSON(t, &tk)
	var il struct{ Items []struct{ ID int64 } }
	a.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items?customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &il)
	a.Do(t, "POST", "/api/v1/defect-reports", contact.Token, map[string]any{"item_id": il.Items[0].ID, "kind": "hidden",
		"description": "Jan Jansen noticed the hinge cracking."}).Expect(t, 201)
	var name struct{ Name string }
	a.Do(t, "GET", fmt.Sprintf("/api/v1/customers/%d", cust.ID), admin.Token, nil).Expect(t, 200).JSON(t, &name)
	a.Do(t, "POST", fmt.Sprintf("/api/v1/customers/%d/erase", cust.ID), admin.Token, map[string]any{"confirm": name.Name,
		"reason": "Agreement ended; the customer chose destruction (004:6.5)"}).Expect(t, 200)
	var left int
	if err := testkit.DB(t).Bun.NewRaw(`SELECT (SELECT count(*) FROM tickets WHERE customer_id = ? AND (subject LIKE '%Jan%' OR description LIKE '%Jan%'))
		+ (SELECT count(*) FROM hw_defect_reports WHERE customer_id = ? AND description LIKE '%Jan%')
		+ (SELECT count(*) FROM hw_deliveries WHERE customer_id = ? AND received_by LIKE '%Anna%')`, cust.ID, cust.ID, cust.ID).Scan(ctx, &left); err != nil || left != 0 {
		t.Fatalf("DATA-2: %d records still name people after the erasure (%v)", left, err)
	}
	a.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), admin.Token, nil).Expect(t, 200)
}
