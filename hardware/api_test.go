package hardware

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/events"
	"backoffice/internal/i18n"
)

func TestDeliveries(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 3, "0", "004")
	s1, s2 := "CN-"+fmt.Sprint(next()), "CN-"+fmt.Sprint(next())

	t.Run("HW-1_bad_input_is_refused_with_every_problem", func(t *testing.T) {
		r := b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID, "customer_id": b.other,
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "5", "serials": []string{s1, s1}}}}).Expect(t, 422)
		fe := strings.Join(r.FieldErrors(t), "|")
		for _, want := range []string{"customer_id", "lines[0].quantity", "lines[0].serials[1]"} {
			if !strings.Contains(fe, want) {
				t.Errorf("missing %s in %s", want, fe)
			}
		}
		b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": next(),
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "1"}}}).Expect(t, 422)
		b.app.Do(t, "POST", "/api/v1/deliveries", b.contact.Token, map[string]any{"order_id": o.ID,
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "1"}}}).Expect(t, 403)
	})

	var d DeliveryOut
	t.Run("HW-1_partial_delivery_to_the_registered_address", func(t *testing.T) {
		b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID, "planned_on": "2026-03-03",
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "2", "serials": []string{s1}}}}).Expect(t, 201).JSON(t, &d)
		if d.Status != Planned || d.Address.Country != "NL" || d.CustomerID != b.cust || !strings.Contains(d.NotIncluded, "cables") {
			t.Fatalf("%+v", d)
		}
	})
	t.Run("HW-3_deliver_needs_every_serial_then_risk_passes_and_items_are_charged", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/deliveries/%d/deliver", d.ID)
		b.app.Do(t, "POST", path, b.tech.Token, map[string]any{"received_by": "Sanne de Vries"}).Expect(t, 422)
		b.app.Do(t, "POST", path, b.tech.Token, map[string]any{"received_by": "Sanne", "delivered_at": t0.Add(time.Hour)}).Expect(t, 422)
		b.app.Do(t, "POST", path, b.tech.Token, map[string]any{"received_by": "Sanne de Vries", "delivered_at": t0.Add(-time.Hour),
			"lines": []map[string]any{{"delivery_line_id": d.Lines[0].ID, "serials": []string{s1, s2}}}}).Expect(t, 200).JSON(t, &d)
		if d.Status != Delivered || len(d.Items) != 2 || !d.RiskSince.Equal(t0.Add(-time.Hour)) {
			t.Fatalf("%+v", d)
		}
		it := d.Items[0]
		if it.Title != Retained || !it.Warranty.Covered || it.WarrantyUntil.String() != "2029-03-02" || len(it.Restrictions) != 4 ||
			!it.VisibleDefectsUntil.Equal(t0.Add(23*time.Hour)) {
			t.Fatalf("HW-4/HW-5/HW-7 item %+v", it)
		}
		cs := b.charges(t, billing.Source{Domain: "hardware", Kind: "delivery_line", ID: d.Lines[0].ID})
		if len(cs) != 1 || cs[0].Quantity.String() != "2" || cs[0].UnitPrice.String() != "1149" || cs[0].AgreementID != o.ID {
			t.Fatalf("INV-7 charges %+v", cs)
		}
		// the invoice line names the serial numbers in the customer's language (issue 13)
		if want := " — serienummers " + s1 + ", " + s2; !strings.HasSuffix(cs[0].Description, want) {
			t.Errorf("INV-7 charge reads %q, want it to end in %q", cs[0].Description, want)
		}
		b.app.Do(t, "POST", path, b.tech.Token, map[string]any{"received_by": "x"}).Expect(t, 409)
	})
	t.Run("HW-1_serial_unique_per_product", func(t *testing.T) {
		r := b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID,
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "1", "serials": []string{s2}}}}).Expect(t, 422)
		if fe := r.FieldErrors(t); len(fe) != 1 || !strings.Contains(fe[0], "serials[0]") {
			t.Fatal(fe)
		}
	})
	t.Run("tenancy", func(t *testing.T) {
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/deliveries/%d", d.ID), b.alien.Token, nil).Expect(t, 404)
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/deliveries/%d", d.ID), b.contact.Token, nil).Expect(t, 200)
		var items struct{ Items []ItemOut }
		b.app.Do(t, "GET", "/api/v1/hardware/items", b.alien.Token, nil).Expect(t, 200).JSON(t, &items)
		if len(items.Items) != 0 {
			t.Fatal("foreign items visible")
		}
		var pg struct {
			Items []ItemOut
			Next  *string
		}
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items?limit=1&customer_id=%d", b.cust), b.am.Token, nil).Expect(t, 200).JSON(t, &pg)
		if len(pg.Items) != 1 || pg.Next == nil {
			t.Fatalf("page 1 %+v", pg)
		}
		first := pg.Items[0].ID
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items?limit=1&customer_id=%d&after=%s", b.cust, *pg.Next), b.am.Token, nil).Expect(t, 200).JSON(t, &pg)
		if len(pg.Items) != 1 || pg.Items[0].ID == first {
			t.Fatalf("page 2 %+v", pg)
		}
		b.app.Do(t, "GET", "/api/v1/hardware/items?serial="+s2, b.contact.Token, nil).Expect(t, 200).JSON(t, &items)
		if len(items.Items) != 1 {
			t.Fatalf("%+v", items)
		}
	})
	t.Run("HW-4_payment_difficulties_flag_retained_items", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/hardware/customers/%d/payment-difficulties", b.cust)
		b.app.Do(t, "POST", path, b.tech.Token, nil).Expect(t, 403)
		var n map[string]int
		b.app.Do(t, "POST", path, b.am.Token, nil).Expect(t, 200).JSON(t, &n)
		if n["items_flagged"] != 2 {
			t.Fatalf("%v", n)
		}
	})
	t.Run("HW-1_delivery_note_pdf", func(t *testing.T) {
		r := b.app.Do(t, "GET", fmt.Sprintf("/api/v1/deliveries/%d/note", d.ID), b.contact.Token, nil).Expect(t, 200)
		if !strings.HasPrefix(string(r.Body), "%PDF") {
			t.Fatal("not a PDF")
		}
		if dir := os.Getenv("BACKOFFICE_SCREENSHOTS"); dir != "" {
			_ = os.WriteFile(dir+"/delivery-note.pdf", r.Body, 0o644)
		}
	})

	t.Run("HW-2_refused_delivery_is_stored_and_charged_per_started_week_then_terminated", func(t *testing.T) {
		var d2 DeliveryOut
		b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID,
			"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "1"}}}).Expect(t, 201).JSON(t, &d2)
		b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/refuse", d2.ID), b.tech.Token, map[string]any{"reason": "away"}).Expect(t, 422)
		b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/refuse", d2.ID), b.tech.Token, map[string]any{"reason": "refused"}).Expect(t, 200).JSON(t, &d2)
		if d2.Status != Stored || d2.StorageWeeks != 1 || d2.RiskSince == nil {
			t.Fatalf("%+v", d2)
		}
		b.app.Clock.Set(t0.Add(8 * 24 * time.Hour))
		defer b.app.Clock.Set(t0)
		if _, err := b.mod.Service.RunStorageCharges(t.Context(), b.app.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := b.mod.Service.RunStorageCharges(t.Context(), b.app.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		src := billing.Source{Domain: "hardware", Kind: "delivery_storage", ID: d2.ID}
		cs := b.charges(t, src)
		if len(cs) != 2 || cs[0].UnitPrice.String() != "25" {
			t.Fatalf("storage charges %+v", cs)
		}
		// the line the customer reads on the invoice: in its language (Dutch), the date in
		// words, no rule ID, the delivery named by its order's number and date (issue 13)
		if d := cs[0].Description; !strings.HasPrefix(d, fmt.Sprintf("Opslag van levering %s van %s, week 1 vanaf ", d2.OrderNumber, i18n.Date("nl", d2.PlannedOn))) ||
			!strings.Contains(d, "voor uw rekening en risico") || strings.Contains(d, "HW-") || regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).MatchString(d) {
			t.Errorf("storage charge reads %q", d)
		}
		b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/terminate", d2.ID), b.tech.Token, map[string]any{"reason": "x"}).Expect(t, 403)
		b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/terminate", d2.ID), b.am.Token, map[string]any{"reason": "Not deliverable before the agreed date"}).Expect(t, 200)
		for _, c := range b.charges(t, src) {
			if c.Status != billing.Cancelled {
				t.Fatalf("charge %d still %s", c.ID, c.Status)
			}
		}
		r := b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/deliver", d2.ID), b.tech.Token, map[string]any{"received_by": "x"}).Expect(t, 409)
		if r.Code(t) != "delivery_terminated" {
			t.Fatal(r.Code(t))
		}
	})
}

