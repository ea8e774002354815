package orders

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestOrderAPI(t *testing.T) {
	e := setup(t, monday2March)
	orderOf := func(t *testing.T, extra map[string]any) OrderOut {
		q := e.sentQuote(t, extra)
		return e.accept(t, q.ID).Order
	}
	t.Run("409_Q-4_cancellation_not_agreed", func(t *testing.T) {
		o := orderOf(t, nil)
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.am.Token, nil).Expect(t, 409)
		if r.Code(t) != "cancellation_not_agreed" {
			t.Fatalf("code %s", r.Code(t))
		}
	})
	t.Run("200_Q-4_free_at_least_5_working_days_before_start", func(t *testing.T) {
		o := orderOf(t, map[string]any{"cancellable": true})
		e.a.Clock.Set(time.Date(2026, 6, 8, 23, 0, 0, 0, clock.Amsterdam)) // start Monday 15 June: free until Monday 8 June
		defer e.a.Clock.Set(monday2March)
		var c OrderOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.contact.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.Status != "cancelled" || c.CancellationFee == nil || c.CancellationFee.StringFixed(2) != "0.00" {
			t.Fatalf("cancelled %+v", c)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.am.Token, nil).Expect(t, 409)
	})
	t.Run("200_Q-4_later_the_full_fee", func(t *testing.T) {
		o := orderOf(t, map[string]any{"cancellable": true})
		e.a.Clock.Set(time.Date(2026, 6, 9, 9, 0, 0, 0, clock.Amsterdam))
		defer e.a.Clock.Set(monday2March)
		var c OrderOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.CancellationFee == nil || c.CancellationFee.StringFixed(2) != "2303.00" || !strings.Contains(c.CancellationReason, "Q-4") {
			t.Fatalf("fee %+v reason %q", c.CancellationFee, c.CancellationReason)
		}
	})
	t.Run("200_links_the_contract_it_became", func(t *testing.T) {
		acc := e.accept(t, e.sentQuote(t, nil).ID)
		if acc.Contract == nil {
			t.Fatal("accepting the quote made no contract")
		}
		var v OrderOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/orders/%d", acc.Order.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &v)
		if v.ContractID == nil || *v.ContractID != acc.Contract.ID {
			t.Fatalf("order %d links contract %v, it became contract %d", acc.Order.ID, v.ContractID, acc.Contract.ID)
		}
		var k ContractOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/contracts/%d", acc.Contract.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &k)
		if k.ID != acc.Contract.ID || k.OrderID != acc.Order.ID || len(k.Lines) == 0 {
			t.Fatalf("contract %+v", k)
		}
		// a record that is not there is a 404 on the prepared path as on bun's
		e.a.Do(t, "GET", "/api/v1/orders/99999999", e.am.Token, nil).Expect(t, 404)
		e.a.Do(t, "GET", "/api/v1/contracts/99999999", e.am.Token, nil).Expect(t, 404)
	})
	t.Run("404_other_company", func(t *testing.T) {
		o := orderOf(t, nil)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/orders/%d", o.ID), e.other.Token, nil).Expect(t, 404)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/cancel", o.ID), e.other.Token, nil).Expect(t, 404)
	})
	t.Run("Q-6_lead_time_starts_when_all_preconditions_met", func(t *testing.T) {
		o := orderOf(t, map[string]any{"lead_time_days": 10, "advance_payment": true})
		var v OrderOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/orders/%d", o.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &v)
		if v.Plan.LeadTimeStarted || len(v.Plan.Missing) != 3 || !v.Plan.Indicative {
			t.Fatalf("plan %+v", v.Plan)
		}
		for _, p := range []string{"details_agreed", "data_supplied", "advance_payment_received"} {
			e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/preconditions", o.ID), e.am.Token, map[string]any{"precondition": p, "on": "2026-03-02"}).Expect(t, 200).JSON(t, &v)
		}
		// 2 March + 10 working days = 16 March.
		if !v.Plan.LeadTimeStarted || v.Plan.TargetDate == nil || v.Plan.TargetDate.String() != "2026-03-16" {
			t.Fatalf("plan %+v", v.Plan)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/preconditions", o.ID), e.am.Token, map[string]any{"precondition": "data_supplied"}).Expect(t, 409)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/extensions", o.ID), e.am.Token,
			map[string]any{"working_days": 3, "reason": "changed_circumstances", "note": "Supplier delay"}).Expect(t, 201).JSON(t, &v)
		if v.Plan.TargetDate.String() != "2026-03-19" || len(v.Extensions) != 1 || v.Extensions[0].Reason != "changed_circumstances" {
			t.Fatalf("after extension %+v %+v", v.Plan, v.Extensions)
		}
		if outboxCount(t, MailLeadTimeExtended, "order", o.ID) != 1 {
			t.Fatal("the customer was not told about the moved date")
		}
		if m := mailOf(t, MailLeadTimeExtended, o.ID); m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",") {
			t.Errorf("the moved date went to %s:\n%s", m.To, m.Body)
		}
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/extensions", o.ID), e.am.Token, map[string]any{"working_days": 0, "reason": "rain"}).Expect(t, 422)
		if len(r.FieldErrors(t)) != 3 {
			t.Fatalf("fields %v", r.FieldErrors(t))
		}
	})
	t.Run("Q-5_change_request_priced_and_approved_by_customer", func(t *testing.T) {
		o := orderOf(t, map[string]any{"fixed_price": true})
		var cr ChangeRequestOut
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests", o.ID), e.am.Token, map[string]any{
			"description": "Two extra desks", "necessary": true,
			"lines": []map[string]any{{"sku": "ENG-HOUR", "quantity": "3"}, {"sku": "TRAVEL", "quantity": "1"}}}).Expect(t, 201).JSON(t, &cr)
		if cr.Status != "awaiting_approval" || cr.WorkMayStart || cr.Lines[0].PriceSource != "agreed_rate" || cr.Lines[0].UnitPrice.StringFixed(2) != "95.00" ||
			cr.Lines[1].PriceSource != "standard_rate" || cr.Totals.Net.StringFixed(2) != "350.00" || !strings.Contains(cr.Consequence, "fixed price") {
			t.Fatalf("change request %+v", cr)
		}
		// the approval request goes to the contact who accepted the order, by name, wholly in
		// the customer's language (issue 13)
		if m := mailOf(t, MailChangeRequest, cr.ID); m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",") ||
			!strings.Contains(m.Body, "vaste prijs van") || !strings.Contains(m.Body, "€\u00a0350,00 excl. btw") || strings.Contains(m.Body, "extra work") {
			t.Errorf("change request mail to %s:\n%s", m.To, m.Body)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests/%d/decision", o.ID, cr.ID), e.other.Token, map[string]any{"approve": true, "decided_by": "X"}).Expect(t, 404)
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests/%d/decision", o.ID, cr.ID), e.contact.Token, map[string]any{"approve": true, "decided_by": "Anna"}).Expect(t, 200).JSON(t, &cr)
		if cr.Status != "approved" || !cr.WorkMayStart {
			t.Fatalf("approved %+v", cr)
		}
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/orders/%d/change-requests", o.ID), e.am.Token, map[string]any{
			"description": "x", "lines": []map[string]any{{"sku": "NOPE", "quantity": "1"}, {"sku": "ENG-HOUR", "quantity": "abc"}}}).Expect(t, 422)
		if len(r.FieldErrors(t)) < 1 {
			t.Fatal("no field errors")
		}
	})
}

