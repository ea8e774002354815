package hardware

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/testkit"
)

// TestExplainDeliveryLines: a page's delivery lines, joined with their order lines and
// products in one statement, are an index range of the page's deliveries and primary-key
// look-ups at 100,000 lines and order lines (issue 14), not a scan of any table.
func TestExplainDeliveryLines(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "hw_delivery_lines")
	testkit.ShadowTable(t, tx, "hw_order_lines")
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO hw_order_lines (order_line_id, order_id, customer_id, terms_profile, description, quantity, unit, unit_price, vat_rate, accepted_at)
		SELECT g, 1 + g / 2, 1 + g % 200, '004', 'Laptop', 1, 'pcs', 899, '21', now() FROM generate_series(1, 100000) g;
		INSERT INTO hw_delivery_lines (delivery_id, order_line_id, product_id, quantity, serials)
		SELECT 1 + g / 2, g, 1 + g % 30, 1, ARRAY['SN' || g] FROM generate_series(1, 100000) g;
		ANALYZE hw_order_lines; ANALYZE hw_delivery_lines`); err != nil {
		t.Fatal(err)
	}
	ds := make([]*Delivery, 51)
	for i := range ds {
		ds[i] = &Delivery{ID: int64(20000 + i)}
	}
	sqls.Queries = nil
	if err := loadLinesOf(ctx, tx, ds); err != nil {
		t.Fatal(err)
	}
	// the page's ~100 lines are sorted into delivery order (bounded by the page); every
	// table is read by an index
	plan := testkit.Plan(t, tx, sqls.Last(t, "SELECT"))
	for _, want := range []*regexp.Regexp{regexp.MustCompile(`Index Scan using \S+ on hw_delivery_lines delivery_line\s+\(.*\n\s+Index Cond: \(delivery_id = ANY`),
		regexp.MustCompile(`Index Scan using \S+ on hw_order_lines ol`)} {
		if !want.MatchString(plan) {
			t.Errorf("the plan lacks %s:\n%s", want, plan)
		}
	}
	if strings.Contains(plan, "Seq Scan") {
		t.Errorf("the lines scan a table:\n%s", plan)
	}
}