func TestRisk002(t *testing.T) {
	b := setup(t)
	p := b.product(t, false, 12, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 10, "0", "002")
	var d DeliveryOut
	b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o.ID,
		"lines": []map[string]any{{"order_line_id": o.HWLine, "quantity": "10"}}}).Expect(t, 201).JSON(t, &d)
	disp := t0.Add(-3 * time.Hour)
	b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/deliver", d.ID), b.tech.Token, map[string]any{"received_by": "Magazijn",
		"dispatched_at": disp}).Expect(t, 200).JSON(t, &d)
	if !d.RiskSince.Equal(disp) || len(d.Items) != 1 || d.Items[0].Quantity.String() != "10" {
		t.Fatalf("HW-3 002: risk since dispatch: %+v", d)
	}
}

func TestTitleFromInvoiceEvents(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 24, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 1, "0", "004")
	svc := b.serviceCharge(t, b.cust, o)
	d := b.planAndDeliver(t, o, "SN-"+fmt.Sprint(next()))
	hw := b.charges(t, billing.Source{Domain: "hardware", Kind: "delivery_line", ID: d.Lines[0].ID})[0]
	item := func() ItemOut {
		var it ItemOut
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items/%d", d.Items[0].ID), b.contact.Token, nil).Expect(t, 200).JSON(t, &it)
		return it
	}
	inv1, inv2 := next(), next()
	hwInv := events.InvoicePayload{InvoiceID: inv1, CustomerID: b.cust, Number: "F2026-0101", Gross: "1390.29", Charges: []events.ChargeRef{ref(&hw)}}
	svcInv := events.InvoicePayload{InvoiceID: inv2, CustomerID: b.cust, Number: "F2026-0102", Gross: "459.80", Charges: []events.ChargeRef{ref(svc)}}
	b.publish(t, events.InvoiceIssued, "invoice", inv1, hwInv)
	b.publish(t, events.InvoiceIssued, "invoice", inv2, svcInv)

	t.Run("HW-4_partial_payment_keeps_title", func(t *testing.T) {
		paid := civil.MustParse("2026-03-20")
		hwInv.PaidOn = &paid
		b.publish(t, events.InvoicePaid, "invoice", inv1, hwInv)
		b.publish(t, events.InvoicePaid, "invoice", inv1, hwInv) // at least once: twice is the same
		if it := item(); it.Title != Retained || !strings.Contains(it.TitleReason, "not paid") {
			t.Fatalf("%+v", it)
		}
	})
	t.Run("HW-4_default_notice_flags_repossession", func(t *testing.T) {
		b.publish(t, events.InvoiceDunningStage, "invoice", inv2, events.InvoiceStagePayload{InvoiceID: inv2, CustomerID: b.cust,
			Stage: "default_notice", On: civil.MustParse("2026-04-20"), Charges: []events.ChargeRef{ref(svc)}})
		var l struct{ Items []ItemOut }
		b.app.Do(t, "GET", "/api/v1/hardware/items?repossession_possible=true&customer_id="+fmt.Sprint(b.cust), b.am.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) != 1 || !l.Items[0].RepossessionPossible {
			t.Fatalf("%+v", l)
		}
	})
	t.Run("INV-8_a_credit_note_counts_and_the_last_settlement_transfers_title", func(t *testing.T) {
		b.app.Clock.Set(time.Date(2026, 4, 22, 11, 0, 0, 0, time.UTC))
		defer b.app.Clock.Set(t0)
		b.publish(t, events.CreditNoteIssued, "invoice", inv2, events.CreditNotePayload{CreditNoteID: next(), InvoiceID: inv2, CustomerID: b.cust,
			Number: "C2026-0003", Gross: "-459.80", Charges: []events.ChargeRef{ref(svc)}})
		it := item()
		if it.Title != Transferred || it.TitleTransferredAt.String() != "2026-04-22" || it.RepossessionPossible || len(it.Restrictions) != 0 {
			t.Fatalf("%+v", it)
		}
	})
}

