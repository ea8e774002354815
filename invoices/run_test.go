package invoices_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// TestInvoiceRun runs in 2024 (its own series and billable dates).
func TestInvoiceRun(t *testing.T) {
	s := newApp(t, time.Date(2024, 4, 1, 9, 0, 0, 0, clock.Amsterdam))
	am := testkit.Login(t, auth.AccountManager, nil)
	until := civil.D(2024, 3, 31)
	in := civil.D(2024, 3, 1)
	one := customer(t, custOpts{})
	charge(t, one.ID, chargeOpts{Description: "Beheer maart", Domain: "orders", Kind: "contract_period", AgreementKind: "contract", Billable: in})
	charge(t, one.ID, chargeOpts{Description: "Detachering februari", Domain: "secondment", Kind: "statement", AgreementKind: "placement", Billable: in})
	charge(t, one.ID, chargeOpts{Description: "Switch", Domain: "orders", Kind: "order_line", LineKind: "goods", Billable: in})
	charge(t, one.ID, chargeOpts{Description: "Beheer april", Billable: civil.D(2024, 4, 1)})
	per := customer(t, custOpts{})
	s.app.Do(t, "PUT", fmt.Sprintf("/api/v1/customers/%d/invoice-settings", per.ID), am.Token, map[string]any{"grouping": "per_agreement"}).Expect(t, 200)
	charge(t, per.ID, chargeOpts{AgreementID: 9001, Billable: in})
	charge(t, per.ID, chargeOpts{AgreementID: 9001, Billable: in})
	charge(t, per.ID, chargeOpts{AgreementID: 9002, Billable: in})
	bare := customer(t, custOpts{NoAddress: true})
	charge(t, bare.ID, chargeOpts{Billable: in})

	var dry invoices.RunOut
	s.app.Do(t, "POST", "/api/v1/invoice-runs", am.Token, map[string]any{"until": until}).Expect(t, 200).JSON(t, &dry)
	t.Run("dry_run_shows_the_plan_and_stores_nothing", func(t *testing.T) {
		if !dry.DryRun || len(dry.Invoices) != 4 || dry.Issued != 0 {
			t.Fatalf("dry %+v", dry)
		}
		if dry.Invoices[0].Charges != 3 {
			t.Errorf("customer one: %d charges", dry.Invoices[0].Charges)
		}
		var l struct{ Items []invoices.InvoiceSummary }
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices?customer_id=%d", one.ID), am.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) != 0 {
			t.Errorf("dry run stored %d invoices", len(l.Items))
		}
	})
	var run invoices.RunOut
	s.app.Do(t, "POST", "/api/v1/invoice-runs", am.Token, map[string]any{"until": until, "dry_run": false}).Expect(t, 200).JSON(t, &run)
	// the recent runs are named by when they ran, not "Run 3" (issue 13)
	if body := s.page(t, "/invoice-runs", am.Token); strings.Contains(body, fmt.Sprintf(">Run %d<", run.ID)) || !strings.Contains(body, ">Run of ") {
		t.Errorf("the runs page names run %d by its id", run.ID)
	}
	t.Run("INV-1_run_issues_consecutive_numbers_grouped_per_settings", func(t *testing.T) {
		if run.Issued != 3 || run.Drafts != 1 {
			t.Fatalf("run %+v", run)
		}
		want := []string{"2024-00001", "2024-00002", "2024-00003", ""}
		for i, p := range run.Invoices {
			if p.Number != want[i] {
				t.Errorf("invoice %d: %q, want %q (%+v)", i, p.Number, want[i], p)
			}
		}
		if run.Invoices[3].Problem == "" {
			t.Errorf("the customer without an address has no problem listed")
		}
	})
	t.Run("Q-9_INV-7_later_charges_wait", func(t *testing.T) {
		var inv invoices.InvoiceOut
		s.app.Do(t, "GET", fmt.Sprintf("/api/v1/invoices/%d", run.Invoices[0].InvoiceID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
		if len(inv.Lines) != 3 {
			t.Errorf("%d lines", len(inv.Lines))
		}
		seen := map[string]bool{}
		for _, l := range inv.Lines {
			seen[l.Source[:len(l.Source)-5]] = true
		}
		if len(seen) < 2 {
			t.Errorf("sources %v", seen)
		}
	})
	t.Run("running_twice_issues_nothing_twice", func(t *testing.T) {
		var again invoices.RunOut
		s.app.Do(t, "POST", "/api/v1/invoice-runs", am.Token, map[string]any{"until": until, "dry_run": false}).Expect(t, 200).JSON(t, &again)
		if again.Issued != 0 || len(again.Invoices) != 0 {
			t.Errorf("second run %+v", again)
		}
	})
	_ = context.Background()
}
