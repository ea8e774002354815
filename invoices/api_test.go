package invoices_test

import (
	"context"
	"fmt"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

func TestDraftAndIssue(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{})
	thirty := 30
	c1 := charge(t, cust.ID, chargeOpts{Description: "Laptop", LineKind: billing.Goods, Qty: "2", Price: "1249.00"})
	c2 := charge(t, cust.ID, chargeOpts{Description: "Beheer januari", Price: "450.00", Domain: "orders", Kind: "contract_period", AgreementKind: "contract", TermDays: &thirty})
	later := charge(t, cust.ID, chargeOpts{Description: "Later", Billable: jan15Date().AddDays(30)})

	var inv invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &inv)
	if inv.Number != nil || inv.Status != "draft" || len(inv.Lines) != 2 {
		t.Fatalf("draft: %+v", inv)
	}
	if inv.Totals.Net.String() != "2948" || inv.Totals.VAT.StringFixed(2) != "619.08" {
		t.Errorf("totals %+v", inv.Totals)
	}
	// a line by hand, a note; one charge removed again
	var patched invoices.InvoiceOut
	s.app.Do(t, "PATCH", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, map[string]any{"note": "Project X", "purchase_order": "PO-77",
		"add_lines":       []map[string]any{{"description": "Voorrijkosten", "line_kind": "services", "quantity": "1", "unit_price": "35.00", "vat_rate": "21"}},
		"remove_line_ids": []int64{inv.Lines[0].ID}}).Expect(t, 200).JSON(t, &patched)
	if len(patched.Lines) != 2 || patched.PurchaseOrder != "PO-77" {
		t.Fatalf("patched %+v", patched)
	}
	if ch, _ := billing.Get(context.Background(), testkit.DB(t).Bun, c1.ID); ch.InvoiceID != nil {
		t.Errorf("removed charge still on the draft")
	}
	t.Run("INV-1_draft_has_no_number_issue_takes_the_next", func(t *testing.T) {
		var issued invoices.InvoiceOut
		s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &issued)
		if issued.Number == nil || issued.Status != "issued" || issued.IssueDate.String() != "2026-01-15" {
			t.Fatalf("issued %+v", issued)
		}
		if issued.Customer.Street != "Europalaan 100" || issued.Customer.KvK == "" {
			t.Errorf("snapshot %+v", issued.Customer)
		}
		t.Run("INV-2_contract_term_30_days", func(t *testing.T) {
			if issued.DueDate.String() != "2026-02-14" || issued.PaymentTermDays != 30 {
				t.Errorf("due %s (%d days)", issued.DueDate, issued.PaymentTermDays)
			}
		})
		ch, _ := billing.Get(context.Background(), testkit.DB(t).Bun, c2.ID)
		if ch.Status != billing.Invoiced {
			t.Errorf("charge %s", ch.Status)
		}
		if ch, _ := billing.Get(context.Background(), testkit.DB(t).Bun, later.ID); ch.InvoiceID != nil {
			t.Errorf("a charge billable later was taken")
		}
	})
	t.Run("INV-1_issued_invoice_is_immutable", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/invoices/%d", inv.ID)
		if r := s.app.Do(t, "PATCH", path, am.Token, map[string]any{"note": "x"}).Expect(t, 409); r.Code(t) != "invoice_immutable" {
			t.Errorf("code %s", r.Code(t))
		}
		s.app.Do(t, "DELETE", path, am.Token, nil).Expect(t, 409)
		s.app.Do(t, "POST", path+"/issue", am.Token, nil).Expect(t, 409)
		db := testkit.DB(t).Bun
		if _, err := db.ExecContext(context.Background(), "UPDATE invoices SET note = 'changed' WHERE id = ?", inv.ID); err == nil {
			t.Error("the database let an issued invoice change")
		}
		if _, err := db.ExecContext(context.Background(), "UPDATE invoice_lines SET description = 'changed' WHERE invoice_id = ?", inv.ID); err == nil {
			t.Error("the database let an issued invoice's line change")
		}
		if _, err := db.ExecContext(context.Background(), "DELETE FROM invoices WHERE id = ?", inv.ID); err == nil {
			t.Error("the database let a numbered invoice be deleted")
		}
		if _, err := db.ExecContext(context.Background(), "UPDATE invoices SET paid = 10 WHERE id = ?", inv.ID); err != nil {
			t.Errorf("the settlement columns must stay writable: %v", err)
		}
		if _, err := db.ExecContext(context.Background(), "UPDATE invoices SET paid = 0 WHERE id = ?", inv.ID); err != nil {
			t.Error(err)
		}
	})
	t.Run("tenancy_404_for_another_customer", func(t *testing.T) {
		other := customer(t, custOpts{})
		contact := testkit.Login(t, auth.Customer, &other.ID)
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), contact.Token, nil).Expect(t, 404)
		own := testkit.Login(t, auth.Customer, &cust.ID)
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), own.Token, nil).Expect(t, 200)
		var l struct{ Items []invoices.InvoiceSummary }
		s.app.Do(t, "GET", "/api/v1/invoices", contact.Token, nil).Expect(t, 200).JSON(t, &l)
		for _, i := range l.Items {
			if i.CustomerID != other.ID {
				t.Errorf("list shows invoice %d of customer %d", i.ID, i.CustomerID)
			}
		}
	})
}

