package invoices_test

import (
	"context"
	"fmt"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

func TestCreditNotes(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{})
	ch := charge(t, cust.ID, chargeOpts{Description: "Laptop", LineKind: billing.Goods, Qty: "3", Price: "1000.00"})
	charge(t, cust.ID, chargeOpts{Description: "Installatie", Qty: "2", Price: "75.00"})
	var inv invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &inv)
	s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
	path := fmt.Sprintf("/api/v1/invoices/%d/credit", inv.ID)
	laptop := inv.Lines[0].ID

	var cn invoices.CreditNoteOut
	t.Run("INV-1_partial_credit_note_in_its_own_series", func(t *testing.T) {
		s.app.Do(t, "POST", path, am.Token, map[string]any{"reason": "Eén laptop retour", "reopen_charges": true,
			"lines": []map[string]any{{"line_id": laptop, "quantity": "1"}}}).Expect(t, 201).JSON(t, &cn)
		if len(cn.Number) < 2 || cn.Number[0] != 'C' || cn.InvoiceNumber != *inv.Number {
			t.Errorf("credit note %s for %s", cn.Number, cn.InvoiceNumber)
		}
		if cn.Totals.Gross.StringFixed(2) != "1210.00" {
			t.Errorf("gross %s", cn.Totals.Gross)
		}
		var after invoices.InvoiceOut
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &after)
		if after.Credited.StringFixed(2) != "1210.00" || after.Balance.StringFixed(2) != fmt.Sprint(inv.Totals.Gross.Sub(after.Credited.Decimal).StringFixed(2)) || after.Status != "issued" {
			t.Errorf("after credit: %s credited, balance %s, %s", after.Credited, after.Balance, after.Status)
		}
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/credit-notes/%d", cn.ID), am.Token, nil).Expect(t, 200)
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/credit-notes/%d/pdf", cn.ID), am.Token, nil).Expect(t, 200)
	})
	t.Run("charges_reopened_for_a_corrected_invoice", func(t *testing.T) {
		open, err := billing.OpenUntil(context.Background(), testkit.DB(t).Bun, cust.ID, civil.D(2026, 12, 31))
		if err != nil || len(open) != 1 || open[0].CorrectsID == nil || *open[0].CorrectsID != ch.ID {
			t.Errorf("reopened %+v %v", open, err)
		}
	})
	t.Run("INV-1_credit_more_than_invoiced_409_no_number", func(t *testing.T) {
		r := s.app.Do(t, "POST", path, am.Token, map[string]any{"reason": "x", "lines": []map[string]any{{"line_id": laptop, "quantity": "3"}}}).Expect(t, 409)
		if r.Code(t) != "credit_exceeds_invoice" {
			t.Errorf("code %s", r.Code(t))
		}
	})
	t.Run("credit_the_rest_then_credited", func(t *testing.T) {
		var rest invoices.CreditNoteOut
		s.app.Do(t, "POST", path, am.Token, map[string]any{"reason": "Order geannuleerd"}).Expect(t, 201).JSON(t, &rest)
		if want := nextCredit(cn.Number); rest.Number != want {
			t.Errorf("number %s, want %s (gapless)", rest.Number, want)
		}
		var after invoices.InvoiceOut
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &after)
		if after.Status != "credited" || !after.Balance.IsZero() {
			t.Errorf("status %s balance %s", after.Status, after.Balance)
		}
		s.app.Do(t, "POST", path, am.Token, map[string]any{"reason": "again"}).Expect(t, 409)
	})
	t.Run("draft_cannot_be_credited", func(t *testing.T) {
		var dr invoices.InvoiceOut
		s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &dr)
		s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/credit", dr.ID), am.Token, map[string]any{"reason": "x"}).Expect(t, 409)
	})
}

func nextCredit(n string) string {
	var y, seq int
	fmt.Sscanf(n, "C%d-%d", &y, &seq)
	return fmt.Sprintf("C%d-%05d", y, seq+1)
}

// TestSettlementForReceivables: the functions receivables uses; invoice.paid once the
// balance reaches zero, and the trigger lets only the settlement change.
func TestSettlementForReceivables(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	cust := customer(t, custOpts{})
	charge(t, cust.ID, chargeOpts{Price: "100.00"})
	dr, _ := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID})
	doc, err := s.svc.Issue(ctx, dr.Invoice.ID)
	if err != nil {
		t.Fatal(err)
	}
	db := testkit.DB(t).Bun
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	st, err := invoices.ForSettlement(ctx, tx, doc.Invoice.ID)
	if err != nil || !st.Balance().Equal(d("121.00")) || len(st.Charges) != 1 {
		t.Fatalf("settlement %+v %v", st, err)
	}
	st, err = invoices.RecordSettlement(ctx, tx, jan15, doc.Invoice.ID, d("21.00"), jan15Date())
	if err != nil || st.Status != invoices.Issued {
		t.Fatalf("partial: %+v %v", st, err)
	}
	st, err = invoices.RecordSettlement(ctx, tx, jan15, doc.Invoice.ID, d("121.00"), jan15Date().AddDays(3))
	if err != nil || st.Status != invoices.Paid || st.SettledOn == nil {
		t.Fatalf("paid: %+v %v", st, err)
	}
	var n int
	if err := tx.NewRaw("SELECT count(*) FROM events WHERE kind = 'invoice.paid' AND entity_id = ?", doc.Invoice.ID).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("invoice.paid events %d %v", n, err)
	}
	if _, err := invoices.RecordSettlement(ctx, tx, jan15, doc.Invoice.ID, d("122.00"), jan15Date()); err == nil {
		t.Error("overpayment beyond the invoice accepted")
	}
}
