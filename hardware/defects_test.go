package hardware

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

// pngBytes is a 1×1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func upload(t *testing.T, a *testkit.App, path, token, name string, data []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("files", name)
	fw.Write(data)
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := a.Server.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestDefectReports(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 2, "0", "004")
	d := b.planAndDeliver(t, o, "DF-"+fmt.Sprint(next()), "DF-"+fmt.Sprint(next()))
	item := d.Items[0].ID
	var r DefectOut

	t.Run("HW-5_visible_defect_within_24_hours_is_in_time_and_opens_a_ticket", func(t *testing.T) {
		b.app.Clock.Set(t0.Add(23*time.Hour + 59*time.Minute))
		defer b.app.Clock.Set(t0)
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible",
			"description": "Scherm heeft een kras linksboven"}).Expect(t, 201).JSON(t, &r)
		if !r.InTime || r.ClaimsLost || !r.Deadline.Equal(t0.Add(24*time.Hour)) || !strings.Contains(r.DutyToPay, "stay due") {
			t.Fatalf("%+v", r)
		}
		var n int
		if err := b.db(t).NewRaw("SELECT count(*) FROM events WHERE kind = ? AND entity_id = ?", events.DefectReported, r.ID).Scan(t.Context(), &n); err != nil || n != 1 {
			t.Fatalf("defect.reported published %d times (%v)", n, err)
		}
		b.publish(t, events.TicketCreated, "ticket", 900001, events.TicketCreatedPayload{TicketID: 900001, Number: "T2026-0042",
			CustomerID: b.cust, Origin: fmt.Sprintf("hardware/defect_report/%d", r.ID)})
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/defect-reports/%d", r.ID), b.contact.Token, nil).Expect(t, 200).JSON(t, &r)
		if r.TicketNumber == nil || *r.TicketNumber != "T2026-0042" {
			t.Fatalf("ticket not linked: %+v", r)
		}
	})
	t.Run("HW-5_visible_defect_after_24_hours_is_recorded_but_claims_are_lost", func(t *testing.T) {
		b.app.Clock.Set(t0.Add(24*time.Hour + time.Minute))
		defer b.app.Clock.Set(t0)
		var late DefectOut
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "visible",
			"description": "Toetsenbord mist een toets"}).Expect(t, 201).JSON(t, &late)
		if late.InTime || !late.ClaimsLost || late.ClaimsLostReason == nil {
			t.Fatalf("%+v", late)
		}
	})
	t.Run("HW-5_hidden_defect_by_staff_with_reported_at", func(t *testing.T) {
		b.app.Clock.Set(t0.Add(20 * 24 * time.Hour))
		defer b.app.Clock.Set(t0)
		var h DefectOut
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.am.Token, map[string]any{"item_id": item, "kind": "hidden",
			"description": "Accu laadt niet meer op", "discovered_at": t0.Add(10 * 24 * time.Hour), "reported_at": t0.Add(15 * 24 * time.Hour)}).Expect(t, 201).JSON(t, &h)
		// discovered Thu 12 March; 5th working day Thu 19 March 23:59:59; reported Tue 17 March
		if !h.InTime || h.Deadline.Format(time.RFC3339) != "2026-03-19T22:59:59Z" {
			t.Fatalf("%+v", h)
		}
	})
	t.Run("bad_input", func(t *testing.T) {
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.alien.Token, map[string]any{"item_id": item, "kind": "visible", "description": "x"}).Expect(t, 404)
		r := b.app.Do(t, "POST", "/api/v1/defect-reports", b.contact.Token, map[string]any{"item_id": item, "kind": "hidden", "description": "x",
			"discovered_at": t0.Add(time.Hour), "reported_at": t0}).Expect(t, 422)
		if fe := strings.Join(r.FieldErrors(t), "|"); !strings.Contains(fe, "discovered_at") || !strings.Contains(fe, "reported_at") {
			t.Fatal(fe)
		}
		b.app.Do(t, "POST", "/api/v1/defect-reports", b.am.Token, map[string]any{"item_id": item, "kind": "hidden", "description": "x",
			"discovered_at": t0.Add(-2 * time.Hour)}).Expect(t, 422)
	})
	t.Run("uploads_checked_from_content_and_served_only_to_who_may_see_the_report", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/defect-reports/%d/attachments", r.ID)
		if st, body := upload(t, b.app, path, b.contact.Token, "kras.png", pngBytes); st != 201 {
			t.Fatalf("%d %s", st, body)
		}
		if st, _ := upload(t, b.app, path, b.contact.Token, "foto.png", []byte("#!/bin/sh\necho hi\n")); st != 415 {
			t.Fatalf("script accepted: %d", st)
		}
		big := append(append([]byte{}, pngBytes...), make([]byte, 10<<20)...)
		if st, _ := upload(t, b.app, path, b.contact.Token, "groot.png", big); st != 413 {
			t.Fatalf("too large accepted: %d", st)
		}
		if st, _ := upload(t, b.app, path, b.alien.Token, "kras.png", pngBytes); st != 404 {
			t.Fatalf("foreign upload: %d", st)
		}
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/defect-reports/%d", r.ID), b.contact.Token, nil).Expect(t, 200).JSON(t, &r)
		if len(r.Attachments) != 1 || r.Attachments[0].ContentType != "image/png" {
			t.Fatalf("%+v", r.Attachments)
		}
		f := fmt.Sprintf("/api/v1/defect-reports/%d/attachments/%d", r.ID, r.Attachments[0].ID)
		res := b.app.Do(t, "GET", f, b.contact.Token, nil).Expect(t, 200)
		if res.Header.Get("Content-Type") != "image/png" || !bytes.Equal(res.Body, pngBytes) {
			t.Fatal("served wrong")
		}
		b.app.Do(t, "GET", f, b.alien.Token, nil).Expect(t, 404)
	})
}