func TestTitleLastPayment002(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 24, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 2, "0", "002")
	d1 := b.planAndDeliver(t, o, "A-"+fmt.Sprint(next()))
	d2 := b.planAndDeliver(t, o, "B-"+fmt.Sprint(next()))
	c1 := b.charges(t, billing.Source{Domain: "hardware", Kind: "delivery_line", ID: d1.Lines[0].ID})[0]
	c2 := b.charges(t, billing.Source{Domain: "hardware", Kind: "delivery_line", ID: d2.Lines[0].ID})[0]
	i1, i2 := next(), next()
	p1, p2 := civil.MustParse("2026-03-10"), civil.MustParse("2026-03-25")
	b.publish(t, events.InvoicePaid, "invoice", i1, events.InvoicePayload{InvoiceID: i1, CustomerID: b.cust, Gross: "1390.29", PaidOn: &p1, Charges: []events.ChargeRef{ref(&c1)}})
	var it ItemOut
	b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items/%d", d1.Items[0].ID), b.am.Token, nil).Expect(t, 200).JSON(t, &it)
	if it.Title != Retained {
		t.Fatalf("HW-4 002: the other delivery of the agreement is owed: %+v", it)
	}
	b.publish(t, events.InvoicePaid, "invoice", i2, events.InvoicePayload{InvoiceID: i2, CustomerID: b.cust, Gross: "1390.29", PaidOn: &p2, Charges: []events.ChargeRef{ref(&c2)}})
	for _, d := range []DeliveryOut{d1, d2} {
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items/%d", d.Items[0].ID), b.am.Token, nil).Expect(t, 200).JSON(t, &it)
		if it.Title != Transferred || it.TitleTransferredAt.String() != "2026-03-25" {
			t.Fatalf("INV-8 002 last payment: %+v", it)
		}
	}
}

