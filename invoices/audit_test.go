package invoices_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// TestDraftAuditRecordsWhatChanged (DATA-1): the audit log of a draft says what a person
// did to it — the note and purchase order before → after, the lines added by their text,
// how many lines were removed — not the whole invoice record (totals, timestamps) nested
// under "note", which the audit page could only show as rows of field names.
func TestDraftAuditRecordsWhatChanged(t *testing.T) {
	s := newApp(t, jan15)
	ctx := context.Background()
	c := customer(t, custOpts{})
	charge(t, c.ID, chargeOpts{Description: "Consultancy", Qty: "2", Unit: "hour", Price: "95.00"})
	dr, err := s.svc.CreateDraft(ctx, invoices.DraftIn{CustomerID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	note := "Project Werkplek 2026"
	if _, err := s.svc.UpdateDraft(ctx, dr.Invoice.ID, invoices.DraftPatch{Note: &note, AddLines: []invoices.ManualLine{{
		Description: "Voorrijkosten", LineKind: "services", Quantity: decimal.NewFromInt(1), Unit: "piece",
		UnitPrice: decimal.RequireFromString("45.00"), VATRate: "21"}}}); err != nil {
		t.Fatal(err)
	}
	changes := map[string]map[string]json.RawMessage{}
	rows, err := testkit.DB(t).Bun.QueryContext(ctx, `SELECT action, changes FROM audit_log WHERE entity = 'invoice' AND entity_id = ? ORDER BY id`,
		strconv.FormatInt(dr.Invoice.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var action string
		var raw []byte
		if err := rows.Scan(&action, &raw); err != nil {
			t.Fatal(err)
		}
		m := map[string]json.RawMessage{}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		changes[action] = m
	}
	create, update := changes["create_draft"], changes["update_draft"]
	if string(create["lines"]) != "1" || string(create["net"]) != `"190.00"` || create["charges"] != nil {
		t.Errorf("create_draft records %v, want the line count and the net total", create)
	}
	var noteChange struct{ From, To string }
	var added []string
	_ = json.Unmarshal(update["note"], &noteChange)
	_ = json.Unmarshal(update["lines_added"], &added)
	if noteChange.From != "" || noteChange.To != note || len(added) != 1 || added[0] != "Voorrijkosten" {
		t.Errorf("update_draft records %v, want note from → to and the added line's text", update)
	}
	for _, k := range []string{"Gross", "Net", "UpdatedAt", "purchase_order", "lines_removed", "added", "removed"} {
		if _, ok := update[k]; ok {
			t.Errorf("update_draft records %q, which the edit did not change", k)
		}
	}
}