func TestRMAs(t *testing.T) {
	b := setup(t)
	p := b.product(t, true, 36, ConditionNew)
	o := b.accept(t, b.cust, p.SKU, 1, "0", "004")
	d := b.planAndDeliver(t, o, "RM-"+fmt.Sprint(next()))
	item := d.Items[0]
	t.Run("HW-6_only_for_an_item_delivered_to_that_customer", func(t *testing.T) {
		b.app.Do(t, "POST", "/api/v1/rmas", b.alien.Token, map[string]any{"item_id": item.ID, "reason": "kapot"}).Expect(t, 404)
		r := b.app.Do(t, "POST", "/api/v1/rmas", b.am.Token, map[string]any{"item_id": item.ID, "customer_id": b.other, "reason": "kapot"}).Expect(t, 422)
		if r.Code(t) != "not_delivered_to_customer" {
			t.Fatal(r.Code(t))
		}
		b.app.Do(t, "POST", "/api/v1/rmas", b.am.Token, map[string]any{"item_id": 999999999, "customer_id": b.cust, "reason": "kapot"}).Expect(t, 422)
	})
	var r RMAOut
	t.Run("HW-6_written_consent_then_receive_HW-7_replace_keeps_the_rest_of_the_warranty", func(t *testing.T) {
		b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": item.ID, "reason": "Start niet op"}).Expect(t, 201).JSON(t, &r)
		step := func(s string) string { return fmt.Sprintf("/api/v1/rmas/%d/%s", r.ID, s) }
		b.app.Do(t, "POST", step("receive"), b.tech.Token, map[string]any{"condition_ok": true}).Expect(t, 409)
		b.app.Do(t, "POST", step("approve"), b.contact.Token, map[string]any{"instructions": "x"}).Expect(t, 403)
		b.app.Do(t, "POST", step("approve"), b.tech.Token, map[string]any{}).Expect(t, 422)
		b.app.Do(t, "POST", step("approve"), b.tech.Token, map[string]any{"instructions": "Stuur in originele verpakking naar Servicedesk, Postbus 12, 3500 AA Utrecht"}).Expect(t, 200).JSON(t, &r)
		b.app.Do(t, "POST", step("receive"), b.tech.Token, map[string]any{"condition_ok": true, "notes": "compleet"}).Expect(t, 200)
		b.app.Do(t, "POST", step("resolve"), b.tech.Token, map[string]any{"remedy": "none", "exclusion": "bad"}).Expect(t, 422)
		b.app.Do(t, "POST", step("resolve"), b.tech.Token, map[string]any{"remedy": "replace", "reason": "moederbord defect",
			"replacement_serial": "RP-" + fmt.Sprint(next())}).Expect(t, 200).JSON(t, &r)
		if r.Status != RMAResolved || r.ReplacementItemID == nil {
			t.Fatalf("%+v", r)
		}
		var nw ItemOut
		b.app.Do(t, "GET", fmt.Sprintf("/api/v1/hardware/items/%d", *r.ReplacementItemID), b.contact.Token, nil).Expect(t, 200).JSON(t, &nw)
		if nw.WarrantyUntil.String() != item.WarrantyUntil.String() || nw.ReplacesItemID == nil || *nw.ReplacesItemID != item.ID {
			t.Fatalf("%+v", nw)
		}
		// issue 13: the item pages name each other by product and serial, linked, not 'item 12'
		old := string(b.app.Do(t, "GET", fmt.Sprintf("/portal/hardware/items/%d", item.ID), b.contact.Token, nil).Expect(t, 200).Body)
		if want := fmt.Sprintf(`<a href="/portal/hardware/items/%d" id="replaced-by">`, nw.ID); !strings.Contains(old, want) || !strings.Contains(old[strings.Index(old, want):], " · "+deref(nw.Serial)+"</a>") {
			t.Fatalf("the replaced item's page does not name its replacement %s", deref(nw.Serial))
		}
	})
	t.Run("HW-7_resolved_none_records_the_exclusion", func(t *testing.T) {
		var r2 RMAOut
		b.app.Do(t, "POST", "/api/v1/rmas", b.contact.Token, map[string]any{"item_id": *r.ReplacementItemID, "reason": "Scharnier gebroken"}).Expect(t, 201).JSON(t, &r2)
		for _, s := range []struct {
			step string
			body map[string]any
		}{{"approve", map[string]any{"instructions": "Opsturen"}}, {"receive", map[string]any{"condition_ok": true}},
			{"resolve", map[string]any{"remedy": "none", "exclusion": "improper_use", "reason": "valschade"}}} {
			b.app.Do(t, "POST", fmt.Sprintf("/api/v1/rmas/%d/%s", r2.ID, s.step), b.tech.Token, s.body).Expect(t, 200).JSON(t, &r2)
		}
		if r2.Exclusion == nil || *r2.Exclusion != "improper_use" {
			t.Fatalf("%+v", r2)
		}
	})
}