func TestContractAPI(t *testing.T) {
	e := setup(t, monday2March)
	q := e.sentQuote(t, map[string]any{"start_date": "2026-04-01"})
	k := *e.accept(t, q.ID).Contract
	t.Run("Q-8_contract_terms", func(t *testing.T) {
		var c ContractOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/contracts/%d", k.ID), e.contact.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.InitialTermMonths != 48 || c.RenewalTermMonths != 12 || c.NoticeMonths != 2 || c.CurrentTermEnd.String() != "2030-03-31" ||
			c.NoticeDeadline.String() != "2030-01-31" || c.Status != "active" || c.Lines[0].Period != "month" || c.Indexation.Method != "series" {
			t.Fatalf("contract %+v", c)
		}
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/contracts/%d", k.ID), e.other.Token, nil).Expect(t, 404)
		var list struct{ Items []ContractOut }
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/contracts?customer_id=%d", e.cust.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != k.ID {
			t.Fatalf("list %+v", list.Items)
		}
	})
	t.Run("Q-8_CAL-3_late_notice_ends_next_term", func(t *testing.T) {
		later := time.Date(2030, 2, 5, 9, 0, 0, 0, clock.Amsterdam)
		e.a.Clock.Set(later)
		defer e.a.Clock.Set(monday2March)
		tok, err := auth.IssueToken(t.Context(), testkit.DB(t).Bun, e.am.User.ID, later)
		if err != nil {
			t.Fatal(err)
		}
		var c ContractOut
		// Thursday 31 January 2030 at 17:00 Amsterdam: after 16:00, so deemed delivered on
		// Friday 1 February, after the deadline of 31 January.
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/contracts/%d/terminate", k.ID), tok,
			map[string]any{"notice_received_at": "2030-01-31T16:00:00Z"}).Expect(t, 200).JSON(t, &c)
		if c.Termination == nil || c.Termination.DeemedDelivered.String() != "2030-02-01" {
			t.Fatalf("termination %+v", c.Termination)
		}
		if c.Termination.OnTime || c.EndDate == nil || c.EndDate.String() != "2031-03-31" || c.Status != "notice_given" || !strings.Contains(c.Termination.Reason, "CAL-3") {
			t.Fatalf("termination %+v", c.Termination)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/contracts/%d/terminate", k.ID), tok, map[string]any{"notice_received_at": "2030-01-02T10:00:00Z"}).Expect(t, 409)
		if outboxCount(t, MailTermination, "contract", k.ID) != 1 {
			t.Fatal("termination not confirmed")
		}
		// to the contact who accepted the quote, by name — not the billing address (issue 13)
		if m := mailOf(t, MailTermination, k.ID); m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",") ||
			!strings.Contains(m.Body, "eindigt op 31 maart 2031") {
			t.Errorf("termination confirmation to %s:\n%s", m.To, m.Body)
		}
	})
}

