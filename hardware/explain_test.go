package hardware

import (
	"context"
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
	"backoffice/internal/testkit"
)

// TestExplainHardwareLists proves every hardware list is an index range scan in its own
// order at 100,000 deliveries, 100,000 items, 100,000 defect reports and 100,000 RMAs
// (issue 14), for staff and for a customer's contact, with each filter and after a
// cursor. Customer 17 holds a quarter of every table and item 17 has 2,000 reports, so
// the planner must read their pages in index order rather than sort them.
func TestExplainHardwareLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	for _, tbl := range []string{"hw_deliveries", "hw_items", "hw_defect_reports", "hw_rmas"} {
		testkit.ShadowTable(t, tx, tbl)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO hw_deliveries (order_id, customer_id, terms_profile, status, planned_on, street, postal_code, city, country, created_at, updated_at)
		SELECT 1 + g / 3, CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 'standard',
		       (ARRAY['planned','delivered','stored','terminated'])[1 + g % 4], date '2026-01-01', 'Straat 1', '1234 AB', 'Utrecht', 'NL', now(), now()
		FROM generate_series(1, 100000) g;
		INSERT INTO hw_items (delivery_id, delivery_line_id, product_id, customer_id, order_id, serial, delivered_at, risk_since, title,
		                      title_transferred_at, warranty_covered, warranty_reason, repossession_possible, created_at, updated_at)
		SELECT 1 + g / 2, g, 1 + g % 30, CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 1 + g / 6, 'SN' || g, now(), now(),
		       CASE WHEN g % 5 = 0 THEN 'retained' ELSE 'transferred' END, CASE WHEN g % 5 <> 0 THEN date '2026-02-01' END,
		       true, 'manufacturer', g % 50 = 0, now(), now()
		FROM generate_series(1, 100000) g;
		INSERT INTO hw_defect_reports (item_id, customer_id, kind, description, reported_at, deadline, in_time, created_at)
		SELECT CASE WHEN g % 50 = 0 THEN 17 ELSE 1 + g END, CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 'visible', 'kapot',
		       now(), now(), true, now()
		FROM generate_series(1, 100000) g;
		INSERT INTO hw_rmas (item_id, customer_id, reason, status, created_at, updated_at)
		SELECT CASE WHEN g % 50 = 0 THEN 17 ELSE 1 + g END, CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 'terug', 'requested', now(), now()
		FROM generate_series(1, 100000) g;
		ANALYZE hw_deliveries; ANALYZE hw_items; ANALYZE hw_defect_reports; ANALYZE hw_rmas`); err != nil {
		t.Fatal(err)
	}
	staff := &auth.Principal{UserID: 1, Role: auth.Admin}
	cid := int64(17)
	contact := &auth.Principal{UserID: 2, Role: auth.Customer, CustomerID: &cid}
	run := func(t *testing.T, table string, list func() error) {
		t.Helper()
		sqls.Queries = nil
		if err := list(); err != nil {
			t.Fatal(err)
		}
		for i, q := range sqls.Queries { // the list's own query is the first (products are looked up after)
			if i == 0 {
				testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, q), table)
			}
		}
	}
	for name, c := range map[string]struct {
		p *auth.Principal
		f DeliveryFilter
	}{
		"GET_/deliveries":                {staff, DeliveryFilter{}},
		"GET_/deliveries_after":          {staff, DeliveryFilter{Before: 60000}},
		"GET_/deliveries?status=stored":  {staff, DeliveryFilter{Status: "stored"}},
		"GET_/deliveries?order_id":       {staff, DeliveryFilter{OrderID: 4000}},
		"GET_/deliveries?customer_id":    {staff, DeliveryFilter{CustomerID: 17, Before: 50000}},
		"GET_/deliveries_as_contact":     {contact, DeliveryFilter{}},
		"GET_/deliveries_contact_stored": {contact, DeliveryFilter{Status: "stored", Before: 80000}},
	} {
		t.Run(name, func(t *testing.T) {
			run(t, "hw_deliveries", func() error { _, err := listDeliveries(ctx, tx, c.p, c.f, 51); return err })
		})
	}
	for name, c := range map[string]struct {
		p *auth.Principal
		f ItemFilter
	}{
		"GET_/hardware/items":                       {staff, ItemFilter{}},
		"GET_/hardware/items_after":                 {staff, ItemFilter{After: 40000}},
		"GET_/hardware/items?title=retained":        {staff, ItemFilter{Title: Retained, After: 10000}},
		"GET_/hardware/items?repossession_possible": {staff, ItemFilter{Repossession: true}},
		"GET_/hardware/items?customer_id":           {staff, ItemFilter{CustomerID: 17}},
		"GET_/hardware/items_as_contact":            {contact, ItemFilter{After: 20000}},
		"GET_/deliveries/{id}_items":                {staff, ItemFilter{DeliveryID: 777}},
	} {
		t.Run(name, func(t *testing.T) {
			run(t, "hw_items", func() error { _, err := listItems(ctx, tx, c.p, c.f, 51); return err })
		})
	}
	for name, c := range map[string]struct {
		p *auth.Principal
		f PageFilter
	}{
		"all":          {staff, PageFilter{Limit: 51}},
		"after":        {staff, PageFilter{Limit: 51, Before: 50000}},
		"item_id":      {staff, PageFilter{Limit: 51, ItemID: 17}},
		"as_contact":   {contact, PageFilter{Limit: 51}},
		"contact_item": {contact, PageFilter{Limit: 51, ItemID: 17, Before: 90000}},
	} {
		t.Run("GET_/defect-reports_"+name, func(t *testing.T) {
			run(t, "hw_defect_reports", func() error { var rs []DefectReport; return listDefects(ctx, tx, c.p, c.f, &rs) })
		})
		t.Run("GET_/rmas_"+name, func(t *testing.T) {
			run(t, "hw_rmas", func() error { var rs []RMA; return listRMAs(ctx, tx, c.p, c.f, &rs) })
		})
	}
	// Every sort the pages offer (store_lists.go), both ways, on page 1 and after a cursor.
	for _, dir := range []string{"asc", "desc"} {
		for _, col := range deliveryList.Sorts {
			t.Run("sort_deliveries_"+col.Key+"_"+dir, func(t *testing.T) {
				sorted(t, run, "hw_deliveries", deliveryList, col.Key, dir, func(lq *listq.Query) ([]Delivery, error) {
					return listDeliveries(ctx, tx, staff, DeliveryFilter{List: lq}, 0)
				})
			})
		}
		for _, col := range itemList.Sorts {
			t.Run("sort_items_"+col.Key+"_"+dir, func(t *testing.T) {
				sorted(t, run, "hw_items", itemList, col.Key, dir, func(lq *listq.Query) ([]*Item, error) {
					return listItems(ctx, tx, staff, ItemFilter{List: lq}, 0)
				})
			})
		}
		for _, col := range defectList.Sorts {
			t.Run("sort_defects_"+col.Key+"_"+dir, func(t *testing.T) {
				sorted(t, run, "hw_defect_reports", defectList, col.Key, dir, func(lq *listq.Query) ([]DefectReport, error) {
					var rs []DefectReport
					err := listDefects(ctx, tx, staff, PageFilter{List: lq}, &rs)
					return rs, err
				})
			})
		}
		for _, col := range rmaList.Sorts {
			t.Run("sort_rmas_"+col.Key+"_"+dir, func(t *testing.T) {
				sorted(t, run, "hw_rmas", rmaList, col.Key, dir, func(lq *listq.Query) ([]RMA, error) {
					var rs []RMA
					err := listRMAs(ctx, tx, staff, PageFilter{List: lq}, &rs)
					return rs, err
				})
			})
		}
	}
}

// sorted checks a list's plan under one sort on its first page and after the cursor the
// first page gives.
func sorted[T any](t *testing.T, run func(*testing.T, string, func() error), table string, spec listq.Spec[T], key, dir string, list func(*listq.Query) ([]T, error)) {
	t.Helper()
	lq, err := spec.ParseQuery("sort=" + key + "&dir=" + dir + "&limit=50")
	if err != nil {
		t.Fatal(err)
	}
	var next string
	run(t, table, func() error {
		rows, err := list(&lq)
		_, next = spec.Trim(rows, lq)
		return err
	})
	if next == "" {
		t.Fatal("no second page")
	}
	after, err := spec.ParseQuery("sort=" + key + "&dir=" + dir + "&limit=50&after=" + next)
	if err != nil {
		t.Fatal(err)
	}
	run(t, table, func() error { _, err := list(&after); return err })
}
