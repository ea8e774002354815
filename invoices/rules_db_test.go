package invoices_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

func TestVATNotesOnTheInvoice(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	issue := func(o custOpts, c chargeOpts) *invoices.Document {
		cu := customer(t, o)
		charge(t, cu.ID, c)
		dr, _ := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cu.ID})
		doc, err := s.svc.Issue(ctx, dr.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	t.Run("INV-1_art35a_reverse_charge_btw_verlegd_both_VAT_ids", func(t *testing.T) {
		doc := issue(custOpts{Country: "BE", VATID: "BE0123456749"}, chargeOpts{})
		inv := doc.Invoice
		if !strings.Contains(strings.ToLower(inv.VATNote), "btw verlegd") || inv.CustomerVATID != "BE0123456749" || inv.Supplier.VATID == "" {
			t.Errorf("note %q, customer VAT %q, ours %q", inv.VATNote, inv.CustomerVATID, inv.Supplier.VATID)
		}
		if !inv.VAT.IsZero() || doc.Lines[0].VATCategory != "AE" {
			t.Errorf("VAT %s category %s", inv.VAT, doc.Lines[0].VATCategory)
		}
	})
	t.Run("INV-1_art35a_english_VAT_reverse_charged", func(t *testing.T) {
		doc := issue(custOpts{Country: "BE", VATID: "BE0123456749", Language: "en"}, chargeOpts{})
		if !strings.Contains(doc.Invoice.VATNote, "VAT reverse charged") {
			t.Errorf("note %q", doc.Invoice.VATNote)
		}
	})
	t.Run("INV-1_art35a_intra_EU_goods_delivery_date", func(t *testing.T) {
		doc := issue(custOpts{Country: "DE", VATID: "DE123456789"}, chargeOpts{LineKind: billing.Goods, Billable: civil.D(2026, 1, 12)})
		if !strings.Contains(doc.Invoice.VATNote, "ntracommunautaire levering") || doc.Invoice.DeliveryDate == nil || *doc.Invoice.DeliveryDate != civil.D(2026, 1, 12) {
			t.Errorf("note %q delivery %v", doc.Invoice.VATNote, doc.Invoice.DeliveryDate)
		}
	})
}

// TestOverdueDerived: an issued invoice past its due date reads as overdue (INV-2) whether
// or not a job ran; the list filters on it.
func TestOverdueDerived(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	cust := customer(t, custOpts{})
	charge(t, cust.ID, chargeOpts{})
	var inv invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &inv)
	s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 200)
	t.Run("INV-2_due_after_14_days_overdue_the_day_after", func(t *testing.T) {
		s.app.Clock.Set(time.Date(2026, 1, 29, 12, 0, 0, 0, clock.Amsterdam))
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
		if inv.Status != "issued" {
			t.Errorf("on the due date: %s", inv.Status)
		}
		s.app.Clock.Set(time.Date(2026, 1, 30, 0, 30, 0, 0, clock.Amsterdam))
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
		if inv.Status != "overdue" {
			t.Errorf("the day after: %s", inv.Status)
		}
		var l struct{ Items []invoices.InvoiceSummary }
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices?status=overdue&customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) != 1 {
			t.Errorf("overdue list %d", len(l.Items))
		}
	})
}

// TestStatementsInArrears: a secondment statement is billable the first of the next month
// (SEC-4, monthly in arrears; the producer sets billable_on): a draft until the end of the
// month leaves it, the next month's draft takes it with its period.
func TestStatementsInArrears(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	cust := customer(t, custOpts{})
	jan := [2]civil.Date{civil.D(2026, 1, 1), civil.D(2026, 1, 31)}
	charge(t, cust.ID, chargeOpts{Domain: "secondment", Kind: "statement", AgreementKind: "placement", Description: "Detachering januari",
		Qty: "160", Unit: "hour", Price: "85.00", Billable: civil.D(2026, 2, 1), Period: &jan})
	until := civil.D(2026, 1, 31)
	t.Run("SEC-4_not_before_the_month_is_over", func(t *testing.T) {
		dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID, Until: &until})
		if err != nil || len(dr.Lines) != 0 {
			t.Fatalf("lines %d %v", len(dr.Lines), err)
		}
		_ = s.svc.DeleteDraft(ctx, dr.Invoice.ID)
	})
	t.Run("SEC-4_billed_with_its_period_in_the_next_month", func(t *testing.T) {
		feb := civil.D(2026, 2, 1)
		dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: cust.ID, Until: &feb})
		if err != nil || len(dr.Lines) != 1 || dr.Lines[0].PeriodStart == nil || *dr.Lines[0].PeriodEnd != jan[1] {
			t.Fatalf("draft %+v %v", dr, err)
		}
	})
}