func TestDeleteDraftReleasesCharges(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{})
	c := charge(t, cust.ID, chargeOpts{})
	var inv invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID, "charge_ids": []int64{c.ID}}).Expect(t, 201).JSON(t, &inv)
	s.app.Do(t, "DELETE", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 204)
	ch, _ := billing.Get(context.Background(), testkit.DB(t).Bun, c.ID)
	if ch.InvoiceID != nil || ch.Status != billing.Open {
		t.Errorf("charge %s on %v", ch.Status, ch.InvoiceID)
	}
}

func TestBadInput(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{})
	other := customer(t, custOpts{})
	foreign := charge(t, other.ID, chargeOpts{})
	db := testkit.DB(t).Bun
	counter := func() int64 {
		var v int64
		_ = db.NewRaw("SELECT COALESCE((SELECT value FROM counters WHERE name = 'invoice:2026'), 0)").Scan(context.Background(), &v)
		return v
	}
	before := counter()
	t.Run("charge_of_another_customer_422", func(t *testing.T) {
		r := s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID, "charge_ids": []int64{foreign.ID}}).Expect(t, 422)
		if fe := r.FieldErrors(t); len(fe) != 1 || fe[0] != "charge_ids[0]" {
			t.Errorf("fields %v", fe)
		}
	})
	var empty invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID, "charge_ids": []int64{}}).Expect(t, 201).JSON(t, &empty)
	t.Run("INV-1_empty_draft_422_no_number", func(t *testing.T) {
		if r := s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", empty.ID), am.Token, nil).Expect(t, 422); r.Code(t) != "invoice_empty" {
			t.Errorf("code %s", r.Code(t))
		}
	})
	t.Run("bad_lines_422", func(t *testing.T) {
		r := s.app.Do(t, "PATCH", fmt.Sprintf("/api/v1/invoices/%d", empty.ID), am.Token, map[string]any{"add_lines": []map[string]any{
			{"description": "x", "line_kind": "services", "quantity": "1", "unit_price": "10.005", "vat_rate": "21"},
			{"description": "y", "line_kind": "services", "quantity": "1", "unit_price": "10", "vat_rate": "19"}}}).Expect(t, 422)
		fe := r.FieldErrors(t)
		if len(fe) != 2 || fe[0] != "add_lines[0].unit_price" || fe[1] != "add_lines[1].vat_rate" {
			t.Errorf("fields %v", fe)
		}
	})
	t.Run("INV-1_customer_without_address_422_no_number", func(t *testing.T) {
		bare := customer(t, custOpts{NoAddress: true})
		charge(t, bare.ID, chargeOpts{})
		var inv invoices.InvoiceOut
		s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": bare.ID}).Expect(t, 201).JSON(t, &inv)
		if r := s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 422); r.Code(t) != "customer_address_missing" {
			t.Errorf("code %s", r.Code(t))
		}
	})
	if after := counter(); after != before {
		t.Errorf("failed issues consumed numbers: %d → %d", before, after)
	}
	t.Run("technician_403_customer_cannot_draft", func(t *testing.T) {
		tech := testkit.Login(t, auth.Technician, nil)
		s.app.Do(t, "POST", "/api/v1/invoices", tech.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 403)
	})
}
