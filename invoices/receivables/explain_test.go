package receivables

import (
	"context"
	"testing"

	"backoffice/internal/testkit"
)

// TestExplainReceivablesLists proves the payment and bank-entry lists are index range
// scans newest first at 100,000 rows each (issue 14), for all customers, one large one
// (a quarter of the payments), after a cursor, and the unmatched bank entries.
func TestExplainReceivablesLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tx, sqls := testkit.CaptureTx(t)
	testkit.ShadowTable(t, tx, "payments")
	testkit.ShadowTable(t, tx, "bank_entries")
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments (customer_id, kind, amount, received_on, created_at)
		SELECT CASE WHEN g % 4 = 0 THEN 17 ELSE 1 + g % 200 END, 'payment', 121, date '2020-01-01' + g / 50, now()
		FROM generate_series(1, 100000) g;
		INSERT INTO bank_entries (statement_id, ref, booked_on, amount, payment_id, created_at)
		SELECT 1 + g / 100, 'R' || g, date '2020-01-01' + g / 50, 121, CASE WHEN g % 20 <> 0 THEN g END, now()
		FROM generate_series(1, 100000) g;
		ANALYZE payments; ANALYZE bank_entries`); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ customer, after int64 }{
		"GET_/payments": {0, 0}, "GET_/payments_after": {0, 70000}, "GET_/payments?customer_id": {17, 0}, "GET_/payments?customer_id_after": {17, 40000},
	} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			var rows []Payment
			if err := listPayments(ctx, tx, &rows, c.customer, c.after, 51); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "payments")
		})
	}
	for name, c := range map[string]struct {
		unmatched bool
		before    int64
	}{"GET_/bank-entries": {false, 0}, "GET_/bank-entries_after": {false, 30000}, "GET_/bank-entries?unmatched=true": {true, 0},
		"GET_/bank-entries?unmatched_after": {true, 60000}} {
		t.Run(name, func(t *testing.T) {
			sqls.Queries = nil
			var rows []BankEntry
			if err := listEntries(ctx, tx, c.unmatched, c.before, 51, &rows); err != nil {
				t.Fatal(err)
			}
			testkit.ExpectIndexPlan(t, testkit.Plan(t, tx, sqls.Last(t, "SELECT")), "bank_entries")
		})
	}
}
