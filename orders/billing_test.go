package orders

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

func chargesOf(t *testing.T, agreementKind string, id int64) []billing.Charge {
	t.Helper()
	cs, err := billing.List(context.Background(), testkit.DB(t).Bun, billing.Filter{Agreement: &billing.Agreement{Kind: agreementKind, ID: id}})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestCharges(t *testing.T) {
	e := setup(t, monday2March)
	ctx := context.Background()

	t.Run("INV-7_acceptance_charges_one_off_services_not_hardware_and_publishes_quote.accepted", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		out := e.accept(t, q.ID)
		cs := chargesOf(t, "order", out.Order.ID)
		if len(cs) != 1 || cs[0].Description != "Installation" || cs[0].Quantity.String() != "4" || cs[0].UnitPrice.StringFixed(2) != "95.00" ||
			cs[0].VATRate != "21" || cs[0].LineKind != billing.Services || cs[0].BillableOn.String() != "2026-03-02" || cs[0].TermsProfile != "004" ||
			cs[0].Status != billing.Open || cs[0].SourceDomain != "orders" || cs[0].SourceKind != "order_line" {
			t.Fatalf("charges %+v", cs)
		}
		var ev events.Event
		if err := testkit.DB(t).Bun.NewSelect().Model(&ev).Where("kind = ? AND entity_id = ?", events.QuoteAccepted, out.Order.ID).Scan(ctx); err != nil {
			t.Fatal(err)
		}
		var p events.QuoteAcceptedPayload
		if err := ev.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.OrderID != out.Order.ID || p.CustomerID != e.cust.ID || len(p.Lines) != 3 || p.Lines[0].Kind != "hardware" || p.Lines[0].SKU != "LAP-14" ||
			p.Lines[0].OrderLineID == 0 || p.ContractID == nil || *p.ContractID != out.Contract.ID {
			t.Fatalf("payload %+v", p)
		}
	})

	t.Run("INV-7_IDX-1_contract_fees_in_advance_per_period_at_the_fee_in_force_once_however_often_the_job_runs", func(t *testing.T) {
		q := e.sentQuote(t, map[string]any{"start_date": "2026-03-10"})
		k := *e.accept(t, q.ID).Contract
		svc := e.mod.Service()
		// 2 March + 31 days lookahead = 2 April: periods of 10 March and... only 10 March (next is 10 April).
		if _, err := svc.BillContracts(ctx, monday2March); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.BillContracts(ctx, monday2March); err != nil {
			t.Fatal(err)
		}
		cs := chargesOf(t, "contract", k.ID)
		if len(cs) != 1 || cs[0].PeriodStart.String() != "2026-03-10" || cs[0].PeriodEnd.String() != "2026-04-09" ||
			cs[0].BillableOn.String() != "2026-03-10" || cs[0].UnitPrice.StringFixed(2) != "12.50" || cs[0].Quantity.String() != "10" {
			t.Fatalf("charges %+v", cs)
		}
		// IDX-1: an indexation effective 1 May raises the fee from 125.00 to 130.00; the
		// April period is billed at the fee in force on its first day, May's at the new one.
		if _, err := testkit.DB(t).Bun.ExecContext(ctx, `INSERT INTO contract_fee_changes (contract_line_id, effective, old_fee, new_fee, created_at)
			SELECT id, '2026-05-01', fee, 130.00, now() FROM contract_lines WHERE contract_id = ?`, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := testkit.DB(t).Bun.ExecContext(ctx, `UPDATE contract_lines SET fee = 130.00, fee_since = '2026-05-01' WHERE contract_id = ?`, k.ID); err != nil {
			t.Fatal(err)
		}
		// A month later the next periods appear, still once each.
		later := time.Date(2026, 4, 15, 8, 0, 0, 0, clock.Amsterdam)
		for range 2 {
			if _, err := svc.BillContracts(ctx, later); err != nil {
				t.Fatal(err)
			}
		}
		cs = chargesOf(t, "contract", k.ID)
		if len(cs) != 3 || cs[1].PeriodStart.String() != "2026-04-10" || cs[2].PeriodStart.String() != "2026-05-10" ||
			cs[1].UnitPrice.StringFixed(2) != "12.50" || cs[2].UnitPrice.StringFixed(2) != "13.00" {
			t.Fatalf("charges after a month %+v", cs)
		}
	})

	t.Run("INV-7_a_contract_fee_is_described_in_the_customers_language", func(t *testing.T) {
		db := testkit.DB(t).Bun
		defer db.ExecContext(ctx, `UPDATE customers SET language = 'nl' WHERE id = ?`, e.cust.ID)
		for _, c := range []struct{ lang, want string }{{"nl", "(2,5 gebruiker) — contract "}, {"en", "(2.5 user) — contract "}} {
			if _, err := db.ExecContext(ctx, `UPDATE customers SET language = ? WHERE id = ?`, c.lang, e.cust.ID); err != nil {
				t.Fatal(err)
			}
			q := e.sentQuote(t, map[string]any{"start_date": "2026-03-10"})
			k := *e.accept(t, q.ID).Contract
			// 2.5 users at 125.00 has no price per user in cents: one lump line naming the quantity
			if _, err := db.ExecContext(ctx, `UPDATE contract_lines SET quantity = 2.5, unit = 'user', fee = 125.01 WHERE contract_id = ?`, k.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := e.mod.Service().BillContracts(ctx, monday2March); err != nil {
				t.Fatal(err)
			}
			cs := chargesOf(t, "contract", k.ID)
			if len(cs) != 1 || !strings.Contains(cs[0].Description, c.want+k.Number) {
				t.Fatalf("%s customer: charges %+v, want a description with %q", c.lang, cs, c.want+k.Number)
			}
		}
	})

	t.Run("Q-9_termination_makes_every_outstanding_period_billable_at_once", func(t *testing.T) {
		q := e.sentQuote(t, map[string]any{"start_date": "2026-04-01", "terms": map[string]any{"profile": "1y-1y-1m"}})
		k := *e.accept(t, q.ID).Contract
		var c ContractOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/contracts/%d/terminate", k.ID), e.am.Token,
			map[string]any{"notice_received_at": "2026-03-02T09:00:00Z"}).Expect(t, 200).JSON(t, &c)
		if c.EndDate == nil || c.EndDate.String() != "2027-03-31" {
			t.Fatalf("end %+v", c.EndDate)
		}
		cs := chargesOf(t, "contract", k.ID)
		if len(cs) != 12 || cs[0].TermsProfile != "001" || cs[0].PeriodStart.String() != "2026-04-01" || cs[11].PeriodEnd.String() != "2027-03-31" {
			t.Fatalf("%d charges %+v", len(cs), cs)
		}
		for _, ch := range cs {
			if ch.BillableOn.String() != "2026-03-02" {
				t.Fatalf("billable on %s, want at once", ch.BillableOn)
			}
		}
		if _, err := e.mod.Service().BillContracts(ctx, time.Date(2027, 6, 1, 8, 0, 0, 0, clock.Amsterdam)); err != nil {
			t.Fatal(err)
		}
		if n := len(chargesOf(t, "contract", k.ID)); n != 12 {
			t.Fatalf("after the end the job added charges: %d", n)
		}
		var n int
		if err := testkit.DB(t).Bun.NewRaw("SELECT count(*) FROM events WHERE kind = ? AND entity_id = ?", events.ContractTerminated, k.ID).Scan(ctx, &n); err != nil || n != 1 {
			t.Fatalf("contract.terminated events %d (%v)", n, err)
		}
	})

	t.Run("Q-4_late_cancellation_charges_the_fee_and_cancels_the_line_charges", func(t *testing.T) {
		q := e.sentQuote(t, map[string]any{"cancellable": true})
		o := e.accept(t, q.ID).Order
		e.a.Clock.Set(time.Date(2026, 6, 9, 9, 0, 0, 0, clock.Amsterdam))
		defer e.a.Clock.Set(monday2March)
		// an English customer's fee line is in English (it read 'Annuleringskosten' for everyone)
		db := testkit.DB(t).Bun
		defer db.ExecContext(ctx, `UPDATE customers SET language = 'nl' WHERE id = ?`, e.cust.ID)
		if _, err := db.ExecContext(ctx, `UPDATE customers SET language = 'en' WHERE id = ?`, e.cust.ID); err != nil {
			t.Fatal(err)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.am.Token, nil).Expect(t, 200)
		cs := chargesOf(t, "order", o.ID)
		if len(cs) != 2 || cs[0].Status != billing.Cancelled || cs[1].SourceKind != "order_cancellation" || cs[1].UnitPrice.StringFixed(2) != "2303.00" ||
			cs[1].BillableOn.String() != "2026-06-09" || !strings.HasPrefix(cs[1].Description, "Cancellation fee for order "+o.Number) {
			t.Fatalf("charges %+v", cs)
		}
		var n int
		if err := testkit.DB(t).Bun.NewRaw("SELECT count(*) FROM events WHERE kind = ? AND entity_id = ?", events.OrderCancelled, o.ID).Scan(ctx, &n); err != nil || n != 1 {
			t.Fatalf("order.cancelled events %d (%v)", n, err)
		}
	})

	t.Run("Q-5_approved_extra_work_is_billable_from_the_approval", func(t *testing.T) {
		q := e.sentQuote(t, map[string]any{"fixed_price": true})
		o := e.accept(t, q.ID).Order
		var cr ChangeRequestOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests", o.ID), e.am.Token, map[string]any{
			"description": "Two extra desks", "necessary": true,
			"lines": []map[string]any{{"sku": "ENG-HOUR", "quantity": "3"}}}).Expect(t, 201).JSON(t, &cr)
		if n := len(chargesOf(t, "order", o.ID)); n != 1 {
			t.Fatalf("before approval %d charges, want only the installation", n)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests/%d/decision", o.ID, cr.ID), e.contact.Token,
			map[string]any{"approve": true, "decided_by": "Anna"}).Expect(t, 200)
		cs := chargesOf(t, "order", o.ID)
		if len(cs) != 2 || cs[1].SourceKind != "change_line" || cs[1].Quantity.String() != "3" || cs[1].UnitPrice.StringFixed(2) != "95.00" {
			t.Fatalf("charges %+v", cs)
		}
	})
}

func TestPeriodsOf(t *testing.T) {
	d := func(s string) civil.Date { return civil.MustParse(s) }
	end := d("2027-01-30")
	ps := PeriodsOf(d("2026-01-31"), PeriodMonth, civil.Date{}, d("2026-04-01"), nil)
	if len(ps) != 3 || ps[1].Start.String() != "2026-02-28" || ps[1].End.String() != "2026-03-30" || ps[2].Start.String() != "2026-03-31" {
		t.Fatalf("month-end anchoring %+v", ps)
	}
	ys := PeriodsOf(d("2026-01-31"), PeriodYear, civil.Date{}, d("2030-01-01"), &end)
	if len(ys) != 1 || ys[0].End.String() != "2027-01-30" {
		t.Fatalf("cut at the end date %+v", ys)
	}
	if got := PeriodsOf(d("2026-01-31"), PeriodMonth, d("2026-03-30"), d("2026-04-01"), nil); len(got) != 1 || got[0].Start.String() != "2026-03-31" {
		t.Fatalf("continues after billed_until %+v", got)
	}
}
