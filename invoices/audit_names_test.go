package invoices_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/billing"
	"backoffice/internal/testkit"
	"backoffice/invoices"
)

// TestAuditLogNamesInvoices (issue 13): the audit log names an invoice by its number (a
// draft, which has none, by its customer) and a credit note by its number, never
// "Invoice 10" or "Credit note 1".
func TestAuditLogNamesInvoices(t *testing.T) {
	s := newApp(t, jan15)
	am := testkit.Login(t, auth.AccountManager, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	cust := customer(t, custOpts{})
	charge(t, cust.ID, chargeOpts{Description: "Laptop", LineKind: billing.Goods, Qty: "1", Price: "1000.00"})
	var inv invoices.InvoiceOut
	s.app.Do(t, "POST", "/api/v1/invoices", am.Token, map[string]any{"customer_id": cust.ID}).Expect(t, 201).JSON(t, &inv)
	audit := func(entity string, id int64) string {
		return string(s.app.Do(t, "GET", fmt.Sprintf("/audit?entity=%s&entity_id=%d", entity, id), admin.Token, nil).Expect(t, 200).Body)
	}
	if body := audit("invoice", inv.ID); !strings.Contains(body, "Invoice "+template.HTMLEscapeString(cust.Name)+"<") {
		t.Errorf("the audit log does not name draft %d by its customer", inv.ID)
	}
	s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/issue", inv.ID), am.Token, nil).Expect(t, 200).JSON(t, &inv)
	var cn invoices.CreditNoteOut
	s.app.Do(t, "POST", fmt.Sprintf("/api/v1/invoices/%d/credit", inv.ID), am.Token, map[string]any{"reason": "Retour",
		"lines": []map[string]any{{"line_id": inv.Lines[0].ID, "quantity": "1"}}}).Expect(t, 201).JSON(t, &cn)
	for _, c := range []struct {
		entity string
		id     int64
		want   string
	}{{"invoice", inv.ID, "Invoice " + *inv.Number + "<"}, {"credit_note", cn.ID, "Credit note " + cn.Number + "<"}} {
		body := audit(c.entity, c.id)
		if !strings.Contains(body, c.want) || strings.Contains(body, fmt.Sprintf("> %d<", c.id)) {
			t.Errorf("the audit log of %s %d lacks %q", c.entity, c.id, c.want)
		}
	}
}