func TestWarrantyExclusions(t *testing.T) {
	b := setup(t)
	used := b.product(t, true, 12, ConditionSecondHand)
	o := b.accept(t, b.cust, used.SKU, 1, "0", "004")
	d := b.planAndDeliver(t, o, "U-"+fmt.Sprint(next()))
	if w := d.Items[0].Warranty; w.Covered || !strings.Contains(w.Reason, "second-hand") {
		t.Fatalf("HW-7 second hand: %+v", w)
	}
	p := b.product(t, true, 12, ConditionNew)
	o2 := b.accept(t, b.cust, p.SKU, 1, "10", "004")
	d2 := b.planAndDeliver(t, o2, "D-"+fmt.Sprint(next()))
	if w := d2.Items[0].Warranty; w.Covered || !strings.Contains(w.Reason, "discounted") {
		t.Fatalf("HW-7 discounted: %+v", w)
	}
	cs := b.charges(t, billing.Source{Domain: "hardware", Kind: "delivery_line", ID: d2.Lines[0].ID})
	if cs[0].UnitPrice.String() != "1034.1" {
		t.Fatalf("discounted price %s", cs[0].UnitPrice)
	}
	o3 := b.accept(t, b.cust, p.SKU, 1, "0", "004")
	var d3 DeliveryOut
	b.app.Do(t, "POST", "/api/v1/deliveries", b.am.Token, map[string]any{"order_id": o3.ID, "address": map[string]any{
		"street": "Bahnhofstrasse 1", "postal_code": "8001", "city": "Zürich", "country": "CH"},
		"lines": []map[string]any{{"order_line_id": o3.HWLine, "quantity": "1", "serials": []string{"CH-" + fmt.Sprint(next())}}}}).Expect(t, 201).JSON(t, &d3)
	b.app.Do(t, "POST", fmt.Sprintf("/api/v1/deliveries/%d/deliver", d3.ID), b.tech.Token, map[string]any{"received_by": "Lukas"}).Expect(t, 200).JSON(t, &d3)
	if w := d3.Items[0].Warranty; w.Covered || !strings.Contains(w.Reason, "outside the EU") || d3.Address.City != "Zürich" {
		t.Fatalf("HW-7 outside EU: %+v", w)
	}
	it, err := getItem(t.Context(), b.db(t), d.Items[0].ID, false)
	if err != nil {
		t.Fatal(err)
	}
	it.WarrantyCovered, it.WarrantyUntil = true, ptr(civil.MustParse("2027-03-02"))
	if w := itemOut(it, t0.AddDate(1, 0, 1)).Warranty; w.Covered || !strings.Contains(w.Reason, "ended on 2027-03-02") {
		t.Fatalf("HW-7 expired: %+v", w)
	}
}

func ptr[T any](v T) *T { return &v }
