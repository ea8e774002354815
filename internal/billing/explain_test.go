package billing_test

import (
	"context"
	"testing"

	"backoffice/internal/billing"
	"backoffice/internal/testkit"
)

// TestExplainChargeList proves the charge ledger (GET /charges) is an index range scan
// oldest first at 100,000 charges (issue 14): all, after a cursor, one large customer
// (a quarter), by status, by source domain and kind, and a customer's open charges. (One
// source's charges, domain/kind/id, are a handful: charges_source_idx, and sorting them is right.)
func TestExplainChargeList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "charges")
	if _, err := tx.ExecContext(ctx, `INSERT INTO charges (customer_id, source_domain, source_kind, source_id, agreement_kind, agreement_id,
			key, description, line_kind, quantity, unit, unit_price, vat_rate, billable_on, status, invoice_id, created_at, updated_at)
		SELECT CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, (ARRAY['orders','tickets','secondment','hardware'])[1 + g % 4],
		       (ARRAY['order_line','time','statement','delivery_line'])[1 + g % 4], g, 'order', g / 3, 'k' || g, 'Regel', 'services', 1, 'pcs', 100, '21',
		       date '2024-01-01' + g / 100, CASE WHEN g > 90000 THEN 'open' ELSE 'invoiced' END, CASE WHEN g <= 90000 THEN g / 10 END, now(), now()
		FROM generate_series(1, 100000) g;
		ANALYZE charges`); err != nil {
		t.Fatal(err)
	}
	cid := int64(17)
	for name, f := range map[string]billing.Filter{
		"GET_/charges":                     {},
		"GET_/charges_after":               {AfterID: 40000},
		"GET_/charges?customer_id":         {CustomerID: &cid, AfterID: 20000},
		"GET_/charges?status=open":         {Status: billing.Open},
		"GET_/charges?source=orders":       {Source: &billing.Source{Domain: "orders"}},
		"GET_/charges?source=tickets/time": {Source: &billing.Source{Domain: "tickets", Kind: "time"}, AfterID: 30000},
		"GET_/charges?customer_id&status":  {CustomerID: &cid, Status: billing.Open},
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			f.Limit = 51
			if _, err := billing.List(ctx, tx, f); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "charges")
		})
	}
}