func TestIndexationAPI(t *testing.T) {
	e := setup(t, monday2March)
	series := "test-cdt-" + strings.ToLower(fmt.Sprint(time.Now().UnixNano()%100000))
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": series, "name": "Test index", "base": "2015=100"}).Expect(t, 201)
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": series, "name": "Again", "base": "2015=100"}).Expect(t, 409)
	e.a.Do(t, "POST", "/api/v1/index-series", e.am.Token, map[string]any{"code": "Bad Code", "name": "", "base": "2015=100"}).Expect(t, 422)
	var vr ValuesResult
	e.a.Do(t, "PUT", "/api/v1/index-series/"+series+"/values", e.am.Token, []map[string]any{{"period": "2025-10", "value": "128.9"}}).Expect(t, 200).JSON(t, &vr)
	if vr.Created != 1 {
		t.Fatalf("values %+v", vr)
	}
	csv := "\"Perioden\";\"Index\"\n\"2024 oktober\";\"125,0\"\n\"2024\";\"124,0\"\n"
	e.a.Do(t, "POST", "/api/v1/index-series/"+series+"/import", e.am.Token, csv).Expect(t, 200).JSON(t, &vr)
	if vr.Created != 1 || vr.Skipped != 1 {
		t.Fatalf("import %+v", vr)
	}
	e.a.Do(t, "PUT", "/api/v1/index-series/"+series+"/values", e.am.Token, []map[string]any{{"period": "2025-13", "value": "-1"}}).Expect(t, 422)

	q := e.sentQuote(t, map[string]any{"start_date": "2026-03-02", "indexation": map[string]any{"method": "series", "series": series, "reference": "october"}})
	k := *e.accept(t, q.ID).Contract
	e.a.Clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, clock.Amsterdam))
	defer e.a.Clock.Set(monday2March)

	t.Run("IDX-1_missing_value_blocks", func(t *testing.T) {
		var run RunOut
		e.a.Do(t, "POST", "/api/v1/indexations", e.am.Token, map[string]any{"year": 2027, "dry_run": true}).Expect(t, 200).JSON(t, &run)
		p := find(run, k.ID)
		if p == nil || p.Outcome != "blocked" || !strings.Contains(p.Reason, "2026-10") || run.ID != 0 {
			t.Fatalf("proposal %+v", p)
		}
	})
	t.Run("IDX-1_propose_and_apply", func(t *testing.T) {
		e.a.Do(t, "PUT", "/api/v1/index-series/"+series+"/values", e.am.Token, []map[string]any{{"period": "2026-10", "value": "132.77"}}).Expect(t, 200)
		var run RunOut
		e.a.Do(t, "POST", "/api/v1/indexations", e.am.Token, map[string]any{"year": 2027}).Expect(t, 201).JSON(t, &run)
		p := find(run, k.ID)
		// 125.00 × 132.77 / 128.9 = 128.7548… → 128.75
		if p == nil || p.Outcome != "change" || p.NewFee.StringFixed(2) != "128.75" || p.OldFee.StringFixed(2) != "125.00" ||
			len(p.IndexNew) != 1 || p.IndexNew[0].Value != "132.77" || p.IndexPrevious[0].Value != "128.9" || p.Effective.String() != "2027-01-01" {
			t.Fatalf("proposal %+v", p)
		}
		e.a.Do(t, "POST", fmt.Sprintf("/api/v1/indexations/%d/apply", run.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &run)
		if run.Status != "applied" {
			t.Fatalf("run %+v", run)
		}
		var c ContractOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/contracts/%d", k.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &c)
		if c.Lines[0].Fee.StringFixed(2) != "128.75" || c.Lines[0].FeeSince.String() != "2027-01-01" {
			t.Fatalf("fee not applied: %+v", c.Lines[0])
		}
		if auditCount(t, "contract", k.ID, "indexation") != 1 || outboxCount(t, MailIndexationLetter, "contract", k.ID) != 1 {
			t.Fatal("no audit entry or customer letter")
		}
		// the letter goes to the contact who accepted, by name, and reads the change as a
		// percentage with money and months in words — not "factor 1.030023" (IDX-1, issue 13)
		m := mailOf(t, MailIndexationLetter, k.ID)
		if m.To != e.contact.User.Email || !strings.HasPrefix(m.Body, "Beste "+e.contact.User.Name+",") ||
			!strings.Contains(m.Body, "Per 1 januari 2027 wijzigen") || !strings.Contains(m.Body, "€\u00a0125,00 → €\u00a0128,75 (een verhoging van 3\u00a0%)") ||
			!strings.Contains(m.Body, "132,77 (oktober 2026) tegenover 128,9 (oktober 2025)") || strings.Contains(m.Body, "factor") {
			t.Errorf("indexation letter to %s:\n%s", m.To, m.Body)
		}
		r := e.a.Do(t, "POST", fmt.Sprintf("/api/v1/indexations/%d/apply", run.ID), e.am.Token, nil).Expect(t, 409)
		if r.Code(t) != "indexation_not_proposed" {
			t.Fatalf("code %s", r.Code(t))
		}
	})
	t.Run("403_customer", func(t *testing.T) {
		e.a.Do(t, "POST", "/api/v1/indexations", e.contact.Token, map[string]any{"year": 2027}).Expect(t, 403)
	})
}

func find(run RunOut, contractID int64) *ProposalOut {
	for i := range run.Proposals {
		if run.Proposals[i].ContractID == contractID {
			return &run.Proposals[i]
		}
	}
	return nil
}
